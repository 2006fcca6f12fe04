//! Factor handles: built once from a dense or sparse matrix, then shared and solved with.

use crate::error::{check, fail, Result, Status};
use crate::matrix::{expect_shape, i64_of, Layout, Mat, MatMut, MatRef, Transpose};
use crate::options::Options;
use crate::scalar::{Dtype, Scalar};
use crate::sparse::Sparse;
use fastlinalg_sys as sys;
use num_complex::Complex;

/// The kinds of factorization (`fl_factor_kind`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FactorKind {
    Lu,
    Cholesky,
    Ldlt,
    Qr,
    Cod,
    Svd,
    Eigh,
    /// Only as a request: the library picks one of the above, as `Factor::kind` then says.
    Auto,
    SparseCholesky,
    SparseLu,
    SparseQr,
}

impl FactorKind {
    const ALL: [(FactorKind, sys::fl_factor_kind); 11] = [
        (FactorKind::Lu, sys::FL_FACTOR_LU),
        (FactorKind::Cholesky, sys::FL_FACTOR_CHOLESKY),
        (FactorKind::Ldlt, sys::FL_FACTOR_LDLT),
        (FactorKind::Qr, sys::FL_FACTOR_QR),
        (FactorKind::Cod, sys::FL_FACTOR_COD),
        (FactorKind::Svd, sys::FL_FACTOR_SVD),
        (FactorKind::Eigh, sys::FL_FACTOR_EIGH),
        (FactorKind::Auto, sys::FL_FACTOR_AUTO),
        (FactorKind::SparseCholesky, sys::FL_FACTOR_SPARSE_CHOLESKY),
        (FactorKind::SparseLu, sys::FL_FACTOR_SPARSE_LU),
        (FactorKind::SparseQr, sys::FL_FACTOR_SPARSE_QR),
    ];

    pub(crate) fn raw(self) -> sys::fl_factor_kind {
        FactorKind::ALL
            .iter()
            .find(|(k, _)| *k == self)
            .map(|(_, raw)| *raw)
            .unwrap_or(0)
    }
    pub(crate) fn from_raw(raw: sys::fl_factor_kind) -> Option<FactorKind> {
        FactorKind::ALL
            .iter()
            .find(|(_, r)| *r == raw)
            .map(|(k, _)| *k)
    }
}

/// Parts of a factorization that can be copied out as matrices (`fl_factor_part`); the
/// header's enum says which kind has which, and how each is laid out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Part {
    SingularValues,
    U,
    /// V^T, or V^H for a complex factor.
    Vt,
    Eigenvalues,
    Eigenvectors,
    Q,
    R,
    /// LU's unit lower L, Cholesky's L (L L^H), LDL^T's unit lower L.
    Lower,
    /// LU's U, Cholesky's U (U^H U), LDL^T's unit upper U.
    Upper,
    /// LU: L and U in one matrix, as getrf leaves them (scipy's `lu_factor`).
    LuPacked,
    /// LDL^T: the block-diagonal D.
    BlockDiagonal,
    /// QR: geqrf's reflectors below R's diagonal (scipy's `qr(mode='raw')`).
    Reflectors,
    /// QR: the scalars of the reflectors.
    Tau,
}

impl Part {
    pub(crate) fn raw(self) -> sys::fl_factor_part {
        match self {
            Part::SingularValues => sys::FL_PART_SINGULAR_VALUES,
            Part::U => sys::FL_PART_U,
            Part::Vt => sys::FL_PART_VT,
            Part::Eigenvalues => sys::FL_PART_EIGENVALUES,
            Part::Eigenvectors => sys::FL_PART_EIGENVECTORS,
            Part::Q => sys::FL_PART_Q,
            Part::R => sys::FL_PART_R,
            Part::Lower => sys::FL_PART_LOWER,
            Part::Upper => sys::FL_PART_UPPER,
            Part::LuPacked => sys::FL_PART_LU_PACKED,
            Part::BlockDiagonal => sys::FL_PART_BLOCK_DIAGONAL,
            Part::Reflectors => sys::FL_PART_REFLECTORS,
            Part::Tau => sys::FL_PART_TAU,
        }
    }
}

