//! Sums over the blocks of row-partitioned matrices (docs/blmm.md). "A in blocks of n rows"
//! reads A as [A_1; A_2; ...]; the library checks that block sizes divide and block counts
//! agree. Each result is returned in A's layout.

use crate::error::{check, Result};
use crate::matrix::{expect_shape, i64_of, size_product, Mat, MatRef};
use crate::scalar::Scalar;
use fastlinalg_sys as sys;

/// sum_i A_i B_i^T (n1-by-n2) for A in blocks of n1 rows and B (same columns) of n2 rows.
pub fn block_sum_abt<T: Scalar>(
    a: MatRef<'_, T>,
    b: MatRef<'_, T>,
    n1: usize,
    n2: usize,
) -> Result<Mat<T>> {
    expect_shape("block_sum_abt", "b", b.shape(), b.rows(), a.cols())?;
    let mut out = Mat::zeros(n1, n2, a.layout())?;
    let mut o = out.as_mut();
    check(unsafe {
        sys::fl_block_sum_abt(
            T::DTYPE,
            a.raw_rows(),
            b.raw_rows(),
            a.raw_cols(),
            i64_of("n1", n1)?,
            i64_of("n2", n2)?,
            a.layout().raw(),
            a.ptr(),
            a.raw_ld(),
            b.layout().raw(),
            b.ptr(),
            b.raw_ld(),
            o.layout().raw(),
            o.ptr(),
            o.raw_ld(),
        )
    })?;
    Ok(out)
}

/// sum_i A_i C B_i^T (n1-by-n2) for A (m1-by-k1) in blocks of n1 rows, C k1-by-k2 and B
/// (m2-by-k2) in blocks of n2 rows.
pub fn block_sum_acbt<T: Scalar>(
    a: MatRef<'_, T>,
    c: MatRef<'_, T>,
    b: MatRef<'_, T>,
    n1: usize,
    n2: usize,
) -> Result<Mat<T>> {
    expect_shape("block_sum_acbt", "c", c.shape(), a.cols(), c.cols())?;
    expect_shape("block_sum_acbt", "b", b.shape(), b.rows(), c.cols())?;
    let mut out = Mat::zeros(n1, n2, a.layout())?;
    let mut o = out.as_mut();
    check(unsafe {
        sys::fl_block_sum_acbt(
            T::DTYPE,
            a.raw_rows(),
            b.raw_rows(),
            a.raw_cols(),
            c.raw_cols(),
            i64_of("n1", n1)?,
            i64_of("n2", n2)?,
            a.layout().raw(),
            a.ptr(),
            a.raw_ld(),
            c.layout().raw(),
            c.ptr(),
            c.raw_ld(),
            b.layout().raw(),
            b.ptr(),
            b.raw_ld(),
            o.layout().raw(),
            o.ptr(),
            o.raw_ld(),
        )
    })?;
    Ok(out)
}

/// sum_i (A_i - B_i C)(A_i - B_i C)^T (n-by-n) for A (m-by-k1), B (m-by-k2) in blocks of
/// n rows and C k2-by-k1.
pub fn block_sum_residual<T: Scalar>(
    a: MatRef<'_, T>,
    b: MatRef<'_, T>,
    c: MatRef<'_, T>,
    n: usize,
) -> Result<Mat<T>> {
    expect_shape("block_sum_residual", "b", b.shape(), a.rows(), b.cols())?;
    expect_shape("block_sum_residual", "c", c.shape(), b.cols(), a.cols())?;
    let mut out = Mat::zeros(n, n, a.layout())?;
    let mut o = out.as_mut();
    check(unsafe {
        sys::fl_block_sum_residual(
            T::DTYPE,
            a.raw_rows(),
            a.raw_cols(),
            b.raw_cols(),
            i64_of("n", n)?,
            a.layout().raw(),
            a.ptr(),
            a.raw_ld(),
            b.layout().raw(),
            b.ptr(),
            b.raw_ld(),
            c.layout().raw(),
            c.ptr(),
            c.raw_ld(),
            o.layout().raw(),
            o.ptr(),
            o.raw_ld(),
        )
    })?;
    Ok(out)
}

