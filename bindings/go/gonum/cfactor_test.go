package gonum

import (
	"errors"
	"math"
	"math/cmplx"
	"math/rand"
	"testing"

	"fastlinalg.example/fastlinalg"
	"gonum.org/v1/gonum/mat"
)

func crandom(rng *rand.Rand, r, c int) *mat.CDense {
	d := mat.NewCDense(r, c, nil)
	for i := 0; i < r; i++ {
		for j := 0; j < c; j++ {
			d.Set(i, j, complex(rng.Float64()*2-1, rng.Float64()*2-1))
		}
	}
	return d
}

// chpd is M M^H / n + I: Hermitian positive definite.
func chpd(rng *rand.Rand, n int) *mat.CDense {
	m := crandom(rng, n, n)
	h := mat.NewCDense(n, n, nil)
	for i := 0; i < n; i++ {
		for j := 0; j < n; j++ {
			var s complex128
			for k := 0; k < n; k++ {
				s += m.At(i, k) * cmplx.Conj(m.At(j, k))
			}
			if i == j {
				s += complex(float64(n), 0)
			}
			h.Set(i, j, s/complex(float64(n), 0))
		}
	}
	return h
}

// cresidual is max|op(A) X - B| / (n eps (max|A| max|X| + max|B|)).
func cresidual(a mat.CMatrix, trans fastlinalg.Transpose, x, b mat.CMatrix) float64 {
	op := a
	switch trans {
	case fastlinalg.Trans:
		op = a.T()
	case fastlinalg.ConjTrans:
		op = a.H()
	}
	maxAbs := func(m mat.CMatrix) float64 {
		r, c := m.Dims()
		v := 0.0
		for i := 0; i < r; i++ {
			for j := 0; j < c; j++ {
				v = math.Max(v, cmplx.Abs(m.At(i, j)))
			}
		}
		return v
	}
	r, n := op.Dims()
	_, k := b.Dims()
	worst := 0.0
	for i := 0; i < r; i++ {
		for j := 0; j < k; j++ {
			s := -b.At(i, j)
			for p := 0; p < n; p++ {
				s += op.At(i, p) * x.At(p, j)
			}
			worst = math.Max(worst, cmplx.Abs(s))
		}
	}
	return worst / (float64(n) * 0x1p-52 * (maxAbs(a)*maxAbs(x) + maxAbs(b)))
}

func TestComplexKindsSolveWithAItsTransposeAndItsAdjoint(t *testing.T) {
	rng := rand.New(rand.NewSource(21))
	n := 6
	general := crandom(rng, n, n)
	for i := 0; i < n; i++ {
		general.Set(i, i, general.At(i, i)+complex(float64(n), 0))
	}
	hpd := chpd(rng, n)
	cases := []struct {
		kind fastlinalg.FactorKind
		a    *mat.CDense
	}{{0, general}, {fastlinalg.QR, general}, {fastlinalg.SVD, general}, {fastlinalg.Cholesky, hpd}, {fastlinalg.EigH, hpd}}
	for _, tc := range cases {
		f := &CFactor{Kind: tc.kind}
		if err := f.Factorize(tc.a); err != nil {
			t.Fatalf("Factorize(%d): %v", tc.kind, err)
		}
		b := crandom(rng, n, 2)
		for _, trans := range []fastlinalg.Transpose{fastlinalg.NoTrans, fastlinalg.Trans, fastlinalg.ConjTrans} {
			var x mat.CDense // zero-sized: grown to fit
			if err := f.SolveTo(&x, trans, b); err != nil {
				t.Fatal(err)
			}
			if r := cresidual(tc.a, trans, &x, b); r > 30 {
				t.Errorf("kind %d trans %d: scaled residual %g", tc.kind, trans, r)
			}
		}
		// A b read through At (copied once) and b itself as the destination solve the same.
		in := mat.NewCDense(n, 2, nil)
		if err := f.SolveTo(in, fastlinalg.NoTrans, struct{ mat.CMatrix }{b}); err != nil {
			t.Fatal(err)
		}
		if err := f.SolveTo(b, fastlinalg.NoTrans, b); err != nil {
			t.Fatal(err)
		}
		if !mat.CEqualApprox(in, b, 1e-12) {
			t.Errorf("kind %d: in-place and copied solves differ", tc.kind)
		}
		f.Close()
	}
}

func TestComplexDeterminantPhase(t *testing.T) {
	a := mat.NewCDense(2, 2, []complex128{1i, 2, 0, 3 - 4i})
	var f CFactor
	if err := f.Factorize(a); err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	// det = i (3 - 4i) = 4 + 3i: |det| = 5, phase (4 + 3i) / 5.
	logAbs, phase := f.LogDet()
	if math.Abs(logAbs-math.Log(5)) > 1e-14 || cmplx.Abs(phase-(0.8+0.6i)) > 1e-14 {
		t.Errorf("LogDet = (%g, %v), want (log 5, 0.8+0.6i)", logAbs, phase)
	}
	if d := f.Det(); cmplx.Abs(d-(4+3i)) > 1e-13 {
		t.Errorf("Det = %v, want 4+3i", d)
	}
	if c := f.Cond(); !(c >= 1) {
		t.Errorf("Cond = %g", c)
	}
	// A Hermitian matrix that is not positive definite is the library's error.
	g := CFactor{Kind: fastlinalg.Cholesky}
	if err := g.Factorize(mat.NewCDense(2, 2, []complex128{1, 2i, -2i, 1})); !errors.Is(err, fastlinalg.ErrNotPositiveDefinite) {
		t.Errorf("Cholesky of an indefinite matrix: %v", err)
	}
}
