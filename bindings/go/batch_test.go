package fastlinalg

import (
	"errors"
	"math"
	"math/rand"
	"testing"
)

// stackOf stores the dense matrices ds (each rows-by-cols) as one packed stack.
func stackOf[T Float](ds []dense, rows, cols int, layout Layout) Stack[T] {
	s := NewStack[T](len(ds), rows, cols, layout)
	for l, d := range ds {
		m := s.Matrix(l)
		for i := 0; i < rows; i++ {
			for j := 0; j < cols; j++ {
				m.Set(i, j, T(d[i][j]))
			}
		}
	}
	return s
}

func stacksAndBatches[T Float](t *testing.T) {
	rng := rand.New(rand.NewSource(5))
	const n, nrhs, count = 5, 3, 4
	mats := make([]dense, count)
	for l := range mats {
		mats[l] = rounded[T](spdDense(rng, n))
	}
	mats[2] = zeros(n, n) // singular, and not positive definite
	rhs := rounded[T](randDense(rng, n, nrhs))
	tol := 100 * n * eps[T]()
	for _, layout := range layouts {
		a := stackOf[T](mats, n, n, layout)
		b := stackOf[T]([]dense{rhs, rhs, rhs, rhs}, n, nrhs, layout)
		x, info, err := StackSolve(a, b)
		must(t, err)
		if info[2] != ErrSingular || info[0] != OK || info[3] != OK {
			t.Fatalf("StackSolve info = %v", info)
		}
		expectClose(t, "StackSolve", fromMatrix(x.Matrix(3)), mul(inverse(mats[3]), rhs), tol)
		if v := x.Matrix(2).At(0, 0); !math.IsNaN(float64(v)) {
			t.Errorf("the singular matrix's solution is %v, want NaN", v)
		}
		xc, info, err := StackCholeskySolve(a, Lower, b)
		must(t, err)
		if info[2] != ErrNotPositiveDefinite {
			t.Fatalf("StackCholeskySolve info = %v", info)
		}
		expectClose(t, "StackCholeskySolve", fromMatrix(xc.Matrix(1)), mul(inverse(mats[1]), rhs), tol)
		sign, logAbsDet, info, err := StackLogDet(a)
		must(t, err)
		f := mustFactor[T](t, LU, toMatrix[T](mats[1], n, layout), nil)
		s1, l1, err := f.LogDet()
		must(t, err)
		if info[2] != OK || sign[2] != 0 || !math.IsInf(logAbsDet[2], -1) {
			t.Errorf("slogdet of a zero matrix: %v %v %v", info[2], sign[2], logAbsDet[2])
		}
		expectClose(t, "StackLogDet", column([]float64{sign[1], logAbsDet[1]}), column([]float64{s1, l1}), tol)
		inv, _, err := StackInverse(a)
		must(t, err)
		expectClose(t, "StackInverse", fromMatrix(inv.Matrix(0)), inverse(mats[0]), tol)
		l, _, err := StackCholesky(a, Lower)
		must(t, err)
		ld := fromMatrix(l.Matrix(3))
		expectClose(t, "L L^T", mul(ld, transpose(ld)), mats[3], tol)
		w, v, _, err := StackEigH(a, Lower)
		must(t, err)
		vd := fromMatrix(v.Matrix(0))
		wd := zeros(n, n)
		for j := 0; j < n; j++ {
			wd[j][j] = float64(w.Data[j])
		}
		expectClose(t, "A V = V diag(w)", mul(mats[0], vd), mul(vd, wd), tol)

		batch, info, err := NewBatch(LU, a, nil)
		must(t, err)
		if info[2] != ErrSingular {
			t.Fatalf("NewBatch info = %v", info)
		}
		kind, c, r, cols, err := batch.Describe()
		must(t, err)
		if kind != LU || c != count || r != n || cols != n {
			t.Errorf("Describe = %v %d %d %d", kind, c, r, cols)
		}
		xb, err := BatchSolve(batch, b)
		must(t, err)
		expectClose(t, "BatchSolve", fromMatrix(xb.Matrix(3)), fromMatrix(x.Matrix(3)), tol)
		bs, bl, err := batch.LogDet()
		must(t, err)
		expectClose(t, "Batch.LogDet", column([]float64{bs[1], bl[1]}), column([]float64{s1, l1}), tol)
		rc, err := batch.RCond()
		must(t, err)
		if !(rc[0] > 0 && rc[0] <= 1) || !math.IsNaN(rc[2]) {
			t.Errorf("Batch.RCond = %v", rc)
		}
		binv, err := BatchInverse[T](batch, layout)
		must(t, err)
		expectClose(t, "BatchInverse", fromMatrix(binv.Matrix(0)), inverse(mats[0]), tol)
		eb, _, err := NewBatch(EigH, a, nil)
		must(t, err)
		wb, err := BatchPart[T](eb, PartEigenvalues, layout)
		must(t, err)
		expectClose(t, "BatchPart eigenvalues", fromMatrix(wb.Matrix(0)), vecToDense(w.Data[:n]), tol)
		batch.Close()
		eb.Close()
		f.Close()
	}
}

