//! Dense factors: solves of every kind, queries, parts and updates, against f64 loops.
mod common;

use common::*;
use fastlinalg::*;

const LAYOUTS: [Layout; 2] = [Layout::RowMajor, Layout::ColMajor];

fn solve_all_kinds<T: Real>() {
    let n = 12;
    let nrhs = 5;
    let mut rng = Rng::new(1);
    let a_spd = spd(n, &mut rng);
    let b_vals: Vec<f64> = rng.vec(n * nrhs);
    for &layout in &LAYOUTS {
        let a: Vec<T> = build(n, n, layout, |i, j| a_spd[i * n + j]);
        let b: Vec<T> = build(n, nrhs, layout, |i, j| b_vals[i * nrhs + j]);
        let (a, b) = (view(&a, n, n, layout), view(&b, n, nrhs, layout));
        for &kind in &DENSE_KINDS {
            let f = Factor::new(kind, a, None).unwrap();
            assert_eq!((f.rows(), f.cols()), (n, n));
            let x = f.solve(b).unwrap();
            assert_eq!(x.layout(), layout);
            let r = scaled_residual(&a, &x.as_ref(), &b);
            assert!(
                r < 30.0,
                "{:?} {:?} {:?}: scaled residual {}",
                kind,
                layout,
                f.dtype(),
                r
            );
        }
    }
}

#[test]
fn every_dense_kind_solves_float64_and_float32() {
    solve_all_kinds::<f64>();
    solve_all_kinds::<f32>();
}

#[test]
fn transposed_solve_and_solve_into_a_padded_buffer() {
    let n = 9;
    let mut rng = Rng::new(2);
    let a: Vec<f64> = rng.vec(n * n);
    let a = MatRef::row_major(&a, n, n).unwrap();
    let lu = Factor::lu(a).unwrap();
    let b: Vec<f64> = rng.vec(n * 3);
    let b = MatRef::col_major(&b, n, 3).unwrap();
    // X in a column-major buffer with ld = n + 4: the padding must be left alone.
    let mut xbuf = vec![7.0; (n + 4) * 3];
    lu.solve_into(
        Transpose::Trans,
        b,
        MatMut::with_ld(&mut xbuf, n, 3, Layout::ColMajor, n + 4).unwrap(),
    )
    .unwrap();
    let x = MatRef::with_ld(&xbuf, n, 3, Layout::ColMajor, n + 4).unwrap();
    let at_t: Vec<f64> = build(n, n, Layout::RowMajor, |i, j| *a.at(j, i));
    let r = scaled_residual(&MatRef::row_major(&at_t, n, n).unwrap(), &x, &b);
    assert!(r < 30.0, "A^T X = B scaled residual {}", r);
    for j in 0..3 {
        for p in n..n + 4 {
            assert_eq!(xbuf[j * (n + 4) + p], 7.0, "padding written");
        }
    }
}

#[test]
fn logdet_rcond_and_inverse() {
    let a = [3.0, 1.0, 2.0, 4.0f64]; // det = 10
    let f = Factor::lu(MatRef::row_major(&a, 2, 2).unwrap()).unwrap();
    let (sign, logabs) = f.logdet().unwrap();
    assert_eq!(sign, 1.0);
    assert!((logabs - 10f64.ln()).abs() < 1e-14);
    let rcond = f.rcond().unwrap();
    // ||A||_1 = 6, ||A^-1||_1 = 0.5: rcond = 1/3 exactly for 2-by-2 (the estimate is exact here).
    assert!((rcond - 1.0 / 3.0).abs() < 1e-12, "rcond {}", rcond);
    let neg = [0.0, 1.0, 1.0, 0.0f64];
    let (sign, logabs) = Factor::lu(MatRef::row_major(&neg, 2, 2).unwrap())
        .unwrap()
        .logdet()
        .unwrap();
    assert_eq!((sign, logabs), (-1.0, 0.0));

    let n = 10;
    let mut rng = Rng::new(3);
    let vals: Vec<f64> = rng.vec(n * n);
    for &layout in &LAYOUTS {
        let a = view(&vals, n, n, Layout::RowMajor);
        let inv = Factor::lu(a).unwrap().inverse::<f64>(layout).unwrap();
        let prod = matmul(&a, &inv.as_ref());
        let eye: Vec<f64> = (0..n * n)
            .map(|k| if k % (n + 1) == 0 { 1.0 } else { 0.0 })
            .collect();
        assert_close("A inv(A)", &prod, &eye, 1e-10);
    }
}

