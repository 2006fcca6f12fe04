//! ndarray: a contiguous `ArrayView2` / `ArrayViewMut2` is a `MatRef` / `MatMut` over the
//! same memory (standard order as row-major, Fortran order as column-major), and an owned
//! `Mat` moves into an `Array2` (and back) without copying its elements.
//!
//! Views that are neither contiguous order are refused rather than copied or viewed through
//! a slice spanning memory they do not own (another view may be writing there): call
//! `.as_standard_layout()` first.

use crate::error::{fail, Error, Result, Status};
use crate::matrix::{Layout, Mat, MatMut, MatRef};
use ndarray::{Array2, ArrayView2, ArrayViewMut2, ShapeBuilder};

fn not_contiguous<T>(what: &str, shape: &[usize]) -> Result<T> {
    fail(
        Status::InvalidArgument,
        format!(
            "{}: the {}-by-{} view is neither C- nor Fortran-contiguous (use .as_standard_layout())",
            what, shape[0], shape[1]
        ),
    )
}

impl<'a, T> TryFrom<ArrayView2<'a, T>> for MatRef<'a, T> {
    type Error = Error;
    fn try_from(a: ArrayView2<'a, T>) -> Result<Self> {
        let (rows, cols) = a.dim();
        if let Some(data) = a.to_slice() {
            return MatRef::row_major(data, rows, cols);
        }
        match a.reversed_axes().to_slice() {
            Some(data) => MatRef::col_major(data, rows, cols),
            None => not_contiguous("MatRef::try_from(ArrayView2)", &[rows, cols]),
        }
    }
}

impl<'a, T> TryFrom<ArrayViewMut2<'a, T>> for MatMut<'a, T> {
    type Error = Error;
    fn try_from(a: ArrayViewMut2<'a, T>) -> Result<Self> {
        let (rows, cols) = a.dim();
        let row_major = a.is_standard_layout();
        let a = if row_major { a } else { a.reversed_axes() };
        match (a.into_slice(), row_major) {
            (Some(data), true) => MatMut::row_major(data, rows, cols),
            (Some(data), false) => MatMut::col_major(data, rows, cols),
            (None, _) => not_contiguous("MatMut::try_from(ArrayViewMut2)", &[rows, cols]),
        }
    }
}

impl<T> From<Mat<T>> for Array2<T> {
    fn from(m: Mat<T>) -> Self {
        let (rows, cols, layout) = (m.rows(), m.cols(), m.layout());
        let data = m.into_vec();
        let shaped = match layout {
            Layout::RowMajor => Array2::from_shape_vec((rows, cols), data),
            Layout::ColMajor => Array2::from_shape_vec((rows, cols).f(), data),
        };
        shaped.expect("a Mat holds exactly rows * cols elements")
    }
}

impl<T: Clone> From<Array2<T>> for Mat<T> {
    /// Moves the elements when the array holds exactly its rows * cols elements in either
    /// contiguous order; otherwise (a sliced or strided array) copies them in row-major order.
    fn from(a: Array2<T>) -> Self {
        let (rows, cols) = a.dim();
        let layout = if a.is_standard_layout() {
            Some(Layout::RowMajor)
        } else if a.t().is_standard_layout() {
            Some(Layout::ColMajor)
        } else {
            None
        };
        let (s0, s1) = (a.strides()[0], a.strides()[1]);
        let (data, offset) = a.into_raw_vec_and_offset();
        if let Some(layout) = layout.filter(|_| data.len() == rows * cols) {
            return Mat::from_vec(data, rows, cols, layout).expect("rows * cols elements");
        }
        let start = offset.unwrap_or(0) as isize;
        let copied = (0..rows)
            .flat_map(|i| (0..cols).map(move |j| start + i as isize * s0 + j as isize * s1))
            .map(|k| data[k as usize].clone())
            .collect();
        Mat::from_vec(copied, rows, cols, Layout::RowMajor).expect("rows * cols elements")
    }
}
