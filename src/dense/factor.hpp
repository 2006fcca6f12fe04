// A factorization of one matrix, factored once and then asked for solves, determinants,
// condition estimates, inverses and its parts any number of times, from any number of
// threads: every query is const and keeps its workspace on its own stack or heap.
//
// Factor erases the element type so that the C layer holds one kind of object; the typed
// work happens in the templates behind make_factor. A kind answers the queries that make
// sense for it and leaves the rest to the defaults here, which throw
// Error(unsupported) naming the kind and what it lacks.
#pragma once

#include <cstdint>
#include <memory>

#include "core/types.hpp"

namespace fl {

enum class FactorKind {
    lu,
    cholesky,
    ldlt,
    qr,
    cod,
    svd,
    eigh,
    sparse_cholesky,  // the SuiteSparse kinds (src/sparse/)
    sparse_lu,
    sparse_qr,
    generalized_eigh  // A v = w B v (generalized_eigh_factor.hpp): public kind FL_FACTOR_EIGH
};

class SparseMatrix;
class StateWriter;  // dense/saved/state.hpp
class StateReader;

// A factorization's name in messages: "LU", "Cholesky", ...
const char *kind_name(FactorKind kind);

// FL_OPT_PRECISION: factor in the data's own precision, or (float64 LU and Cholesky) in
// float32 with refinement to float64 at solve time (mixed_precision_factor.hpp).
enum class Precision {
    native,
    mixed
};

// FL_OPT_STORAGE: Cholesky in full n-by-n storage, or in rectangular full packed storage
// from a full input or from an input already packed (rfp_cholesky_factor.cpp).
enum class Storage {
    full,
    rfp,
    rfp_input
};

// Why a mixed-precision factor works in float64 after all (FL_INFO_FALLBACK).
enum class Fallback {
    none,
    low_precision_failed,
    ill_conditioned,
    not_converged,
    query
};

// What fl_factor_get_info asks a factor (Factor::info).
enum class Info {
    precision,
    fallback,
    refinement_steps,
    overwrites_a
};

// The core's copy of the caller's options (capi/ owns the public handle around it).
struct FactorOptions {
    bool check_finite = true;
    Precision precision = Precision::native;
    bool overwrite_a = false;  // FL_OPT_OVERWRITE_A: the kinds that can factor A in place do
    Storage storage = Storage::full;
    Triangle triangle = Triangle::lower;  // symmetric kinds: the triangle read, in the caller's layout
    double rtol = -1;                     // rank tolerance; < 0: max(rows, cols) * epsilon
    double atol = 0;
    bool allow_singular = false;  // LU: keep the factor of an exactly singular A
    bool complex_symmetric = false;  // LDL^T of a complex A: A^T = A (sytrf), not A^H = A (hetrf)
};

// The triangle options.triangle names, as it lies in the column-major storage of a
// copy of a: a row-major lower triangle is the stored upper one.
inline Triangle stored_triangle(const MatrixRef &a, const FactorOptions &options) {
    return a.layout == Layout::col_major ? options.triangle : flipped(options.triangle);
}

// The tolerance below which a rank-revealing value counts as zero, given the largest.
template <class T>
double rank_threshold(const FactorOptions &options, index_t rows, index_t cols, double largest);

// det(A) = (sign + i phase_im) exp(logabsdet). For a real A the phase is real (phase_im
// = 0, sign = +-1, or 0 where a kind allows a singular A); for a complex A it is a complex
// number of modulus 1.
struct LogDet {
    double sign;
    double logabsdet;
    double phase_im = 0;
};

struct Inertia {
    index_t positive;
    index_t negative;
    index_t zero;
};

// The parts a factor can copy out. row_permutation and pivots are lists of indices
// (get_indices); the others are matrices of the factor's dtype (get_part).
enum class Part {
    singular_values,
    u,
    vt,
    eigenvalues,
    eigenvectors,
    q,
    r,
    lower,
    upper,
    row_permutation,
    packed_lu,
    pivots,
    block_diagonal,
    reflectors,
    tau,
    column_permutation
};

inline bool is_index_part(Part part) {
    return part == Part::row_permutation || part == Part::pivots ||
           part == Part::column_permutation;
}

// The element type a part is written in: the factor's own, except that the real-valued
// parts (singular values, eigenvalues) of a complex factor are written in the real type of
// its precision (float64 for complex128), as LAPACK returns them.
Dtype part_dtype(Dtype factor_dtype, Part part);

// The queries a kind may answer beyond solve and inverse, which every kind answers: one
// bit each in the kind's row of factor_kind_table.cpp, a part of a factor its own query.
enum class Query : std::uint32_t {
    rcond = 1u << 0,
    logdet = 1u << 1,
    rank = 1u << 2,
    inertia = 1u << 3,
    singular_values = 1u << 4,
    u = 1u << 5,
    vt = 1u << 6,
    eigenvalues = 1u << 7,
    eigenvectors = 1u << 8,
    q = 1u << 9,
    r = 1u << 10,
    apply_q = 1u << 11,
    residual_norms = 1u << 12,
    solve_shifted = 1u << 13,
    rank_update = 1u << 14,
    refactor = 1u << 15,
    rank_update_sparse = 1u << 16,
    lower = 1u << 17,  // the triangular factors of LU and Cholesky
    upper = 1u << 18,
    row_permutation = 1u << 19,  // LU's row permutation and LAPACK's packed form
    packed_lu = 1u << 20,
    pivots = 1u << 21,
    block_diagonal = 1u << 22,  // LDL^T's D
    reflectors = 1u << 23,      // QR's raw form: geqrf's output and its tau
    tau = 1u << 24,
    column_permutation = 1u << 25,  // COD's pivoted-QR column order
};

class Factor {
public:
    virtual ~Factor() = default;

