package fastlinalg

/*
#include <fastlinalg/fastlinalg.h>
*/
import "C"

import "runtime"

// FactorKind names a factorization.
type FactorKind int

const (
	LU             FactorKind = C.FL_FACTOR_LU
	Cholesky       FactorKind = C.FL_FACTOR_CHOLESKY
	LDLT           FactorKind = C.FL_FACTOR_LDLT
	QR             FactorKind = C.FL_FACTOR_QR
	COD            FactorKind = C.FL_FACTOR_COD
	SVD            FactorKind = C.FL_FACTOR_SVD
	EigH           FactorKind = C.FL_FACTOR_EIGH
	Auto           FactorKind = C.FL_FACTOR_AUTO // picks one of the above; Kind() says which
	SparseCholesky FactorKind = C.FL_FACTOR_SPARSE_CHOLESKY
	SparseLU       FactorKind = C.FL_FACTOR_SPARSE_LU
	SparseQR       FactorKind = C.FL_FACTOR_SPARSE_QR
)

// Part names a matrix that can be copied out of a factor.
type Part int

const (
	PartSingularValues Part = C.FL_PART_SINGULAR_VALUES
	PartU              Part = C.FL_PART_U
	PartVT             Part = C.FL_PART_VT
	PartEigenvalues    Part = C.FL_PART_EIGENVALUES
	PartEigenvectors   Part = C.FL_PART_EIGENVECTORS
	PartQ              Part = C.FL_PART_Q
	PartR              Part = C.FL_PART_R
)

// Factor is a factorization of one matrix A. It never changes once built: any number of
// goroutines may use one Factor at once.
type Factor struct {
	ptr *C.fl_factor
}

// wrapFactor takes ownership of a handle the library just made.
func wrapFactor(ptr *C.fl_factor) *Factor {
	f := &Factor{ptr: ptr}
	adopt(f, (*Factor).Close)
	return f
}

// newFactor runs one of the C calls that make a factor handle.
func newFactor(create func(out **C.fl_factor) C.fl_status) (*Factor, error) {
	var ptr *C.fl_factor
	if err := call(func() C.fl_status { return create(&ptr) }); err != nil {
		return nil, err
	}
	return wrapFactor(ptr), nil
}

// NewFactor factors the matrix a with the given kind (any dense kind or Auto). opts may
// be nil. a is only read; the factor keeps its own copy.
func NewFactor[T Float](kind FactorKind, a Matrix[T], opts *Options) (*Factor, error) {
	ca, err := a.arg("fl_factor_create", "a")
	if err != nil {
		return nil, err
	}
	defer runtime.KeepAlive(opts)
	return newFactor(func(out **C.fl_factor) C.fl_status {
		return C.fl_factor_create(out, C.fl_factor_kind(kind), dtypeOf[T](), ca.layout, ca.rows, ca.cols, ca.ptr, ca.ld, opts.handle())
	})
}

// Close frees the handle. Calling it again does nothing; a closed Factor reports
// ErrInvalidArgument from every call.
func (f *Factor) Close() {
	if f != nil {
		release(f, &f.ptr, func(p *C.fl_factor) { C.fl_factor_destroy(p) })
	}
}

// check reports a nil or closed factor before its shape is used to check other arguments.
func (f *Factor) check(fn string) error {
	if f == nil || f.ptr == nil {
		return argError(ErrInvalidArgument, fn, "factor is nil or closed")
	}
	return nil
}

func (f *Factor) handle() *C.fl_factor {
	if f == nil {
		return nil
	}
	return f.ptr
}

// FactorInfo names one property Factor.Info reports.
type FactorInfo int

const (
	InfoPrecision       FactorInfo = C.FL_INFO_PRECISION        // PrecisionNative or PrecisionMixed, now
	InfoFallback        FactorInfo = C.FL_INFO_FALLBACK         // why a mixed factor works in float64 (a Fallback)
	InfoRefinementSteps FactorInfo = C.FL_INFO_REFINEMENT_STEPS // the most refinement steps any solve took
	InfoOverwritesA     FactorInfo = C.FL_INFO_OVERWRITES_A     // 1 if the factor lives in the caller's A
)

// The values of Factor.Info(InfoFallback).
const (
	FallbackNone           int64 = C.FL_FALLBACK_NONE
	FallbackLowPrecision   int64 = C.FL_FALLBACK_LOW_PRECISION
	FallbackIllConditioned int64 = C.FL_FALLBACK_ILL_CONDITIONED
	FallbackNotConverged   int64 = C.FL_FALLBACK_NOT_CONVERGED
	FallbackQuery          int64 = C.FL_FALLBACK_QUERY
)

// Info reports how the factor is held and solved (mixed precision, fallbacks, in place).
func (f *Factor) Info(what FactorInfo) (int64, error) {
	defer runtime.KeepAlive(f)
	var v C.int64_t
	err := call(func() C.fl_status { return C.fl_factor_get_info(f.handle(), C.fl_factor_info(what), &v) })
	return int64(v), err
}

