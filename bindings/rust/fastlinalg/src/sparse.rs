//! Sparse matrices (SuiteSparse underneath) in compressed-column or compressed-row form.

use crate::error::{check, fail, Result, Status};
use crate::matrix::{expect_len, expect_shape, i64_of, Mat, MatRef, Transpose};
use crate::scalar::{Dtype, Scalar};
use fastlinalg_sys as sys;

mod sealed {
    pub trait Sealed {}
    impl Sealed for i32 {}
    impl Sealed for i64 {}
}

/// The index types of ptr and idx: i32 (FL_INDEX_INT32) or i64 (FL_INDEX_INT64).
pub trait SparseIndex: sealed::Sealed + Copy {
    const INDEX_TYPE: sys::fl_index_type;
    fn to_i64(self) -> i64;
}

impl SparseIndex for i32 {
    const INDEX_TYPE: sys::fl_index_type = sys::FL_INDEX_INT32;
    fn to_i64(self) -> i64 {
        self as i64
    }
}

impl SparseIndex for i64 {
    const INDEX_TYPE: sys::fl_index_type = sys::FL_INDEX_INT64;
    fn to_i64(self) -> i64 {
        self
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SparseFormat {
    Csc,
    Csr,
}

/// An owned sparse matrix. Products and factorizations only read it, so `&Sparse` may be
/// shared between threads; `set_values` takes `&mut self`, so it cannot race with them.
#[derive(Debug)]
pub struct Sparse {
    raw: *mut sys::fl_sparse,
    dtype: Dtype,
    /// The number of entries of the arrays it was made from: what set_values reads.
    entries: usize,
}

unsafe impl Send for Sparse {}
unsafe impl Sync for Sparse {}

impl Drop for Sparse {
    fn drop(&mut self) {
        unsafe { sys::fl_sparse_destroy(self.raw) }
    }
}

impl Sparse {
    /// A rows-by-cols matrix from 0-based compressed arrays as scipy.sparse holds them:
    /// ptr has outer + 1 offsets (outer = cols for CSC, rows for CSR), idx and values
    /// ptr[outer] entries each.
    pub fn new<I: SparseIndex, T: Scalar>(
        format: SparseFormat,
        rows: usize,
        cols: usize,
        ptr: &[I],
        idx: &[I],
        values: &[T],
    ) -> Result<Sparse> {
        let (outer, raw_format) = match format {
            SparseFormat::Csc => (cols, sys::FL_SPARSE_CSC),
            SparseFormat::Csr => (rows, sys::FL_SPARSE_CSR),
        };
        expect_len("Sparse::new", "ptr", ptr.len(), outer.saturating_add(1))?;
        // The C call reads ptr[outer] indices and values: both slices must hold exactly those.
        let last = ptr[outer].to_i64();
        if last < 0 || last as u64 != idx.len() as u64 {
            return fail(
                Status::DimensionMismatch,
                format!(
                    "Sparse::new: ptr[{}] = {} but idx has {} entries",
                    outer,
                    last,
                    idx.len()
                ),
            );
        }
        expect_len("Sparse::new", "values", values.len(), idx.len())?;
        let mut raw = std::ptr::null_mut();
        check(unsafe {
            sys::fl_sparse_create(
                &mut raw,
                raw_format,
                I::INDEX_TYPE,
                T::DTYPE,
                i64_of("rows", rows)?,
                i64_of("cols", cols)?,
                ptr.as_ptr().cast(),
                idx.as_ptr().cast(),
                values.as_ptr().cast(),
            )
        })?;
        let dtype = Dtype::from_raw(T::DTYPE).expect("a Scalar's dtype is known");
        Ok(Sparse {
            raw,
            dtype,
            entries: idx.len(),
        })
    }
    pub fn csc<I: SparseIndex, T: Scalar>(
        rows: usize,
        cols: usize,
        ptr: &[I],
        idx: &[I],
        values: &[T],
    ) -> Result<Sparse> {
        Sparse::new(SparseFormat::Csc, rows, cols, ptr, idx, values)
    }
    pub fn csr<I: SparseIndex, T: Scalar>(
        rows: usize,
        cols: usize,
        ptr: &[I],
        idx: &[I],
        values: &[T],
    ) -> Result<Sparse> {
        Sparse::new(SparseFormat::Csr, rows, cols, ptr, idx, values)
    }

    /// New values for the same pattern, one per entry of the arrays it was made from.
    pub fn set_values<T: Scalar>(&mut self, values: &[T]) -> Result<()> {
        expect_len("Sparse::set_values", "values", values.len(), self.entries)?;
        check(unsafe { sys::fl_sparse_set_values(self.raw, T::DTYPE, values.as_ptr().cast()) })
    }

    /// (rows, cols, stored entries after duplicates were summed).
    pub fn shape(&self) -> Result<(usize, usize, usize)> {
        let (mut rows, mut cols, mut nnz) = (0i64, 0i64, 0i64);
        check(unsafe { sys::fl_sparse_shape(self.raw, &mut rows, &mut cols, &mut nnz) })?;
        Ok((rows as usize, cols as usize, nnz as usize))
    }
    pub fn dtype(&self) -> Dtype {
        self.dtype
    }

    /// Y = op(A) X, in X's layout.
    pub fn multiply<T: Scalar>(&self, trans: Transpose, x: MatRef<'_, T>) -> Result<Mat<T>> {
        let (rows, cols, _) = self.shape()?;
        let (y_rows, x_rows) = trans.op_shape((rows, cols));
        expect_shape("Sparse::multiply", "x", x.shape(), x_rows, x.cols())?;
        let mut y = Mat::zeros(y_rows, x.cols(), x.layout())?;
        let mut out = y.as_mut();
        check(unsafe {
            sys::fl_sparse_multiply(
                self.raw,
                trans.raw(),
                T::DTYPE,
                x.raw_cols(),
                x.layout().raw(),
                x.ptr(),
                x.raw_ld(),
                out.layout().raw(),
                out.ptr(),
                out.raw_ld(),
            )
        })?;
        Ok(y)
    }

    pub(crate) fn raw(&self) -> *const sys::fl_sparse {
        self.raw
    }
}
