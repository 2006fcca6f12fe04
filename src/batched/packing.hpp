// Moving matrices between a caller's stack and an interleaved pack (lanes.hpp), and the
// loop over packs that every batched call shares.
#pragma once

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

#include "batched/lanes.hpp"
#include "batched/pack_kernels.hpp"
#include "batched/stack.hpp"
#include "core/error.hpp"
#include "core/parallel_for.hpp"

namespace fl::batched {

// A pack's worth of scratch: vectors, so that each is 64-byte aligned.
template <class T>
class PackBuffer {
public:
    explicit PackBuffer(index_t elements)
        : v_(static_cast<size_t>(std::max<index_t>(elements, 1))) {}
    T *data() { return reinterpret_cast<T *>(v_.data()); }

private:
    std::vector<Vec<T>> v_;
};

// Where element e = j * rows + i (pack order) of one matrix of s lies, relative to the
// matrix's first element: computed once per call, so that the copies below are one load
// and one store per element.
inline std::vector<index_t> element_offsets(const Stack &s) {
    const index_t rows = s.first.rows, cols = s.first.cols, ld = s.first.ld;
    const bool row_major = s.first.layout == Layout::row_major;
    std::vector<index_t> offsets(static_cast<size_t>(rows * cols));
    for (index_t j = 0; j < cols; ++j)
        for (index_t i = 0; i < rows; ++i)
            offsets[static_cast<size_t>(j * rows + i)] = row_major ? i * ld + j : i + j * ld;
    return offsets;
}

// The same for a symmetric matrix of which only the `lower` (else upper) triangle is read:
// element (i, j) outside it comes from (j, i).
inline std::vector<index_t> symmetric_offsets(const Stack &s, Triangle triangle) {
    const index_t n = s.first.rows, ld = s.first.ld;
    const bool row_major = s.first.layout == Layout::row_major, lower = triangle == Triangle::lower;
    std::vector<index_t> offsets(static_cast<size_t>(n * n));
    for (index_t j = 0; j < n; ++j)
        for (index_t i = 0; i < n; ++i) {
            const bool stored = (i >= j) == lower;
            const index_t r = stored ? i : j, c = stored ? j : i;
            offsets[static_cast<size_t>(j * n + i)] = row_major ? r * ld + c : r + c * ld;
        }
    return offsets;
}

// Matrices first .. first + used - 1 of s (its elements at `offsets`) into the pack p of
// rows-by-cols matrices; lanes past `used` get the identity (zeros off a square), which
// every kernel handles without failing. A full pack is built in vector registers.
template <class T>
void gather(const Stack &s, const std::vector<index_t> &offsets, index_t first, index_t used,
            T *p) {
    const index_t rows = s.first.rows, w = lanes<T>,
                  elements = static_cast<index_t>(offsets.size());
    const index_t *off = offsets.data();
    if (used == w)
        return pack_kernels<T>().gather(elements, {s.matrix<T>(0), s.stride, off}, first, p);
    for (index_t l = 0; l < used; ++l) {
        const T *m = s.matrix<T>(first + l);
        for (index_t e = 0; e < elements; ++e) p[e * w + l] = m[off[e]];
    }
    for (index_t l = used; l < w; ++l)
        for (index_t e = 0; e < elements; ++e) p[e * w + l] = T(e % rows == e / rows);
}

// The pack p into matrices first .. first + used - 1 of s, NaN for the lanes whose
// outcome is not ok.
template <class T>
void scatter(const T *p, const Outcome *outcome, const std::vector<index_t> &offsets, index_t first,
             index_t used, const Stack &s) {
    const index_t w = lanes<T>, elements = static_cast<index_t>(offsets.size());
    const index_t *off = offsets.data();
    for (index_t l = 0; l < used; ++l) {
        T *m = s.matrix<T>(first + l);
        if (outcome[first + l] == Outcome::ok) {
            for (index_t e = 0; e < elements; ++e) m[off[e]] = p[e * w + l];
        } else {
            for (index_t e = 0; e < elements; ++e) m[off[e]] = std::numeric_limits<T>::quiet_NaN();
        }
    }
}

// Marks lanes whose flags are set with `failure` (unless already failed) and, for lanes
// with non-finite input, replaces the lane by the identity so the kernels stay quick.
template <class T>
void record(const T *flags, Outcome failure, index_t first, index_t used, Outcome *outcome) {
    for (index_t l = 0; l < used; ++l)
        if (flags[l] != 0 && outcome[first + l] == Outcome::ok) outcome[first + l] = failure;
}

// Checks the n-by-n pack a for NaN/Inf, records them, and replaces those lanes by I.
template <class T>
void screen_non_finite(index_t n, T *a, index_t first, index_t used, Outcome *outcome) {
    const index_t w = lanes<T>;
    alignas(64) T bad[lanes<T>];
    pack_kernels<T>().non_finite(n * n, a, bad);
    for (index_t l = 0; l < used; ++l) {
        outcome[first + l] = bad[l] != 0 ? Outcome::non_finite : Outcome::ok;
        if (bad[l] == 0) continue;
        for (index_t j = 0; j < n; ++j)
            for (index_t i = 0; i < n; ++i) a[(j * n + i) * w + l] = T(i == j);
    }
}

// Runs make_worker() once per thread, then worker(first, used) for that thread's groups of
// `group` packs of the `count` matrices (used <= group W), so each thread allocates its
// scratch once; `flops` is the rough work per matrix.
template <class T, class MakeWorker>
void for_each_pack(index_t count, double flops, MakeWorker &&make_worker, index_t group = 1) {
    const index_t w = lanes<T> * group;
    const index_t packs = (count + w - 1) / w;
    parallel_for(packs, static_cast<double>(count) * flops, 1 << 18,
                 [&](index_t begin, index_t end) {
                     auto worker = make_worker();
                     for (index_t p = begin; p < end; ++p)
                         worker(p * w, std::min(w, count - p * w));
                 });
}

// The outcome of a matrix whose one-matrix factorization threw e (call it inside the catch
// block); rethrows errors that are not about the matrix's values (bugs, out of memory).
inline Outcome outcome_of(const Error &e) {
    switch (e.code()) {
        case ErrorCode::singular:
            return Outcome::singular;
        case ErrorCode::not_positive_definite:
            return Outcome::not_positive_definite;
        case ErrorCode::non_finite:
            return Outcome::non_finite;
        case ErrorCode::internal:
            return Outcome::no_convergence;
        default:
            throw;  // a bug: not about this matrix's values
    }
}

template <class T>
void fill_nan(const Stack &s, index_t l) {
    for (index_t j = 0; j < s.first.cols; ++j)
        for (index_t i = 0; i < s.first.rows; ++i)
            s.at<T>(l, i, j) = std::numeric_limits<T>::quiet_NaN();
}

// Above the pack limits: body(l) runs a one-matrix LAPACK route for each l over threads; a
// matrix whose factorization throws gets its outcome and on_failure(l). With more than one
// matrix the threads go across matrices, so every BLAS call inside runs on one thread:
// OpenBLAS threads potrf at every order, and its threads inside ours made 10^3 stacked
// 64x64 Cholesky factors slower on 2 threads than on 1 (docs/batched.md, "Threads").
template <class Body, class OnFailure>
void for_each_matrix(index_t count, double flops, Outcome *outcome, Body &&body,
                     OnFailure &&on_failure) {
    const blas::SerialRegion serial(count > 1);
    parallel_for(count, static_cast<double>(count) * flops, 1 << 18,
                 [&](index_t begin, index_t end) {
                     for (index_t l = begin; l < end; ++l) {
                         try {
                             body(l);
                             outcome[l] = Outcome::ok;
                         } catch (const Error &e) {
                             outcome[l] = outcome_of(e);
                             on_failure(l);
                         }
                     }
                 });
}

// X's packs: B gathered (or the identity when b is nullptr), solved by solve(pb), scattered.
template <class T>
auto rhs_finisher(const Stack *b, const Stack &x, const Outcome *outcome) {
    const index_t n = x.first.rows, k = x.first.cols, w = lanes<T>;
    return [=, pb = PackBuffer<T>(n * k),
            b_offsets = b != nullptr ? element_offsets(*b) : std::vector<index_t>(),
            x_offsets = element_offsets(x)](index_t first, index_t used, auto &&solve) mutable {
        if (b != nullptr) {
            gather(*b, b_offsets, first, used, pb.data());
        } else {
            for (index_t e = 0; e < n * k * w; ++e) pb.data()[e] = T((e / w) % (n + 1) == 0);
        }
        solve(pb.data());
        scatter(pb.data(), outcome, x_offsets, first, used, x);
    };
}

}  // namespace fl::batched
