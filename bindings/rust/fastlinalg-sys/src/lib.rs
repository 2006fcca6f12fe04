//! Raw declarations of every function, enum and opaque type in `fastlinalg/fastlinalg.h`,
//! transcribed by hand. Every `fl_*` enum is an `int` in C, so each is a `c_int` alias here
//! with its enumerators as constants: a value the library returns is then never undefined
//! behaviour in Rust, whatever it is. The safe wrapper is the `fastlinalg` crate.
#![allow(non_camel_case_types)]

use std::os::raw::{c_char, c_double, c_int, c_void};

pub const FL_VERSION_MAJOR: c_int = 0;
pub const FL_VERSION_MINOR: c_int = 1;
pub const FL_VERSION_PATCH: c_int = 0;
pub const FL_VERSION_NUMBER: c_int =
    FL_VERSION_MAJOR * 10000 + FL_VERSION_MINOR * 100 + FL_VERSION_PATCH;

pub type fl_status = c_int;
pub const FL_OK: fl_status = 0;
pub const FL_ERR_INVALID_ARGUMENT: fl_status = 1;
pub const FL_ERR_DIMENSION_MISMATCH: fl_status = 2;
pub const FL_ERR_DTYPE_MISMATCH: fl_status = 3;
pub const FL_ERR_SINGULAR: fl_status = 4;
pub const FL_ERR_NOT_POSITIVE_DEFINITE: fl_status = 5;
pub const FL_ERR_NON_FINITE: fl_status = 6;
pub const FL_ERR_TOO_LARGE: fl_status = 7;
pub const FL_ERR_OUT_OF_MEMORY: fl_status = 8;
pub const FL_ERR_UNSUPPORTED: fl_status = 9;
pub const FL_ERR_INTERNAL: fl_status = 10;
pub const FL_ERR_NO_CONVERGENCE: fl_status = 11;

pub type fl_dtype = c_int;
pub const FL_FLOAT32: fl_dtype = 1;
pub const FL_FLOAT64: fl_dtype = 2;
/// `float _Complex`: (re, im) pairs of f32.
pub const FL_COMPLEX64: fl_dtype = 3;
/// `double _Complex`: (re, im) pairs of f64.
pub const FL_COMPLEX128: fl_dtype = 4;

pub type fl_layout = c_int;
pub const FL_ROW_MAJOR: fl_layout = 1;
pub const FL_COL_MAJOR: fl_layout = 2;

pub type fl_transpose = c_int;
pub const FL_NO_TRANS: fl_transpose = 1;
pub const FL_TRANS: fl_transpose = 2;
pub const FL_CONJ_TRANS: fl_transpose = 3;

pub type fl_triangle = c_int;
pub const FL_LOWER: fl_triangle = 1;
pub const FL_UPPER: fl_triangle = 2;

pub type fl_option = c_int;
pub const FL_OPT_CHECK_FINITE: fl_option = 1;
pub const FL_OPT_TRIANGLE: fl_option = 2;
pub const FL_OPT_RTOL: fl_option = 3;
pub const FL_OPT_ATOL: fl_option = 4;
pub const FL_OPT_PRECISION: fl_option = 5;
pub const FL_OPT_OVERWRITE_A: fl_option = 6;
pub const FL_OPT_STORAGE: fl_option = 7;
pub const FL_OPT_ALLOW_SINGULAR: fl_option = 20;
pub const FL_OPT_COMPLEX_SYMMETRIC: fl_option = 21;

pub type fl_factor_kind = c_int;
pub const FL_FACTOR_LU: fl_factor_kind = 1;
pub const FL_FACTOR_CHOLESKY: fl_factor_kind = 2;
pub const FL_FACTOR_LDLT: fl_factor_kind = 3;
pub const FL_FACTOR_QR: fl_factor_kind = 4;
pub const FL_FACTOR_COD: fl_factor_kind = 5;
pub const FL_FACTOR_SVD: fl_factor_kind = 6;
pub const FL_FACTOR_EIGH: fl_factor_kind = 7;
pub const FL_FACTOR_AUTO: fl_factor_kind = 8;
pub const FL_FACTOR_SPARSE_CHOLESKY: fl_factor_kind = 9;
pub const FL_FACTOR_SPARSE_LU: fl_factor_kind = 10;
pub const FL_FACTOR_SPARSE_QR: fl_factor_kind = 11;

