// Large blocks of memory, kept after use for the next request of about the same size.
//
// Why: a factor's copy of A and a product's scratch are large, short-lived and, in the
// loops users write (factor + solve + destroy per right-hand-side batch, seed 002's factor
// + product), requested again at the same size. From glibc's heap or a fresh mapping, every
// page of such a block is faulted in and zeroed by the kernel on every round: a 64 MB copy
// of A takes 40 ms into fresh pages against 10 ms into touched ones, the whole difference
// between `fl_factor_create` + solve and raw LAPACK on a preallocated buffer
// (docs/design.md, "Memory pool"). So blocks from `pooled_bytes` up are mapped on their
// own (huge pages requested from 4 MiB) and, when released, kept in one process-wide pool
// of at most `pool_slots` blocks and `retained_limit()` bytes (256 MiB unless the
// environment variable FASTLINALG_RETAIN_MB says otherwise; 0 turns the pool off). A
// request takes the smallest kept block that is large enough and at most twice as large;
// a release beyond the limits unmaps the blocks kept longest. `release_all` (the public
// fl_release_memory) hands everything kept back to the system.
#pragma once

#include <cstddef>

namespace fl::pool {

struct Block {
    void *data = nullptr;
    std::size_t bytes = 0;  // of the whole block, which may exceed what was asked for
};

// Requests below this size are left to operator new: the heap serves them well.
constexpr std::size_t pooled_bytes = std::size_t(64) << 10;
constexpr int pool_slots = 8;

// A block of at least `bytes` (>= pooled_bytes): a kept one, or a new mapping. Its content
// is unspecified. Throws std::bad_alloc when the system has no memory for it.
Block take(std::size_t bytes);
// Gives back a block that `take` returned.
void give(Block block);
// Unmaps every kept block; returns how many bytes that released.
std::size_t release_all();
// The most bytes the pool keeps (read once from FASTLINALG_RETAIN_MB).
std::size_t retained_limit();

}  // namespace fl::pool
