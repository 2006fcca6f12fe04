// Package fastlinalg is the Go binding of libfastlinalg: factor a matrix once, then
// solve, query and multiply with its inverse many times at BLAS-3 speed.
//
// The binding is thin. Every function checks the shapes of its Go arguments (that each
// slice is long enough for the matrix it describes, and that the matrices fit together),
// then makes exactly one call into the C library. All the mathematics happens there.
//
// Dense matrices are Matrix[float64] or Matrix[float32] values: a slice plus rows,
// columns, layout and stride. Failures are *Error values carrying the library's Status
// and message; errors.Is(err, ErrSingular) and friends test the status.
//
// Factor and Kernel handles are immutable once built and may be shared by any number of
// goroutines. A Sparse handle may be shared for reading, but SetSparseValues must not run
// while another goroutine uses it. Options are not for concurrent mutation. Handles hold
// C memory: Close them when done (a finalizer frees forgotten ones eventually).
package fastlinalg
