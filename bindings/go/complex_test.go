package fastlinalg

import (
	"errors"
	"math"
	"math/cmplx"
	"math/rand"
	"testing"
)

// complex64 and complex128 through the same generic calls as float32 and float64: every
// dense kind the library computes in complex (Auto is real only), solves with A, A^T and
// A^H, Hermitian Cholesky, the determinant's phase, real-valued outputs, sparse factors and
// the dtype checks. References are plain complex128 loops.

// cdense is a row-major complex128 reference matrix.
type cdense [][]complex128

func cdenseFn(r, c int, f func(i, j int) complex128) cdense {
	d := make(cdense, r)
	for i := range d {
		d[i] = make([]complex128, c)
		for j := range d[i] {
			d[i][j] = f(i, j)
		}
	}
	return d
}

func crand(rng *rand.Rand, r, c int) cdense {
	return cdenseFn(r, c, func(i, j int) complex128 { return complex(rng.Float64()*2-1, rng.Float64()*2-1) })
}

// cgeneral is random with n on the diagonal: well conditioned, not Hermitian.
func cgeneral(rng *rand.Rand, n int) cdense {
	m := crand(rng, n, n)
	for i := range m {
		m[i][i] += complex(float64(n), 0)
	}
	return m
}

// chpd is M M^H / n + I: Hermitian positive definite.
func chpd(rng *rand.Rand, n int) cdense {
	m := crand(rng, n, n)
	return cdenseFn(n, n, func(i, j int) complex128 {
		var s complex128
		for k := 0; k < n; k++ {
			s += m[i][k] * cmplx.Conj(m[j][k])
		}
		if i == j {
			s += complex(float64(n), 0)
		}
		return s / complex(float64(n), 0)
	})
}

// cop is op(A) for a solve with trans.
func cop(a cdense, trans Transpose) cdense {
	if trans == NoTrans {
		return a
	}
	return cdenseFn(len(a[0]), len(a), func(i, j int) complex128 {
		if trans == ConjTrans {
			return cmplx.Conj(a[j][i])
		}
		return a[j][i]
	})
}

func cmaxAbs(a cdense) float64 { return maxAbsBy(a, cmplx.Abs) }

func toCMatrix[T complex64 | complex128](d cdense, layout Layout) Matrix[T] {
	m := NewMatrix[T](len(d), len(d[0]), layout)
	for i := range d {
		for j, z := range d[i] {
			m.Set(i, j, T(z))
		}
	}
	return m
}

func fromCMatrix[T complex64 | complex128](m Matrix[T]) cdense {
	return cdenseFn(m.Rows, m.Cols, func(i, j int) complex128 { return complex128(m.At(i, j)) })
}

func ceps[T complex64 | complex128]() float64 {
	var z T
	if _, ok := any(z).(complex64); ok {
		return 0x1p-23
	}
	return 0x1p-52
}

// cresidual is max|A X - B| / (n eps (max|A| max|X| + max|B|)), LAPACK's scaled residual.
func cresidual(a, x, b cdense, eps float64) float64 {
	r := 0.0
	for i := range b {
		for j := range b[i] {
			var ax complex128
			for k := range x {
				ax += a[i][k] * x[k][j]
			}
			r = math.Max(r, cmplx.Abs(ax-b[i][j]))
		}
	}
	n := math.Max(1, float64(len(a)))
	return r / (n*eps*(cmaxAbs(a)*cmaxAbs(x)+cmaxAbs(b)) + math.SmallestNonzeroFloat64)
}

var transposes = []Transpose{NoTrans, Trans, ConjTrans}

// checkSolves factors a with kind in both layouts and solves op(A) X = B for every op.
func checkSolves[T complex64 | complex128](t *testing.T, rng *rand.Rand, kind FactorKind, a cdense, opts *Options) {
	t.Helper()
	n := len(a)
	for _, layout := range layouts {
		f := mustFactor(t, kind, toCMatrix[T](a, layout), opts)
		for _, trans := range transposes {
			b := crand(rng, n, 3)
			x := NewMatrix[T](n, 3, layout)
			must(t, Solve(f, trans, toCMatrix[T](b, layout), x))
			if r := cresidual(cop(a, trans), fromCMatrix(x), b, ceps[T]()); r > 30 {
				t.Errorf("kind %d trans %d layout %d %T: scaled residual %g", kind, trans, layout, T(0), r)
			}
		}
	}
}

