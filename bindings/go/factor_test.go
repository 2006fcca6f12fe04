package fastlinalg

import (
	"math"
	"math/rand"
	"testing"
)

var denseKinds = []FactorKind{LU, Cholesky, LDLT, QR, COD, SVD, EigH, Auto}

func solveEveryKind[T Float](t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	const n, nrhs = 25, 4
	a := rounded[T](spdDense(rng, n))
	b := rounded[T](randDense(rng, n, nrhs))
	want := mul(inverse(a), b)
	tol := 100 * n * eps[T]()
	for _, kind := range denseKinds {
		for _, la := range layouts {
			for _, lx := range layouts {
				f := mustFactor(t, kind, toMatrix[T](a, n, la), nil)
				x := toMatrix[T](zeros(n, nrhs), nrhs, lx)
				// B in the other layout than X.
				must(t, Solve(f, NoTrans, toMatrix[T](b, nrhs, layouts[0]+layouts[1]-lx), x))
				expectClose(t, "solve", fromMatrix(x), want, tol)
			}
		}
	}
}

func TestSolveEveryDenseKind(t *testing.T) {
	solveEveryKind[float64](t)
	solveEveryKind[float32](t)
}

func leastSquares[T Float](t *testing.T) {
	rng := rand.New(rand.NewSource(2))
	const m, n, nrhs = 30, 8, 3
	a := rounded[T](randDense(rng, m, n))
	b := rounded[T](randDense(rng, m, nrhs))
	at := transpose(a)
	want := mul(inverse(mul(at, a)), mul(at, b)) // normal equations, fine for this A
	for _, kind := range []FactorKind{QR, COD, SVD, Auto} {
		f := mustFactor(t, kind, toMatrix[T](a, n, ColMajor), nil)
		x := NewMatrix[T](n, nrhs, RowMajor)
		must(t, Solve(f, NoTrans, toMatrix[T](b, nrhs, RowMajor), x))
		expectClose(t, "least squares", fromMatrix(x), want, 1e3*eps[T]())

		norms := make([]T, nrhs)
		must(t, ResidualNorms(f, toMatrix[T](b, nrhs, ColMajor), norms))
		r := mul(a, want)
		for j := 0; j < nrhs; j++ {
			s := 0.0
			for i := 0; i < m; i++ {
				s += (b[i][j] - r[i][j]) * (b[i][j] - r[i][j])
			}
			if d := math.Abs(float64(norms[j]) - math.Sqrt(s)); d > 1e3*eps[T]() {
				t.Errorf("kind %d: residual norm %d = %g, want %g", kind, j, norms[j], math.Sqrt(s))
			}
		}
	}
}

func TestLeastSquaresAndResidualNorms(t *testing.T) {
	leastSquares[float64](t)
	leastSquares[float32](t)
}

func TestSolveTransposed(t *testing.T) {
	rng := rand.New(rand.NewSource(3))
	const n = 12
	a := randDense(rng, n, n)
	for i := range a {
		a[i][i] += 4
	}
	b := randDense(rng, n, 2)
	f := mustFactor(t, LU, toMatrix[float64](a, n, RowMajor), nil)
	x := NewMatrix[float64](n, 2, ColMajor)
	must(t, Solve(f, Trans, toMatrix[float64](b, 2, RowMajor), x))
	expectClose(t, "A^T x = b", fromMatrix(x), mul(inverse(transpose(a)), b), 1e-12)
}

func TestSolveInPlaceEmptyAndOneByOne(t *testing.T) {
	a := Matrix[float64]{Data: []float64{4}, Rows: 1, Cols: 1}
	f := mustFactor(t, LU, a, nil)
	b := Matrix[float64]{Data: []float64{2, 6}, Rows: 1, Cols: 2}
	must(t, Solve(f, NoTrans, b, b))
	if b.Data[0] != 0.5 || b.Data[1] != 1.5 {
		t.Errorf("1x1 in-place solve gave %v", b.Data)
	}
	e := mustFactor(t, Cholesky, Matrix[float32]{}, nil)
	must(t, Solve(e, NoTrans, Matrix[float32]{Cols: 3}, Matrix[float32]{Cols: 3}))
	sign, logdet, err := e.LogDet()
	if err != nil || sign != 1 || logdet != 0 {
		t.Errorf("0x0 logdet = %g, %g, %v; want 1, 0", sign, logdet, err)
	}
}

func TestAutoPicksCholeskyForSPD(t *testing.T) {
	a := spdDense(rand.New(rand.NewSource(4)), 6)
	f := mustFactor(t, Auto, toMatrix[float64](a, 6, RowMajor), nil)
	if f.Kind() != Cholesky || f.DType() != Float64 || f.Rows() != 6 || f.Cols() != 6 {
		t.Errorf("Auto: kind %d dtype %d shape %dx%d", f.Kind(), f.DType(), f.Rows(), f.Cols())
	}
}

