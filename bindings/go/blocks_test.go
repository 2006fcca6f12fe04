package fastlinalg

import (
	"math/rand"
	"testing"
)

// block is rows i*n .. (i+1)*n - 1 of a.
func block(a dense, n, i int) dense { return a[i*n : (i+1)*n] }

func add(acc, x dense) {
	for i := range acc {
		for j := range acc[i] {
			acc[i][j] += x[i][j]
		}
	}
}

func sub(a, b dense) dense {
	out := zeros(len(a), len(a[0]))
	for i := range out {
		for j := range out[i] {
			out[i][j] = a[i][j] - b[i][j]
		}
	}
	return out
}

func kron(x, y dense) dense {
	out := zeros(len(x)*len(y), len(x[0])*len(y[0]))
	for i := range x {
		for j := range x[i] {
			for p := range y {
				for q := range y[p] {
					out[i*len(y)+p][j*len(y[0])+q] = x[i][j] * y[p][q]
				}
			}
		}
	}
	return out
}

func blockSums[T Float](t *testing.T, la, lb Layout) {
	rng := rand.New(rand.NewSource(12))
	const l, n1, n2, k1, k2 = 3, 2, 3, 4, 2
	a := rounded[T](randDense(rng, l*n1, k1))
	b := rounded[T](randDense(rng, l*n2, k1))
	c := rounded[T](randDense(rng, k1, k2))
	b2 := rounded[T](randDense(rng, l*n2, k2))
	tol := 100 * eps[T]()
	m := func(d dense, layout Layout) Matrix[T] { return toMatrix[T](d, len(d[0]), layout) }

	want := zeros(n1, n2)
	for i := 0; i < l; i++ {
		add(want, mul(block(a, n1, i), transpose(block(b, n2, i))))
	}
	out := NewMatrix[T](n1, n2, lb)
	must(t, BlockSumABt(n1, n2, m(a, la), m(b, lb), out))
	expectClose(t, "sum A_i B_i^T", fromMatrix(out), want, tol)

	want = zeros(n1, n2)
	for i := 0; i < l; i++ {
		add(want, mul(block(a, n1, i), mul(c, transpose(block(b2, n2, i)))))
	}
	must(t, BlockSumACBt(n1, n2, m(a, la), m(c, lb), m(b2, la), out))
	expectClose(t, "sum A_i C B_i^T", fromMatrix(out), want, tol)

	// Residual: A (l n1 x k1), B (l n1 x k2), C k2 x k1.
	bb := rounded[T](randDense(rng, l*n1, k2))
	cc := rounded[T](randDense(rng, k2, k1))
	want = zeros(n1, n1)
	for i := 0; i < l; i++ {
		r := sub(block(a, n1, i), mul(block(bb, n1, i), cc))
		add(want, mul(r, transpose(r)))
	}
	res := NewMatrix[T](n1, n1, la)
	must(t, BlockSumResidual(n1, m(a, la), m(bb, lb), m(cc, la), res))
	expectClose(t, "sum of residual products", fromMatrix(res), want, tol)

	want = zeros(n1*n2, k1*k2)
	for i := 0; i < l; i++ {
		add(want, kron(block(a, n1, i), block(b2, n2, i)))
	}
	kr := NewMatrix[T](n1*n2, k1*k2, lb)
	must(t, BlockSumKron(n1, n2, m(a, la), m(b2, lb), kr))
	expectClose(t, "sum A_i (x) B_i", fromMatrix(kr), want, tol)

	// Lemma 5: A, C in blocks of n1 rows (l1 = 3), B, D in blocks of n2 rows (l2 = 2).
	const l2 = 2
	a5, c5 := rounded[T](randDense(rng, l*n1, k1)), rounded[T](randDense(rng, l*n1, k2))
	b5, d5 := rounded[T](randDense(rng, l2*n2, k1)), rounded[T](randDense(rng, l2*n2, k2))
	want = zeros(n1*n1, n2*n2)
	for i := 0; i < l; i++ {
		for j := 0; j < l2; j++ {
			add(want, kron(mul(block(a5, n1, i), transpose(block(b5, n2, j))), mul(block(c5, n1, i), transpose(block(d5, n2, j)))))
		}
	}
	k5 := NewMatrix[T](n1*n1, n2*n2, la)
	must(t, BlockSumKronABtCDt(n1, n2, m(a5, la), m(b5, lb), m(c5, lb), m(d5, la), k5))
	expectClose(t, "Lemma 5", fromMatrix(k5), want, tol)

	// Lemma 6: A (l n1 x l2 n2) in n1-by-n2 blocks, B (l n1 x k1), C (l2 n2 x k1).
	a6 := rounded[T](randDense(rng, l*n1, l2*n2))
	b6, c6 := rounded[T](randDense(rng, l*n1, k1)), rounded[T](randDense(rng, l2*n2, k1))
	want = zeros(n1*n1, n2*n2)
	for i := 0; i < l; i++ {
		for j := 0; j < l2; j++ {
			aij := zeros(n1, n2)
			for r := range aij {
				copy(aij[r], a6[i*n1+r][j*n2:(j+1)*n2])
			}
			add(want, kron(aij, mul(block(b6, n1, i), transpose(block(c6, n2, j)))))
		}
	}
	k6 := NewMatrix[T](n1*n1, n2*n2, lb)
	must(t, BlockSumKronGrid(n1, n2, m(a6, la), m(b6, lb), m(c6, la), k6))
	expectClose(t, "Lemma 6", fromMatrix(k6), want, tol)

	expectError(t, BlockSumABt(4, n2, m(a, la), m(b, lb), NewMatrix[T](4, n2, lb)), ErrInvalidArgument, "n1 = 4")
	expectError(t, BlockSumABt(n1, n2, m(a, la), m(c, lb), out), ErrDimensionMismatch)
}

