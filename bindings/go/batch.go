package fastlinalg

/*
#include <fastlinalg/fastlinalg.h>
*/
import "C"

import (
	"runtime"
	"unsafe"
)

// Stack is Count matrices of one Rows-by-Cols shape held one after another in Data, each
// packed in Layout (a RowMajor stack is numpy's C-contiguous (count, rows, cols) array).
//
// One bad matrix never fails a stack call: every call that factors also returns one Status
// per matrix, OK for each that was factored and otherwise the status the one-matrix call
// would have returned (ErrSingular, ErrNotPositiveDefinite, ErrNonFinite); the outputs of
// such a matrix are NaN.
type Stack[T Float] struct {
	Data              []T
	Count, Rows, Cols int
	Layout            Layout
}

// NewStack returns a zeroed stack. Negative sizes give a stack without data, which every
// call then rejects.
func NewStack[T Float](count, rows, cols int, layout Layout) Stack[T] {
	s := Stack[T]{Count: count, Rows: rows, Cols: cols, Layout: layout}
	if count > 0 && rows > 0 && cols > 0 {
		s.Data = make([]T, count*rows*cols)
	}
	return s
}

// Matrix is matrix l of the stack, sharing its Data.
func (s Stack[T]) Matrix(l int) Matrix[T] {
	size := s.Rows * s.Cols
	return Matrix[T]{Data: s.Data[l*size : (l+1)*size], Rows: s.Rows, Cols: s.Cols, Layout: s.Layout}
}

// cstack is a validated stack as the C calls take it.
type cstack struct {
	layout                        C.fl_layout
	count, rows, cols, ld, stride C.int64_t
	ptr                           unsafe.Pointer
}

// arg checks that Data holds exactly the stack its sizes describe.
func (s Stack[T]) arg(fn, name string) (cstack, error) {
	if s.Count < 0 || s.Rows < 0 || s.Cols < 0 {
		return cstack{}, argError(ErrInvalidArgument, fn, "%s is %d matrices of %dx%d: sizes must be >= 0", name, s.Count, s.Rows, s.Cols)
	}
	size, ok := extent(s.Rows, s.Cols, 0)
	need := 0
	if ok {
		need, ok = extent(s.Count, size, 0)
	}
	if !ok {
		return cstack{}, argError(ErrTooLarge, fn, "%s: %d matrices of %dx%d overflow", name, s.Count, s.Rows, s.Cols)
	}
	if len(s.Data) != need {
		return cstack{}, argError(ErrDimensionMismatch, fn, "len(%s.Data) = %d, %d matrices of %dx%d need %d", name, len(s.Data), s.Count, s.Rows, s.Cols, need)
	}
	m := Matrix[T]{Rows: s.Rows, Cols: s.Cols, Layout: s.Layout}
	return cstack{m.layout(), C.int64_t(s.Count), C.int64_t(s.Rows), C.int64_t(s.Cols), C.int64_t(m.ld()), C.int64_t(size), slicePtr(s.Data)}, nil
}

// square is arg plus a check that the matrices are square.
func (s Stack[T]) square(fn, name string) (cstack, error) {
	if s.Rows != s.Cols {
		return cstack{}, argError(ErrDimensionMismatch, fn, "%s holds %dx%d matrices, not square ones", name, s.Rows, s.Cols)
	}
	return s.arg(fn, name)
}

// rhs checks a right-hand side stack against count systems with rows rows in layout.
func (s Stack[T]) rhs(fn string, count, rows int, layout Layout) (cstack, error) {
	if s.Count != count || s.Rows != rows || s.Layout != layout {
		return cstack{}, argError(ErrDimensionMismatch, fn, "b holds %d matrices of %d rows in layout %d, expected %d of %d rows in layout %d", s.Count, s.Rows, s.Layout, count, rows, layout)
	}
	return s.arg(fn, "b")
}

// infoOf turns the C info array into Go statuses.
func infoOf(raw []C.int32_t) []Status {
	out := make([]Status, len(raw))
	for i, v := range raw {
		out[i] = Status(v)
	}
	return out
}

