//! Stationary kernel matrices and their hyperparameter gradients.

use crate::error::{check, fail, Result, Status};
use crate::matrix::{expect_shape, i64_of, Mat, MatRef};
use crate::scalar::Scalar;
use fastlinalg_sys as sys;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KernelKind {
    SquaredDistance,
    Gaussian,
    Matern12,
    Matern32,
    Matern52,
}

/// How `params` define the metric M of r^2 = (x - y)^T M (x - y).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Metric {
    /// One length-scale l: M = I / l^2.
    Isotropic,
    /// dim length-scales: M = diag(1 / l_d^2).
    Ard,
    /// Lambda (dim-by-q, column-major) then psi (dim): M = Lambda Lambda^T + diag(psi)^2.
    LowRankDiag,
    /// M itself, dim-by-dim, symmetric positive definite.
    Full,
}

/// An owned kernel. Immutable once built, so it may be shared between threads.
#[derive(Debug)]
pub struct Kernel {
    raw: *mut sys::fl_kernel,
    dim: usize,
    nparams: usize,
}

unsafe impl Send for Kernel {}
unsafe impl Sync for Kernel {}

impl Drop for Kernel {
    fn drop(&mut self) {
        unsafe { sys::fl_kernel_destroy(self.raw) }
    }
}

/// Checks that X1 (and X2 if given) have `dim` columns, then returns X2's row count, pointer and
/// leading dimension, or NULL for "X2 = X1"; both must share X1's layout.
fn second_points<T>(
    func: &str,
    dim: usize,
    x1: &MatRef<'_, T>,
    x2: Option<&MatRef<'_, T>>,
) -> Result<(usize, *const std::os::raw::c_void, i64)> {
    expect_shape(func, "x1", x1.shape(), x1.rows(), dim)?;
    if let Some(x2) = x2 {
        expect_shape(func, "x2", x2.shape(), x2.rows(), dim)?;
    }
    match x2 {
        None => Ok((x1.rows(), std::ptr::null(), 1)),
        Some(x2) if x2.layout() != x1.layout() => fail(
            Status::InvalidArgument,
            format!(
                "{}: x2 is {:?} but x1 is {:?}; both must share one layout",
                func,
                x2.layout(),
                x1.layout()
            ),
        ),
        Some(x2) => Ok((x2.rows(), x2.ptr(), x2.raw_ld())),
    }
}

impl Kernel {
    /// k(x, y) = sigma_f^2 kappa(r), plus `noise` on the diagonal of symmetric kernel matrices.
    pub fn new(
        kind: KernelKind,
        metric: Metric,
        dim: usize,
        params: &[f64],
        sigma_f: f64,
        noise: f64,
    ) -> Result<Kernel> {
        let raw_kind = match kind {
            KernelKind::SquaredDistance => sys::FL_KERNEL_SQUARED_DISTANCE,
            KernelKind::Gaussian => sys::FL_KERNEL_GAUSSIAN,
            KernelKind::Matern12 => sys::FL_KERNEL_MATERN12,
            KernelKind::Matern32 => sys::FL_KERNEL_MATERN32,
            KernelKind::Matern52 => sys::FL_KERNEL_MATERN52,
        };
        let raw_metric = match metric {
            Metric::Isotropic => sys::FL_METRIC_ISOTROPIC,
            Metric::Ard => sys::FL_METRIC_ARD,
            Metric::LowRankDiag => sys::FL_METRIC_LOWRANK_DIAG,
            Metric::Full => sys::FL_METRIC_FULL,
        };
        let mut raw = std::ptr::null_mut();
        check(unsafe {
            sys::fl_kernel_create(
                &mut raw,
                raw_kind,
                raw_metric,
                i64_of("dim", dim)?,
                i64_of("nparams", params.len())?,
                params.as_ptr(),
                sigma_f,
                noise,
            )
        })?;
        Ok(Kernel {
            raw,
            dim,
            nparams: params.len(),
        })
    }
    pub fn dim(&self) -> usize {
        self.dim
    }

    /// K (n1-by-n2, in X1's layout) with K_ij = k(x1_i, x2_j), the points being rows;
    /// `x2 = None` means X2 = X1 (exactly symmetric, with the noise on its diagonal).
    pub fn matrix<T: Scalar>(
        &self,
        x1: MatRef<'_, T>,
        x2: Option<MatRef<'_, T>>,
    ) -> Result<Mat<T>> {
        let (n2, x2_ptr, ldx2) = second_points("Kernel::matrix", self.dim, &x1, x2.as_ref())?;
        let mut k = Mat::zeros(x1.rows(), n2, x1.layout())?;
        let mut out = k.as_mut();
        check(unsafe {
            sys::fl_kernel_matrix(
                self.raw,
                T::DTYPE,
                x1.layout().raw(),
                x1.raw_rows(),
                x1.ptr(),
                x1.raw_ld(),
                n2 as i64,
                x2_ptr,
                ldx2,
                out.layout().raw(),
                out.ptr(),
                out.raw_ld(),
            )
        })?;
        Ok(k)
    }

    /// sum_ij W_ij dK_ij/dtheta for theta = sigma_f, noise, then the metric's params.
    pub fn gradient<T: Scalar>(
        &self,
        x1: MatRef<'_, T>,
        x2: Option<MatRef<'_, T>>,
        w: MatRef<'_, T>,
    ) -> Result<Vec<f64>> {
        let (n2, x2_ptr, ldx2) = second_points("Kernel::gradient", self.dim, &x1, x2.as_ref())?;
        expect_shape("Kernel::gradient", "w", w.shape(), x1.rows(), n2)?;
        let mut grad = vec![0.0; 2 + self.nparams];
        check(unsafe {
            sys::fl_kernel_gradient(
                self.raw,
                T::DTYPE,
                x1.layout().raw(),
                x1.raw_rows(),
                x1.ptr(),
                x1.raw_ld(),
                n2 as i64,
                x2_ptr,
                ldx2,
                w.layout().raw(),
                w.ptr(),
                w.raw_ld(),
                grad.as_mut_ptr(),
            )
        })?;
        Ok(grad)
    }
}
