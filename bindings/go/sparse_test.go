package fastlinalg

import (
	"math/rand"
	"testing"
)

// tridiagonal is the n-by-n matrix with 4 on the diagonal and -1 beside it, as dense and
// as CSC arrays.
func tridiagonal(n int) (dense, []int32, []int32, []float64) {
	d := zeros(n, n)
	ptr := []int32{0}
	var idx []int32
	var vals []float64
	for j := 0; j < n; j++ {
		for i := j - 1; i <= j+1; i++ {
			if i < 0 || i >= n {
				continue
			}
			v := -1.0
			if i == j {
				v = 4
			}
			d[i][j] = v
			idx = append(idx, int32(i))
			vals = append(vals, v)
		}
		ptr = append(ptr, int32(len(idx)))
	}
	return d, ptr, idx, vals
}

func TestSparseFactorsAndProducts(t *testing.T) {
	rng := rand.New(rand.NewSource(14))
	const n, nrhs = 12, 3
	a, ptr, idx, vals := tridiagonal(n)
	s, err := NewSparse(CSC, n, n, ptr, idx, vals)
	must(t, err)
	defer s.Close()
	rows, cols, nnz, err := s.Shape()
	if err != nil || rows != n || cols != n || nnz != 3*n-2 {
		t.Errorf("shape %dx%d nnz %d, %v", rows, cols, nnz, err)
	}

	x := randDense(rng, n, nrhs)
	y := NewMatrix[float64](n, nrhs, ColMajor)
	must(t, SparseMultiply(s, NoTrans, toMatrix[float64](x, nrhs, RowMajor), y))
	expectClose(t, "A X", fromMatrix(y), mul(a, x), 1e-15)

	b := randDense(rng, n, nrhs)
	want := mul(inverse(a), b)
	for _, kind := range []FactorKind{SparseCholesky, SparseLU, SparseQR} {
		f, err := NewSparseFactor(kind, s, nil)
		must(t, err)
		sol := NewMatrix[float64](n, nrhs, RowMajor)
		must(t, Solve(f, NoTrans, toMatrix[float64](b, nrhs, ColMajor), sol))
		expectClose(t, "sparse solve", fromMatrix(sol), want, 1e-13)
		if kind != SparseQR {
			// New values, same pattern: 2 A, whose solution is half.
			doubled := make([]float64, len(vals))
			for i, v := range vals {
				doubled[i] = 2 * v
			}
			s2, err := NewSparse(CSC, n, n, ptr, idx, vals)
			must(t, err)
			must(t, SetSparseValues(s2, doubled))
			g, err := f.Refactor(s2)
			must(t, err)
			must(t, Solve(g, NoTrans, toMatrix[float64](b, nrhs, ColMajor), sol))
			half := mul(inverse(a), b)
			for i := range half {
				for j := range half[i] {
					half[i][j] /= 2
				}
			}
			expectClose(t, "refactored solve", fromMatrix(sol), half, 1e-13)
			g.Close()
			s2.Close()
		}
		f.Close()
	}

	// A + v v^T for the sparse v = e_0 + e_2, without refactoring.
	v, err := NewSparse(CSC, n, 1, []int64{0, 2}, []int64{0, 2}, []float64{1, 1})
	must(t, err)
	defer v.Close()
	f, err := NewSparseFactor(SparseCholesky, s, nil)
	must(t, err)
	defer f.Close()
	up, err := f.RankUpdateSparse(+1, v)
	must(t, err)
	defer up.Close()
	avv := zeros(n, n)
	add(avv, a)
	for _, i := range []int{0, 2} {
		for _, j := range []int{0, 2} {
			avv[i][j]++
		}
	}
	inv := NewMatrix[float64](n, n, RowMajor)
	must(t, Inverse(up, inv))
	expectClose(t, "(A + v v^T)^-1", fromMatrix(inv), inverse(avv), 1e-13)
}

func TestSparseRectangularAndErrors(t *testing.T) {
	// CSR 2x3 with int64 indices and a duplicate entry (0, 1) that is summed.
	ptr, idx := []int64{0, 3, 4}, []int64{1, 1, 2, 0}
	s, err := NewSparse(CSR, 2, 3, ptr, idx, []float32{1, 2, 3, 4})
	must(t, err)
	defer s.Close()
	if _, _, nnz, err := s.Shape(); err != nil || nnz != 3 {
		t.Errorf("nnz %d, %v; want 3 after summing the duplicate", nnz, err)
	}
	dense3 := dense{{0, 3, 3}, {4, 0, 0}}
	x := Matrix[float32]{Data: []float32{1, 2}, Rows: 2, Cols: 1}
	y := NewMatrix[float32](3, 1, RowMajor)
	must(t, SparseMultiply(s, Trans, x, y))
	expectClose(t, "A^T x", fromMatrix(y), mul(transpose(dense3), fromMatrix(x)), 1e-7)
	expectError(t, SparseMultiply(s, NoTrans, x, y), ErrDimensionMismatch, "x is 2x1, expected 3x1")

	expectError(t, SetSparseValues(s, []float64{1, 2}), ErrDimensionMismatch, "len(values) = 2, expected 4")
	must(t, SetSparseValues(s, []float64{1, 1, 1, 1}))

	_, err = NewSparse(CSC, 2, 2, []int32{0, 1, 2}, []int32{0, 5}, []float64{1, 1})
	expectError(t, err, ErrInvalidArgument, "5")
	_, err = NewSparse(CSC, 2, 2, []int32{0, 1}, []int32{0}, []float64{1})
	expectError(t, err, ErrDimensionMismatch, "len(ptr) = 2, expected 3")
	_, err = NewSparseFactor(SparseLU, s, nil)
	expectError(t, err, ErrInvalidArgument)
	_, err = NewSparseFactor(LU, s, nil)
	expectError(t, err, ErrInvalidArgument)
}
