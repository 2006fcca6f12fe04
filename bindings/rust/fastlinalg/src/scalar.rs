//! The element types the C API computes in: f32 (FL_FLOAT32) and f64 (FL_FLOAT64).

use fastlinalg_sys as sys;

mod sealed {
    pub trait Sealed {}
    impl Sealed for f32 {}
    impl Sealed for f64 {}
}

/// f32 or f64; sealed, because the library knows no other element type.
pub trait Scalar: sealed::Sealed + Copy + Default + Send + Sync + 'static {
    /// The `fl_dtype` this type crosses the boundary as.
    const DTYPE: sys::fl_dtype;
}

impl Scalar for f32 {
    const DTYPE: sys::fl_dtype = sys::FL_FLOAT32;
}

impl Scalar for f64 {
    const DTYPE: sys::fl_dtype = sys::FL_FLOAT64;
}

/// The dtype of a factor or sparse handle.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dtype {
    Float32,
    Float64,
}

impl Dtype {
    pub(crate) fn from_raw(dtype: sys::fl_dtype) -> Option<Dtype> {
        match dtype {
            sys::FL_FLOAT32 => Some(Dtype::Float32),
            sys::FL_FLOAT64 => Some(Dtype::Float64),
            _ => None,
        }
    }
}
