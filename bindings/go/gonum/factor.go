package gonum

import (
	"math"
	"unsafe"

	"fastlinalg.example/fastlinalg"
	"gonum.org/v1/gonum/blas/blas64"
	"gonum.org/v1/gonum/mat"
)

// Factor is a fastlinalg factorization of a gonum matrix.
type Factor struct {
	// Kind is the factorization Factorize makes; 0 means fastlinalg.LU.
	Kind fastlinalg.FactorKind
	// Options for Factorize (nil: the library's defaults).
	Options *fastlinalg.Options

	held
}

// held is the factor handle Factor and CFactor keep, with what they do alike.
type held struct {
	f *fastlinalg.Factor
}

// factorize makes a factor of a with kind (0: LU), replacing (and freeing) what h held.
func factorize[T fastlinalg.Scalar](h *held, kind fastlinalg.FactorKind, a fastlinalg.Matrix[T], opts *fastlinalg.Options) error {
	h.Close()
	if kind == 0 {
		kind = fastlinalg.LU
	}
	made, err := fastlinalg.NewFactor(kind, a, opts)
	if err != nil {
		return err
	}
	h.f = made
	return nil
}

// Factorize factors a, replacing (and freeing) what f held. On failure f holds nothing.
func (f *Factor) Factorize(a mat.Matrix) error {
	return factorize(&f.held, f.Kind, view(a), f.Options)
}

// FromFactor wraps a factor made by the core package (fastlinalg.NewFactor, LoadFactor).
func FromFactor(made *fastlinalg.Factor) *Factor {
	return &Factor{Kind: made.Kind(), held: held{made}}
}

// Factor is the core package's factor, for what this package does not wrap (parts, rank,
// MarshalBinary). Nil before Factorize.
func (h *held) Factor() *fastlinalg.Factor { return h.f }

// Close frees the factorization; it may be factored again. Idempotent.
func (h *held) Close() {
	h.f.Close()
	h.f = nil
}

// Dims is the shape of the factored matrix (0, 0 before Factorize).
func (h *held) Dims() (r, c int) {
	if h.f == nil {
		return 0, 0
	}
	return h.f.Rows(), h.f.Cols()
}

// SolveTo writes into dst the X with op(A) X = b, op(A) = A or A^T (trans): the exact
// solution for LU, Cholesky, LDLT; the least-squares or minimum-norm one for QR, COD,
// SVD, as the kind defines. A zero-sized dst is grown to fit; dst may be b itself.
func (f *Factor) SolveTo(dst *mat.Dense, trans bool, b mat.Matrix) error {
	r, c := f.opDims(trans)
	br, bc := b.Dims()
	if br != r {
		panic(mat.ErrShape)
	}
	grow[*mat.Dense](dst, c, bc)
	x := raw(dst.RawMatrix())
	bm := view(b)
	// The library solves in place only when X is B exactly (square kinds); any other
	// sharing of memory gets a copy of b first.
	if overlap(x.Data, bm.Data) && !(same(bm, x) && r == c) {
		bm = packed(b)
	}
	return fastlinalg.Solve(f.f, transpose(trans), bm, x)
}

// SolveVecTo is SolveTo for one right-hand side: dst (grown when zero-sized) and b are
// vectors, each with any increment.
func (f *Factor) SolveVecTo(dst *mat.VecDense, trans bool, b mat.Vector) error {
	r, c := f.opDims(trans)
	if b.Len() != r {
		panic(mat.ErrShape)
	}
	if dst.IsEmpty() {
		dst.ReuseAsVec(c)
	} else if dst.Len() != c {
		panic(mat.ErrShape)
	}
	x := column(dst.RawVector())
	var bm fastlinalg.Matrix[float64]
	if v, ok := b.(mat.RawVectorer); ok {
		bm = column(v.RawVector())
	} else {
		bm = packed(b)
	}
	if overlap(x.Data, bm.Data) && !(same(bm, x) && r == c) {
		bm = packed(b)
	}
	return fastlinalg.Solve(f.f, transpose(trans), bm, x)
}

// LogDet returns the log of |det(A)| and its sign, in gonum's order (LU, Cholesky, LDLT).
func (f *Factor) LogDet() (det float64, sign float64) {
	sign, det, err := f.f.LogDet()
	if err != nil {
		return math.NaN(), math.NaN()
	}
	return det, sign
}

