// Package gonum factors gonum matrices with fastlinalg and solves into gonum matrices with
// gonum's conventions, so code written for mat.LU, mat.Cholesky or mat.QR moves over by
// changing a type:
//
//	var f gonum.Factor // the zero value factors with LU; set Kind for another kind
//	if err := f.Factorize(a); err != nil { ... }  // a: any mat.Matrix
//	defer f.Close()
//	var x mat.Dense                               // zero-sized: grown to fit
//	err := f.SolveTo(&x, false, b)                // every column of b in one call
//
// CFactor does the same for gonum's complex matrices (mat.CMatrix, *mat.CDense): solves with
// A, A^T and A^H (fastlinalg.Transpose), and LogDet's sign is a complex phase.
//
// It is its own module, so the core package fastlinalg keeps no dependency; it requires
// gonum (pinned in go.mod) and the core package.
//
// Conventions kept from gonum: Factorize replaces what the receiver held; SolveTo grows a
// zero-sized destination (IsEmpty) and panics with mat.ErrShape when a non-empty one or b
// has the wrong shape, as gonum's own SolveTo do; dst may be b itself. What gonum reports
// as a mat.Condition or a false ok (a singular or not positive definite matrix) is the
// library's *fastlinalg.Error, which errors.Is matches against fastlinalg.ErrSingular,
// fastlinalg.ErrNotPositiveDefinite and the other statuses.
//
// No copies where gonum's memory already suits the library: a *mat.Dense (any
// mat.RawMatrixer) is read in place as a row-major matrix, its mat.Transpose as the
// column-major matrix it is, and a destination *mat.Dense is written in place. Other
// mat.Matrix types (SymDense, TriDense, views through interfaces) are copied once.
package gonum