// infoPtr is the address of info's first element (nil when there are no matrices).
func infoPtr(info []C.int32_t) *C.int32_t {
	if len(info) == 0 {
		return nil
	}
	return &info[0]
}

// StackSolve returns X_l = A_l^-1 B_l for every l, by LU with partial pivoting.
func StackSolve[T Float](a, b Stack[T]) (Stack[T], []Status, error) {
	const fn = "StackSolve"
	ca, err := a.square(fn, "a")
	if err != nil {
		return Stack[T]{}, nil, err
	}
	cb, err := b.rhs(fn, a.Count, a.Rows, a.Layout)
	if err != nil {
		return Stack[T]{}, nil, err
	}
	x := NewStack[T](b.Count, b.Rows, b.Cols, b.Layout)
	cx, _ := x.arg(fn, "x")
	info := make([]C.int32_t, a.Count)
	err = call(func() C.fl_status {
		return C.fl_stack_solve(dtypeOf[T](), ca.layout, ca.count, ca.rows, ca.ptr, ca.ld, ca.stride, cb.cols, cb.ptr, cb.ld, cb.stride, cx.ptr, cx.ld, cx.stride, infoPtr(info))
	})
	return x, infoOf(info), err
}

// StackInverse returns the inverse of every A_l, by LU with partial pivoting.
func StackInverse[T Float](a Stack[T]) (Stack[T], []Status, error) {
	ca, err := a.square("StackInverse", "a")
	if err != nil {
		return Stack[T]{}, nil, err
	}
	inv := NewStack[T](a.Count, a.Rows, a.Rows, a.Layout)
	ci, _ := inv.arg("StackInverse", "inv")
	info := make([]C.int32_t, a.Count)
	err = call(func() C.fl_status {
		return C.fl_stack_inverse(dtypeOf[T](), ca.layout, ca.count, ca.rows, ca.ptr, ca.ld, ca.stride, ci.ptr, ci.ld, ci.stride, infoPtr(info))
	})
	return inv, infoOf(info), err
}

// StackLogDet returns det(A_l) = sign[l] * exp(logAbsDet[l]) for every l (numpy's slogdet:
// a singular matrix has sign 0 and logAbsDet -Inf, and is not a failure).
func StackLogDet[T Float](a Stack[T]) (sign, logAbsDet []float64, info []Status, err error) {
	ca, err := a.square("StackLogDet", "a")
	if err != nil {
		return nil, nil, nil, err
	}
	s, l := make([]C.double, a.Count), make([]C.double, a.Count)
	raw := make([]C.int32_t, a.Count)
	err = call(func() C.fl_status {
		return C.fl_stack_slogdet(dtypeOf[T](), ca.layout, ca.count, ca.rows, ca.ptr, ca.ld, ca.stride, (*C.double)(slicePtr(s)), (*C.double)(slicePtr(l)), infoPtr(raw))
	})
	sign, logAbsDet = make([]float64, a.Count), make([]float64, a.Count)
	for i := range s {
		sign[i], logAbsDet[i] = float64(s[i]), float64(l[i])
	}
	return sign, logAbsDet, infoOf(raw), err
}

// StackCholesky returns L_l with A_l = L_l L_l^T (zeros above the diagonal) for every
// symmetric positive definite A_l; only triangle of each A_l is read.
func StackCholesky[T Float](a Stack[T], triangle Triangle) (Stack[T], []Status, error) {
	ca, err := a.square("StackCholesky", "a")
	if err != nil {
		return Stack[T]{}, nil, err
	}
	l := NewStack[T](a.Count, a.Rows, a.Rows, a.Layout)
	cl, _ := l.arg("StackCholesky", "l")
	info := make([]C.int32_t, a.Count)
	err = call(func() C.fl_status {
		return C.fl_stack_cholesky(dtypeOf[T](), ca.layout, ca.count, ca.rows, ca.ptr, ca.ld, ca.stride, C.fl_triangle(triangle), cl.ptr, cl.ld, cl.stride, infoPtr(info))
	})
	return l, infoOf(info), err
}