/// Parts of a factorization that are indices (`fl_factor_get_indices`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IndexPart {
    /// LU: 0-based, row i of L U is row p[i] of A; LDL^T: the symmetric permutation.
    RowPermutation,
    /// LU: getrf's 1-based row interchanges (scipy's `piv` + 1).
    Pivots,
    /// COD: 0-based columns p with A[:, p] = Q R.
    ColumnPermutation,
}

impl IndexPart {
    fn raw(self) -> sys::fl_factor_part {
        match self {
            IndexPart::RowPermutation => sys::FL_PART_ROW_PERMUTATION,
            IndexPart::Pivots => sys::FL_PART_PIVOTS,
            IndexPart::ColumnPermutation => sys::FL_PART_COLUMN_PERMUTATION,
        }
    }
}

/// What `Factor::info` reports about how a factor is held and solved (`fl_factor_info`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FactorInfo {
    /// 0 native, 1 mixed precision (a float64 factor held in float32 and refined).
    Precision,
    /// Why a mixed-precision factor works in float64: 0 none, 1 low precision,
    /// 2 ill-conditioned, 3 refinement did not converge, 4 a query asked for it.
    Fallback,
    /// The most refinement steps any solve of a mixed-precision factor has taken.
    RefinementSteps,
    /// 1 if the factor's storage is the caller's A (never, through this crate).
    OverwritesA,
}

/// Counts of positive, negative and zero eigenvalues of a symmetric matrix.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Inertia {
    pub positive: i64,
    pub negative: i64,
    pub zero: i64,
}

/// `+1` for A + V V^T, `-1` for A - V V^T.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UpdateSign {
    Update,
    Downdate,
}

impl UpdateSign {
    fn raw(self) -> std::os::raw::c_int {
        match self {
            UpdateSign::Update => 1,
            UpdateSign::Downdate => -1,
        }
    }
}

/// An owned factorization. The C API promises a factor never changes once built, so it
/// may be shared between threads and used from all of them at once.
#[derive(Debug)]
pub struct Factor {
    pub(crate) raw: *mut sys::fl_factor,
}

unsafe impl Send for Factor {}
unsafe impl Sync for Factor {}

impl Drop for Factor {
    fn drop(&mut self) {
        unsafe { sys::fl_factor_destroy(self.raw) }
    }
}

/// Runs a C constructor that stores a new factor handle, and owns the result.
pub(crate) fn build(
    create: impl FnOnce(*mut *mut sys::fl_factor) -> sys::fl_status,
) -> Result<Factor> {
    let mut raw = std::ptr::null_mut();
    check(create(&mut raw))?;
    Ok(Factor { raw })
}

/// `Factor::<name>(a)`: `Factor::new(FactorKind::<Kind>, a, None)`, one per dense kind.
macro_rules! shortcut_constructors {
    ($($name:ident => $kind:ident,)*) => {
        $(
            #[doc = concat!("Factors `a` as `FactorKind::", stringify!($kind), "` with default options.")]
            pub fn $name<T: Scalar>(a: MatRef<'_, T>) -> Result<Factor> {
                Factor::new(FactorKind::$kind, a, None)
            }
        )*
    };
}

impl Factor {
    /// Factors the dense matrix `a` with `kind`; `options = None` means all defaults.
    pub fn new<T: Scalar>(
        kind: FactorKind,
        a: MatRef<'_, T>,
        options: Option<&Options>,
    ) -> Result<Factor> {
        let opts = Options::raw_or_null(options);
        build(|raw| unsafe {
            sys::fl_factor_create(
                raw,
                kind.raw(),
                T::DTYPE,
                a.layout().raw(),
                a.raw_rows(),
                a.raw_cols(),
                a.ptr(),
                a.raw_ld(),
                opts,
            )
        })
    }
    shortcut_constructors! {
        lu => Lu,
        cholesky => Cholesky,
        ldlt => Ldlt,
        qr => Qr,
        cod => Cod,
        svd => Svd,
        eigh => Eigh,
        auto => Auto,
    }

