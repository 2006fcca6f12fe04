package fastlinalg

/*
#include <fastlinalg/fastlinalg.h>
*/
import "C"

import "strings"

// The matrix-calculus toolkit: vec of blocks, vech, commutation and duplication
// matrices. vec(X) stacks X's columns.

// Vecb writes out = vecb(x), (l1 l2)-by-(n1 n2), row i*l2 + j being vec(X_ij)^T for the
// n1-by-n2 blocks of x (l1 = rows/n1, l2 = cols/n2).
func Vecb[T Scalar](n1, n2 int, x, out Matrix[T]) error {
	const fn = "fl_vecb"
	cx, err := x.arg(fn, "x")
	if err != nil {
		return err
	}
	var co cmat
	if n1 > 0 && n2 > 0 && x.Rows%n1 == 0 && x.Cols%n2 == 0 {
		co, err = out.shaped(fn, "out", (x.Rows/n1)*(x.Cols/n2), n1*n2)
	} else {
		// The library names the bad block size before it writes anything.
		co, err = out.arg(fn, "out")
	}
	if err != nil {
		return err
	}
	return call(func() C.fl_status {
		return C.fl_vecb(dtypeOf[T](), cx.rows, cx.cols, C.int64_t(n1), C.int64_t(n2), cx.layout, cx.ptr, cx.ld,
			co.layout, co.ptr, co.ld)
	})
}

// Vech writes the lower triangle of the square x, column by column, into out
// (n(n+1)/2 values).
func Vech[T Scalar](x Matrix[T], out []T) error {
	const fn = "fl_vech"
	cx, err := x.shaped(fn, "x", x.Rows, x.Rows)
	if err = firstErr(err, vecLen(fn, "out", out, x.Rows*(x.Rows+1)/2)); err != nil {
		return err
	}
	return call(func() C.fl_status {
		return C.fl_vech(dtypeOf[T](), cx.rows, cx.layout, cx.ptr, cx.ld, slicePtr(out))
	})
}

// CommutationApply writes out = K(m,n) x for x (m n)-by-ncols; K(m,n) vec(A) = vec(A^T).
func CommutationApply[T Scalar](m, n int, x, out Matrix[T]) error {
	const fn = "fl_commutation_apply"
	if err := nonNegative(fn, "m n", m, n); err != nil {
		return err
	}
	cx, ex := x.shaped(fn, "x", m*n, x.Cols)
	co, eo := out.shaped(fn, "out", m*n, x.Cols)
	if err := firstErr(ex, eo); err != nil {
		return err
	}
	return call(func() C.fl_status {
		return C.fl_commutation_apply(dtypeOf[T](), C.int64_t(m), C.int64_t(n), cx.cols, cx.layout, cx.ptr, cx.ld,
			co.layout, co.ptr, co.ld)
	})
}

// CommutationMatrix writes out = K(m,n), (m n)-by-(m n).
func CommutationMatrix[T Scalar](m, n int, out Matrix[T]) error {
	const fn = "fl_commutation_matrix"
	if err := nonNegative(fn, "m n", m, n); err != nil {
		return err
	}
	co, err := out.shaped(fn, "out", m*n, m*n)
	if err != nil {
		return err
	}
	return call(func() C.fl_status {
		return C.fl_commutation_matrix(dtypeOf[T](), C.int64_t(m), C.int64_t(n), co.layout, co.ptr, co.ld)
	})
}

// duplicationShape is the shape of D(n) (n^2-by-n(n+1)/2) or, with pinv, of D(n)^+.
func duplicationShape(n int, pinv bool) (rows, cols int) {
	if pinv {
		return n * (n + 1) / 2, n * n
	}
	return n * n, n * (n + 1) / 2
}

// DuplicationApply writes out = op(M) x for M = D(n) or, with pinv, D(n)^+; x has
// op(M)'s columns as rows.
func DuplicationApply[T Scalar](n int, pinv bool, trans Transpose, x, out Matrix[T]) error {
	const fn = "fl_duplication_apply"
	if err := nonNegative(fn, "n", n); err != nil {
		return err
	}
	r, c := duplicationShape(n, pinv)
	if trans == Trans {
		r, c = c, r
	}
	cx, ex := x.shaped(fn, "x", c, x.Cols)
	co, eo := out.shaped(fn, "out", r, x.Cols)
	if err := firstErr(ex, eo); err != nil {
		return err
	}
	return call(func() C.fl_status {
		return C.fl_duplication_apply(dtypeOf[T](), C.int64_t(n), cbool(pinv), C.fl_transpose(trans), cx.cols,
			cx.layout, cx.ptr, cx.ld, co.layout, co.ptr, co.ld)
	})
}

// DuplicationMatrix writes out = D(n) or, with pinv, D(n)^+.
func DuplicationMatrix[T Scalar](n int, pinv bool, out Matrix[T]) error {
	const fn = "fl_duplication_matrix"
	if err := nonNegative(fn, "n", n); err != nil {
		return err
	}
	r, c := duplicationShape(n, pinv)
	co, err := out.shaped(fn, "out", r, c)
	if err != nil {
		return err
	}
	return call(func() C.fl_status {
		return C.fl_duplication_matrix(dtypeOf[T](), C.int64_t(n), cbool(pinv), co.layout, co.ptr, co.ld)
	})
}

// nonNegative checks sizes, named by the space-separated names, in order.
func nonNegative(fn, names string, sizes ...int) error {
	for i, name := range strings.Fields(names) {
		if sizes[i] < 0 {
			return argError(ErrInvalidArgument, fn, "%s = %d is negative", name, sizes[i])
		}
	}
	return nil
}
