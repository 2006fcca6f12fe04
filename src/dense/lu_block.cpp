#include "dense/lu_block.hpp"

#include <new>

#include "core/typed.hpp"
#include "dense/lu_factor.hpp"

namespace fl {
namespace {

// Where each piece lies, in bytes from the block's start: the LuFactor object, then the
// factored matrix (none when it is the caller's A, FL_OPT_OVERWRITE_A), then the pivots.
template <class T>
struct BlockLayout {
    static_assert(alignof(LuFactor<T>) <= block_aligned(1) && alignof(T) <= block_aligned(1));

    BlockLayout(index_t n, bool overwrite)
        : storage(block_aligned(sizeof(LuFactor<T>))),
          pivots(storage + (overwrite ? 0 : static_cast<std::size_t>(n * n) * sizeof(T))),
          end(pivots + static_cast<std::size_t>(n) * sizeof(lapack_int)) {}

    std::size_t storage, pivots, end;
};

}  // namespace

std::size_t lu_block_bytes(Dtype dtype, index_t n, const FactorOptions &options) {
    if (n > small_lu::max_order || options.precision != Precision::native) return 0;
    return typed(dtype,
                 [&](auto t) { return BlockLayout<decltype(t)>(n, options.overwrite_a).end; });
}

Factor *make_lu_in(void *block, Dtype dtype, const MatrixRef &a, const FactorOptions &options) {
    return typed(dtype, [&](auto t) -> Factor * {
        using T = decltype(t);
        const BlockLayout<T> at(a.rows, options.overwrite_a);
        char *const base = static_cast<char *>(block);
        const LuMemory<T> memory{reinterpret_cast<T *>(base + at.storage),
                                 reinterpret_cast<lapack_int *>(base + at.pivots)};
        return new (block) LuFactor<T>(a, options, memory);
    });
}

}  // namespace fl