    /// Factors a sparse matrix with one of the sparse kinds.
    pub fn sparse(kind: FactorKind, a: &Sparse, options: Option<&Options>) -> Result<Factor> {
        let opts = Options::raw_or_null(options);
        build(|raw| unsafe { sys::fl_factor_create_sparse(raw, kind.raw(), a.raw(), opts) })
    }
    /// A new factor of `a`, which has this factor's pattern and new values.
    pub fn refactor(&self, a: &Sparse) -> Result<Factor> {
        build(|raw| unsafe { sys::fl_factor_refactor(raw, self.raw, a.raw()) })
    }
    /// Dense Cholesky: a new factor of A +- V V^T for an n-by-k V.
    pub fn rank_update<T: Scalar>(&self, sign: UpdateSign, v: MatRef<'_, T>) -> Result<Factor> {
        expect_shape("Factor::rank_update", "v", v.shape(), self.rows(), v.cols())?;
        build(|raw| unsafe {
            sys::fl_factor_rank_update(
                raw,
                self.raw,
                sign.raw(),
                T::DTYPE,
                v.raw_cols(),
                v.layout().raw(),
                v.ptr(),
                v.raw_ld(),
            )
        })
    }
    /// Sparse Cholesky: a new factor of A +- V V^T for a sparse n-by-k V.
    pub fn rank_update_sparse(&self, sign: UpdateSign, v: &Sparse) -> Result<Factor> {
        build(|raw| unsafe {
            sys::fl_factor_rank_update_sparse(raw, self.raw, sign.raw(), v.raw())
        })
    }

    /// How the factor is held and solved now (mixed precision, fallbacks, in place).
    pub fn info(&self, what: FactorInfo) -> Result<i64> {
        let raw = match what {
            FactorInfo::Precision => sys::FL_INFO_PRECISION,
            FactorInfo::Fallback => sys::FL_INFO_FALLBACK,
            FactorInfo::RefinementSteps => sys::FL_INFO_REFINEMENT_STEPS,
            FactorInfo::OverwritesA => sys::FL_INFO_OVERWRITES_A,
        };
        let mut value = 0;
        check(unsafe { sys::fl_factor_get_info(self.raw, raw, &mut value) })?;
        Ok(value)
    }

    /// The kind actually built (what `Auto` chose).
    pub fn kind(&self) -> FactorKind {
        FactorKind::from_raw(unsafe { sys::fl_factor_get_kind(self.raw) })
            .expect("a live factor handle reports a known kind")
    }
    pub fn dtype(&self) -> Dtype {
        Dtype::from_raw(unsafe { sys::fl_factor_get_dtype(self.raw) })
            .expect("a live factor handle reports a known dtype")
    }
    pub fn rows(&self) -> usize {
        unsafe { sys::fl_factor_rows(self.raw) as usize }
    }
    pub fn cols(&self) -> usize {
        unsafe { sys::fl_factor_cols(self.raw) as usize }
    }

    /// The (rows of B, rows of X) of a solve with op(A).
    fn solve_rows(&self, trans: Transpose) -> (usize, usize) {
        trans.op_shape((self.rows(), self.cols()))
    }

    /// X with op(A) X = B, written into `x` (shape: cols of op(A) by B's columns).
    pub fn solve_into<T: Scalar>(
        &self,
        trans: Transpose,
        b: MatRef<'_, T>,
        mut x: MatMut<'_, T>,
    ) -> Result<()> {
        let (b_rows, x_rows) = self.solve_rows(trans);
        expect_shape("Factor::solve", "b", b.shape(), b_rows, b.cols())?;
        expect_shape("Factor::solve", "x", x.shape(), x_rows, b.cols())?;
        check(unsafe {
            sys::fl_factor_solve(
                self.raw,
                trans.raw(),
                T::DTYPE,
                b.raw_cols(),
                b.layout().raw(),
                b.ptr(),
                b.raw_ld(),
                x.layout().raw(),
                x.ptr(),
                x.raw_ld(),
            )
        })
    }
    /// X with op(A) X = B, in B's layout.
    pub fn solve_trans<T: Scalar>(&self, trans: Transpose, b: MatRef<'_, T>) -> Result<Mat<T>> {
        let mut x = Mat::zeros(self.solve_rows(trans).1, b.cols(), b.layout())?;
        self.solve_into(trans, b, x.as_mut())?;
        Ok(x)
    }
    /// X with A X = B, in B's layout.
    pub fn solve<T: Scalar>(&self, b: MatRef<'_, T>) -> Result<Mat<T>> {
        self.solve_trans(Transpose::No, b)
    }

