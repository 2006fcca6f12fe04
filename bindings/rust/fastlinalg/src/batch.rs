//! Stacks of small matrices: the one-shot stack calls (numpy's stacked `solve`, `inv`,
//! `slogdet`, `cholesky`, `eigh`) and `Batch`, a factored stack solved many times.
//!
//! One bad matrix never fails a call: every call that factors returns, beside its result,
//! one `Option<Status>` per matrix, `None` when that matrix was factored and otherwise the
//! status the one-matrix call would have returned (its outputs are then NaN).

use crate::error::{check, fail, Result, Status};
use crate::factor::{FactorKind, Part};
use crate::matrix::{i64_of, size_product, Layout, MatRef};
use crate::options::{Options, Triangle};
use crate::scalar::Scalar;
use fastlinalg_sys as sys;

/// `count` matrices of one shape, one after another in one `Vec`, each in `layout` with the
/// tight leading dimension: a row-major stack is numpy's C-contiguous (count, rows, cols).
#[derive(Clone, Debug, PartialEq)]
pub struct Stack<T> {
    data: Vec<T>,
    count: usize,
    rows: usize,
    cols: usize,
    layout: Layout,
}

impl<T: Scalar> Stack<T> {
    /// `data` (count * rows * cols elements) as a stack.
    pub fn from_vec(
        data: Vec<T>,
        count: usize,
        rows: usize,
        cols: usize,
        layout: Layout,
    ) -> Result<Stack<T>> {
        let len = size_product("Stack::from_vec", &[count, rows, cols])?;
        if data.len() != len {
            return fail(
                Status::DimensionMismatch,
                format!(
                    "Stack::from_vec: data has {} elements, {} {}-by-{} matrices need {}",
                    data.len(),
                    count,
                    rows,
                    cols,
                    len
                ),
            );
        }
        for n in [count, rows, cols] {
            i64_of("Stack::from_vec: a size", n)?;
        }
        Ok(Stack {
            data,
            count,
            rows,
            cols,
            layout,
        })
    }
    /// A stack of zeros (the shape an output is allocated in).
    pub fn zeros(count: usize, rows: usize, cols: usize, layout: Layout) -> Result<Stack<T>> {
        let len = size_product("Stack::zeros", &[count, rows, cols])?;
        Stack::from_vec(vec![T::default(); len], count, rows, cols, layout)
    }
    pub fn count(&self) -> usize {
        self.count
    }
    pub fn rows(&self) -> usize {
        self.rows
    }
    pub fn cols(&self) -> usize {
        self.cols
    }
    pub fn layout(&self) -> Layout {
        self.layout
    }
    pub fn data(&self) -> &[T] {
        &self.data
    }
    pub fn into_vec(self) -> Vec<T> {
        self.data
    }
    /// Matrix `l` of the stack, as a view.
    pub fn matrix(&self, l: usize) -> MatRef<'_, T> {
        let size = self.rows * self.cols;
        let data = &self.data[l * size..(l + 1) * size];
        MatRef::with_ld(data, self.rows, self.cols, self.layout, self.ld() as usize)
            .expect("a stack's matrices fit their slice")
    }

    fn ld(&self) -> i64 {
        (match self.layout {
            Layout::RowMajor => self.cols,
            Layout::ColMajor => self.rows,
        })
        .max(1) as i64
    }
    fn stride(&self) -> i64 {
        (self.rows * self.cols) as i64
    }
    fn ptr(&self) -> *const std::os::raw::c_void {
        self.data.as_ptr().cast()
    }
    fn ptr_mut(&mut self) -> *mut std::os::raw::c_void {
        self.data.as_mut_ptr().cast()
    }
    /// A zero stack of `count` rows-by-cols matrices in this stack's layout.
    fn output(&self, count: usize, rows: usize, cols: usize) -> Result<Stack<T>> {
        Stack::zeros(count, rows, cols, self.layout)
    }
    /// The order n of a stack of square matrices, else an error naming `func` and `what`.
    fn order(&self, func: &str, what: &str) -> Result<usize> {
        if self.rows != self.cols {
            return fail(
                Status::DimensionMismatch,
                format!(
                    "{}: {} holds {}-by-{} matrices, not square ones",
                    func, what, self.rows, self.cols
                ),
            );
        }
        Ok(self.rows)
    }
    /// Rejects a right-hand side stack that does not fit `count` systems of order n.
    fn expect_rhs(&self, func: &str, count: usize, n: usize, layout: Layout) -> Result<()> {
        if self.count != count || self.rows != n || self.layout != layout {
            return fail(
                Status::DimensionMismatch,
                format!(
                    "{}: b holds {} {}-row {:?} matrices, expected {} with {} rows in {:?}",
                    func, self.count, self.rows, self.layout, count, n, layout
                ),
            );
        }
        Ok(())
    }
}