// Det returns det(A) (LU, Cholesky, LDLT); NaN if the kind has no determinant.
func (f *Factor) Det() float64 {
	det, sign := f.LogDet()
	return sign * math.Exp(det)
}

// Cond returns the library's estimate of A's condition number, 1 / rcond (+Inf for a
// singular A), as gonum's LU.Cond and Cholesky.Cond do; NaN on error.
func (h *held) Cond() float64 {
	rcond, err := h.f.RCond()
	if err != nil {
		return math.NaN()
	}
	return 1 / rcond
}

func (h *held) opDims(trans bool) (r, c int) {
	if h.f == nil {
		panic("fastlinalg/gonum: Factor used before Factorize")
	}
	r, c = h.Dims()
	if trans {
		return c, r
	}
	return r, c
}

func transpose(trans bool) fastlinalg.Transpose {
	if trans {
		return fastlinalg.Trans
	}
	return fastlinalg.NoTrans
}

// resizable is what grow needs of a destination: *mat.Dense and *mat.CDense.
type resizable interface {
	IsEmpty() bool
	ReuseAs(r, c int)
	Dims() (r, c int)
}

// grow sizes a zero-sized dst to r-by-c; a sized one must already be r-by-c.
func grow[D resizable](dst D, r, c int) {
	if dst.IsEmpty() {
		dst.ReuseAs(r, c)
		return
	}
	if dr, dc := dst.Dims(); dr != r || dc != c {
		panic(mat.ErrShape)
	}
}

// view is a's memory as the library takes it: in place for a raw matrix or its
// transpose, else a packed row-major copy.
func view(a mat.Matrix) fastlinalg.Matrix[float64] {
	switch m := a.(type) {
	case mat.RawMatrixer:
		return raw(m.RawMatrix())
	case mat.Transpose:
		if inner, ok := m.Matrix.(mat.RawMatrixer); ok {
			g := inner.RawMatrix()
			return fastlinalg.Matrix[float64]{Data: g.Data, Rows: g.Cols, Cols: g.Rows, Layout: fastlinalg.ColMajor, Stride: g.Stride}
		}
	}
	return packed(a)
}

func raw(g blas64.General) fastlinalg.Matrix[float64] {
	return fastlinalg.Matrix[float64]{Data: g.Data, Rows: g.Rows, Cols: g.Cols, Layout: fastlinalg.RowMajor, Stride: max1(g.Stride)}
}

// column is a strided vector as an n-by-1 row-major matrix: element i at i * Inc.
func column(v blas64.Vector) fastlinalg.Matrix[float64] {
	return fastlinalg.Matrix[float64]{Data: v.Data, Rows: v.N, Cols: 1, Layout: fastlinalg.RowMajor, Stride: max1(v.Inc)}
}

func packed(a mat.Matrix) fastlinalg.Matrix[float64] {
	r, c := a.Dims()
	return packedOf(r, c, a.At)
}

// packedOf is a packed row-major copy of the r-by-c matrix that at reads.
func packedOf[T fastlinalg.Scalar](r, c int, at func(i, j int) T) fastlinalg.Matrix[T] {
	m := fastlinalg.NewMatrix[T](r, c, fastlinalg.RowMajor)
	for i := 0; i < r; i++ {
		for j := 0; j < c; j++ {
			m.Data[i*c+j] = at(i, j)
		}
	}
	return m
}

func max1(n int) int {
	if n < 1 {
		return 1
	}
	return n
}

// same reports whether a and b are one matrix in one memory, which an in-place solve takes.
func same[T fastlinalg.Scalar](a, b fastlinalg.Matrix[T]) bool {
	return &a.Data[0] == &b.Data[0] && a.Rows == b.Rows && a.Cols == b.Cols && a.Layout == b.Layout && a.Stride == b.Stride
}

// overlap reports whether two slices share memory.
func overlap[T fastlinalg.Scalar](a, b []T) bool {
	if len(a) == 0 || len(b) == 0 {
		return false
	}
	size := unsafe.Sizeof(a[0])
	pa, pb := uintptr(unsafe.Pointer(&a[0])), uintptr(unsafe.Pointer(&b[0]))
	return pa < pb+uintptr(len(b))*size && pb < pa+uintptr(len(a))*size
}
