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
	PartLower          Part = C.FL_PART_LOWER          // LU's unit L, Cholesky's L (L L^H), LDL^T's unit L
	PartUpper          Part = C.FL_PART_UPPER          // LU's U, Cholesky's U (U^H U), LDL^T's unit U
	PartLUPacked       Part = C.FL_PART_LU_PACKED      // LU: L and U in one matrix, as getrf leaves them
	PartBlockDiagonal  Part = C.FL_PART_BLOCK_DIAGONAL // LDL^T: the block-diagonal D
	PartReflectors     Part = C.FL_PART_REFLECTORS     // QR: geqrf's reflectors below R
	PartTau            Part = C.FL_PART_TAU            // QR: the reflectors' scalars

	// Index parts, read with Factor.Indices.
	PartRowPermutation    Part = C.FL_PART_ROW_PERMUTATION    // LU: 0-based, row i of L U is row p[i] of A; LDL^T: P
	PartPivots            Part = C.FL_PART_PIVOTS             // LU: getrf's 1-based row interchanges
	PartColumnPermutation Part = C.FL_PART_COLUMN_PERMUTATION // COD: 0-based columns p, A[:, p] = Q R
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
func NewFactor[T Scalar](kind FactorKind, a Matrix[T], opts *Options) (*Factor, error) {
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
	if trans == Trans || trans == ConjTrans {
		return f.Cols(), f.Rows()
	}
	return f.Rows(), f.Cols()
}

// Solve writes X with op(A) X = B: B has op(A)'s rows, X op(A)'s columns, both the same
// number of columns. x may be b itself (same layout and stride) for square kinds.
func Solve[T Scalar](f *Factor, trans Transpose, b, x Matrix[T]) error {
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

// LogDet returns det(A) as sign * exp(logAbsDet). A complex factor's sign is a complex
// phase: ErrUnsupported, use LogDetComplex.
func (f *Factor) LogDet() (sign, logAbsDet float64, err error) {
	defer runtime.KeepAlive(f)
	var s, l C.double
	err = call(func() C.fl_status { return C.fl_factor_logdet(f.handle(), &s, &l) })
	return float64(s), float64(l), err
}

// LogDetComplex returns det(A) as phase * exp(logAbsDet) for every dtype, with |phase| = 1
// (for a real factor, LogDet's sign).
func (f *Factor) LogDetComplex() (phase complex128, logAbsDet float64, err error) {
	defer runtime.KeepAlive(f)
	var re, im, l C.double
	err = call(func() C.fl_status { return C.fl_factor_logdet_complex(f.handle(), &re, &im, &l) })
	return complex(float64(re), float64(im)), float64(l), err
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

// GetPart copies a part into out, which must have the shape PartShape reports. The
// eigenvalues and singular values of a complex factor are real: out is then a
// Matrix[float64] for a complex128 factor (Matrix[float32] for complex64).
func GetPart[T Scalar](f *Factor, part Part, out Matrix[T]) error {
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

// Indices copies an index part (PartRowPermutation, PartPivots, PartColumnPermutation).
func (f *Factor) Indices(part Part) ([]int64, error) {
	if err := f.check("fl_factor_get_indices"); err != nil {
		return nil, err
	}
	count, _, err := f.PartShape(part)
	if err != nil {
		return nil, err
	}
	out := make([]int64, count)
	defer runtime.KeepAlive(f)
	err = call(func() C.fl_status {
		return C.fl_factor_get_indices(f.handle(), C.fl_factor_part(part), (*C.int64_t)(slicePtr(out)), C.int64_t(count))
	})
	return out, err
}

// Inverse writes A^-1 (the pseudo-inverse for QR, COD, SVD, EigH) into out, which is
// Cols-by-Rows of A.
func Inverse[T Scalar](f *Factor, out Matrix[T]) error {
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

// NewGeneralizedEigH solves the generalized symmetric-definite eigenproblem of a symmetric a
// and a symmetric positive definite b (fl_factor_create_generalized_eigh): itype 1 is
// A v = w B v, 2 is A B v = w v, 3 is B A v = w v. a and b are n-by-n in one layout; opts
// may be nil. The Factor's kind is EigH: PartEigenvalues (ascending), PartEigenvectors (V
// with V^T B V = I, or V^T B^-1 V = I for itype 3), and solves, LogDet, Rank and Inertia of A.
func NewGeneralizedEigH[T Float](itype int, a, b Matrix[T], opts *Options) (*Factor, error) {
	const fn = "fl_factor_create_generalized_eigh"
	ca, err := a.shaped(fn, "a", a.Rows, a.Rows)
	if err != nil {
		return nil, err
	}
	cb, err := b.shaped(fn, "b", a.Rows, a.Rows)
	if err != nil {
		return nil, err
	}
	if cb.layout != ca.layout {
		return nil, argError(ErrInvalidArgument, fn, "b must have the layout of a")
	}
	defer runtime.KeepAlive(opts)
	return newFactor(func(out **C.fl_factor) C.fl_status {
		return C.fl_factor_create_generalized_eigh(out, C.int(itype), dtypeOf[T](), ca.layout, ca.rows, ca.ptr, ca.ld, cb.ptr, cb.ld, opts.handle())
	})
}
