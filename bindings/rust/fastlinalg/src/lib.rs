//! Safe, thin bindings to fastlinalg: factor once, solve many times.
//!
//! Every function checks that the slices it is given hold the shapes it passes on, then
//! makes one C call; the maths is all in libfastlinalg. Failures come back as
//! [`Error`]`{ status, message }`, the message naming the offending argument.
//!
//! ```
//! use fastlinalg::{Factor, MatRef};
//! # fn main() -> fastlinalg::Result<()> {
//! let a = [4.0, 1.0, 1.0, 3.0];
//! let lu = Factor::lu(MatRef::row_major(&a, 2, 2)?)?;
//! let x = lu.solve(MatRef::row_major(&[1.0, 2.0], 2, 1)?)?;
//! assert!((4.0 * x.at(0, 0) + x.at(1, 0) - 1.0f64).abs() < 1e-12);
//! # Ok(())
//! # }
//! ```

/// The README's example runs as a doc test.
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
pub struct ReadmeExample;

mod batch;
mod binning;
mod blocks;
mod calculus;
mod error;
mod factor;
mod kernel;
mod matrix;
mod options;
mod rolled;
mod runtime;
mod saved;
mod scalar;
mod sparse;

// Conversions to and from other crates' matrices (MatRef/MatMut views without copies where
// the memory allows, Mat into theirs), each behind the cargo feature of the crate's name.
#[cfg(feature = "faer")]
mod faer_interop;
#[cfg(feature = "nalgebra")]
mod nalgebra_interop;
#[cfg(feature = "ndarray")]
mod ndarray_interop;

pub use batch::{
    stack_cholesky, stack_cholesky_solve, stack_eigh, stack_inverse, stack_slogdet, stack_solve,
    Batch, Info, Stack,
};
pub use binning::{bincount, bincount_weighted, digitize, group_by_bin};
pub use blocks::{
    block_sum_abt, block_sum_acbt, block_sum_kron, block_sum_kron_abt_cdt, block_sum_kron_grid,
    block_sum_residual,
};
pub use calculus::{
    commutation_apply, commutation_matrix, duplication_apply, duplication_matrix, vecb, vech,
};
pub use error::{Error, Result, Status};
pub use factor::{Factor, FactorInfo, FactorKind, IndexPart, Inertia, Part, UpdateSign};
pub use kernel::{Kernel, KernelKind, Metric};
pub use matrix::{Layout, Mat, MatMut, MatRef, Transpose};
/// The complex element type, re-exported so that callers use the num-complex this crate does.
pub use num_complex::{self, Complex};
pub use options::{OptionKey, Options, Triangle};
pub use rolled::rolled_matmul;
pub use runtime::{blas_core, blas_info, num_threads, release_memory, set_num_threads, version, version_number};
pub use scalar::{Dtype, Scalar};
pub use sparse::{Sparse, SparseFormat, SparseIndex};
