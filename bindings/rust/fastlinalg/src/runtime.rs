//! The loaded library's version and the BLAS underneath.

use crate::error::{check, Result};
use fastlinalg_sys as sys;
use std::ffi::CStr;
use std::os::raw::c_char;

fn text(s: *const c_char) -> String {
    // Every string getter of the C API returns a static, never-NULL string.
    unsafe { CStr::from_ptr(s) }.to_string_lossy().into_owned()
}

/// The loaded library's version, "MAJOR.MINOR.PATCH".
pub fn version() -> String {
    text(unsafe { sys::fl_version() })
}
/// major * 10000 + minor * 100 + patch of the loaded library.
pub fn version_number() -> i32 {
    unsafe { sys::fl_version_number() }
}
/// The BLAS/LAPACK library's description of its build.
pub fn blas_info() -> String {
    text(unsafe { sys::fl_blas_info() })
}
/// The CPU kernel set the BLAS chose at run time.
pub fn blas_core() -> String {
    text(unsafe { sys::fl_blas_core() })
}
/// The number of threads the BLAS uses (process-wide).
pub fn num_threads() -> i32 {
    unsafe { sys::fl_get_num_threads() }
}
/// Sets that number (1 or more) for every BLAS user in this process.
pub fn set_num_threads(n: i32) -> Result<()> {
    check(unsafe { sys::fl_set_num_threads(n) })
}
/// Hands back to the system the memory the library keeps for reuse (destroyed factors'
/// storage, products' scratch); returns the number of bytes released.
pub fn release_memory() -> i64 {
    unsafe { sys::fl_release_memory() }
}
