// A batch kept as one LAPACK factor (the fl_factor kinds of src/dense/) per matrix: every
// kind, and the orders above the pack limits. Calls spread the matrices over threads.
#include <algorithm>
#include <limits>

#include "batched/batch.hpp"
#include "batched/determinants.hpp"
#include "batched/packing.hpp"
#include "core/typed.hpp"

namespace fl::batched {
namespace {

class FactorBatch final : public Batch {
public:
    FactorBatch(FactorKind kind, Dtype dtype, index_t count, const Stack &a,
                const FactorOptions &options, Outcome *outcome)
        : Batch(kind, dtype, count, a.first.rows, a.first.cols),
          factors_(static_cast<size_t>(count)),
          outcome_(static_cast<size_t>(count)) {
        for_each_matrix(
            count, work(), outcome,
            [&](index_t l) {
                factors_[static_cast<size_t>(l)] =
                    make_factor(kind, dtype, a.ref(l, bytes()), options);
            },
            [](index_t) {});
        std::copy(outcome, outcome + count, outcome_.begin());
    }

    void solve(const Stack &b, const Stack &x) const override {
        each(x, [&](const Factor &f, index_t l) {
            f.solve(Transpose::no, b.ref(l, bytes()), x.ref(l, bytes()));
        });
    }

    void logdet(double *sign, double *logabsdet) const override {
        if (kind() == FactorKind::qr)
            throw Error(ErrorCode::unsupported, "a QR batch has no determinant (use LU)");
        parallel_for(count(), static_cast<double>(count() * rows()), 1 << 16,
                     [&](index_t begin, index_t end) {
                         for (index_t l = begin; l < end; ++l) {
                             const Factor *f = factors_[static_cast<size_t>(l)].get();
                             const LogDet d = f != nullptr
                                                  ? f->logdet()
                                                  : failed_logdet(outcome_[static_cast<size_t>(l)]);
                             if (sign != nullptr) sign[l] = d.sign;
                             if (logabsdet != nullptr) logabsdet[l] = d.logabsdet;
                         }
                     });
    }

    void rcond(double *out) const override {
        parallel_for(count(), static_cast<double>(count() * rows() * rows()), 1 << 16,
                     [&](index_t begin, index_t end) {
                         for (index_t l = begin; l < end; ++l) {
                             const Factor *f = factors_[static_cast<size_t>(l)].get();
                             out[l] = f != nullptr ? f->rcond() : nan();
                         }
                     });
    }

    void inverse(const Stack &inv) const override {
        each(inv, [&](const Factor &f, index_t l) { f.inverse(inv.ref(l, bytes())); });
    }

    void get_part(Part part, const Stack &out) const override {
        part_shape(part);
        each(out, [&](const Factor &f, index_t l) { f.get_part(part, out.ref(l, bytes())); });
    }

private:
    index_t bytes() const {
        return typed(dtype(), [](auto t) { return static_cast<index_t>(sizeof t); });
    }
    static double nan() { return std::numeric_limits<double>::quiet_NaN(); }
    double work() const {
        return static_cast<double>(rows()) * static_cast<double>(cols()) *
               static_cast<double>(cols());
    }

    // body(factor, l) for every matrix that was factored; the outputs of the others are NaN.
    template <class Body>
    void each(const Stack &out, Body &&body) const {
        parallel_for(count(), static_cast<double>(count()) * work(), 1 << 18,
                     [&](index_t begin, index_t end) {
                         for (index_t l = begin; l < end; ++l) {
                             const Factor *f = factors_[static_cast<size_t>(l)].get();
                             if (f != nullptr) {
                                 body(*f, l);
                             } else {
                                 typed_real(dtype(), [&](auto t) { fill_nan<decltype(t)>(out, l); });
                             }
                         }
                     });
    }

    std::vector<std::unique_ptr<Factor>> factors_;  // nullptr where the matrix failed
    std::vector<Outcome> outcome_;
};

}  // namespace

std::unique_ptr<Batch> make_factor_batch(FactorKind kind, Dtype dtype, index_t count,
                                         const Stack &a, const FactorOptions &options,
                                         Outcome *outcome) {
    return std::make_unique<FactorBatch>(kind, dtype, count, a, options, outcome);
}

}  // namespace fl::batched