// StackCholeskySolve returns X_l = A_l^-1 B_l for every symmetric positive definite A_l.
func StackCholeskySolve[T Float](a Stack[T], triangle Triangle, b Stack[T]) (Stack[T], []Status, error) {
	const fn = "StackCholeskySolve"
	ca, err := a.square(fn, "a")
	if err != nil {
		return Stack[T]{}, nil, err
	}
	cb, err := b.rhs(fn, a.Count, a.Rows, a.Layout)
	if err != nil {
		return Stack[T]{}, nil, err
	}
	x := NewStack[T](b.Count, b.Rows, b.Cols, b.Layout)
	cx, _ := x.arg(fn, "x")
	info := make([]C.int32_t, a.Count)
	err = call(func() C.fl_status {
		return C.fl_stack_cholesky_solve(dtypeOf[T](), ca.layout, ca.count, ca.rows, ca.ptr, ca.ld, ca.stride, C.fl_triangle(triangle), cb.cols, cb.ptr, cb.ld, cb.stride, cx.ptr, cx.ld, cx.stride, infoPtr(info))
	})
	return x, infoOf(info), err
}

// StackEigH returns the ascending eigenvalues of every symmetric A_l (a Count-by-1-by-n
// RowMajor stack: w.Data[l*n+j] is the j-th of A_l) and its orthonormal eigenvectors
// (column j for eigenvalue j); only triangle of each A_l is read.
func StackEigH[T Float](a Stack[T], triangle Triangle) (w, v Stack[T], info []Status, err error) {
	ca, err := a.square("StackEigH", "a")
	if err != nil {
		return Stack[T]{}, Stack[T]{}, nil, err
	}
	w = NewStack[T](a.Count, 1, a.Rows, RowMajor)
	v = NewStack[T](a.Count, a.Rows, a.Rows, a.Layout)
	cv, _ := v.arg("StackEigH", "v")
	raw := make([]C.int32_t, a.Count)
	err = call(func() C.fl_status {
		return C.fl_stack_eigh(dtypeOf[T](), ca.layout, ca.count, ca.rows, ca.ptr, ca.ld, ca.stride, C.fl_triangle(triangle), slicePtr(w.Data), ca.rows, cv.ptr, cv.ld, cv.stride, infoPtr(raw))
	})
	return w, v, infoOf(raw), err
}

// Batch is a factored stack. It never changes once built: any number of goroutines may
// use one Batch at once.
type Batch struct {
	ptr *C.fl_batch
}

// NewBatch factors every matrix of a with the given kind (LU, Cholesky, LDLT, QR with
// Rows >= Cols, or EigH). opts may be nil. A matrix that fails stays in the batch with NaN
// results; the returned statuses say which.
func NewBatch[T Float](kind FactorKind, a Stack[T], opts *Options) (*Batch, []Status, error) {
	ca, err := a.arg("NewBatch", "a")
	if err != nil {
		return nil, nil, err
	}
	defer runtime.KeepAlive(opts)
	var ptr *C.fl_batch
	info := make([]C.int32_t, a.Count)
	if err := call(func() C.fl_status {
		return C.fl_batch_create(&ptr, C.fl_factor_kind(kind), dtypeOf[T](), ca.layout, ca.count, ca.rows, ca.cols, ca.ptr, ca.ld, ca.stride, opts.handle(), infoPtr(info))
	}); err != nil {
		return nil, nil, err
	}
	b := &Batch{ptr: ptr}
	adopt(b, (*Batch).Close)
	return b, infoOf(info), nil
}

// Close frees the handle. Calling it again does nothing; a closed Batch reports
// ErrInvalidArgument from every call.
func (b *Batch) Close() {
	if b != nil {
		release(b, &b.ptr, func(p *C.fl_batch) { C.fl_batch_destroy(p) })
	}
}

func (b *Batch) handle() *C.fl_batch {
	if b == nil {
		return nil
	}
	return b.ptr
}

