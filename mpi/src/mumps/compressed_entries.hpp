// Compressed rows or columns (CSR/CSC) as the (row, col) pairs MUMPS reads: MUMPS takes
// coordinates only, so a compressed block is expanded once, at factorization.
#pragma once

#include <cstdint>
#include <vector>

namespace fl::mpi {

struct Coordinates {
    std::vector<int64_t> rows, cols;
};

// The entries of outer indices [first, first + count): entry k of outer index first + i
// (ptr[i] <= k < ptr[i + 1]) is (first + i, idx[k]) when the outer indices are rows (CSR),
// (idx[k], first + i) when they are columns (CSC). The arrays have been checked.
Coordinates expand_compressed(bool outer_is_row, int64_t first, int64_t count, const int64_t *ptr,
                              const int64_t *idx);

}  // namespace fl::mpi
