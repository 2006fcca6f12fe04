//! Rolled products, binning, block sums and the matrix-calculus maps against loops and
//! hand-worked cases.
mod common;

use common::*;
use fastlinalg::*;

#[test]
fn rolled_matmul_matches_a_loop() {
    let (d, k, m, n, l) = (4, 3, 2, 3, 5);
    let mut rng = Rng::new(31);
    let a: Vec<f64> = rng.vec(d * m * n);
    let b: Vec<f64> = rng.vec(d * n * l);
    let out = rolled_matmul(Layout::RowMajor, d, k, m, n, l, &a, &b).unwrap();
    for i in 0..d {
        for j in 0..k {
            let bi = (i + j) % d;
            for r in 0..m {
                for c in 0..l {
                    let want: f64 = (0..n)
                        .map(|t| a[(i * m + r) * n + t] * b[(bi * n + t) * l + c])
                        .sum();
                    let got = out[((i * k + j) * m + r) * l + c];
                    assert!(
                        (got - want).abs() < 1e-14,
                        "out[{}, {}, {}, {}]",
                        i,
                        j,
                        r,
                        c
                    );
                }
            }
        }
    }
    let a32: Vec<f32> = a.iter().map(|&v| v as f32).collect();
    let b32: Vec<f32> = b.iter().map(|&v| v as f32).collect();
    let e = rolled_matmul(Layout::RowMajor, d, k, m, n, l, &a32[1..], &b32).unwrap_err();
    assert_eq!(e.status, Status::DimensionMismatch);
    let e = rolled_matmul(Layout::ColMajor, d, d + 1, m, n, l, &a32, &b32).unwrap_err();
    assert_eq!(e.status, Status::InvalidArgument);
}

#[test]
fn binning_hand_cases() {
    let x = [0.5, 1.0, 2.5, -1.0, 3.0f64];
    let edges = [0.0, 1.0, 2.0, 3.0];
    assert_eq!(digitize(&x, &edges, false).unwrap(), vec![1, 2, 3, 0, 4]);
    assert_eq!(digitize(&x, &edges, true).unwrap(), vec![1, 1, 3, 0, 3]);
    let down = [3.0f32, 2.0, 1.0, 0.0];
    let x32 = [0.5f32, 1.0, 2.5, -1.0, 3.0];
    assert_eq!(digitize(&x32, &down, false).unwrap(), vec![3, 2, 1, 4, 0]);
    let e = digitize(&[0.0f64], &[1.0, 0.0, 2.0], false).unwrap_err();
    assert_eq!(e.status, Status::InvalidArgument);

    let labels = [0i64, 2, 2, 1, 2];
    assert_eq!(bincount(&labels, 3).unwrap(), vec![1, 1, 3]);
    assert_eq!(bincount(&labels, 4).unwrap(), vec![1, 1, 3, 0]);
    let w = [1.5f64, 2.0, 3.0, -1.0, 0.25];
    assert_eq!(
        bincount_weighted(&labels, &w, 3).unwrap(),
        vec![1.5, -1.0, 5.25]
    );
    let (offsets, perm) = group_by_bin(&labels, 3).unwrap();
    assert_eq!(offsets, vec![0, 1, 2, 5]);
    assert_eq!(perm, vec![0, 3, 1, 2, 4]);
    let e = bincount(&[0, 3], 3).unwrap_err();
    assert_eq!(e.status, Status::InvalidArgument);
    assert!(e.message.contains('3'), "{}", e.message);
}

/// Element (i, j) of the row-major matrix `m` with `cols` columns.
fn el(m: &[f64], cols: usize, i: usize, j: usize) -> f64 {
    m[i * cols + j]
}