// Kind is the factorization held (for Auto, the one chosen).
func (f *Factor) Kind() FactorKind {
	defer runtime.KeepAlive(f)
	return FactorKind(C.fl_factor_get_kind(f.handle()))
}

// DType is the element type of the factored matrix.
func (f *Factor) DType() DType {
	defer runtime.KeepAlive(f)
	return DType(C.fl_factor_get_dtype(f.handle()))
}

// Rows is the number of rows of A.
func (f *Factor) Rows() int {
	defer runtime.KeepAlive(f)
	return int(C.fl_factor_rows(f.handle()))
}

// Cols is the number of columns of A.
func (f *Factor) Cols() int {
	defer runtime.KeepAlive(f)
	return int(C.fl_factor_cols(f.handle()))
}

// opShape is the shape of op(A).
func (f *Factor) opShape(trans Transpose) (rows, cols int) {
	if trans == Trans {
		return f.Cols(), f.Rows()
	}
	return f.Rows(), f.Cols()
}

// Solve writes X with op(A) X = B: B has op(A)'s rows, X op(A)'s columns, both the same
// number of columns. x may be b itself (same layout and stride) for square kinds.
func Solve[T Float](f *Factor, trans Transpose, b, x Matrix[T]) error {
	const fn = "fl_factor_solve"
	if err := f.check(fn); err != nil {
		return err
	}
	m, n := f.opShape(trans)
	cb, eb := b.shaped(fn, "b", m, b.Cols)
	cx, ex := x.shaped(fn, "x", n, b.Cols)
	if err := firstErr(eb, ex); err != nil {
		return err
	}
	defer runtime.KeepAlive(f)
	return call(func() C.fl_status {
		return C.fl_factor_solve(f.handle(), C.fl_transpose(trans), dtypeOf[T](), cb.cols, cb.layout, cb.ptr, cb.ld, cx.layout, cx.ptr, cx.ld)
	})
}

// LogDet returns det(A) as sign * exp(logAbsDet).
func (f *Factor) LogDet() (sign, logAbsDet float64, err error) {
	defer runtime.KeepAlive(f)
	var s, l C.double
	err = call(func() C.fl_status { return C.fl_factor_logdet(f.handle(), &s, &l) })
	return float64(s), float64(l), err
}

// RCond is the reciprocal condition number of A.
func (f *Factor) RCond() (float64, error) {
	defer runtime.KeepAlive(f)
	var r C.double
	err := call(func() C.fl_status { return C.fl_factor_rcond(f.handle(), &r) })
	return float64(r), err
}

// Rank is the numerical rank (COD, SVD, EigH, SparseQR).
func (f *Factor) Rank() (int, error) {
	defer runtime.KeepAlive(f)
	var r C.int64_t
	err := call(func() C.fl_status { return C.fl_factor_rank(f.handle(), &r) })
	return int(r), err
}

// Inertia counts the positive, negative and zero eigenvalues of a symmetric A.
func (f *Factor) Inertia() (positive, negative, zero int, err error) {
	defer runtime.KeepAlive(f)
	var p, n, z C.int64_t
	err = call(func() C.fl_status { return C.fl_factor_inertia(f.handle(), &p, &n, &z) })
	return int(p), int(n), int(z), err
}

// PartShape is the shape of a part; ErrUnsupported if this kind has no such part.
func (f *Factor) PartShape(part Part) (rows, cols int, err error) {
	defer runtime.KeepAlive(f)
	var r, c C.int64_t
	err = call(func() C.fl_status { return C.fl_factor_part_shape(f.handle(), C.fl_factor_part(part), &r, &c) })
	return int(r), int(c), err
}

// GetPart copies a part into out, which must have the shape PartShape reports.
func GetPart[T Float](f *Factor, part Part, out Matrix[T]) error {
	if err := f.check("fl_factor_get_part"); err != nil {
		return err
	}
	rows, cols, err := f.PartShape(part)
	if err != nil {
		return err
	}
	co, err := out.shaped("fl_factor_get_part", "out", rows, cols)
	if err != nil {
		return err
	}
	defer runtime.KeepAlive(f)
	return call(func() C.fl_status {
		return C.fl_factor_get_part(f.handle(), C.fl_factor_part(part), dtypeOf[T](), co.layout, co.ptr, co.ld)
	})
}

// Inverse writes A^-1 (the pseudo-inverse for QR, COD, SVD, EigH) into out, which is
// Cols-by-Rows of A.
func Inverse[T Float](f *Factor, out Matrix[T]) error {
	if err := f.check("fl_factor_inverse"); err != nil {
		return err
	}
	co, err := out.shaped("fl_factor_inverse", "inv", f.Cols(), f.Rows())
	if err != nil {
		return err
	}
	defer runtime.KeepAlive(f)
	return call(func() C.fl_status {
		return C.fl_factor_inverse(f.handle(), dtypeOf[T](), co.layout, co.ptr, co.ld)
	})
}
