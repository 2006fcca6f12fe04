// The serialized form of a factor (fl_factor_serialize / fl_factor_deserialize), version 1:
//
//   offset  size  field
//        0     8  magic "FLFACTOR"
//        8     4  format version (1)
//       12     4  byte-order mark 0x01020304, written natively: reads back otherwise on a
//                 machine of the other byte order, which is rejected rather than swapped
//       16     4  the writing library's version number (major * 10000 + minor * 100 + patch)
//       20     4  kind (1 LU, 2 Cholesky, 3 LDL^T, 4 QR, 5 COD, 6 SVD, 7 EIGH: the values
//                 of fl_factor_kind, fixed here for good)
//       24     4  dtype (1 float32, 2 float64, as fl_dtype)
//       28     4  the size in bytes of LAPACK's integers in the pivots (4)
//       32     8  rows of A (int64)
//       40     8  cols of A (int64)
//       48     8  payload size P in bytes (uint64)
//       56     P  the kind's fields (dense/saved/<kind>_state.cpp), native byte order
//   56 + P     8  checksum of bytes [0, 56 + P): 64-bit words folded by x -> (x ^ w) * odd
//                 (each step a bijection, so any one changed word changes it), tail bytes
//                 one at a time
//
// Loading checks all of it before a factor is built: a truncated, corrupted (checksum),
// foreign (magic), other-endian or other-version buffer gives a fl::Error naming what
// differs, never a crash.
#pragma once

#include <cstdint>
#include <memory>

#include "dense/factor.hpp"

namespace fl {

// The bytes fl_factor_serialize writes for f; Error(unsupported) for a sparse kind.
index_t serialized_size(const Factor &f);
// Writes f's serialized form into buffer, which has serialized_size(f) bytes.
void serialize(const Factor &f, std::uint32_t library_version, unsigned char *buffer);
// Rebuilds a factor from size bytes; library_version is the reading library's, for messages.
std::unique_ptr<Factor> deserialize(const unsigned char *data, index_t size,
                                    std::uint32_t library_version);

}  // namespace fl