/// One entry per matrix: `None` if it was factored, else why not.
pub type Info = Vec<Option<Status>>;

fn info_of(raw: &[i32]) -> Info {
    raw.iter()
        .map(|&s| (s != sys::FL_OK).then(|| Status::from_raw(s)))
        .collect()
}

fn triangle_raw(triangle: Triangle) -> sys::fl_triangle {
    match triangle {
        Triangle::Lower => sys::FL_LOWER,
        Triangle::Upper => sys::FL_UPPER,
    }
}

/// The fused stack solves: checks A and B, makes X shaped as B, and hands X and the info
/// array to `solve`, which passes them to the C call.
fn stack_solve_into<T: Scalar>(
    func: &str,
    a: &Stack<T>,
    b: &Stack<T>,
    solve: impl FnOnce(&mut Stack<T>, *mut i32) -> sys::fl_status,
) -> Result<(Stack<T>, Info)> {
    let n = a.order(func, "a")?;
    b.expect_rhs(func, a.count, n, a.layout)?;
    let mut x = b.output(b.count, n, b.cols)?;
    let mut info = vec![0i32; a.count];
    check(solve(&mut x, info.as_mut_ptr()))?;
    Ok((x, info_of(&info)))
}

/// X_l = A_l^-1 B_l for every l, by LU with partial pivoting.
pub fn stack_solve<T: Scalar>(a: &Stack<T>, b: &Stack<T>) -> Result<(Stack<T>, Info)> {
    stack_solve_into("stack_solve", a, b, |x, info| unsafe {
        sys::fl_stack_solve(
            T::DTYPE,
            a.layout.raw(),
            a.count as i64,
            a.rows as i64,
            a.ptr(),
            a.ld(),
            a.stride(),
            b.cols as i64,
            b.ptr(),
            b.ld(),
            b.stride(),
            x.ptr_mut(),
            x.ld(),
            x.stride(),
            info,
        )
    })
}

/// The fused stack calls that map each square A_l to an n-by-n result: checks A, makes the
/// output stack, and hands it and the info array to `call`, which passes them to the C call.
fn stack_square_into<T: Scalar>(
    func: &str,
    a: &Stack<T>,
    call: impl FnOnce(&mut Stack<T>, *mut i32) -> sys::fl_status,
) -> Result<(Stack<T>, Info)> {
    let n = a.order(func, "a")?;
    let mut out = a.output(a.count, n, n)?;
    let mut info = vec![0i32; a.count];
    check(call(&mut out, info.as_mut_ptr()))?;
    Ok((out, info_of(&info)))
}

/// The inverse of every A_l, by LU with partial pivoting.
pub fn stack_inverse<T: Scalar>(a: &Stack<T>) -> Result<(Stack<T>, Info)> {
    stack_square_into("stack_inverse", a, |inv, info| unsafe {
        sys::fl_stack_inverse(
            T::DTYPE,
            a.layout.raw(),
            a.count as i64,
            a.rows as i64,
            a.ptr(),
            a.ld(),
            a.stride(),
            inv.ptr_mut(),
            inv.ld(),
            inv.stride(),
            info,
        )
    })
}

/// (signs, log|det|) of every A_l: det(A_l) = sign_l * exp(logabsdet_l). A singular matrix
/// is not a failure (sign 0, logabsdet -inf).
pub fn stack_slogdet<T: Scalar>(a: &Stack<T>) -> Result<(Vec<f64>, Vec<f64>, Info)> {
    let n = a.order("stack_slogdet", "a")?;
    let (mut sign, mut logabsdet) = (vec![0.0; a.count], vec![0.0; a.count]);
    let mut info = vec![0i32; a.count];
    check(unsafe {
        sys::fl_stack_slogdet(
            T::DTYPE,
            a.layout.raw(),
            a.count as i64,
            n as i64,
            a.ptr(),
            a.ld(),
            a.stride(),
            sign.as_mut_ptr(),
            logabsdet.as_mut_ptr(),
            info.as_mut_ptr(),
        )
    })?;
    Ok((sign, logabsdet, info_of(&info)))
}

