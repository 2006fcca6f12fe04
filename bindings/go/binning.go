package fastlinalg

/*
#include <fastlinalg/fastlinalg.h>
*/
import "C"

// Digitize writes bins[i], the bin of x[i] between the edges as numpy.digitize defines
// it (right closes the bins on the right). len(bins) must be len(x).
func Digitize[T Float](x, edges []T, right bool, bins []int64) error {
	if err := vecLen("fl_digitize", "bins", bins, len(x)); err != nil {
		return err
	}
	return call(func() C.fl_status {
		return C.fl_digitize(dtypeOf[T](), C.int64_t(len(x)), slicePtr(x), C.int64_t(len(edges)), slicePtr(edges),
			cbool(right), (*C.int64_t)(slicePtr(bins)))
	})
}

// Bincount writes counts[b], the number of labels equal to b, for b < len(counts).
func Bincount(labels []int64, counts []int64) error {
	return call(func() C.fl_status {
		return C.fl_bincount(C.int64_t(len(labels)), (*C.int64_t)(slicePtr(labels)), C.int64_t(len(counts)),
			(*C.int64_t)(slicePtr(counts)))
	})
}

// BincountWeighted writes sums[b], the sum of weights[i] over the i with labels[i] = b.
func BincountWeighted[T Float](labels []int64, weights []T, sums []T) error {
	if err := vecLen("fl_bincount_weighted", "weights", weights, len(labels)); err != nil {
		return err
	}
	return call(func() C.fl_status {
		return C.fl_bincount_weighted(C.int64_t(len(labels)), (*C.int64_t)(slicePtr(labels)), dtypeOf[T](),
			slicePtr(weights), C.int64_t(len(sums)), slicePtr(sums))
	})
}

// GroupByBin writes offsets (nbins + 1 values) and perm (len(labels) values) so that
// perm[offsets[b]:offsets[b+1]] are the indices with label b, in increasing order.
func GroupByBin(labels []int64, offsets, perm []int64) error {
	const fn = "fl_group_by_bin"
	if len(offsets) == 0 {
		return argError(ErrInvalidArgument, fn, "offsets is empty: it needs nbins + 1 values")
	}
	if err := vecLen(fn, "perm", perm, len(labels)); err != nil {
		return err
	}
	return call(func() C.fl_status {
		return C.fl_group_by_bin(C.int64_t(len(labels)), (*C.int64_t)(slicePtr(labels)), C.int64_t(len(offsets)-1),
			(*C.int64_t)(slicePtr(offsets)), (*C.int64_t)(slicePtr(perm)))
	})
}