pub type fl_factor_part = c_int;
pub const FL_PART_SINGULAR_VALUES: fl_factor_part = 1;
pub const FL_PART_U: fl_factor_part = 2;
pub const FL_PART_VT: fl_factor_part = 3;
pub const FL_PART_EIGENVALUES: fl_factor_part = 4;
pub const FL_PART_EIGENVECTORS: fl_factor_part = 5;
pub const FL_PART_Q: fl_factor_part = 6;
pub const FL_PART_R: fl_factor_part = 7;
pub const FL_PART_LOWER: fl_factor_part = 8;
pub const FL_PART_UPPER: fl_factor_part = 9;
pub const FL_PART_ROW_PERMUTATION: fl_factor_part = 10;
pub const FL_PART_LU_PACKED: fl_factor_part = 11;
pub const FL_PART_PIVOTS: fl_factor_part = 12;
pub const FL_PART_BLOCK_DIAGONAL: fl_factor_part = 13;
pub const FL_PART_REFLECTORS: fl_factor_part = 14;
pub const FL_PART_TAU: fl_factor_part = 15;
pub const FL_PART_COLUMN_PERMUTATION: fl_factor_part = 16;

pub type fl_kernel_kind = c_int;
pub const FL_KERNEL_SQUARED_DISTANCE: fl_kernel_kind = 1;
pub const FL_KERNEL_GAUSSIAN: fl_kernel_kind = 2;
pub const FL_KERNEL_MATERN12: fl_kernel_kind = 3;
pub const FL_KERNEL_MATERN32: fl_kernel_kind = 4;
pub const FL_KERNEL_MATERN52: fl_kernel_kind = 5;

pub type fl_metric = c_int;
pub const FL_METRIC_ISOTROPIC: fl_metric = 1;
pub const FL_METRIC_ARD: fl_metric = 2;
pub const FL_METRIC_LOWRANK_DIAG: fl_metric = 3;
pub const FL_METRIC_FULL: fl_metric = 4;

pub type fl_sparse_format = c_int;
pub const FL_SPARSE_CSC: fl_sparse_format = 1;
pub const FL_SPARSE_CSR: fl_sparse_format = 2;

pub type fl_index_type = c_int;
pub const FL_INDEX_INT32: fl_index_type = 1;
pub const FL_INDEX_INT64: fl_index_type = 2;

pub type fl_precision = c_int;
pub const FL_PRECISION_NATIVE: fl_precision = 0;
pub const FL_PRECISION_MIXED: fl_precision = 1;

pub type fl_storage = c_int;
pub const FL_STORAGE_FULL: fl_storage = 0;
pub const FL_STORAGE_RFP: fl_storage = 1;
pub const FL_STORAGE_RFP_INPUT: fl_storage = 2;

pub type fl_factor_info = c_int;
pub const FL_INFO_PRECISION: fl_factor_info = 1;
pub const FL_INFO_FALLBACK: fl_factor_info = 2;
pub const FL_INFO_REFINEMENT_STEPS: fl_factor_info = 3;
pub const FL_INFO_OVERWRITES_A: fl_factor_info = 4;

pub type fl_fallback = c_int;
pub const FL_FALLBACK_NONE: fl_fallback = 0;
pub const FL_FALLBACK_LOW_PRECISION: fl_fallback = 1;
pub const FL_FALLBACK_ILL_CONDITIONED: fl_fallback = 2;
pub const FL_FALLBACK_NOT_CONVERGED: fl_fallback = 3;
pub const FL_FALLBACK_QUERY: fl_fallback = 4;

/// Opaque handle types: only ever behind a pointer.
#[repr(C)]
pub struct fl_options {
    _private: [u8; 0],
}
#[repr(C)]
pub struct fl_factor {
    _private: [u8; 0],
}
#[repr(C)]
pub struct fl_kernel {
    _private: [u8; 0],
}
#[repr(C)]
pub struct fl_sparse {
    _private: [u8; 0],
}
#[repr(C)]
pub struct fl_batch {
    _private: [u8; 0],
}

