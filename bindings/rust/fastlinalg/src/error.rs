//! Every fallible call returns `Result<T>`; an `Error` carries the library's status and the
//! message that names the offending argument.

use fastlinalg_sys as sys;
use std::ffi::CStr;
use std::fmt;

/// The C API's `fl_status` values other than `FL_OK`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Status {
    InvalidArgument,
    DimensionMismatch,
    DtypeMismatch,
    Singular,
    NotPositiveDefinite,
    NonFinite,
    TooLarge,
    OutOfMemory,
    Unsupported,
    Internal,
    /// An iterative LAPACK routine (symmetric eigen, SVD) did not converge.
    NoConvergence,
    /// A code this binding does not know yet (the C API appends new codes).
    Other(i32),
}

impl Status {
    pub(crate) fn from_raw(status: sys::fl_status) -> Status {
        match status {
            sys::FL_ERR_INVALID_ARGUMENT => Status::InvalidArgument,
            sys::FL_ERR_DIMENSION_MISMATCH => Status::DimensionMismatch,
            sys::FL_ERR_DTYPE_MISMATCH => Status::DtypeMismatch,
            sys::FL_ERR_SINGULAR => Status::Singular,
            sys::FL_ERR_NOT_POSITIVE_DEFINITE => Status::NotPositiveDefinite,
            sys::FL_ERR_NON_FINITE => Status::NonFinite,
            sys::FL_ERR_TOO_LARGE => Status::TooLarge,
            sys::FL_ERR_OUT_OF_MEMORY => Status::OutOfMemory,
            sys::FL_ERR_UNSUPPORTED => Status::Unsupported,
            sys::FL_ERR_INTERNAL => Status::Internal,
            sys::FL_ERR_NO_CONVERGENCE => Status::NoConvergence,
            other => Status::Other(other),
        }
    }

    /// The raw `fl_status` value.
    pub fn code(self) -> i32 {
        match self {
            Status::InvalidArgument => sys::FL_ERR_INVALID_ARGUMENT,
            Status::DimensionMismatch => sys::FL_ERR_DIMENSION_MISMATCH,
            Status::DtypeMismatch => sys::FL_ERR_DTYPE_MISMATCH,
            Status::Singular => sys::FL_ERR_SINGULAR,
            Status::NotPositiveDefinite => sys::FL_ERR_NOT_POSITIVE_DEFINITE,
            Status::NonFinite => sys::FL_ERR_NON_FINITE,
            Status::TooLarge => sys::FL_ERR_TOO_LARGE,
            Status::OutOfMemory => sys::FL_ERR_OUT_OF_MEMORY,
            Status::Unsupported => sys::FL_ERR_UNSUPPORTED,
            Status::Internal => sys::FL_ERR_INTERNAL,
            Status::NoConvergence => sys::FL_ERR_NO_CONVERGENCE,
            Status::Other(code) => code,
        }
    }

    /// The library's static name of the status ("singular matrix").
    pub fn name(self) -> &'static str {
        // fl_status_string returns a static string, never NULL.
        unsafe { CStr::from_ptr(sys::fl_status_string(self.code())) }
            .to_str()
            .unwrap_or("unknown status")
    }
}

/// A failed call: the status and the message naming what was wrong.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Error {
    pub status: Status,
    pub message: String,
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.status.name(), self.message)
    }
}

impl std::error::Error for Error {}

pub type Result<T> = std::result::Result<T, Error>;

/// Turns a C status into a Result, reading this thread's fl_last_error() at once (it is
/// valid until this thread's next fastlinalg call).
pub(crate) fn check(status: sys::fl_status) -> Result<()> {
    if status == sys::FL_OK {
        return Ok(());
    }
    let message = unsafe { CStr::from_ptr(sys::fl_last_error()) }
        .to_string_lossy()
        .into_owned();
    Err(Error {
        status: Status::from_raw(status),
        message,
    })
}

/// An error found by the binding itself, before any C call (a slice too short for its shape,
/// shapes that do not fit together).
pub(crate) fn fail<T>(status: Status, message: String) -> Result<T> {
    Err(Error { status, message })
}
