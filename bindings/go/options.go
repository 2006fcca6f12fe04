package fastlinalg

/*
#include <fastlinalg/fastlinalg.h>
*/
import "C"

import "runtime"

// Option names one setting of an Options handle.
type Option int

const (
	OptCheckFinite Option = C.FL_OPT_CHECK_FINITE // int: 1 rejects NaN/Inf (default), 0 skips the check
	OptTriangle    Option = C.FL_OPT_TRIANGLE     // int: Lower (default) or Upper
	OptRTol        Option = C.FL_OPT_RTOL         // real: relative rank tolerance
	OptATol        Option = C.FL_OPT_ATOL         // real: absolute rank tolerance
	OptPrecision   Option = C.FL_OPT_PRECISION    // int: PrecisionNative (default) or PrecisionMixed
	OptStorage     Option = C.FL_OPT_STORAGE      // int: StorageFull (default) or StorageRFP
	// int: 1 reads a complex LDLT's A as complex symmetric (A^T = A: L D L^T, sytrf), 0 as
	// Hermitian (the default: L D L^H, hetrf); nothing for a real A.
	OptComplexSymmetric Option = C.FL_OPT_COMPLEX_SYMMETRIC
	// FL_OPT_OVERWRITE_A is left out: the factor would keep using the Go slice A after the
	// call returns, which cgo's pointer rules forbid.
)

// The values of OptPrecision (and of Factor.Info(InfoPrecision)).
const (
	PrecisionNative int64 = C.FL_PRECISION_NATIVE // held and solved in the dtype of A
	PrecisionMixed  int64 = C.FL_PRECISION_MIXED  // float64 LU/Cholesky held in float32, refined to float64
)

// The values of OptStorage.
const (
	StorageFull int64 = C.FL_STORAGE_FULL // n-by-n storage
	StorageRFP  int64 = C.FL_STORAGE_RFP  // Cholesky in rectangular full packed storage, half the memory
)

// Options holds the settings a factorization takes. A nil *Options means all defaults.
// Not for concurrent mutation.
type Options struct {
	ptr *C.fl_options
}

// NewOptions returns an Options holding every default.
func NewOptions() (*Options, error) {
	var ptr *C.fl_options
	if err := call(func() C.fl_status { return C.fl_options_create(&ptr) }); err != nil {
		return nil, err
	}
	o := &Options{ptr: ptr}
	adopt(o, (*Options).Close)
	return o, nil
}

// Close frees the handle. Calling it again does nothing.
func (o *Options) Close() {
	if o != nil {
		release(o, &o.ptr, func(p *C.fl_options) { C.fl_options_destroy(p) })
	}
}

func (o *Options) handle() *C.fl_options {
	if o == nil {
		return nil
	}
	return o.ptr
}

// SetInt sets an integer option (OptCheckFinite, OptTriangle).
func (o *Options) SetInt(opt Option, value int64) error {
	defer runtime.KeepAlive(o)
	return call(func() C.fl_status { return C.fl_options_set_int(o.handle(), C.fl_option(opt), C.int64_t(value)) })
}

// Int reads an integer option.
func (o *Options) Int(opt Option) (int64, error) {
	defer runtime.KeepAlive(o)
	var v C.int64_t
	err := call(func() C.fl_status { return C.fl_options_get_int(o.handle(), C.fl_option(opt), &v) })
	return int64(v), err
}

// SetReal sets a real option (OptRTol, OptATol).
func (o *Options) SetReal(opt Option, value float64) error {
	defer runtime.KeepAlive(o)
	return call(func() C.fl_status { return C.fl_options_set_real(o.handle(), C.fl_option(opt), C.double(value)) })
}

// Real reads a real option.
func (o *Options) Real(opt Option) (float64, error) {
	defer runtime.KeepAlive(o)
	var v C.double
	err := call(func() C.fl_status { return C.fl_options_get_real(o.handle(), C.fl_option(opt), &v) })
	return float64(v), err
}
