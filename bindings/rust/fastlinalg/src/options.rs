//! The options handle: `Options::new()?.triangle(Triangle::Upper)?` and so on.

use crate::error::{check, Result};
use fastlinalg_sys as sys;

/// Which triangle of a symmetric matrix is read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Triangle {
    Lower,
    Upper,
}

/// The options the C API knows (`fl_option`), less FL_OPT_OVERWRITE_A: it lets the library
/// write into a matrix this crate passes as a shared slice, which safe Rust cannot allow.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OptionKey {
    CheckFinite,
    Triangle,
    Rtol,
    Atol,
    /// `fl_precision`: 0 native, 1 mixed (see `Options::mixed_precision`).
    Precision,
    /// `fl_storage`: 0 full, 1 rectangular full packed (see `Options::packed_storage`).
    Storage,
    /// 1: a complex LDL^T reads A as complex symmetric (A^T = A), not Hermitian.
    ComplexSymmetric,
}

impl OptionKey {
    fn raw(self) -> sys::fl_option {
        match self {
            OptionKey::CheckFinite => sys::FL_OPT_CHECK_FINITE,
            OptionKey::Triangle => sys::FL_OPT_TRIANGLE,
            OptionKey::Rtol => sys::FL_OPT_RTOL,
            OptionKey::Atol => sys::FL_OPT_ATOL,
            OptionKey::Precision => sys::FL_OPT_PRECISION,
            OptionKey::Storage => sys::FL_OPT_STORAGE,
            OptionKey::ComplexSymmetric => sys::FL_OPT_COMPLEX_SYMMETRIC,
        }
    }
}

/// An owned `fl_options` handle. Setters take `&mut self`, so Rust's borrow rules already
/// keep it from being mutated while another thread reads it.
#[derive(Debug)]
pub struct Options {
    raw: *mut sys::fl_options,
}

unsafe impl Send for Options {}
unsafe impl Sync for Options {}

impl Options {
    /// Every option at its default.
    pub fn new() -> Result<Options> {
        let mut raw = std::ptr::null_mut();
        check(unsafe { sys::fl_options_create(&mut raw) })?;
        Ok(Options { raw })
    }

    /// Reject NaN/Inf in inputs (the default), or skip that O(n^2) check.
    pub fn check_finite(mut self, on: bool) -> Result<Options> {
        self.set_int(OptionKey::CheckFinite, on as i64)?;
        Ok(self)
    }
    /// Which triangle Cholesky, LDL^T and EIGH read.
    pub fn triangle(mut self, triangle: Triangle) -> Result<Options> {
        let value = match triangle {
            Triangle::Lower => sys::FL_LOWER,
            Triangle::Upper => sys::FL_UPPER,
        };
        self.set_int(OptionKey::Triangle, value as i64)?;
        Ok(self)
    }
    /// The relative tolerance of rank decisions, in [0, 1).
    pub fn rtol(mut self, rtol: f64) -> Result<Options> {
        self.set_real(OptionKey::Rtol, rtol)?;
        Ok(self)
    }
    /// The absolute tolerance of rank decisions, >= 0.
    pub fn atol(mut self, atol: f64) -> Result<Options> {
        self.set_real(OptionKey::Atol, atol)?;
        Ok(self)
    }

    /// A float64 LU or Cholesky factored in float32 and refined to float64 at every solve
    /// (`Factor::info(FactorInfo::Precision)` says whether it still is).
    pub fn mixed_precision(mut self, on: bool) -> Result<Options> {
        let value = if on {
            sys::FL_PRECISION_MIXED
        } else {
            sys::FL_PRECISION_NATIVE
        };
        self.set_int(OptionKey::Precision, value as i64)?;
        Ok(self)
    }
    /// Cholesky in rectangular full packed storage (half the memory), or full storage.
    pub fn packed_storage(mut self, on: bool) -> Result<Options> {
        let value = if on {
            sys::FL_STORAGE_RFP
        } else {
            sys::FL_STORAGE_FULL
        };
        self.set_int(OptionKey::Storage, value as i64)?;
        Ok(self)
    }

    /// A complex LDL^T of a complex symmetric A (A^T = A, `sytrf`: P A P^T = L D L^T) rather
    /// than of a Hermitian one (the default, `hetrf`: L D L^H). Means nothing for a real A.
    pub fn complex_symmetric(mut self, on: bool) -> Result<Options> {
        self.set_int(OptionKey::ComplexSymmetric, on as i64)?;
        Ok(self)
    }

    pub fn set_int(&mut self, key: OptionKey, value: i64) -> Result<()> {
        check(unsafe { sys::fl_options_set_int(self.raw, key.raw(), value) })
    }
    pub fn get_int(&self, key: OptionKey) -> Result<i64> {
        let mut value = 0;
        check(unsafe { sys::fl_options_get_int(self.raw, key.raw(), &mut value) })?;
        Ok(value)
    }
    pub fn set_real(&mut self, key: OptionKey, value: f64) -> Result<()> {
        check(unsafe { sys::fl_options_set_real(self.raw, key.raw(), value) })
    }
    pub fn get_real(&self, key: OptionKey) -> Result<f64> {
        let mut value = 0.0;
        check(unsafe { sys::fl_options_get_real(self.raw, key.raw(), &mut value) })?;
        Ok(value)
    }

    pub(crate) fn raw_or_null(options: Option<&Options>) -> *const sys::fl_options {
        options.map_or(std::ptr::null(), |o| o.raw as *const _)
    }
}

impl Drop for Options {
    fn drop(&mut self) {
        unsafe { sys::fl_options_destroy(self.raw) }
    }
}
