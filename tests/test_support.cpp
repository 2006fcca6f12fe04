// Reference computations for the test suite, in long double, with no BLAS or LAPACK.
#include "test_support.hpp"

#include <random>
#include <utility>

namespace fltest {

OptionsPtr make_options(int64_t check_finite, int64_t triangle) {
    fl_options *o = nullptr;
    if (fl_options_create(&o) != FL_OK) return OptionsPtr();
    OptionsPtr p(o);
    if (fl_options_set_int(o, FL_OPT_CHECK_FINITE, check_finite) != FL_OK) return OptionsPtr();
    if (fl_options_set_int(o, FL_OPT_TRIANGLE, triangle) != FL_OK) return OptionsPtr();
    return p;
}

Ref random_ref(int64_t rows, int64_t cols, uint64_t seed, long double lo, long double hi) {
    // A hand-rolled uniform map from mt19937_64 so the values do not depend on the standard
    // library's distribution implementation.
    std::mt19937_64 gen(seed);
    Ref r(rows, cols);
    for (auto &x : r.v) {
        const long double u = static_cast<long double>(gen() >> 11) / 9007199254740992.0L; // [0, 1)
        x = lo + (hi - lo) * u;
    }
    return r;
}

Ref hilbert_ref(int64_t n) {
    Ref r(n, n);
    for (int64_t i = 0; i < n; ++i)
        for (int64_t j = 0; j < n; ++j) r(i, j) = 1.0L / static_cast<long double>(i + j + 1);
    return r;
}

Ref identity_ref(int64_t n) {
    Ref r(n, n);
    for (int64_t i = 0; i < n; ++i) r(i, i) = 1.0L;
    return r;
}

Ref spd_ref(int64_t n, uint64_t seed) {
    const Ref m = random_ref(n, n, seed);
    Ref a = multiply(m, transpose(m));
    for (auto &x : a.v) x /= static_cast<long double>(std::max<int64_t>(n, 1));
    for (int64_t i = 0; i < n; ++i) a(i, i) += 1.0L;
    // Exactly symmetric (multiply is, but make it explicit).
    for (int64_t i = 0; i < n; ++i)
        for (int64_t j = 0; j < i; ++j) a(j, i) = a(i, j);
    return a;
}

Ref diag_dominant_ref(int64_t n, uint64_t seed, long double diag_value, long double noise) {
    Ref a = random_ref(n, n, seed, -noise, noise);
    for (int64_t i = 0; i < n; ++i) a(i, i) += diag_value;
    return a;
}

Ref transpose(const Ref &a) {
    Ref t(a.cols, a.rows);
    for (int64_t i = 0; i < a.rows; ++i)
        for (int64_t j = 0; j < a.cols; ++j) t(j, i) = a(i, j);
    return t;
}

Ref subtract(const Ref &a, const Ref &b) {
    Ref d = a;
    for (size_t k = 0; k < d.v.size(); ++k) d.v[k] -= b.v[k];
    return d;
}

long double column_norm1(const Ref &a, int64_t j) {
    long double s = 0.0L;
    for (int64_t i = 0; i < a.rows; ++i) s += std::fabs(a(i, j));
    return s;
}

long double column_norm2(const Ref &a, int64_t j) {
    long double s = 0.0L;
    for (int64_t i = 0; i < a.rows; ++i) s += a(i, j) * a(i, j);
    return std::sqrt(s);
}

Ref multiply(const Ref &a, const Ref &b) {
    Ref c(a.rows, b.cols);
    for (int64_t j = 0; j < b.cols; ++j)
        for (int64_t k = 0; k < a.cols; ++k) {
            const long double bkj = b(k, j);
            if (bkj == 0.0L) continue;
            for (int64_t i = 0; i < a.rows; ++i) c(i, j) += a(i, k) * bkj;
        }
    return c;
}

long double norm1(const Ref &a) {
    long double best = 0.0L;
    for (int64_t j = 0; j < a.cols; ++j) {
        long double s = 0.0L;
        for (int64_t i = 0; i < a.rows; ++i) s += std::fabs(a(i, j));
        best = std::max(best, s);
    }
    return best;
}

long double norm_inf(const Ref &a) { return norm1(transpose(a)); }

double ratio(long double num, long double den) {
    if (std::isnan(num)) return std::numeric_limits<double>::infinity();
    if (den <= 0.0L) return num == 0.0L ? 0.0 : std::numeric_limits<double>::infinity();
    return static_cast<double>(num / den);
}

double solve_residual(const Ref &a, fl_transpose trans, const Ref &x, const Ref &b, double eps) {
    const int64_t n = a.rows;
    if (n == 0 || x.cols == 0) return 0.0;
    const Ref op = trans == FL_TRANS ? transpose(a) : a;
    const long double anorm = norm1(op);
    const Ref ax = multiply(op, x);
    double worst = 0.0;
    for (int64_t j = 0; j < x.cols; ++j) {
        long double rnorm = 0.0L, xnorm = 0.0L;
        for (int64_t i = 0; i < n; ++i) {
            rnorm += std::fabs(b(i, j) - ax(i, j));
            xnorm += std::fabs(x(i, j));
        }
        worst = std::max(worst, ratio(rnorm, anorm * xnorm * static_cast<long double>(n) * eps));
    }
    return worst;
}

double inverse_residual(const Ref &a, const Ref &inv, double eps) {
    const int64_t n = a.rows;
    if (n == 0) return 0.0;
    Ref r = multiply(a, inv);
    for (int64_t i = 0; i < n; ++i) r(i, i) -= 1.0L;
    return ratio(norm1(r), norm1(a) * norm1(inv) * static_cast<long double>(n) * eps);
}

LogDet ref_logdet(const Ref &a_in) {
    Ref a = a_in;
    const int64_t n = a.rows;
    LogDet out;
    for (int64_t k = 0; k < n; ++k) {
        int64_t p = k;
        for (int64_t i = k + 1; i < n; ++i)
            if (std::fabs(a(i, k)) > std::fabs(a(p, k))) p = i;
        if (a(p, k) == 0.0L) {
            out.singular = true;
            return out;
        }
        if (p != k) {
            for (int64_t j = 0; j < n; ++j) std::swap(a(k, j), a(p, j));
            out.sign = -out.sign;
        }
        const long double piv = a(k, k);
        if (piv < 0) out.sign = -out.sign;
        out.logabs += std::log(std::fabs(piv));
        for (int64_t i = k + 1; i < n; ++i) {
            const long double l = a(i, k) / piv;
            if (l == 0.0L) continue;
            for (int64_t j = k + 1; j < n; ++j) a(i, j) -= l * a(k, j);
        }
    }
    return out;
}

bool ref_inverse(const Ref &a_in, Ref &inv) {
    Ref a = a_in;
    const int64_t n = a.rows;
    inv = identity_ref(n);
    for (int64_t k = 0; k < n; ++k) {
        int64_t p = k;
        for (int64_t i = k + 1; i < n; ++i)
            if (std::fabs(a(i, k)) > std::fabs(a(p, k))) p = i;
        if (a(p, k) == 0.0L) return false;
        if (p != k)
            for (int64_t j = 0; j < n; ++j) {
                std::swap(a(k, j), a(p, j));
                std::swap(inv(k, j), inv(p, j));
            }
        const long double piv = a(k, k);
        for (int64_t j = 0; j < n; ++j) {
            a(k, j) /= piv;
            inv(k, j) /= piv;
        }
        for (int64_t i = 0; i < n; ++i) {
            if (i == k) continue;
            const long double l = a(i, k);
            if (l == 0.0L) continue;
            for (int64_t j = 0; j < n; ++j) {
                a(i, j) -= l * a(k, j);
                inv(i, j) -= l * inv(k, j);
            }
        }
    }
    return true;
}

long double ref_rcond1(const Ref &a) {
    if (a.rows == 0) return 1.0L;
    Ref inv;
    if (!ref_inverse(a, inv)) return 0.0L;
    return 1.0L / (norm1(a) * norm1(inv));
}

long double ref_rcond_inf(const Ref &a) { return ref_rcond1(transpose(a)); }

const char *layout_name(fl_layout l) {
    return l == FL_ROW_MAJOR ? "row-major" : l == FL_COL_MAJOR ? "col-major" : "bad-layout";
}
const char *trans_name(fl_transpose t) { return t == FL_TRANS ? "trans" : "no-trans"; }
const char *triangle_name(fl_triangle t) { return t == FL_LOWER ? "lower" : "upper"; }

bool contains(const char *haystack, const std::string &needle) {
    return haystack != nullptr && std::string(haystack).find(needle) != std::string::npos;
}

bool all_finite(const Ref &a) {
    for (long double x : a.v)
        if (!std::isfinite(x)) return false;
    return true;
}

bool pivots_give_permutation(const std::vector<int64_t> &piv, const std::vector<int64_t> &perm) {
    const int64_t m = static_cast<int64_t>(perm.size());
    std::vector<int64_t> replay(static_cast<size_t>(m));
    for (int64_t i = 0; i < m; ++i) replay[size_t(i)] = i;
    for (int64_t i = 0; i < static_cast<int64_t>(piv.size()); ++i) {
        if (piv[size_t(i)] < i + 1 || piv[size_t(i)] > m) return false;
        std::swap(replay[size_t(i)], replay[size_t(piv[size_t(i)] - 1)]);
    }
    return replay == perm;
}

} // namespace fltest