#[test]
fn rank_inertia_and_auto_choices() {
    // A rank-2 4-by-3 matrix: column 2 = column 0 + column 1.
    let a = [
        1.0, 2.0, 3.0, 0.0, 1.0, 1.0, 4.0, -1.0, 3.0, 2.0, 2.0, 4.0f64,
    ];
    let a = MatRef::row_major(&a, 4, 3).unwrap();
    assert_eq!(Factor::svd(a).unwrap().rank().unwrap(), 2);
    assert_eq!(Factor::cod(a).unwrap().rank().unwrap(), 2);
    assert_eq!(Factor::auto(a).unwrap().kind(), FactorKind::Cod);

    let s = [2.0, 1.0, 0.0, 1.0, -3.0, 0.0, 0.0, 0.0, 1.0f64];
    let s = MatRef::row_major(&s, 3, 3).unwrap();
    let want = Inertia {
        positive: 2,
        negative: 1,
        zero: 0,
    };
    assert_eq!(Factor::ldlt(s).unwrap().inertia().unwrap(), want);
    assert_eq!(Factor::eigh(s).unwrap().inertia().unwrap(), want);
    assert_eq!(Factor::auto(s).unwrap().kind(), FactorKind::Ldlt);
    let p = [4.0, 1.0, 1.0, 3.0f64];
    assert_eq!(
        Factor::auto(MatRef::row_major(&p, 2, 2).unwrap())
            .unwrap()
            .kind(),
        FactorKind::Cholesky
    );
    let u = [4.0, 1.0, 2.0, 3.0f64];
    let lu = Factor::auto(MatRef::row_major(&u, 2, 2).unwrap()).unwrap();
    assert_eq!((lu.kind(), lu.dtype()), (FactorKind::Lu, Dtype::Float64));
}

#[test]
fn parts_rebuild_the_matrix() {
    let (m, n) = (7, 4);
    let mut rng = Rng::new(4);
    let vals: Vec<f64> = rng.vec(m * n);
    let a = MatRef::row_major(&vals, m, n).unwrap();

    let svd = Factor::svd(a).unwrap();
    assert_eq!(svd.part_shape(Part::U).unwrap(), (m, n));
    let s = svd
        .part::<f64>(Part::SingularValues, Layout::RowMajor)
        .unwrap();
    let u = svd.part::<f64>(Part::U, Layout::ColMajor).unwrap();
    let vt = svd.part::<f64>(Part::Vt, Layout::RowMajor).unwrap();
    let us: Vec<f64> = build(m, n, Layout::RowMajor, |i, j| u.at(i, j) * s.at(j, 0));
    let rebuilt = matmul(&MatRef::row_major(&us, m, n).unwrap(), &vt.as_ref());
    assert_close("U S V^T", &rebuilt, &vals, 1e-12);
    assert!(s.data().windows(2).all(|w| w[0] >= w[1]), "descending");

    let qr = Factor::qr(a).unwrap();
    let q = qr.part::<f64>(Part::Q, Layout::RowMajor).unwrap();
    let r = qr.part::<f64>(Part::R, Layout::ColMajor).unwrap();
    assert_close("Q R", &matmul(&q.as_ref(), &r.as_ref()), &vals, 1e-12);
    assert_eq!(
        qr.part::<f64>(Part::SingularValues, Layout::RowMajor)
            .unwrap_err()
            .status,
        Status::Unsupported
    );

    // apply_q: Q^T A is [R; 0].
    let mut c = vals.clone();
    qr.apply_q(Transpose::Trans, MatMut::row_major(&mut c, m, n).unwrap())
        .unwrap();
    for i in 0..m {
        for j in 0..n {
            let want = if i < n { *r.at(i, j) } else { 0.0 };
            assert!((c[i * n + j] - want).abs() < 1e-12, "Q^T A [{}, {}]", i, j);
        }
    }

    let sym = spd(5, &mut rng);
    let eig = Factor::eigh(MatRef::row_major(&sym, 5, 5).unwrap()).unwrap();
    let w = eig
        .part::<f64>(Part::Eigenvalues, Layout::RowMajor)
        .unwrap();
    let v = eig
        .part::<f64>(Part::Eigenvectors, Layout::RowMajor)
        .unwrap();
    let vw: Vec<f64> = build(5, 5, Layout::RowMajor, |i, j| v.at(i, j) * w.at(j, 0));
    let vt: Vec<f64> = build(5, 5, Layout::RowMajor, |i, j| *v.at(j, i));
    let rebuilt = matmul(
        &MatRef::row_major(&vw, 5, 5).unwrap(),
        &MatRef::row_major(&vt, 5, 5).unwrap(),
    );
    assert_close("V W V^T", &rebuilt, &sym, 1e-12);
}

