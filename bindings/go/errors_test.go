package fastlinalg

import (
	"errors"
	"math"
	"strings"
	"testing"
)

func errorsIs(err error, s Status) bool { return errors.Is(err, s) }

func expectError(t *testing.T, err error, status Status, words ...string) {
	t.Helper()
	var e *Error
	if !errors.As(err, &e) {
		t.Fatalf("got %v, want an *Error with status %v", err, status)
	}
	if e.Status != status || !errors.Is(err, status) {
		t.Errorf("status %d (%v), want %d (%v)", e.Status, e, status, status)
	}
	for _, w := range words {
		if !strings.Contains(e.Message, w) {
			t.Errorf("message %q lacks %q", e.Message, w)
		}
	}
}

func TestSingularMatrix(t *testing.T) {
	a := Matrix[float64]{Data: []float64{1, 2, 2, 4}, Rows: 2, Cols: 2}
	f, err := NewFactor(LU, a, nil)
	if f != nil {
		t.Error("a factor came back with an error")
	}
	expectError(t, err, ErrSingular, "fl_factor_create", "pivot")
	if errors.Is(err, ErrNotPositiveDefinite) {
		t.Error("errors.Is matched the wrong status")
	}
	if !strings.Contains(err.Error(), "singular") {
		t.Errorf("Error() = %q", err.Error())
	}
	_, err = NewFactor(Cholesky, Matrix[float32]{Data: []float32{1, 2, 2, 1}, Rows: 2, Cols: 2}, nil)
	expectError(t, err, ErrNotPositiveDefinite)
}

func TestBadShapes(t *testing.T) {
	f := mustFactor(t, LU, Matrix[float64]{Data: []float64{2, 0, 0, 2}, Rows: 2, Cols: 2}, nil)
	// Found by the binding: b has 3 rows for a 2x2 A; Data too short for the shape.
	err := Solve(f, NoTrans, NewMatrix[float64](3, 1, RowMajor), NewMatrix[float64](2, 1, RowMajor))
	expectError(t, err, ErrDimensionMismatch, "b is 3x1, expected 2x1")
	err = Solve(f, NoTrans, Matrix[float64]{Data: make([]float64, 3), Rows: 2, Cols: 2}, NewMatrix[float64](2, 2, RowMajor))
	expectError(t, err, ErrInvalidArgument, "b.Data has 3 elements")
	_, err = NewFactor(LU, Matrix[float64]{Rows: -1, Cols: 2}, nil)
	expectError(t, err, ErrInvalidArgument, "a is -1x2")
	// Found by the library: a stride below the row length, a kind that names none.
	_, err = NewFactor(LU, Matrix[float64]{Data: make([]float64, 9), Rows: 3, Cols: 3, Stride: 2}, nil)
	expectError(t, err, ErrInvalidArgument, "lda")
	_, err = NewFactor(FactorKind(99), NewMatrix[float64](2, 2, RowMajor), nil)
	expectError(t, err, ErrInvalidArgument, "99")
	_, err = NewFactor(Cholesky, NewMatrix[float64](2, 3, RowMajor), nil) // LU takes m x n (parts only); Cholesky needs a square A
	expectError(t, err, ErrInvalidArgument)
	err = Solve(f, NoTrans, NewMatrix[float32](2, 1, RowMajor), NewMatrix[float32](2, 1, RowMajor))
	expectError(t, err, ErrDtypeMismatch)
	err = Solve(f, Transpose(7), NewMatrix[float64](2, 1, RowMajor), NewMatrix[float64](2, 1, RowMajor))
	expectError(t, err, ErrInvalidArgument, "7")
}

func TestNonFiniteAndOptions(t *testing.T) {
	a := Matrix[float64]{Data: []float64{1, 0, math.NaN(), 1}, Rows: 2, Cols: 2}
	_, err := NewFactor(LU, a, nil)
	expectError(t, err, ErrNonFinite)

	o, err := NewOptions()
	must(t, err)
	defer o.Close()
	must(t, o.SetInt(OptCheckFinite, 0))
	if v, err := o.Int(OptCheckFinite); err != nil || v != 0 {
		t.Errorf("check_finite = %d, %v", v, err)
	}
	f, err := NewFactor(LU, a, o)
	must(t, err)
	f.Close()

	must(t, o.SetReal(OptRTol, 0.25))
	if v, err := o.Real(OptRTol); err != nil || v != 0.25 {
		t.Errorf("rtol = %g, %v", v, err)
	}
	expectError(t, o.SetReal(OptCheckFinite, 1), ErrInvalidArgument)
	expectError(t, o.SetInt(Option(42), 1), ErrInvalidArgument, "42")
	expectError(t, o.SetInt(OptTriangle, 5), ErrInvalidArgument)

	// With rtol = 0.25 the singular value 0.1 (relative to 1) counts as zero.
	d := Matrix[float64]{Data: []float64{1, 0, 0, 0.1}, Rows: 2, Cols: 2}
	if r, err := mustFactor(t, SVD, d, o).Rank(); err != nil || r != 1 {
		t.Errorf("rank with rtol 0.25: %d, %v", r, err)
	}
	// The upper triangle only: the lower one holds garbage that must not be read.
	must(t, o.SetInt(OptTriangle, int64(Upper)))
	u := Matrix[float64]{Data: []float64{4, 2, 999, 3}, Rows: 2, Cols: 2}
	cu := mustFactor(t, Cholesky, u, o)
	_, logdet, err := cu.LogDet()
	if err != nil || math.Abs(logdet-math.Log(8)) > 1e-14 {
		t.Errorf("upper Cholesky logdet %g, %v; want log 8", logdet, err)
	}
}

func TestRuntimeInfo(t *testing.T) {
	if VersionNumber() != HeaderVersionNumber {
		t.Errorf("library %d, header %d", VersionNumber(), HeaderVersionNumber)
	}
	if strings.Count(Version(), ".") != 2 || BlasInfo() == "" || BlasCore() == "" {
		t.Errorf("version %q blas %q core %q", Version(), BlasInfo(), BlasCore())
	}
	old := NumThreads()
	must(t, SetNumThreads(1))
	if NumThreads() != 1 {
		t.Errorf("threads = %d after SetNumThreads(1)", NumThreads())
	}
	must(t, SetNumThreads(old))
	expectError(t, SetNumThreads(0), ErrInvalidArgument)
}