func testEveryKind[T complex64 | complex128](t *testing.T) {
	rng := rand.New(rand.NewSource(15))
	symmetric, err := NewOptions()
	must(t, err)
	defer symmetric.Close()
	must(t, symmetric.SetInt(OptComplexSymmetric, 1))
	for _, n := range []int{1, 7} {
		general := cgeneral(rng, n)
		for _, kind := range []FactorKind{LU, QR, COD, SVD} {
			checkSolves[T](t, rng, kind, general, nil)
		}
		hpd := chpd(rng, n)
		for _, kind := range []FactorKind{Cholesky, EigH} {
			checkSolves[T](t, rng, kind, hpd, nil)
		}
		// Hermitian indefinite: LDL^H; complex symmetric (A^T = A): LDL^T by option.
		m := crand(rng, n, n)
		herm := cdenseFn(n, n, func(i, j int) complex128 { return m[i][j] + cmplx.Conj(m[j][i]) + complex(float64(3-i), 0)*delta(i, j) })
		checkSolves[T](t, rng, LDLT, herm, nil)
		sym := cdenseFn(n, n, func(i, j int) complex128 { return m[i][j] + m[j][i] + complex(float64(n), 0)*delta(i, j) })
		checkSolves[T](t, rng, LDLT, sym, symmetric)
	}
}

func delta(i, j int) complex128 {
	if i == j {
		return 1
	}
	return 0
}

func TestComplexEveryKindSolvesWithAItsTransposeAndItsAdjoint(t *testing.T) {
	testEveryKind[complex64](t)
	testEveryKind[complex128](t)
}

func testHermitianCholesky[T complex64 | complex128](t *testing.T) {
	n := 6
	a := chpd(rand.New(rand.NewSource(3)), n)
	tol := 30 * float64(n) * ceps[T]()
	for _, layout := range layouts {
		// Only the lower triangle is read: the upper one holds garbage.
		lowerOnly := cdenseFn(n, n, func(i, j int) complex128 {
			if i >= j {
				return a[i][j]
			}
			return 9 - 9i
		})
		f := mustFactor(t, Cholesky, toCMatrix[T](lowerOnly, layout), nil)
		l := NewMatrix[T](n, n, layout)
		must(t, GetPart(f, PartLower, l))
		ld := fromCMatrix(l)
		llh := cdenseFn(n, n, func(i, j int) complex128 {
			var s complex128
			for k := 0; k < n; k++ {
				s += ld[i][k] * cmplx.Conj(ld[j][k])
			}
			return s
		})
		for i := range a {
			for j := range a[i] {
				if d := cmplx.Abs(llh[i][j] - a[i][j]); d > tol*cmaxAbs(a) {
					t.Fatalf("layout %d: |L L^H - A|[%d][%d] = %g", layout, i, j, d)
				}
			}
		}
		// det(A) = prod(L_ii)^2: real and positive.
		phase, logAbsDet, err := f.LogDetComplex()
		must(t, err)
		want := 0.0
		for i := 0; i < n; i++ {
			want += 2 * math.Log(cmplx.Abs(ld[i][i]))
		}
		if cmplx.Abs(phase-1) > 1e-12 || math.Abs(logAbsDet-want) > tol*math.Max(1, math.Abs(want)) {
			t.Errorf("layout %d: phase %v logAbsDet %g, want 1 and %g", layout, phase, logAbsDet, want)
		}
		if r, err := f.RCond(); err != nil || r <= 0 || r > 1 {
			t.Errorf("rcond %g, %v", r, err)
		}
	}
}

func TestComplexHermitianCholeskyReadsOneTriangle(t *testing.T) {
	testHermitianCholesky[complex64](t)
	testHermitianCholesky[complex128](t)
}