func TestLogDetRCondInverse(t *testing.T) {
	// det [[0, 2], [3, 1]] = -6.
	a := Matrix[float64]{Data: []float64{0, 2, 3, 1}, Rows: 2, Cols: 2}
	f := mustFactor(t, LU, a, nil)
	sign, logdet, err := f.LogDet()
	must(t, err)
	if sign != -1 || math.Abs(logdet-math.Log(6)) > 1e-14 {
		t.Errorf("logdet: %g, %g; want -1, log 6", sign, logdet)
	}
	inv := NewMatrix[float64](2, 2, ColMajor)
	must(t, Inverse(f, inv))
	expectClose(t, "inverse", fromMatrix(inv), dense{{-1.0 / 6, 2.0 / 6}, {3.0 / 6, 0}}, 1e-15)

	d := Matrix[float64]{Data: []float64{1, 0, 0, 1e-3}, Rows: 2, Cols: 2}
	s := mustFactor(t, SVD, d, nil)
	if r, err := s.RCond(); err != nil || math.Abs(r-1e-3) > 1e-15 {
		t.Errorf("SVD rcond = %g, %v; want 1e-3", r, err)
	}
	if r, err := f.RCond(); err != nil || !(r > 0 && r <= 1) {
		t.Errorf("LU rcond = %g, %v", r, err)
	}
}

func TestRankInertiaParts(t *testing.T) {
	// Rank 2: the third row is the sum of the first two.
	a := Matrix[float64]{Data: []float64{1, 2, 3, 4, 5, 6, 5, 7, 9}, Rows: 3, Cols: 3}
	for _, kind := range []FactorKind{COD, SVD} {
		if r, err := mustFactor(t, kind, a, nil).Rank(); err != nil || r != 2 {
			t.Errorf("kind %d: rank %d, %v; want 2", kind, r, err)
		}
	}
	if _, err := mustFactor(t, LU, Matrix[float64]{Data: []float64{2}, Rows: 1, Cols: 1}, nil).Rank(); !errorsIs(err, ErrUnsupported) {
		t.Errorf("LU rank: %v, want ErrUnsupported", err)
	}

	diag := Matrix[float64]{Data: []float64{3, 0, 0, 0, 0, -2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1}, Rows: 4, Cols: 4}
	e := mustFactor(t, EigH, diag, nil)
	p, n, z, err := e.Inertia()
	if err != nil || p != 2 || n != 1 || z != 1 {
		t.Errorf("inertia (%d, %d, %d), %v; want (2, 1, 1)", p, n, z, err)
	}
	w := make([]float64, 4)
	must(t, GetPart(e, PartEigenvalues, Matrix[float64]{Data: w, Rows: 4, Cols: 1}))
	expectClose(t, "eigenvalues", column(w), column([]float64{-2, 0, 1, 3}), 1e-15)

	sv := Matrix[float32]{Data: make([]float32, 4), Rows: 4, Cols: 1}
	must(t, GetPart(mustFactor(t, SVD, toMatrix[float32](fromMatrix(diag), 4, ColMajor), nil), PartSingularValues, sv))
	expectClose(t, "singular values", vecToDense(sv.Data), column([]float64{3, 2, 1, 0}), 1e-6)

	// QR: Q R = A.
	rng := rand.New(rand.NewSource(5))
	ad := randDense(rng, 7, 4)
	q := mustFactor(t, QR, toMatrix[float64](ad, 4, RowMajor), nil)
	rows, cols, err := q.PartShape(PartQ)
	if err != nil || rows != 7 || cols != 4 {
		t.Fatalf("Q shape %dx%d, %v", rows, cols, err)
	}
	qm, rm := NewMatrix[float64](7, 4, ColMajor), NewMatrix[float64](4, 4, RowMajor)
	must(t, GetPart(q, PartQ, qm))
	must(t, GetPart(q, PartR, rm))
	expectClose(t, "Q R", mul(fromMatrix(qm), fromMatrix(rm)), ad, 1e-14)
	if _, _, err := q.PartShape(PartU); !errorsIs(err, ErrUnsupported) {
		t.Errorf("QR has no U, got %v", err)
	}

	// apply_q: Q times the first 4 columns of I is the thin Q; Q^T undoes Q.
	c := toMatrix[float64](identity(7)[:7], 7, RowMajor)
	must(t, ApplyQ(q, NoTrans, c))
	full := fromMatrix(c)
	thin := zeros(7, 4)
	for i := range thin {
		copy(thin[i], full[i][:4])
	}
	expectClose(t, "Q I", thin, fromMatrix(qm), 1e-14)
	must(t, ApplyQ(q, Trans, c))
	expectClose(t, "Q^T Q", fromMatrix(c), identity(7), 1e-14)
}