#[test]
fn block_sums_match_loops() {
    let mut rng = Rng::new(32);
    let (l, n1, n2, k, k2) = (3, 2, 4, 5, 3);
    let (m1, m2) = (l * n1, l * n2);
    let a: Vec<f64> = rng.vec(m1 * k);
    let b: Vec<f64> = rng.vec(m2 * k);
    let c: Vec<f64> = rng.vec(k * k2);
    let b2: Vec<f64> = rng.vec(m2 * k2);
    let am = MatRef::row_major(&a, m1, k).unwrap();

    // Lemma 1, with B column-major to mix layouts.
    let bcol: Vec<f64> = build(m2, k, Layout::ColMajor, |i, j| b[i * k + j]);
    let out = block_sum_abt(am, MatRef::col_major(&bcol, m2, k).unwrap(), n1, n2).unwrap();
    let want: Vec<f64> = build(n1, n2, Layout::RowMajor, |p, q| {
        (0..l)
            .map(|i| {
                (0..k)
                    .map(|t| el(&a, k, i * n1 + p, t) * el(&b, k, i * n2 + q, t))
                    .sum::<f64>()
            })
            .sum()
    });
    assert_close("abt", out.data(), &want, 1e-13);

    // Lemma 2: sum A_i C B_i^T.
    let out = block_sum_acbt(
        am,
        MatRef::row_major(&c, k, k2).unwrap(),
        MatRef::row_major(&b2, m2, k2).unwrap(),
        n1,
        n2,
    )
    .unwrap();
    let want: Vec<f64> = build(n1, n2, Layout::RowMajor, |p, q| {
        let mut s = 0.0;
        for i in 0..l {
            for t in 0..k {
                for u in 0..k2 {
                    s += el(&a, k, i * n1 + p, t) * el(&c, k2, t, u) * el(&b2, k2, i * n2 + q, u);
                }
            }
        }
        s
    });
    assert_close("acbt", out.data(), &want, 1e-13);

    // Lemma 3: sum (A_i - B_i C)(A_i - B_i C)^T, A m1-by-k, B m1-by-k2, C k2-by-k.
    let bb: Vec<f64> = rng.vec(m1 * k2);
    let cc: Vec<f64> = rng.vec(k2 * k);
    let out = block_sum_residual(
        am,
        MatRef::row_major(&bb, m1, k2).unwrap(),
        MatRef::row_major(&cc, k2, k).unwrap(),
        n1,
    )
    .unwrap();
    let res: Vec<f64> = build(m1, k, Layout::RowMajor, |i, j| {
        el(&a, k, i, j)
            - (0..k2)
                .map(|u| el(&bb, k2, i, u) * el(&cc, k, u, j))
                .sum::<f64>()
    });
    let want: Vec<f64> = build(n1, n1, Layout::RowMajor, |p, q| {
        (0..l)
            .map(|i| {
                (0..k)
                    .map(|t| el(&res, k, i * n1 + p, t) * el(&res, k, i * n1 + q, t))
                    .sum::<f64>()
            })
            .sum()
    });
    assert_close("residual", out.data(), &want, 1e-13);

    // Lemma 4: sum A_i (x) B_i, (n1 n2)-by-(k k2).
    let out = block_sum_kron(am, MatRef::row_major(&b2, m2, k2).unwrap(), n1, n2).unwrap();
    let want: Vec<f64> = build(n1 * n2, k * k2, Layout::RowMajor, |r, s| {
        let (p, q, t, u) = (r / n2, r % n2, s / k2, s % k2);
        (0..l)
            .map(|i| el(&a, k, i * n1 + p, t) * el(&b2, k2, i * n2 + q, u))
            .sum()
    });
    assert_close("kron", out.data(), &want, 1e-13);
}

#[test]
fn kronecker_block_sums_match_loops() {
    let mut rng = Rng::new(33);
    let (l1, l2, n1, n2, k1, k2) = (2, 3, 2, 2, 3, 2);
    let (m1, m2) = (l1 * n1, l2 * n2);
    let a: Vec<f64> = rng.vec(m1 * k1);
    let b: Vec<f64> = rng.vec(m2 * k1);
    let c: Vec<f64> = rng.vec(m1 * k2);
    let d: Vec<f64> = rng.vec(m2 * k2);
    fn r(v: &[f64], rows: usize, cols: usize) -> MatRef<'_, f64> {
        MatRef::row_major(v, rows, cols).unwrap()
    }
    // Lemma 5: sum_j sum_i (A_i B_j^T) (x) (C_i D_j^T).
    let out = block_sum_kron_abt_cdt(
        r(&a, m1, k1),
        r(&b, m2, k1),
        r(&c, m1, k2),
        r(&d, m2, k2),
        n1,
        n2,
    )
    .unwrap();
    let want: Vec<f64> = build(n1 * n1, n2 * n2, Layout::RowMajor, |row, col| {
        let (p, p2, q, q2) = (row / n1, row % n1, col / n2, col % n2);
        let mut s = 0.0;
        for i in 0..l1 {
            for j in 0..l2 {
                let ab: f64 = (0..k1)
                    .map(|t| el(&a, k1, i * n1 + p, t) * el(&b, k1, j * n2 + q, t))
                    .sum();
                let cd: f64 = (0..k2)
                    .map(|t| el(&c, k2, i * n1 + p2, t) * el(&d, k2, j * n2 + q2, t))
                    .sum();
                s += ab * cd;
            }
        }
        s
    });
    assert_close("kron_abt_cdt", out.data(), &want, 1e-13);

    // Lemma 6: sum_ij A_ij (x) B_i C_j^T, A m1-by-m2, B m1-by-k1, C m2-by-k1.
    let g: Vec<f64> = rng.vec(m1 * m2);
    let out = block_sum_kron_grid(r(&g, m1, m2), r(&a, m1, k1), r(&b, m2, k1), n1, n2).unwrap();
    let want: Vec<f64> = build(n1 * n1, n2 * n2, Layout::RowMajor, |row, col| {
        let (p, p2, q, q2) = (row / n1, row % n1, col / n2, col % n2);
        let mut s = 0.0;
        for i in 0..l1 {
            for j in 0..l2 {
                let bc: f64 = (0..k1)
                    .map(|t| el(&a, k1, i * n1 + p2, t) * el(&b, k1, j * n2 + q2, t))
                    .sum();
                s += el(&g, m2, i * n1 + p, j * n2 + q) * bc;
            }
        }
        s
    });
    assert_close("kron_grid", out.data(), &want, 1e-13);

    let e = block_sum_abt(r(&a, m1, k1), r(&b, m2, k1), 3, n2).unwrap_err();
    assert_eq!(e.status, Status::InvalidArgument);
    assert!(e.message.contains("does not divide"), "{}", e.message);
}