    virtual FactorKind kind() const = 0;
    virtual Dtype dtype() const = 0;
    virtual index_t rows() const = 0;
    virtual index_t cols() const = 0;

    // X <- op(A)^-1 B (or the least-squares / minimum-norm solution, per kind). B has
    // rows(op(A)) rows, X has cols(op(A)); both of this factor's dtype. x.data == b.data
    // (same layout and ld, square A) means in place.
    virtual void solve(Transpose trans, const MatrixRef &b, const MatrixRef &x) const = 0;
    // out <- A^-1 or A^+, cols()-by-rows().
    virtual void inverse(const MatrixRef &out) const = 0;
    virtual double rcond() const = 0;

    virtual LogDet logdet() const;
    // A property of how the factor is held and solved (fl_factor_get_info); the default
    // answers for a factor held in its own precision in its own memory.
    virtual index_t info(Info what) const;
    virtual index_t rank() const;
    virtual Inertia inertia() const;
    // The shape of a part, and a copy of it into out (validated to that shape).
    virtual std::pair<index_t, index_t> part_shape(Part part) const;
    virtual void get_part(Part part, const MatrixRef &out) const;
    // A copy of an index part (is_index_part) into out, part_shape(part).first values.
    virtual void get_indices(Part part, std::int64_t *out) const;
    // c <- op(Q) c for the full m-by-m Q, c m-by-k.
    virtual void apply_q(Transpose trans, const MatrixRef &c) const;
    // norms[j] <- ||b_j - A x_j||_2 for the least-squares x_j; norms holds b.cols values of
    // the factor's dtype.
    virtual void residual_norms(const MatrixRef &b, void *norms) const;
    // x_l <- (A + shifts[l] I)^-1 b, x_l = x shifted by l * x_stride elements.
    virtual void solve_shifted(const double *shifts, index_t nshifts, const MatrixRef &b,
                               const MatrixRef &x, index_t x_stride) const;
    // A new factor of A + sign * V V^T.
    virtual std::unique_ptr<Factor> rank_update(int sign, const MatrixRef &v) const;
    // Sparse kinds: a new factor of a (same pattern) reusing this one's analysis, and a new
    // factor of A + sign * V V^T for a sparse V.
    virtual std::unique_ptr<Factor> refactor(const SparseMatrix &a) const;
    virtual std::unique_ptr<Factor> rank_update_sparse(int sign, const SparseMatrix &v) const;
    // Writes what the kind's restoring constructor Kind(StateReader &) reads back, in the
    // same order (each kind's dense/saved/<kind>_state.cpp; dense/saved/format.cpp wraps it).
    virtual void save(StateWriter &out) const;