func testLUPhase[T complex64 | complex128](t *testing.T) {
	n := 8
	a := crand(rand.New(rand.NewSource(8)), n, n)
	tol := 30 * float64(n) * ceps[T]()
	for _, layout := range layouts {
		f := mustFactor(t, LU, toCMatrix[T](a, layout), nil)
		phase, logAbsDet, err := f.LogDetComplex()
		must(t, err)
		// det(A) = det(P) prod(U_ii): each interchange flips the sign.
		lu := NewMatrix[T](n, n, layout)
		must(t, GetPart(f, PartLUPacked, lu))
		piv, err := f.Indices(PartPivots)
		must(t, err)
		want, wantLog := complex128(1), 0.0
		for i := 0; i < n; i++ {
			if piv[i] != int64(i+1) {
				want = -want
			}
			u := complex128(lu.At(i, i))
			want *= u / complex(cmplx.Abs(u), 0)
			wantLog += math.Log(cmplx.Abs(u))
		}
		if math.Abs(cmplx.Abs(phase)-1) > 1e-12 || cmplx.Abs(phase-want) > tol || math.Abs(logAbsDet-wantLog) > tol*math.Max(1, math.Abs(wantLog)) {
			t.Errorf("layout %d: (%v, %g), want (%v, %g)", layout, phase, logAbsDet, want, wantLog)
		}
		if _, _, err := f.LogDet(); !errors.Is(err, ErrUnsupported) {
			t.Errorf("LogDet of a complex factor: %v, want ErrUnsupported", err)
		}
	}
}

func TestComplexLUPhaseIsTheProductOfThePivots(t *testing.T) {
	testLUPhase[complex64](t)
	testLUPhase[complex128](t)
}

func testRealOutputs[T complex64 | complex128, R Float](t *testing.T) {
	n := 5
	a := chpd(rand.New(rand.NewSource(5)), n)
	tol := 30 * float64(n) * ceps[T]()
	eigh := mustFactor(t, EigH, toCMatrix[T](a, ColMajor), nil)
	w := NewMatrix[R](n, 1, ColMajor)
	must(t, GetPart(eigh, PartEigenvalues, w))
	v := NewMatrix[T](n, n, ColMajor)
	must(t, GetPart(eigh, PartEigenvectors, v))
	for j := 0; j < n; j++ {
		for i := 0; i < n; i++ {
			var av complex128
			for k := 0; k < n; k++ {
				av += a[i][k] * complex128(v.At(k, j))
			}
			if d := cmplx.Abs(av - complex128(v.At(i, j))*complex(float64(w.At(j, 0)), 0)); d > tol*float64(w.At(n-1, 0)) {
				t.Fatalf("|A v - w v| = %g", d)
			}
		}
	}
	if err := GetPart(eigh, PartEigenvalues, NewMatrix[T](n, 1, ColMajor)); !errors.Is(err, ErrDtypeMismatch) {
		t.Errorf("complex eigenvalues: %v, want ErrDtypeMismatch", err)
	}
	// Singular values: real, their squares summing to ||A||_F^2.
	svd := mustFactor(t, SVD, toCMatrix[T](a, RowMajor), nil)
	s := NewMatrix[R](n, 1, ColMajor)
	must(t, GetPart(svd, PartSingularValues, s))
	fro2, s2 := 0.0, 0.0
	for i := 0; i < n; i++ {
		s2 += float64(s.Data[i]) * float64(s.Data[i])
		for j := 0; j < n; j++ {
			fro2 += real(a[i][j] * cmplx.Conj(a[i][j]))
		}
	}
	if math.Abs(s2-fro2) > tol*fro2 {
		t.Errorf("sum s^2 = %g, ||A||_F^2 = %g", s2, fro2)
	}
	// Residual norms of a tall least-squares fit are real: a column of A is fitted exactly.
	m, k := 9, 3
	tall := crand(rand.New(rand.NewSource(6)), m, k)
	qr := mustFactor(t, QR, toCMatrix[T](tall, RowMajor), nil)
	noise := crand(rand.New(rand.NewSource(7)), m, 1)
	b := cdenseFn(m, 2, func(i, j int) complex128 {
		if j == 0 {
			return tall[i][0]
		}
		return noise[i][0]
	})
	norms := make([]R, 2)
	err := ResidualNorms(qr, toCMatrix[T](b, RowMajor), norms)
	must(t, err)
	x := NewMatrix[T](k, 2, RowMajor)
	must(t, Solve(qr, NoTrans, toCMatrix[T](b, RowMajor), x))
	r1 := 0.0
	for i := 0; i < m; i++ {
		var ax complex128
		for l := 0; l < k; l++ {
			ax += tall[i][l] * complex128(x.At(l, 1))
		}
		r1 += math.Pow(cmplx.Abs(b[i][1]-ax), 2)
	}
	r1 = math.Sqrt(r1)
	if float64(norms[0]) > 1e3*ceps[T]() || math.Abs(float64(norms[1])-r1) > 1e3*ceps[T]()*r1 {
		t.Errorf("residual norms %v, want [0 %g]", norms, r1)
	}
	// The other precision's real type is refused before the library writes into it.
	bm := toCMatrix[T](b, RowMajor)
	if _, ok := any(R(0)).(float64); ok {
		err = ResidualNorms(qr, bm, make([]float32, 2))
	} else {
		err = ResidualNorms(qr, bm, make([]float64, 2))
	}
	if !errors.Is(err, ErrDtypeMismatch) {
		t.Errorf("norms of the other precision: %v, want ErrDtypeMismatch", err)
	}
}

