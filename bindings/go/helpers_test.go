package fastlinalg

import (
	"math"
	"math/rand"
	"testing"
)

// Reference computations for the tests: plain float64 loops, independent of the library.

func eps[T Float]() float64 {
	var z T
	if _, ok := any(z).(float32); ok {
		return 0x1p-23
	}
	return 0x1p-52
}

var layouts = []Layout{RowMajor, ColMajor}

// dense is a row-major float64 reference matrix.
type dense [][]float64

func zeros(r, c int) dense {
	d := make(dense, r)
	for i := range d {
		d[i] = make([]float64, c)
	}
	return d
}

func randDense(rng *rand.Rand, r, c int) dense {
	d := zeros(r, c)
	for i := range d {
		for j := range d[i] {
			d[i][j] = rng.Float64()*2 - 1
		}
	}
	return d
}

// spdDense is G G^T + n I: symmetric positive definite and well conditioned.
func spdDense(rng *rand.Rand, n int) dense {
	g := randDense(rng, n, n)
	a := mul(g, transpose(g))
	for i := range a {
		a[i][i] += float64(n)
	}
	return a
}

func mul(a, b dense) dense {
	if len(a) == 0 {
		return zeros(0, 0)
	}
	out := zeros(len(a), len(b[0]))
	for i := range a {
		for j := range out[i] {
			s := 0.0
			for p := range b {
				s += a[i][p] * b[p][j]
			}
			out[i][j] = s
		}
	}
	return out
}

func transpose(a dense) dense {
	if len(a) == 0 {
		return zeros(0, 0)
	}
	t := zeros(len(a[0]), len(a))
	for i := range a {
		for j := range a[i] {
			t[j][i] = a[i][j]
		}
	}
	return t
}

// inverse is Gauss-Jordan with partial pivoting, for well-conditioned references.
func inverse(a dense) dense {
	n := len(a)
	m := zeros(n, 2*n)
	for i := range a {
		copy(m[i], a[i])
		m[i][n+i] = 1
	}
	for c := 0; c < n; c++ {
		p := c
		for r := c + 1; r < n; r++ {
			if math.Abs(m[r][c]) > math.Abs(m[p][c]) {
				p = r
			}
		}
		m[c], m[p] = m[p], m[c]
		piv := m[c][c]
		for j := range m[c] {
			m[c][j] /= piv
		}
		for r := 0; r < n; r++ {
			if r != c && m[r][c] != 0 {
				f := m[r][c]
				for j := range m[r] {
					m[r][j] -= f * m[c][j]
				}
			}
		}
	}
	inv := zeros(n, n)
	for i := range inv {
		copy(inv[i], m[i][n:])
	}
	return inv
}

func maxAbs(a dense) float64 { return maxAbsBy(a, math.Abs) }

// maxAbsBy is the largest abs(element) of a real or complex reference matrix.
func maxAbsBy[E any](a [][]E, abs func(E) float64) float64 {
	m := 0.0
	for _, row := range a {
		for _, v := range row {
			m = math.Max(m, abs(v))
		}
	}
	return m
}

// toMatrix stores d in a matrix of element type T and the given layout, with a stride
// larger than needed so that leading dimensions are exercised.
func toMatrix[T Float](d dense, cols int, layout Layout) Matrix[T] {
	rows := len(d)
	m := Matrix[T]{Rows: rows, Cols: cols, Layout: layout}
	if layout == ColMajor {
		m.Stride = rows + 2
		m.Data = make([]T, m.Stride*cols)
	} else {
		m.Stride = cols + 3
		m.Data = make([]T, m.Stride*rows)
	}
	for i := 0; i < rows; i++ {
		for j := 0; j < cols; j++ {
			m.Set(i, j, T(d[i][j]))
		}
	}
	return m
}

func fromMatrix[T Float](m Matrix[T]) dense {
	d := zeros(m.Rows, m.Cols)
	for i := range d {
		for j := range d[i] {
			d[i][j] = float64(m.At(i, j))
		}
	}
	return d
}

// rounded is d as the library sees it after storing it in T.
func rounded[T Float](d dense) dense {
	out := zeros(len(d), 0)
	for i := range d {
		out[i] = make([]float64, len(d[i]))
		for j, v := range d[i] {
			out[i][j] = float64(T(v))
		}
	}
	return out
}

// expectClose fails unless max|got - want| <= tol * max(1, max|want|).
func expectClose(t *testing.T, what string, got, want dense, tol float64) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%s: %d rows, want %d", what, len(got), len(want))
	}
	diff := zeros(len(got), 0)
	for i := range got {
		if len(got[i]) != len(want[i]) {
			t.Fatalf("%s: row %d has %d columns, want %d", what, i, len(got[i]), len(want[i]))
		}
		diff[i] = make([]float64, len(got[i]))
		for j := range got[i] {
			diff[i][j] = got[i][j] - want[i][j]
		}
	}
	scale := math.Max(1, maxAbs(want))
	if e := maxAbs(diff) / scale; !(e <= tol) {
		t.Errorf("%s: relative error %.3g > %.3g", what, e, tol)
	}
}

func column(v []float64) dense {
	d := zeros(len(v), 1)
	for i, x := range v {
		d[i][0] = x
	}
	return d
}

func vecToDense[T Float](v []T) dense {
	f := make([]float64, len(v))
	for i, x := range v {
		f[i] = float64(x)
	}
	return column(f)
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func mustFactor[T Scalar](t *testing.T, kind FactorKind, a Matrix[T], opts *Options) *Factor {
	t.Helper()
	f, err := NewFactor(kind, a, opts)
	if err != nil {
		t.Fatalf("NewFactor(%d): %v", kind, err)
	}
	t.Cleanup(f.Close)
	return f
}
