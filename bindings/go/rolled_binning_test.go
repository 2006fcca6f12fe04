package fastlinalg

import (
	"math"
	"math/rand"
	"reflect"
	"testing"
)

func rolled[T Float](t *testing.T, layout Layout) {
	rng := rand.New(rand.NewSource(11))
	const d, k, m, n, l = 4, 3, 2, 5, 3
	a, b := make([]T, d*m*n), make([]T, d*n*l)
	for i := range a {
		a[i] = T(rng.Float64())
	}
	for i := range b {
		b[i] = T(rng.Float64())
	}
	out := make([]T, d*k*m*l)
	must(t, RolledMatmul(layout, d, k, m, n, l, a, b, out))
	// One m-by-n matrix of a stack: element (r, c) of matrix q.
	at := func(s []T, q, rows, cols, r, c int) float64 {
		base := q * rows * cols
		if layout == ColMajor {
			return float64(s[base+r+c*rows])
		}
		return float64(s[base+r*cols+c])
	}
	worst := 0.0
	for i := 0; i < d; i++ {
		for j := 0; j < k; j++ {
			for r := 0; r < m; r++ {
				for c := 0; c < l; c++ {
					want := 0.0
					for p := 0; p < n; p++ {
						want += at(a, i, m, n, r, p) * at(b, (i+j)%d, n, l, p, c)
					}
					worst = math.Max(worst, math.Abs(at(out, i*k+j, m, l, r, c)-want))
				}
			}
		}
	}
	if worst > 10*n*eps[T]() {
		t.Errorf("rolled matmul off by %g", worst)
	}
	expectError(t, RolledMatmul(layout, d, k, m, n, l, a, b, out[1:]), ErrDimensionMismatch, "len(out)")
	expectError(t, RolledMatmul(layout, d, d+1, m, n, l, a, b, make([]T, d*(d+1)*m*l)), ErrInvalidArgument)
}

func TestRolledMatmul(t *testing.T) {
	for _, layout := range layouts {
		rolled[float64](t, layout)
		rolled[float32](t, layout)
	}
}

func TestBinning(t *testing.T) {
	bins := make([]int64, 6)
	x := []float64{-1, 0, 0.5, 1, 2, 3}
	edges := []float64{0, 1, 2}
	must(t, Digitize(x, edges, false, bins))
	if want := []int64{0, 1, 1, 2, 3, 3}; !reflect.DeepEqual(bins, want) {
		t.Errorf("digitize left %v, want %v", bins, want)
	}
	must(t, Digitize(x, edges, true, bins))
	if want := []int64{0, 0, 1, 1, 2, 3}; !reflect.DeepEqual(bins, want) {
		t.Errorf("digitize right %v, want %v", bins, want)
	}
	expectError(t, Digitize([]float32{1, float32(math.NaN())}, []float32{0, 1}, false, bins[:2]), ErrNonFinite)
	expectError(t, Digitize(x, []float64{0, 2, 1}, false, bins), ErrInvalidArgument)

	labels := []int64{2, 0, 2, 3, 2, 0}
	counts := make([]int64, 4)
	must(t, Bincount(labels, counts))
	if want := []int64{2, 0, 3, 1}; !reflect.DeepEqual(counts, want) {
		t.Errorf("bincount %v, want %v", counts, want)
	}
	sums := make([]float32, 4)
	must(t, BincountWeighted(labels, []float32{1, 2, 3, 4, 5, 6}, sums))
	if want := []float32{8, 0, 9, 4}; !reflect.DeepEqual(sums, want) {
		t.Errorf("weighted bincount %v, want %v", sums, want)
	}
	offsets, perm := make([]int64, 5), make([]int64, 6)
	must(t, GroupByBin(labels, offsets, perm))
	if !reflect.DeepEqual(offsets, []int64{0, 2, 2, 5, 6}) || !reflect.DeepEqual(perm, []int64{1, 5, 0, 2, 4, 3}) {
		t.Errorf("group by bin: offsets %v perm %v", offsets, perm)
	}
	expectError(t, Bincount([]int64{0, 7}, counts), ErrInvalidArgument, "7")
}
