// The checks of a factor handle that dense and sparse factors share: options from the input,
// the queries (logdet, rcond, rank, inertia) with their ranges, the inverse against the
// Penrose condition, parts, and solves against the normal equations, each call also under the
// common checks of fuzz_checks.hpp.
#pragma once

#include "fuzz_checks.hpp"
#include "fuzz_reference.hpp"

namespace flfuzz {

// An options handle (or NULL) with settings from the input, and what they mean for the checks.
struct Options {
    fl_options *handle = nullptr;
    bool check_finite = true;
    fl_triangle triangle = FL_LOWER;
    bool default_tolerance = true;
    // Which settings the input asked for: bits 0-3 here; a harness may read more bits.
    uint8_t which = 0;

    explicit Options(FuzzInput &in) {
        if (!in.flag()) return;
        if (!check_status(fl_options_create(&handle), "fl_options_create")) return;
        which = in.byte();
        if (which & 1) {
            const int64_t v = in.size_in(-1, 2);
            if (set_int(FL_OPT_CHECK_FINITE, v, v != 0 && v != 1)) check_finite = v == 1;
        }
        if (which & 2) {
            bool bad = false;
            const fl_triangle t = in.choose({FL_LOWER, FL_UPPER}, &bad);
            if (set_int(FL_OPT_TRIANGLE, t, bad)) triangle = t;
        }
        for (fl_option o : {FL_OPT_RTOL, FL_OPT_ATOL}) {
            if (!(which & (o == FL_OPT_RTOL ? 4 : 8))) continue;
            bool tame = true;
            const double v = in.value(&tame) / 64;
            if (check_status(fl_options_set_real(handle, o, v), "fl_options_set_real")) {
                default_tolerance = false;
                double back = 0;
                check_status(fl_options_get_real(handle, o, &back), "fl_options_get_real");
                if (!(back == v)) finding("fl_options_get_real gives %g after setting %g", back, v);
            }
        }
    }
    ~Options() { fl_options_destroy(handle); }