func identity(n int) dense {
	d := zeros(n, n)
	for i := range d {
		d[i][i] = 1
	}
	return d
}

func TestSolveShifted(t *testing.T) {
	rng := rand.New(rand.NewSource(6))
	const n, nrhs = 10, 3
	a := spdDense(rng, n)
	b := randDense(rng, n, nrhs)
	shifts := []float64{0, 0.5, 3}
	f := mustFactor(t, EigH, toMatrix[float64](a, n, RowMajor), nil)
	stride := n*nrhs + 5
	x := Matrix[float64]{Data: make([]float64, stride*len(shifts)), Rows: n, Cols: nrhs, Layout: ColMajor}
	must(t, SolveShifted(f, shifts, toMatrix[float64](b, nrhs, RowMajor), x, stride))
	for l, s := range shifts {
		as := zeros(n, n)
		for i := range as {
			copy(as[i], a[i])
			as[i][i] += s
		}
		xl := x
		xl.Data = x.Data[l*stride:]
		expectClose(t, "shifted solve", fromMatrix(xl), mul(inverse(as), b), 1e-12)
	}
	if err := SolveShifted(f, shifts, toMatrix[float64](b, nrhs, RowMajor), x, stride+10); !errorsIs(err, ErrInvalidArgument) {
		t.Errorf("too short x: %v", err)
	}
}

// A v = w B v: the eigenvalues of B^-1 A, the generalized ridge path (A + s B)^-1 c, and a b
// of another layout refused.
func TestGeneralizedEigH(t *testing.T) {
	rng := rand.New(rand.NewSource(7))
	const n = 8
	a := randDense(rng, n, n)
	a = mul(a, transpose(a))
	b := spdDense(rng, n)
	f, err := NewGeneralizedEigH(1, toMatrix[float64](a, n, ColMajor), toMatrix[float64](b, n, ColMajor), nil)
	must(t, err)
	defer f.Close()
	if f.Kind() != EigH {
		t.Errorf("kind %v", f.Kind())
	}
	w := Matrix[float64]{Data: make([]float64, n), Rows: n, Cols: 1, Layout: ColMajor}
	v := Matrix[float64]{Data: make([]float64, n*n), Rows: n, Cols: n, Layout: ColMajor}
	must(t, GetPart(f, PartEigenvalues, w))
	must(t, GetPart(f, PartEigenvectors, v))
	vd := fromMatrix(v)
	vw := zeros(n, n)
	for i := range vw {
		for j := range vw[i] {
			vw[i][j] = vd[i][j] * w.Data[j]
		}
	}
	expectClose(t, "A V = B V diag(w)", mul(a, vd), mul(b, vw), 1e-12)
	c := randDense(rng, n, 2)
	x := Matrix[float64]{Data: make([]float64, 2*n*2), Rows: n, Cols: 2, Layout: RowMajor}
	shifts := []float64{0.5, 4}
	must(t, SolveShifted(f, shifts, toMatrix[float64](c, 2, RowMajor), x, n*2))
	for l, s := range shifts {
		as := zeros(n, n)
		for i := range as {
			for j := range as[i] {
				as[i][j] = a[i][j] + s*b[i][j]
			}
		}
		xl := x
		xl.Data = x.Data[l*n*2:]
		expectClose(t, "(A + s B) x = c", fromMatrix(xl), mul(inverse(as), c), 1e-12)
	}
	_, err = NewGeneralizedEigH(1, toMatrix[float64](a, n, ColMajor), toMatrix[float64](b, n, RowMajor), nil)
	if !errorsIs(err, ErrInvalidArgument) {
		t.Errorf("mixed layouts: %v", err)
	}
}

func TestRankUpdate(t *testing.T) {
	rng := rand.New(rand.NewSource(7))
	const n, k = 9, 2
	a := spdDense(rng, n)
	v := randDense(rng, n, k)
	f := mustFactor(t, Cholesky, toMatrix[float64](a, n, ColMajor), nil)
	up, err := RankUpdate(f, +1, toMatrix[float64](v, k, RowMajor))
	must(t, err)
	defer up.Close()
	avv := mul(v, transpose(v))
	for i := range avv {
		for j := range avv[i] {
			avv[i][j] += a[i][j]
		}
	}
	inv := NewMatrix[float64](n, n, RowMajor)
	must(t, Inverse(up, inv))
	expectClose(t, "(A + V V^T)^-1", fromMatrix(inv), inverse(avv), 1e-12)
	down, err := RankUpdate(up, -1, toMatrix[float64](v, k, RowMajor))
	must(t, err)
	defer down.Close()
	must(t, Inverse(down, inv))
	expectClose(t, "downdate", fromMatrix(inv), inverse(a), 1e-12)
}
