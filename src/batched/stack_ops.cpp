#include "batched/stack_ops.hpp"

#include <algorithm>
#include <limits>
#include <numeric>

#include "batched/determinants.hpp"
#include "batched/packing.hpp"
#include "core/typed.hpp"
#include "dense/factor.hpp"
#include "lapack/lapack.hpp"

namespace fl::batched {

namespace {

template <class T>
index_t bytes() {
    return static_cast<index_t>(sizeof(T));
}

double cube(index_t n) {
    return static_cast<double>(n) * static_cast<double>(n) * static_cast<double>(n);
}
// The flops of solving with a factor of order n for k right-hand sides.
double solve_flops(index_t n, index_t k) {
    return 2 * static_cast<double>(n) * static_cast<double>(n) * static_cast<double>(k);
}

// The worker that factors one pack of a by LU and hands it to finish(first, used, lu, piv).
template <class T, class Finish>
auto lu_pack_worker(const Stack &a, const std::vector<index_t> &offsets, Outcome *outcome,
                    Finish finish) {
    const index_t n = a.first.rows;
    return [&a, &offsets, outcome, n, pa = PackBuffer<T>(n * n), piv = PackBuffer<T>(n),
            finish = std::move(finish)](index_t first, index_t used) mutable {
        alignas(64) T singular[lanes<T>];
        gather(a, offsets, first, used, pa.data());
        screen_non_finite(n, pa.data(), first, used, outcome);
        pack_kernels<T>().lu(n, pa.data(), piv.data(), singular);
        record(singular, Outcome::singular, first, used, outcome);
        finish(first, used, pa.data(), piv.data());
    };
}

// Factors each pack of a by LU and hands it to finish(first, used, lu, piv); make_finish()
// makes one finish per thread, with that thread's scratch.
template <class T, class MakeFinish>
void lu_packs(index_t count, const Stack &a, double flops, Outcome *outcome,
              MakeFinish &&make_finish) {
    const std::vector<index_t> offsets = element_offsets(a);
    for_each_pack<T>(count, flops,
                     [&] { return lu_pack_worker<T>(a, offsets, outcome, make_finish()); });
}

// Each full pack by in_registers(first), which does the whole pack between the caller's
// arrays and returns false (nothing written) when some lane needs reporting; such packs,
// and the last partial one, by the pack worker make_worker() makes (one per thread).
template <class T, class MakeWorker, class InRegisters>
void registers_else_packs(index_t count, double flops, Outcome *outcome, MakeWorker &&make_worker,
                          InRegisters &&in_registers) {
    for_each_pack<T>(count, flops, [&] {
        return [&, packs = make_worker()](index_t first, index_t used) mutable {
            if (used == lanes<T> && in_registers(first)) {
                std::fill_n(outcome + first, lanes<T>, Outcome::ok);
                return;
            }
            packs(first, used);
        };
    });
}

// The same by Cholesky, reading one triangle (offsets from symmetric_offsets): finish(first,
// used, l).
template <class T, class Finish>
auto cholesky_pack_worker(const Stack &a, const std::vector<index_t> &offsets, Outcome *outcome,
                          Finish finish) {
    const index_t n = a.first.rows;
    return [&a, &offsets, outcome, n, pa = PackBuffer<T>(n * n), finish = std::move(finish)](
               index_t first, index_t used) mutable {
        alignas(64) T failed[lanes<T>];
        gather(a, offsets, first, used, pa.data());
        screen_non_finite(n, pa.data(), first, used, outcome);
        pack_kernels<T>().cholesky(n, pa.data(), failed);
        record(failed, Outcome::not_positive_definite, first, used, outcome);
        finish(first, used, pa.data());
    };
}

template <class T, class MakeFinish>
void cholesky_packs(index_t count, const Stack &a, Triangle triangle, double flops,
                    Outcome *outcome, MakeFinish &&make_finish) {
    const std::vector<index_t> offsets = symmetric_offsets(a, triangle);
    for_each_pack<T>(count, flops,
                     [&] { return cholesky_pack_worker<T>(a, offsets, outcome, make_finish()); });
}

// The finish of cholesky_packs that stores L: the factor's upper triangle still holds A's,
// so L's zeros go over it (whole vectors) and the pack is stored as any other.
template <class T>
auto store_cholesky_finish(const Stack &l_out, const std::vector<index_t> &l_offsets,
                           Outcome *outcome) {
    return [&l_out, &l_offsets, outcome](index_t first, index_t used, T *factor) {
        const index_t n = l_out.first.rows;
        for (index_t j = 1; j < n; ++j) std::fill_n(factor + j * n * lanes<T>, j * lanes<T>, T(0));
        scatter(factor, outcome, l_offsets, first, used, l_out);
    };
}

// Cholesky factors of orders 1 to 4: full packs in registers (pack_kernels.hpp), a pack with
// a NaN/Inf or not positive definite matrix, and the last partial one, by the pack path.
template <class T>
void register_choleskys(index_t count, const Stack &a, Triangle triangle, const Stack &l_out,
                        Outcome *outcome) {
    const index_t n = a.first.rows;
    const std::vector<index_t> offsets = symmetric_offsets(a, triangle),
                               l_offsets = element_offsets(l_out);
    const Strided<const T> from{a.matrix<T>(0), a.stride, offsets.data()};
    const Strided<T> to{l_out.matrix<T>(0), l_out.stride, l_offsets.data()};
    registers_else_packs<T>(
        count, cube(n) / 3, outcome,
        [&] {
            return cholesky_pack_worker<T>(a, offsets, outcome,
                                           store_cholesky_finish<T>(l_out, l_offsets, outcome));
        },
        [&](index_t first) { return pack_kernels<T>().cholesky_registers(n, from, to, first); });
}

// The finish of lu_packs that solves for x, with B from b (the identity when b is nullptr).
template <class T>
auto lu_solve_finish(const Stack *b, const Stack &x, Outcome *outcome) {
    const index_t n = x.first.rows, k = x.first.cols;
    return [rhs = rhs_finisher<T>(b, x, outcome), n, k](index_t first, index_t used, const T *lu,
                                                        const T *piv) mutable {
        rhs(first, used, [&](T *pb) { pack_kernels<T>().lu_solve(n, lu, piv, k, pb); });
    };
}

template <class T>
void lu_solve_packs(index_t count, const Stack &a, const Stack *b, const Stack &x,
                    Outcome *outcome) {
    const index_t n = a.first.rows, k = x.first.cols;
    lu_packs<T>(count, a, 2 * cube(n) / 3 + solve_flops(n, k), outcome,
                [&] { return lu_solve_finish<T>(b, x, outcome); });
}

// Inverses of orders 1 to 4: full packs by cofactors straight between the caller's arrays
// when the pack passes their accuracy rule (cofactors.hpp), the others by LU on packs.
template <class T>
void cofactor_inverses(index_t count, const Stack &a, const Stack &inv, Outcome *outcome) {
    const index_t n = a.first.rows, w = lanes<T>;
    const std::vector<index_t> a_offsets = element_offsets(a), x_offsets = element_offsets(inv);
    const Strided<const T> from{a.matrix<T>(0), a.stride, a_offsets.data()};
    const Strided<T> to{inv.matrix<T>(0), inv.stride, x_offsets.data()};
    for_each_pack<T>(count, cube(n), [&] {
        return [&, lu = lu_pack_worker<T>(a, a_offsets, outcome,
                                          lu_solve_finish<T>(nullptr, inv, outcome))](
                   index_t first, index_t used) mutable {
            if (used == w && pack_kernels<T>().cofactor_inverse(n, from, to, first)) {
                std::fill_n(outcome + first, w, Outcome::ok);
                return;
            }
            lu(first, used);
        };
    });
}

// Solves of orders 1 to 4: full packs in registers straight between the caller's arrays
// (pack_kernels.hpp), a pack with a NaN/Inf or singular matrix, and the last partial one,
// by the pack path, which reports them.
template <class T>
void register_solves(index_t count, const Stack &a, const Stack &b, const Stack &x,
                     Outcome *outcome) {
    const index_t n = a.first.rows, k = x.first.cols;
    const std::vector<index_t> a_offsets = element_offsets(a), b_offsets = element_offsets(b),
                               x_offsets = element_offsets(x);
    const Strided<const T> from{a.matrix<T>(0), a.stride, a_offsets.data()},
        rhs{b.matrix<T>(0), b.stride, b_offsets.data()};
    const Strided<T> to{x.matrix<T>(0), x.stride, x_offsets.data()};
    registers_else_packs<T>(
        count, 2 * cube(n) / 3 + solve_flops(n, k), outcome,
        [&] {
            return lu_pack_worker<T>(a, a_offsets, outcome, lu_solve_finish<T>(&b, x, outcome));
        },
        [&](index_t first) { return pack_kernels<T>().solve(n, from, rhs, to, k, first); });
}

// The finish of lu_packs for slogdet: each lane's sign and log|det| (put(l, LogDet)).
template <class T, class Put>
auto logdet_finish(index_t n, Outcome *outcome, Put &put) {
    return [n, outcome, &put](index_t first, index_t used, const T *lu, const T *piv) {
        LogDet logdets[lanes<T>];
        pack_logdets(n, lu, piv, logdets);
        for (index_t l = 0; l < used; ++l) {
            Outcome &o = outcome[first + l];
            put(first + l, o == Outcome::ok ? logdets[l] : failed_logdet(o));
            if (o == Outcome::singular) o = Outcome::ok;  // numpy's (0, -inf)
        }
    };
}

// Determinants of orders 1 to 4: full packs in registers (pack_kernels.hpp); a pack with a
// NaN/Inf or singular matrix or a product of pivots out of one log's range, and the last
// partial one, by the pack path.
template <class T, class Put>
void register_logdets(index_t count, const Stack &a, double *sign, double *logabsdet,
                      Outcome *outcome, Put &put) {
    const index_t n = a.first.rows;
    const std::vector<index_t> offsets = element_offsets(a);
    const Strided<const T> from{a.matrix<T>(0), a.stride, offsets.data()};
    registers_else_packs<T>(
        count, 2 * cube(n) / 3, outcome,
        [&] { return lu_pack_worker<T>(a, offsets, outcome, logdet_finish<T>(n, outcome, put)); },
        [&](index_t first) { return pack_kernels<T>().logdet(n, from, first, sign, logabsdet); });
}

// Eigenpairs of orders up to eigh_pack_limit by Jacobi on packs: for n <= 4 two packs per
// Jacobi call, so that their rotations, latency-bound chains there, overlap
// (pack_kernels.hpp); larger n keep the core busy alone. Full groups of orders up to
// register_eigh_limit go through the kernel that keeps them in registers, straight between
// the caller's arrays; a group with NaN/Inf or no convergence, and the last partial one,
// through the packs, which report them.
template <class T>
void eigh_packs(index_t count, const Stack &a, Triangle triangle, const Stack &w, const Stack *v,
                Outcome *outcome) {
    const index_t n = a.first.rows, lw = lanes<T>;
    const std::vector<index_t> offsets = symmetric_offsets(a, triangle);
    const std::vector<index_t> w_offsets = element_offsets(w);
    const std::vector<index_t> v_offsets = v != nullptr ? element_offsets(*v) : offsets;
    const Strided<const T> from{a.matrix<T>(0), a.stride, offsets.data()};
    const Strided<T> to_w{w.matrix<T>(0), w.stride, w_offsets.data()};
    const Strided<T> to_v{v != nullptr ? v->matrix<T>(0) : nullptr, v != nullptr ? v->stride : 0,
                          v_offsets.data()};
    const bool registers = n <= register_eigh_limit;
    const index_t size = n * n * lw, pair = n <= 4 ? 2 : 1;
    const index_t group = registers ? register_eigh_packs : pair;
    for_each_pack<T>(
        count, 20 * cube(n),
        [&] {
            return [&, pa = PackBuffer<T>(2 * n * n), pv = PackBuffer<T>(2 * n * n),
                    pw = PackBuffer<T>(n)](index_t group_first, index_t group_used) mutable {
                if (registers && group_used == group * lw &&
                    pack_kernels<T>().eigh(n, from, to_w, v != nullptr ? &to_v : nullptr,
                                           group_first)) {
                    std::fill_n(outcome + group_first, group_used, Outcome::ok);
                    return;
                }
                for (index_t first = group_first; first < group_first + group_used;
                     first += pair * lw) {
                    const index_t used = std::min(pair * lw, group_first + group_used - first);
                    alignas(64) T failed[2 * lanes<T>];
                    const index_t packs = (used + lw - 1) / lw;
                    for (index_t k = 0; k < packs; ++k) {
                        const index_t at = first + k * lw, in = std::min(lw, used - k * lw);
                        gather(a, offsets, at, in, pa.data() + k * size);
                        screen_non_finite(n, pa.data() + k * size, at, in, outcome);
                    }
                    pack_kernels<T>().jacobi(n, pa.data(), pv.data(), failed, packs);
                    for (index_t k = 0; k < packs; ++k) {
                        const index_t at = first + k * lw, in = std::min(lw, used - k * lw);
                        const T *ak = pa.data() + k * size;
                        record(failed + k * lw, Outcome::no_convergence, at, in, outcome);
                        for (index_t j = 0; j < n; ++j)
                            std::copy_n(ak + (j * n + j) * lw, lw, pw.data() + j * lw);
                        scatter(pw.data(), outcome, w_offsets, at, in, w);
                        if (v != nullptr)
                            scatter(pv.data() + k * size, outcome, v_offsets, at, in, *v);
                    }
                }
            };
        },
        group);
}

FactorOptions triangle_options(Triangle triangle) {
    FactorOptions o;
    o.triangle = triangle;
    return o;
}

}  // namespace

void stack_solve(Dtype dtype, index_t count, const Stack &a, const Stack &b, const Stack &x,
                 Outcome *outcome) {
    const index_t n = a.first.rows;
    typed_real(dtype, [&](auto t) {
        using T = decltype(t);
        if (n <= register_solve_limit && x.first.cols <= n)
            return register_solves<T>(count, a, b, x, outcome);
        if (n <= lu_pack_limit) return lu_solve_packs<T>(count, a, &b, x, outcome);
        for_each_matrix(
            count, cube(n), outcome,
            [&](index_t l) {
                make_factor(FactorKind::lu, dtype, a.ref(l, bytes<T>()), {})
                    ->solve(Transpose::no, b.ref(l, bytes<T>()), x.ref(l, bytes<T>()));
            },
            [&](index_t l) { fill_nan<T>(x, l); });
    });
}

void stack_inverse(Dtype dtype, index_t count, const Stack &a, const Stack &inv, Outcome *outcome) {
    const index_t n = a.first.rows;
    typed_real(dtype, [&](auto t) {
        using T = decltype(t);
        if (n <= cofactor_inverse_limit) return cofactor_inverses<T>(count, a, inv, outcome);
        if (n <= inverse_pack_limit) return lu_solve_packs<T>(count, a, nullptr, inv, outcome);
        for_each_matrix(
            count, cube(n), outcome,
            [&](index_t l) {
                make_factor(FactorKind::lu, dtype, a.ref(l, bytes<T>()), {})
                    ->inverse(inv.ref(l, bytes<T>()));
            },
            [&](index_t l) { fill_nan<T>(inv, l); });
    });
}

void stack_slogdet(Dtype dtype, index_t count, const Stack &a, double *sign, double *logabsdet,
                   Outcome *outcome) {
    const index_t n = a.first.rows;
    const auto put = [&](index_t l, LogDet d) {
        if (sign != nullptr) sign[l] = d.sign;
        if (logabsdet != nullptr) logabsdet[l] = d.logabsdet;
    };
    typed_real(dtype, [&](auto t) {
        using T = decltype(t);
        if (n <= register_logdet_limit)
            return register_logdets<T>(count, a, sign, logabsdet, outcome, put);
        if (n <= lu_pack_limit)
            return lu_packs<T>(count, a, 2 * cube(n) / 3, outcome,
                               [&] { return logdet_finish<T>(n, outcome, put); });
        for_each_matrix(
            count, cube(n), outcome,
            [&](index_t l) {
                try {
                    put(l, make_factor(FactorKind::lu, dtype, a.ref(l, bytes<T>()), {})->logdet());
                } catch (const Error &e) {
                    if (e.code() != ErrorCode::singular) throw;
                    put(l, failed_logdet(Outcome::singular));
                }
            },
            [&](index_t l) { put(l, failed_logdet(outcome[l])); });
    });
}

void stack_cholesky(Dtype dtype, index_t count, const Stack &a, Triangle triangle,
                    const Stack &l_out, Outcome *outcome) {
    const index_t n = a.first.rows;
    typed_real(dtype, [&](auto t) {
        using T = decltype(t);
        const auto write_lower = [&](index_t l, const T *p, index_t lane, index_t w, index_t ldp) {
            for (index_t j = 0; j < n; ++j)
                for (index_t i = 0; i < n; ++i)
                    l_out.at<T>(l, i, j) = i >= j ? p[(j * ldp + i) * w + lane] : T(0);
        };
        if (n <= register_cholesky_limit)
            return register_choleskys<T>(count, a, triangle, l_out, outcome);
        if (n <= cholesky_pack_limit) {
            const std::vector<index_t> l_offsets = element_offsets(l_out);
            return cholesky_packs<T>(count, a, triangle, cube(n) / 3, outcome, [&] {
                return store_cholesky_finish<T>(l_out, l_offsets, outcome);
            });
        }
        for_each_matrix(
            count, cube(n) / 3, outcome,
            [&](index_t l) {
                // One column-major copy of the triangle read, as potrf takes it.
                std::vector<T> c(static_cast<size_t>(n * n));
                const bool lower = triangle == Triangle::lower;
                bool finite = true;
                for (index_t j = 0; j < n; ++j)
                    for (index_t i = j; i < n; ++i) {
                        const T v = lower ? a.at<T>(l, i, j) : a.at<T>(l, j, i);
                        finite = finite && std::isfinite(v);
                        c[static_cast<size_t>(j * n + i)] = v;
                    }
                if (!finite) throw Error(ErrorCode::non_finite, "NaN or Inf");
                if (lapack::potrf(Triangle::lower, n, c.data(), n) != 0)
                    throw Error(ErrorCode::not_positive_definite, "not positive definite");
                write_lower(l, c.data(), 0, 1, n);
            },
            [&](index_t l) { fill_nan<T>(l_out, l); });
    });
}

void stack_cholesky_solve(Dtype dtype, index_t count, const Stack &a, Triangle triangle,
                          const Stack &b, const Stack &x, Outcome *outcome) {
    const index_t n = a.first.rows, k = x.first.cols;
    typed_real(dtype, [&](auto t) {
        using T = decltype(t);
        if (n <= cholesky_pack_limit) {
            cholesky_packs<T>(count, a, triangle, cube(n) / 3 + solve_flops(n, k), outcome, [&] {
                return [rhs = rhs_finisher<T>(&b, x, outcome), n, k](index_t first, index_t used,
                                                                     const T *factor) mutable {
                    rhs(first, used,
                        [&](T *pb) { pack_kernels<T>().cholesky_solve(n, factor, k, pb); });
                };
            });
            return;
        }
        for_each_matrix(
            count, cube(n) / 3, outcome,
            [&](index_t l) {
                make_factor(FactorKind::cholesky, dtype, a.ref(l, bytes<T>()),
                            triangle_options(triangle))
                    ->solve(Transpose::no, b.ref(l, bytes<T>()), x.ref(l, bytes<T>()));
            },
            [&](index_t l) { fill_nan<T>(x, l); });
    });
}

void stack_eigh(Dtype dtype, index_t count, const Stack &a, Triangle triangle, const Stack &w,
                const Stack *v, Outcome *outcome) {
    const index_t n = a.first.rows;
    typed_real(dtype, [&](auto t) {
        using T = decltype(t);
        const auto fail = [&](index_t l) {
            fill_nan<T>(w, l);
            if (v != nullptr) fill_nan<T>(*v, l);
        };  // for the LAPACK route; the packs write NaN through scatter
        if (n <= eigh_pack_limit) return eigh_packs<T>(count, a, triangle, w, v, outcome);
        for_each_matrix(
            count, 9 * cube(n), outcome,
            [&](index_t l) {
                const auto f = make_factor(FactorKind::eigh, dtype, a.ref(l, bytes<T>()),
                                           triangle_options(triangle));
                f->get_part(Part::eigenvalues, w.ref(l, bytes<T>()));
                if (v != nullptr) f->get_part(Part::eigenvectors, v->ref(l, bytes<T>()));
            },
            fail);
    });
}

}  // namespace fl::batched