// Describe returns the kind, the number of matrices and their shape.
func (b *Batch) Describe() (kind FactorKind, count, rows, cols int, err error) {
	defer runtime.KeepAlive(b)
	var k C.fl_factor_kind
	var c, r, n C.int64_t
	err = call(func() C.fl_status { return C.fl_batch_describe(b.handle(), &k, nil, &c, &r, &n) })
	return FactorKind(k), int(c), int(r), int(n), err
}

// BatchSolve returns X_l with A_l X_l = B_l (QR: the least-squares solution) for every l,
// in B's layout.
func BatchSolve[T Float](b *Batch, rhs Stack[T]) (Stack[T], error) {
	_, count, rows, cols, err := b.Describe()
	if err != nil {
		return Stack[T]{}, err
	}
	cb, err := rhs.rhs("BatchSolve", count, rows, rhs.Layout)
	if err != nil {
		return Stack[T]{}, err
	}
	x := NewStack[T](count, cols, rhs.Cols, rhs.Layout)
	cx, _ := x.arg("BatchSolve", "x")
	defer runtime.KeepAlive(b)
	err = call(func() C.fl_status {
		return C.fl_batch_solve(b.handle(), dtypeOf[T](), cb.cols, cb.layout, cb.ptr, cb.ld, cb.stride, cx.ptr, cx.ld, cx.stride)
	})
	return x, err
}

// LogDet returns det(A_l) = sign[l] * exp(logAbsDet[l]) for every l (LU, Cholesky, LDLT,
// EigH).
func (b *Batch) LogDet() (sign, logAbsDet []float64, err error) {
	_, count, _, _, err := b.Describe()
	if err != nil {
		return nil, nil, err
	}
	sign, logAbsDet = make([]float64, count), make([]float64, count)
	defer runtime.KeepAlive(b)
	err = call(func() C.fl_status {
		return C.fl_batch_logdet(b.handle(), (*C.double)(slicePtr(sign)), (*C.double)(slicePtr(logAbsDet)))
	})
	return sign, logAbsDet, err
}

// RCond returns the reciprocal 1-norm condition number of every matrix (NaN for a failed one).
func (b *Batch) RCond() ([]float64, error) {
	_, count, _, _, err := b.Describe()
	if err != nil {
		return nil, err
	}
	r := make([]float64, count)
	defer runtime.KeepAlive(b)
	err = call(func() C.fl_status { return C.fl_batch_rcond(b.handle(), (*C.double)(slicePtr(r))) })
	return r, err
}

// BatchInverse returns the inverse (QR, EigH: the pseudo-inverse, Cols-by-Rows) of every
// matrix, in layout.
func BatchInverse[T Float](b *Batch, layout Layout) (Stack[T], error) {
	_, count, rows, cols, err := b.Describe()
	if err != nil {
		return Stack[T]{}, err
	}
	inv := NewStack[T](count, cols, rows, layout)
	ci, err := inv.arg("BatchInverse", "inv")
	if err != nil {
		return Stack[T]{}, err
	}
	defer runtime.KeepAlive(b)
	err = call(func() C.fl_status {
		return C.fl_batch_inverse(b.handle(), dtypeOf[T](), ci.layout, ci.ptr, ci.ld, ci.stride)
	})
	return inv, err
}

// BatchPart copies one part of every factor out: EigH PartEigenvalues (n-by-1) and
// PartEigenvectors (n-by-n), QR PartQ (Rows-by-Cols) and PartR (Cols-by-Cols).
func BatchPart[T Float](b *Batch, part Part, layout Layout) (Stack[T], error) {
	_, count, rows, cols, err := b.Describe()
	if err != nil {
		return Stack[T]{}, err
	}
	pr, pc := cols, cols
	switch part {
	case PartEigenvalues:
		pc = 1
	case PartQ:
		pr = rows
	}
	out := NewStack[T](count, pr, pc, layout)
	co, err := out.arg("BatchPart", "out")
	if err != nil {
		return Stack[T]{}, err
	}
	defer runtime.KeepAlive(b)
	err = call(func() C.fl_status {
		return C.fl_batch_get_part(b.handle(), C.fl_factor_part(part), dtypeOf[T](), co.layout, co.ptr, co.ld, co.stride)
	})
	return out, err
}
