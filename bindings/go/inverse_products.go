package fastlinalg

/*
#include <fastlinalg/fastlinalg.h>
*/
import "C"

import "runtime"

// The products with A^-1 of a square n-by-n A, none of which forms A^-1 (for QR, COD, SVD
// and EigH, A^-1 is the pseudo-inverse as Solve applies it).

// QuadraticForm writes out = Y^T A^-1 Y (k-by-k) for y n-by-k.
func QuadraticForm[T Float](f *Factor, y, out Matrix[T]) error {
	const fn = "fl_factor_quadratic_form"
	if err := f.check(fn); err != nil {
		return err
	}
	cy, ey := y.shaped(fn, "y", f.Rows(), y.Cols)
	co, eo := out.shaped(fn, "out", y.Cols, y.Cols)
	if err := firstErr(ey, eo); err != nil {
		return err
	}
	defer runtime.KeepAlive(f)
	return call(func() C.fl_status {
		return C.fl_factor_quadratic_form(f.handle(), dtypeOf[T](), cy.cols, cy.layout, cy.ptr, cy.ld, co.layout, co.ptr, co.ld)
	})
}

// BilinearForm writes out = Y^T A^-1 W (k-by-p) for y n-by-k and w n-by-p.
func BilinearForm[T Float](f *Factor, y, w, out Matrix[T]) error {
	const fn = "fl_factor_bilinear_form"
	if err := f.check(fn); err != nil {
		return err
	}
	cy, ey := y.shaped(fn, "y", f.Rows(), y.Cols)
	cw, ew := w.shaped(fn, "w", f.Rows(), w.Cols)
	co, eo := out.shaped(fn, "out", y.Cols, w.Cols)
	if err := firstErr(ey, ew, eo); err != nil {
		return err
	}
	defer runtime.KeepAlive(f)
	return call(func() C.fl_status {
		return C.fl_factor_bilinear_form(f.handle(), dtypeOf[T](), cy.cols, cy.layout, cy.ptr, cy.ld,
			cw.cols, cw.layout, cw.ptr, cw.ld, co.layout, co.ptr, co.ld)
	})
}

// Sandwich writes out = A^-1 Y A^-1 for an n-by-n y.
func Sandwich[T Float](f *Factor, y, out Matrix[T]) error {
	const fn = "fl_factor_sandwich"
	if err := f.check(fn); err != nil {
		return err
	}
	n := f.Rows()
	cy, ey := y.shaped(fn, "y", n, n)
	co, eo := out.shaped(fn, "out", n, n)
	if err := firstErr(ey, eo); err != nil {
		return err
	}
	defer runtime.KeepAlive(f)
	return call(func() C.fl_status {
		return C.fl_factor_sandwich(f.handle(), dtypeOf[T](), cy.layout, cy.ptr, cy.ld, co.layout, co.ptr, co.ld)
	})
}

// TraceSolve returns trace(A^-1 Y) for an n-by-n y.
func TraceSolve[T Float](f *Factor, y Matrix[T]) (float64, error) {
	if err := f.check("fl_factor_trace_solve"); err != nil {
		return 0, err
	}
	cy, err := y.shaped("fl_factor_trace_solve", "y", f.Rows(), f.Rows())
	if err != nil {
		return 0, err
	}
	defer runtime.KeepAlive(f)
	var tr C.double
	err = call(func() C.fl_status {
		return C.fl_factor_trace_solve(f.handle(), dtypeOf[T](), cy.layout, cy.ptr, cy.ld, &tr)
	})
	return float64(tr), err
}

// InverseDiagonal writes the n diagonal elements of A^-1 into diag.
func InverseDiagonal[T Float](f *Factor, diag []T) error {
	if err := f.check("fl_factor_inverse_diagonal"); err != nil {
		return err
	}
	if err := vecLen("fl_factor_inverse_diagonal", "diag", diag, f.Rows()); err != nil {
		return err
	}
	defer runtime.KeepAlive(f)
	return call(func() C.fl_status {
		return C.fl_factor_inverse_diagonal(f.handle(), dtypeOf[T](), slicePtr(diag))
	})
}

// Mahalanobis writes out[j] = y_j^T A^-1 y_j for the k columns of y (n-by-k).
func Mahalanobis[T Float](f *Factor, y Matrix[T], out []T) error {
	const fn = "fl_factor_mahalanobis"
	if err := f.check(fn); err != nil {
		return err
	}
	cy, err := y.shaped(fn, "y", f.Rows(), y.Cols)
	if err = firstErr(err, vecLen(fn, "out", out, y.Cols)); err != nil {
		return err
	}
	defer runtime.KeepAlive(f)
	return call(func() C.fl_status {
		return C.fl_factor_mahalanobis(f.handle(), dtypeOf[T](), cy.cols, cy.layout, cy.ptr, cy.ld, slicePtr(out))
	})
}
