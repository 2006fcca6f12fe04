//! Rolled pairwise products of two stacks of matrices.

use crate::error::{check, fail, Result, Status};
use crate::matrix::{expect_len, i64_of, Layout};
use crate::scalar::Scalar;
use fastlinalg_sys as sys;

fn product(sizes: &[usize]) -> Result<usize> {
    sizes
        .iter()
        .try_fold(1usize, |acc, &n| acc.checked_mul(n))
        .map_or_else(
            || {
                fail(
                    Status::TooLarge,
                    format!("rolled_matmul: the product of {:?} overflows", sizes),
                )
            },
            Ok,
        )
}

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
    expect_len("rolled_matmul", "a", a.len(), product(&[d, m, n])?)?;
    expect_len("rolled_matmul", "b", b.len(), product(&[d, n, l])?)?;
    let mut out = vec![T::default(); product(&[d, k, m, l])?];
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
