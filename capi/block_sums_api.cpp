// fl_block_sum_*: seed 001's block-partitioned sums (src/blocks/).
#include "blocks/block_sums.hpp"
#include "capi/block_arguments.hpp"
#include "capi/errors.hpp"

using namespace fl::capi;

namespace {

// The n1 n2-by-k1 k2 shape of a Kronecker sum's output: named for messages.
constexpr MatrixNames kOut{"out", "ldout", "out's rows", "out's cols"};

// The n1-row blocks of the m1 rows pair one to one with the n2-row blocks of the m2 rows.
void require_paired_blocks(int64_t m1, int64_t n1, int64_t m2, int64_t n2) {
    const int64_t l1 = block_count(m1, "m1", n1, "n1");  // m1 first: arguments run in any order
    require_same_count(l1, "m1 / n1", block_count(m2, "m2", n2, "n2"), "m2 / n2");
}

}  // namespace

extern "C" {

FL_API fl_status fl_block_sum_abt(fl_dtype dtype, int64_t m1, int64_t m2, int64_t k, int64_t n1,
                                  int64_t n2, fl_layout a_layout, const void *a, int64_t lda,
                                  fl_layout b_layout, const void *b, int64_t ldb,
                                  fl_layout out_layout, void *out, int64_t ldout) {
    return guarded(__func__, [&] {
        const fl::Dtype t = to_dtype(dtype, "dtype");
        const fl::MatrixRef ra = matrix_arg({"a", "lda", "m1", "k"}, t, a_layout, m1, k, a, lda);
        const fl::MatrixRef rb = matrix_arg({"b", "ldb", "m2", "k"}, t, b_layout, m2, k, b, ldb);
        require_paired_blocks(m1, n1, m2, n2);
        const fl::MatrixRef ro =
            output_arg(kOut, t, out_layout, n1, n2, out, ldout, {{&ra, "a"}, {&rb, "b"}});
        const bool same = a == b && a_layout == b_layout && lda == ldb && m1 == m2 && n1 == n2;
        fl::blocks::sum_abt(t, ra, n1, rb, n2, same, ro);
    });
}

FL_API fl_status fl_block_sum_acbt(fl_dtype dtype, int64_t m1, int64_t m2, int64_t k1, int64_t k2,
                                   int64_t n1, int64_t n2, fl_layout a_layout, const void *a,
                                   int64_t lda, fl_layout c_layout, const void *c, int64_t ldc,
                                   fl_layout b_layout, const void *b, int64_t ldb,
                                   fl_layout out_layout, void *out, int64_t ldout) {
    return guarded(__func__, [&] {
        const fl::Dtype t = to_dtype(dtype, "dtype");
        const fl::MatrixRef ra = matrix_arg({"a", "lda", "m1", "k1"}, t, a_layout, m1, k1, a, lda);
        const fl::MatrixRef rc = matrix_arg({"c", "ldc", "k1", "k2"}, t, c_layout, k1, k2, c, ldc);
        const fl::MatrixRef rb = matrix_arg({"b", "ldb", "m2", "k2"}, t, b_layout, m2, k2, b, ldb);
        require_paired_blocks(m1, n1, m2, n2);
        const fl::MatrixRef ro = output_arg(kOut, t, out_layout, n1, n2, out, ldout,
                                            {{&ra, "a"}, {&rc, "c"}, {&rb, "b"}});
        fl::blocks::sum_acbt(t, ra, n1, rc, rb, n2, ro);
    });
}

FL_API fl_status fl_block_sum_residual(fl_dtype dtype, int64_t m, int64_t k1, int64_t k2, int64_t n,
                                       fl_layout a_layout, const void *a, int64_t lda,
                                       fl_layout b_layout, const void *b, int64_t ldb,
                                       fl_layout c_layout, const void *c, int64_t ldc,
                                       fl_layout out_layout, void *out, int64_t ldout) {
    return guarded(__func__, [&] {
        const fl::Dtype t = to_dtype(dtype, "dtype");
        const fl::MatrixRef ra = matrix_arg({"a", "lda", "m", "k1"}, t, a_layout, m, k1, a, lda);
        const fl::MatrixRef rb = matrix_arg({"b", "ldb", "m", "k2"}, t, b_layout, m, k2, b, ldb);
        const fl::MatrixRef rc = matrix_arg({"c", "ldc", "k2", "k1"}, t, c_layout, k2, k1, c, ldc);
        block_count(m, "m", n, "n");
        const fl::MatrixRef ro =
            output_arg(kOut, t, out_layout, n, n, out, ldout, {{&ra, "a"}, {&rb, "b"}, {&rc, "c"}});
        fl::blocks::sum_residual(t, ra, rb, rc, n, ro);
    });
}

FL_API fl_status fl_block_sum_kron(fl_dtype dtype, int64_t m1, int64_t m2, int64_t k1, int64_t k2,
                                   int64_t n1, int64_t n2, fl_layout a_layout, const void *a,
                                   int64_t lda, fl_layout b_layout, const void *b, int64_t ldb,
                                   fl_layout out_layout, void *out, int64_t ldout) {
    return guarded(__func__, [&] {
        const fl::Dtype t = to_dtype(dtype, "dtype");
        const fl::MatrixRef ra = matrix_arg({"a", "lda", "m1", "k1"}, t, a_layout, m1, k1, a, lda);
        const fl::MatrixRef rb = matrix_arg({"b", "ldb", "m2", "k2"}, t, b_layout, m2, k2, b, ldb);
        require_paired_blocks(m1, n1, m2, n2);
        const fl::MatrixRef ro =
            output_arg(kOut, t, out_layout, n1 * n2, k1 * k2, out, ldout, {{&ra, "a"}, {&rb, "b"}});
        fl::blocks::sum_kron(t, ra, n1, rb, n2, ro);
    });
}

FL_API fl_status fl_block_sum_kron_abt_cdt(fl_dtype dtype, int64_t m1, int64_t m2, int64_t k1,
                                           int64_t k2, int64_t n1, int64_t n2, fl_layout a_layout,
                                           const void *a, int64_t lda, fl_layout b_layout,
                                           const void *b, int64_t ldb, fl_layout c_layout,
                                           const void *c, int64_t ldc, fl_layout d_layout,
                                           const void *d, int64_t ldd, fl_layout out_layout,
                                           void *out, int64_t ldout) {
    return guarded(__func__, [&] {
        const fl::Dtype t = to_dtype(dtype, "dtype");
        const fl::MatrixRef ra = matrix_arg({"a", "lda", "m1", "k1"}, t, a_layout, m1, k1, a, lda);
        const fl::MatrixRef rb = matrix_arg({"b", "ldb", "m2", "k1"}, t, b_layout, m2, k1, b, ldb);
        const fl::MatrixRef rc = matrix_arg({"c", "ldc", "m1", "k2"}, t, c_layout, m1, k2, c, ldc);
        const fl::MatrixRef rd = matrix_arg({"d", "ldd", "m2", "k2"}, t, d_layout, m2, k2, d, ldd);
        block_count(m1, "m1", n1, "n1");
        block_count(m2, "m2", n2, "n2");
        const fl::MatrixRef ro = output_arg(kOut, t, out_layout, n1 * n1, n2 * n2, out, ldout,
                                            {{&ra, "a"}, {&rb, "b"}, {&rc, "c"}, {&rd, "d"}});
        fl::blocks::sum_kron_abt_cdt(t, ra, rb, rc, rd, n1, n2, ro);
    });
}

FL_API fl_status fl_block_sum_kron_grid(fl_dtype dtype, int64_t m1, int64_t m2, int64_t k,
                                        int64_t n1, int64_t n2, fl_layout a_layout, const void *a,
                                        int64_t lda, fl_layout b_layout, const void *b, int64_t ldb,
                                        fl_layout c_layout, const void *c, int64_t ldc,
                                        fl_layout out_layout, void *out, int64_t ldout) {
    return guarded(__func__, [&] {
        const fl::Dtype t = to_dtype(dtype, "dtype");
        const fl::MatrixRef ra = matrix_arg({"a", "lda", "m1", "m2"}, t, a_layout, m1, m2, a, lda);
        const fl::MatrixRef rb = matrix_arg({"b", "ldb", "m1", "k"}, t, b_layout, m1, k, b, ldb);
        const fl::MatrixRef rc = matrix_arg({"c", "ldc", "m2", "k"}, t, c_layout, m2, k, c, ldc);
        block_count(m1, "m1", n1, "n1");
        block_count(m2, "m2", n2, "n2");
        const fl::MatrixRef ro = output_arg(kOut, t, out_layout, n1 * n1, n2 * n2, out, ldout,
                                            {{&ra, "a"}, {&rb, "b"}, {&rc, "c"}});
        fl::blocks::sum_kron_grid(t, ra, rb, rc, n1, n2, ro);
    });
}

}  // extern "C"