func TestComplexEigenvaluesSingularValuesAndResidualNormsAreReal(t *testing.T) {
	testRealOutputs[complex64, float32](t)
	testRealOutputs[complex128, float64](t)
}

func TestComplexInverseAndShiftedSolves(t *testing.T) {
	n := 5
	rng := rand.New(rand.NewSource(16))
	a := cgeneral(rng, n)
	lu := mustFactor(t, LU, toCMatrix[complex128](a, RowMajor), nil)
	inv := NewMatrix[complex128](n, n, ColMajor)
	must(t, Inverse(lu, inv))
	eye := cdenseFn(n, n, delta)
	if r := cresidual(a, fromCMatrix(inv), eye, 0x1p-52); r > 30 {
		t.Errorf("A A^-1 - I: scaled residual %g", r)
	}
	// (H + s I) X_s = B for two real shifts, from one Hermitian EigH factor.
	h := chpd(rng, n)
	eigh := mustFactor(t, EigH, toCMatrix[complex128](h, ColMajor), nil)
	b := crand(rng, n, 2)
	shifts := []float64{0.5, 2}
	x := NewMatrix[complex128](n, 2, ColMajor)
	x.Data = make([]complex128, 2*n*2)
	must(t, SolveShifted(eigh, shifts, toCMatrix[complex128](b, ColMajor), x, n*2))
	for l, s := range shifts {
		xl := Matrix[complex128]{Data: x.Data[l*n*2:], Rows: n, Cols: 2, Layout: ColMajor}
		hs := cdenseFn(n, n, func(i, j int) complex128 { return h[i][j] + complex(s, 0)*delta(i, j) })
		if r := cresidual(hs, fromCMatrix(xl), b, 0x1p-52); r > 30 {
			t.Errorf("shift %g: scaled residual %g", s, r)
		}
	}
}

func TestComplexApplyQWithTheAdjointUndoesQ(t *testing.T) {
	m := 6
	a := crand(rand.New(rand.NewSource(9)), m, 4)
	qr := mustFactor(t, QR, toCMatrix[complex128](a, ColMajor), nil)
	c0 := crand(rand.New(rand.NewSource(10)), m, 2)
	c := toCMatrix[complex128](c0, ColMajor)
	must(t, ApplyQ(qr, NoTrans, c))
	must(t, ApplyQ(qr, ConjTrans, c))
	for i := range c0 {
		for j := range c0[i] {
			if d := cmplx.Abs(c.At(i, j) - c0[i][j]); d > 30*float64(m)*0x1p-52 {
				t.Fatalf("Q^H Q C - C = %g at (%d, %d)", d, i, j)
			}
		}
	}
}

