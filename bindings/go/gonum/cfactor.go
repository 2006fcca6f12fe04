package gonum

import (
	"math"
	"math/cmplx"

	"fastlinalg.example/fastlinalg"
	"gonum.org/v1/gonum/blas/cblas128"
	"gonum.org/v1/gonum/mat"
)

// CFactor is a fastlinalg factorization of a gonum complex matrix (a mat.CMatrix, held in
// complex128): LU, Cholesky (Hermitian positive definite, A = L L^H), LDLT (Hermitian, or
// complex symmetric with fastlinalg.OptComplexSymmetric), QR, COD, SVD or EigH (Hermitian).
// Solves take op(A) = A, A^T or A^H. gonum has no complex factorization of its own, so the
// conventions are those of Factor: a zero-sized destination grows, a wrong shape panics with
// mat.ErrShape, a failure is a *fastlinalg.Error.
type CFactor struct {
	// Kind is the factorization Factorize makes; 0 means fastlinalg.LU.
	Kind fastlinalg.FactorKind
	// Options for Factorize (nil: the library's defaults).
	Options *fastlinalg.Options

	held
}

// Factorize factors a, replacing (and freeing) what f held. On failure f holds nothing.
// A *mat.CDense (any mat.RawCMatrixer) is read in place; other matrices are copied once.
func (f *CFactor) Factorize(a mat.CMatrix) error {
	return factorize(&f.held, f.Kind, cview(a), f.Options)
}

// SolveTo writes into dst the X with op(A) X = b (trans: fastlinalg.NoTrans, Trans or
// ConjTrans), as the kind defines it (exact, least-squares or minimum-norm). A zero-sized
// dst is grown to fit; dst may be b itself.
func (f *CFactor) SolveTo(dst *mat.CDense, trans fastlinalg.Transpose, b mat.CMatrix) error {
	r, c := f.opDims(trans != fastlinalg.NoTrans)
	br, bc := b.Dims()
	if br != r {
		panic(mat.ErrShape)
	}
	grow[*mat.CDense](dst, c, bc)
	x := craw(dst.RawCMatrix())
	bm := cview(b)
	if overlap(x.Data, bm.Data) && !(same(bm, x) && r == c) {
		bm = cpacked(b)
	}
	return fastlinalg.Solve(f.f, trans, bm, x)
}

// LogDet returns log|det(A)| and the phase det(A) / |det(A)| (modulus 1), the complex
// counterpart of Factor.LogDet's (log, sign); NaN and NaN on error.
func (f *CFactor) LogDet() (det float64, phase complex128) {
	phase, det, err := f.f.LogDetComplex()
	if err != nil {
		return math.NaN(), cmplx.NaN()
	}
	return det, phase
}

// Det returns det(A) (LU, Cholesky, LDLT, EigH); NaN if the kind has no determinant.
func (f *CFactor) Det() complex128 {
	det, phase := f.LogDet()
	return phase * complex(math.Exp(det), 0)
}

// cview is a's memory as the library takes it: in place for a raw matrix, else a packed
// row-major copy.
func cview(a mat.CMatrix) fastlinalg.Matrix[complex128] {
	if m, ok := a.(mat.RawCMatrixer); ok {
		return craw(m.RawCMatrix())
	}
	return cpacked(a)
}

func craw(g cblas128.General) fastlinalg.Matrix[complex128] {
	return fastlinalg.Matrix[complex128]{Data: g.Data, Rows: g.Rows, Cols: g.Cols, Layout: fastlinalg.RowMajor, Stride: max1(g.Stride)}
}

func cpacked(a mat.CMatrix) fastlinalg.Matrix[complex128] {
	r, c := a.Dims()
	return packedOf(r, c, a.At)
}
