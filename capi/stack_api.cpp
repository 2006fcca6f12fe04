// fl_stack_*: numpy's stacked solve, inv, slogdet, cholesky and eigh as one call each.
#include <vector>

#include "batched/stack_ops.hpp"
#include "capi/errors.hpp"
#include "capi/stack_arguments.hpp"

using namespace fl::capi;
using fl::batched::Outcome;
using fl::batched::Stack;

namespace {

// The stack of n-by-n A's every fl_stack_* call starts from.
Stack square_stack(fl::Dtype t, fl_layout layout, int64_t count, int64_t n, const void *a,
                   int64_t lda, int64_t stride_a) {
    require_non_negative(n, "n");
    return stack_arg({"a", "lda", "n", "n"}, "stride_a", t, layout, count, n, n, a, lda, stride_a);
}

// Validated B (n-by-nrhs) and X stacks, X allowed to be B exactly.
std::pair<Stack, Stack> rhs_stacks(fl::Dtype t, fl_layout layout, int64_t count, const Stack &a,
                                   int64_t nrhs, const void *b, int64_t ldb, int64_t stride_b,
                                   void *x, int64_t ldx, int64_t stride_x) {
    const int64_t n = a.first.rows;
    const Stack bs = stack_arg({"b", "ldb", "n", "nrhs"}, "stride_b", t, layout, count, n, nrhs, b,
                               ldb, stride_b);
    const Stack xs = output_stack_arg({"x", "ldx", "n", "nrhs"}, "stride_x", t, layout, count, n,
                                      nrhs, x, ldx, stride_x);
    require_stacks_apart(a, "a", xs, "x", count, t);
    require_stacks_apart(bs, "b", xs, "x", count, t, true);
    return {bs, xs};
}

// Runs op(outcomes) and copies the outcomes to info, which is written only on success.
template <class Op>
void with_outcomes(int64_t count, int32_t *info, Op &&op) {
    std::vector<Outcome> outcomes(static_cast<size_t>(count), Outcome::ok);
    op(outcomes.data());
    write_info(outcomes, info);
}

fl::Triangle triangle_arg(fl_triangle triangle) { return to_triangle(triangle, "triangle"); }

}  // namespace