#[test]
fn matrix_calculus_maps() {
    // vech of a 3-by-3 (upper triangle ignored).
    let x = [1.0, 99.0, 99.0, 2.0, 4.0, 99.0, 3.0, 5.0, 6.0f64];
    assert_eq!(
        vech(MatRef::row_major(&x, 3, 3).unwrap()).unwrap(),
        vec![1.0, 2.0, 3.0, 4.0, 5.0, 6.0]
    );
    // vecb with one block is vec(X)^T; with 1-by-1 blocks, each row is one element.
    let y = [1.0, 2.0, 3.0, 4.0, 5.0, 6.0f64]; // 2-by-3 row-major
    let ym = MatRef::row_major(&y, 2, 3).unwrap();
    let v = vecb(ym, 2, 3).unwrap();
    assert_eq!((v.rows(), v.cols()), (1, 6));
    assert_eq!(
        row_major_f64(&v.as_ref()),
        vec![1.0, 4.0, 2.0, 5.0, 3.0, 6.0]
    );
    let v = vecb(ym, 2, 1).unwrap();
    assert_eq!(
        row_major_f64(&v.as_ref()),
        vec![1.0, 4.0, 2.0, 5.0, 3.0, 6.0]
    );

    // K(m,n) vec(A) = vec(A^T) for the 2-by-3 A = y.
    let vec_a = [1.0, 4.0, 2.0, 5.0, 3.0, 6.0f64];
    let vec_at = vec![1.0, 2.0, 3.0, 4.0, 5.0, 6.0];
    let kv = commutation_apply(2, 3, MatRef::col_major(&vec_a, 6, 1).unwrap()).unwrap();
    assert_eq!(kv.data(), &vec_at[..]);
    let km = commutation_matrix::<f64>(2, 3, Layout::RowMajor).unwrap();
    assert_eq!(
        matmul(&km.as_ref(), &MatRef::col_major(&vec_a, 6, 1).unwrap()),
        vec_at
    );

    // D vech(S) = vec(S) and D^+ vec(S) = vech(S) for a symmetric S.
    let s = [1.0, 2.0, 3.0, 2.0, 4.0, 5.0, 3.0, 5.0, 6.0f32];
    let vh = vech(MatRef::row_major(&s, 3, 3).unwrap()).unwrap();
    let dv = duplication_apply(
        3,
        false,
        Transpose::No,
        MatRef::col_major(&vh, 6, 1).unwrap(),
    )
    .unwrap();
    assert_eq!(dv.data(), &s[..]);
    let back =
        duplication_apply(3, true, Transpose::No, MatRef::col_major(&s, 9, 1).unwrap()).unwrap();
    assert_eq!(back.data(), &vh[..]);
    let d = duplication_matrix::<f32>(3, false, Layout::ColMajor).unwrap();
    assert_eq!((d.rows(), d.cols()), (9, 6));
    assert_eq!(
        matmul(&d.as_ref(), &MatRef::col_major(&vh, 6, 1).unwrap()),
        s.iter().map(|&v| v as f64).collect::<Vec<_>>()
    );
    // D^T applied is the transpose of D.
    let dt = duplication_apply(
        3,
        false,
        Transpose::Trans,
        MatRef::col_major(&s, 9, 1).unwrap(),
    )
    .unwrap();
    let want: Vec<f64> = (0..6)
        .map(|r| (0..9).map(|c| *d.at(c, r) as f64 * s[c] as f64).sum())
        .collect();
    assert_close(
        "D^T vec(S)",
        &dt.data().iter().map(|&v| v as f64).collect::<Vec<_>>(),
        &want,
        0.0,
    );
    let e = vech(MatRef::row_major(&y, 2, 3).unwrap()).unwrap_err();
    assert_eq!(e.status, Status::DimensionMismatch);
}