    /// (sign, log|det A|): det(A) = sign * exp(logabsdet). A complex factor's sign is a
    /// complex phase: `Unsupported`, use `logdet_complex`.
    pub fn logdet(&self) -> Result<(f64, f64)> {
        let (mut sign, mut logabsdet) = (0.0, 0.0);
        check(unsafe { sys::fl_factor_logdet(self.raw, &mut sign, &mut logabsdet) })?;
        Ok((sign, logabsdet))
    }
    /// (phase, log|det A|): det(A) = phase * exp(logabsdet), for every dtype. The phase has
    /// modulus 1 (for a real factor it is `logdet`'s sign, imaginary part 0).
    pub fn logdet_complex(&self) -> Result<(Complex<f64>, f64)> {
        let (mut re, mut im, mut logabsdet) = (0.0, 0.0, 0.0);
        check(unsafe {
            sys::fl_factor_logdet_complex(self.raw, &mut re, &mut im, &mut logabsdet)
        })?;
        Ok((Complex::new(re, im), logabsdet))
    }
    pub fn rcond(&self) -> Result<f64> {
        let mut rcond = 0.0;
        check(unsafe { sys::fl_factor_rcond(self.raw, &mut rcond) })?;
        Ok(rcond)
    }
    /// A^-1 (or the pseudo-inverse), cols-by-rows of A, written into `inv`.
    pub fn inverse_into<T: Scalar>(&self, mut inv: MatMut<'_, T>) -> Result<()> {
        expect_shape(
            "Factor::inverse",
            "inv",
            inv.shape(),
            self.cols(),
            self.rows(),
        )?;
        check(unsafe {
            sys::fl_factor_inverse(
                self.raw,
                T::DTYPE,
                inv.layout().raw(),
                inv.ptr(),
                inv.raw_ld(),
            )
        })
    }
    pub fn inverse<T: Scalar>(&self, layout: Layout) -> Result<Mat<T>> {
        let mut inv = Mat::zeros(self.cols(), self.rows(), layout)?;
        self.inverse_into(inv.as_mut())?;
        Ok(inv)
    }
    pub fn rank(&self) -> Result<i64> {
        let mut rank = 0;
        check(unsafe { sys::fl_factor_rank(self.raw, &mut rank) })?;
        Ok(rank)
    }
    pub fn inertia(&self) -> Result<Inertia> {
        let mut n = Inertia {
            positive: 0,
            negative: 0,
            zero: 0,
        };
        check(unsafe {
            sys::fl_factor_inertia(self.raw, &mut n.positive, &mut n.negative, &mut n.zero)
        })?;
        Ok(n)
    }
    /// The shape of a part, or `Unsupported` if this kind has no such part.
    pub fn part_shape(&self, part: Part) -> Result<(usize, usize)> {
        let (mut rows, mut cols) = (0i64, 0i64);
        check(unsafe { sys::fl_factor_part_shape(self.raw, part.raw(), &mut rows, &mut cols) })?;
        Ok((rows as usize, cols as usize))
    }
    /// A copy of an index part (permutations, pivots).
    pub fn indices(&self, part: IndexPart) -> Result<Vec<i64>> {
        let mut count = 0i64;
        let mut cols = 0i64;
        check(unsafe { sys::fl_factor_part_shape(self.raw, part.raw(), &mut count, &mut cols) })?;
        let mut out = vec![0i64; count as usize];
        check(unsafe {
            sys::fl_factor_get_indices(self.raw, part.raw(), out.as_mut_ptr(), count)
        })?;
        Ok(out)
    }
    /// A copy of a part (singular values, U, V^T, eigenvalues, eigenvectors, Q, R). The
    /// singular values and eigenvalues of a complex factor are real: read them with
    /// `T = T::Real` (`part::<f64>` for a `Complex<f64>` factor).
    pub fn part<T: Scalar>(&self, part: Part, layout: Layout) -> Result<Mat<T>> {
        let (rows, cols) = self.part_shape(part)?;
        let mut out = Mat::zeros(rows, cols, layout)?;
        let mut o = out.as_mut();
        check(unsafe {
            sys::fl_factor_get_part(
                self.raw,
                part.raw(),
                T::DTYPE,
                layout.raw(),
                o.ptr(),
                o.raw_ld(),
            )
        })?;
        Ok(out)
    }
    /// QR, COD: C <- op(Q) C in place, for an m-by-ncols C.
    pub fn apply_q<T: Scalar>(&self, trans: Transpose, mut c: MatMut<'_, T>) -> Result<()> {
        expect_shape("Factor::apply_q", "c", c.shape(), self.rows(), c.cols())?;
        let ncols = c.cols() as i64;
        check(unsafe {
            sys::fl_factor_apply_q(
                self.raw,
                trans.raw(),
                T::DTYPE,
                ncols,
                c.layout().raw(),
                c.ptr(),
                c.raw_ld(),
            )
        })
    }
    /// QR, COD, SVD: ||b_j - A x_j|| for each column of B, without forming X; real (f64
    /// for a `Complex<f64>` B).
    pub fn residual_norms<T: Scalar>(&self, b: MatRef<'_, T>) -> Result<Vec<T::Real>> {
        expect_shape(
            "Factor::residual_norms",
            "b",
            b.shape(),
            self.rows(),
            b.cols(),
        )?;
        let mut norms = vec![T::Real::default(); b.cols()];
        check(unsafe {
            sys::fl_factor_residual_norms(
                self.raw,
                T::DTYPE,
                b.raw_cols(),
                b.layout().raw(),
                b.ptr(),
                b.raw_ld(),
                norms.as_mut_ptr().cast(),
            )
        })?;
        Ok(norms)
    }
    /// EIGH: X_l with (A + shifts[l] I) X_l = B for every shift, each in B's layout.
    pub fn solve_shifted<T: Scalar>(
        &self,
        shifts: &[f64],
        b: MatRef<'_, T>,
    ) -> Result<Vec<Mat<T>>> {
        let n = self.rows();
        expect_shape("Factor::solve_shifted", "b", b.shape(), n, b.cols())?;
        // n * nrhs cannot overflow: B's slice holds that many elements.
        let stride = n * b.cols();
        let total = stride.checked_mul(shifts.len()).map_or_else(
            || {
                fail(
                    Status::TooLarge,
                    "Factor::solve_shifted: the results overflow".to_string(),
                )
            },
            Ok,
        )?;
        let mut x = vec![T::default(); total];
        let ld = match b.layout() {
            Layout::RowMajor => b.cols().max(1),
            Layout::ColMajor => n.max(1),
        };
        check(unsafe {
            sys::fl_factor_solve_shifted(
                self.raw,
                T::DTYPE,
                i64_of("nshifts", shifts.len())?,
                shifts.as_ptr(),
                b.raw_cols(),
                b.layout().raw(),
                b.ptr(),
                b.raw_ld(),
                b.layout().raw(),
                x.as_mut_ptr().cast(),
                i64_of("ldx", ld)?,
                i64_of("x_stride", stride)?,
            )
        })?;
        if stride == 0 {
            return (0..shifts.len())
                .map(|_| Mat::zeros(n, b.cols(), b.layout()))
                .collect();
        }
        x.chunks(stride)
            .map(|c| Mat::from_vec(c.to_vec(), n, b.cols(), b.layout()))
            .collect()
    }