extern "C" {

FL_API fl_status fl_stack_solve(fl_dtype dtype, fl_layout layout, int64_t count, int64_t n,
                                const void *a, int64_t lda, int64_t stride_a, int64_t nrhs,
                                const void *b, int64_t ldb, int64_t stride_b, void *x, int64_t ldx,
                                int64_t stride_x, int32_t *info) {
    return guarded(__func__, [&] {
        const fl::Dtype t = to_dtype(dtype, "dtype");
        const Stack as = square_stack(t, layout, count, n, a, lda, stride_a);
        const auto rhs = rhs_stacks(t, layout, count, as, nrhs, b, ldb, stride_b, x, ldx, stride_x);
        // References, not a structured binding: C++17 lambdas cannot capture those (clang
        // refuses; GCC accepts it as an extension).
        const Stack &bs = rhs.first, &xs = rhs.second;
        require_info(info, count);
        with_outcomes(count, info,
                      [&](Outcome *o) { fl::batched::stack_solve(t, count, as, bs, xs, o); });
    });
}

FL_API fl_status fl_stack_inverse(fl_dtype dtype, fl_layout layout, int64_t count, int64_t n,
                                  const void *a, int64_t lda, int64_t stride_a, void *inv,
                                  int64_t ldinv, int64_t stride_inv, int32_t *info) {
    return guarded(__func__, [&] {
        const fl::Dtype t = to_dtype(dtype, "dtype");
        const Stack as = square_stack(t, layout, count, n, a, lda, stride_a);
        const Stack is = output_stack_arg({"inv", "ldinv", "n", "n"}, "stride_inv", t, layout,
                                          count, n, n, inv, ldinv, stride_inv);
        require_stacks_apart(as, "a", is, "inv", count, t);
        require_info(info, count);
        with_outcomes(count, info,
                      [&](Outcome *o) { fl::batched::stack_inverse(t, count, as, is, o); });
    });
}

FL_API fl_status fl_stack_slogdet(fl_dtype dtype, fl_layout layout, int64_t count, int64_t n,
                                  const void *a, int64_t lda, int64_t stride_a, double *sign,
                                  double *logabsdet, int32_t *info) {
    return guarded(__func__, [&] {
        const fl::Dtype t = to_dtype(dtype, "dtype");
        const Stack as = square_stack(t, layout, count, n, a, lda, stride_a);
        require_info(info, count);
        with_outcomes(count, info, [&](Outcome *o) {
            fl::batched::stack_slogdet(t, count, as, sign, logabsdet, o);
        });
    });
}

FL_API fl_status fl_stack_cholesky(fl_dtype dtype, fl_layout layout, int64_t count, int64_t n,
                                   const void *a, int64_t lda, int64_t stride_a,
                                   fl_triangle triangle, void *l, int64_t ldl, int64_t stride_l,
                                   int32_t *info) {
    return guarded(__func__, [&] {
        const fl::Dtype t = to_dtype(dtype, "dtype");
        const Stack as = square_stack(t, layout, count, n, a, lda, stride_a);
        const fl::Triangle tri = triangle_arg(triangle);
        const Stack ls = output_stack_arg({"l", "ldl", "n", "n"}, "stride_l", t, layout, count, n,
                                          n, l, ldl, stride_l);
        require_stacks_apart(as, "a", ls, "l", count, t);
        require_info(info, count);
        with_outcomes(count, info,
                      [&](Outcome *o) { fl::batched::stack_cholesky(t, count, as, tri, ls, o); });
    });
}

FL_API fl_status fl_stack_cholesky_solve(fl_dtype dtype, fl_layout layout, int64_t count, int64_t n,
                                         const void *a, int64_t lda, int64_t stride_a,
                                         fl_triangle triangle, int64_t nrhs, const void *b,
                                         int64_t ldb, int64_t stride_b, void *x, int64_t ldx,
                                         int64_t stride_x, int32_t *info) {
    return guarded(__func__, [&] {
        const fl::Dtype t = to_dtype(dtype, "dtype");
        const Stack as = square_stack(t, layout, count, n, a, lda, stride_a);
        const fl::Triangle tri = triangle_arg(triangle);
        const auto rhs = rhs_stacks(t, layout, count, as, nrhs, b, ldb, stride_b, x, ldx, stride_x);
        // References, not a structured binding: C++17 lambdas cannot capture those (clang
        // refuses; GCC accepts it as an extension).
        const Stack &bs = rhs.first, &xs = rhs.second;
        require_info(info, count);
        with_outcomes(count, info, [&](Outcome *o) {
            fl::batched::stack_cholesky_solve(t, count, as, tri, bs, xs, o);
        });
    });
}

FL_API fl_status fl_stack_eigh(fl_dtype dtype, fl_layout layout, int64_t count, int64_t n,
                               const void *a, int64_t lda, int64_t stride_a, fl_triangle triangle,
                               void *w, int64_t stride_w, void *v, int64_t ldv, int64_t stride_v,
                               int32_t *info) {
    return guarded(__func__, [&] {
        const fl::Dtype t = to_dtype(dtype, "dtype");
        const Stack as = square_stack(t, layout, count, n, a, lda, stride_a);
        const fl::Triangle tri = triangle_arg(triangle);
        // Each w_l is an n-by-1 column: its "leading dimension" is n (1 when n is 0).
        const Stack ws = output_stack_arg({"w", "n", "n", "1"}, "stride_w", t, FL_COL_MAJOR, count,
                                          n, 1, w, n > 0 ? n : 1, stride_w);
        require_stacks_apart(as, "a", ws, "w", count, t);
        Stack vs{};
        if (v != nullptr) {
            vs = output_stack_arg({"v", "ldv", "n", "n"}, "stride_v", t, layout, count, n, n, v,
                                  ldv, stride_v);
            require_stacks_apart(as, "a", vs, "v", count, t);
            require_stacks_apart(ws, "w", vs, "v", count, t);
        }
        require_info(info, count);
        with_outcomes(count, info, [&](Outcome *o) {
            fl::batched::stack_eigh(t, count, as, tri, ws, v != nullptr ? &vs : nullptr, o);
        });
    });
}

}  // extern "C"
