// The block-partitioned sums and the matrix-calculus maps (seed 001) from fuzzed input: block
// sizes that divide or not (and 0), block counts that agree or not, every layout and leading
// dimension, values with NaN/Inf. Each result is compared with the definition as a naive loop
// over the blocks in long double: to the rounding bound for the sums, exactly for the pure
// index maps (vecb, vech, K(m,n), D(n)).
#include "fuzz_checks.hpp"
#include "fuzz_reference.hpp"

#include <deque>

namespace flfuzz {
namespace {

// Block i of n rows.
Dense block(const Dense &a, int64_t i, int64_t n) { return sub(a, i * n, 0, n, a.cols()); }

// The rows of a matrix in blocks of n: l blocks, or 1 time in 32 a count that n does not divide.
int64_t blocked_rows(FuzzInput &in, int64_t n, int64_t l, bool *bad) {
    if (n < 1) *bad = true;
    if (in.byte() < 248 || n < 2) return n * l;
    *bad = true;
    return n * l + 1;
}

struct Call {
    bool bad = false;
    fl_dtype dtype = FL_FLOAT64;
    std::deque<Mat> in;  // the inputs, filled from the fuzz input (a deque keeps references valid)
    Mat out;

    explicit Call(FuzzInput &f) { dtype = f.real_dtype(&bad); }
    const Mat &add(FuzzInput &f, int64_t rows, int64_t cols) {
        in.emplace_back(f, dtype, rows, cols, &bad);
        in.back().fill(f);
        return in.back();
    }
    void output(FuzzInput &f, int64_t rows, int64_t cols) {
        out = Mat(f, dtype, rows, cols, &bad);
        out.poison();
    }
    bool tame() const {
        for (const Mat &m : in)
            if (!m.tame()) return false;
        return true;
    }
    // Runs the call and the common checks; then, for tame inputs, compares out with want.
    template <class F>
    void check(const char *function, F call, const Dense &want, const Dense &scale, int64_t terms) {
        std::vector<Snapshot> inputs;
        for (const Mat &m : in) inputs.emplace_back(m);
        const Snapshot output(out);
        const bool ok = check_status(call(), function, bad);
        for (const Snapshot &s : inputs) check_buffers(function, true, {&s}, {});
        check_buffers(function, ok, {}, {&output});
        if (ok && tame())
            check_matrix(function, out, want, scale, 4 * (terms + 2) * epsilon(dtype));
    }
};

void sum_abt(FuzzInput &f) {
    Call c(f);
    const bool same = f.flag();  // A passed as B too: the SYRK path
    const int64_t n1 = f.size_in(0, 3), l = f.size_in(0, 3), k = f.size_in(0, 3);
    const int64_t n2 = same ? n1 : f.size_in(0, 3);
    const int64_t m1 = blocked_rows(f, n1, l, &c.bad);
    const int64_t m2 = same ? m1 : blocked_rows(f, n2, l, &c.bad);
    const Mat &a = c.add(f, m1, k);
    const Mat &b = same ? a : c.add(f, m2, k);
    c.output(f, n1, n2);
    Dense want(n1, n2), scale(n1, n2);
    if (!c.bad)
        for (int64_t i = 0; i < l; ++i) {
            want = want + block(Dense(a), i, n1) * block(Dense(b), i, n2).transposed();
            scale = scale + absolute(block(Dense(a), i, n1)) *
                                absolute(block(Dense(b), i, n2)).transposed();
        }
    c.check(
        "fl_block_sum_abt",
        [&] {
            return fl_block_sum_abt(c.dtype, m1, m2, k, n1, n2, a.layout(), a.data(), a.ld(),
                                    b.layout(), b.data(), b.ld(), c.out.layout(), c.out.data(),
                                    c.out.ld());
        },
        want, scale, l * k);
}

void sum_acbt(FuzzInput &f) {
    Call c(f);
    const int64_t n1 = f.size_in(0, 3), n2 = f.size_in(0, 3), l = f.size_in(0, 3);
    const int64_t k1 = f.size_in(0, 3), k2 = f.size_in(0, 3);
    const int64_t m1 = blocked_rows(f, n1, l, &c.bad), m2 = blocked_rows(f, n2, l, &c.bad);
    const Mat &a = c.add(f, m1, k1), &cm = c.add(f, k1, k2), &b = c.add(f, m2, k2);
    c.output(f, n1, n2);
    Dense want(n1, n2), scale(n1, n2);
    if (!c.bad)
        for (int64_t i = 0; i < l; ++i) {
            want = want + block(Dense(a), i, n1) * Dense(cm) * block(Dense(b), i, n2).transposed();
            scale = scale + absolute(block(Dense(a), i, n1)) * absolute(Dense(cm)) *
                                absolute(block(Dense(b), i, n2)).transposed();
        }
    c.check(
        "fl_block_sum_acbt",
        [&] {
            return fl_block_sum_acbt(c.dtype, m1, m2, k1, k2, n1, n2, a.layout(), a.data(), a.ld(),
                                     cm.layout(), cm.data(), cm.ld(), b.layout(), b.data(), b.ld(),
                                     c.out.layout(), c.out.data(), c.out.ld());
        },
        want, scale, l * (k1 + 1) * (k2 + 1));
}

void sum_residual(FuzzInput &f) {
    Call c(f);
    const int64_t n = f.size_in(0, 3), l = f.size_in(0, 3), k1 = f.size_in(0, 3),
                  k2 = f.size_in(0, 3);
    const int64_t m = blocked_rows(f, n, l, &c.bad);
    const Mat &a = c.add(f, m, k1), &b = c.add(f, m, k2), &cm = c.add(f, k2, k1);
    c.output(f, n, n);
    Dense want(n, n), scale(n, n);
    if (!c.bad)
        for (int64_t i = 0; i < l; ++i) {
            const Dense r = block(Dense(a), i, n) - block(Dense(b), i, n) * Dense(cm);
            const Dense s = absolute(block(Dense(a), i, n)) +
                            absolute(block(Dense(b), i, n)) * absolute(Dense(cm));
            want = want + r * r.transposed();
            scale = scale + s * s.transposed();
        }
    c.check(
        "fl_block_sum_residual",
        [&] {
            return fl_block_sum_residual(c.dtype, m, k1, k2, n, a.layout(), a.data(), a.ld(),
                                         b.layout(), b.data(), b.ld(), cm.layout(), cm.data(),
                                         cm.ld(), c.out.layout(), c.out.data(), c.out.ld());
        },
        want, scale, l * (k1 + k2 + 1));
}

void sum_kron(FuzzInput &f) {
    Call c(f);
    const int64_t n1 = f.size_in(0, 2), n2 = f.size_in(0, 2), l = f.size_in(0, 3);
    const int64_t k1 = f.size_in(0, 2), k2 = f.size_in(0, 2);
    const int64_t m1 = blocked_rows(f, n1, l, &c.bad), m2 = blocked_rows(f, n2, l, &c.bad);
    const Mat &a = c.add(f, m1, k1), &b = c.add(f, m2, k2);
    c.output(f, n1 * n2, k1 * k2);
    Dense want(n1 * n2, k1 * k2), scale(n1 * n2, k1 * k2);
    if (!c.bad)
        for (int64_t i = 0; i < l; ++i) {
            want = want + kron(block(Dense(a), i, n1), block(Dense(b), i, n2));
            scale = scale + absolute(kron(block(Dense(a), i, n1), block(Dense(b), i, n2)));
        }
    c.check(
        "fl_block_sum_kron",
        [&] {
            return fl_block_sum_kron(c.dtype, m1, m2, k1, k2, n1, n2, a.layout(), a.data(), a.ld(),
                                     b.layout(), b.data(), b.ld(), c.out.layout(), c.out.data(),
                                     c.out.ld());
        },
        want, scale, l);
}

void sum_kron_abt_cdt(FuzzInput &f) {
    Call c(f);
    const int64_t n1 = f.size_in(0, 2), n2 = f.size_in(0, 2), l1 = f.size_in(0, 2),
                  l2 = f.size_in(0, 2);
    const int64_t k1 = f.size_in(0, 2), k2 = f.size_in(0, 2);
    const int64_t m1 = blocked_rows(f, n1, l1, &c.bad), m2 = blocked_rows(f, n2, l2, &c.bad);
    const Mat &a = c.add(f, m1, k1), &b = c.add(f, m2, k1), &cm = c.add(f, m1, k2),
              &d = c.add(f, m2, k2);
    c.output(f, n1 * n1, n2 * n2);
    Dense want(n1 * n1, n2 * n2), scale(n1 * n1, n2 * n2);
    if (!c.bad)
        for (int64_t j = 0; j < l2; ++j)
            for (int64_t i = 0; i < l1; ++i) {
                const Dense ai = block(Dense(a), i, n1), bj = block(Dense(b), j, n2);
                const Dense ci = block(Dense(cm), i, n1), dj = block(Dense(d), j, n2);
                want = want + kron(ai * bj.transposed(), ci * dj.transposed());
                scale = scale + kron(absolute(ai) * absolute(bj).transposed(),
                                     absolute(ci) * absolute(dj).transposed());
            }
    c.check(
        "fl_block_sum_kron_abt_cdt",
        [&] {
            return fl_block_sum_kron_abt_cdt(c.dtype, m1, m2, k1, k2, n1, n2, a.layout(), a.data(),
                                             a.ld(), b.layout(), b.data(), b.ld(), cm.layout(),
                                             cm.data(), cm.ld(), d.layout(), d.data(), d.ld(),
                                             c.out.layout(), c.out.data(), c.out.ld());
        },
        want, scale, (l1 + 1) * (l2 + 1) * (k1 + 1) * (k2 + 1));
}

void sum_kron_grid(FuzzInput &f) {
    Call c(f);
    const int64_t n1 = f.size_in(0, 2), n2 = f.size_in(0, 2), l1 = f.size_in(0, 2),
                  l2 = f.size_in(0, 2);
    const int64_t k = f.size_in(0, 2);
    const int64_t m1 = blocked_rows(f, n1, l1, &c.bad), m2 = blocked_rows(f, n2, l2, &c.bad);
    const Mat &a = c.add(f, m1, m2), &b = c.add(f, m1, k), &cm = c.add(f, m2, k);
    c.output(f, n1 * n1, n2 * n2);
    Dense want(n1 * n1, n2 * n2), scale(n1 * n1, n2 * n2);
    if (!c.bad)
        for (int64_t i = 0; i < l1; ++i)
            for (int64_t j = 0; j < l2; ++j) {
                const Dense aij = sub(Dense(a), i * n1, j * n2, n1, n2);
                const Dense bi = block(Dense(b), i, n1), cj = block(Dense(cm), j, n2);
                want = want + kron(aij, bi * cj.transposed());
                scale = scale + kron(absolute(aij), absolute(bi) * absolute(cj).transposed());
            }
    c.check(
        "fl_block_sum_kron_grid",
        [&] {
            return fl_block_sum_kron_grid(c.dtype, m1, m2, k, n1, n2, a.layout(), a.data(), a.ld(),
                                          b.layout(), b.data(), b.ld(), cm.layout(), cm.data(),
                                          cm.ld(), c.out.layout(), c.out.data(), c.out.ld());
        },
        want, scale, (l1 + 1) * (l2 + 1) * (k + 1));
}

// The position of X(i, j), i >= j, in vech(X) of an n-by-n X.
int64_t vech_index(int64_t n, int64_t i, int64_t j) { return j * n - j * (j - 1) / 2 + (i - j); }

void vecb(FuzzInput &f) {
    Call c(f);
    const int64_t n1 = f.size_in(0, 3), n2 = f.size_in(0, 3), l1 = f.size_in(0, 3),
                  l2 = f.size_in(0, 3);
    const int64_t rows = blocked_rows(f, n1, l1, &c.bad), cols = blocked_rows(f, n2, l2, &c.bad);
    const Mat &x = c.add(f, rows, cols);
    c.output(f, l1 * l2, n1 * n2);
    Dense want(l1 * l2, n1 * n2);
    if (!c.bad)
        for (int64_t i = 0; i < l1; ++i)
            for (int64_t j = 0; j < l2; ++j)
                for (int64_t p = 0; p < n1; ++p)
                    for (int64_t q = 0; q < n2; ++q)
                        want(i * l2 + j, p + q * n1) = x(i * n1 + p, j * n2 + q);
    c.check(
        "fl_vecb",
        [&] {
            return fl_vecb(c.dtype, rows, cols, n1, n2, x.layout(), x.data(), x.ld(),
                           c.out.layout(), c.out.data(), c.out.ld());
        },
        want, Dense(want.rows(), want.cols()), 0);
}

void vech(FuzzInput &f) {
    Call c(f);
    const int64_t n = f.size_in(0, 4);
    const Mat &x = c.add(f, n, n);
    c.out = Mat(c.dtype, FL_COL_MAJOR, n * (n + 1) / 2, 1);
    c.out.poison();
    Dense want(n * (n + 1) / 2, 1);
    for (int64_t j = 0; j < n; ++j)
        for (int64_t i = j; i < n; ++i) want(vech_index(n, i, j), 0) = x(i, j);
    c.check(
        "fl_vech", [&] { return fl_vech(c.dtype, n, x.layout(), x.data(), x.ld(), c.out.data()); },
        want, Dense(want.rows(), 1), 0);
}

// K(m, n) (pinv unused) or D(n) / D(n)^+ as dense matrices.
Dense commutation(int64_t m, int64_t n) {
    Dense k(m * n, m * n);
    for (int64_t i = 0; i < m; ++i)
        for (int64_t j = 0; j < n; ++j) k(j + i * n, i + j * m) = 1;
    return k;
}
Dense duplication(int64_t n, bool pinv) {
    Dense d(n * n, n * (n + 1) / 2), p(n * (n + 1) / 2, n * n);
    for (int64_t i = 0; i < n; ++i)
        for (int64_t j = 0; j < n; ++j) {
            const int64_t k = vech_index(n, std::max(i, j), std::min(i, j));
            d(i + j * n, k) = 1;
            p(k, i + j * n) = i == j ? 1 : 0.5L;
        }
    return pinv ? p : d;
}

void commutation_and_duplication(FuzzInput &f) {
    Call c(f);
    const uint8_t which = f.byte() % 4;
    const int64_t m = f.size_in(0, 3), n = f.size_in(0, 3);
    const bool pinv = f.flag();
    if (which == 0 || which == 1) {  // K(m, n) X, or K(m, n) itself
        const Dense k = commutation(m, n);
        if (which == 1) {
            c.output(f, m * n, m * n);
            c.check(
                "fl_commutation_matrix",
                [&] {
                    return fl_commutation_matrix(c.dtype, m, n, c.out.layout(), c.out.data(),
                                                 c.out.ld());
                },
                k, Dense(k.rows(), k.cols()), 0);
            return;
        }
        const int64_t ncols = f.size_in(0, 3);
        const Mat &x = c.add(f, m * n, ncols);
        c.output(f, m * n, ncols);
        c.check(
            "fl_commutation_apply",
            [&] {
                return fl_commutation_apply(c.dtype, m, n, ncols, x.layout(), x.data(), x.ld(),
                                            c.out.layout(), c.out.data(), c.out.ld());
            },
            k * Dense(x), Dense(m * n, ncols), 0);
        return;
    }
    const Dense d = duplication(n, pinv);
    if (which == 2) {
        c.output(f, d.rows(), d.cols());
        c.check(
            "fl_duplication_matrix",
            [&] {
                return fl_duplication_matrix(c.dtype, n, pinv, c.out.layout(), c.out.data(),
                                             c.out.ld());
            },
            d, Dense(d.rows(), d.cols()), 0);
        return;
    }
    const fl_transpose trans = f.choose({FL_NO_TRANS, FL_TRANS}, &c.bad);
    const Dense op = trans == FL_TRANS ? d.transposed() : d;
    const int64_t ncols = f.size_in(0, 3);
    const Mat &x = c.add(f, op.cols(), ncols);
    c.output(f, op.rows(), ncols);
    c.check(
        "fl_duplication_apply",
        [&] {
            return fl_duplication_apply(c.dtype, n, pinv, trans, ncols, x.layout(), x.data(),
                                        x.ld(), c.out.layout(), c.out.data(), c.out.ld());
        },
        op * Dense(x), absolute(op) * absolute(Dense(x)), 2);
}

}  // namespace
}  // namespace flfuzz

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    flfuzz::FuzzInput in(data, size);
    switch (in.byte() % 9) {
        case 0:
            flfuzz::sum_abt(in);
            break;
        case 1:
            flfuzz::sum_acbt(in);
            break;
        case 2:
            flfuzz::sum_residual(in);
            break;
        case 3:
            flfuzz::sum_kron(in);
            break;
        case 4:
            flfuzz::sum_kron_abt_cdt(in);
            break;
        case 5:
            flfuzz::sum_kron_grid(in);
            break;
        case 6:
            flfuzz::vecb(in);
            break;
        case 7:
            flfuzz::vech(in);
            break;
        default:
            flfuzz::commutation_and_duplication(in);
            break;
    }
    return 0;
}
