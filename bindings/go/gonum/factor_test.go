package gonum

import (
	"errors"
	"math"
	"math/rand"
	"testing"

	"fastlinalg.example/fastlinalg"
	"gonum.org/v1/gonum/mat"
)

func random(rng *rand.Rand, r, c int) *mat.Dense {
	d := mat.NewDense(r, c, nil)
	for i := 0; i < r; i++ {
		for j := 0; j < c; j++ {
			d.Set(i, j, rng.Float64()*2-1)
		}
	}
	return d
}

func spd(rng *rand.Rand, n int) *mat.SymDense {
	a := random(rng, n, n)
	var s mat.SymDense
	s.SymOuterK(1, a)
	for i := 0; i < n; i++ {
		s.SetSym(i, i, s.At(i, i)+float64(n))
	}
	return &s
}

// near fails unless got and want agree to tol relative to want's largest element.
func near(t *testing.T, what string, got, want mat.Matrix, tol float64) {
	t.Helper()
	if !mat.EqualApprox(got, want, tol*math.Max(1, mat.Norm(want, math.Inf(1)))) {
		t.Fatalf("%s:\n got %v\nwant %v", what, mat.Formatted(got), mat.Formatted(want))
	}
}

func factored(t *testing.T, kind fastlinalg.FactorKind, a mat.Matrix) *Factor {
	t.Helper()
	f := &Factor{Kind: kind}
	if err := f.Factorize(a); err != nil {
		t.Fatalf("Factorize(%v): %v", kind, err)
	}
	t.Cleanup(f.Close)
	return f
}

func TestLUAgainstGonumLU(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	const n = 12
	a, b := random(rng, n, n), random(rng, n, 4)
	var ref mat.LU
	ref.Factorize(a)
	for _, trans := range []bool{false, true} {
		for _, in := range []mat.Matrix{a, a.T(), mat.DenseCopyOf(a)} {
			var f Factor // the zero value is LU
			if err := f.Factorize(in); err != nil {
				t.Fatal(err)
			}
			var want, got mat.Dense // zero-sized: both grow to fit
			refTrans := trans
			if _, ok := in.(mat.Transpose); ok {
				refTrans = !trans
			}
			if err := ref.SolveTo(&want, refTrans, b); err != nil {
				t.Fatal(err)
			}
			if err := f.SolveTo(&got, trans, b); err != nil {
				t.Fatal(err)
			}
			near(t, "LU solve", &got, &want, 1e-12)
			d1, s1 := ref.LogDet()
			d2, s2 := f.LogDet()
			if s1 != s2 || math.Abs(d1-d2) > 1e-12*math.Abs(d1)+1e-12 {
				t.Fatalf("LogDet: gonum (%v, %v), fastlinalg (%v, %v)", d1, s1, d2, s2)
			}
			if c1, c2 := ref.Cond(), f.Cond(); math.Abs(c1-c2) > 0.5*c1 { // both estimate ||A||_1 ||A^-1||_1
				t.Fatalf("Cond: gonum %v, fastlinalg %v", c1, c2)
			}
			f.Close()
		}
	}
}

func TestCholeskyAgainstGonumCholesky(t *testing.T) {
	rng := rand.New(rand.NewSource(2))
	const n = 10
	a := spd(rng, n)
	b := random(rng, n, 3)
	var ref mat.Cholesky
	if !ref.Factorize(a) {
		t.Fatal("gonum: not positive definite")
	}
	var want mat.Dense
	if err := ref.SolveTo(&want, b); err != nil {
		t.Fatal(err)
	}
	f := factored(t, fastlinalg.Cholesky, a) // a SymDense: copied once
	got := mat.NewDense(n, 3, nil)           // sized: written in place
	if err := f.SolveTo(got, false, b); err != nil {
		t.Fatal(err)
	}
	near(t, "Cholesky solve", got, &want, 1e-12)
	if d1, d2 := ref.Det(), f.Det(); math.Abs(d1-d2) > 1e-10*math.Abs(d1) {
		t.Fatalf("Det: gonum %v, fastlinalg %v", d1, d2)
	}
	// One vector, strided, against gonum's SolveVecTo.
	bv := b.ColView(1)
	var wv, gv mat.VecDense
	if err := ref.SolveVecTo(&wv, bv); err != nil {
		t.Fatal(err)
	}
	if err := f.SolveVecTo(&gv, false, bv); err != nil {
		t.Fatal(err)
	}
	near(t, "Cholesky SolveVecTo", &gv, &wv, 1e-12)
}