    // Products with A^-1 (A^+ for QR, COD, SVD, EIGH, as solve applies it) that never form
    // it (factor_products.cpp). A must be square (else Error(unsupported)); Y is n-by-k, W
    // n-by-p, validated caller matrices of this factor's dtype; vectors hold values of it.
    // These handle the empty cases and the one-thread policy, then call the do_ versions.
    void quadratic_form(const MatrixRef &y, const MatrixRef &out) const;  // Y^T A^-1 Y
    void bilinear_form(const MatrixRef &y, const MatrixRef &w, const MatrixRef &out) const;  // Y^T A^-1 W
    void sandwich(const MatrixRef &y, const MatrixRef &out) const;  // A^-1 Y A^-1
    double trace_solve(const MatrixRef &y) const;                  // trace(A^-1 Y)
    void inverse_diagonal(void *diag) const;                       // diag(A^-1), n values
    void mahalanobis(const MatrixRef &y, void *out) const;         // y_j^T A^-1 y_j, k values

protected:
    // Error(unsupported): "a <kind> factor has no <what>". With a query, the kind's row in
    // the kind table is checked too: a row that says the kind answers `query`, for a class
    // that reached a default answer, is a bug reported as Error(internal).
    [[noreturn]] void unsupported(const char *what) const;
    [[noreturn]] void unsupported(Query query, const char *what) const;

    // The products for n >= 1 and non-empty outputs. The defaults are built on solve() and
    // work for every square kind, with exactly symmetric quadratic forms for the symmetric
    // kinds; a kind overrides those its structure makes cheaper (Cholesky, EIGH).
    virtual void do_quadratic_form(const MatrixRef &y, const MatrixRef &out) const;
    virtual void do_bilinear_form(const MatrixRef &y, const MatrixRef &w, const MatrixRef &out) const;
    virtual void do_sandwich(const MatrixRef &y, const MatrixRef &out) const;
    virtual double do_trace_solve(const MatrixRef &y) const;
    virtual void do_inverse_diagonal(void *diag) const;
    virtual void do_mahalanobis(const MatrixRef &y, void *out) const;
};

// What fl_factor_rcond reports for a kind's rcond(): the true value lies in [0, 1], so an
// estimate a rounding error above 1 is 1, and one that is not a number in range (+Inf when
// LAPACK's 1 / ||A^-1|| overflows, NaN from non-finite A factored unchecked) is unknown
// and reported as 0, which claims nothing about the accuracy of solves.
double rcond_in_range(double estimate);

// Throws Error(unsupported) unless f's A is square, as the products with A^-1 need.
void require_square_for_products(const Factor &f);

// Factors a (validated, of dtype `dtype`, of a shape that suits `kind`, a dense kind) with
// the kind's maker in the kind table. Throws fl::Error.
std::unique_ptr<Factor> make_factor(FactorKind kind, Dtype dtype, const MatrixRef &a,
                                    const FactorOptions &options);

// Factors a with the kind Julia's factorize would choose (see FL_FACTOR_AUTO).
std::unique_ptr<Factor> make_automatic_factor(Dtype dtype, const MatrixRef &a,
                                              const FactorOptions &options);

}  // namespace fl
