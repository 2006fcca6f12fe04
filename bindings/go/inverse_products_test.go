package fastlinalg

import (
	"math"
	"math/rand"
	"testing"
)

func inverseProducts[T Float](t *testing.T, kind FactorKind) {
	rng := rand.New(rand.NewSource(8))
	const n, k, p = 8, 3, 2
	a := rounded[T](spdDense(rng, n))
	y := rounded[T](randDense(rng, n, k))
	w := rounded[T](randDense(rng, n, p))
	sq := rounded[T](randDense(rng, n, n))
	inv := inverse(a)
	tol := 1e3 * eps[T]()
	f := mustFactor(t, kind, toMatrix[T](a, n, RowMajor), nil)

	out := NewMatrix[T](k, k, ColMajor)
	must(t, QuadraticForm(f, toMatrix[T](y, k, RowMajor), out))
	expectClose(t, "Y^T A^-1 Y", fromMatrix(out), mul(transpose(y), mul(inv, y)), tol)

	bil := NewMatrix[T](k, p, RowMajor)
	must(t, BilinearForm(f, toMatrix[T](y, k, ColMajor), toMatrix[T](w, p, RowMajor), bil))
	expectClose(t, "Y^T A^-1 W", fromMatrix(bil), mul(transpose(y), mul(inv, w)), tol)

	sw := NewMatrix[T](n, n, RowMajor)
	must(t, Sandwich(f, toMatrix[T](sq, n, ColMajor), sw))
	expectClose(t, "A^-1 Y A^-1", fromMatrix(sw), mul(inv, mul(sq, inv)), tol)

	tr, err := TraceSolve(f, toMatrix[T](sq, n, RowMajor))
	must(t, err)
	want := 0.0
	prod := mul(inv, sq)
	for i := 0; i < n; i++ {
		want += prod[i][i]
	}
	if math.Abs(tr-want) > tol*math.Max(1, math.Abs(want)) {
		t.Errorf("trace(A^-1 Y) = %g, want %g", tr, want)
	}

	diag := make([]T, n)
	must(t, InverseDiagonal(f, diag))
	wantDiag := make([]float64, n)
	for i := range wantDiag {
		wantDiag[i] = inv[i][i]
	}
	expectClose(t, "diag(A^-1)", vecToDense(diag), column(wantDiag), tol)

	maha := make([]T, k)
	must(t, Mahalanobis(f, toMatrix[T](y, k, ColMajor), maha))
	q := mul(transpose(y), mul(inv, y))
	wantMaha := make([]float64, k)
	for j := range wantMaha {
		wantMaha[j] = q[j][j]
	}
	expectClose(t, "Mahalanobis", vecToDense(maha), column(wantMaha), tol)

	expectError(t, Mahalanobis(f, toMatrix[T](y, k, ColMajor), maha[:1]), ErrDimensionMismatch, "len(out) = 1")
}

func TestProductsWithInverse(t *testing.T) {
	for _, kind := range []FactorKind{Cholesky, LU, LDLT, EigH} {
		inverseProducts[float64](t, kind)
		inverseProducts[float32](t, kind)
	}
}