func TestQRLeastSquaresAgainstGonumQR(t *testing.T) {
	rng := rand.New(rand.NewSource(3))
	a, b := random(rng, 20, 6), random(rng, 20, 2)
	var ref mat.QR
	ref.Factorize(a)
	var want, got mat.Dense
	if err := ref.SolveTo(&want, false, b); err != nil {
		t.Fatal(err)
	}
	for _, kind := range []fastlinalg.FactorKind{fastlinalg.QR, fastlinalg.COD, fastlinalg.SVD} {
		got.Reset()
		if err := factored(t, kind, a).SolveTo(&got, false, b); err != nil {
			t.Fatal(err)
		}
		near(t, "least squares", &got, &want, 1e-10)
	}
}

func TestInPlaceAndAliasedDestinations(t *testing.T) {
	rng := rand.New(rand.NewSource(4))
	const n = 8
	a, b := random(rng, n, n), random(rng, n, 3)
	f := factored(t, fastlinalg.LU, a)
	var want mat.Dense
	if err := f.SolveTo(&want, false, b); err != nil {
		t.Fatal(err)
	}
	x := mat.DenseCopyOf(b)
	if err := f.SolveTo(x, false, x); err != nil { // dst is b: solved in place
		t.Fatal(err)
	}
	near(t, "in place", x, &want, 0)
	// dst overlapping b otherwise: b is copied first.
	wide := mat.NewDense(n, 4, nil)
	wide.Slice(0, n, 0, 3).(*mat.Dense).Copy(b)
	if err := f.SolveTo(wide.Slice(0, n, 1, 4).(*mat.Dense), false, wide.Slice(0, n, 0, 3)); err != nil {
		t.Fatal(err)
	}
	near(t, "overlapping", wide.Slice(0, n, 1, 4), &want, 1e-15)
}

func TestShapesPanicAsGonumDoes(t *testing.T) {
	rng := rand.New(rand.NewSource(5))
	f := factored(t, fastlinalg.LU, random(rng, 4, 4))
	for name, solve := range map[string]func(){
		"b rows":   func() { _ = f.SolveTo(&mat.Dense{}, false, random(rng, 3, 2)) },
		"dst dims": func() { _ = f.SolveTo(mat.NewDense(4, 3, nil), false, random(rng, 4, 2)) },
		"vec len":  func() { _ = f.SolveVecTo(&mat.VecDense{}, false, mat.NewVecDense(5, nil)) },
	} {
		func() {
			defer func() {
				if r := recover(); r != mat.ErrShape {
					t.Fatalf("%s: recovered %v, want mat.ErrShape", name, r)
				}
			}()
			solve()
		}()
	}
}

func TestLibraryErrorsAreErrors(t *testing.T) {
	var f Factor
	err := f.Factorize(mat.NewDense(2, 2, []float64{1, 2, 2, 4}))
	if !errors.Is(err, fastlinalg.ErrSingular) {
		t.Fatalf("singular: %v", err)
	}
	f.Kind = fastlinalg.Cholesky
	err = f.Factorize(mat.NewDense(2, 2, []float64{1, 2, 2, 1}))
	if !errors.Is(err, fastlinalg.ErrNotPositiveDefinite) {
		t.Fatalf("indefinite: %v", err)
	}
	if r, c := f.Dims(); r != 0 || c != 0 {
		t.Fatal("a failed Factorize left a factor behind")
	}
}

func TestSavedFactorSolvesTheSame(t *testing.T) {
	rng := rand.New(rand.NewSource(6))
	a, b := random(rng, 6, 6), random(rng, 6, 2)
	f := factored(t, fastlinalg.LU, a)
	data, err := f.Factor().MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	made, err := fastlinalg.UnmarshalFactor(data)
	if err != nil {
		t.Fatal(err)
	}
	g := FromFactor(made)
	defer g.Close()
	var x1, x2 mat.Dense
	if err := f.SolveTo(&x1, false, b); err != nil {
		t.Fatal(err)
	}
	if err := g.SolveTo(&x2, false, b); err != nil {
		t.Fatal(err)
	}
	near(t, "loaded", &x2, &x1, 0)
}
