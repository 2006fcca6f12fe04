package fastlinalg

/*
#include <fastlinalg/fastlinalg.h>
*/
import "C"

// RolledMatmul writes out[i, j] = A[i] B[(i + j) mod d] for a stack a of d m-by-n
// matrices, b of d n-by-l and out of d*k m-by-l, each packed in layout (numpy's C-ordered
// (d, m, n), (d, n, l), (d, k, m, l) with RowMajor).
func RolledMatmul[T Float](layout Layout, d, k, m, n, l int, a, b, out []T) error {
	const fn = "fl_rolled_matmul"
	if err := nonNegative(fn, "d k m n l", d, k, m, n, l); err != nil {
		return err
	}
	kk := k
	if d == 0 {
		kk = 0 // d = 0 gives an empty out whatever k is
	}
	for _, s := range []struct {
		name    string
		have    int
		factors []int
	}{{"a", len(a), []int{d, m, n}}, {"b", len(b), []int{d, n, l}}, {"out", len(out), []int{d, kk, m, l}}} {
		need, ok := product(s.factors...)
		if !ok {
			return argError(ErrTooLarge, fn, "the size of %s overflows", s.name)
		}
		if s.have != need {
			return argError(ErrDimensionMismatch, fn, "len(%s) = %d, expected %d", s.name, s.have, need)
		}
	}
	if layout == 0 {
		layout = RowMajor
	}
	return call(func() C.fl_status {
		return C.fl_rolled_matmul(dtypeOf[T](), C.fl_layout(layout), C.int64_t(d), C.int64_t(k), C.int64_t(m),
			C.int64_t(n), C.int64_t(l), slicePtr(a), slicePtr(b), slicePtr(out))
	})
}

// product multiplies sizes >= 0, reporting overflow.
func product(v ...int) (int, bool) {
	p := 1
	for _, x := range v {
		var ok bool
		if p, ok = extent(p, x, 0); !ok {
			return 0, false
		}
	}
	return p, true
}