func TestStacksAndBatchesFloat64(t *testing.T) { stacksAndBatches[float64](t) }
func TestStacksAndBatchesFloat32(t *testing.T) { stacksAndBatches[float32](t) }

func TestEmptyStacks(t *testing.T) {
	a := NewStack[float64](0, 3, 3, RowMajor)
	x, info, err := StackSolve(a, NewStack[float64](0, 3, 2, RowMajor))
	must(t, err)
	if x.Count != 0 || len(info) != 0 {
		t.Errorf("empty StackSolve: %d matrices, %d statuses", x.Count, len(info))
	}
	b, info, err := NewBatch(Cholesky, a, nil)
	must(t, err)
	defer b.Close()
	rc, err := b.RCond()
	must(t, err)
	if len(info) != 0 || len(rc) != 0 {
		t.Errorf("empty batch: %v %v", info, rc)
	}
}

func TestStackBadInput(t *testing.T) {
	sq := NewStack[float64](2, 2, 2, RowMajor)
	short := sq
	short.Data = short.Data[:5]
	if _, _, err := StackSolve(short, NewStack[float64](2, 2, 1, RowMajor)); !errors.Is(err, ErrDimensionMismatch) {
		t.Errorf("short Data: %v", err)
	}
	if _, _, err := StackInverse(NewStack[float64](2, 2, 3, RowMajor)); !errors.Is(err, ErrDimensionMismatch) {
		t.Errorf("non-square: %v", err)
	}
	if _, _, err := StackSolve(sq, NewStack[float64](3, 2, 1, RowMajor)); !errors.Is(err, ErrDimensionMismatch) {
		t.Errorf("count mismatch: %v", err)
	}
	if _, _, err := StackCholesky(sq, Triangle(7)); !errors.Is(err, ErrInvalidArgument) {
		t.Errorf("bad triangle: %v", err)
	}
	if _, _, err := NewBatch(SVD, sq, nil); !errors.Is(err, ErrUnsupported) {
		t.Errorf("SVD batch: %v", err)
	}
	b, _, err := NewBatch(LU, sq, nil)
	must(t, err)
	if _, err := BatchPart[float64](b, PartQ, RowMajor); !errors.Is(err, ErrUnsupported) {
		t.Errorf("Q of an LU batch: %v", err)
	}
	if _, err := BatchSolve(b, NewStack[float32](2, 2, 1, RowMajor)); !errors.Is(err, ErrDtypeMismatch) {
		t.Errorf("float32 B for a float64 batch: %v", err)
	}
	b.Close()
	b.Close()
	if _, _, err := b.LogDet(); !errors.Is(err, ErrInvalidArgument) {
		t.Errorf("closed batch: %v", err)
	}
}

func TestFactorInfoAndOptions(t *testing.T) {
	rng := rand.New(rand.NewSource(9))
	const n = 40
	a := spdDense(rng, n)
	am := toMatrix[float64](a, n, RowMajor)
	native := mustFactor[float64](t, LU, am, nil)
	defer native.Close()
	if p, err := native.Info(InfoPrecision); err != nil || p != PrecisionNative {
		t.Errorf("native precision = %d, %v", p, err)
	}
	opts, err := NewOptions()
	must(t, err)
	defer opts.Close()
	must(t, opts.SetInt(OptPrecision, PrecisionMixed))
	mixed := mustFactor[float64](t, Cholesky, am, opts)
	defer mixed.Close()
	if p, err := mixed.Info(InfoPrecision); err != nil || p != PrecisionMixed {
		t.Errorf("mixed precision = %d, %v", p, err)
	}
	rhs := randDense(rng, n, 1)
	x := NewMatrix[float64](n, 1, RowMajor)
	must(t, Solve(mixed, NoTrans, toMatrix[float64](rhs, 1, RowMajor), x))
	expectClose(t, "mixed solve", fromMatrix(x), mul(inverse(a), rhs), 100*n*eps[float64]())
	if fb, err := mixed.Info(InfoFallback); err != nil || fb != FallbackNone {
		t.Errorf("fallback = %d, %v", fb, err)
	}
	if _, err := mixed.Info(FactorInfo(99)); !errors.Is(err, ErrInvalidArgument) {
		t.Errorf("unknown info: %v", err)
	}
	rfp, err := NewOptions()
	must(t, err)
	defer rfp.Close()
	must(t, rfp.SetInt(OptStorage, StorageRFP))
	if _, err := NewFactor(LU, am, rfp); !errors.Is(err, ErrUnsupported) {
		t.Errorf("RFP LU: %v", err)
	}
}
