package fastlinalg

/*
#include <fastlinalg/fastlinalg.h>
*/
import "C"

import "runtime"

// KernelKind names a stationary kernel kappa(r).
type KernelKind int

const (
	SquaredDistance KernelKind = C.FL_KERNEL_SQUARED_DISTANCE
	Gaussian        KernelKind = C.FL_KERNEL_GAUSSIAN
	Matern12        KernelKind = C.FL_KERNEL_MATERN12
	Matern32        KernelKind = C.FL_KERNEL_MATERN32
	Matern52        KernelKind = C.FL_KERNEL_MATERN52
)

// Metric says how a kernel's params define the metric M of r^2 = (x-y)^T M (x-y).
type Metric int

const (
	Isotropic   Metric = C.FL_METRIC_ISOTROPIC    // 1 length-scale
	ARD         Metric = C.FL_METRIC_ARD          // dim length-scales
	LowRankDiag Metric = C.FL_METRIC_LOWRANK_DIAG // Lambda (dim-by-q, column-major) then psi (dim)
	FullMetric  Metric = C.FL_METRIC_FULL         // M itself, dim*dim, column-major
)

// Kernel is k(x, y) = sigmaF^2 kappa(r) plus noise on a symmetric kernel matrix's
// diagonal. Immutable; any number of goroutines may share one.
type Kernel struct {
	ptr     *C.fl_kernel
	dim     int
	nparams int
}

// NewKernel builds a kernel for points of dimension dim; params is copied.
func NewKernel(kind KernelKind, metric Metric, dim int, params []float64, sigmaF, noise float64) (*Kernel, error) {
	var ptr *C.fl_kernel
	err := call(func() C.fl_status {
		return C.fl_kernel_create(&ptr, C.fl_kernel_kind(kind), C.fl_metric(metric), C.int64_t(dim),
			C.int64_t(len(params)), (*C.double)(slicePtr(params)), C.double(sigmaF), C.double(noise))
	})
	if err != nil {
		return nil, err
	}
	k := &Kernel{ptr: ptr, dim: dim, nparams: len(params)}
	adopt(k, (*Kernel).Close)
	return k, nil
}

// Close frees the handle. Calling it again does nothing.
func (k *Kernel) Close() {
	if k != nil {
		release(k, &k.ptr, func(p *C.fl_kernel) { C.fl_kernel_destroy(p) })
	}
}

func (k *Kernel) handle() *C.fl_kernel {
	if k == nil {
		return nil
	}
	return k.ptr
}

// points validates X1 (n1-by-dim) and X2 (nil: X2 = X1), which the library reads in one
// layout.
func points[T Float](k *Kernel, fn string, x1 Matrix[T], x2 *Matrix[T]) (c1, c2 cmat, n2 int, err error) {
	if k == nil || k.ptr == nil {
		err = argError(ErrInvalidArgument, fn, "kernel is nil or closed")
		return
	}
	if c1, err = x1.shaped(fn, "x1", x1.Rows, k.dim); err != nil {
		return
	}
	if x2 == nil {
		return c1, cmat{ld: c1.ld}, x1.Rows, nil
	}
	if x2.layout() != x1.layout() {
		err = argError(ErrInvalidArgument, fn, "x2's layout differs from x1's")
		return
	}
	c2, err = x2.shaped(fn, "x2", x2.Rows, k.dim)
	return c1, c2, x2.Rows, err
}

// KernelMatrix writes out (n1-by-n2) with out_ij = k(x1_i, x2_j) for the rows of x1 and
// x2; x2 = nil means x1 (out is then exactly symmetric and gets the noise).
func KernelMatrix[T Float](k *Kernel, x1 Matrix[T], x2 *Matrix[T], out Matrix[T]) error {
	const fn = "fl_kernel_matrix"
	c1, c2, n2, err := points(k, fn, x1, x2)
	if err != nil {
		return err
	}
	co, err := out.shaped(fn, "k", x1.Rows, n2)
	if err != nil {
		return err
	}
	defer runtime.KeepAlive(k)
	return call(func() C.fl_status {
		return C.fl_kernel_matrix(k.handle(), dtypeOf[T](), c1.layout, c1.rows, c1.ptr, c1.ld,
			C.int64_t(n2), c2.ptr, c2.ld, co.layout, co.ptr, co.ld)
	})
}

// KernelGradient returns sum_ij W_ij dK_ij/dtheta for theta = sigmaF, noise, then the
// params in order (2 + len(params) values), for w n1-by-n2.
func KernelGradient[T Float](k *Kernel, x1 Matrix[T], x2 *Matrix[T], w Matrix[T]) ([]float64, error) {
	const fn = "fl_kernel_gradient"
	c1, c2, n2, err := points(k, fn, x1, x2)
	if err != nil {
		return nil, err
	}
	cw, err := w.shaped(fn, "w", x1.Rows, n2)
	if err != nil {
		return nil, err
	}
	defer runtime.KeepAlive(k)
	grad := make([]float64, 2+k.nparams)
	err = call(func() C.fl_status {
		return C.fl_kernel_gradient(k.handle(), dtypeOf[T](), c1.layout, c1.rows, c1.ptr, c1.ld,
			C.int64_t(n2), c2.ptr, c2.ld, cw.layout, cw.ptr, cw.ld, (*C.double)(slicePtr(grad)))
	})
	if err != nil {
		return nil, err
	}
	return grad, nil
}
