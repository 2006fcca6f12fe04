//! The matrix-calculus toolkit: vecb, vech, commutation and duplication matrices, applied
//! as the index maps they are.

use crate::error::{check, Result};
use crate::matrix::{expect_shape, i64_of, size_product, Layout, Mat, MatRef, Transpose};
use crate::scalar::Scalar;
use fastlinalg_sys as sys;

/// The shape of D(n) (pinv = false) or D(n)^+ (pinv = true).
fn duplication_shape(n: usize, pinv: bool) -> Result<(usize, usize)> {
    let full = size_product("duplication", &[n, n])?;
    let half = size_product("duplication", &[n, n.saturating_add(1)])? / 2;
    Ok(if pinv { (half, full) } else { (full, half) })
}

/// vecb(X) ((l1 l2)-by-(n1 n2)): row i l2 + j is vec(X_ij)^T for the n1-by-n2 blocks of X.
/// In X's layout.
pub fn vecb<T: Scalar>(x: MatRef<'_, T>, n1: usize, n2: usize) -> Result<Mat<T>> {
    // The library rejects a block size of 0 or one that does not divide; 0 rows then.
    let blocks = x.rows().checked_div(n1).unwrap_or(0) * x.cols().checked_div(n2).unwrap_or(0);
    let mut out = Mat::zeros(blocks, size_product("vecb", &[n1, n2])?, x.layout())?;
    let mut o = out.as_mut();
    check(unsafe {
        sys::fl_vecb(
            T::DTYPE,
            x.raw_rows(),
            x.raw_cols(),
            i64_of("n1", n1)?,
            i64_of("n2", n2)?,
            x.layout().raw(),
            x.ptr(),
            x.raw_ld(),
            o.layout().raw(),
            o.ptr(),
            o.raw_ld(),
        )
    })?;
    Ok(out)
}

/// vech(X): the lower triangle of the square X, column by column.
pub fn vech<T: Scalar>(x: MatRef<'_, T>) -> Result<Vec<T>> {
    let n = x.rows();
    expect_shape("vech", "x", x.shape(), n, n)?;
    let mut out = vec![T::default(); size_product("vech", &[n, n.saturating_add(1)])? / 2];
    check(unsafe {
        sys::fl_vech(
            T::DTYPE,
            x.raw_rows(),
            x.layout().raw(),
            x.ptr(),
            x.raw_ld(),
            out.as_mut_ptr().cast(),
        )
    })?;
    Ok(out)
}

/// K(m,n) X for an (m n)-by-ncols X, in X's layout.
pub fn commutation_apply<T: Scalar>(m: usize, n: usize, x: MatRef<'_, T>) -> Result<Mat<T>> {
    expect_shape(
        "commutation_apply",
        "x",
        x.shape(),
        size_product("commutation_apply", &[m, n])?,
        x.cols(),
    )?;
    let mut out = Mat::zeros(x.rows(), x.cols(), x.layout())?;
    let mut o = out.as_mut();
    check(unsafe {
        sys::fl_commutation_apply(
            T::DTYPE,
            i64_of("m", m)?,
            i64_of("n", n)?,
            x.raw_cols(),
            x.layout().raw(),
            x.ptr(),
            x.raw_ld(),
            o.layout().raw(),
            o.ptr(),
            o.raw_ld(),
        )
    })?;
    Ok(out)
}

/// The commutation matrix K(m,n), (m n)-by-(m n).
pub fn commutation_matrix<T: Scalar>(m: usize, n: usize, layout: Layout) -> Result<Mat<T>> {
    let mn = size_product("commutation_matrix", &[m, n])?;
    let mut out = Mat::zeros(mn, mn, layout)?;
    let mut o = out.as_mut();
    check(unsafe {
        sys::fl_commutation_matrix(
            T::DTYPE,
            i64_of("m", m)?,
            i64_of("n", n)?,
            layout.raw(),
            o.ptr(),
            o.raw_ld(),
        )
    })?;
    Ok(out)
}

/// op(M) X for M = D(n) (pinv = false) or D(n)^+ (pinv = true), in X's layout.
pub fn duplication_apply<T: Scalar>(
    n: usize,
    pinv: bool,
    trans: Transpose,
    x: MatRef<'_, T>,
) -> Result<Mat<T>> {
    let (rows, cols) = duplication_shape(n, pinv)?;
    let (out_rows, x_rows) = trans.op_shape((rows, cols));
    expect_shape("duplication_apply", "x", x.shape(), x_rows, x.cols())?;
    let mut out = Mat::zeros(out_rows, x.cols(), x.layout())?;
    let mut o = out.as_mut();
    check(unsafe {
        sys::fl_duplication_apply(
            T::DTYPE,
            i64_of("n", n)?,
            pinv as std::os::raw::c_int,
            trans.raw(),
            x.raw_cols(),
            x.layout().raw(),
            x.ptr(),
            x.raw_ld(),
            o.layout().raw(),
            o.ptr(),
            o.raw_ld(),
        )
    })?;
    Ok(out)
}

/// D(n) (n^2-by-n(n+1)/2) or, with pinv, D(n)^+ (n(n+1)/2-by-n^2).
pub fn duplication_matrix<T: Scalar>(n: usize, pinv: bool, layout: Layout) -> Result<Mat<T>> {
    let (rows, cols) = duplication_shape(n, pinv)?;
    let mut out = Mat::zeros(rows, cols, layout)?;
    let mut o = out.as_mut();
    check(unsafe {
        sys::fl_duplication_matrix(
            T::DTYPE,
            i64_of("n", n)?,
            pinv as std::os::raw::c_int,
            layout.raw(),
            o.ptr(),
            o.raw_ld(),
        )
    })?;
    Ok(out)
}
