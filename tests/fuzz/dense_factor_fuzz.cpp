// Dense factorizations from fuzzed input: every kind (and invalid ones), both dtypes, both
// layouts, options from the input, matrices of order 0 to 6 holding small integers mixed with
// NaN, Inf, denormals and huge values; then every query, inverse, part, solve, Q product,
// shifted solve, rank update and product with A^-1 on the handle. Beyond the common checks
// (fuzz_checks.hpp), solves and inverses of tame matrices are checked against the normal
// equations and the Penrose condition in long double, rcond is in [0, 1], ranks and inertias
// add up, and NaN/Inf is rejected exactly when FL_OPT_CHECK_FINITE is on.
#include "fuzz_factor_checks.hpp"

namespace flfuzz {
namespace {

void apply_q(FuzzInput &in, const fl_factor *f, fl_dtype dtype, int64_t m) {
    bool bad = false;
    const fl_transpose trans = in.choose({FL_NO_TRANS, FL_TRANS}, &bad);
    const fl_dtype d = call_dtype(in, dtype, &bad);
    Mat c(in, d, m, in.size_in(0, 2), &bad);
    c.fill(in);
    const Snapshot before(c);
    const double norm = Dense(c).frobenius();
    const bool ok =
        check_status(fl_factor_apply_q(f, trans, d, c.cols(), c.layout(), c.data(), c.ld()),
                     "fl_factor_apply_q", bad);
    check_buffers("fl_factor_apply_q", ok, {}, {&before});
    if (ok && c.tame())  // Q is orthogonal: the norm stays
        check_close("fl_factor_apply_q", "||Q C||_F", static_cast<double>(Dense(c).frobenius()),
                    norm, 100 * m * epsilon(dtype), norm);
}

void residual_norms(FuzzInput &in, const fl_factor *f, fl_dtype dtype, int64_t m) {
    bool bad = false;
    const fl_dtype d = call_dtype(in, dtype, &bad);
    const int64_t nrhs = in.size_in(0, 2);
    Mat b(in, d, m, nrhs, &bad);
    b.fill(in);
    Mat norms(d, FL_COL_MAJOR, nrhs, 1);
    norms.poison();
    const Snapshot in_b(b), out(norms);
    const bool ok = check_status(
        fl_factor_residual_norms(f, d, nrhs, b.layout(), b.data(), b.ld(), norms.data()),
        "fl_factor_residual_norms", bad);
    check_buffers("fl_factor_residual_norms", ok, {&in_b}, {&out});
}

void solve_shifted(FuzzInput &in, const fl_factor *f, fl_dtype dtype, int64_t n) {
    bool bad = false, tame = true;
    const fl_dtype d = call_dtype(in, dtype, &bad);
    const int64_t nshifts = in.size_in(0, 2), nrhs = in.size_in(0, 2);
    std::vector<double> shifts;
    for (int64_t s = 0; s < nshifts; ++s) shifts.push_back(in.value(&tame));
    Mat b(in, d, n, nrhs, &bad);
    b.fill(in);
    // The nshifts solutions side by side in one buffer: X_l starts at l * stride.
    Mat x(d, FL_COL_MAJOR, n, nrhs * std::max<int64_t>(nshifts, 1));
    x.poison();
    const int64_t stride = n * nrhs;
    const Snapshot in_b(b), out(x);
    const bool ok =
        check_status(fl_factor_solve_shifted(
                         f, d, nshifts, shifts.empty() ? nullptr : shifts.data(), nrhs, b.layout(),
                         b.data(), b.ld(), FL_COL_MAJOR, x.data(), x.ld(), stride),
                     "fl_factor_solve_shifted", bad);
    check_buffers("fl_factor_solve_shifted", ok, {&in_b}, {&out});
}

void rank_update(FuzzInput &in, const fl_factor *f, fl_dtype dtype, int64_t n) {
    bool bad = false;
    const int sign = in.flag() ? 1 : (in.byte() < 250 ? -1 : 0);
    if (sign == 0) bad = true;
    const fl_dtype d = call_dtype(in, dtype, &bad);
    Mat v(in, d, n, in.size_in(0, 2), &bad);
    v.fill(in);
    const Snapshot in_v(v);
    int sentinel = 0;
    fl_factor *updated = reinterpret_cast<fl_factor *>(&sentinel);
    const bool ok = check_status(
        fl_factor_rank_update(&updated, f, sign, d, v.cols(), v.layout(), v.data(), v.ld()),
        "fl_factor_rank_update", bad);
    check_buffers("fl_factor_rank_update", ok, {&in_v}, {});
    if (!ok && updated != nullptr) finding("fl_factor_rank_update failed but *updated is not NULL");
    if (ok) fl_factor_destroy(updated);
}

void products(FuzzInput &in, const fl_factor *f, fl_dtype dtype, int64_t n) {
    bool bad = false;
    const fl_dtype d = call_dtype(in, dtype, &bad);
    const int64_t k = in.size_in(0, 2);
    const uint8_t which = in.byte() % 4;
    bool y_bad = false;  // Y's layout or ld: counts only for the calls that take Y
    Mat y(in, d, n, k, &y_bad);
    y.fill(in);
    const Snapshot in_y(y);
    if (which <= 1) bad = bad || y_bad;
    switch (which) {
        case 0: {
            Mat out(in, d, k, k, &bad);
            out.poison();
            const Snapshot s(out);
            const bool ok =
                check_status(fl_factor_quadratic_form(f, d, k, y.layout(), y.data(), y.ld(),
                                                      out.layout(), out.data(), out.ld()),
                             "fl_factor_quadratic_form", bad);
            check_buffers("fl_factor_quadratic_form", ok, {&in_y}, {&s});
            break;
        }
        case 1: {
            Mat out(d, FL_COL_MAJOR, k, 1);
            out.poison();
            const Snapshot s(out);
            const bool ok = check_status(
                fl_factor_mahalanobis(f, d, k, y.layout(), y.data(), y.ld(), out.data()),
                "fl_factor_mahalanobis", bad);
            check_buffers("fl_factor_mahalanobis", ok, {&in_y}, {&s});
            break;
        }
        case 2: {
            Mat diag(d, FL_COL_MAJOR, n, 1);
            diag.poison();
            const Snapshot s(diag);
            const bool ok = check_status(fl_factor_inverse_diagonal(f, d, diag.data()),
                                         "fl_factor_inverse_diagonal", bad);
            check_buffers("fl_factor_inverse_diagonal", ok, {}, {&s});
            break;
        }
        default: {
            Mat sq(in, d, n, n, &bad);
            sq.fill(in);
            const Snapshot s(sq);
            double trace = 0;
            check_status(fl_factor_trace_solve(f, d, sq.layout(), sq.data(), sq.ld(), &trace),
                         "fl_factor_trace_solve", bad);
            check_buffers("fl_factor_trace_solve", true, {&s}, {});
        }
    }
}

void run(FuzzInput &in) {
    Options options(in);
    bool bad = false;
    const fl_factor_kind kind =
        in.choose({FL_FACTOR_LU, FL_FACTOR_CHOLESKY, FL_FACTOR_LDLT, FL_FACTOR_QR, FL_FACTOR_COD,
                   FL_FACTOR_SVD, FL_FACTOR_EIGH, FL_FACTOR_AUTO},
                  &bad);
    const fl_dtype dtype = in.choose({FL_FLOAT32, FL_FLOAT64}, &bad);
    const int64_t m = in.size_in(0, 6);
    const int64_t n = in.byte() < 192 ? m : in.size_in(0, 6);
    const bool square_kind = kind == FL_FACTOR_LU || kind == FL_FACTOR_CHOLESKY ||
                             kind == FL_FACTOR_LDLT || kind == FL_FACTOR_EIGH;
    if ((square_kind && m != n) || (kind == FL_FACTOR_QR && m < n)) bad = true;
    Mat a(in, dtype, m, n, &bad);
    a.fill(in);
    const Snapshot in_a(a);

    int sentinel = 0;
    fl_factor *f = reinterpret_cast<fl_factor *>(&sentinel);
    const fl_status status =
        fl_factor_create(&f, kind, dtype, a.layout(), m, n, a.data(), a.ld(), options.handle);
    const bool ok = check_status(status, "fl_factor_create", bad);
    check_buffers("fl_factor_create", ok, {&in_a}, {});
    const Dense read = as_read(Dense(a), kind, options.triangle);
    const bool finite = all_finite(read);
    if (!ok) {
        if (f != nullptr) finding("fl_factor_create failed but *factor is not NULL");
        if (!bad && options.check_finite && !finite && status != FL_ERR_NON_FINITE)
            finding("fl_factor_create: NaN/Inf in A gave %s, not FL_ERR_NON_FINITE: %s",
                    fl_status_string(status), fl_last_error());
        return;
    }
    if (options.check_finite && !finite) finding("fl_factor_create accepted NaN/Inf in A");

    const fl_factor_kind got = fl_factor_get_kind(f);
    if (kind == FL_FACTOR_AUTO ? !(got >= FL_FACTOR_LU && got <= FL_FACTOR_EIGH) : got != kind)
        finding("fl_factor_get_kind = %d for a request of %d", got, kind);
    if (fl_factor_get_dtype(f) != dtype || fl_factor_rows(f) != m || fl_factor_cols(f) != n)
        finding("fl_factor_get_dtype/rows/cols disagree with what was factored");

    // Accuracy checks need tame values, and the default rank tolerance where one decides.
    const bool check = a.tame() && (options.default_tolerance || !reveals_rank(got));
    queries(f, got, m, n, finite);
    for (int step = 0; step < 6 && !in.exhausted(); ++step) {
        switch (in.byte() % 8) {
            case 0:
                inverse(in, f, dtype, read, check);
                break;
            case 1:
                parts(in, f, dtype);
                break;
            case 2:
                apply_q(in, f, dtype, m);
                break;
            case 3:
                residual_norms(in, f, dtype, m);
                break;
            case 4:
                solve_shifted(in, f, dtype, n);
                break;
            case 5:
                rank_update(in, f, dtype, n);
                break;
            case 6:
                products(in, f, dtype, n);
                break;
            default:
                solve(in, f, dtype, read, check);
                break;
        }
    }
    fl_factor_destroy(f);
}

}  // namespace
}  // namespace flfuzz

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    flfuzz::FuzzInput in(data, size);
    flfuzz::run(in);
    return 0;
}