/// L_l with A_l = L_l L_l^T for every symmetric positive definite A_l (zeros above the
/// diagonal); only `triangle` of each A_l is read.
pub fn stack_cholesky<T: Scalar>(a: &Stack<T>, triangle: Triangle) -> Result<(Stack<T>, Info)> {
    stack_square_into("stack_cholesky", a, |l, info| unsafe {
        sys::fl_stack_cholesky(
            T::DTYPE,
            a.layout.raw(),
            a.count as i64,
            a.rows as i64,
            a.ptr(),
            a.ld(),
            a.stride(),
            triangle_raw(triangle),
            l.ptr_mut(),
            l.ld(),
            l.stride(),
            info,
        )
    })
}

/// X_l = A_l^-1 B_l for every symmetric positive definite A_l, by Cholesky.
pub fn stack_cholesky_solve<T: Scalar>(
    a: &Stack<T>,
    triangle: Triangle,
    b: &Stack<T>,
) -> Result<(Stack<T>, Info)> {
    stack_solve_into("stack_cholesky_solve", a, b, |x, info| unsafe {
        sys::fl_stack_cholesky_solve(
            T::DTYPE,
            a.layout.raw(),
            a.count as i64,
            a.rows as i64,
            a.ptr(),
            a.ld(),
            a.stride(),
            triangle_raw(triangle),
            b.cols as i64,
            b.ptr(),
            b.ld(),
            b.stride(),
            x.ptr_mut(),
            x.ld(),
            x.stride(),
            info,
        )
    })
}

/// Ascending eigenvalues (a count-by-n stack of 1-by-n rows, one per matrix, so that
/// `values.data()[l * n + j]` is the j-th of A_l) and orthonormal eigenvectors (column j for
/// eigenvalue j) of every symmetric A_l.
pub fn stack_eigh<T: Scalar>(
    a: &Stack<T>,
    triangle: Triangle,
) -> Result<(Stack<T>, Stack<T>, Info)> {
    let n = a.order("stack_eigh", "a")?;
    let mut w = Stack::zeros(a.count, 1, n, Layout::RowMajor)?;
    let mut v = a.output(a.count, n, n)?;
    let mut info = vec![0i32; a.count];
    check(unsafe {
        sys::fl_stack_eigh(
            T::DTYPE,
            a.layout.raw(),
            a.count as i64,
            n as i64,
            a.ptr(),
            a.ld(),
            a.stride(),
            triangle_raw(triangle),
            w.ptr_mut(),
            n as i64,
            v.ptr_mut(),
            v.ld(),
            v.stride(),
            info.as_mut_ptr(),
        )
    })?;
    Ok((w, v, info_of(&info)))
}

/// A factored stack (`fl_batch`). The C API promises a batch never changes once built, so it
/// may be shared between threads and used from all of them at once.
#[derive(Debug)]
pub struct Batch {
    raw: *mut sys::fl_batch,
}

unsafe impl Send for Batch {}
unsafe impl Sync for Batch {}

impl Drop for Batch {
    fn drop(&mut self) {
        unsafe { sys::fl_batch_destroy(self.raw) }
    }
}

impl Batch {
    /// Factors every matrix of `a`: `Lu`, `Cholesky`, `Ldlt`, `Qr` (rows >= cols) or `Eigh`.
    /// A matrix that fails (see the `Info`) stays in the batch with NaN results.
    pub fn new<T: Scalar>(
        kind: FactorKind,
        a: &Stack<T>,
        options: Option<&Options>,
    ) -> Result<(Batch, Info)> {
        let mut raw = std::ptr::null_mut();
        let mut info = vec![0i32; a.count];
        check(unsafe {
            sys::fl_batch_create(
                &mut raw,
                kind.raw(),
                T::DTYPE,
                a.layout.raw(),
                a.count as i64,
                a.rows as i64,
                a.cols as i64,
                a.ptr(),
                a.ld(),
                a.stride(),
                Options::raw_or_null(options),
                info.as_mut_ptr(),
            )
        })?;
        Ok((Batch { raw }, info_of(&info)))
    }

