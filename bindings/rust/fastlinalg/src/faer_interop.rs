//! faer: a `faer::MatRef` / `faer::MatMut` whose elements are packed, by columns or by rows
//! (a view made from a slice, `faer::MatRef::from_column_major_slice`, or its transpose), is
//! a `MatRef` / `MatMut` over the same memory. A `faer::Mat` pads its columns for SIMD, and
//! its padding is neither the view's to share nor necessarily initialised, so such a view is
//! refused and `Mat::from(a.as_ref())` copies it instead. The other way costs nothing: any
//! `MatRef` is a faer view of the same memory (`as_faer`), so results can be used in faer
//! without a copy; an owned `Mat` becomes a `faer::Mat` by a copy.

use crate::error::{fail, Error, Result, Status};
use crate::matrix::{Layout, Mat, MatMut, MatRef};
use crate::scalar::Scalar;

/// The layout of packed rows-by-cols elements with these strides, if they are packed.
fn packed_layout(rows: usize, cols: usize, rs: isize, cs: isize) -> Option<Layout> {
    if rows * cols <= 1 || (rs == 1 && (cols == 1 || cs == rows as isize)) {
        Some(Layout::ColMajor)
    } else if cs == 1 && (rows == 1 || rs == cols as isize) {
        Some(Layout::RowMajor)
    } else {
        None
    }
}

/// The layout of a faer view's packed elements, or the error that names its strides.
fn packed<T>(what: &str, m: faer::MatRef<'_, T>) -> Result<Layout> {
    let (rows, cols, rs, cs) = (m.nrows(), m.ncols(), m.row_stride(), m.col_stride());
    packed_layout(rows, cols, rs, cs).map_or_else(
        || {
            fail(
                Status::InvalidArgument,
                format!(
                    "{}: the {}-by-{} view has strides ({}, {}), not packed rows or columns (copy it with Mat::from)",
                    what, rows, cols, rs, cs
                ),
            )
        },
        Ok,
    )
}

impl<'a, T: Scalar> TryFrom<faer::MatRef<'a, T>> for MatRef<'a, T> {
    type Error = Error;
    fn try_from(m: faer::MatRef<'a, T>) -> Result<Self> {
        let layout = packed("MatRef::try_from(faer::MatRef)", m)?;
        let (rows, cols) = (m.nrows(), m.ncols());
        // Packed: the rows * cols elements from as_ptr() are exactly the view's own.
        let data = unsafe { std::slice::from_raw_parts(m.as_ptr(), rows * cols) };
        MatRef::with_ld(data, rows, cols, layout, tight(rows, cols, layout))
    }
}

impl<'a, T: Scalar> TryFrom<faer::MatMut<'a, T>> for MatMut<'a, T> {
    type Error = Error;
    fn try_from(m: faer::MatMut<'a, T>) -> Result<Self> {
        let layout = packed("MatMut::try_from(faer::MatMut)", m.as_ref())?;
        let (rows, cols) = (m.nrows(), m.ncols());
        let data = unsafe { std::slice::from_raw_parts_mut(m.as_ptr_mut(), rows * cols) };
        MatMut::with_ld(data, rows, cols, layout, tight(rows, cols, layout))
    }
}

fn tight(rows: usize, cols: usize, layout: Layout) -> usize {
    match layout {
        Layout::RowMajor => cols.max(1),
        Layout::ColMajor => rows.max(1),
    }
}

impl<'a, T: Scalar> MatRef<'a, T> {
    /// The same matrix as a faer view over the same memory.
    pub fn as_faer(&self) -> faer::MatRef<'a, T> {
        let (rs, cs) = match self.layout() {
            Layout::RowMajor => (self.ld() as isize, 1),
            Layout::ColMajor => (1, self.ld() as isize),
        };
        // The slice was checked to hold every element these strides reach.
        unsafe {
            faer::MatRef::from_raw_parts(self.data().as_ptr(), self.rows(), self.cols(), rs, cs)
        }
    }
}

impl<T: Scalar> From<Mat<T>> for faer::Mat<T> {
    fn from(m: Mat<T>) -> Self {
        faer::Mat::from_fn(m.rows(), m.cols(), |i, j| *m.at(i, j))
    }
}

impl<T: Scalar> From<faer::MatRef<'_, T>> for Mat<T> {
    /// Copies any faer view, whatever its strides, into a column-major Mat.
    fn from(m: faer::MatRef<'_, T>) -> Self {
        let data = (0..m.ncols())
            .flat_map(|j| (0..m.nrows()).map(move |i| m[(i, j)]))
            .collect();
        Mat::from_vec(data, m.nrows(), m.ncols(), Layout::ColMajor).expect("rows * cols elements")
    }
}