    /// n of a square factor, as the products with A^-1 need it.
    pub(crate) fn order(&self, func: &str) -> Result<usize> {
        if self.rows() != self.cols() {
            return fail(
                Status::Unsupported,
                format!(
                    "{}: the factor is {}-by-{}, not square",
                    func,
                    self.rows(),
                    self.cols()
                ),
            );
        }
        Ok(self.rows())
    }
}

/// The products with A^-1 that never form A^-1.
impl Factor {
    /// Y^T A^-1 Y (k-by-k) for an n-by-k Y, in Y's layout.
    pub fn quadratic_form<T: Scalar>(&self, y: MatRef<'_, T>) -> Result<Mat<T>> {
        let n = self.order("Factor::quadratic_form")?;
        expect_shape("Factor::quadratic_form", "y", y.shape(), n, y.cols())?;
        let mut out = Mat::zeros(y.cols(), y.cols(), y.layout())?;
        let mut o = out.as_mut();
        check(unsafe {
            sys::fl_factor_quadratic_form(
                self.raw,
                T::DTYPE,
                y.raw_cols(),
                y.layout().raw(),
                y.ptr(),
                y.raw_ld(),
                o.layout().raw(),
                o.ptr(),
                o.raw_ld(),
            )
        })?;
        Ok(out)
    }
    /// Y^T A^-1 W (k-by-p) for an n-by-k Y and an n-by-p W, in Y's layout.
    pub fn bilinear_form<T: Scalar>(&self, y: MatRef<'_, T>, w: MatRef<'_, T>) -> Result<Mat<T>> {
        let n = self.order("Factor::bilinear_form")?;
        expect_shape("Factor::bilinear_form", "y", y.shape(), n, y.cols())?;
        expect_shape("Factor::bilinear_form", "w", w.shape(), n, w.cols())?;
        let mut out = Mat::zeros(y.cols(), w.cols(), y.layout())?;
        let mut o = out.as_mut();
        check(unsafe {
            sys::fl_factor_bilinear_form(
                self.raw,
                T::DTYPE,
                y.raw_cols(),
                y.layout().raw(),
                y.ptr(),
                y.raw_ld(),
                w.raw_cols(),
                w.layout().raw(),
                w.ptr(),
                w.raw_ld(),
                o.layout().raw(),
                o.ptr(),
                o.raw_ld(),
            )
        })?;
        Ok(out)
    }
    /// A^-1 Y A^-1 for an n-by-n Y, in Y's layout.
    pub fn sandwich<T: Scalar>(&self, y: MatRef<'_, T>) -> Result<Mat<T>> {
        let n = self.order("Factor::sandwich")?;
        expect_shape("Factor::sandwich", "y", y.shape(), n, n)?;
        let mut out = Mat::zeros(n, n, y.layout())?;
        let mut o = out.as_mut();
        check(unsafe {
            sys::fl_factor_sandwich(
                self.raw,
                T::DTYPE,
                y.layout().raw(),
                y.ptr(),
                y.raw_ld(),
                o.layout().raw(),
                o.ptr(),
                o.raw_ld(),
            )
        })?;
        Ok(out)
    }
    /// trace(A^-1 Y) for an n-by-n Y.
    pub fn trace_solve<T: Scalar>(&self, y: MatRef<'_, T>) -> Result<f64> {
        let n = self.order("Factor::trace_solve")?;
        expect_shape("Factor::trace_solve", "y", y.shape(), n, n)?;
        let mut trace = 0.0;
        check(unsafe {
            sys::fl_factor_trace_solve(
                self.raw,
                T::DTYPE,
                y.layout().raw(),
                y.ptr(),
                y.raw_ld(),
                &mut trace,
            )
        })?;
        Ok(trace)
    }
    /// diag(A^-1).
    pub fn inverse_diagonal<T: Scalar>(&self) -> Result<Vec<T>> {
        let n = self.order("Factor::inverse_diagonal")?;
        let mut diag = vec![T::default(); n];
        check(unsafe {
            sys::fl_factor_inverse_diagonal(self.raw, T::DTYPE, diag.as_mut_ptr().cast())
        })?;
        Ok(diag)
    }
    /// y_j^T A^-1 y_j for each column y_j of the n-by-k Y.
    pub fn mahalanobis<T: Scalar>(&self, y: MatRef<'_, T>) -> Result<Vec<T>> {
        let n = self.order("Factor::mahalanobis")?;
        expect_shape("Factor::mahalanobis", "y", y.shape(), n, y.cols())?;
        let mut out = vec![T::default(); y.cols()];
        check(unsafe {
            sys::fl_factor_mahalanobis(
                self.raw,
                T::DTYPE,
                y.raw_cols(),
                y.layout().raw(),
                y.ptr(),
                y.raw_ld(),
                out.as_mut_ptr().cast(),
            )
        })?;
        Ok(out)
    }
}
