// Seed 001's block sums (fl_block_sum_*) against the notebook's loop definitions, evaluated
// in long double: every input and output layout, padded and unpadded leading dimensions,
// one block, blocks of one row, non-square blocks, n1 != n2, empty sums, float and double.
//
// Accuracy: each entry of a sum of K products of inputs must satisfy, as GEMM's error bound,
//   |S - S_ref| <= threshold * K * eps * S_abs,
// where S_abs is the same sum over the absolute values of the terms (long double).
#include "error_expect.hpp"

#include <functional>

namespace fltest {
namespace {

FLTEST_TYPED_SUITE(BlockSums);

// The loop definition of one sum: its value and the sum of its terms' absolute values.
struct Expected {
    Ref value;
    Ref bound;
    double terms = 1;  // products accumulated per entry
};

// The scaled error above, largest over the entries.
double scaled_error(const Ref &got, const Expected &e, double eps) {
    double worst = 0;
    for (int64_t i = 0; i < got.rows; ++i)
        for (int64_t j = 0; j < got.cols; ++j) {
            const long double err = std::fabs(got(i, j) - e.value(i, j));
            const double r =
                ratio(err, e.bound(i, j) * static_cast<long double>(std::max(e.terms, 1.0) * eps));
            worst = std::isnan(r) ? INFINITY : std::max(worst, r);
        }
    return worst;
}

// Block (i, j) element (p, r) of x for blocks of n1-by-n2.
long double at(const Ref &x, int64_t i, int64_t n1, int64_t p, int64_t j = 0, int64_t n2 = 0,
               int64_t r = 0) {
    return x(i * n1 + p, j * n2 + r);
}

// ---- The notebook's loops, in long double ------------------------------------------------

// Lemma 1: sum_i A_i B_i^T.
Expected loop_abt(const Ref &a, int64_t n1, const Ref &b, int64_t n2) {
    Expected e{Ref(n1, n2), Ref(n1, n2), double(a.rows / n1 * a.cols)};
    for (int64_t i = 0; i < a.rows / n1; ++i)
        for (int64_t p = 0; p < n1; ++p)
            for (int64_t q = 0; q < n2; ++q)
                for (int64_t c = 0; c < a.cols; ++c) {
                    const long double t = at(a, i, n1, p, 0, 0, c) * at(b, i, n2, q, 0, 0, c);
                    e.value(p, q) += t;
                    e.bound(p, q) += std::fabs(t);
                }
    return e;
}

// Lemma 2: sum_i A_i C B_i^T.
Expected loop_acbt(const Ref &a, int64_t n1, const Ref &c, const Ref &b, int64_t n2) {
    Expected e{Ref(n1, n2), Ref(n1, n2), double(a.rows / n1 * c.rows * c.cols)};
    for (int64_t i = 0; i < a.rows / n1; ++i)
        for (int64_t p = 0; p < n1; ++p)
            for (int64_t q = 0; q < n2; ++q)
                for (int64_t s = 0; s < c.rows; ++s)
                    for (int64_t t = 0; t < c.cols; ++t) {
                        const long double v =
                            at(a, i, n1, p, 0, 0, s) * c(s, t) * at(b, i, n2, q, 0, 0, t);
                        e.value(p, q) += v;
                        e.bound(p, q) += std::fabs(v);
                    }
    return e;
}

// Lemma 3: sum_i (A_i - B_i C)(A_i - B_i C)^T, the residual and its magnitude first.
Expected loop_residual(const Ref &a, const Ref &b, const Ref &c, int64_t n) {
    Ref r(a.rows, a.cols), size(a.rows, a.cols);
    for (int64_t i = 0; i < a.rows; ++i)
        for (int64_t j = 0; j < a.cols; ++j) {
            r(i, j) = a(i, j);
            size(i, j) = std::fabs(a(i, j));
            for (int64_t t = 0; t < b.cols; ++t) {
                r(i, j) -= b(i, t) * c(t, j);
                size(i, j) += std::fabs(b(i, t) * c(t, j));
            }
        }
    Expected e = loop_abt(r, n, r, n);
    e.bound = loop_abt(size, n, size, n).value;
    e.terms *= double(b.cols + 1);
    return e;
}

// Lemma 4: sum_i A_i (x) B_i.
Expected loop_kron(const Ref &a, int64_t n1, const Ref &b, int64_t n2) {
    const int64_t k1 = a.cols, k2 = b.cols;
    Expected e{Ref(n1 * n2, k1 * k2), Ref(n1 * n2, k1 * k2), double(a.rows / n1)};
    for (int64_t i = 0; i < a.rows / n1; ++i)
        for (int64_t p = 0; p < n1; ++p)
            for (int64_t q = 0; q < n2; ++q)
                for (int64_t c = 0; c < k1; ++c)
                    for (int64_t d = 0; d < k2; ++d) {
                        const long double t = at(a, i, n1, p, 0, 0, c) * at(b, i, n2, q, 0, 0, d);
                        e.value(p * n2 + q, c * k2 + d) += t;
                        e.bound(p * n2 + q, c * k2 + d) += std::fabs(t);
                    }
    return e;
}

// sum_ij X_ij (x) Y_ij for X and Y in n1-by-n2 blocks (Lemma 6 with Y = B C^T, Lemma 5 with
// X = A B^T and Y = C D^T); xs, ys: the magnitudes of X's and Y's entries' terms.
Expected loop_grid(const Ref &x, const Ref &xs, const Ref &y, const Ref &ys, int64_t n1, int64_t n2,
                   double terms) {
    Expected e{Ref(n1 * n1, n2 * n2), Ref(n1 * n1, n2 * n2), terms};
    for (int64_t i = 0; i < x.rows / n1; ++i)
        for (int64_t j = 0; j < x.cols / n2; ++j)
            for (int64_t p = 0; p < n1; ++p)
                for (int64_t q = 0; q < n1; ++q)
                    for (int64_t r = 0; r < n2; ++r)
                        for (int64_t s = 0; s < n2; ++s) {
                            e.value(p * n1 + q, r * n2 + s) +=
                                at(x, i, n1, p, j, n2, r) * at(y, i, n1, q, j, n2, s);
                            e.bound(p * n1 + q, r * n2 + s) +=
                                at(xs, i, n1, p, j, n2, r) * at(ys, i, n1, q, j, n2, s);
                        }
    return e;
}

Ref absolute(const Ref &a) {
    Ref r = a;
    for (auto &v : r.v) v = std::fabs(v);
    return r;
}

Expected loop_kron_abt_cdt(const Ref &a, const Ref &b, const Ref &c, const Ref &d, int64_t n1,
                           int64_t n2) {
    return loop_grid(multiply(a, transpose(b)), multiply(absolute(a), transpose(absolute(b))),
                     multiply(c, transpose(d)), multiply(absolute(c), transpose(absolute(d))), n1,
                     n2, double(a.rows / n1 * (b.rows / n2) * a.cols * c.cols));
}

Expected loop_kron_grid(const Ref &a, const Ref &b, const Ref &c, int64_t n1, int64_t n2) {
    return loop_grid(a, absolute(a), multiply(b, transpose(c)),
                     multiply(absolute(b), transpose(absolute(c))), n1, n2,
                     double(a.rows / n1 * (a.cols / n2) * b.cols));
}

// ---- Running one sum over every layout ---------------------------------------------------

template <class T>
using Call = std::function<fl_status(const std::vector<Matrix<T>> &, Matrix<T> &)>;

// Inputs with entries in [-1, 1], rounded to T, and with rows scaled over 10^-3 .. 10^3 when
// `wide` (sums with heavy cancellation relative to their terms).
Ref input(int64_t rows, int64_t cols, uint64_t seed, bool wide = false) {
    Ref r = random_ref(rows, cols, seed);
    if (wide)
        for (int64_t i = 0; i < rows; ++i)
            for (int64_t j = 0; j < cols; ++j)
                r(i, j) *= std::pow(10.0L, static_cast<long double>(i % 7) - 3);
    return r;
}

// Runs `call` for every assignment of layouts to the inputs and the output, with leading
// dimensions tight and padded (NaN padding: never read, never written), and checks each
// result against e.
template <class T>
void check_every_layout(const std::vector<Ref> &inputs, const Expected &e, const Call<T> &call) {
    const unsigned count = static_cast<unsigned>(inputs.size());
    for (int64_t pad : {0, 2})
        for (unsigned mask = 0; mask < (1u << (count + 1)); ++mask) {
            std::vector<Matrix<T>> ms;
            std::string trace = "pad " + std::to_string(pad) + ":";
            for (unsigned t = 0; t <= count; ++t) trace += (mask >> t) & 1 ? " row" : " col";
            SCOPED_TRACE(trace);
            for (unsigned t = 0; t < count; ++t)
                ms.push_back(Matrix<T>::from_ref(
                    inputs[t], (mask >> t) & 1 ? FL_ROW_MAJOR : FL_COL_MAJOR, pad));
            Matrix<T> out(e.value.rows, e.value.cols,
                          (mask >> count) & 1 ? FL_ROW_MAJOR : FL_COL_MAJOR, pad + 1);
            const Matrix<T> before = out;
            ASSERT_EQ(call(ms, out), FL_OK) << fl_last_error();
            EXPECT_TRUE(out.padding_equal(before)) << "out's padding was written";
            EXPECT_LT(scaled_error(out.to_ref(), e, eps<T>()), kResidualThreshold);
        }
}

// Every entry below the diagonal equals its mirror bit for bit (the symmetric sums).
template <class T>
void expect_exactly_symmetric(const Matrix<T> &out) {
    for (int64_t i = 0; i < out.rows(); ++i)
        for (int64_t j = 0; j < i; ++j) EXPECT_EQ(out(i, j), out(j, i));
}

#define FLTEST_M(x) (x).layout(), (x).data(), (x).ld()

// One case per line: the sizes the notebook uses, one block, blocks of one row, non-square
// blocks, n1 != n2, empty sums.
struct RowBlockCase {
    int64_t l, n1, n2, k1, k2;
};
constexpr RowBlockCase kRowCases[] = {
    {4, 2, 2, 4, 3},   // the notebook's Lemma 1 shapes (m = 8, n = 2, k = 4)
    {1, 5, 5, 3, 2},   // one block
    {7, 1, 1, 3, 4},   // blocks of one row
    {3, 3, 2, 5, 1},   // n1 != n2, a single column on one side
    {5, 2, 4, 1, 6},   // wide blocks of one column
    {0, 2, 3, 3, 2},   // no blocks at all: a zero result
    {3, 2, 2, 0, 2},   // no columns
    {1, 1, 1, 1, 1},   // 1x1
    {40, 3, 3, 9, 5},  // many blocks
    // Above 4096 multiply-adds Lemma 1 leaves its plain loops for BLAS: one block (a
    // product), blocks side by side (no copy, or packed), SYRK.
    {1, 20, 30, 12, 3},
    {60, 3, 4, 20, 4},
    {5, 16, 20, 10, 3},  // tall blocks: no copy for contiguous column-major A and B
    {3, 64, 70, 64, 2},  // big blocks: one GEMM per block
};

TYPED_TEST(BlockSums, Lemma1SumABt) {
    using T = TypeParam;
    for (const RowBlockCase &c : kRowCases)
        for (bool wide : {false, true}) {
            SCOPED_TRACE("l " + std::to_string(c.l) + " n1 " + std::to_string(c.n1) + " n2 " +
                         std::to_string(c.n2) + " k " + std::to_string(c.k1) +
                         (wide ? " wide" : ""));
            const Ref a = rounded<T>(input(c.l * c.n1, c.k1, 1, wide)),
                      b = rounded<T>(input(c.l * c.n2, c.k1, 2, wide));
            check_every_layout<T>(
                {a, b}, loop_abt(a, c.n1, b, c.n2), [&](const auto &m, Matrix<T> &out) {
                    return fl_block_sum_abt(Dtype<T>::value, a.rows, b.rows, a.cols, c.n1, c.n2,
                                            FLTEST_M(m[0]), FLTEST_M(m[1]), FLTEST_M(out));
                });
        }
}

TYPED_TEST(BlockSums, Lemma1WithOneMatrixTwiceIsExactlySymmetric) {
    using T = TypeParam;
    for (const RowBlockCase &c : kRowCases) {
        const Ref a = rounded<T>(input(c.l * c.n1, c.k1, 3));
        check_every_layout<T>({a}, loop_abt(a, c.n1, a, c.n1), [&](const auto &m, Matrix<T> &out) {
            const fl_status s =
                fl_block_sum_abt(Dtype<T>::value, a.rows, a.rows, a.cols, c.n1, c.n1,
                                 FLTEST_M(m[0]), FLTEST_M(m[0]), FLTEST_M(out));
            expect_exactly_symmetric(out);
            return s;
        });
    }
}

// The notebook's sumAijBijt: sum_ij A_ij B_ij^T is Lemma 1 of the whole block rows.
TYPED_TEST(BlockSums, SumAijBijtIsLemma1OfTheBlockRows) {
    using T = TypeParam;
    const int64_t l1 = 3, l2 = 4, n1 = 2, n2 = 3, n3 = 5;
    const Ref a = rounded<T>(input(l1 * n1, l2 * n2, 4)),
              b = rounded<T>(input(l1 * n3, l2 * n2, 5));
    Expected e{Ref(n1, n3), Ref(n1, n3), double(l1 * l2 * n2)};
    for (int64_t i = 0; i < l1; ++i)
        for (int64_t j = 0; j < l2; ++j)
            for (int64_t p = 0; p < n1; ++p)
                for (int64_t q = 0; q < n3; ++q)
                    for (int64_t r = 0; r < n2; ++r) {
                        const long double t = at(a, i, n1, p, j, n2, r) * at(b, i, n3, q, j, n2, r);
                        e.value(p, q) += t;
                        e.bound(p, q) += std::fabs(t);
                    }
    check_every_layout<T>({a, b}, e, [&](const auto &m, Matrix<T> &out) {
        return fl_block_sum_abt(Dtype<T>::value, a.rows, b.rows, a.cols, n1, n3, FLTEST_M(m[0]),
                                FLTEST_M(m[1]), FLTEST_M(out));
    });
}

TYPED_TEST(BlockSums, Lemma2SumACBt) {
    using T = TypeParam;
    for (const RowBlockCase &c : kRowCases)
        for (int64_t k2 : {c.k2, c.k1 + 3}) {  // both association orders
            SCOPED_TRACE("l " + std::to_string(c.l) + " k1 " + std::to_string(c.k1) + " k2 " +
                         std::to_string(k2));
            const Ref a = rounded<T>(input(c.l * c.n1, c.k1, 6)),
                      cm = rounded<T>(input(c.k1, k2, 7)), b = rounded<T>(input(c.l * c.n2, k2, 8));
            check_every_layout<T>(
                {a, cm, b}, loop_acbt(a, c.n1, cm, b, c.n2), [&](const auto &m, Matrix<T> &out) {
                    return fl_block_sum_acbt(Dtype<T>::value, a.rows, b.rows, c.k1, k2, c.n1, c.n2,
                                             FLTEST_M(m[0]), FLTEST_M(m[1]), FLTEST_M(m[2]),
                                             FLTEST_M(out));
                });
        }
}

TYPED_TEST(BlockSums, Lemma3SumOfResidualProducts) {
    using T = TypeParam;
    for (const RowBlockCase &c : kRowCases) {
        SCOPED_TRACE("l " + std::to_string(c.l) + " n " + std::to_string(c.n1));
        const Ref a = rounded<T>(input(c.l * c.n1, c.k1, 9)),
                  b = rounded<T>(input(c.l * c.n1, c.k2, 10)),
                  cm = rounded<T>(input(c.k2, c.k1, 11));
        check_every_layout<T>(
            {a, b, cm}, loop_residual(a, b, cm, c.n1), [&](const auto &m, Matrix<T> &out) {
                const fl_status s =
                    fl_block_sum_residual(Dtype<T>::value, a.rows, c.k1, c.k2, c.n1, FLTEST_M(m[0]),
                                          FLTEST_M(m[1]), FLTEST_M(m[2]), FLTEST_M(out));
                expect_exactly_symmetric(out);
                return s;
            });
    }
}

TYPED_TEST(BlockSums, Lemma4SumOfKroneckerProducts) {
    using T = TypeParam;
    for (const RowBlockCase &c : kRowCases) {
        SCOPED_TRACE("l " + std::to_string(c.l) + " n1 " + std::to_string(c.n1) + " n2 " +
                     std::to_string(c.n2));
        const Ref a = rounded<T>(input(c.l * c.n1, c.k1, 12)),
                  b = rounded<T>(input(c.l * c.n2, c.k2, 13));
        check_every_layout<T>(
            {a, b}, loop_kron(a, c.n1, b, c.n2), [&](const auto &m, Matrix<T> &out) {
                return fl_block_sum_kron(Dtype<T>::value, a.rows, b.rows, c.k1, c.k2, c.n1, c.n2,
                                         FLTEST_M(m[0]), FLTEST_M(m[1]), FLTEST_M(out));
            });
    }
}

// Lemmas 5 and 6 pair every block i of one side with every block j of the other.
struct GridCase {
    int64_t l1, l2, n1, n2, k1, k2;
};
constexpr GridCase kGridCases[] = {
    {3, 4, 2, 2, 1, 1},                        // narrow k: Lemma 5 goes Kronecker first
    {20, 25, 2, 2, 2, 1}, {3, 4, 2, 2, 6, 5},  // wide k: Lemma 5 goes products first
    {2, 3, 3, 2, 4, 3},                        // n1 != n2, non-square blocks
    {1, 1, 3, 4, 2, 2},                        // one block on each side
    {4, 5, 1, 1, 3, 2},                        // blocks of one row
    {0, 3, 2, 2, 2, 2},                        // no blocks on one side
    {2, 2, 2, 3, 0, 2},                        // no columns
};

TYPED_TEST(BlockSums, Lemma5DoubleSumOfKroneckerProducts) {
    using T = TypeParam;
    for (const GridCase &c : kGridCases) {
        SCOPED_TRACE("l1 " + std::to_string(c.l1) + " l2 " + std::to_string(c.l2) + " k1 " +
                     std::to_string(c.k1) + " k2 " + std::to_string(c.k2));
        const int64_t m1 = c.l1 * c.n1, m2 = c.l2 * c.n2;
        const Ref a = rounded<T>(input(m1, c.k1, 14)), b = rounded<T>(input(m2, c.k1, 15)),
                  cm = rounded<T>(input(m1, c.k2, 16)), d = rounded<T>(input(m2, c.k2, 17));
        check_every_layout<T>({a, b, cm, d}, loop_kron_abt_cdt(a, b, cm, d, c.n1, c.n2),
                              [&](const auto &m, Matrix<T> &out) {
                                  return fl_block_sum_kron_abt_cdt(Dtype<T>::value, m1, m2, c.k1,
                                                                   c.k2, c.n1, c.n2, FLTEST_M(m[0]),
                                                                   FLTEST_M(m[1]), FLTEST_M(m[2]),
                                                                   FLTEST_M(m[3]), FLTEST_M(out));
                              });
    }
}

TYPED_TEST(BlockSums, Lemma6GridSumOfKroneckerProducts) {
    using T = TypeParam;
    for (const GridCase &c : kGridCases) {
        SCOPED_TRACE("l1 " + std::to_string(c.l1) + " l2 " + std::to_string(c.l2) + " n1 " +
                     std::to_string(c.n1) + " n2 " + std::to_string(c.n2));
        const int64_t m1 = c.l1 * c.n1, m2 = c.l2 * c.n2;
        const Ref a = rounded<T>(input(m1, m2, 18)), b = rounded<T>(input(m1, c.k1, 19)),
                  cm = rounded<T>(input(m2, c.k1, 20));
        check_every_layout<T>(
            {a, b, cm}, loop_kron_grid(a, b, cm, c.n1, c.n2), [&](const auto &m, Matrix<T> &out) {
                return fl_block_sum_kron_grid(Dtype<T>::value, m1, m2, c.k1, c.n1, c.n2,
                                              FLTEST_M(m[0]), FLTEST_M(m[1]), FLTEST_M(m[2]),
                                              FLTEST_M(out));
            });
    }
}

// Larger than one packed panel (2^17 elements) and than one band of B C^T, so that the
// panel-by-panel accumulation is exercised; float accumulates 10^4 terms.
TYPED_TEST(BlockSums, ManyPanels) {
    using T = TypeParam;
    const Ref a = rounded<T>(input(6000, 50, 21)), b = rounded<T>(input(4000, 50, 22));
    check_every_layout<T>({a, b}, loop_abt(a, 3, b, 2), [&](const auto &m, Matrix<T> &out) {
        return fl_block_sum_abt(Dtype<T>::value, a.rows, b.rows, a.cols, 3, 2, FLTEST_M(m[0]),
                                FLTEST_M(m[1]), FLTEST_M(out));
    });
    const Ref g = rounded<T>(input(1200, 900, 23)), gb = rounded<T>(input(1200, 3, 24)),
              gc = rounded<T>(input(900, 3, 25));
    const Expected e = loop_kron_grid(g, gb, gc, 2, 3);
    check_every_layout<T>({g, gb, gc}, e, [&](const auto &m, Matrix<T> &out) {
        return fl_block_sum_kron_grid(Dtype<T>::value, 1200, 900, 3, 2, 3, FLTEST_M(m[0]),
                                      FLTEST_M(m[1]), FLTEST_M(m[2]), FLTEST_M(out));
    });
}

TEST(BlockSumValues, NaNPropagates) {
    std::vector<double> a(8, 1.0), b(8, 1.0), out(4, 0.0);
    a[5] = NAN;  // row 1 of block 2 (column-major 4x2 A, blocks of 2 rows)
    ASSERT_EQ(fl_block_sum_abt(FL_FLOAT64, 4, 4, 2, 2, 2, FL_COL_MAJOR, a.data(), 4, FL_COL_MAJOR,
                               b.data(), 4, FL_COL_MAJOR, out.data(), 2),
              FL_OK);
    EXPECT_TRUE(std::isnan(out[1]) && std::isnan(out[3]));
    EXPECT_EQ(out[0], 4.0);
}

// ---- Bad arguments -----------------------------------------------------------------------

const char *kAbt = "fl_block_sum_abt";

class BlockSumErrors : public ::testing::Test {
protected:
    std::vector<double> a_ = std::vector<double>(64, 1.0), b_ = std::vector<double>(64, 1.0),
                        c_ = std::vector<double>(64, 1.0), d_ = std::vector<double>(64, 1.0),
                        out_ = std::vector<double>(64, 0.0);
    // Lemma 1 on 8x4 A and B (blocks of 2 rows) with one argument changed.
    fl_status abt(int64_t m1, int64_t m2, int64_t k, int64_t n1, int64_t n2,
                  fl_layout la = FL_COL_MAJOR, const void *a = nullptr, int64_t lda = 8,
                  int64_t ldb = 8, void *out = nullptr, int64_t ldout = 2,
                  fl_dtype dtype = FL_FLOAT64) {
        return fl_block_sum_abt(dtype, m1, m2, k, n1, n2, la, a ? a : a_.data(), lda, FL_COL_MAJOR,
                                b_.data(), ldb, FL_COL_MAJOR, out ? out : out_.data(), ldout);
    }
};

TEST_F(BlockSumErrors, BlockSizes) {
    EXPECT_ERROR(abt(8, 8, 4, 3, 2), FL_ERR_INVALID_ARGUMENT, kAbt, "n1 = 3", "does not divide",
                 "m1 = 8");
    EXPECT_ERROR(abt(8, 8, 4, 2, 3), FL_ERR_INVALID_ARGUMENT, kAbt, "n2 = 3", "m2 = 8");
    EXPECT_ERROR(abt(8, 8, 4, 0, 2), FL_ERR_INVALID_ARGUMENT, kAbt, "n1 = 0", "block size");
    EXPECT_ERROR(abt(8, 8, 4, -2, 2), FL_ERR_INVALID_ARGUMENT, kAbt, "n1 = -2");
    EXPECT_ERROR(abt(8, 8, 4, 2, 4), FL_ERR_DIMENSION_MISMATCH, kAbt, "m1 / n1 = 4", "m2 / n2 = 2");
    EXPECT_ERROR(abt(0, 0, 4, int64_t{1} << 40, 1), FL_ERR_TOO_LARGE, kAbt, "n1");
}

TEST_F(BlockSumErrors, SizesPointersLeadingDimensionsEnums) {
    EXPECT_ERROR(abt(-8, 8, 4, 2, 2), FL_ERR_INVALID_ARGUMENT, kAbt, "m1 = -8");
    EXPECT_ERROR(abt(8, 8, -1, 2, 2), FL_ERR_INVALID_ARGUMENT, kAbt, "k = -1");
    EXPECT_ERROR(abt(8, 8, 4, 2, 2, FL_COL_MAJOR, nullptr, 7), FL_ERR_INVALID_ARGUMENT, kAbt,
                 "lda = 7", "m1 = 8");
    EXPECT_ERROR(abt(8, 8, 4, 2, 2, FL_ROW_MAJOR, nullptr, 3), FL_ERR_INVALID_ARGUMENT, kAbt,
                 "lda = 3", "k = 4");
    EXPECT_ERROR(abt(8, 8, 4, 2, 2, FL_COL_MAJOR, nullptr, 8, 0), FL_ERR_INVALID_ARGUMENT, kAbt,
                 "ldb = 0");
    EXPECT_ERROR(abt(8, 8, 4, 2, 2, FL_COL_MAJOR, nullptr, 8, 8, nullptr, 1),
                 FL_ERR_INVALID_ARGUMENT, kAbt, "ldout = 1");
    EXPECT_ERROR(fl_block_sum_abt(FL_FLOAT64, 8, 8, 4, 2, 2, FL_COL_MAJOR, nullptr, 8, FL_COL_MAJOR,
                                  b_.data(), 8, FL_COL_MAJOR, out_.data(), 2),
                 FL_ERR_INVALID_ARGUMENT, kAbt, "a is NULL");
    EXPECT_ERROR(fl_block_sum_abt(FL_FLOAT64, 8, 8, 4, 2, 2, FL_COL_MAJOR, a_.data(), 8,
                                  FL_COL_MAJOR, b_.data(), 8, FL_COL_MAJOR, nullptr, 2),
                 FL_ERR_INVALID_ARGUMENT, kAbt, "out is NULL");
    // (dtype values 3 and 4 are the complex dtypes, valid values.)
    for (int bad : {0, 5, -1}) {
        EXPECT_ERROR(abt(8, 8, 4, 2, 2, fl_layout(bad)), FL_ERR_INVALID_ARGUMENT, kAbt, "layout");
        EXPECT_ERROR(abt(8, 8, 4, 2, 2, FL_COL_MAJOR, nullptr, 8, 8, nullptr, 2, fl_dtype(bad)),
                     FL_ERR_INVALID_ARGUMENT, kAbt, "dtype");
    }
    EXPECT_ERROR(abt(int64_t{1} << 31, 8, 4, 2, 2), FL_ERR_TOO_LARGE, kAbt, "m1");
    // Empty sums accept NULL.
    EXPECT_ERROR(fl_block_sum_abt(FL_FLOAT32, 0, 0, 4, 2, 3, FL_COL_MAJOR, nullptr, 1, FL_ROW_MAJOR,
                                  nullptr, 4, FL_COL_MAJOR, out_.data(), 2),
                 FL_OK, kAbt);
}

TEST_F(BlockSumErrors, OutputOverlappingAnInput) {
    EXPECT_ERROR(abt(8, 8, 4, 2, 2, FL_COL_MAJOR, nullptr, 8, 8, a_.data() + 30),
                 FL_ERR_INVALID_ARGUMENT, kAbt, "out and a overlap");
    EXPECT_ERROR(fl_block_sum_kron(FL_FLOAT64, 8, 8, 2, 2, 2, 2, FL_COL_MAJOR, a_.data(), 8,
                                   FL_COL_MAJOR, b_.data(), 8, FL_COL_MAJOR, b_.data() + 4, 4),
                 FL_ERR_INVALID_ARGUMENT, "fl_block_sum_kron", "out and b overlap");
}

// Every other sum: its block checks and one of each kind of bad argument, naming it.
TEST_F(BlockSumErrors, EveryFunction) {
    const double *a = a_.data(), *b = b_.data(), *c = c_.data(), *d = d_.data();
    double *o = out_.data();
    const fl_layout C = FL_COL_MAJOR;
    const char *f = "fl_block_sum_acbt";
    EXPECT_ERROR(
        fl_block_sum_acbt(FL_FLOAT64, 8, 8, 2, 3, 3, 2, C, a, 8, C, c, 2, C, b, 8, C, o, 3),
        FL_ERR_INVALID_ARGUMENT, f, "n1 = 3", "m1 = 8");
    EXPECT_ERROR(
        fl_block_sum_acbt(FL_FLOAT64, 8, 8, 2, 3, 2, 2, C, a, 8, C, c, 1, C, b, 8, C, o, 2),
        FL_ERR_INVALID_ARGUMENT, f, "ldc = 1");
    EXPECT_ERROR(
        fl_block_sum_acbt(FL_FLOAT64, 8, 6, 2, 3, 2, 2, C, a, 8, C, c, 2, C, b, 6, C, o, 2),
        FL_ERR_DIMENSION_MISMATCH, f, "m2 / n2 = 3");
    EXPECT_ERROR(
        fl_block_sum_acbt(FL_FLOAT64, 8, 8, 2, 3, 2, 2, C, a, 8, C, nullptr, 2, C, b, 8, C, o, 2),
        FL_ERR_INVALID_ARGUMENT, f, "c is NULL");
    f = "fl_block_sum_residual";
    EXPECT_ERROR(fl_block_sum_residual(FL_FLOAT64, 8, 2, 3, 5, C, a, 8, C, b, 8, C, c, 3, C, o, 5),
                 FL_ERR_INVALID_ARGUMENT, f, "n = 5", "m = 8");
    EXPECT_ERROR(fl_block_sum_residual(FL_FLOAT64, 8, 2, 3, 2, C, a, 8, C, b, 8, C, c, 2, C, o, 2),
                 FL_ERR_INVALID_ARGUMENT, f, "ldc = 2", "k2 = 3");
    EXPECT_ERROR(
        fl_block_sum_residual(FL_FLOAT64, 8, 2, 3, 2, C, a, 8, C, b, 8, C, c, 3, C, c_.data(), 2),
        FL_ERR_INVALID_ARGUMENT, f, "out and c overlap");
    f = "fl_block_sum_kron";
    EXPECT_ERROR(fl_block_sum_kron(FL_FLOAT64, 8, 8, 2, 2, 2, 3, C, a, 8, C, b, 8, C, o, 6),
                 FL_ERR_INVALID_ARGUMENT, f, "n2 = 3", "m2 = 8");
    EXPECT_ERROR(fl_block_sum_kron(FL_FLOAT64, 8, 8, 2, 2, 2, 2, C, a, 8, C, b, 8, C, o, 3),
                 FL_ERR_INVALID_ARGUMENT, f, "ldout = 3");
    EXPECT_ERROR(fl_block_sum_kron(FL_FLOAT64, 8, 8, 2, -2, 2, 2, C, a, 8, C, b, 8, C, o, 4),
                 FL_ERR_INVALID_ARGUMENT, f, "k2 = -2");
    f = "fl_block_sum_kron_abt_cdt";
    EXPECT_ERROR(fl_block_sum_kron_abt_cdt(FL_FLOAT64, 8, 6, 2, 2, 3, 2, C, a, 8, C, b, 6, C, c, 8,
                                           C, d, 6, C, o, 9),
                 FL_ERR_INVALID_ARGUMENT, f, "n1 = 3", "m1 = 8");
    EXPECT_ERROR(fl_block_sum_kron_abt_cdt(FL_FLOAT64, 8, 6, 2, 2, 2, 2, C, a, 8, C, b, 6, C, c, 8,
                                           C, d, 5, C, o, 4),
                 FL_ERR_INVALID_ARGUMENT, f, "ldd = 5", "m2 = 6");
    EXPECT_ERROR(fl_block_sum_kron_abt_cdt(FL_FLOAT64, 8, 6, 2, 2, 2, 2, C, a, 8, C, b, 6, C, c, 8,
                                           fl_layout(7), d, 6, C, o, 4),
                 FL_ERR_INVALID_ARGUMENT, f, "d's layout = 7");
    f = "fl_block_sum_kron_grid";
    EXPECT_ERROR(
        fl_block_sum_kron_grid(FL_FLOAT64, 8, 6, 2, 2, 4, C, a, 8, C, b, 8, C, c, 6, C, o, 4),
        FL_ERR_INVALID_ARGUMENT, f, "n2 = 4", "m2 = 6");
    EXPECT_ERROR(
        fl_block_sum_kron_grid(FL_FLOAT64, 8, 6, 2, 2, 3, C, a, 8, C, b, 8, C, c, 6, C, o, 3),
        FL_ERR_INVALID_ARGUMENT, f, "ldout = 3");
    EXPECT_ERROR(
        fl_block_sum_kron_grid(FL_FLOAT64, 8, 6, 2, 2, 3, C, a, 8, C, b, 8, C, nullptr, 6, C, o, 4),
        FL_ERR_INVALID_ARGUMENT, f, "c is NULL");
}

}  // namespace
}  // namespace fltest
