//! nalgebra: a `DMatrix` is column-major and contiguous, so `&DMatrix` / `&mut DMatrix` are a
//! `MatRef` / `MatMut` over the same memory, and an owned `Mat` becomes a `DMatrix` (moved
//! when column-major, copied from a row-major one).

use crate::matrix::{Layout, Mat, MatMut, MatRef};
use nalgebra::{DMatrix, Scalar};

impl<'a, T> From<&'a DMatrix<T>> for MatRef<'a, T> {
    fn from(m: &'a DMatrix<T>) -> Self {
        MatRef::col_major(m.as_slice(), m.nrows(), m.ncols()).expect("a DMatrix is contiguous")
    }
}

impl<'a, T> From<&'a mut DMatrix<T>> for MatMut<'a, T> {
    fn from(m: &'a mut DMatrix<T>) -> Self {
        let (rows, cols) = m.shape();
        MatMut::col_major(m.as_mut_slice(), rows, cols).expect("a DMatrix is contiguous")
    }
}

impl<T: Scalar> From<Mat<T>> for DMatrix<T> {
    fn from(m: Mat<T>) -> Self {
        let (rows, cols, layout) = (m.rows(), m.cols(), m.layout());
        match layout {
            Layout::ColMajor => DMatrix::from_vec(rows, cols, m.into_vec()),
            Layout::RowMajor => DMatrix::from_row_slice(rows, cols, m.data()),
        }
    }
}

impl<T: Scalar> From<DMatrix<T>> for Mat<T> {
    fn from(m: DMatrix<T>) -> Self {
        let (rows, cols) = m.shape();
        Mat::from_vec(m.data.into(), rows, cols, Layout::ColMajor).expect("rows * cols elements")
    }
}