    /// (count, rows, cols) of the factored matrices.
    pub fn shape(&self) -> (usize, usize, usize) {
        let (mut count, mut rows, mut cols) = (0i64, 0i64, 0i64);
        let status = unsafe {
            sys::fl_batch_describe(
                self.raw,
                std::ptr::null_mut(),
                std::ptr::null_mut(),
                &mut count,
                &mut rows,
                &mut cols,
            )
        };
        assert_eq!(status, sys::FL_OK, "a live batch handle describes itself");
        (count as usize, rows as usize, cols as usize)
    }
    pub fn kind(&self) -> FactorKind {
        let mut kind = 0;
        let status = unsafe {
            sys::fl_batch_describe(
                self.raw,
                &mut kind,
                std::ptr::null_mut(),
                std::ptr::null_mut(),
                std::ptr::null_mut(),
                std::ptr::null_mut(),
            )
        };
        assert_eq!(status, sys::FL_OK, "a live batch handle describes itself");
        FactorKind::from_raw(kind).expect("a live batch handle reports a known kind")
    }

    /// X_l with A_l X_l = B_l (QR: the least-squares solution), in B's layout.
    pub fn solve<T: Scalar>(&self, b: &Stack<T>) -> Result<Stack<T>> {
        let (count, rows, cols) = self.shape();
        b.expect_rhs("Batch::solve", count, rows, b.layout)?;
        let mut x = b.output(count, cols, b.cols)?;
        check(unsafe {
            sys::fl_batch_solve(
                self.raw,
                T::DTYPE,
                b.cols as i64,
                b.layout.raw(),
                b.ptr(),
                b.ld(),
                b.stride(),
                x.ptr_mut(),
                x.ld(),
                x.stride(),
            )
        })?;
        Ok(x)
    }
    /// (signs, log|det|) of every matrix (LU, Cholesky, LDL^T, EIGH).
    pub fn logdet(&self) -> Result<(Vec<f64>, Vec<f64>)> {
        let count = self.shape().0;
        let (mut sign, mut logabsdet) = (vec![0.0; count], vec![0.0; count]);
        check(unsafe {
            sys::fl_batch_logdet(self.raw, sign.as_mut_ptr(), logabsdet.as_mut_ptr())
        })?;
        Ok((sign, logabsdet))
    }
    /// The reciprocal 1-norm condition number of every matrix.
    pub fn rcond(&self) -> Result<Vec<f64>> {
        let mut rcond = vec![0.0; self.shape().0];
        check(unsafe { sys::fl_batch_rcond(self.raw, rcond.as_mut_ptr()) })?;
        Ok(rcond)
    }
    /// The inverse (QR, EIGH: pseudo-inverse) of every matrix, cols-by-rows, in `layout`.
    pub fn inverse<T: Scalar>(&self, layout: Layout) -> Result<Stack<T>> {
        let (count, rows, cols) = self.shape();
        let mut inv = Stack::zeros(count, cols, rows, layout)?;
        check(unsafe {
            sys::fl_batch_inverse(
                self.raw,
                T::DTYPE,
                layout.raw(),
                inv.ptr_mut(),
                inv.ld(),
                inv.stride(),
            )
        })?;
        Ok(inv)
    }
    /// One part of every factor: EIGH `Eigenvalues` (n-by-1) and `Eigenvectors` (n-by-n),
    /// QR `Q` (rows-by-cols) and `R` (cols-by-cols).
    pub fn part<T: Scalar>(&self, part: Part, layout: Layout) -> Result<Stack<T>> {
        let (count, rows, cols) = self.shape();
        let shape = match part {
            Part::Eigenvalues => (cols, 1),
            Part::Q => (rows, cols),
            _ => (cols, cols),
        };
        let mut out = Stack::zeros(count, shape.0, shape.1, layout)?;
        check(unsafe {
            sys::fl_batch_get_part(
                self.raw,
                part.raw(),
                T::DTYPE,
                layout.raw(),
                out.ptr_mut(),
                out.ld(),
                out.stride(),
            )
        })?;
        Ok(out)
    }
}