func TestComplexMismatchedDtypeIsRefused(t *testing.T) {
	n := 3
	f := mustFactor(t, LU, toCMatrix[complex64](cgeneral(rand.New(rand.NewSource(11)), n), RowMajor), nil)
	if f.DType() != Complex64 {
		t.Errorf("DType %d, want Complex64", f.DType())
	}
	err := Solve(f, NoTrans, NewMatrix[complex128](n, 1, RowMajor), NewMatrix[complex128](n, 1, RowMajor))
	var e *Error
	if !errors.As(err, &e) || e.Status != ErrDtypeMismatch {
		t.Fatalf("complex128 b into a complex64 factor: %v", err)
	}
	if err := Solve(f, NoTrans, NewMatrix[float32](n, 1, RowMajor), NewMatrix[float32](n, 1, RowMajor)); !errors.Is(err, ErrDtypeMismatch) {
		t.Errorf("float32 b into a complex64 factor: %v", err)
	}
}

// ctridiagonal is the n-by-n CSC matrix with diag on the diagonal, off below and conj(off)
// above it, and its dense copy.
func ctridiagonal(n int, diag, off complex128) (ptr, idx []int64, values []complex128, a cdense) {
	a = cdenseFn(n, n, func(i, j int) complex128 {
		switch {
		case i == j:
			return diag
		case i == j+1:
			return off
		case j == i+1:
			return cmplx.Conj(off)
		}
		return 0
	})
	ptr = []int64{0}
	for j := 0; j < n; j++ {
		for i := j - 1; i <= j+1; i++ {
			if i >= 0 && i < n {
				idx = append(idx, int64(i))
				values = append(values, a[i][j])
			}
		}
		ptr = append(ptr, int64(len(idx)))
	}
	return ptr, idx, values, a
}

func TestComplexSparseLUAndCholesky(t *testing.T) {
	n := 12
	b := crand(rand.New(rand.NewSource(12)), n, 1)
	bm := toCMatrix[complex128](b, ColMajor)
	// UMFPACK: a non-Hermitian complex matrix; solves with A, A^T and A^H.
	ptr, idx, values, a := ctridiagonal(n, 4+1i, -1+0.5i)
	s, err := NewSparse(CSC, n, n, ptr, idx, values)
	must(t, err)
	defer s.Close()
	lu, err := NewSparseFactor(SparseLU, s, nil)
	must(t, err)
	defer lu.Close()
	for _, trans := range transposes {
		x := NewMatrix[complex128](n, 1, ColMajor)
		must(t, Solve(lu, trans, bm, x))
		if r := cresidual(cop(a, trans), fromCMatrix(x), b, 0x1p-52); r > 30 {
			t.Errorf("sparse LU trans %d: scaled residual %g", trans, r)
		}
		y := NewMatrix[complex128](n, 1, ColMajor)
		must(t, SparseMultiply(s, trans, x, y))
		for i := 0; i < n; i++ {
			if d := cmplx.Abs(y.At(i, 0) - b[i][0]); d > 1e-12 {
				t.Fatalf("op(A) x - b = %g (trans %d)", d, trans)
			}
		}
	}
	if phase, _, err := lu.LogDetComplex(); err != nil || math.Abs(cmplx.Abs(phase)-1) > 1e-12 || math.Abs(imag(phase)) < 1e-3 {
		t.Errorf("sparse LU phase %v, %v", phase, err)
	}
	// CHOLMOD: Hermitian positive definite, A = L L^H; its determinant is real.
	ptr, idx, values, a = ctridiagonal(n, 4, -1+0.5i)
	h, err := NewSparse(CSC, n, n, ptr, idx, values)
	must(t, err)
	defer h.Close()
	chol, err := NewSparseFactor(SparseCholesky, h, nil)
	must(t, err)
	defer chol.Close()
	x := NewMatrix[complex128](n, 1, ColMajor)
	must(t, Solve(chol, NoTrans, bm, x))
	if r := cresidual(a, fromCMatrix(x), b, 0x1p-52); r > 30 {
		t.Errorf("sparse Cholesky: scaled residual %g", r)
	}
	if phase, _, err := chol.LogDetComplex(); err != nil || cmplx.Abs(phase-1) > 1e-12 {
		t.Errorf("sparse Cholesky phase %v, %v", phase, err)
	}
}
