//! Sparse matrices: products, the three sparse factor kinds, refactor and rank updates,
//! checked against dense arithmetic.
mod common;

use common::*;
use fastlinalg::*;

/// CSC arrays of the n-by-n SPD tridiagonal with `diag` on the diagonal and -1 beside it.
fn tridiagonal(n: usize, diag: f64) -> (Vec<i64>, Vec<i64>, Vec<f64>) {
    let (mut ptr, mut idx, mut val) = (vec![0i64], vec![], vec![]);
    for j in 0..n {
        for i in j.saturating_sub(1)..(j + 2).min(n) {
            idx.push(i as i64);
            val.push(if i == j { diag } else { -1.0 });
        }
        ptr.push(idx.len() as i64);
    }
    (ptr, idx, val)
}

fn dense_of_csc(n_rows: usize, n_cols: usize, ptr: &[i64], idx: &[i64], val: &[f64]) -> Vec<f64> {
    let mut a = vec![0.0; n_rows * n_cols];
    for j in 0..n_cols {
        for p in ptr[j] as usize..ptr[j + 1] as usize {
            a[idx[p] as usize * n_cols + j] += val[p];
        }
    }
    a
}

#[test]
fn multiply_matches_the_dense_product() {
    let n = 7;
    let (ptr, idx, val) = tridiagonal(n, 3.0);
    let s = Sparse::csc(n, n, &ptr, &idx, &val).unwrap();
    assert_eq!(s.shape().unwrap(), (n, n, 3 * n - 2));
    assert_eq!(s.dtype(), Dtype::Float64);
    let dense = dense_of_csc(n, n, &ptr, &idx, &val);
    let x: Vec<f64> = Rng::new(41).vec(n * 3);
    let xm = MatRef::col_major(&x, n, 3).unwrap();
    let y = s.multiply(Transpose::No, xm).unwrap();
    assert_close(
        "A X",
        &row_major_f64(&y.as_ref()),
        &matmul(&MatRef::row_major(&dense, n, n).unwrap(), &xm),
        1e-14,
    );
    // float32 values through int32 indices, CSR of a non-square matrix, transposed product.
    let (ptr32, idx32) = ([0i32, 2, 3], [0i32, 2, 1]);
    let val32 = [1.0f32, 2.0, -3.0]; // 2-by-3: [[1, 0, 2], [0, -3, 0]]
    let r = Sparse::csr(2, 3, &ptr32, &idx32, &val32).unwrap();
    let yt = r
        .multiply(
            Transpose::Trans,
            MatRef::row_major(&[1.0f32, 10.0], 2, 1).unwrap(),
        )
        .unwrap();
    assert_eq!(yt.data(), &[1.0, -30.0, 2.0]);
}

#[test]
fn sparse_factors_solve() {
    let n = 30;
    let (ptr, idx, val) = tridiagonal(n, 2.5);
    let dense = dense_of_csc(n, n, &ptr, &idx, &val);
    let a = MatRef::row_major(&dense, n, n).unwrap();
    let b: Vec<f64> = Rng::new(42).vec(n * 4);
    let b = MatRef::row_major(&b, n, 4).unwrap();
    let s = Sparse::csc(n, n, &ptr, &idx, &val).unwrap();
    for &kind in &[
        FactorKind::SparseCholesky,
        FactorKind::SparseLu,
        FactorKind::SparseQr,
    ] {
        let f = Factor::sparse(kind, &s, None).unwrap();
        assert_eq!(f.kind(), kind);
        let x = f.solve(b).unwrap();
        assert!(scaled_residual(&a, &x.as_ref(), &b) < 30.0, "{:?}", kind);
    }
    let chol = Factor::sparse(FactorKind::SparseCholesky, &s, None).unwrap();
    let dense_logdet = Factor::cholesky(a).unwrap().logdet().unwrap();
    let (sign, logabs) = chol.logdet().unwrap();
    assert_eq!(sign, 1.0);
    assert!((logabs - dense_logdet.1).abs() < 1e-12 * logabs.abs());
}

#[test]
fn sparse_least_squares_matches_dense_qr() {
    // A 6-by-3 sparse matrix in CSC.
    let (ptr, idx) = ([0i64, 3, 5, 8], [0i64, 2, 5, 1, 3, 0, 4, 5]);
    let val = [1.0, 2.0, -1.0, 3.0, 1.0, 0.5, 2.0, 1.0f64];
    let dense = dense_of_csc(6, 3, &ptr, &idx, &val);
    let b: Vec<f64> = Rng::new(43).vec(6 * 2);
    let b = MatRef::row_major(&b, 6, 2).unwrap();
    let sq = Factor::sparse(
        FactorKind::SparseQr,
        &Sparse::csc(6, 3, &ptr, &idx, &val).unwrap(),
        None,
    )
    .unwrap();
    assert_eq!(sq.rank().unwrap(), 3);
    let x = sq.solve(b).unwrap();
    let xd = Factor::qr(MatRef::row_major(&dense, 6, 3).unwrap())
        .unwrap()
        .solve(b)
        .unwrap();
    assert_close(
        "sparse QR vs dense QR",
        &row_major_f64(&x.as_ref()),
        &row_major_f64(&xd.as_ref()),
        1e-12,
    );
}

