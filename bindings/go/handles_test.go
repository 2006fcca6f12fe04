package fastlinalg

import (
	"math/rand"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

func TestCloseIsIdempotent(t *testing.T) {
	before := atomic.LoadInt64(&liveHandles)
	f, err := NewFactor(LU, Matrix[float64]{Data: []float64{2}, Rows: 1, Cols: 1}, nil)
	must(t, err)
	k, err := NewKernel(Gaussian, Isotropic, 1, []float64{1}, 1, 0)
	must(t, err)
	s, err := NewSparse(CSC, 1, 1, []int32{0, 1}, []int32{0}, []float64{1})
	must(t, err)
	o, err := NewOptions()
	must(t, err)
	if got := atomic.LoadInt64(&liveHandles) - before; got != 4 {
		t.Errorf("%d live handles, want 4", got)
	}
	for i := 0; i < 2; i++ {
		f.Close()
		k.Close()
		s.Close()
		o.Close()
	}
	if got := atomic.LoadInt64(&liveHandles); got != before {
		t.Errorf("%d live handles after Close, want %d", got, before)
	}
	x := Matrix[float64]{Data: []float64{1}, Rows: 1, Cols: 1}
	expectError(t, Solve(f, NoTrans, x, x), ErrInvalidArgument, "closed")
	_, err = f.RCond()
	expectError(t, err, ErrInvalidArgument, "NULL")
	_, _, _, err = s.Shape()
	expectError(t, err, ErrInvalidArgument)
	expectError(t, o.SetInt(OptCheckFinite, 0), ErrInvalidArgument)
	expectError(t, KernelMatrix(k, x, nil, x), ErrInvalidArgument, "closed")
}

func TestFinalizersFreeForgottenHandles(t *testing.T) {
	before := atomic.LoadInt64(&liveHandles)
	func() {
		for i := 0; i < 20; i++ {
			if _, err := NewFactor(Cholesky, Matrix[float64]{Data: []float64{4}, Rows: 1, Cols: 1}, nil); err != nil {
				t.Fatal(err)
			}
			if _, err := NewOptions(); err != nil {
				t.Fatal(err)
			}
		}
	}()
	if atomic.LoadInt64(&liveHandles) != before+40 {
		t.Fatalf("expected 40 new live handles")
	}
	deadline := time.Now().Add(5 * time.Second)
	for atomic.LoadInt64(&liveHandles) != before && time.Now().Before(deadline) {
		runtime.GC()
		time.Sleep(time.Millisecond)
	}
	if got := atomic.LoadInt64(&liveHandles); got != before {
		t.Errorf("%d handles still live after GC, want %d", got, before)
	}
}

func TestConcurrentSolvesShareOneFactor(t *testing.T) {
	rng := rand.New(rand.NewSource(15))
	const n, nrhs, workers, rounds = 60, 4, 8, 25
	a := spdDense(rng, n)
	inv := inverse(a)
	f := mustFactor(t, LU, toMatrix[float64](a, n, RowMajor), nil)
	bs := make([]dense, workers)
	for w := range bs {
		bs[w] = randDense(rng, n, nrhs)
	}
	var wg sync.WaitGroup
	errs := make([]error, workers)
	results := make([]dense, workers)
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			b := toMatrix[float64](bs[w], nrhs, ColMajor)
			x := NewMatrix[float64](n, nrhs, RowMajor)
			for r := 0; r < rounds && errs[w] == nil; r++ {
				errs[w] = Solve(f, NoTrans, b, x)
			}
			results[w] = fromMatrix(x)
		}(w)
	}
	wg.Wait()
	for w := 0; w < workers; w++ {
		must(t, errs[w])
		expectClose(t, "concurrent solve", results[w], mul(inv, bs[w]), 1e-12)
	}
}

// Errors from concurrent goroutines keep their own messages (the library's message is
// per thread; the binding reads it on the thread that failed).
func TestConcurrentErrorsKeepTheirMessages(t *testing.T) {
	var wg sync.WaitGroup
	fail := make(chan string, 64)
	for w := 0; w < 8; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for r := 0; r < 50; r++ {
				var err error
				var want Status
				if w%2 == 0 {
					_, err = NewFactor(LU, Matrix[float64]{Data: []float64{0}, Rows: 1, Cols: 1}, nil)
					want = ErrSingular
				} else {
					_, err = NewFactor(Cholesky, Matrix[float64]{Data: []float64{-1}, Rows: 1, Cols: 1}, nil)
					want = ErrNotPositiveDefinite
				}
				e, ok := err.(*Error)
				if !ok || e.Status != want || e.Message == "" {
					fail <- err.Error()
					return
				}
			}
		}(w)
	}
	wg.Wait()
	close(fail)
	for msg := range fail {
		t.Error(msg)
	}
}