/// sum_i A_i (x) B_i ((n1 n2)-by-(k1 k2)) for A (m1-by-k1) in blocks of n1 rows and B
/// (m2-by-k2) in blocks of n2 rows.
pub fn block_sum_kron<T: Scalar>(
    a: MatRef<'_, T>,
    b: MatRef<'_, T>,
    n1: usize,
    n2: usize,
) -> Result<Mat<T>> {
    let (rows, cols) = (
        size_product("block_sum_kron", &[n1, n2])?,
        size_product("block_sum_kron", &[a.cols(), b.cols()])?,
    );
    let mut out = Mat::zeros(rows, cols, a.layout())?;
    let mut o = out.as_mut();
    check(unsafe {
        sys::fl_block_sum_kron(
            T::DTYPE,
            a.raw_rows(),
            b.raw_rows(),
            a.raw_cols(),
            b.raw_cols(),
            i64_of("n1", n1)?,
            i64_of("n2", n2)?,
            a.layout().raw(),
            a.ptr(),
            a.raw_ld(),
            b.layout().raw(),
            b.ptr(),
            b.raw_ld(),
            o.layout().raw(),
            o.ptr(),
            o.raw_ld(),
        )
    })?;
    Ok(out)
}

/// sum_j sum_i A_i B_j^T (x) C_i D_j^T (n1^2-by-n2^2) for A (m1-by-k1), C (m1-by-k2) in
/// blocks of n1 rows and B (m2-by-k1), D (m2-by-k2) in blocks of n2 rows.
pub fn block_sum_kron_abt_cdt<T: Scalar>(
    a: MatRef<'_, T>,
    b: MatRef<'_, T>,
    c: MatRef<'_, T>,
    d: MatRef<'_, T>,
    n1: usize,
    n2: usize,
) -> Result<Mat<T>> {
    let func = "block_sum_kron_abt_cdt";
    expect_shape(func, "b", b.shape(), b.rows(), a.cols())?;
    expect_shape(func, "c", c.shape(), a.rows(), c.cols())?;
    expect_shape(func, "d", d.shape(), b.rows(), c.cols())?;
    let mut out = Mat::zeros(
        size_product(func, &[n1, n1])?,
        size_product(func, &[n2, n2])?,
        a.layout(),
    )?;
    let mut o = out.as_mut();
    check(unsafe {
        sys::fl_block_sum_kron_abt_cdt(
            T::DTYPE,
            a.raw_rows(),
            b.raw_rows(),
            a.raw_cols(),
            c.raw_cols(),
            i64_of("n1", n1)?,
            i64_of("n2", n2)?,
            a.layout().raw(),
            a.ptr(),
            a.raw_ld(),
            b.layout().raw(),
            b.ptr(),
            b.raw_ld(),
            c.layout().raw(),
            c.ptr(),
            c.raw_ld(),
            d.layout().raw(),
            d.ptr(),
            d.raw_ld(),
            o.layout().raw(),
            o.ptr(),
            o.raw_ld(),
        )
    })?;
    Ok(out)
}

/// sum_i sum_j A_ij (x) B_i C_j^T (n1^2-by-n2^2) for A (m1-by-m2) in n1-by-n2 blocks, B
/// (m1-by-k) in blocks of n1 rows and C (m2-by-k) in blocks of n2 rows.
pub fn block_sum_kron_grid<T: Scalar>(
    a: MatRef<'_, T>,
    b: MatRef<'_, T>,
    c: MatRef<'_, T>,
    n1: usize,
    n2: usize,
) -> Result<Mat<T>> {
    let func = "block_sum_kron_grid";
    expect_shape(func, "b", b.shape(), a.rows(), b.cols())?;
    expect_shape(func, "c", c.shape(), a.cols(), b.cols())?;
    let mut out = Mat::zeros(
        size_product(func, &[n1, n1])?,
        size_product(func, &[n2, n2])?,
        a.layout(),
    )?;
    let mut o = out.as_mut();
    check(unsafe {
        sys::fl_block_sum_kron_grid(
            T::DTYPE,
            a.raw_rows(),
            a.raw_cols(),
            b.raw_cols(),
            i64_of("n1", n1)?,
            i64_of("n2", n2)?,
            a.layout().raw(),
            a.ptr(),
            a.raw_ld(),
            b.layout().raw(),
            b.ptr(),
            b.raw_ld(),
            c.layout().raw(),
            c.ptr(),
            c.raw_ld(),
            o.layout().raw(),
            o.ptr(),
            o.raw_ld(),
        )
    })?;
    Ok(out)
}
