// A ScaLAPACK factorization of a distributed matrix: one subclass per kind (LU, Cholesky,
// QR, EIGH), each in its own file. Collective like every ScaLAPACK call: every rank makes
// the same calls in the same order, and the capi layer agrees the outcome between ranks.
#pragma once

#include <memory>
#include <vector>

#include "mpi/src/dist_matrix.hpp"

namespace fl::mpi {

enum class DenseKind {
    lu,
    cholesky,
    qr,
    eigh
};

struct LogDet {
    double sign, logabs;
};

class DenseFactor {
public:
    // Factors a, whose memory the factor keeps. Throws fl::Error: singular, not positive
    // definite, or internal with ScaLAPACK's info.
    static std::unique_ptr<DenseFactor> make(DenseKind kind, DistMatrix a);
    virtual ~DenseFactor() = default;

    DenseKind kind() const { return kind_; }
    const DistMatrix &factored() const { return a_; }

    // x = A^-1 b (least squares for QR, pseudo-inverse for EIGH); x may be b for square A.
    // b and x have a's distribution; the capi layer checked the shapes.
    virtual void solve(bool transpose, const DistMatrix &b, DistMatrix &x) const = 0;
    virtual LogDet logdet() const = 0;
    virtual double rcond() const = 0;
    // EIGH only: nullptr for the others.
    virtual const std::vector<double> *eigenvalues() const { return nullptr; }
    virtual const DistMatrix *eigenvectors() const { return nullptr; }

protected:
    DenseFactor(DenseKind kind, DistMatrix a) : kind_(kind), a_(std::move(a)) {}
    DenseKind kind_;
    DistMatrix a_;
};

// f.solve for b and x of any blocking on f's context: those that differ from A's travel
// through a copy in A's distribution.
void solve_any_distribution(const DenseFactor &f, bool transpose, const DistMatrix &b,
                            DistMatrix &x);

std::unique_ptr<DenseFactor> make_lu(DistMatrix a);
std::unique_ptr<DenseFactor> make_cholesky(DistMatrix a);
std::unique_ptr<DenseFactor> make_qr(DistMatrix a);
std::unique_ptr<DenseFactor> make_eigh(DistMatrix a);

}  // namespace fl::mpi