    bool set_int(fl_option o, int64_t v, bool bad) {
        if (!check_status(fl_options_set_int(handle, o, v), "fl_options_set_int", bad))
            return false;
        int64_t back = 0;
        check_status(fl_options_get_int(handle, o, &back), "fl_options_get_int");
        if (back != v)
            finding("fl_options_get_int gives %lld after setting %lld", (long long)back,
                    (long long)v);
        return true;
    }
};

inline bool reads_one_triangle(fl_factor_kind k) {
    return k == FL_FACTOR_CHOLESKY || k == FL_FACTOR_LDLT || k == FL_FACTOR_EIGH ||
           k == FL_FACTOR_SPARSE_CHOLESKY;
}
inline bool reveals_rank(fl_factor_kind k) {
    return k == FL_FACTOR_COD || k == FL_FACTOR_SVD || k == FL_FACTOR_EIGH ||
           k == FL_FACTOR_SPARSE_QR;
}
inline fl_dtype other(fl_dtype d) { return d == FL_FLOAT32 ? FL_FLOAT64 : FL_FLOAT32; }

// A as the factor reads it: the chosen triangle mirrored for the symmetric kinds (in the
// caller's layout, as FL_OPT_TRIANGLE is defined), all of it otherwise.
inline Dense as_read(Dense d, fl_factor_kind kind, fl_triangle triangle) {
    if (!reads_one_triangle(kind) || d.rows() != d.cols()) return d;
    for (int64_t i = 0; i < d.rows(); ++i)
        for (int64_t j = 0; j < i; ++j) {
            if (triangle == FL_LOWER)
                d(j, i) = d(i, j);
            else
                d(i, j) = d(j, i);
        }
    return d;
}

inline bool all_finite(const Dense &d) {
    for (int64_t i = 0; i < d.rows(); ++i)
        for (int64_t j = 0; j < d.cols(); ++j)
            if (!std::isfinite(static_cast<double>(d(i, j)))) return false;
    return true;
}

// The dtype of a call's matrices: the factor's, or 1 time in 16 the other one.
inline fl_dtype call_dtype(FuzzInput &in, fl_dtype factor_dtype, bool *bad) {
    if (in.byte() < 240) return factor_dtype;
    *bad = true;
    return other(factor_dtype);
}

inline void queries(const fl_factor *f, fl_factor_kind kind, int64_t m, int64_t n, bool finite) {
    double sign = 2, logabsdet = 0, rcond = -1;
    if (check_status(fl_factor_logdet(f, &sign, &logabsdet), "fl_factor_logdet") &&
        !(sign == 1 || sign == -1 || sign == 0))
        finding("fl_factor_logdet: sign = %g", sign);
    if (check_status(fl_factor_rcond(f, &rcond), "fl_factor_rcond") && finite &&
        !(rcond >= 0 && rcond <= 1))
        finding("fl_factor_rcond = %g for a finite matrix (kind %d), outside [0, 1]", rcond, kind);
    int64_t rank = -1, pos = -1, neg = -1, zero = -1;
    if (check_status(fl_factor_rank(f, &rank), "fl_factor_rank") &&
        !(rank >= 0 && rank <= std::min(m, n)))
        finding("fl_factor_rank = %lld for a %lld x %lld matrix", (long long)rank, (long long)m,
                (long long)n);
    if (check_status(fl_factor_inertia(f, &pos, &neg, &zero), "fl_factor_inertia") &&
        !(pos >= 0 && neg >= 0 && zero >= 0 && pos + neg + zero == n))
        finding("fl_factor_inertia = (%lld, %lld, %lld) for order %lld", (long long)pos,
                (long long)neg, (long long)zero, (long long)n);
}

inline void inverse(FuzzInput &in, const fl_factor *f, fl_dtype dtype, const Dense &a, bool check) {
    bool bad = false;
    const fl_dtype d = call_dtype(in, dtype, &bad);
    Mat inv(in, d, a.cols(), a.rows(), &bad);
    inv.poison();
    const Snapshot out(inv);
    const bool ok = check_status(fl_factor_inverse(f, d, inv.layout(), inv.data(), inv.ld()),
                                 "fl_factor_inverse", bad);
    check_buffers("fl_factor_inverse", ok, {}, {&out});
    if (ok && check) {
        const double r = penrose_residual(a, Dense(inv), epsilon(dtype));
        if (!(r < kResidualLimit)) finding("fl_factor_inverse: ||A X A - A|| scaled = %g", r);
    }
}

inline void parts(FuzzInput &in, const fl_factor *f, fl_dtype dtype) {
    bool bad = false;
    const fl_factor_part part =
        in.choose({FL_PART_SINGULAR_VALUES, FL_PART_U, FL_PART_VT, FL_PART_EIGENVALUES,
                   FL_PART_EIGENVECTORS, FL_PART_Q, FL_PART_R},
                  &bad);
    int64_t rows = -1, cols = -1;
    if (!check_status(fl_factor_part_shape(f, part, &rows, &cols), "fl_factor_part_shape", bad))
        return;
    if (rows < 0 || cols < 0 || rows > 8 || cols > 8)
        finding("fl_factor_part_shape: %lld x %lld", (long long)rows, (long long)cols);
    const fl_dtype d = call_dtype(in, dtype, &bad);
    Mat out(in, d, rows, cols, &bad);
    out.poison();
    const Snapshot before(out);
    const bool ok = check_status(fl_factor_get_part(f, part, d, out.layout(), out.data(), out.ld()),
                                 "fl_factor_get_part", bad);
    check_buffers("fl_factor_get_part", ok, {}, {&before});
}

// check_trans = false: FL_TRANS solves are not least-squares solutions (sparse QR of a matrix
// without full column rank), so only FL_NO_TRANS ones are checked.
inline void solve(FuzzInput &in, const fl_factor *f, fl_dtype dtype, const Dense &a, bool check,
                  bool check_trans = true) {
    bool bad = false;
    const fl_transpose trans = in.choose({FL_NO_TRANS, FL_TRANS}, &bad);
    const int64_t nrhs = in.size_in(0, 3);
    const fl_dtype d = call_dtype(in, dtype, &bad);
    const Dense op = trans == FL_TRANS ? a.transposed() : a;
    Mat b(in, d, op.rows(), nrhs, &bad);
    b.fill(in);
    Mat x(in, d, op.cols(), nrhs, &bad);
    x.poison();
    const Snapshot in_b(b), out_x(x);
    const bool ok = check_status(fl_factor_solve(f, trans, d, nrhs, b.layout(), b.data(), b.ld(),
                                                 x.layout(), x.data(), x.ld()),
                                 "fl_factor_solve", bad);
    check_buffers("fl_factor_solve", ok, {&in_b}, {&out_x});
    if (ok && check && (trans == FL_NO_TRANS || check_trans) && b.tame()) {
        const double r = normal_equations_residual(op, Dense(x), Dense(b), epsilon(dtype));
        if (!(r < kResidualLimit))
            finding(
                "fl_factor_solve: normal-equations residual %g (kind %d, %lld x %lld, trans %d, "
                "nrhs %lld)",
                r, fl_factor_get_kind(f), (long long)a.rows(), (long long)a.cols(), trans,
                (long long)nrhs);
    }
}

}  // namespace flfuzz
