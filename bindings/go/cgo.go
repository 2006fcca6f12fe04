package fastlinalg

/*
#cgo pkg-config: fastlinalg
#include <fastlinalg/fastlinalg.h>
*/
import "C"

import (
	"runtime"
	"sync/atomic"
)

// call runs one C call and turns a non-OK status into an *Error. The library keeps its
// last message per OS thread, so the goroutine is pinned to its thread until the message
// has been read: otherwise the scheduler could move it between the call and the read.
func call(f func() C.fl_status) error {
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	st := f()
	if st == C.FL_OK {
		return nil
	}
	return &Error{Status: Status(st), Message: C.GoString(C.fl_last_error())}
}

// liveHandles counts the C handles this package holds, so tests can see that Close and
// the finalizers really free them.
var liveHandles int64

// adopt makes owner responsible for a handle the library just made: counted, and freed by
// its Close method from a finalizer if the program never calls Close.
func adopt[T any](owner *T, close func(*T)) {
	atomic.AddInt64(&liveHandles, 1)
	runtime.SetFinalizer(owner, close)
}

// release frees *ptr with destroy unless it is already freed (Close is idempotent), and
// drops owner's finalizer. P is the handle's pointer type (*C.fl_factor, ...): Go 1.24 and
// later refuse an incomplete C struct itself as a type argument, but not a pointer to one.
func release[T any, P comparable](owner *T, ptr *P, destroy func(P)) {
	var freed P
	if *ptr == freed {
		return
	}
	destroy(*ptr)
	*ptr = freed
	atomic.AddInt64(&liveHandles, -1)
	runtime.SetFinalizer(owner, nil)
}

// Float is a real element type: what the real-only functions (kernels, binning, block
// sums, batches, products with A^-1) take, and what real-valued outputs of a complex
// factor (eigenvalues, singular values, residual norms) are written in.
type Float interface {
	float32 | float64
}

// Scalar is any element type the library computes in: Go's complex64 and complex128 have
// C99's float _Complex / double _Complex layout, (re, im) pairs.
type Scalar interface {
	Float | complex64 | complex128
}

func dtypeOf[T Scalar]() C.fl_dtype {
	var zero T
	switch any(zero).(type) {
	case float32:
		return C.FL_FLOAT32
	case complex64:
		return C.FL_COMPLEX64
	case complex128:
		return C.FL_COMPLEX128
	}
	return C.FL_FLOAT64
}

// realOf reports whether R is the real type of T's precision (float64 for complex128, T
// itself for a real T): the type the library writes T's real-valued outputs in.
func realOf[T Scalar, R Float]() bool {
	switch dtypeOf[T]() {
	case C.FL_FLOAT32, C.FL_COMPLEX64:
		return dtypeOf[R]() == C.FL_FLOAT32
	}
	return dtypeOf[R]() == C.FL_FLOAT64
}

// DType names an element type as the library reports it (Factor.DType).
type DType int

const (
	Float32    DType = C.FL_FLOAT32
	Float64    DType = C.FL_FLOAT64
	Complex64  DType = C.FL_COMPLEX64
	Complex128 DType = C.FL_COMPLEX128
)

// Transpose selects op(A) = A, A^T or A^H.
type Transpose int

const (
	NoTrans   Transpose = C.FL_NO_TRANS
	Trans     Transpose = C.FL_TRANS
	ConjTrans Transpose = C.FL_CONJ_TRANS // A^H, the conjugate transpose; A^T for a real A
)

// Triangle selects the triangle of a symmetric matrix that is read (OptTriangle).
type Triangle int

const (
	Lower Triangle = C.FL_LOWER
	Upper Triangle = C.FL_UPPER
)

func cbool(b bool) C.int {
	if b {
		return 1
	}
	return 0
}
