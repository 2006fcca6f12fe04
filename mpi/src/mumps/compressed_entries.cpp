#include "mpi/src/mumps/compressed_entries.hpp"

#include <cstddef>

namespace fl::mpi {

Coordinates expand_compressed(bool outer_is_row, int64_t first, int64_t count, const int64_t *ptr,
                              const int64_t *idx) {
    Coordinates c;
    const auto entries = static_cast<std::size_t>(ptr[count]);
    c.rows.resize(entries);
    c.cols.resize(entries);
    std::vector<int64_t> &outer = outer_is_row ? c.rows : c.cols;
    std::vector<int64_t> &inner = outer_is_row ? c.cols : c.rows;
    for (int64_t i = 0; i < count; ++i)
        for (int64_t k = ptr[i]; k < ptr[i + 1]; ++k) {
            outer[static_cast<std::size_t>(k)] = first + i;
            inner[static_cast<std::size_t>(k)] = idx[k];
        }
    return c;
}

}  // namespace fl::mpi