#[test]
fn set_values_refactor_and_rank_update() {
    let n = 12;
    let (ptr, idx, val) = tridiagonal(n, 2.5);
    let mut s = Sparse::csc(n, n, &ptr, &idx, &val).unwrap();
    let chol = Factor::sparse(FactorKind::SparseCholesky, &s, None).unwrap();
    let b: Vec<f64> = Rng::new(44).vec(n);
    let b = MatRef::row_major(&b, n, 1).unwrap();

    let (_, _, val4) = tridiagonal(n, 4.0);
    s.set_values(&val4).unwrap();
    let re = chol.refactor(&s).unwrap();
    let dense4 = dense_of_csc(n, n, &ptr, &idx, &val4);
    assert!(
        scaled_residual(
            &MatRef::row_major(&dense4, n, n).unwrap(),
            &re.solve(b).unwrap().as_ref(),
            &b
        ) < 30.0
    );
    // The old factor still solves with the old values.
    let dense = dense_of_csc(n, n, &ptr, &idx, &val);
    assert!(
        scaled_residual(
            &MatRef::row_major(&dense, n, n).unwrap(),
            &chol.solve(b).unwrap().as_ref(),
            &b
        ) < 30.0
    );
    let e = s.set_values(&val4[1..]).unwrap_err();
    assert_eq!(e.status, Status::DimensionMismatch);

    // A + v v^T with a sparse n-by-1 v holding entries at rows 1 and 5.
    let (vp, vi, vv) = ([0i64, 2], [1i64, 5], [0.5, -2.0f64]);
    let v = Sparse::csc(n, 1, &vp, &vi, &vv).unwrap();
    let up = re.rank_update_sparse(UpdateSign::Update, &v).unwrap();
    let mut dense_up = dense4.clone();
    for (p, &i) in vi.iter().enumerate() {
        for (q, &j) in vi.iter().enumerate() {
            dense_up[i as usize * n + j as usize] += vv[p] * vv[q];
        }
    }
    assert!(
        scaled_residual(
            &MatRef::row_major(&dense_up, n, n).unwrap(),
            &up.solve(b).unwrap().as_ref(),
            &b
        ) < 30.0
    );
}

#[test]
fn sparse_errors_name_the_entry() {
    let e = Sparse::csc(2, 2, &[0i64, 1, 2], &[0i64, 5], &[1.0f64, 1.0]).unwrap_err();
    assert_eq!(e.status, Status::InvalidArgument);
    assert!(e.message.contains('5'), "{}", e.message);
    let e = Sparse::csc(2, 2, &[0i64, 1, 3], &[0i64, 1], &[1.0f64, 1.0]).unwrap_err();
    assert_eq!(e.status, Status::DimensionMismatch);
    let indefinite = Sparse::csc(2, 2, &[0i64, 1, 2], &[0i64, 1], &[1.0f64, -1.0]).unwrap();
    let e = Factor::sparse(FactorKind::SparseCholesky, &indefinite, None).unwrap_err();
    assert_eq!(e.status, Status::NotPositiveDefinite);
    let e = Factor::sparse(FactorKind::Lu, &indefinite, None).unwrap_err();
    assert_eq!(e.status, Status::InvalidArgument);
}

#[test]
fn float32_csr_with_int32_indices_factors() {
    // The 3-by-3 nonsymmetric [[4, 1, 0], [0, 3, 1], [1, 0, 2]] in CSR.
    let (ptr, idx) = ([0i32, 2, 4, 6], [0i32, 1, 1, 2, 0, 2]);
    let val = [4.0f32, 1.0, 3.0, 1.0, 1.0, 2.0];
    let s = Sparse::csr(3, 3, &ptr, &idx, &val).unwrap();
    assert_eq!(s.dtype(), Dtype::Float32);
    let lu = Factor::sparse(FactorKind::SparseLu, &s, None).unwrap();
    assert_eq!(lu.dtype(), Dtype::Float32);
    let dense = [4.0f32, 1.0, 0.0, 0.0, 3.0, 1.0, 1.0, 0.0, 2.0];
    let b = [1.0f32, 2.0, 3.0, 4.0, 5.0, 6.0];
    let b = MatRef::col_major(&b, 3, 2).unwrap();
    // For a real A, ConjTrans is Trans.
    for &trans in &[Transpose::No, Transpose::Trans, Transpose::ConjTrans] {
        let x = lu.solve_trans(trans, b).unwrap();
        let a: Vec<f32> = build(3, 3, Layout::RowMajor, |i, j| match trans {
            Transpose::No => dense[i * 3 + j] as f64,
            Transpose::Trans | Transpose::ConjTrans => dense[j * 3 + i] as f64,
        });
        let r = scaled_residual(&MatRef::row_major(&a, 3, 3).unwrap(), &x.as_ref(), &b);
        assert!(r < 30.0, "{:?}: {}", trans, r);
    }
    // det = 4*6 - 1*(0 - 1) = 25.
    let (sign, logabs) = lu.logdet().unwrap();
    assert_eq!(sign, 1.0);
    assert!((logabs - 25f64.ln()).abs() < 1e-12);
}
