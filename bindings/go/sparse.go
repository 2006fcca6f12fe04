package fastlinalg

/*
#include <fastlinalg/fastlinalg.h>
*/
import "C"

import "runtime"

// SparseFormat says whether compressed arrays hold columns or rows.
type SparseFormat int

const (
	CSC SparseFormat = C.FL_SPARSE_CSC // ptr has cols + 1 offsets, idx row indices
	CSR SparseFormat = C.FL_SPARSE_CSR // ptr has rows + 1 offsets, idx column indices
)

// Index is the integer type of compressed sparse arrays.
type Index interface {
	int32 | int64
}

// Sparse is a sparse matrix held by the library: a fixed pattern and replaceable values.
// Goroutines may share it for reading; SetSparseValues must not race with its users.
type Sparse struct {
	ptr        *C.fl_sparse
	rows, cols int
	entries    int // the number of entries it was created from, duplicates included
}

func indexType[I Index]() C.fl_index_type {
	var zero I
	if _, ok := any(zero).(int32); ok {
		return C.FL_INDEX_INT32
	}
	return C.FL_INDEX_INT64
}

// NewSparse makes a rows-by-cols sparse matrix from 0-based compressed arrays (as
// scipy.sparse holds them); the arrays are copied.
func NewSparse[T Scalar, I Index](format SparseFormat, rows, cols int, ptr, idx []I, values []T) (*Sparse, error) {
	const fn = "fl_sparse_create"
	if rows < 0 || cols < 0 {
		return nil, argError(ErrInvalidArgument, fn, "the shape %dx%d is negative", rows, cols)
	}
	outer := cols
	if format == CSR {
		outer = rows
	}
	if err := vecLen(fn, "ptr", ptr, outer+1); err != nil {
		return nil, err
	}
	// The library reads ptr[outer] entries of idx and values.
	entries := int(ptr[outer])
	if entries < 0 || entries > len(idx) || entries > len(values) {
		return nil, argError(ErrInvalidArgument, fn, "ptr[%d] = %d, but len(idx) = %d and len(values) = %d",
			outer, entries, len(idx), len(values))
	}
	var h *C.fl_sparse
	err := call(func() C.fl_status {
		return C.fl_sparse_create(&h, C.fl_sparse_format(format), indexType[I](), dtypeOf[T](), C.int64_t(rows),
			C.int64_t(cols), slicePtr(ptr), slicePtr(idx), slicePtr(values))
	})
	if err != nil {
		return nil, err
	}
	s := &Sparse{ptr: h, rows: rows, cols: cols, entries: entries}
	adopt(s, (*Sparse).Close)
	return s, nil
}

// Close frees the handle. Calling it again does nothing.
func (s *Sparse) Close() {
	if s != nil {
		release(s, &s.ptr, func(p *C.fl_sparse) { C.fl_sparse_destroy(p) })
	}
}

// check reports a nil or closed handle before its shape is used to check other arguments.
func (s *Sparse) check(fn string) error {
	if s == nil || s.ptr == nil {
		return argError(ErrInvalidArgument, fn, "sparse is nil or closed")
	}
	return nil
}

func (s *Sparse) handle() *C.fl_sparse {
	if s == nil {
		return nil
	}
	return s.ptr
}

// Shape returns the rows, columns and stored entries (duplicates summed).
func (s *Sparse) Shape() (rows, cols, nnz int, err error) {
	defer runtime.KeepAlive(s)
	var r, c, n C.int64_t
	err = call(func() C.fl_status { return C.fl_sparse_shape(s.handle(), &r, &c, &n) })
	return int(r), int(c), int(n), err
}

// SetSparseValues replaces the values, one per entry of the arrays s was created from,
// in their order. values may be either float type.
func SetSparseValues[T Scalar](s *Sparse, values []T) error {
	const fn = "fl_sparse_set_values"
	if err := firstErr(s.check(fn), vecLen(fn, "values", values, s.entries)); err != nil {
		return err
	}
	defer runtime.KeepAlive(s)
	return call(func() C.fl_status { return C.fl_sparse_set_values(s.handle(), dtypeOf[T](), slicePtr(values)) })
}

// SparseMultiply writes y = op(A) x; x and y have the same number of columns.
func SparseMultiply[T Scalar](s *Sparse, trans Transpose, x, y Matrix[T]) error {
	const fn = "fl_sparse_multiply"
	if err := s.check(fn); err != nil {
		return err
	}
	m, n := s.rows, s.cols
	if trans == Trans {
		m, n = n, m
	}
	cx, ex := x.shaped(fn, "x", n, x.Cols)
	cy, ey := y.shaped(fn, "y", m, x.Cols)
	if err := firstErr(ex, ey); err != nil {
		return err
	}
	defer runtime.KeepAlive(s)
	return call(func() C.fl_status {
		return C.fl_sparse_multiply(s.handle(), C.fl_transpose(trans), dtypeOf[T](), cx.cols, cx.layout, cx.ptr, cx.ld,
			cy.layout, cy.ptr, cy.ld)
	})
}

// NewSparseFactor factors s with SparseCholesky, SparseLU or SparseQR; opts may be nil.
func NewSparseFactor(kind FactorKind, s *Sparse, opts *Options) (*Factor, error) {
	defer runtime.KeepAlive(s)
	defer runtime.KeepAlive(opts)
	return newFactor(func(out **C.fl_factor) C.fl_status {
		return C.fl_factor_create_sparse(out, C.fl_factor_kind(kind), s.handle(), opts.handle())
	})
}
