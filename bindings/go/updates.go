package fastlinalg

/*
#include <fastlinalg/fastlinalg.h>
*/
import "C"

import "runtime"

// ApplyQ overwrites c (Rows-by-ncols of A) with op(Q) c for the full orthogonal Q of a
// QR or COD factor.
func ApplyQ[T Scalar](f *Factor, trans Transpose, c Matrix[T]) error {
	if err := f.check("fl_factor_apply_q"); err != nil {
		return err
	}
	cc, err := c.shaped("fl_factor_apply_q", "c", f.Rows(), c.Cols)
	if err != nil {
		return err
	}
	defer runtime.KeepAlive(f)
	return call(func() C.fl_status {
		return C.fl_factor_apply_q(f.handle(), C.fl_transpose(trans), dtypeOf[T](), cc.cols, cc.layout, cc.ptr, cc.ld)
	})
}

// ResidualNorms writes norms[j] = ||b_j - A x_j|| for the least-squares solutions x_j of
// the columns of b (QR, COD, SVD), without computing X. The norms are real: R is T for a
// real b, float64 for a complex128 b and float32 for a complex64 one.
func ResidualNorms[T Scalar, R Float](f *Factor, b Matrix[T], norms []R) error {
	const fn = "fl_factor_residual_norms"
	if err := f.check(fn); err != nil {
		return err
	}
	if !realOf[T, R]() {
		return argError(ErrDtypeMismatch, fn, "norms is a []%T, not the real type of b's %T elements", R(0), T(0))
	}
	cb, err := b.shaped(fn, "b", f.Rows(), b.Cols)
	if err = firstErr(err, vecLen(fn, "norms", norms, b.Cols)); err != nil {
		return err
	}
	defer runtime.KeepAlive(f)
	return call(func() C.fl_status {
		return C.fl_factor_residual_norms(f.handle(), dtypeOf[T](), cb.cols, cb.layout, cb.ptr, cb.ld, slicePtr(norms))
	})
}

// SolveShifted solves (A + shifts[l] I) X_l = B for every (real) shift with one EigH factor.
// x describes X_0 (n-by-nrhs); X_l starts xStride elements after X_{l-1} in x.Data.
func SolveShifted[T Scalar](f *Factor, shifts []float64, b, x Matrix[T], xStride int) error {
	const fn = "fl_factor_solve_shifted"
	if err := f.check(fn); err != nil {
		return err
	}
	n := f.Rows()
	cb, eb := b.shaped(fn, "b", n, b.Cols)
	cx, ex := x.shaped(fn, "x", n, b.Cols)
	if err := firstErr(eb, ex); err != nil {
		return err
	}
	if len(shifts) > 1 {
		if xStride < 0 {
			return argError(ErrInvalidArgument, fn, "xStride = %d is negative", xStride)
		}
		// The last X_l must lie inside x.Data as well.
		last := x
		need, ok := extent(len(shifts)-1, xStride, 0)
		if !ok || need > len(x.Data) {
			return argError(ErrInvalidArgument, fn, "x.Data has %d elements, too few for %d shifts %d apart", len(x.Data), len(shifts), xStride)
		}
		last.Data = x.Data[need:]
		if _, err := last.arg(fn, "x"); err != nil {
			return err
		}
	}
	defer runtime.KeepAlive(f)
	return call(func() C.fl_status {
		return C.fl_factor_solve_shifted(f.handle(), dtypeOf[T](), C.int64_t(len(shifts)), (*C.double)(slicePtr(shifts)),
			cb.cols, cb.layout, cb.ptr, cb.ld, cx.layout, cx.ptr, cx.ld, C.int64_t(xStride))
	})
}

// RankUpdate returns a new Cholesky factor of A + V V^T (sign = +1) or A - V V^T
// (sign = -1) for v with A's rows; f is left as it was.
func RankUpdate[T Float](f *Factor, sign int, v Matrix[T]) (*Factor, error) {
	if err := f.check("fl_factor_rank_update"); err != nil {
		return nil, err
	}
	cv, err := v.shaped("fl_factor_rank_update", "v", f.Rows(), v.Cols)
	if err != nil {
		return nil, err
	}
	defer runtime.KeepAlive(f)
	return newFactor(func(out **C.fl_factor) C.fl_status {
		return C.fl_factor_rank_update(out, f.handle(), C.int(sign), dtypeOf[T](), cv.cols, cv.layout, cv.ptr, cv.ld)
	})
}

// RankUpdateSparse is RankUpdate for a SparseCholesky factor and a sparse n-by-k V.
func (f *Factor) RankUpdateSparse(sign int, v *Sparse) (*Factor, error) {
	defer runtime.KeepAlive(f)
	defer runtime.KeepAlive(v)
	return newFactor(func(out **C.fl_factor) C.fl_status {
		return C.fl_factor_rank_update_sparse(out, f.handle(), C.int(sign), v.handle())
	})
}

// Refactor returns a new factor of s, which has exactly the pattern f was made from;
// Cholesky and LU reuse f's symbolic analysis. f is left as it was.
func (f *Factor) Refactor(s *Sparse) (*Factor, error) {
	defer runtime.KeepAlive(f)
	defer runtime.KeepAlive(s)
	return newFactor(func(out **C.fl_factor) C.fl_status {
		return C.fl_factor_refactor(out, f.handle(), s.handle())
	})
}
