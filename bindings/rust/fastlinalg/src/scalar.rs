//! The element types the C API computes in: f32 (FL_FLOAT32), f64 (FL_FLOAT64), and
//! num-complex's `Complex<f32>` (FL_COMPLEX64) and `Complex<f64>` (FL_COMPLEX128), whose
//! (re, im) memory layout is C99's `float _Complex` / `double _Complex`.

use fastlinalg_sys as sys;
use num_complex::Complex;

mod sealed {
    pub trait Sealed {}
    impl Sealed for f32 {}
    impl Sealed for f64 {}
    impl Sealed for num_complex::Complex<f32> {}
    impl Sealed for num_complex::Complex<f64> {}
}

/// f32, f64, `Complex<f32>` or `Complex<f64>`; sealed, because the library knows no other
/// element type.
pub trait Scalar: sealed::Sealed + Copy + Default + Send + Sync + 'static {
    /// The `fl_dtype` this type crosses the boundary as.
    const DTYPE: sys::fl_dtype;
    /// The real type of the same precision: what the real-valued outputs of a complex
    /// factor (residual norms, eigenvalues, singular values) are written in. `Self` for
    /// f32 and f64.
    type Real: Scalar;
}

impl Scalar for f32 {
    const DTYPE: sys::fl_dtype = sys::FL_FLOAT32;
    type Real = f32;
}

impl Scalar for f64 {
    const DTYPE: sys::fl_dtype = sys::FL_FLOAT64;
    type Real = f64;
}

impl Scalar for Complex<f32> {
    const DTYPE: sys::fl_dtype = sys::FL_COMPLEX64;
    type Real = f32;
}

impl Scalar for Complex<f64> {
    const DTYPE: sys::fl_dtype = sys::FL_COMPLEX128;
    type Real = f64;
}

/// The dtype of a factor or sparse handle.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dtype {
    Float32,
    Float64,
    Complex64,
    Complex128,
}

impl Dtype {
    pub(crate) fn from_raw(dtype: sys::fl_dtype) -> Option<Dtype> {
        match dtype {
            sys::FL_FLOAT32 => Some(Dtype::Float32),
            sys::FL_FLOAT64 => Some(Dtype::Float64),
            sys::FL_COMPLEX64 => Some(Dtype::Complex64),
            sys::FL_COMPLEX128 => Some(Dtype::Complex128),
            _ => None,
        }
    }
}