extern "C" {
    // Version, status and errors.
    pub fn fl_version() -> *const c_char;
    pub fn fl_version_number() -> c_int;
    pub fn fl_status_string(status: fl_status) -> *const c_char;
    pub fn fl_last_error() -> *const c_char;

    // Options.
    pub fn fl_options_create(options: *mut *mut fl_options) -> fl_status;
    pub fn fl_options_destroy(options: *mut fl_options);
    pub fn fl_options_set_int(options: *mut fl_options, option: fl_option, value: i64)
        -> fl_status;
    pub fn fl_options_get_int(
        options: *const fl_options,
        option: fl_option,
        value: *mut i64,
    ) -> fl_status;
    pub fn fl_options_set_real(
        options: *mut fl_options,
        option: fl_option,
        value: c_double,
    ) -> fl_status;
    pub fn fl_options_get_real(
        options: *const fl_options,
        option: fl_option,
        value: *mut c_double,
    ) -> fl_status;

    // Factorizations.
    pub fn fl_factor_create(
        factor: *mut *mut fl_factor,
        kind: fl_factor_kind,
        dtype: fl_dtype,
        layout: fl_layout,
        rows: i64,
        cols: i64,
        a: *const c_void,
        lda: i64,
        options: *const fl_options,
    ) -> fl_status;
    pub fn fl_factor_create_generalized_eigh(
        factor: *mut *mut fl_factor,
        itype: c_int,
        dtype: fl_dtype,
        layout: fl_layout,
        n: i64,
        a: *const c_void,
        lda: i64,
        b: *const c_void,
        ldb: i64,
        options: *const fl_options,
    ) -> fl_status;
    pub fn fl_factor_destroy(factor: *mut fl_factor);
    pub fn fl_factor_get_kind(factor: *const fl_factor) -> fl_factor_kind;
    pub fn fl_factor_get_dtype(factor: *const fl_factor) -> fl_dtype;
    pub fn fl_factor_rows(factor: *const fl_factor) -> i64;
    pub fn fl_factor_cols(factor: *const fl_factor) -> i64;
    pub fn fl_factor_get_info(
        factor: *const fl_factor,
        what: fl_factor_info,
        value: *mut i64,
    ) -> fl_status;
    pub fn fl_factor_solve(
        factor: *const fl_factor,
        trans: fl_transpose,
        dtype: fl_dtype,
        nrhs: i64,
        b_layout: fl_layout,
        b: *const c_void,
        ldb: i64,
        x_layout: fl_layout,
        x: *mut c_void,
        ldx: i64,
    ) -> fl_status;
    pub fn fl_factor_logdet_complex(
        factor: *const fl_factor,
        phase_re: *mut c_double,
        phase_im: *mut c_double,
        logabsdet: *mut c_double,
    ) -> fl_status;
    pub fn fl_factor_logdet(
        factor: *const fl_factor,
        sign: *mut c_double,
        logabsdet: *mut c_double,
    ) -> fl_status;
    pub fn fl_factor_rcond(factor: *const fl_factor, rcond: *mut c_double) -> fl_status;
    pub fn fl_factor_inverse(
        factor: *const fl_factor,
        dtype: fl_dtype,
        layout: fl_layout,
        inv: *mut c_void,
        ld: i64,
    ) -> fl_status;
    pub fn fl_factor_rank(factor: *const fl_factor, rank: *mut i64) -> fl_status;
    pub fn fl_factor_inertia(
        factor: *const fl_factor,
        positive: *mut i64,
        negative: *mut i64,
        zero: *mut i64,
    ) -> fl_status;
    pub fn fl_factor_part_shape(
        factor: *const fl_factor,
        part: fl_factor_part,
        rows: *mut i64,
        cols: *mut i64,
    ) -> fl_status;
    pub fn fl_factor_get_part(
        factor: *const fl_factor,
        part: fl_factor_part,
        dtype: fl_dtype,
        layout: fl_layout,
        out: *mut c_void,
        ld: i64,
    ) -> fl_status;
    pub fn fl_factor_apply_q(
        factor: *const fl_factor,
        trans: fl_transpose,
        dtype: fl_dtype,
        ncols: i64,
        layout: fl_layout,
        c: *mut c_void,
        ldc: i64,
    ) -> fl_status;
    pub fn fl_factor_residual_norms(
        factor: *const fl_factor,
        dtype: fl_dtype,
        nrhs: i64,
        b_layout: fl_layout,
        b: *const c_void,
        ldb: i64,
        norms: *mut c_void,
    ) -> fl_status;
    pub fn fl_factor_solve_shifted(
        factor: *const fl_factor,
        dtype: fl_dtype,
        nshifts: i64,
        shifts: *const c_double,
        nrhs: i64,
        b_layout: fl_layout,
        b: *const c_void,
        ldb: i64,
        x_layout: fl_layout,
        x: *mut c_void,
        ldx: i64,
        x_stride: i64,
    ) -> fl_status;
    pub fn fl_factor_rank_update(
        updated: *mut *mut fl_factor,
        factor: *const fl_factor,
        sign: c_int,
        dtype: fl_dtype,
        k: i64,
        layout: fl_layout,
        v: *const c_void,
        ldv: i64,
    ) -> fl_status;

    // Products with the inverse of a factored matrix.
    pub fn fl_factor_quadratic_form(
        factor: *const fl_factor,
        dtype: fl_dtype,
        k: i64,
        y_layout: fl_layout,
        y: *const c_void,
        ldy: i64,
        out_layout: fl_layout,
        out: *mut c_void,
        ldout: i64,
    ) -> fl_status;
    pub fn fl_factor_bilinear_form(
        factor: *const fl_factor,
        dtype: fl_dtype,
        k: i64,
        y_layout: fl_layout,
        y: *const c_void,
        ldy: i64,
        p: i64,
        w_layout: fl_layout,
        w: *const c_void,
        ldw: i64,
        out_layout: fl_layout,
        out: *mut c_void,
        ldout: i64,
    ) -> fl_status;
    pub fn fl_factor_sandwich(
        factor: *const fl_factor,
        dtype: fl_dtype,
        y_layout: fl_layout,
        y: *const c_void,
        ldy: i64,
        out_layout: fl_layout,
        out: *mut c_void,
        ldout: i64,
    ) -> fl_status;
    pub fn fl_factor_trace_solve(
        factor: *const fl_factor,
        dtype: fl_dtype,
        y_layout: fl_layout,
        y: *const c_void,
        ldy: i64,
        trace: *mut c_double,
    ) -> fl_status;
    pub fn fl_factor_inverse_diagonal(
        factor: *const fl_factor,
        dtype: fl_dtype,
        diag: *mut c_void,
    ) -> fl_status;
    pub fn fl_factor_mahalanobis(
        factor: *const fl_factor,
        dtype: fl_dtype,
        k: i64,
        y_layout: fl_layout,
        y: *const c_void,
        ldy: i64,
        out: *mut c_void,
    ) -> fl_status;
    pub fn fl_factor_serialized_size(factor: *const fl_factor, size: *mut i64) -> fl_status;
    pub fn fl_factor_serialize(
        factor: *const fl_factor,
        buffer: *mut c_void,
        size: i64,
    ) -> fl_status;
    pub fn fl_factor_deserialize(
        factor: *mut *mut fl_factor,
        buffer: *const c_void,
        size: i64,
    ) -> fl_status;
    pub fn fl_factor_get_indices(
        factor: *const fl_factor,
        part: fl_factor_part,
        out: *mut i64,
        count: i64,
    ) -> fl_status;

    // Batches of small matrices.
    pub fn fl_batch_create(
        batch: *mut *mut fl_batch,
        kind: fl_factor_kind,
        dtype: fl_dtype,
        layout: fl_layout,
        count: i64,
        rows: i64,
        cols: i64,
        a: *const c_void,
        lda: i64,
        stride_a: i64,
        options: *const fl_options,
        info: *mut i32,
    ) -> fl_status;
    pub fn fl_batch_destroy(batch: *mut fl_batch);
    pub fn fl_batch_describe(
        batch: *const fl_batch,
        kind: *mut fl_factor_kind,
        dtype: *mut fl_dtype,
        count: *mut i64,
        rows: *mut i64,
        cols: *mut i64,
    ) -> fl_status;
    pub fn fl_batch_solve(
        batch: *const fl_batch,
        dtype: fl_dtype,
        nrhs: i64,
        layout: fl_layout,
        b: *const c_void,
        ldb: i64,
        stride_b: i64,
        x: *mut c_void,
        ldx: i64,
        stride_x: i64,
    ) -> fl_status;
    pub fn fl_batch_logdet(
        batch: *const fl_batch,
        sign: *mut c_double,
        logabsdet: *mut c_double,
    ) -> fl_status;
    pub fn fl_batch_rcond(batch: *const fl_batch, rcond: *mut c_double) -> fl_status;
    pub fn fl_batch_inverse(
        batch: *const fl_batch,
        dtype: fl_dtype,
        layout: fl_layout,
        inv: *mut c_void,
        ld: i64,
        stride: i64,
    ) -> fl_status;
    pub fn fl_batch_get_part(
        batch: *const fl_batch,
        part: fl_factor_part,
        dtype: fl_dtype,
        layout: fl_layout,
        out: *mut c_void,
        ld: i64,
        stride: i64,
    ) -> fl_status;
    pub fn fl_stack_solve(
        dtype: fl_dtype,
        layout: fl_layout,
        count: i64,
        n: i64,
        a: *const c_void,
        lda: i64,
        stride_a: i64,
        nrhs: i64,
        b: *const c_void,
        ldb: i64,
        stride_b: i64,
        x: *mut c_void,
        ldx: i64,
        stride_x: i64,
        info: *mut i32,
    ) -> fl_status;
    pub fn fl_stack_inverse(
        dtype: fl_dtype,
        layout: fl_layout,
        count: i64,
        n: i64,
        a: *const c_void,
        lda: i64,
        stride_a: i64,
        inv: *mut c_void,
        ldinv: i64,
        stride_inv: i64,
        info: *mut i32,
    ) -> fl_status;
    pub fn fl_stack_slogdet(
        dtype: fl_dtype,
        layout: fl_layout,
        count: i64,
        n: i64,
        a: *const c_void,
        lda: i64,
        stride_a: i64,
        sign: *mut c_double,
        logabsdet: *mut c_double,
        info: *mut i32,
    ) -> fl_status;
    pub fn fl_stack_cholesky(
        dtype: fl_dtype,
        layout: fl_layout,
        count: i64,
        n: i64,
        a: *const c_void,
        lda: i64,
        stride_a: i64,
        triangle: fl_triangle,
        l: *mut c_void,
        ldl: i64,
        stride_l: i64,
        info: *mut i32,
    ) -> fl_status;
    pub fn fl_stack_cholesky_solve(
        dtype: fl_dtype,
        layout: fl_layout,
        count: i64,
        n: i64,
        a: *const c_void,
        lda: i64,
        stride_a: i64,
        triangle: fl_triangle,
        nrhs: i64,
        b: *const c_void,
        ldb: i64,
        stride_b: i64,
        x: *mut c_void,
        ldx: i64,
        stride_x: i64,
        info: *mut i32,
    ) -> fl_status;
    pub fn fl_stack_eigh(
        dtype: fl_dtype,
        layout: fl_layout,
        count: i64,
        n: i64,
        a: *const c_void,
        lda: i64,
        stride_a: i64,
        triangle: fl_triangle,
        w: *mut c_void,
        stride_w: i64,
        v: *mut c_void,
        ldv: i64,
        stride_v: i64,
        info: *mut i32,
    ) -> fl_status;

    // Kernel matrices.
    pub fn fl_kernel_create(
        kernel: *mut *mut fl_kernel,
        kind: fl_kernel_kind,
        metric: fl_metric,
        dim: i64,
        nparams: i64,
        params: *const c_double,
        sigma_f: c_double,
        noise: c_double,
    ) -> fl_status;
    pub fn fl_kernel_destroy(kernel: *mut fl_kernel);
    pub fn fl_kernel_matrix(
        kernel: *const fl_kernel,
        dtype: fl_dtype,
        x_layout: fl_layout,
        n1: i64,
        x1: *const c_void,
        ldx1: i64,
        n2: i64,
        x2: *const c_void,
        ldx2: i64,
        k_layout: fl_layout,
        k: *mut c_void,
        ldk: i64,
    ) -> fl_status;
    pub fn fl_kernel_gradient(
        kernel: *const fl_kernel,
        dtype: fl_dtype,
        x_layout: fl_layout,
        n1: i64,
        x1: *const c_void,
        ldx1: i64,
        n2: i64,
        x2: *const c_void,
        ldx2: i64,
        w_layout: fl_layout,
        w: *const c_void,
        ldw: i64,
        grad: *mut c_double,
    ) -> fl_status;

    // Rolled pairwise products.
    pub fn fl_rolled_matmul(
        dtype: fl_dtype,
        layout: fl_layout,
        d: i64,
        k: i64,
        m: i64,
        n: i64,
        l: i64,
        a: *const c_void,
        b: *const c_void,
        out: *mut c_void,
    ) -> fl_status;

    // Binning.
    pub fn fl_digitize(
        dtype: fl_dtype,
        n: i64,
        x: *const c_void,
        nedges: i64,
        edges: *const c_void,
        right: c_int,
        bins: *mut i64,
    ) -> fl_status;
    pub fn fl_bincount(n: i64, labels: *const i64, nbins: i64, counts: *mut i64) -> fl_status;
    pub fn fl_bincount_weighted(
        n: i64,
        labels: *const i64,
        dtype: fl_dtype,
        weights: *const c_void,
        nbins: i64,
        sums: *mut c_void,
    ) -> fl_status;
    pub fn fl_group_by_bin(
        n: i64,
        labels: *const i64,
        nbins: i64,
        offsets: *mut i64,
        perm: *mut i64,
    ) -> fl_status;

    // Sparse matrices.
    pub fn fl_sparse_create(
        sparse: *mut *mut fl_sparse,
        format: fl_sparse_format,
        index_type: fl_index_type,
        dtype: fl_dtype,
        rows: i64,
        cols: i64,
        ptr: *const c_void,
        idx: *const c_void,
        values: *const c_void,
    ) -> fl_status;
    pub fn fl_sparse_destroy(sparse: *mut fl_sparse);
    pub fn fl_sparse_set_values(
        sparse: *mut fl_sparse,
        dtype: fl_dtype,
        values: *const c_void,
    ) -> fl_status;
    pub fn fl_sparse_shape(
        sparse: *const fl_sparse,
        rows: *mut i64,
        cols: *mut i64,
        nnz: *mut i64,
    ) -> fl_status;
    pub fn fl_sparse_multiply(
        sparse: *const fl_sparse,
        trans: fl_transpose,
        dtype: fl_dtype,
        ncols: i64,
        x_layout: fl_layout,
        x: *const c_void,
        ldx: i64,
        y_layout: fl_layout,
        y: *mut c_void,
        ldy: i64,
    ) -> fl_status;
    pub fn fl_factor_create_sparse(
        factor: *mut *mut fl_factor,
        kind: fl_factor_kind,
        sparse: *const fl_sparse,
        options: *const fl_options,
    ) -> fl_status;
    pub fn fl_factor_refactor(
        refactored: *mut *mut fl_factor,
        factor: *const fl_factor,
        sparse: *const fl_sparse,
    ) -> fl_status;
    pub fn fl_factor_rank_update_sparse(
        updated: *mut *mut fl_factor,
        factor: *const fl_factor,
        sign: c_int,
        v: *const fl_sparse,
    ) -> fl_status;

    // Block-partitioned sums.
    pub fn fl_block_sum_abt(
        dtype: fl_dtype,
        m1: i64,
        m2: i64,
        k: i64,
        n1: i64,
        n2: i64,
        a_layout: fl_layout,
        a: *const c_void,
        lda: i64,
        b_layout: fl_layout,
        b: *const c_void,
        ldb: i64,
        out_layout: fl_layout,
        out: *mut c_void,
        ldout: i64,
    ) -> fl_status;
    pub fn fl_block_sum_acbt(
        dtype: fl_dtype,
        m1: i64,
        m2: i64,
        k1: i64,
        k2: i64,
        n1: i64,
        n2: i64,
        a_layout: fl_layout,
        a: *const c_void,
        lda: i64,
        c_layout: fl_layout,
        c: *const c_void,
        ldc: i64,
        b_layout: fl_layout,
        b: *const c_void,
        ldb: i64,
        out_layout: fl_layout,
        out: *mut c_void,
        ldout: i64,
    ) -> fl_status;
    pub fn fl_block_sum_residual(
        dtype: fl_dtype,
        m: i64,
        k1: i64,
        k2: i64,
        n: i64,
        a_layout: fl_layout,
        a: *const c_void,
        lda: i64,
        b_layout: fl_layout,
        b: *const c_void,
        ldb: i64,
        c_layout: fl_layout,
        c: *const c_void,
        ldc: i64,
        out_layout: fl_layout,
        out: *mut c_void,
        ldout: i64,
    ) -> fl_status;
    pub fn fl_block_sum_kron(
        dtype: fl_dtype,
        m1: i64,
        m2: i64,
        k1: i64,
        k2: i64,
        n1: i64,
        n2: i64,
        a_layout: fl_layout,
        a: *const c_void,
        lda: i64,
        b_layout: fl_layout,
        b: *const c_void,
        ldb: i64,
        out_layout: fl_layout,
        out: *mut c_void,
        ldout: i64,
    ) -> fl_status;
    pub fn fl_block_sum_kron_abt_cdt(
        dtype: fl_dtype,
        m1: i64,
        m2: i64,
        k1: i64,
        k2: i64,
        n1: i64,
        n2: i64,
        a_layout: fl_layout,
        a: *const c_void,
        lda: i64,
        b_layout: fl_layout,
        b: *const c_void,
        ldb: i64,
        c_layout: fl_layout,
        c: *const c_void,
        ldc: i64,
        d_layout: fl_layout,
        d: *const c_void,
        ldd: i64,
        out_layout: fl_layout,
        out: *mut c_void,
        ldout: i64,
    ) -> fl_status;
    pub fn fl_block_sum_kron_grid(
        dtype: fl_dtype,
        m1: i64,
        m2: i64,
        k: i64,
        n1: i64,
        n2: i64,
        a_layout: fl_layout,
        a: *const c_void,
        lda: i64,
        b_layout: fl_layout,
        b: *const c_void,
        ldb: i64,
        c_layout: fl_layout,
        c: *const c_void,
        ldc: i64,
        out_layout: fl_layout,
        out: *mut c_void,
        ldout: i64,
    ) -> fl_status;

    // Matrix calculus.
    pub fn fl_vecb(
        dtype: fl_dtype,
        rows: i64,
        cols: i64,
        n1: i64,
        n2: i64,
        x_layout: fl_layout,
        x: *const c_void,
        ldx: i64,
        out_layout: fl_layout,
        out: *mut c_void,
        ldout: i64,
    ) -> fl_status;
    pub fn fl_vech(
        dtype: fl_dtype,
        n: i64,
        x_layout: fl_layout,
        x: *const c_void,
        ldx: i64,
        out: *mut c_void,
    ) -> fl_status;
    pub fn fl_commutation_apply(
        dtype: fl_dtype,
        m: i64,
        n: i64,
        ncols: i64,
        x_layout: fl_layout,
        x: *const c_void,
        ldx: i64,
        out_layout: fl_layout,
        out: *mut c_void,
        ldout: i64,
    ) -> fl_status;
    pub fn fl_commutation_matrix(
        dtype: fl_dtype,
        m: i64,
        n: i64,
        out_layout: fl_layout,
        out: *mut c_void,
        ldout: i64,
    ) -> fl_status;
    pub fn fl_duplication_apply(
        dtype: fl_dtype,
        n: i64,
        pinv: c_int,
        trans: fl_transpose,
        ncols: i64,
        x_layout: fl_layout,
        x: *const c_void,
        ldx: i64,
        out_layout: fl_layout,
        out: *mut c_void,
        ldout: i64,
    ) -> fl_status;
    pub fn fl_duplication_matrix(
        dtype: fl_dtype,
        n: i64,
        pinv: c_int,
        out_layout: fl_layout,
        out: *mut c_void,
        ldout: i64,
    ) -> fl_status;

    // What runs underneath.
    pub fn fl_blas_info() -> *const c_char;
    pub fn fl_blas_core() -> *const c_char;
    pub fn fl_get_num_threads() -> c_int;
    pub fn fl_set_num_threads(num_threads: c_int) -> fl_status;
    pub fn fl_release_memory() -> i64;
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::ffi::CStr;

    // The header's values, transcribed once more from fastlinalg.h as (name, declared, header).
    #[test]
    fn enum_values_match_the_header() {
        let table: &[(&str, c_int, c_int)] = &[
            ("FL_OK", FL_OK, 0),
            ("FL_ERR_INVALID_ARGUMENT", FL_ERR_INVALID_ARGUMENT, 1),
            ("FL_ERR_DIMENSION_MISMATCH", FL_ERR_DIMENSION_MISMATCH, 2),
            ("FL_ERR_DTYPE_MISMATCH", FL_ERR_DTYPE_MISMATCH, 3),
            ("FL_ERR_SINGULAR", FL_ERR_SINGULAR, 4),
            (
                "FL_ERR_NOT_POSITIVE_DEFINITE",
                FL_ERR_NOT_POSITIVE_DEFINITE,
                5,
            ),
            ("FL_ERR_NON_FINITE", FL_ERR_NON_FINITE, 6),
            ("FL_ERR_TOO_LARGE", FL_ERR_TOO_LARGE, 7),
            ("FL_ERR_OUT_OF_MEMORY", FL_ERR_OUT_OF_MEMORY, 8),
            ("FL_ERR_UNSUPPORTED", FL_ERR_UNSUPPORTED, 9),
            ("FL_ERR_INTERNAL", FL_ERR_INTERNAL, 10),
            ("FL_ERR_NO_CONVERGENCE", FL_ERR_NO_CONVERGENCE, 11),
            ("FL_FLOAT32", FL_FLOAT32, 1),
            ("FL_FLOAT64", FL_FLOAT64, 2),
            ("FL_COMPLEX64", FL_COMPLEX64, 3),
            ("FL_COMPLEX128", FL_COMPLEX128, 4),
            ("FL_ROW_MAJOR", FL_ROW_MAJOR, 1),
            ("FL_COL_MAJOR", FL_COL_MAJOR, 2),
            ("FL_NO_TRANS", FL_NO_TRANS, 1),
            ("FL_TRANS", FL_TRANS, 2),
            ("FL_CONJ_TRANS", FL_CONJ_TRANS, 3),
            ("FL_LOWER", FL_LOWER, 1),
            ("FL_UPPER", FL_UPPER, 2),
            ("FL_OPT_CHECK_FINITE", FL_OPT_CHECK_FINITE, 1),
            ("FL_OPT_TRIANGLE", FL_OPT_TRIANGLE, 2),
            ("FL_OPT_RTOL", FL_OPT_RTOL, 3),
            ("FL_OPT_ATOL", FL_OPT_ATOL, 4),
            ("FL_OPT_PRECISION", FL_OPT_PRECISION, 5),
            ("FL_OPT_OVERWRITE_A", FL_OPT_OVERWRITE_A, 6),
            ("FL_OPT_STORAGE", FL_OPT_STORAGE, 7),
            ("FL_OPT_ALLOW_SINGULAR", FL_OPT_ALLOW_SINGULAR, 20),
            ("FL_OPT_COMPLEX_SYMMETRIC", FL_OPT_COMPLEX_SYMMETRIC, 21),
            ("FL_FACTOR_LU", FL_FACTOR_LU, 1),
            ("FL_FACTOR_CHOLESKY", FL_FACTOR_CHOLESKY, 2),
            ("FL_FACTOR_LDLT", FL_FACTOR_LDLT, 3),
            ("FL_FACTOR_QR", FL_FACTOR_QR, 4),
            ("FL_FACTOR_COD", FL_FACTOR_COD, 5),
            ("FL_FACTOR_SVD", FL_FACTOR_SVD, 6),
            ("FL_FACTOR_EIGH", FL_FACTOR_EIGH, 7),
            ("FL_FACTOR_AUTO", FL_FACTOR_AUTO, 8),
            ("FL_FACTOR_SPARSE_CHOLESKY", FL_FACTOR_SPARSE_CHOLESKY, 9),
            ("FL_FACTOR_SPARSE_LU", FL_FACTOR_SPARSE_LU, 10),
            ("FL_FACTOR_SPARSE_QR", FL_FACTOR_SPARSE_QR, 11),
            ("FL_PART_SINGULAR_VALUES", FL_PART_SINGULAR_VALUES, 1),
            ("FL_PART_U", FL_PART_U, 2),
            ("FL_PART_VT", FL_PART_VT, 3),
            ("FL_PART_EIGENVALUES", FL_PART_EIGENVALUES, 4),
            ("FL_PART_EIGENVECTORS", FL_PART_EIGENVECTORS, 5),
            ("FL_PART_Q", FL_PART_Q, 6),
            ("FL_PART_R", FL_PART_R, 7),
            ("FL_PART_LOWER", FL_PART_LOWER, 8),
            ("FL_PART_UPPER", FL_PART_UPPER, 9),
            ("FL_PART_ROW_PERMUTATION", FL_PART_ROW_PERMUTATION, 10),
            ("FL_PART_LU_PACKED", FL_PART_LU_PACKED, 11),
            ("FL_PART_PIVOTS", FL_PART_PIVOTS, 12),
            ("FL_PART_BLOCK_DIAGONAL", FL_PART_BLOCK_DIAGONAL, 13),
            ("FL_PART_REFLECTORS", FL_PART_REFLECTORS, 14),
            ("FL_PART_TAU", FL_PART_TAU, 15),
            ("FL_PART_COLUMN_PERMUTATION", FL_PART_COLUMN_PERMUTATION, 16),
            ("FL_KERNEL_SQUARED_DISTANCE", FL_KERNEL_SQUARED_DISTANCE, 1),
            ("FL_KERNEL_GAUSSIAN", FL_KERNEL_GAUSSIAN, 2),
            ("FL_KERNEL_MATERN12", FL_KERNEL_MATERN12, 3),
            ("FL_KERNEL_MATERN32", FL_KERNEL_MATERN32, 4),
            ("FL_KERNEL_MATERN52", FL_KERNEL_MATERN52, 5),
            ("FL_METRIC_ISOTROPIC", FL_METRIC_ISOTROPIC, 1),
            ("FL_METRIC_ARD", FL_METRIC_ARD, 2),
            ("FL_METRIC_LOWRANK_DIAG", FL_METRIC_LOWRANK_DIAG, 3),
            ("FL_METRIC_FULL", FL_METRIC_FULL, 4),
            ("FL_SPARSE_CSC", FL_SPARSE_CSC, 1),
            ("FL_SPARSE_CSR", FL_SPARSE_CSR, 2),
            ("FL_INDEX_INT32", FL_INDEX_INT32, 1),
            ("FL_INDEX_INT64", FL_INDEX_INT64, 2),
            ("FL_PRECISION_NATIVE", FL_PRECISION_NATIVE, 0),
            ("FL_PRECISION_MIXED", FL_PRECISION_MIXED, 1),
            ("FL_STORAGE_FULL", FL_STORAGE_FULL, 0),
            ("FL_STORAGE_RFP", FL_STORAGE_RFP, 1),
            ("FL_STORAGE_RFP_INPUT", FL_STORAGE_RFP_INPUT, 2),
            ("FL_INFO_PRECISION", FL_INFO_PRECISION, 1),
            ("FL_INFO_FALLBACK", FL_INFO_FALLBACK, 2),
            ("FL_INFO_REFINEMENT_STEPS", FL_INFO_REFINEMENT_STEPS, 3),
            ("FL_INFO_OVERWRITES_A", FL_INFO_OVERWRITES_A, 4),
            ("FL_FALLBACK_NONE", FL_FALLBACK_NONE, 0),
            ("FL_FALLBACK_LOW_PRECISION", FL_FALLBACK_LOW_PRECISION, 1),
            (
                "FL_FALLBACK_ILL_CONDITIONED",
                FL_FALLBACK_ILL_CONDITIONED,
                2,
            ),
            ("FL_FALLBACK_NOT_CONVERGED", FL_FALLBACK_NOT_CONVERGED, 3),
            ("FL_FALLBACK_QUERY", FL_FALLBACK_QUERY, 4),
        ];
        for (name, declared, header) in table {
            assert_eq!(declared, header, "{} differs from fastlinalg.h", name);
        }
    }

    #[test]
    fn loaded_library_matches_the_declared_version() {
        assert_eq!(unsafe { fl_version_number() }, FL_VERSION_NUMBER);
        let text = unsafe { CStr::from_ptr(fl_version()) }.to_str().unwrap();
        let expected = format!(
            "{}.{}.{}",
            FL_VERSION_MAJOR, FL_VERSION_MINOR, FL_VERSION_PATCH
        );
        assert_eq!(text, expected);
    }

    #[test]
    fn status_strings_and_last_error_are_never_null() {
        for status in FL_OK..=FL_ERR_NO_CONVERGENCE + 1 {
            assert!(!unsafe { fl_status_string(status) }.is_null());
        }
        let mut factor: *mut fl_factor = std::ptr::null_mut();
        let status = unsafe {
            fl_factor_create(
                &mut factor,
                99,
                FL_FLOAT64,
                FL_ROW_MAJOR,
                1,
                1,
                [1.0f64].as_ptr().cast(),
                1,
                std::ptr::null(),
            )
        };
        assert_eq!(status, FL_ERR_INVALID_ARGUMENT);
        assert!(factor.is_null());
        let message = unsafe { CStr::from_ptr(fl_last_error()) }.to_str().unwrap();
        assert!(message.contains("kind"), "message: {}", message);
    }
}
