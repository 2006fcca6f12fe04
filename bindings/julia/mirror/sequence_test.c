/*
 * The call sequences of bindings/julia/FastLinalg/test/runtests.jl, made from C.
 *
 * Julia cannot run where this project is built and tested, so this program makes the same
 * fastlinalg calls, in the same order and with the same argument conventions, that the Julia
 * package makes for each line of its test file, and asserts the same results:
 *  - matrices are column-major, FL_COL_MAJOR with ld = stride(A, 2) (the number of rows of
 *    the parent array, at least 1); a view passes a pointer into its parent and the parent's
 *    ld;
 *  - a sparse matrix goes in as SparseMatrixCSC's colptr/rowval minus one, in int64_t;
 *  - a failed status is read as check() reads it: fl_last_error, then fl_status_string;
 *  - each finalizer or close() is the destroy call at the point the Julia test frees it.
 * The helpers named jl_* are the Julia package's functions written out as their C calls.
 * Blocks are labelled [Tn] as in runtests.jl; each comment quotes the Julia line it mirrors.
 */
#include <fastlinalg/fastlinalg.h>

#include <complex.h>
#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int failures = 0;
static int checks = 0;

#define EXPECT(cond)                                                           \
    do {                                                                       \
        ++checks;                                                              \
        if (!(cond)) {                                                         \
            ++failures;                                                        \
            fprintf(stderr, "%s:%d: FAILED: %s\n", __FILE__, __LINE__, #cond); \
        }                                                                      \
    } while (0)

/* ---- the Julia error path: FastLinalg.check(status) ------------------------------------- */

typedef struct {
    int status;
    int info; /* SingularException / PosDefException's info */
    char name[64];
    char message[512];
} jl_error;

static jl_error last_error; /* what `catch e` would hold */

/* info_in(message): the 1-based index in "pivot N of", "minor of order N" or
 * "column N (0-based" (plus one), else 0 */
static int jl_info_in(const char *message) {
    static const struct {
        const char *before, *after;
        int plus;
    } forms[] = {{"pivot ", " of", 0}, {"minor of order ", "", 0}, {"column ", " (0-based", 1}};
    for (size_t f = 0; f < sizeof forms / sizeof forms[0]; ++f)
        for (const char *p = strstr(message, forms[f].before); p; p = strstr(p + 1, forms[f].before)) {
            char *end;
            const long v = strtol(p + strlen(forms[f].before), &end, 10);
            if (end != p + strlen(forms[f].before) && strncmp(end, forms[f].after, strlen(forms[f].after)) == 0)
                return (int)v + forms[f].plus;
        }
    return 0;
}

/* check(status): on failure reads fl_last_error first; a singular or not positive definite
 * status becomes LinearAlgebra's exception (no status name), any other reads
 * fl_status_string for FastLinalgError. */
static fl_status jl_check(fl_status status) {
    if (status == FL_OK) return status;
    const char *message = fl_last_error();
    snprintf(last_error.message, sizeof last_error.message, "%s", message);
    last_error.status = (int)status;
    last_error.info = jl_info_in(last_error.message);
    if (status == FL_ERR_SINGULAR || status == FL_ERR_NOT_POSITIVE_DEFINITE) return status;
    const char *name = fl_status_string(status);
    snprintf(last_error.name, sizeof last_error.name, "%s", name);
    return status;
}

/* A call the test expects to succeed: a throw there would fail the Julia test set. */
#define OK(call) EXPECT(jl_check(call) == FL_OK)

/* ---- column-major matrices and the test's closed-form inputs ---------------------------- */

static double *mat(int64_t rows, int64_t cols) {
    double *p = calloc((size_t)(rows * cols > 0 ? rows * cols : 1), sizeof(double));
    if (!p) {
        fprintf(stderr, "out of memory\n");
        exit(2);
    }
    return p;
}
#define AT(p, ld, i, j) ((p)[(i) + (int64_t)(j) * (ld)]) /* 0-based (i, j) */

/* nonsym(m, n) = [sin(i + 2j) + (i == j ? 4 : 0)], 1-based i, j */
static double *nonsym(int64_t m, int64_t n) {
    double *a = mat(m, n);
    for (int64_t j = 0; j < n; ++j)
        for (int64_t i = 0; i < m; ++i)
            AT(a, m, i, j) = sin((double)(i + 1) + 2.0 * (double)(j + 1)) + (i == j ? 4.0 : 0.0);
    return a;
}
/* rhs(m, k) = [cos(i * j)] */
static double *rhs(int64_t m, int64_t k) {
    double *b = mat(m, k);
    for (int64_t j = 0; j < k; ++j)
        for (int64_t i = 0; i < m; ++i) AT(b, m, i, j) = cos((double)((i + 1) * (j + 1)));
    return b;
}
/* tridiag(n): 2 on the diagonal, -1 beside it */
static double *tridiag(int64_t n) {
    double *a = mat(n, n);
    for (int64_t j = 0; j < n; ++j)
        for (int64_t i = 0; i < n; ++i)
            AT(a, n, i, j) = i == j ? 2.0 : (i - j == 1 || j - i == 1) ? -1.0 : 0.0;
    return a;
}
static float *to_float(const double *a, int64_t count) {
    float *f = malloc((size_t)(count > 0 ? count : 1) * sizeof(float));
    if (!f) exit(2);
    for (int64_t i = 0; i < count; ++i) f[i] = (float)a[i];
    return f;
}

static double frob(const double *a, int64_t lda, int64_t m, int64_t n) {
    long double s = 0;
    for (int64_t j = 0; j < n; ++j)
        for (int64_t i = 0; i < m; ++i) s += (long double)AT(a, lda, i, j) * AT(a, lda, i, j);
    return (double)sqrtl(s);
}

/* small_residual(A, X, B): ||A X - B||_F <= 50 n eps ||A||_F ||X||_F (+ floatmin(Float32)),
 * A m-by-n, X n-by-k, B m-by-k; `trans` uses A^T (the test's copy(A')). */
static int small_residual(const double *a, int64_t lda, int64_t m, int64_t n, int trans,
                          const double *x, int64_t ldx, const double *b, int64_t ldb, int64_t k,
                          double eps) {
    long double r2 = 0;
    for (int64_t c = 0; c < k; ++c)
        for (int64_t i = 0; i < m; ++i) {
            long double s = -(long double)AT(b, ldb, i, c);
            for (int64_t p = 0; p < n; ++p)
                s += (long double)(trans ? AT(a, lda, p, i) : AT(a, lda, i, p)) * AT(x, ldx, p, c);
            r2 += s * s;
        }
    return (double)sqrtl(r2) <=
           50.0 * (double)m * eps * frob(a, lda, m, n) * frob(x, ldx, n, k) + FLT_MIN;
}
static int small_residual_f(const float *a, int64_t n, const float *x, const float *b, int64_t k) {
    double *ad = mat(n, n), *xd = mat(n, k), *bd = mat(n, k);
    for (int64_t i = 0; i < n * n; ++i) ad[i] = a[i];
    for (int64_t i = 0; i < n * k; ++i) xd[i] = x[i], bd[i] = b[i];
    int ok = small_residual(ad, n, n, n, 0, xd, n, bd, n, k, FLT_EPSILON);
    free(ad), free(xd), free(bd);
    return ok;
}
static int close_rel(double a, double b, double rtol) {
    return fabs(a - b) <= rtol * fmax(fabs(a), fabs(b));
}
/* isapprox for arrays: ||a - b|| <= rtol max(||a||, ||b||), Julia's norm-wise rule. */
static int approx(const double *a, const double *b, int64_t count, double rtol) {
    long double d = 0, na = 0, nb = 0;
    for (int64_t i = 0; i < count; ++i) {
        d += (long double)(a[i] - b[i]) * (a[i] - b[i]);
        na += (long double)a[i] * a[i];
        nb += (long double)b[i] * b[i];
    }
    return sqrtl(d) <= rtol * fmaxl(sqrtl(na), sqrtl(nb));
}

/* ---- the package's functions as their C calls ------------------------------------------- */

/* ld(A) = max(1, stride(A, 2)) */
static int64_t ld_of(int64_t stride2) { return stride2 > 1 ? stride2 : 1; }

/* factorize_fl(A; kind, options): one fl_factor_create, column-major, ld = stride(A, 2) */
static fl_status jl_factorize(fl_factor **f, fl_factor_kind kind, fl_dtype dtype, int64_t m,
                              int64_t n, const void *a, int64_t stride2, const fl_options *o) {
    *f = NULL;
    return jl_check(fl_factor_create(f, kind, dtype, FL_COL_MAJOR, m, n, a, ld_of(stride2), o));
}
/* size(F) */
static void jl_size(const fl_factor *f, int64_t *rows, int64_t *cols) {
    *rows = fl_factor_rows(f);
    *cols = fl_factor_cols(f);
}
/* solve!(X, F, B, op): size(F), then fl_factor_solve (the shape checks are Julia's) */
static fl_status jl_solve_op(const fl_factor *f, fl_transpose op, fl_dtype dtype, int64_t nrhs,
                             const void *b, int64_t ldb, void *x, int64_t ldx) {
    int64_t rows, cols;
    jl_size(f, &rows, &cols);
    return jl_check(fl_factor_solve(f, op, dtype, nrhs, FL_COL_MAJOR, b, ld_of(ldb), FL_COL_MAJOR,
                                    x, ld_of(ldx)));
}
/* ldiv!(X, F, B; transpose) */
static fl_status jl_solve(const fl_factor *f, int trans, fl_dtype dtype, int64_t nrhs,
                          const void *b, int64_t ldb, void *x, int64_t ldx) {
    return jl_solve_op(f, trans ? FL_TRANS : FL_NO_TRANS, dtype, nrhs, b, ldb, x, ldx);
}
/* F \ B: size(F, 2) for the result, then ldiv!(X, F, B) */
static fl_status jl_backslash(const fl_factor *f, fl_dtype dtype, int64_t nrhs, const void *b,
                              int64_t ldb, void *x, int64_t ldx) {
    int64_t rows, cols;
    jl_size(f, &rows, &cols);
    return jl_solve(f, 0, dtype, nrhs, b, ldb, x, ldx);
}
/* logabsdet(F) */
static fl_status jl_logabsdet(const fl_factor *f, double *labs, double *sign) {
    return jl_check(fl_factor_logdet(f, sign, labs));
}
/* inv(F): size(F), then fl_factor_inverse into a cols-by-rows Matrix */
static fl_status jl_inv(const fl_factor *f, fl_dtype dtype, void *out, int64_t ld) {
    int64_t rows, cols;
    jl_size(f, &rows, &cols);
    return jl_check(fl_factor_inverse(f, dtype, FL_COL_MAJOR, out, ld_of(ld)));
}
/* rank(F) */
static fl_status jl_rank(const fl_factor *f, int64_t *rank) {
    return jl_check(fl_factor_rank(f, rank));
}
/* square_order(F) of the inverse products: size(F) */
static int64_t jl_square_order(const fl_factor *f) {
    int64_t rows, cols;
    jl_size(f, &rows, &cols);
    return rows;
}

/* ---- the test blocks ------------------------------------------------------------------- */

static void t1_runtime(void) {
    /* v = FastLinalg.version(); @test version_number() == 10000 major + 100 minor + patch */
    int major = -1, minor = -1, patch = -1;
    EXPECT(sscanf(fl_version(), "%d.%d.%d", &major, &minor, &patch) == 3);
    EXPECT(fl_version_number() == 10000 * major + 100 * minor + patch);
    /* @test !isempty(blas_info()); @test !isempty(blas_core()) */
    EXPECT(strlen(fl_blas_info()) > 0);
    EXPECT(strlen(fl_blas_core()) > 0);
    /* t = num_threads(); @test t >= 1; set_num_threads(t); @test num_threads() == t */
    int t = fl_get_num_threads();
    EXPECT(t >= 1);
    OK(fl_set_num_threads(t));
    EXPECT(fl_get_num_threads() == t);
}

static void t2_lu(void) {
    const int64_t n = 6, k = 3;
    double *a = nonsym(n, n), *b = rhs(n, k);
    fl_factor *f;
    /* F = lu_factor(A) */
    OK(jl_factorize(&f, FL_FACTOR_LU, FL_FLOAT64, n, n, a, n, NULL));
    /* @test size(F) == (6, 6) && eltype(F) == Float64 */
    int64_t rows, cols;
    jl_size(f, &rows, &cols);
    EXPECT(rows == 6 && cols == 6);
    /* @test kind(F) == :lu && FastLinalg.library_eltype(F) == Float64 */
    EXPECT(fl_factor_get_kind(f) == FL_FACTOR_LU);
    EXPECT(fl_factor_get_dtype(f) == FL_FLOAT64);
    /* X = F \ B; @test small_residual(A, X, B) */
    double *x = mat(n, k);
    OK(jl_backslash(f, FL_FLOAT64, k, b, n, x, n));
    EXPECT(small_residual(a, n, n, n, 0, x, n, b, n, k, DBL_EPSILON));
    /* x = F \ B[:, 1]: a Vector, ld = length */
    double *xv = mat(n, 1);
    OK(jl_backslash(f, FL_FLOAT64, 1, b, n, xv, n));
    EXPECT(small_residual(a, n, n, n, 0, xv, n, b, n, 1, DBL_EPSILON));
    /* X2 = similar(B); ldiv!(X2, F, B); @test X2 == X */
    double *x2 = mat(n, k);
    OK(jl_solve(f, 0, FL_FLOAT64, k, b, n, x2, n));
    EXPECT(memcmp(x2, x, (size_t)(n * k) * sizeof(double)) == 0);
    /* ldiv!(Xt, F, B; transpose=true); @test small_residual(copy(A'), Xt, B) */
    double *xt = mat(n, k);
    OK(jl_solve(f, 1, FL_FLOAT64, k, b, n, xt, n));
    EXPECT(small_residual(a, n, n, n, 1, xt, n, b, n, k, DBL_EPSILON));
    /* B3 = copy(B); ldiv!(F, B3): x == b, same ld */
    double *b3 = mat(n, k);
    memcpy(b3, b, (size_t)(n * k) * sizeof(double));
    OK(jl_solve(f, 0, FL_FLOAT64, k, b3, n, b3, n));
    EXPECT(small_residual(a, n, n, n, 0, b3, n, b, n, k, DBL_EPSILON));
    /* Bv = view(rhs(8, 5), 2:7, 2:4); Xv = F \ Bv: pointer to Bbig[2, 2], ld = 8 */
    double *bbig = rhs(8, 5);
    const double *bv = &AT(bbig, 8, 1, 1);
    double *xvw = mat(n, 3);
    OK(jl_backslash(f, FL_FLOAT64, 3, bv, 8, xvw, n));
    EXPECT(small_residual(a, n, n, n, 0, xvw, n, bv, 8, 3, DBL_EPSILON));
    /* Ai = inv(F); @test norm(A * Ai - I) <= 50 * 6 * eps() * norm(A) * norm(Ai) */
    double *ai = mat(n, n), *eye = mat(n, n);
    OK(jl_inv(f, FL_FLOAT64, ai, n));
    for (int64_t i = 0; i < n; ++i) AT(eye, n, i, i) = 1.0;
    EXPECT(small_residual(a, n, n, n, 0, ai, n, eye, n, n, DBL_EPSILON));
    /* end of the testset: F's finalizer */
    fl_factor_destroy(f);
    free(a), free(b), free(x), free(xv), free(x2), free(xt), free(b3), free(bbig), free(xvw);
    free(ai), free(eye);
}

static void t3_cholesky_float32(void) {
    const int64_t n = 5, k = 2;
    double *sd = tridiag(n), *bd = rhs(n, k);
    float *s = to_float(sd, n * n), *b = to_float(bd, n * k),
          *x = calloc((size_t)(n * k), sizeof(float));
    fl_factor *f;
    /* F = cholesky_factor(S) with S = Float32.(tridiag(5)) */
    OK(jl_factorize(&f, FL_FACTOR_CHOLESKY, FL_FLOAT32, n, n, s, n, NULL));
    /* @test eltype(F) == Float32 (the type parameter; no call) ; X = F \ B */
    OK(jl_backslash(f, FL_FLOAT32, k, b, n, x, n));
    EXPECT(small_residual_f(s, n, x, b, k));
    /* labs, sign = logabsdet(F); @test sign == 1 && labs ≈ log(6) */
    double labs = 0, sign = 0;
    OK(jl_logabsdet(f, &labs, &sign));
    EXPECT(sign == 1.0 && close_rel(labs, log(6.0), 1e-5));
    /* @test logdet(F) ≈ log(6): logabsdet again, then the sign test in Julia */
    OK(jl_logabsdet(f, &labs, &sign));
    EXPECT(sign >= 0 && close_rel(labs, log(6.0), 1e-5));
    /* @test det(F) ≈ 6 */
    OK(jl_logabsdet(f, &labs, &sign));
    EXPECT(close_rel(sign * exp(labs), 6.0, 1e-5));
    fl_factor_destroy(f);
    free(sd), free(bd), free(s), free(b), free(x);
}

static void t4_ldlt_eigh(void) {
    const int64_t n = 5;
    double *s = tridiag(n);
    fl_factor *l, *e;
    /* L = ldlt_factor(tridiag(n)); @test inertia(L) == (n, 0, 0) */
    OK(jl_factorize(&l, FL_FACTOR_LDLT, FL_FLOAT64, n, n, s, n, NULL));
    int64_t pos = -1, neg = -1, zero = -1;
    OK(fl_factor_inertia(l, &pos, &neg, &zero));
    EXPECT(pos == n && neg == 0 && zero == 0);
    /* E = eigh_factor(tridiag(n)); w = factor_part(E, :eigenvalues) */
    OK(jl_factorize(&e, FL_FACTOR_EIGH, FL_FLOAT64, n, n, s, n, NULL));
    int64_t wr = 0, wc = 0;
    OK(fl_factor_part_shape(e, FL_PART_EIGENVALUES, &wr, &wc));
    double *w = mat(wr, wc);
    OK(fl_factor_get_part(e, FL_PART_EIGENVALUES, FL_FLOAT64, FL_COL_MAJOR, w, ld_of(wr)));
    /* @test size(w) == (n, 1); eigenvalues 2 - 2cos(k pi / (n + 1)) */
    EXPECT(wr == n && wc == 1);
    for (int64_t q = 1; q <= n && wr == n; ++q)
        EXPECT(fabs(w[q - 1] - (2.0 - 2.0 * cos((double)q * acos(-1.0) / (double)(n + 1)))) <=
               1e-13);
    /* @test rank(E) == n */
    int64_t r = -1;
    OK(jl_rank(e, &r));
    EXPECT(r == n);
    /* @test det(E) ≈ n + 1 */
    double labs = 0, sign = 0;
    OK(jl_logabsdet(e, &labs, &sign));
    EXPECT(close_rel(sign * exp(labs), (double)(n + 1), 1e-12));
    fl_factor_destroy(l);
    fl_factor_destroy(e);
    free(s), free(w);
}

static void t5_qr(void) {
    const int64_t m = 8, n = 3;
    double *a = nonsym(m, n), *b = rhs(m, 1), x[3];
    fl_factor *f;
    /* F = qr_factor(A); x = F \ b */
    OK(jl_factorize(&f, FL_FACTOR_QR, FL_FLOAT64, m, n, a, m, NULL));
    OK(jl_backslash(f, FL_FLOAT64, 1, b, m, x, n));
    /* @test norm(A' * (A * x - b)) <= 50 * 8 * eps() * norm(A)^2 * (norm(x) + norm(b)) */
    double r[8], g2 = 0;
    for (int64_t i = 0; i < m; ++i) {
        r[i] = -b[i];
        for (int64_t p = 0; p < n; ++p) r[i] += AT(a, m, i, p) * x[p];
    }
    for (int64_t p = 0; p < n; ++p) {
        double g = 0;
        for (int64_t i = 0; i < m; ++i) g += AT(a, m, i, p) * r[i];
        g2 += g * g;
    }
    double na = frob(a, m, m, n);
    EXPECT(sqrt(g2) <= 50.0 * 8 * DBL_EPSILON * na * na * (frob(x, n, n, 1) + frob(b, m, m, 1)));
    /* r = residual_norms(F, reshape(b, 8, 1)); @test r[1] ≈ norm(A * x - b) */
    double rn = -1;
    int64_t rows, cols;
    jl_size(f, &rows, &cols);
    OK(fl_factor_residual_norms(f, FL_FLOAT64, 1, FL_COL_MAJOR, b, m, &rn));
    EXPECT(close_rel(rn, frob(r, m, m, 1), 1e-10));
    fl_factor_destroy(f);
    free(a), free(b);
}

static void t6_rank(void) {
    /* R = [i * j + i^2 * (6 - j)] (6-by-5, rank 2); @test rank(svd_factor(R)) == 2 */
    double *rm = mat(6, 5);
    for (int64_t j = 0; j < 5; ++j)
        for (int64_t i = 0; i < 6; ++i)
            AT(rm, 6, i, j) = (double)(i + 1) * (double)(j + 1) +
                              (double)((i + 1) * (i + 1)) * (double)(6 - (j + 1));
    fl_factor *s, *l;
    OK(jl_factorize(&s, FL_FACTOR_SVD, FL_FLOAT64, 6, 5, rm, 6, NULL));
    int64_t r = -1;
    OK(jl_rank(s, &r));
    EXPECT(r == 2);
    /* err = rank(lu_factor(nonsym(4, 4))); @test err.status == 9 */
    double *a = nonsym(4, 4);
    OK(jl_factorize(&l, FL_FACTOR_LU, FL_FLOAT64, 4, 4, a, 4, NULL));
    EXPECT(jl_rank(l, &r) == FL_ERR_UNSUPPORTED && last_error.status == 9);
    /* both temporaries freed by their finalizers */
    fl_factor_destroy(s);
    fl_factor_destroy(l);
    free(rm), free(a);
}

static void t7_options(void) {
    const int64_t n = 4;
    double *s = tridiag(n), *u = tridiag(n), *b = rhs(n, 2), *x = mat(n, 2);
    /* U[2, 1] = U[3, 1] = NaN */
    AT(u, n, 1, 0) = NAN;
    AT(u, n, 2, 0) = NAN;
    /* o = Options(triangle=:upper, check_finite=false): create, then check_finite, triangle */
    fl_options *o = NULL;
    OK(fl_options_create(&o));
    OK(fl_options_set_int(o, FL_OPT_CHECK_FINITE, 0));
    OK(fl_options_set_int(o, FL_OPT_TRIANGLE, FL_UPPER));
    /* @test FastLinalg.get_option(o, 2, Int64) == 2 */
    int64_t v = 0;
    OK(fl_options_get_int(o, FL_OPT_TRIANGLE, &v));
    EXPECT(v == 2);
    /* F = cholesky_factor(U; options=o); @test small_residual(S, F \ B, B) */
    fl_factor *f;
    OK(jl_factorize(&f, FL_FACTOR_CHOLESKY, FL_FLOAT64, n, n, u, n, o));
    OK(jl_backslash(f, FL_FLOAT64, 2, b, n, x, n));
    EXPECT(small_residual(s, n, n, n, 0, x, n, b, n, 2, DBL_EPSILON));
    /* close(o); F's finalizer at the end of the set */
    fl_options_destroy(o);
    fl_factor_destroy(f);
    free(s), free(u), free(b), free(x);
}

static void t8_inverse_products(void) {
    const int64_t n = 5, k = 2;
    double *s = tridiag(n), *y = rhs(n, k), *z = mat(n, k), q[4], mh[2], d[5];
    fl_factor *f;
    /* F = cholesky_factor(S); Z = F \ Y */
    OK(jl_factorize(&f, FL_FACTOR_CHOLESKY, FL_FLOAT64, n, n, s, n, NULL));
    OK(jl_backslash(f, FL_FLOAT64, k, y, n, z, n));
    /* Q = quadratic_form(F, Y); @test Q ≈ Y' * Z */
    jl_square_order(f);
    OK(fl_factor_quadratic_form(f, FL_FLOAT64, k, FL_COL_MAJOR, y, n, FL_COL_MAJOR, q, k));
    double yz[4];
    for (int64_t i = 0; i < k; ++i)
        for (int64_t j = 0; j < k; ++j) {
            yz[i + j * k] = 0;
            for (int64_t p = 0; p < n; ++p) yz[i + j * k] += AT(y, n, p, i) * AT(z, n, p, j);
        }
    EXPECT(approx(q, yz, 4, 1e-12));
    /* @test mahalanobis(F, Y) ≈ diag(Q) */
    jl_square_order(f);
    OK(fl_factor_mahalanobis(f, FL_FLOAT64, k, FL_COL_MAJOR, y, n, mh));
    double dq[2] = {q[0], q[3]};
    EXPECT(approx(mh, dq, 2, 1e-12));
    /* @test inverse_diagonal(F) ≈ diag(inv(F)) */
    jl_square_order(f);
    OK(fl_factor_inverse_diagonal(f, FL_FLOAT64, d));
    double *ai = mat(n, n), di[5];
    OK(jl_inv(f, FL_FLOAT64, ai, n));
    for (int64_t i = 0; i < n; ++i) di[i] = AT(ai, n, i, i);
    EXPECT(approx(d, di, n, 1e-12));
    /* W = rhs(5, 5); @test trace_solve(F, W) ≈ tr(F \ W) */
    double *w = rhs(n, n), *fw = mat(n, n), tr = 0, ref = 0;
    jl_square_order(f);
    OK(fl_factor_trace_solve(f, FL_FLOAT64, FL_COL_MAJOR, w, n, &tr));
    OK(jl_backslash(f, FL_FLOAT64, n, w, n, fw, n));
    for (int64_t i = 0; i < n; ++i) ref += AT(fw, n, i, i);
    EXPECT(close_rel(tr, ref, 1e-12));
    fl_factor_destroy(f);
    free(s), free(y), free(z), free(ai), free(w), free(fw);
}

static double gauss(const double *x, int64_t ldx, int64_t i, const double *y, int64_t ldy,
                    int64_t j) {
    double r2 = 0;
    for (int64_t dd = 0; dd < 2; ++dd) {
        double diff = AT(x, ldx, i, dd) - AT(y, ldy, j, dd);
        r2 += diff * diff;
    }
    return 1.5 * 1.5 * exp(-r2 / (2 * 0.7 * 0.7));
}

static void t9_kernels(void) {
    /* X1 = [0.3i - 0.2d^2] (5-by-2); X2 = [0.1 i d] (3-by-2) */
    double x1[10], x2[6], kk[25], k12[15];
    for (int64_t dd = 0; dd < 2; ++dd) {
        for (int64_t i = 0; i < 5; ++i)
            AT(x1, 5, i, dd) = 0.3 * (double)(i + 1) - 0.2 * (double)((dd + 1) * (dd + 1));
        for (int64_t i = 0; i < 3; ++i) AT(x2, 3, i, dd) = 0.1 * (double)(i + 1) * (double)(dd + 1);
    }
    /* k = Kernel(:gaussian, :isotropic, 2, [0.7]; sigma_f=1.5, noise=0.1) */
    fl_kernel *k = NULL;
    const double params[1] = {0.7};
    OK(fl_kernel_create(&k, FL_KERNEL_GAUSSIAN, FL_METRIC_ISOTROPIC, 2, 1, params, 1.5, 0.1));
    /* K = kernel_matrix(k, X1): x2 = NULL (points2(X1, nothing) = (n1, C_NULL, 1)) */
    OK(fl_kernel_matrix(k, FL_FLOAT64, FL_COL_MAJOR, 5, x1, 5, 5, NULL, 1, FL_COL_MAJOR, kk, 5));
    for (int64_t i = 0; i < 5; ++i)
        for (int64_t j = 0; j < 5; ++j)
            EXPECT(fabs(AT(kk, 5, i, j) - (gauss(x1, 5, i, x1, 5, j) + (i == j ? 0.1 : 0.0))) <=
                   1e-13);
    /* K12 = kernel_matrix(k, X1, X2); @test size(K12) == (5, 3), no noise */
    OK(fl_kernel_matrix(k, FL_FLOAT64, FL_COL_MAJOR, 5, x1, 5, 3, x2, 3, FL_COL_MAJOR, k12, 5));
    for (int64_t i = 0; i < 5; ++i)
        for (int64_t j = 0; j < 3; ++j)
            EXPECT(fabs(AT(k12, 5, i, j) - gauss(x1, 5, i, x2, 3, j)) <= 1e-13);
    fl_kernel_destroy(k);
}

static void t10_rolled(void) {
    enum {
        m = 2,
        n = 3,
        l = 2,
        d = 4,
        k = 3
    };
    /* A = [sin(a + 2b + 3c)] (m, n, d); B = [cos(a + b - c)] (n, l, d), column-major stacks */
    double a[m * n * d], b[n * l * d], out[m * l * k * d];
    for (int c = 0; c < d; ++c) {
        for (int q = 0; q < n; ++q)
            for (int p = 0; p < m; ++p)
                a[p + q * m + c * m * n] = sin((p + 1) + 2.0 * (q + 1) + 3.0 * (c + 1));
        for (int q = 0; q < l; ++q)
            for (int p = 0; p < n; ++p)
                b[p + q * n + c * n * l] = cos((double)(p + 1) + (q + 1) - (c + 1));
    }
    /* out = rolled_matmul(A, B, k): FL_COL_MAJOR, sizes d, k, m, n, l */
    OK(fl_rolled_matmul(FL_FLOAT64, FL_COL_MAJOR, d, k, m, n, l, a, b, out));
    /* out[:, :, j, i] ≈ A[:, :, i] * B[:, :, mod(i + j - 2, d) + 1] (0-based: (i + j) mod d) */
    for (int i = 0; i < d; ++i)
        for (int j = 0; j < k; ++j) {
            const double *ai = a + i * m * n, *bj = b + ((i + j) % d) * n * l;
            double ref[m * l];
            for (int q = 0; q < l; ++q)
                for (int p = 0; p < m; ++p) {
                    ref[p + q * m] = 0;
                    for (int r = 0; r < n; ++r) ref[p + q * m] += ai[p + r * m] * bj[r + q * n];
                }
            EXPECT(approx(out + (j + i * k) * m * l, ref, m * l, 1e-13));
        }
}

static void t11_binning(void) {
    const double x[6] = {0.5, 1.0, 2.5, -1.0, 3.0, 0.7}, edges[4] = {0.0, 1.0, 2.0, 3.0};
    int64_t bins[6], bins_r[6], counts[5], offsets[6], perm[6];
    /* bins = digitize(x, edges); @test bins == [1, 2, 3, 0, 4, 1] */
    OK(fl_digitize(FL_FLOAT64, 6, x, 4, edges, 0, bins));
    const int64_t want[6] = {1, 2, 3, 0, 4, 1}, want_r[6] = {1, 1, 3, 0, 3, 1};
    EXPECT(memcmp(bins, want, sizeof want) == 0);
    /* @test digitize(x, edges; right=true) == [1, 1, 3, 0, 3, 1] */
    OK(fl_digitize(FL_FLOAT64, 6, x, 4, edges, 1, bins_r));
    EXPECT(memcmp(bins_r, want_r, sizeof want_r) == 0);
    /* @test bincount(bins, 5) == [1, 2, 1, 1, 1] (labels copied to Vector{Int64}) */
    OK(fl_bincount(6, bins, 5, counts));
    const int64_t want_c[5] = {1, 2, 1, 1, 1};
    EXPECT(memcmp(counts, want_c, sizeof want_c) == 0);
    /* @test bincount(bins, [1.0, ..., 6.0], 5) == [4, 7, 2, 3, 5] */
    const double wts[6] = {1, 2, 3, 4, 5, 6};
    double sums[5];
    OK(fl_bincount_weighted(6, bins, FL_FLOAT64, wts, 5, sums));
    EXPECT(sums[0] == 4 && sums[1] == 7 && sums[2] == 2 && sums[3] == 3 && sums[4] == 5);
    /* offsets, perm = group_by_bin(bins, 5): C's 0-based arrays, each + 1 in Julia */
    OK(fl_group_by_bin(6, bins, 5, offsets, perm));
    const int64_t want_o[6] = {1, 2, 4, 5, 6, 7}, want_p[6] = {4, 1, 6, 2, 3, 5};
    for (int i = 0; i < 6; ++i) {
        EXPECT(offsets[i] + 1 == want_o[i]);
        EXPECT(perm[i] + 1 == want_p[i]);
    }
    /* @test perm[offsets[2]:offsets[3]-1] == [1, 6]: (Julia) 1-based positions 2..3 */
    EXPECT(perm[offsets[1]] + 1 == 1 && perm[offsets[2] - 1] + 1 == 6);
    /* err = bincount([0, 7], 5): status 1, message names labels[1] = 7 */
    const int64_t bad[2] = {0, 7};
    EXPECT(jl_check(fl_bincount(2, bad, 5, counts)) == FL_ERR_INVALID_ARGUMENT);
    EXPECT(last_error.status == 1 && strstr(last_error.message, "labels[1] = 7") != NULL);
}

static void t12_blocks(void) {
    /* A = [sin(i + 3j)] 6-by-2 (3 blocks of 2 rows); B = [cos(2i - j)] 9-by-2 (3 of 3) */
    double a[12], b[18], out[6], ref[6] = {0};
    for (int j = 0; j < 2; ++j) {
        for (int i = 0; i < 6; ++i) a[i + 6 * j] = sin((i + 1) + 3.0 * (j + 1));
        for (int i = 0; i < 9; ++i) b[i + 9 * j] = cos(2.0 * (i + 1) - (j + 1));
    }
    /* out = block_sum_abt(A, B, 2, 3) */
    OK(fl_block_sum_abt(FL_FLOAT64, 6, 9, 2, 2, 3, FL_COL_MAJOR, a, 6, FL_COL_MAJOR, b, 9,
                        FL_COL_MAJOR, out, 2));
    /* ref = sum(A[2i-1:2i, :] * B[3i-2:3i, :]' for i in 1:3) */
    for (int blk = 0; blk < 3; ++blk)
        for (int p = 0; p < 2; ++p)
            for (int q = 0; q < 3; ++q)
                for (int c = 0; c < 2; ++c)
                    ref[p + 2 * q] += a[2 * blk + p + 6 * c] * b[3 * blk + q + 9 * c];
    EXPECT(approx(out, ref, 6, 1e-13));
    /* X = [10i + j] 3-by-3; @test vech(X) == [X11, X21, X31, X22, X32, X33] */
    double xm[9], vh[6];
    for (int j = 0; j < 3; ++j)
        for (int i = 0; i < 3; ++i) xm[i + 3 * j] = 10.0 * (i + 1) + (j + 1);
    OK(fl_vech(FL_FLOAT64, 3, FL_COL_MAJOR, xm, 3, vh));
    const double want[6] = {11, 21, 31, 22, 32, 33};
    EXPECT(memcmp(vh, want, sizeof want) == 0);
    /* M = [10i + j] 2-by-3; @test commutation_matrix(Float64, 2, 3) * vec(M) == vec(M') */
    double mm[6], kmat[36];
    for (int j = 0; j < 3; ++j)
        for (int i = 0; i < 2; ++i) mm[i + 2 * j] = 10.0 * (i + 1) + (j + 1);
    OK(fl_commutation_matrix(FL_FLOAT64, 2, 3, FL_COL_MAJOR, kmat, 6));
    for (int r = 0; r < 6; ++r) {
        double s = 0;
        for (int c = 0; c < 6; ++c) s += kmat[r + 6 * c] * mm[c];
        /* vec(permutedims(M))[r]: M' is 3-by-2, element (r % 3, r / 3) = M(r / 3, r % 3) */
        EXPECT(s == mm[(r / 3) + 2 * (r % 3)]);
    }
}

static void t13_sparse(void) {
    /* colptr = [1, 3, 6, 9, 12]; rowval = [1, 2, 1, 2, 3, 2, 3, 4, 1, 3, 4]: minus one */
    const int64_t colptr1[5] = {1, 3, 6, 9, 12}, rowval1[11] = {1, 2, 1, 2, 3, 2, 3, 4, 1, 3, 4};
    double nzval[11] = {4.0, 1.0, 1.0, 4.0, 1.0, 1.0, 4.0, 1.0, 0.5, 1.0, 4.0};
    int64_t colptr[5], rowval[11];
    for (int i = 0; i < 5; ++i) colptr[i] = colptr1[i] - 1;
    for (int i = 0; i < 11; ++i) rowval[i] = rowval1[i] - 1;
    /* A = Matrix(S) */
    double dense_a[16] = {0};
    for (int j = 0; j < 4; ++j)
        for (int64_t p = colptr[j]; p < colptr[j + 1]; ++p) dense_a[rowval[p] + 4 * j] = nzval[p];
    /* Sh = SparseHandle(S) */
    fl_sparse *sh = NULL;
    OK(fl_sparse_create(&sh, FL_SPARSE_CSC, FL_INDEX_INT64, FL_FLOAT64, 4, 4, colptr, rowval,
                        nzval));
    /* @test FastLinalg.size_nnz(Sh) == (4, 4, 11) */
    int64_t rows = 0, cols = 0, nnz = 0;
    OK(fl_sparse_shape(sh, &rows, &cols, &nnz));
    EXPECT(rows == 4 && cols == 4 && nnz == 11);
    /* x = rhs(4, 2); @test Sh * x ≈ A * x: size(S) (fl_sparse_shape), then the product */
    double *x = rhs(4, 2), y[8], ref[8];
    OK(fl_sparse_shape(sh, &rows, &cols, &nnz));
    OK(fl_sparse_multiply(sh, FL_NO_TRANS, FL_FLOAT64, 2, FL_COL_MAJOR, x, 4, FL_COL_MAJOR, y, 4));
    for (int t = 0; t < 2; ++t)
        for (int i = 0; i < 4; ++i) {
            ref[i + 4 * t] = 0;
            for (int p = 0; p < 4; ++p) ref[i + 4 * t] += dense_a[i + 4 * p] * x[p + 4 * t];
        }
    EXPECT(approx(y, ref, 8, 1e-14));
    /* @test sparse_multiply(Sh, x; transpose=true) ≈ A' * x */
    OK(fl_sparse_shape(sh, &rows, &cols, &nnz));
    OK(fl_sparse_multiply(sh, FL_TRANS, FL_FLOAT64, 2, FL_COL_MAJOR, x, 4, FL_COL_MAJOR, y, 4));
    for (int t = 0; t < 2; ++t)
        for (int i = 0; i < 4; ++i) {
            ref[i + 4 * t] = 0;
            for (int p = 0; p < 4; ++p) ref[i + 4 * t] += dense_a[p + 4 * i] * x[p + 4 * t];
        }
    EXPECT(approx(y, ref, 8, 1e-14));
    /* F = sparse_factor(Sh; kind=:sparse_lu); X = F \ B */
    fl_factor *f = NULL, *f2 = NULL, *c = NULL;
    OK(fl_factor_create_sparse(&f, FL_FACTOR_SPARSE_LU, sh, NULL));
    double *b = rhs(4, 3), xs[12];
    OK(jl_backslash(f, FL_FLOAT64, 3, b, 4, xs, 4));
    EXPECT(small_residual(dense_a, 4, 4, 4, 0, xs, 4, b, 4, 3, DBL_EPSILON));
    /* set_values!(Sh, 2 .* nzval); F2 = refactor(F, Sh) */
    double twice[11], a2[16];
    for (int i = 0; i < 11; ++i) twice[i] = 2 * nzval[i];
    for (int i = 0; i < 16; ++i) a2[i] = 2 * dense_a[i];
    OK(fl_sparse_set_values(sh, FL_FLOAT64, twice));
    OK(fl_factor_refactor(&f2, f, sh));
    /* @test small_residual(2 .* A, F2 \ B, B) */
    OK(jl_backslash(f2, FL_FLOAT64, 3, b, 4, xs, 4));
    EXPECT(small_residual(a2, 4, 4, 4, 0, xs, 4, b, 4, 3, DBL_EPSILON));
    /* C = sparse_factor(S; kind=:sparse_cholesky): a temporary SparseHandle of S */
    fl_sparse *tmp = NULL;
    OK(fl_sparse_create(&tmp, FL_SPARSE_CSC, FL_INDEX_INT64, FL_FLOAT64, 4, 4, colptr, rowval,
                        nzval));
    OK(fl_factor_create_sparse(&c, FL_FACTOR_SPARSE_CHOLESKY, tmp, NULL));
    /* @test logdet(C) ≈ log(209) */
    double labs = 0, sign = 0;
    OK(jl_logabsdet(c, &labs, &sign));
    EXPECT(sign >= 0 && close_rel(labs, log(209.0), 1e-12));
    /* finalizers, at the end of the set (in no promised order) */
    fl_factor_destroy(c);
    fl_sparse_destroy(tmp);
    fl_factor_destroy(f2);
    fl_factor_destroy(f);
    fl_sparse_destroy(sh);
    free(x), free(b);
}

static void t14_errors(void) {
    fl_factor *f;
    /* e1 = cholesky_factor(nonsym(3, 4)): status 1, "must be square" */
    double *a34 = nonsym(3, 4);
    EXPECT(jl_factorize(&f, FL_FACTOR_CHOLESKY, FL_FLOAT64, 3, 4, a34, 3, NULL) ==
           FL_ERR_INVALID_ARGUMENT);
    EXPECT(f == NULL && last_error.status == 1 && strstr(last_error.message, "must be square"));
    /* R = lu_factor(nonsym(3, 4)); size(factor_part(R, :lower)) == (3, 3), :upper (3, 4) */
    OK(jl_factorize(&f, FL_FACTOR_LU, FL_FLOAT64, 3, 4, a34, 3, NULL));
    int64_t lr = 0, lc = 0, ur = 0, uc = 0;
    OK(fl_factor_part_shape(f, FL_PART_LOWER, &lr, &lc));
    double *lower = mat(lr, lc);
    OK(fl_factor_get_part(f, FL_PART_LOWER, FL_FLOAT64, FL_COL_MAJOR, lower, ld_of(lr)));
    OK(fl_factor_part_shape(f, FL_PART_UPPER, &ur, &uc));
    double *upper = mat(ur, uc);
    OK(fl_factor_get_part(f, FL_PART_UPPER, FL_FLOAT64, FL_COL_MAJOR, upper, ld_of(ur)));
    EXPECT(lr == 3 && lc == 3 && ur == 3 && uc == 4);
    fl_factor_destroy(f);
    free(lower), free(upper);
    /* e2 = lu_factor(zeros(3, 3)): SingularException(1) */
    double zeros[9] = {0};
    EXPECT(jl_factorize(&f, FL_FACTOR_LU, FL_FLOAT64, 3, 3, zeros, 3, NULL) == FL_ERR_SINGULAR);
    EXPECT(f == NULL && last_error.status == 4 && last_error.info == 1);
    /* e3 = cholesky_factor(-tridiag(3)): PosDefException(1) */
    double *neg = tridiag(3);
    for (int i = 0; i < 9; ++i) neg[i] = -neg[i];
    EXPECT(jl_factorize(&f, FL_FACTOR_CHOLESKY, FL_FLOAT64, 3, 3, neg, 3, NULL) ==
           FL_ERR_NOT_POSITIVE_DEFINITE);
    EXPECT(f == NULL && last_error.status == 5 && last_error.info == 1);
    /* F = lu_factor(nonsym(4, 4)); e4 = ldiv!(zeros(Float32, 4, 1), F, ones(Float32, 4, 1)) */
    double *a = nonsym(4, 4);
    OK(jl_factorize(&f, FL_FACTOR_LU, FL_FLOAT64, 4, 4, a, 4, NULL));
    float x32[4] = {0}, b32[4] = {1, 1, 1, 1};
    EXPECT(jl_solve(f, 0, FL_FLOAT32, 1, b32, 4, x32, 4) == FL_ERR_DTYPE_MISMATCH);
    EXPECT(last_error.status == 3);
    /* @test_throws DimensionMismatch F \ ones(5): size(F, 2), size(F), then Julia throws */
    int64_t rows, cols;
    jl_size(f, &rows, &cols);
    jl_size(f, &rows, &cols);
    EXPECT(rows == 4); /* 5 != 4: no solve call is made */
    fl_factor_destroy(f);
    free(a34), free(neg), free(a);
}

/* getproperty(F, name): kind(F), then factor_part(F, part): part_shape, get_part */
static double *jl_property(const fl_factor *f, fl_factor_part part, int64_t *rows, int64_t *cols) {
    (void)fl_factor_get_kind(f);
    *rows = *cols = 0;
    OK(fl_factor_part_shape(f, part, rows, cols));
    double *out = mat(*rows, *cols);
    OK(fl_factor_get_part(f, part, FL_FLOAT64, FL_COL_MAJOR, out, ld_of(*rows)));
    return out;
}

/* the largest |P Q - A| / ... for column-major P (m-by-k), Q (k-by-n), A (m-by-n), with the
 * columns of P scaled by s when s is not NULL */
static double jl_product_error(const double *p, const double *s, const double *q, const double *a,
                               int64_t m, int64_t k, int64_t n) {
    double worst = 0;
    for (int64_t i = 0; i < m; ++i)
        for (int64_t j = 0; j < n; ++j) {
            double v = 0;
            for (int64_t l = 0; l < k; ++l) v += AT(p, m, i, l) * (s ? s[l] : 1.0) * AT(q, k, l, j);
            worst = fmax(worst, fabs(v - AT(a, m, i, j)));
        }
    return worst;
}

static void t16_conventions(void) {
    fl_factor *f, *s, *e, *q, *g, *h;
    int64_t rows, cols;
    /* A, B = nonsym(5, 5), rhs(5, 2); F = lu_factor(A); @test issuccess(F): no call */
    double *a = nonsym(5, 5), *b = rhs(5, 2);
    OK(jl_factorize(&f, FL_FACTOR_LU, FL_FLOAT64, 5, 5, a, 5, NULL));
    /* X = F' \ B: size(F, 1), then solve! with FL_CONJ_TRANS (A^T for a real A) */
    double *x = mat(5, 2), *x1 = mat(5, 1);
    jl_size(f, &rows, &cols);
    OK(jl_solve_op(f, FL_CONJ_TRANS, FL_FLOAT64, 2, b, 5, x, 5));
    double *at = mat(5, 5);
    for (int i = 0; i < 5; ++i)
        for (int j = 0; j < 5; ++j) AT(at, 5, i, j) = AT(a, 5, j, i);
    EXPECT(jl_product_error(at, NULL, x, b, 5, 5, 2) <= 50 * 5 * DBL_EPSILON * 25);
    /* @test transpose(F) \ B[:, 1] ≈ X[:, 1]: FL_TRANS (Julia 1.10 makes transpose of a real
     * factorization its adjoint, FL_CONJ_TRANS: the same solve for a real A) */
    jl_size(f, &rows, &cols);
    OK(jl_solve(f, 1, FL_FLOAT64, 1, b, 5, x1, 5));
    EXPECT(approx(x1, x, 5, 1.4901161193847656e-08)); /* isapprox: rtol = sqrt(eps) */
    /* @test_throws ArgumentError F.L: kind(F), and no part is asked for */
    EXPECT(fl_factor_get_kind(f) == FL_FACTOR_LU);
    /* M = nonsym(6, 4); S = svd_factor(M); propertynames(S): kind(S) */
    double *m = nonsym(6, 4);
    OK(jl_factorize(&s, FL_FACTOR_SVD, FL_FLOAT64, 6, 4, m, 6, NULL));
    EXPECT(fl_factor_get_kind(s) == FL_FACTOR_SVD);
    /* S.U * Diagonal(S.S) * S.Vt ≈ M */
    int64_t ur, uc, sr, sc, vr, vc;
    double *u = jl_property(s, FL_PART_U, &ur, &uc), *sv = jl_property(s, FL_PART_SINGULAR_VALUES, &sr, &sc);
    double *vt = jl_property(s, FL_PART_VT, &vr, &vc);
    EXPECT(ur == 6 && uc == 4 && sr == 4 && vr == 4 && vc == 4);
    EXPECT(jl_product_error(u, sv, vt, m, 6, 4, 4) <= 50 * 6 * DBL_EPSILON * 10);
    /* S.V == permutedims(S.Vt): both read Vt */
    double *vt2 = jl_property(s, FL_PART_VT, &vr, &vc), *vt3 = jl_property(s, FL_PART_VT, &vr, &vc);
    EXPECT(memcmp(vt2, vt3, sizeof(double) * 16) == 0);
    /* E = eigh_factor(tridiag(4)); E.vectors * Diagonal(E.values) * E.vectors' ≈ tridiag(4) */
    double *t4 = tridiag(4);
    OK(jl_factorize(&e, FL_FACTOR_EIGH, FL_FLOAT64, 4, 4, t4, 4, NULL));
    int64_t er, ec, wr, wc;
    double *ev = jl_property(e, FL_PART_EIGENVECTORS, &er, &ec), *w = jl_property(e, FL_PART_EIGENVALUES, &wr, &wc);
    double *evt = jl_property(e, FL_PART_EIGENVECTORS, &er, &ec);
    double *evtt = mat(4, 4);
    for (int i = 0; i < 4; ++i)
        for (int j = 0; j < 4; ++j) AT(evtt, 4, i, j) = AT(evt, 4, j, i);
    EXPECT(jl_product_error(ev, w, evtt, t4, 4, 4, 4) <= 200 * DBL_EPSILON);
    /* Q = qr_factor(nonsym(6, 3)); Q.Q * Q.R ≈ nonsym(6, 3) */
    double *m63 = nonsym(6, 3);
    OK(jl_factorize(&q, FL_FACTOR_QR, FL_FLOAT64, 6, 3, m63, 6, NULL));
    int64_t qr_, qc, rr, rc;
    double *qq = jl_property(q, FL_PART_Q, &qr_, &qc), *r = jl_property(q, FL_PART_R, &rr, &rc);
    EXPECT(jl_product_error(qq, NULL, r, m63, 6, 3, 3) <= 200 * DBL_EPSILON * 10);
    /* bytes = serialize_factor(F); G = deserialize_factor(bytes) */
    int64_t size = 0;
    OK(fl_factor_serialized_size(f, &size));
    unsigned char *bytes = malloc((size_t)size);
    OK(fl_factor_serialize(f, bytes, size));
    g = NULL;
    OK(fl_factor_deserialize(&g, bytes, size));
    EXPECT(fl_factor_get_dtype(g) == FL_FLOAT64);
    /* @test kind(G) == :lu && G \ B == F \ B */
    EXPECT(fl_factor_get_kind(g) == FL_FACTOR_LU);
    double *xg = mat(5, 2), *xf = mat(5, 2);
    OK(jl_backslash(g, FL_FLOAT64, 2, b, 5, xg, 5));
    OK(jl_backslash(f, FL_FLOAT64, 2, b, 5, xf, 5));
    EXPECT(memcmp(xg, xf, sizeof(double) * 10) == 0);
    /* save_factor(path, F); H = load_factor(path): the same calls around a file */
    OK(fl_factor_serialized_size(f, &size));
    OK(fl_factor_serialize(f, bytes, size));
    h = NULL;
    OK(fl_factor_deserialize(&h, bytes, size));
    (void)fl_factor_get_dtype(h);
    OK(jl_backslash(h, FL_FLOAT64, 2, b, 5, xg, 5));
    EXPECT(memcmp(xg, xf, sizeof(double) * 10) == 0);
    /* e = deserialize_factor(bytes[1:end-1]): FastLinalgError status 1, "truncated" */
    fl_factor *bad = NULL;
    EXPECT(jl_check(fl_factor_deserialize(&bad, bytes, size - 1)) == FL_ERR_INVALID_ARGUMENT);
    EXPECT(bad == NULL && last_error.status == 1 && strstr(last_error.message, "truncated"));
    /* close(F); @test !issuccess(F) */
    fl_factor_destroy(f);
    fl_factor_destroy(s), fl_factor_destroy(e), fl_factor_destroy(q), fl_factor_destroy(g);
    fl_factor_destroy(h);
    free(a), free(b), free(x), free(x1), free(at), free(m), free(u), free(sv), free(vt);
    free(vt2), free(vt3), free(t4), free(ev), free(w), free(evt), free(evtt), free(m63);
    free(qq), free(r), free(bytes), free(xg), free(xf);
}

/* cat(m1, m2, ...; dims=3): count column-major n-by-k matrices one after the other */
static double *stack_of(int64_t n, int64_t k, int64_t count, double *const *mats) {
    double *s = mat(n * k, count);
    for (int64_t l = 0; l < count; ++l)
        memcpy(s + l * n * k, mats[l], sizeof(double) * (size_t)(n * k));
    return s;
}
/* ‖A X - B‖_F ≤ 50 n ε ‖A‖_F ‖X‖_F for one n-by-n A and n-by-k X, B (ld n) */
static int small_residual_of(const double *a, const double *x, const double *b, int64_t n,
                             int64_t k) {
    double *r = mat(n, k);
    for (int64_t j = 0; j < k; ++j)
        for (int64_t i = 0; i < n; ++i) {
            double s = -AT(b, n, i, j);
            for (int64_t p = 0; p < n; ++p) s += AT(a, n, i, p) * AT(x, n, p, j);
            AT(r, n, i, j) = s;
        }
    const int ok =
        frob(r, n, n, k) <= 50.0 * (double)n * DBL_EPSILON * frob(a, n, n, n) * frob(x, n, n, k);
    free(r);
    return ok;
}
/* norm(P * Q - I) for 3-by-3 P, Q */
static double off_identity(const double *p, const double *q) {
    double s = 0;
    for (int i = 0; i < 3; ++i)
        for (int j = 0; j < 3; ++j) {
            double v = i == j ? -1.0 : 0.0;
            for (int m = 0; m < 3; ++m) v += AT(p, 3, i, m) * AT(q, 3, m, j);
            s += v * v;
        }
    return sqrt(s);
}

static void t17_batched(void) {
    const double eps = DBL_EPSILON;
    double *n3 = nonsym(3, 3), *t3 = tridiag(3), *z3 = mat(3, 3), *r32 = rhs(3, 2);
    /* A = cat(nonsym(3, 3), tridiag(3), zeros(3, 3); dims=3); B = cat(rhs(3, 2) x 3) */
    double *a = stack_of(3, 3, 3, (double *const[]){n3, t3, z3});
    double *b = stack_of(3, 2, 3, (double *const[]){r32, r32, r32});
    /* X, info = stack_solve(A, B) */
    double *x = mat(6, 3);
    int32_t info[3] = {-1, -1, -1};
    OK(fl_stack_solve(FL_FLOAT64, FL_COL_MAJOR, 3, 3, a, 3, 9, 2, b, 3, 6, x, 3, 6, info));
    EXPECT(info[0] == 0 && info[1] == 0 && info[2] == FL_ERR_SINGULAR);
    int all_nan = 1;
    for (int i = 12; i < 18; ++i) all_nan = all_nan && isnan(x[i]);
    EXPECT(all_nan);
    EXPECT(small_residual_of(n3, x, r32, 3, 2));
    EXPECT(small_residual_of(t3, x + 6, r32, 3, 2));
    /* labs, sign, info = stack_logabsdet(A) */
    double labs[3], sign[3];
    OK(fl_stack_slogdet(FL_FLOAT64, FL_COL_MAJOR, 3, 3, a, 3, 9, sign, labs, info));
    EXPECT(info[0] == 0 && info[1] == 0 && info[2] == 0);
    EXPECT(fabs(labs[1] - log(4.0)) <= 100 * eps && sign[1] == 1 && sign[2] == 0);
    /* Y, info = stack_inv(A[:, :, 1:2]) */
    double *y = mat(9, 2);
    OK(fl_stack_inverse(FL_FLOAT64, FL_COL_MAJOR, 2, 3, a, 3, 9, y, 3, 9, info));
    EXPECT(info[0] == 0 && info[1] == 0 && off_identity(y + 9, t3) <= 100 * eps);
    /* S = cat(tridiag(3), tridiag(3); dims=3); L, info = stack_cholesky(S) */
    double *s = stack_of(3, 3, 2, (double *const[]){t3, t3}), *l = mat(9, 2), llt[9];
    OK(fl_stack_cholesky(FL_FLOAT64, FL_COL_MAJOR, 2, 3, s, 3, 9, FL_LOWER, l, 3, 9, info));
    for (int i = 0; i < 3; ++i)
        for (int j = 0; j < 3; ++j) {
            double v = -AT(t3, 3, i, j);
            for (int m = 0; m < 3; ++m) v += AT(l, 3, i, m) * AT(l, 3, j, m);
            AT(llt, 3, i, j) = v;
        }
    EXPECT(info[0] == 0 && info[1] == 0 && frob(llt, 3, 3, 3) <= 100 * eps);
    /* Xs, info = stack_cholesky_solve(S, B[:, :, 1:2]) */
    double *xs = mat(6, 2);
    OK(fl_stack_cholesky_solve(FL_FLOAT64, FL_COL_MAJOR, 2, 3, s, 3, 9, FL_LOWER, 2, b, 3, 6, xs, 3,
                               6, info));
    EXPECT(info[0] == 0 && info[1] == 0 && small_residual_of(t3, xs + 6, r32, 3, 2));
    /* W, V, info = stack_eigen(S) */
    double w[6], *v = mat(9, 2);
    OK(fl_stack_eigh(FL_FLOAT64, FL_COL_MAJOR, 2, 3, s, 3, 9, FL_LOWER, w, 3, v, 3, 9, info));
    const double expect_w[3] = {2 - sqrt(2.0), 2, 2 + sqrt(2.0)};
    double dw = 0, dav = 0;
    for (int i = 0; i < 3; ++i) dw += (w[i] - expect_w[i]) * (w[i] - expect_w[i]);
    for (int i = 0; i < 3; ++i)
        for (int j = 0; j < 3; ++j) {
            double e = -AT(v + 9, 3, i, j) * w[3 + j];
            for (int m = 0; m < 3; ++m) e += AT(t3, 3, i, m) * AT(v + 9, 3, m, j);
            dav += e * e;
        }
    EXPECT(info[0] == 0 && info[1] == 0 && sqrt(dw) <= 100 * eps && sqrt(dav) <= 100 * eps);
    /* F, info = batch_factor(A[:, :, 1:2]; kind=:lu); size(F) and kind(F): fl_batch_describe */
    fl_batch *f = NULL, *e = NULL;
    OK(fl_batch_create(&f, FL_FACTOR_LU, FL_FLOAT64, FL_COL_MAJOR, 2, 3, 3, a, 3, 9, NULL, info));
    fl_factor_kind kind = 0;
    fl_dtype dtype = 0;
    int64_t count = 0, rows = 0, cols = 0;
    OK(fl_batch_describe(f, &kind, &dtype, &count, &rows, &cols));
    EXPECT(info[0] == 0 && info[1] == 0 && kind == FL_FACTOR_LU && rows == 3 && cols == 3 &&
           count == 2);
    /* batch_solve(F, B[:, :, 1:2]) ≈ X[:, :, 1:2] */
    double *xb = mat(6, 2);
    OK(fl_batch_describe(f, &kind, &dtype, &count, &rows, &cols));
    OK(fl_batch_solve(f, FL_FLOAT64, 2, FL_COL_MAJOR, b, 3, 6, xb, 3, 6));
    double dx = 0;
    for (int i = 0; i < 12; ++i) dx += (xb[i] - x[i]) * (xb[i] - x[i]);
    EXPECT(sqrt(dx) <= 100 * eps * frob(x, 12, 12, 1));
    /* logabsdet(F)[1] ≈ labs[1:2] */
    double bl[2], bs[2], rc[2];
    OK(fl_batch_describe(f, &kind, &dtype, &count, &rows, &cols));
    OK(fl_batch_logdet(f, bs, bl));
    EXPECT(fabs(bl[0] - labs[0]) <= 100 * eps && fabs(bl[1] - labs[1]) <= 100 * eps);
    /* all(r -> 0 < r <= 1, rcond(F)) */
    OK(fl_batch_describe(f, &kind, &dtype, &count, &rows, &cols));
    OK(fl_batch_rcond(f, rc));
    EXPECT(rc[0] > 0 && rc[0] <= 1 && rc[1] > 0 && rc[1] <= 1);
    /* inv(F)[:, :, 2] * tridiag(3) ≈ I */
    double *fi = mat(9, 2);
    OK(fl_batch_describe(f, &kind, &dtype, &count, &rows, &cols));
    OK(fl_batch_inverse(f, FL_FLOAT64, FL_COL_MAJOR, fi, 3, 9));
    EXPECT(off_identity(fi + 9, t3) <= 100 * eps);
    /* E, info = batch_factor(S; kind=:eigh); batch_part(E, :values)[:, 1, 1] ≈ W[:, 1] */
    OK(fl_batch_create(&e, FL_FACTOR_EIGH, FL_FLOAT64, FL_COL_MAJOR, 2, 3, 3, s, 3, 9, NULL, info));
    double ew[6];
    OK(fl_batch_describe(e, &kind, &dtype, &count, &rows, &cols));
    OK(fl_batch_get_part(e, FL_PART_EIGENVALUES, FL_FLOAT64, FL_COL_MAJOR, ew, 3, 3));
    EXPECT(fabs(ew[0] - w[0]) + fabs(ew[1] - w[1]) + fabs(ew[2] - w[2]) <= 100 * eps);
    /* e = batch_factor(A; kind=:svd): FastLinalgError status 9 */
    fl_batch *bad = NULL;
    int32_t info3[3];
    EXPECT(jl_check(fl_batch_create(&bad, FL_FACTOR_SVD, FL_FLOAT64, FL_COL_MAJOR, 3, 3, 3, a, 3, 9,
                                    NULL, info3)) == FL_ERR_UNSUPPORTED);
    EXPECT(bad == NULL && last_error.status == 9);
    /* G = lu_factor(nonsym(4, 4)); factor_info(G, :precision), (G, :overwrites_a) */
    double *n4 = nonsym(4, 4), *r41 = rhs(4, 1), xg[4], xm[4];
    fl_factor *g, *m;
    int64_t value = -1, value2 = -1;
    OK(jl_factorize(&g, FL_FACTOR_LU, FL_FLOAT64, 4, 4, n4, 4, NULL));
    OK(fl_factor_get_info(g, FL_INFO_PRECISION, &value));
    OK(fl_factor_get_info(g, FL_INFO_OVERWRITES_A, &value2));
    EXPECT(value == FL_PRECISION_NATIVE && value2 == 0);
    /* M = lu_factor(nonsym(4, 4); options=Options(precision=:mixed)) */
    fl_options *o = NULL;
    OK(fl_options_create(&o));
    OK(fl_options_set_int(o, FL_OPT_PRECISION, FL_PRECISION_MIXED));
    OK(jl_factorize(&m, FL_FACTOR_LU, FL_FLOAT64, 4, 4, n4, 4, o));
    OK(fl_factor_get_info(m, FL_INFO_PRECISION, &value));
    OK(fl_factor_get_info(m, FL_INFO_FALLBACK, &value2));
    EXPECT(value == FL_PRECISION_MIXED && value2 == FL_FALLBACK_NONE);
    /* M \ rhs(4, 1) ≈ G \ rhs(4, 1) */
    OK(jl_backslash(m, FL_FLOAT64, 1, r41, 4, xm, 4));
    OK(jl_backslash(g, FL_FLOAT64, 1, r41, 4, xg, 4));
    double dm = 0;
    for (int i = 0; i < 4; ++i) dm += (xm[i] - xg[i]) * (xm[i] - xg[i]);
    EXPECT(sqrt(dm) <= 100 * eps * frob(xg, 4, 4, 1));
    /* close(F), close(E); the options, G and M by their finalizers */
    fl_batch_destroy(f), fl_batch_destroy(e);
    fl_options_destroy(o), fl_factor_destroy(g), fl_factor_destroy(m);
    free(n3), free(t3), free(z3), free(r32), free(a), free(b), free(x), free(y), free(s), free(l);
    free(xs), free(v), free(xb), free(fi), free(n4), free(r41);
}

static void t15_handles(void) {
    fl_factor *f, *g;
    double *a = nonsym(3, 3), *s = tridiag(3);
    /* F = lu_factor(nonsym(3, 3)); close(F); close(F): the second is destroy(NULL) */
    OK(jl_factorize(&f, FL_FACTOR_LU, FL_FLOAT64, 3, 3, a, 3, NULL));
    fl_factor_destroy(f);
    f = NULL;
    fl_factor_destroy(f);
    /* @test_throws ArgumentError F \ ones(3): the closed handle is caught in Julia, no call */
    /* let G = cholesky_factor(tridiag(3)), k = Kernel(:matern32, :ard, 2, [1.0, 2.0]) */
    OK(jl_factorize(&g, FL_FACTOR_CHOLESKY, FL_FLOAT64, 3, 3, s, 3, NULL));
    fl_kernel *k = NULL;
    const double ls[2] = {1.0, 2.0};
    OK(fl_kernel_create(&k, FL_KERNEL_MATERN32, FL_METRIC_ARD, 2, 2, ls, 1.0, 0.0));
    /* @test size(G) == (3, 3) && k.nparams == 2 */
    int64_t rows, cols;
    jl_size(g, &rows, &cols);
    EXPECT(rows == 3 && cols == 3);
    /* end; GC.gc(): both finalizers */
    fl_factor_destroy(g);
    fl_kernel_destroy(k);
    free(a), free(s);
}

static void t18_generalized_eigh(void) {
    const int64_t n = 4;
    double *a = tridiag(n), *b = tridiag(n), *minus_b = mat(n, n);
    for (int64_t i = 0; i < n; ++i) AT(b, n, i, i) += 4.0;
    for (int64_t i = 0; i < n * n; ++i) minus_b[i] = -b[i];
    fl_factor *f = NULL;
    /* F = generalized_eigh_factor(A, B): size checks are Julia's, then one C call */
    OK(fl_factor_create_generalized_eigh(&f, 1, FL_FLOAT64, FL_COL_MAJOR, n, a, n, b, n, NULL));
    /* w, V = factor_part(F, :eigenvalues), factor_part(F, :eigenvectors) */
    double *w = mat(n, 1), *v = mat(n, n);
    int64_t rows = 0, cols = 0;
    OK(fl_factor_part_shape(f, FL_PART_EIGENVALUES, &rows, &cols));
    OK(fl_factor_get_part(f, FL_PART_EIGENVALUES, FL_FLOAT64, FL_COL_MAJOR, w, n));
    OK(fl_factor_part_shape(f, FL_PART_EIGENVECTORS, &rows, &cols));
    OK(fl_factor_get_part(f, FL_PART_EIGENVECTORS, FL_FLOAT64, FL_COL_MAJOR, v, n));
    /* @test norm(A * V - B * V * Diagonal(w[:, 1])) <= 100 * eps() * norm(A) * norm(V) */
    double *r = mat(n, n);
    for (int64_t j = 0; j < n; ++j)
        for (int64_t i = 0; i < n; ++i) {
            long double s = 0;
            for (int64_t p = 0; p < n; ++p)
                s += (long double)AT(a, n, i, p) * AT(v, n, p, j) - (long double)AT(b, n, i, p) * AT(v, n, p, j) * w[j];
            AT(r, n, i, j) = (double)s;
        }
    EXPECT(frob(r, n, n, n) <= 100 * DBL_EPSILON * frob(a, n, n, n) * frob(v, n, n, n));
    /* @test small_residual(A, F \ rhs(4, 1), rhs(4, 1)) */
    double *c = rhs(n, 1), x[4];
    OK(jl_backslash(f, FL_FLOAT64, 1, c, n, x, n));
    EXPECT(small_residual(a, n, n, n, 0, x, n, c, n, 1, DBL_EPSILON));
    /* e = try generalized_eigh_factor(A, -B) ...: FL_ERR_NOT_POSITIVE_DEFINITE */
    fl_factor *g = NULL;
    EXPECT(jl_check(fl_factor_create_generalized_eigh(&g, 1, FL_FLOAT64, FL_COL_MAJOR, n, a, n, minus_b, n,
                                                     NULL)) == FL_ERR_NOT_POSITIVE_DEFINITE);
    EXPECT(g == NULL);
    /* close(F) */
    fl_factor_destroy(f);
    free(a), free(b), free(minus_b), free(w), free(v), free(r), free(c);
}

/* ---- [T19] complex matrices ------------------------------------------------------------ */

static double complex *cmat(int64_t rows, int64_t cols) {
    double complex *p = calloc((size_t)(rows * cols > 0 ? rows * cols : 1), sizeof(double complex));
    if (!p) exit(2);
    return p;
}
/* cnonsym(n) = [complex(sin(i + 2j) + (i == j ? 4 : 0), cos(2i - j))] */
static double complex *cnonsym(int64_t n) {
    double complex *a = cmat(n, n);
    for (int64_t j = 0; j < n; ++j)
        for (int64_t i = 0; i < n; ++i)
            AT(a, n, i, j) = sin((double)(i + 1) + 2.0 * (double)(j + 1)) + (i == j ? 4.0 : 0.0) +
                             I * cos(2.0 * (double)(i + 1) - (double)(j + 1));
    return a;
}
/* herm(n) = [i == j ? 4 : complex(0.5 / |i - j|, i < j ? 0.3 : -0.3)] */
static double complex *herm(int64_t n) {
    double complex *a = cmat(n, n);
    for (int64_t j = 0; j < n; ++j)
        for (int64_t i = 0; i < n; ++i)
            AT(a, n, i, j) =
                i == j ? 4.0 : 0.5 / (double)(i > j ? i - j : j - i) + I * (i < j ? 0.3 : -0.3);
    return a;
}
/* crhs(m, k) = [complex(cos(i * j), sin(i + j))] */
static double complex *crhs(int64_t m, int64_t k) {
    double complex *b = cmat(m, k);
    for (int64_t j = 0; j < k; ++j)
        for (int64_t i = 0; i < m; ++i)
            AT(b, m, i, j) = cos((double)((i + 1) * (j + 1))) + I * sin((double)(i + j + 2));
    return b;
}
static double cfrob(const double complex *a, int64_t count) {
    long double s = 0;
    for (int64_t i = 0; i < count; ++i) s += (long double)creal(a[i] * conj(a[i]));
    return (double)sqrtl(s);
}
/* small_residual(op(A), X, B) for an n-by-n complex A: op 0 A, 1 transpose(A), 2 A'. */
static int csmall_residual(const double complex *a, int64_t n, int op, const double complex *x,
                           const double complex *b, int64_t k, double eps) {
    long double r2 = 0;
    for (int64_t c = 0; c < k; ++c)
        for (int64_t i = 0; i < n; ++i) {
            double complex s = -AT(b, n, i, c);
            for (int64_t p = 0; p < n; ++p) {
                const double complex e = op == 0 ? AT(a, n, i, p) : AT(a, n, p, i);
                s += (op == 2 ? conj(e) : e) * AT(x, n, p, c);
            }
            r2 += (long double)creal(s * conj(s));
        }
    return (double)sqrtl(r2) <=
           50.0 * (double)n * eps * cfrob(a, n * n) * cfrob(x, n * k) + FLT_MIN;
}
/* ||P diag(d) op(Q) - A||_F <= 50 n eps ||A||_F for n-by-n P, Q, A; op(Q) = Q^H when
 * `adjoint`, d NULL for the identity: the reconstruction checks of L L', V diag(w) V' and
 * U diag(s) Vt. */
static int creconstructs(const double complex *p, const double *d, const double complex *q,
                         int adjoint, const double complex *a, int64_t n) {
    long double d2 = 0;
    for (int64_t j = 0; j < n; ++j)
        for (int64_t i = 0; i < n; ++i) {
            double complex t = -AT(a, n, i, j);
            for (int64_t k = 0; k < n; ++k)
                t += AT(p, n, i, k) * (d ? d[k] : 1.0) *
                     (adjoint ? conj(AT(q, n, j, k)) : AT(q, n, k, j));
            d2 += (long double)creal(t * conj(t));
        }
    return (double)sqrtl(d2) <= 50.0 * (double)n * DBL_EPSILON * cfrob(a, n * n);
}
static int cclose(double complex a, double complex b, double rtol) {
    return cabs(a - b) <= rtol * fmax(cabs(a), cabs(b));
}
/* factor_part(F, part) into a column-major out of dtype (the real dtype for eigenvalues and
 * singular values): fl_factor_part_shape, then fl_factor_get_part */
static fl_status jl_part(const fl_factor *f, fl_factor_part part, fl_dtype dtype, void *out,
                         int64_t *rows) {
    int64_t cols = 0;
    fl_status st = jl_check(fl_factor_part_shape(f, part, rows, &cols));
    if (st != FL_OK) return st;
    return jl_check(fl_factor_get_part(f, part, dtype, FL_COL_MAJOR, out, ld_of(*rows)));
}
/* F.name of a complex factor: kind(F), then factor_part into out of dtype */
static fl_status jl_property_into(fl_factor *f, fl_factor_part part, fl_dtype dtype, void *out) {
    int64_t rows = 0;
    (void)fl_factor_get_kind(f);
    return jl_part(f, part, dtype, out, &rows);
}

static void t19_complex(void) {
    const int64_t n = 5;
    const double eps = DBL_EPSILON;
    double complex *a = cnonsym(n), *b = crhs(n, 2), *x = cmat(n, 2);
    /* F = lu_factor(A); @test FastLinalg.library_eltype(F) == ComplexF64 */
    fl_factor *f = NULL;
    OK(jl_factorize(&f, FL_FACTOR_LU, FL_COMPLEX128, n, n, a, n, NULL));
    EXPECT(fl_factor_get_dtype(f) == FL_COMPLEX128);
    /* X = F \ B; F' \ B (FL_CONJ_TRANS); transpose(F) \ B (FL_TRANS); ldiv!(...; adjoint=true) */
    OK(jl_backslash(f, FL_COMPLEX128, 2, b, n, x, n));
    EXPECT(csmall_residual(a, n, 0, x, b, 2, eps));
    OK(jl_solve_op(f, FL_CONJ_TRANS, FL_COMPLEX128, 2, b, n, x, n));
    EXPECT(csmall_residual(a, n, 2, x, b, 2, eps));
    OK(jl_solve_op(f, FL_TRANS, FL_COMPLEX128, 2, b, n, x, n));
    EXPECT(csmall_residual(a, n, 1, x, b, 2, eps));
    OK(jl_solve_op(f, FL_CONJ_TRANS, FL_COMPLEX128, 2, b, n, x, n));
    EXPECT(csmall_residual(a, n, 2, x, b, 2, eps));
    /* labs, phase = logabsdet(F): fl_factor_logdet_complex */
    double re = 0, im = 0, labs = 0;
    OK(fl_factor_logdet_complex(f, &re, &im, &labs));
    /* u = diag(factor_part(F, :lu_packed)); piv = factor_indices(F, :pivots) */
    double complex *lu = cmat(n, n);
    int64_t rows = 0, cols = 0, piv[5];
    OK(jl_part(f, FL_PART_LU_PACKED, FL_COMPLEX128, lu, &rows));
    OK(fl_factor_part_shape(f, FL_PART_PIVOTS, &rows, &cols));
    OK(fl_factor_get_indices(f, FL_PART_PIVOTS, piv, rows));
    /* @test phase ≈ (-1)^swaps prod(u ./ abs.(u)); labs ≈ sum(log ∘ abs, u) */
    double complex want = 1;
    double want_labs = 0;
    for (int64_t i = 0; i < n; ++i) {
        const double complex u = AT(lu, n, i, i);
        want *= (piv[i] != i + 1 ? -1.0 : 1.0) * u / cabs(u);
        want_labs += log(cabs(u));
    }
    EXPECT(close_rel(cabs(re + I * im), 1, 1e-12) && cclose(re + I * im, want, 1e-12));
    EXPECT(close_rel(labs, want_labs, 1e-12));
    /* det(F), logdet(F): logabsdet(F) each */
    OK(fl_factor_logdet_complex(f, &re, &im, &labs));
    OK(fl_factor_logdet_complex(f, &re, &im, &labs));
    /* C = cholesky_factor(H); L = factor_part(C, :lower): H = L L' */
    double complex *h = herm(n), *l = cmat(n, n);
    fl_factor *c = NULL;
    OK(jl_factorize(&c, FL_FACTOR_CHOLESKY, FL_COMPLEX128, n, n, h, n, NULL));
    OK(jl_part(c, FL_PART_LOWER, FL_COMPLEX128, l, &rows));
    EXPECT(creconstructs(l, NULL, l, 1, h, n));
    /* @test logabsdet(C)[2] ≈ 1 && small_residual(H, C \ B, B) */
    OK(fl_factor_logdet_complex(c, &re, &im, &labs));
    EXPECT(cclose(re + I * im, 1, 1e-12));
    OK(jl_backslash(c, FL_COMPLEX128, 2, b, n, x, n));
    EXPECT(csmall_residual(h, n, 0, x, b, 2, eps));
    /* E = eigh_factor(H); E.values (Float64), E.vectors: H V = V diag(w) */
    fl_factor *e = NULL;
    double w[5];
    double complex *v = cmat(n, n);
    OK(jl_factorize(&e, FL_FACTOR_EIGH, FL_COMPLEX128, n, n, h, n, NULL));
    OK(jl_property_into(e, FL_PART_EIGENVALUES, FL_FLOAT64, w));
    OK(jl_property_into(e, FL_PART_EIGENVECTORS, FL_COMPLEX128, v));
    OK(jl_property_into(e, FL_PART_EIGENVALUES, FL_FLOAT64, w));
    EXPECT(creconstructs(v, w, v, 1, h, n)); /* H = V diag(w) V' */
    /* S = svd_factor(A); S.S (Float64), S.V, S.Vt; then S.U, S.S, S.Vt: U diag(s) Vt = A */
    fl_factor *sv = NULL;
    double s[5];
    double complex *u = cmat(n, n), *vt = cmat(n, n), *vv = cmat(n, n);
    OK(jl_factorize(&sv, FL_FACTOR_SVD, FL_COMPLEX128, n, n, a, n, NULL));
    OK(jl_property_into(sv, FL_PART_SINGULAR_VALUES, FL_FLOAT64, s));
    OK(jl_property_into(sv, FL_PART_VT, FL_COMPLEX128, vv));
    OK(jl_property_into(sv, FL_PART_VT, FL_COMPLEX128, vt));
    OK(jl_property_into(sv, FL_PART_U, FL_COMPLEX128, u));
    OK(jl_property_into(sv, FL_PART_SINGULAR_VALUES, FL_FLOAT64, s));
    OK(jl_property_into(sv, FL_PART_VT, FL_COMPLEX128, vt));
    EXPECT(creconstructs(u, s, vt, 0, a, n));
    /* As = A + transpose(A); D = ldlt_factor(As; options=Options(complex_symmetric=true)) */
    double complex *as = cmat(n, n);
    for (int64_t j = 0; j < n; ++j)
        for (int64_t i = 0; i < n; ++i) AT(as, n, i, j) = AT(a, n, i, j) + AT(a, n, j, i);
    fl_options *o = NULL;
    fl_factor *dl = NULL;
    OK(fl_options_create(&o));
    OK(fl_options_set_int(o, FL_OPT_COMPLEX_SYMMETRIC, 1));
    OK(jl_factorize(&dl, FL_FACTOR_LDLT, FL_COMPLEX128, n, n, as, n, o));
    OK(jl_backslash(dl, FL_COMPLEX128, 2, b, n, x, n));
    EXPECT(csmall_residual(as, n, 0, x, b, 2, eps));
    /* G = lu_factor(ComplexF32.(A)); X32 = G \ ComplexF32.(B) */
    float complex a32[25], b32[10], x32[10];
    for (int i = 0; i < 25; ++i) a32[i] = (float complex)a[i];
    for (int i = 0; i < 10; ++i) b32[i] = (float complex)b[i];
    fl_factor *g = NULL;
    OK(jl_factorize(&g, FL_FACTOR_LU, FL_COMPLEX64, n, n, a32, n, NULL));
    OK(jl_backslash(g, FL_COMPLEX64, 2, b32, n, x32, n));
    double complex a32d[25], b32d[10], x32d[10];
    for (int i = 0; i < 25; ++i) a32d[i] = a32[i];
    for (int i = 0; i < 10; ++i) b32d[i] = b32[i], x32d[i] = x32[i];
    EXPECT(csmall_residual(a32d, n, 0, x32d, b32d, 2, FLT_EPSILON));
    /* ldiv!(zeros(ComplexF64, 5, 1), G, ones(ComplexF64, 5, 1)): FL_ERR_DTYPE_MISMATCH */
    double complex ones[5] = {1, 1, 1, 1, 1}, zeros[5] = {0};
    EXPECT(jl_solve(g, 0, FL_COMPLEX128, 1, ones, n, zeros, n) == FL_ERR_DTYPE_MISMATCH);
    EXPECT(last_error.status == 3);
    /* Sp = sparse(the tridiagonal band of A); Sh = SparseHandle(Sp) */
    int64_t colptr[6] = {0}, rowval[13];
    double complex nzval[13], *band = cmat(n, n);
    int64_t nnz = 0;
    for (int64_t j = 0; j < n; ++j) {
        for (int64_t i = 0; i < n; ++i)
            if (i - j <= 1 && j - i <= 1) {
                rowval[nnz] = i;
                nzval[nnz++] = AT(band, n, i, j) = AT(a, n, i, j);
            }
        colptr[j + 1] = nnz;
    }
    fl_sparse *sh = NULL;
    OK(fl_sparse_create(&sh, FL_SPARSE_CSC, FL_INDEX_INT64, FL_COMPLEX128, n, n, colptr, rowval,
                        nzval));
    /* Fs = sparse_factor(Sh); Fs \ B; Fs' \ B */
    fl_factor *fs = NULL;
    OK(fl_factor_create_sparse(&fs, FL_FACTOR_SPARSE_LU, sh, NULL));
    OK(jl_backslash(fs, FL_COMPLEX128, 2, b, n, x, n));
    EXPECT(csmall_residual(band, n, 0, x, b, 2, eps));
    OK(jl_solve_op(fs, FL_CONJ_TRANS, FL_COMPLEX128, 2, b, n, x, n));
    EXPECT(csmall_residual(band, n, 2, x, b, 2, eps));
    /* sparse_multiply(Sh, B; adjoint=true) ≈ Matrix(Sp)' * B: size(S), then the product */
    int64_t srows, scols, snnz;
    OK(fl_sparse_shape(sh, &srows, &scols, &snnz));
    OK(fl_sparse_multiply(sh, FL_CONJ_TRANS, FL_COMPLEX128, 2, FL_COL_MAJOR, b, n, FL_COL_MAJOR, x,
                          n));
    double complex ref[10];
    for (int64_t k = 0; k < 2; ++k)
        for (int64_t i = 0; i < n; ++i) {
            ref[i + n * k] = 0;
            for (int64_t p = 0; p < n; ++p)
                ref[i + n * k] += conj(AT(band, n, p, i)) * AT(b, n, p, k);
        }
    long double d2 = 0;
    for (int i = 0; i < 10; ++i) d2 += (long double)creal((x[i] - ref[i]) * conj(x[i] - ref[i]));
    EXPECT((double)sqrtl(d2) <= 1e-12 * cfrob(ref, 10));
    /* close(F), close(C), close(E), close(S), close(D), close(G), close(Fs), close(Sh); the
     * Options' finalizer */
    fl_factor_destroy(f), fl_factor_destroy(c), fl_factor_destroy(e), fl_factor_destroy(sv);
    fl_factor_destroy(dl), fl_factor_destroy(g), fl_factor_destroy(fs), fl_sparse_destroy(sh);
    fl_options_destroy(o);
    free(a), free(b), free(x), free(lu), free(h), free(l), free(v), free(u), free(vt), free(vv);
    free(as), free(band);
}

int main(void) {
    struct {
        const char *name;
        void (*run)(void);
    } blocks[] = {{"[T1] runtime information", t1_runtime},
                  {"[T2] LU: \\, ldiv!, in place, transpose, views, inv", t2_lu},
                  {"[T3] Cholesky in Float32: solve, det, logdet", t3_cholesky_float32},
                  {"[T4] LDLT inertia, EIGH eigenvalues and rank", t4_ldlt_eigh},
                  {"[T5] QR least squares", t5_qr},
                  {"[T6] SVD rank of a rank-2 matrix; LU has no rank", t6_rank},
                  {"[T7] Options: the upper triangle only", t7_options},
                  {"[T8] products with A^-1", t8_inverse_products},
                  {"[T9] kernel matrices against a direct loop", t9_kernels},
                  {"[T10] rolled products against a loop", t10_rolled},
                  {"[T11] binning on hand cases", t11_binning},
                  {"[T12] block sums and the calculus toolkit", t12_blocks},
                  {"[T13] sparse: product, LU solve, refactor, Cholesky logdet", t13_sparse},
                  {"[T14] errors carry the status and the message", t14_errors},
                  {"[T16] LinearAlgebra conventions; save and load", t16_conventions},
                  {"[T17] stacks of small matrices, batches, factor_info", t17_batched},
                  {"[T18] generalized eigenproblem A v = λ B v", t18_generalized_eigh},
                  {"[T19] complex: solves with A, Aᵀ and Aᴴ, Hermitian Cholesky, the det's phase",
                   t19_complex},
                  {"[T15] handles are freed: close, double close, finalizers", t15_handles}};
    for (size_t i = 0; i < sizeof blocks / sizeof blocks[0]; ++i) {
        int before = failures;
        blocks[i].run();
        printf("%-62s %s\n", blocks[i].name, failures == before ? "ok" : "FAILED");
    }
    printf("julia mirror: %d checks, %d failed (fastlinalg %s, %s)\n", checks, failures,
           fl_version(), fl_blas_core());
    return failures == 0 ? 0 : 1;
}