func TestBlockSums(t *testing.T) {
	for _, la := range layouts {
		for _, lb := range layouts {
			blockSums[float64](t, la, lb)
			blockSums[float32](t, la, lb)
		}
	}
}

// vec stacks the columns of d.
func vec(d dense) []float64 {
	var v []float64
	for j := range d[0] {
		for i := range d {
			v = append(v, d[i][j])
		}
	}
	return v
}

func TestMatrixCalculus(t *testing.T) {
	rng := rand.New(rand.NewSource(13))
	x := Matrix[float64]{Data: []float64{1, 2, 3, 4}, Rows: 2, Cols: 2}
	vh := make([]float64, 3)
	must(t, Vech(x, vh))
	expectClose(t, "vech", column(vh), column([]float64{1, 3, 4}), 0)

	// vecb of a 4x6 matrix in 2x3 blocks: row i*2 + j is vec(X_ij)^T.
	xd := randDense(rng, 4, 6)
	vb := NewMatrix[float64](4, 6, ColMajor)
	must(t, Vecb(2, 3, toMatrix[float64](xd, 6, RowMajor), vb))
	want := zeros(4, 6)
	for i := 0; i < 2; i++ {
		for j := 0; j < 2; j++ {
			bij := zeros(2, 3)
			for r := range bij {
				copy(bij[r], xd[i*2+r][j*3:(j+1)*3])
			}
			copy(want[i*2+j], vec(bij))
		}
	}
	expectClose(t, "vecb", fromMatrix(vb), want, 0)
	expectError(t, Vecb(3, 3, toMatrix[float64](xd, 6, RowMajor), vb), ErrInvalidArgument, "n1 = 3")

	// K(m,n) vec(A) = vec(A^T), applied and as a matrix.
	const m, n = 3, 4
	ad := randDense(rng, m, n)
	kx := NewMatrix[float64](m*n, 1, RowMajor)
	must(t, CommutationApply(m, n, toMatrix[float64](column(vec(ad)), 1, ColMajor), kx))
	expectClose(t, "K vec(A)", fromMatrix(kx), column(vec(transpose(ad))), 0)
	km := NewMatrix[float32](m*n, m*n, ColMajor)
	must(t, CommutationMatrix(m, n, km))
	expectClose(t, "K matrix", mul(fromMatrix(km), column(vec(ad))), column(vec(transpose(ad))), 1e-6)

	// D vech(S) = vec(S) and D^+ vec(S) = vech(S) for a symmetric S.
	s := spdDense(rng, 3)
	vs := make([]float64, 6)
	must(t, Vech(toMatrix[float64](s, 3, ColMajor), vs))
	dv := NewMatrix[float64](9, 1, RowMajor)
	must(t, DuplicationApply(3, false, NoTrans, toMatrix[float64](column(vs), 1, RowMajor), dv))
	expectClose(t, "D vech(S)", fromMatrix(dv), column(vec(s)), 1e-15)
	dp := NewMatrix[float64](6, 1, RowMajor)
	must(t, DuplicationApply(3, true, NoTrans, dv, dp))
	expectClose(t, "D^+ vec(S)", fromMatrix(dp), column(vs), 1e-15)
	dm := NewMatrix[float64](9, 6, RowMajor)
	must(t, DuplicationMatrix(3, false, dm))
	expectClose(t, "D matrix", mul(fromMatrix(dm), column(vs)), column(vec(s)), 1e-15)
	dt := NewMatrix[float64](6, 1, RowMajor)
	must(t, DuplicationApply(3, false, Trans, dv, dt))
	expectClose(t, "D^T vec(S)", fromMatrix(dt), mul(transpose(fromMatrix(dm)), column(vec(s))), 1e-15)
	expectError(t, CommutationMatrix(-1, 2, km), ErrInvalidArgument, "m = -1")
}
