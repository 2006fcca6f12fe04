//! Rolled pairwise products of two stacks of matrices.

use crate::error::{check, Result};
use crate::matrix::{expect_len, i64_of, size_product, Layout};
use crate::scalar::Scalar;
use fastlinalg_sys as sys;

/// out[i, j] = A[i] B[(i + j) mod d] for a stack A of d m-by-n matrices and B of d n-by-l
/// matrices, each packed in `layout`; out is d*k m-by-l matrices, (i*k + j) the i, j one.
/// With `Layout::RowMajor` these are C-ordered (d, m, n), (d, n, l) and (d, k, m, l) arrays.
#[allow(clippy::too_many_arguments)]
pub fn rolled_matmul<T: Scalar>(
    layout: Layout,
    d: usize,
    k: usize,
    m: usize,
    n: usize,
    l: usize,
    a: &[T],
    b: &[T],
) -> Result<Vec<T>> {
    expect_len(
        "rolled_matmul",
        "a",
        a.len(),
        size_product("rolled_matmul", &[d, m, n])?,
    )?;
    expect_len(
        "rolled_matmul",
        "b",
        b.len(),
        size_product("rolled_matmul", &[d, n, l])?,
    )?;
    let mut out = vec![T::default(); size_product("rolled_matmul", &[d, k, m, l])?];
    check(unsafe {
        sys::fl_rolled_matmul(
            T::DTYPE,
            layout.raw(),
            i64_of("d", d)?,
            i64_of("k", k)?,
            i64_of("m", m)?,
            i64_of("n", n)?,
            i64_of("l", l)?,
            a.as_ptr().cast(),
            b.as_ptr().cast(),
            out.as_mut_ptr().cast(),
        )
    })?;
    Ok(out)
}
