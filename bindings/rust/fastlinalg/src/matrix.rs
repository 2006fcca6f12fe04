//! Dense matrices as the C API sees them: a slice, a shape, a layout and a leading
//! dimension. The constructors check that the slice holds the whole shape, so no C call
//! ever reads or writes past it.

use crate::error::{fail, Result, Status};
use fastlinalg_sys as sys;

/// How element (i, j) is found: `RowMajor` at `data[i*ld + j]`, `ColMajor` at `data[i + j*ld]`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Layout {
    RowMajor,
    ColMajor,
}

impl Layout {
    pub(crate) fn raw(self) -> sys::fl_layout {
        match self {
            Layout::RowMajor => sys::FL_ROW_MAJOR,
            Layout::ColMajor => sys::FL_COL_MAJOR,
        }
    }

    fn index(self, i: usize, j: usize, ld: usize) -> usize {
        match self {
            Layout::RowMajor => i * ld + j,
            Layout::ColMajor => i + j * ld,
        }
    }
}

/// op(A) = A, A^T or A^H (the conjugate transpose; A^T for a real A).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Transpose {
    No,
    Trans,
    ConjTrans,
}

impl Transpose {
    pub(crate) fn raw(self) -> sys::fl_transpose {
        match self {
            Transpose::No => sys::FL_NO_TRANS,
            Transpose::Trans => sys::FL_TRANS,
            Transpose::ConjTrans => sys::FL_CONJ_TRANS,
        }
    }
    /// The (rows, cols) of op(M) for an M of `shape`.
    pub(crate) fn op_shape(self, shape: (usize, usize)) -> (usize, usize) {
        match self {
            Transpose::No => shape,
            Transpose::Trans | Transpose::ConjTrans => (shape.1, shape.0),
        }
    }
}

/// The number of elements a rows-by-cols matrix with leading dimension ld spans, after
/// checking ld against the layout (as the C API does, so the check holds for both).
fn span(what: &str, rows: usize, cols: usize, layout: Layout, ld: usize) -> Result<usize> {
    let inner = match layout {
        Layout::RowMajor => cols,
        Layout::ColMajor => rows,
    };
    let outer = match layout {
        Layout::RowMajor => rows,
        Layout::ColMajor => cols,
    };
    if ld < inner.max(1) {
        return fail(
            Status::InvalidArgument,
            format!(
                "{}: ld = {} is smaller than {} ({:?})",
                what,
                ld,
                inner.max(1),
                layout
            ),
        );
    }
    if outer == 0 || inner == 0 {
        return Ok(0);
    }
    (outer - 1)
        .checked_mul(ld)
        .and_then(|n| n.checked_add(inner))
        .map_or_else(
            || {
                fail(
                    Status::TooLarge,
                    format!("{}: {}-by-{} overflows", what, rows, cols),
                )
            },
            Ok,
        )
}

fn check_len(
    what: &str,
    len: usize,
    rows: usize,
    cols: usize,
    layout: Layout,
    ld: usize,
) -> Result<()> {
    // Every size must fit the int64_t it crosses the boundary as, so that `as i64` is exact.
    if rows.max(cols).max(ld) > i64::MAX as usize {
        return fail(Status::TooLarge, format!("{}: a size exceeds int64", what));
    }
    let needed = span(what, rows, cols, layout, ld)?;
    if len < needed {
        return fail(
            Status::DimensionMismatch,
            format!(
                "{}: data has {} elements, a {}-by-{} {:?} matrix with ld = {} needs {}",
                what, len, rows, cols, layout, ld, needed
            ),
        );
    }
    Ok(())
}

fn tight_ld(rows: usize, cols: usize, layout: Layout) -> usize {
    match layout {
        Layout::RowMajor => cols.max(1),
        Layout::ColMajor => rows.max(1),
    }
}

/// A read-only dense matrix over a borrowed slice.
#[derive(Clone, Copy, Debug)]
pub struct MatRef<'a, T> {
    data: &'a [T],
    rows: usize,
    cols: usize,
    layout: Layout,
    ld: usize,
}

/// A writable dense matrix over a borrowed slice.
#[derive(Debug)]
pub struct MatMut<'a, T> {
    data: &'a mut [T],
    rows: usize,
    cols: usize,
    layout: Layout,
    ld: usize,
}

