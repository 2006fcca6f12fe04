// A batch of LU or Cholesky factors of small order, kept as the interleaved packs the
// kernels factored (lanes.hpp), so that every later call runs on whole vectors too.
#include <algorithm>
#include <cmath>
#include <limits>

#include "batched/batch.hpp"
#include "batched/determinants.hpp"
#include "batched/packing.hpp"
#include "core/typed.hpp"

namespace fl::batched {
namespace {

template <class T>
class PackedBatch final : public Batch {
public:
    PackedBatch(FactorKind kind, index_t count, const Stack &a, const FactorOptions &options,
                Outcome *outcome)
        : Batch(kind, dtype_of<T>(), count, a.first.rows, a.first.rows),
          n_(a.first.rows),
          packs_((count + w - 1) / w),
          factors_(packs_ * n_ * n_),
          pivots_(lu() ? packs_ * n_ : 0),
          anorm_(static_cast<size_t>(count)),
          outcome_(outcome, outcome + count) {
        const std::vector<index_t> offsets =
            lu() ? element_offsets(a) : symmetric_offsets(a, options.triangle);
        for_each_pack<T>(count, static_cast<double>(n_ * n_ * n_), [&] {
            return [&](index_t first, index_t used) {
                T *p = factor(first), flags[lanes<T>];
                gather(a, offsets, first, used, p);
                screen_non_finite(n_, p, first, used, outcome_.data());
                for (index_t l = 0; l < used; ++l)
                    anorm_[static_cast<size_t>(first + l)] = lane_norm1(p, l);
                if (lu())
                    pack_kernels<T>().lu(n_, p, pivot(first), flags);
                else
                    pack_kernels<T>().cholesky(n_, p, flags);
                record(flags, lu() ? Outcome::singular : Outcome::not_positive_definite, first,
                       used, outcome_.data());
            };
        });
        std::copy(outcome_.begin(), outcome_.end(), outcome);
    }

    void solve(const Stack &b, const Stack &x) const override { solve_packs(&b, x); }

    void inverse(const Stack &inv) const override { solve_packs(nullptr, inv); }

    void logdet(double *sign, double *logabsdet) const override {
        for (index_t l = 0; l < count(); ++l) {
            const Outcome o = outcome_[static_cast<size_t>(l)];
            const LogDet d = o == Outcome::ok
                                 ? lane_logdet(n_, factor(l), lu() ? pivot(l) : nullptr, l % w)
                                 : failed_logdet(o);
            if (sign != nullptr) sign[l] = d.sign;
            if (logabsdet != nullptr) logabsdet[l] = d.logabsdet;
        }
    }

    // Exactly 1 / (||A||_1 ||A^-1||_1), from the inverse (n^3 per matrix, at these orders
    // less than LAPACK's estimator costs in calls).
    void rcond(double *out) const override {
        for_each_pack<T>(count(), static_cast<double>(n_ * n_ * n_), [&] {
            return [&, inv = PackBuffer<T>(n_ * n_)](index_t first, index_t used) mutable {
                for (index_t e = 0; e < n_ * n_ * w; ++e)
                    inv.data()[e] = T((e / w) % (n_ + 1) == 0);
                solve_pack(first, inv.data());
                for (index_t l = 0; l < used; ++l) {
                    const double anorm = anorm_[static_cast<size_t>(first + l)];
                    const double inorm = lane_norm1(inv.data(), l);
                    out[first + l] = outcome_[static_cast<size_t>(first + l)] != Outcome::ok
                                         ? std::numeric_limits<double>::quiet_NaN()
                                     : n_ == 0                             ? 1.0
                                     : anorm == 0 || !std::isfinite(inorm) ? 0.0
                                                                           : 1 / anorm / inorm;
                }
            };
        });
    }

    void get_part(Part part, const Stack &) const override { part_shape(part); }

private:
    static constexpr index_t w = lanes<T>;

    bool lu() const { return kind() == FactorKind::lu; }
    // The pack holding matrix l (any l of that pack).
    T *factor(index_t l) { return reinterpret_cast<T *>(factors_.data()) + (l / w) * n_ * n_ * w; }
    const T *factor(index_t l) const {
        return reinterpret_cast<const T *>(factors_.data()) + (l / w) * n_ * n_ * w;
    }
    T *pivot(index_t l) { return reinterpret_cast<T *>(pivots_.data()) + (l / w) * n_ * w; }
    const T *pivot(index_t l) const {
        return reinterpret_cast<const T *>(pivots_.data()) + (l / w) * n_ * w;
    }

    double lane_norm1(const T *p, index_t lane) const {
        double norm = 0;
        for (index_t j = 0; j < n_; ++j) {
            double column = 0;
            for (index_t i = 0; i < n_; ++i)
                column += std::fabs(static_cast<double>(p[(j * n_ + i) * w + lane]));
            norm = std::max(norm, column);
        }
        return norm;
    }

    void solve_pack(index_t first, T *rhs) const {
        if (lu())
            pack_kernels<T>().lu_solve(n_, factor(first), pivot(first), n_, rhs);
        else
            pack_kernels<T>().cholesky_solve(n_, factor(first), n_, rhs);
    }

    // X from B (the identity when b is nullptr), pack by pack.
    void solve_packs(const Stack *b, const Stack &x) const {
        const index_t k = x.first.cols;
        for_each_pack<T>(count(), static_cast<double>(2 * n_ * n_ * k), [&] {
            return [&, rhs = rhs_finisher<T>(b, x, outcome_.data())](index_t first,
                                                                     index_t used) mutable {
                rhs(first, used, [&](T *pb) {
                    if (lu())
                        pack_kernels<T>().lu_solve(n_, factor(first), pivot(first), k, pb);
                    else
                        pack_kernels<T>().cholesky_solve(n_, factor(first), k, pb);
                });
            };
        });
    }

    index_t n_, packs_;
    std::vector<Vec<T>> factors_;  // packs_ * n_ * n_ vectors, 64-byte aligned
    std::vector<Vec<T>> pivots_;
    std::vector<double> anorm_;
    std::vector<Outcome> outcome_;
};

}  // namespace

std::unique_ptr<Batch> make_packed_batch(FactorKind kind, Dtype dtype, index_t count,
                                         const Stack &a, const FactorOptions &options,
                                         Outcome *outcome) {
    return typed_real(dtype, [&](auto t) -> std::unique_ptr<Batch> {
        return std::make_unique<PackedBatch<decltype(t)>>(kind, count, a, options, outcome);
    });
}

}  // namespace fl::batched