#[test]
fn least_squares_residual_norms() {
    let (m, n, k) = (20, 5, 3);
    let mut rng = Rng::new(5);
    let a: Vec<f64> = rng.vec(m * n);
    let b: Vec<f64> = rng.vec(m * k);
    let (a, b) = (
        MatRef::row_major(&a, m, n).unwrap(),
        MatRef::col_major(&b, m, k).unwrap(),
    );
    for f in [
        Factor::qr(a).unwrap(),
        Factor::cod(a).unwrap(),
        Factor::svd(a).unwrap(),
    ] {
        let x = f.solve(b).unwrap();
        let ax = matmul(&a, &x.as_ref());
        let norms = f.residual_norms(b).unwrap();
        for j in 0..k {
            let want = (0..m)
                .map(|i| (b.at(i, j) - ax[i * k + j]).powi(2))
                .sum::<f64>()
                .sqrt();
            assert!(
                (norms[j] - want).abs() < 1e-12 * want.max(1.0),
                "{:?} column {}",
                f.kind(),
                j
            );
            // Normal equations: A^T (b - A x) = 0.
            for p in 0..n {
                let g: f64 = (0..m)
                    .map(|i| a.at(i, p) * (b.at(i, j) - ax[i * k + j]))
                    .sum();
                assert!(g.abs() < 1e-12, "A^T r [{}, {}] = {}", p, j, g);
            }
        }
    }
}

#[test]
fn shifted_solves_and_rank_updates() {
    let n = 8;
    let mut rng = Rng::new(6);
    let a_vals = spd(n, &mut rng);
    let a = MatRef::row_major(&a_vals, n, n).unwrap();
    let b: Vec<f64> = rng.vec(n * 2);
    let b = MatRef::row_major(&b, n, 2).unwrap();
    let shifts = [0.0, 0.5, 3.0];
    let xs = Factor::eigh(a).unwrap().solve_shifted(&shifts, b).unwrap();
    assert_eq!(xs.len(), 3);
    for (x, &lambda) in xs.iter().zip(&shifts) {
        let shifted: Vec<f64> = build(n, n, Layout::RowMajor, |i, j| {
            a_vals[i * n + j] + if i == j { lambda } else { 0.0 }
        });
        let r = scaled_residual(&MatRef::row_major(&shifted, n, n).unwrap(), &x.as_ref(), &b);
        assert!(r < 30.0, "shift {}: {}", lambda, r);
    }

    let v: Vec<f64> = rng.vec(n * 2);
    let v = MatRef::col_major(&v, n, 2).unwrap();
    let chol = Factor::cholesky(a).unwrap();
    let up = chol.rank_update(UpdateSign::Update, v).unwrap();
    let a_up: Vec<f64> = build(n, n, Layout::RowMajor, |i, j| {
        a_vals[i * n + j] + v.at(i, 0) * v.at(j, 0) + v.at(i, 1) * v.at(j, 1)
    });
    let x = up.solve(b).unwrap();
    assert!(scaled_residual(&MatRef::row_major(&a_up, n, n).unwrap(), &x.as_ref(), &b) < 30.0);
    // Downdating the update gives A back.
    let down = up.rank_update(UpdateSign::Downdate, v).unwrap();
    assert!(scaled_residual(&a, &down.solve(b).unwrap().as_ref(), &b) < 100.0);
}