/// The constructors and shape accessors MatRef and MatMut share; `$data` is the borrowed slice.
macro_rules! view_methods {
    ($name:literal, $data:ty) => {
        /// `data` as a rows-by-cols matrix, each row contiguous.
        pub fn row_major(data: $data, rows: usize, cols: usize) -> Result<Self> {
            let ld = tight_ld(rows, cols, Layout::RowMajor);
            Self::with_ld(data, rows, cols, Layout::RowMajor, ld)
        }
        /// `data` as a rows-by-cols matrix, each column contiguous.
        pub fn col_major(data: $data, rows: usize, cols: usize) -> Result<Self> {
            let ld = tight_ld(rows, cols, Layout::ColMajor);
            Self::with_ld(data, rows, cols, Layout::ColMajor, ld)
        }
        /// `data` as a rows-by-cols matrix in `layout` with leading dimension `ld`.
        pub fn with_ld(
            data: $data,
            rows: usize,
            cols: usize,
            layout: Layout,
            ld: usize,
        ) -> Result<Self> {
            check_len($name, data.len(), rows, cols, layout, ld)?;
            Ok(Self {
                data,
                rows,
                cols,
                layout,
                ld,
            })
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
        pub fn ld(&self) -> usize {
            self.ld
        }
        pub(crate) fn raw_ld(&self) -> i64 {
            self.ld as i64
        }
        pub(crate) fn shape(&self) -> (usize, usize) {
            (self.rows, self.cols)
        }
    };
}

impl<'a, T> MatRef<'a, T> {
    view_methods!("MatRef", &'a [T]);

    pub fn data(&self) -> &'a [T] {
        self.data
    }
    /// Element (i, j); panics outside the shape.
    pub fn at(&self, i: usize, j: usize) -> &T {
        &self.data[element_index(self.shape(), self.layout, self.ld, i, j)]
    }
    pub(crate) fn ptr(&self) -> *const std::os::raw::c_void {
        self.data.as_ptr().cast()
    }
    pub(crate) fn raw_rows(&self) -> i64 {
        self.rows as i64
    }
    pub(crate) fn raw_cols(&self) -> i64 {
        self.cols as i64
    }
}

impl<'a, T> MatMut<'a, T> {
    view_methods!("MatMut", &'a mut [T]);

    /// A read-only view of the same matrix.
    pub fn as_ref(&self) -> MatRef<'_, T> {
        MatRef {
            data: self.data,
            rows: self.rows,
            cols: self.cols,
            layout: self.layout,
            ld: self.ld,
        }
    }
    pub(crate) fn ptr(&mut self) -> *mut std::os::raw::c_void {
        self.data.as_mut_ptr().cast()
    }
}

/// An owned, tightly packed matrix: what the allocating functions return.
#[derive(Clone, Debug, PartialEq)]
pub struct Mat<T> {
    data: Vec<T>,
    rows: usize,
    cols: usize,
    layout: Layout,
}

impl<T: Copy + Default> Mat<T> {
    /// A rows-by-cols matrix of zeros (T::default()).
    pub fn zeros(rows: usize, cols: usize, layout: Layout) -> Result<Self> {
        let len = rows.checked_mul(cols).map_or_else(
            || {
                fail(
                    Status::TooLarge,
                    format!("Mat: {}-by-{} overflows", rows, cols),
                )
            },
            Ok,
        )?;
        Ok(Mat {
            data: vec![T::default(); len],
            rows,
            cols,
            layout,
        })
    }
}

impl<T> Mat<T> {
    /// Takes ownership of `data` as a tightly packed rows-by-cols matrix.
    pub fn from_vec(data: Vec<T>, rows: usize, cols: usize, layout: Layout) -> Result<Self> {
        if rows.checked_mul(cols) != Some(data.len()) {
            return fail(
                Status::DimensionMismatch,
                format!(
                    "Mat::from_vec: {} elements for {}-by-{}",
                    data.len(),
                    rows,
                    cols
                ),
            );
        }
        Ok(Mat {
            data,
            rows,
            cols,
            layout,
        })
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
    /// Element (i, j); panics outside the shape.
    pub fn at(&self, i: usize, j: usize) -> &T {
        let ld = tight_ld(self.rows, self.cols, self.layout);
        &self.data[element_index((self.rows, self.cols), self.layout, ld, i, j)]
    }
    pub fn as_ref(&self) -> MatRef<'_, T> {
        let ld = tight_ld(self.rows, self.cols, self.layout);
        MatRef {
            data: &self.data,
            rows: self.rows,
            cols: self.cols,
            layout: self.layout,
            ld,
        }
    }
    pub fn as_mut(&mut self) -> MatMut<'_, T> {
        let ld = tight_ld(self.rows, self.cols, self.layout);
        MatMut {
            data: &mut self.data,
            rows: self.rows,
            cols: self.cols,
            layout: self.layout,
            ld,
        }
    }
}

/// Where (i, j) of a matrix of `shape` lies in its slice; panics outside the shape.
fn element_index(shape: (usize, usize), layout: Layout, ld: usize, i: usize, j: usize) -> usize {
    let (rows, cols) = shape;
    assert!(
        i < rows && j < cols,
        "({}, {}) outside {}-by-{}",
        i,
        j,
        rows,
        cols
    );
    layout.index(i, j, ld)
}

/// Sizes cross the boundary as int64_t; a usize beyond it is reported, never truncated.
pub(crate) fn i64_of(what: &str, n: usize) -> Result<i64> {
    i64::try_from(n).map_or_else(
        |_| fail(Status::TooLarge, format!("{} = {} exceeds int64", what, n)),
        Ok,
    )
}

/// Rejects a matrix whose shape is not the one the C call will read or write.
pub(crate) fn expect_shape(
    func: &str,
    name: &str,
    got: (usize, usize),
    rows: usize,
    cols: usize,
) -> Result<()> {
    if got != (rows, cols) {
        return fail(
            Status::DimensionMismatch,
            format!(
                "{}: {} is {}-by-{}, expected {}-by-{}",
                func, name, got.0, got.1, rows, cols
            ),
        );
    }
    Ok(())
}

/// Rejects a slice whose length is not the one the C call will read or write.
pub(crate) fn expect_len(func: &str, name: &str, got: usize, len: usize) -> Result<()> {
    if got != len {
        return fail(
            Status::DimensionMismatch,
            format!("{}: {} has {} elements, expected {}", func, name, got, len),
        );
    }
    Ok(())
}

/// The product of sizes (an output's element count or a dimension), reported rather than
/// wrapped when it overflows.
pub(crate) fn size_product(func: &str, sizes: &[usize]) -> Result<usize> {
    let product = sizes.iter().try_fold(1usize, |acc, &n| acc.checked_mul(n));
    product.map_or_else(
        || {
            fail(
                Status::TooLarge,
                format!("{}: the product of {:?} overflows", func, sizes),
            )
        },
        Ok,
    )
}
