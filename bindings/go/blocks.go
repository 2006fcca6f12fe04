package fastlinalg

/*
#include <fastlinalg/fastlinalg.h>
*/
import "C"

// Sums over the blocks of row-partitioned matrices (the BLMM lemmas). "a in blocks of n1
// rows" reads a as [A_1; A_2; ...]. Block sizes and divisibility are checked by the
// library; the binding checks that the matrices fit together and that out has the shape
// the library will write.

// BlockSumABt writes out = sum_i A_i B_i^T (n1-by-n2) for a in blocks of n1 rows and b
// in blocks of n2 rows. Passing a as b gives an exactly symmetric out.
func BlockSumABt[T Float](n1, n2 int, a, b, out Matrix[T]) error {
	const fn = "fl_block_sum_abt"
	ca, ea := a.arg(fn, "a")
	cb, eb := b.shaped(fn, "b", b.Rows, a.Cols)
	co, eo := out.shaped(fn, "out", n1, n2)
	if err := firstErr(ea, eb, eo); err != nil {
		return err
	}
	return call(func() C.fl_status {
		return C.fl_block_sum_abt(dtypeOf[T](), ca.rows, cb.rows, ca.cols, C.int64_t(n1), C.int64_t(n2),
			ca.layout, ca.ptr, ca.ld, cb.layout, cb.ptr, cb.ld, co.layout, co.ptr, co.ld)
	})
}

// BlockSumACBt writes out = sum_i A_i C B_i^T (n1-by-n2) for a (m1-by-k1) in blocks of n1
// rows, c k1-by-k2 and b (m2-by-k2) in blocks of n2 rows.
func BlockSumACBt[T Float](n1, n2 int, a, c, b, out Matrix[T]) error {
	const fn = "fl_block_sum_acbt"
	ca, ea := a.arg(fn, "a")
	cc, ec := c.shaped(fn, "c", a.Cols, c.Cols)
	cb, eb := b.shaped(fn, "b", b.Rows, c.Cols)
	co, eo := out.shaped(fn, "out", n1, n2)
	if err := firstErr(ea, ec, eb, eo); err != nil {
		return err
	}
	return call(func() C.fl_status {
		return C.fl_block_sum_acbt(dtypeOf[T](), ca.rows, cb.rows, ca.cols, cc.cols, C.int64_t(n1), C.int64_t(n2),
			ca.layout, ca.ptr, ca.ld, cc.layout, cc.ptr, cc.ld, cb.layout, cb.ptr, cb.ld, co.layout, co.ptr, co.ld)
	})
}

// BlockSumResidual writes out = sum_i (A_i - B_i C)(A_i - B_i C)^T (n-by-n) for a
// (m-by-k1) and b (m-by-k2) in blocks of n rows and c k2-by-k1.
func BlockSumResidual[T Float](n int, a, b, c, out Matrix[T]) error {
	const fn = "fl_block_sum_residual"
	ca, ea := a.arg(fn, "a")
	cb, eb := b.shaped(fn, "b", a.Rows, b.Cols)
	cc, ec := c.shaped(fn, "c", b.Cols, a.Cols)
	co, eo := out.shaped(fn, "out", n, n)
	if err := firstErr(ea, eb, ec, eo); err != nil {
		return err
	}
	return call(func() C.fl_status {
		return C.fl_block_sum_residual(dtypeOf[T](), ca.rows, ca.cols, cb.cols, C.int64_t(n),
			ca.layout, ca.ptr, ca.ld, cb.layout, cb.ptr, cb.ld, cc.layout, cc.ptr, cc.ld, co.layout, co.ptr, co.ld)
	})
}

// BlockSumKron writes out = sum_i A_i (x) B_i, (n1 n2)-by-(k1 k2), for a (m1-by-k1) in
// blocks of n1 rows and b (m2-by-k2) in blocks of n2 rows.
func BlockSumKron[T Float](n1, n2 int, a, b, out Matrix[T]) error {
	const fn = "fl_block_sum_kron"
	ca, ea := a.arg(fn, "a")
	cb, eb := b.arg(fn, "b")
	co, eo := out.shaped(fn, "out", n1*n2, a.Cols*b.Cols)
	if err := firstErr(ea, eb, eo); err != nil {
		return err
	}
	return call(func() C.fl_status {
		return C.fl_block_sum_kron(dtypeOf[T](), ca.rows, cb.rows, ca.cols, cb.cols, C.int64_t(n1), C.int64_t(n2),
			ca.layout, ca.ptr, ca.ld, cb.layout, cb.ptr, cb.ld, co.layout, co.ptr, co.ld)
	})
}

// BlockSumKronABtCDt writes out = sum_j sum_i A_i B_j^T (x) C_i D_j^T, n1^2-by-n2^2, for
// a (m1-by-k1) and c (m1-by-k2) in blocks of n1 rows, b (m2-by-k1) and d (m2-by-k2) in
// blocks of n2 rows.
func BlockSumKronABtCDt[T Float](n1, n2 int, a, b, c, d, out Matrix[T]) error {
	const fn = "fl_block_sum_kron_abt_cdt"
	ca, ea := a.arg(fn, "a")
	cb, eb := b.shaped(fn, "b", b.Rows, a.Cols)
	cc, ec := c.shaped(fn, "c", a.Rows, c.Cols)
	cd, ed := d.shaped(fn, "d", b.Rows, c.Cols)
	co, eo := out.shaped(fn, "out", n1*n1, n2*n2)
	if err := firstErr(ea, eb, ec, ed, eo); err != nil {
		return err
	}
	return call(func() C.fl_status {
		return C.fl_block_sum_kron_abt_cdt(dtypeOf[T](), ca.rows, cb.rows, ca.cols, cc.cols, C.int64_t(n1), C.int64_t(n2),
			ca.layout, ca.ptr, ca.ld, cb.layout, cb.ptr, cb.ld, cc.layout, cc.ptr, cc.ld, cd.layout, cd.ptr, cd.ld,
			co.layout, co.ptr, co.ld)
	})
}

// BlockSumKronGrid writes out = sum_i sum_j A_ij (x) B_i C_j^T, n1^2-by-n2^2, for a
// (m1-by-m2) in n1-by-n2 blocks, b (m1-by-k) in blocks of n1 rows and c (m2-by-k) in
// blocks of n2 rows.
func BlockSumKronGrid[T Float](n1, n2 int, a, b, c, out Matrix[T]) error {
	const fn = "fl_block_sum_kron_grid"
	ca, ea := a.arg(fn, "a")
	cb, eb := b.shaped(fn, "b", a.Rows, b.Cols)
	cc, ec := c.shaped(fn, "c", a.Cols, b.Cols)
	co, eo := out.shaped(fn, "out", n1*n1, n2*n2)
	if err := firstErr(ea, eb, ec, eo); err != nil {
		return err
	}
	return call(func() C.fl_status {
		return C.fl_block_sum_kron_grid(dtypeOf[T](), ca.rows, ca.cols, cb.cols, C.int64_t(n1), C.int64_t(n2),
			ca.layout, ca.ptr, ca.ld, cb.layout, cb.ptr, cb.ld, cc.layout, cc.ptr, cc.ld, co.layout, co.ptr, co.ld)
	})
}