#[test]
fn options_change_what_is_read() {
    // Only the upper triangle holds the matrix; the lower one is garbage.
    let a = [4.0, 1.0, 99.0, 3.0f64];
    let opts = Options::new()
        .unwrap()
        .triangle(Triangle::Upper)
        .unwrap()
        .check_finite(false)
        .unwrap();
    assert_eq!(opts.get_int(OptionKey::Triangle).unwrap(), 2);
    assert_eq!(opts.get_int(OptionKey::CheckFinite).unwrap(), 0);
    let f = Factor::new(
        FactorKind::Cholesky,
        MatRef::row_major(&a, 2, 2).unwrap(),
        Some(&opts),
    )
    .unwrap();
    assert!((f.logdet().unwrap().1 - 11f64.ln()).abs() < 1e-14);
    // A loose rank tolerance sees a tiny singular value as zero.
    let d = [1.0, 0.0, 0.0, 1e-6f64];
    let loose = Options::new()
        .unwrap()
        .rtol(1e-3)
        .unwrap()
        .atol(0.0)
        .unwrap();
    assert_eq!(loose.get_real(OptionKey::Rtol).unwrap(), 1e-3);
    let svd = Factor::new(
        FactorKind::Svd,
        MatRef::row_major(&d, 2, 2).unwrap(),
        Some(&loose),
    )
    .unwrap();
    assert_eq!(svd.rank().unwrap(), 1);
    assert_eq!(
        Factor::svd(MatRef::row_major(&d, 2, 2).unwrap())
            .unwrap()
            .rank()
            .unwrap(),
        2
    );
}

#[test]
fn empty_and_one_by_one() {
    let f = Factor::lu(MatRef::<f64>::row_major(&[], 0, 0).unwrap()).unwrap();
    assert_eq!(f.logdet().unwrap(), (1.0, 0.0));
    let x = f
        .solve(MatRef::<f64>::row_major(&[], 0, 3).unwrap())
        .unwrap();
    assert_eq!((x.rows(), x.cols()), (0, 3));
    let one = Factor::cholesky(MatRef::row_major(&[4.0f32], 1, 1).unwrap()).unwrap();
    assert_eq!(
        one.solve(MatRef::row_major(&[2.0f32, 8.0], 1, 2).unwrap())
            .unwrap()
            .data(),
        &[0.5, 2.0]
    );
}

#[test]
fn one_factor_is_shared_by_threads() {
    let n = 30;
    let mut rng = Rng::new(7);
    let a_vals = spd(n, &mut rng);
    let f =
        std::sync::Arc::new(Factor::cholesky(MatRef::row_major(&a_vals, n, n).unwrap()).unwrap());
    let handles: Vec<_> = (0..4u64)
        .map(|t| {
            let (f, a_vals) = (f.clone(), a_vals.clone());
            std::thread::spawn(move || {
                let b: Vec<f64> = Rng::new(100 + t).vec(n * 4);
                let b = MatRef::row_major(&b, n, 4).unwrap();
                for _ in 0..20 {
                    let x = f.solve(b).unwrap();
                    assert!(
                        scaled_residual(
                            &MatRef::row_major(&a_vals, n, n).unwrap(),
                            &x.as_ref(),
                            &b
                        ) < 30.0
                    );
                }
            })
        })
        .collect();
    for h in handles {
        h.join().unwrap();
    }
}
