package fastlinalg

/*
#include <fastlinalg/fastlinalg.h>
*/
import "C"

import (
	"math"
	"math/bits"
	"unsafe"
)

// Layout says how a matrix is laid out in its slice. The zero value is RowMajor.
type Layout int

const (
	RowMajor Layout = C.FL_ROW_MAJOR // element (i, j) at Data[i*Stride + j], Go's usual order
	ColMajor Layout = C.FL_COL_MAJOR // element (i, j) at Data[i + j*Stride], LAPACK's order
)

// Matrix is a dense Rows-by-Cols matrix held in Data. Layout 0 means RowMajor and
// Stride 0 means packed (Cols for RowMajor, Rows for ColMajor); otherwise Stride is
// the leading dimension. Data must hold every element the shape reaches.
type Matrix[T Scalar] struct {
	Data       []T
	Rows, Cols int
	Layout     Layout
	Stride     int
}

// NewMatrix returns a zeroed, packed rows-by-cols matrix in the given layout. Negative
// sizes give a matrix without data, which every call then rejects.
func NewMatrix[T Scalar](rows, cols int, layout Layout) Matrix[T] {
	m := Matrix[T]{Rows: rows, Cols: cols, Layout: layout}
	if rows > 0 && cols > 0 {
		m.Data = make([]T, rows*cols)
	}
	return m
}

// At returns element (i, j), for tests and small reads.
func (m Matrix[T]) At(i, j int) T {
	return m.Data[m.offset(i, j)]
}

// Set stores element (i, j).
func (m Matrix[T]) Set(i, j int, v T) {
	m.Data[m.offset(i, j)] = v
}

func (m Matrix[T]) offset(i, j int) int {
	if m.layout() == C.FL_COL_MAJOR {
		return i + j*m.ld()
	}
	return i*m.ld() + j
}

func (m Matrix[T]) layout() C.fl_layout {
	if m.Layout == 0 {
		return C.FL_ROW_MAJOR
	}
	return C.fl_layout(m.Layout)
}

func (m Matrix[T]) ld() int {
	if m.Stride != 0 {
		return m.Stride
	}
	inner := m.Cols
	if m.layout() == C.FL_COL_MAJOR {
		inner = m.Rows
	}
	if inner < 1 {
		return 1
	}
	return inner
}

// cmat is a validated matrix as the C calls take it.
type cmat struct {
	layout     C.fl_layout
	rows, cols C.int64_t
	ld         C.int64_t
	ptr        unsafe.Pointer
}

// arg checks that Data holds the matrix the shape describes and returns it for C. A bad
// layout value or a stride below the minimum is left for the library to name; the
// extent computed here is then only smaller than the true one, and the library rejects
// the call before reading.
func (m Matrix[T]) arg(fn, name string) (cmat, error) {
	if m.Rows < 0 || m.Cols < 0 {
		return cmat{}, argError(ErrInvalidArgument, fn, "%s is %dx%d: sizes must be >= 0", name, m.Rows, m.Cols)
	}
	if m.Stride < 0 {
		return cmat{}, argError(ErrInvalidArgument, fn, "%s.Stride = %d is negative", name, m.Stride)
	}
	ld := m.ld()
	need := 0
	if m.Rows > 0 && m.Cols > 0 {
		outer, inner := m.Rows, m.Cols
		if m.layout() == C.FL_COL_MAJOR {
			outer, inner = m.Cols, m.Rows
		}
		var ok bool
		if need, ok = extent(outer-1, ld, inner); !ok {
			return cmat{}, argError(ErrTooLarge, fn, "%s: %dx%d with stride %d overflows", name, m.Rows, m.Cols, ld)
		}
	}
	if len(m.Data) < need {
		return cmat{}, argError(ErrInvalidArgument, fn,
			"%s.Data has %d elements, a %dx%d matrix with stride %d needs %d", name, len(m.Data), m.Rows, m.Cols, ld, need)
	}
	return cmat{m.layout(), C.int64_t(m.Rows), C.int64_t(m.Cols), C.int64_t(ld), slicePtr(m.Data)}, nil
}

// shaped is arg plus a check that the matrix is rows-by-cols, the shape the C function
// will assume from its other arguments.
func (m Matrix[T]) shaped(fn, name string, rows, cols int) (cmat, error) {
	if m.Rows != rows || m.Cols != cols {
		return cmat{}, argError(ErrDimensionMismatch, fn, "%s is %dx%d, expected %dx%d", name, m.Rows, m.Cols, rows, cols)
	}
	return m.arg(fn, name)
}

// extent is a*b + c without overflow, for a, b, c >= 0.
func extent(a, b, c int) (int, bool) {
	hi, lo := bits.Mul64(uint64(a), uint64(b))
	sum := lo + uint64(c)
	if hi != 0 || sum < lo || sum > math.MaxInt64 {
		return 0, false
	}
	return int(sum), true
}

// slicePtr is the address of s's first element, or nil for an empty slice (which the
// library accepts wherever there is nothing to read or write).
func slicePtr[E any](s []E) unsafe.Pointer {
	if len(s) == 0 {
		return nil
	}
	return unsafe.Pointer(&s[0])
}

// vecLen checks that a slice holds exactly n elements.
func vecLen[E any](fn, name string, s []E, n int) error {
	if len(s) != n {
		return argError(ErrDimensionMismatch, fn, "len(%s) = %d, expected %d", name, len(s), n)
	}
	return nil
}

// firstErr is the first non-nil error of several argument checks.
func firstErr(errs ...error) error {
	for _, e := range errs {
		if e != nil {
			return e
		}
	}
	return nil
}
