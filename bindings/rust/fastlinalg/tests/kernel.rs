//! Kernel matrices against a direct loop, and gradients against finite differences.
mod common;

use common::*;
use fastlinalg::*;

fn gaussian(x: &[f64], y: &[f64], l: f64, sf: f64) -> f64 {
    let r2: f64 = x.iter().zip(y).map(|(a, b)| (a - b) * (a - b)).sum::<f64>() / (l * l);
    sf * sf * (-r2 / 2.0).exp()
}

#[test]
fn kernel_matrix_matches_a_direct_loop() {
    let (n1, n2, dim) = (13, 6, 3);
    let (l, sf, noise) = (0.7, 1.3, 0.1);
    let mut rng = Rng::new(21);
    let x1: Vec<f64> = rng.vec(n1 * dim);
    let x2: Vec<f64> = rng.vec(n2 * dim);
    let k = Kernel::new(
        KernelKind::Gaussian,
        Metric::Isotropic,
        dim,
        &[l],
        sf,
        noise,
    )
    .unwrap();
    assert_eq!(k.dim(), dim);
    let p1 = MatRef::row_major(&x1, n1, dim).unwrap();
    let sym = k.matrix(p1, None).unwrap();
    for i in 0..n1 {
        for j in 0..n1 {
            let want = gaussian(&x1[i * dim..][..dim], &x1[j * dim..][..dim], l, sf)
                + if i == j { noise } else { 0.0 };
            assert!((sym.at(i, j) - want).abs() < 1e-13, "K[{}, {}]", i, j);
        }
    }
    let cross = k
        .matrix(p1, Some(MatRef::row_major(&x2, n2, dim).unwrap()))
        .unwrap();
    assert_eq!((cross.rows(), cross.cols()), (n1, n2));
    for i in 0..n1 {
        for j in 0..n2 {
            let want = gaussian(&x1[i * dim..][..dim], &x2[j * dim..][..dim], l, sf);
            assert!((cross.at(i, j) - want).abs() < 1e-13, "K12[{}, {}]", i, j);
        }
    }
    // float32, column-major points: the same values to single precision.
    let x32: Vec<f32> = build(n1, dim, Layout::ColMajor, |i, d| x1[i * dim + d]);
    let k32 = k
        .matrix(MatRef::col_major(&x32, n1, dim).unwrap(), None)
        .unwrap();
    for i in 0..n1 {
        for j in 0..n1 {
            assert!((*k32.at(i, j) as f64 - sym.at(i, j)).abs() < 1e-5);
        }
    }
}

#[test]
fn kernel_gradient_matches_finite_differences() {
    let (n, dim) = (10, 2);
    let mut rng = Rng::new(22);
    let x: Vec<f64> = rng.vec(n * dim);
    let w: Vec<f64> = rng.vec(n * n);
    let p = MatRef::row_major(&x, n, dim).unwrap();
    let wm = MatRef::row_major(&w, n, n).unwrap();
    let ls = [0.8, 1.4];
    let (sf, noise) = (1.1, 0.05);
    let loss = |sf: f64, noise: f64, ls: &[f64]| -> f64 {
        let k = Kernel::new(KernelKind::Matern52, Metric::Ard, dim, ls, sf, noise).unwrap();
        let km = k.matrix(p, None).unwrap();
        (0..n * n).map(|t| w[t] * km.data()[t]).sum()
    };
    let k = Kernel::new(KernelKind::Matern52, Metric::Ard, dim, &ls, sf, noise).unwrap();
    let grad = k.gradient(p, None, wm).unwrap();
    assert_eq!(grad.len(), 4);
    let h = 1e-6;
    let fd = [
        (loss(sf + h, noise, &ls) - loss(sf - h, noise, &ls)) / (2.0 * h),
        (loss(sf, noise + h, &ls) - loss(sf, noise - h, &ls)) / (2.0 * h),
        (loss(sf, noise, &[ls[0] + h, ls[1]]) - loss(sf, noise, &[ls[0] - h, ls[1]])) / (2.0 * h),
        (loss(sf, noise, &[ls[0], ls[1] + h]) - loss(sf, noise, &[ls[0], ls[1] - h])) / (2.0 * h),
    ];
    assert_close("gradient", &grad, &fd, 1e-6);
}

#[test]
fn kernel_errors_name_the_argument() {
    let e = Kernel::new(
        KernelKind::Gaussian,
        Metric::Isotropic,
        2,
        &[-1.0],
        1.0,
        0.0,
    )
    .unwrap_err();
    assert_eq!(e.status, Status::InvalidArgument);
    assert!(e.message.contains("-1"), "{}", e.message);
    let k = Kernel::new(KernelKind::Gaussian, Metric::Isotropic, 2, &[1.0], 1.0, 0.0).unwrap();
    let x = [0.0, f64::NAN, 1.0, 2.0];
    let e = k
        .matrix(MatRef::row_major(&x, 2, 2).unwrap(), None)
        .unwrap_err();
    assert_eq!(e.status, Status::NonFinite);
    assert!(e.message.contains("x1"), "{}", e.message);
    let e = k
        .matrix(MatRef::row_major(&x, 1, 4).unwrap(), None)
        .unwrap_err();
    assert_eq!(e.status, Status::DimensionMismatch);
}

#[test]
fn cross_gradient_and_full_metric() {
    let (n1, n2, dim) = (5, 4, 2);
    let mut rng = Rng::new(23);
    let x1: Vec<f64> = rng.vec(n1 * dim);
    let x2: Vec<f64> = rng.vec(n2 * dim);
    let w: Vec<f64> = rng.vec(n1 * n2);
    // M = [[2, 0.5], [0.5, 1]] as a FULL metric; the squared-distance kernel is r^2 itself.
    let m = [2.0, 0.5, 0.5, 1.0];
    let k = Kernel::new(KernelKind::SquaredDistance, Metric::Full, dim, &m, 1.0, 0.0).unwrap();
    let (p1, p2) = (
        MatRef::col_major(&x1, n1, dim).unwrap(),
        MatRef::col_major(&x2, n2, dim).unwrap(),
    );
    let km = k.matrix(p1, Some(p2)).unwrap();
    for i in 0..n1 {
        for j in 0..n2 {
            let d = [x1[i] - x2[j], x1[n1 + i] - x2[n2 + j]];
            let want = m[0] * d[0] * d[0] + 2.0 * m[1] * d[0] * d[1] + m[3] * d[1] * d[1];
            assert!((km.at(i, j) - want).abs() < 1e-13, "K[{}, {}]", i, j);
        }
    }
    // d/dM_ab of sum W_ij r_ij^2 is sum W_ij d_a d_b; no noise term for distinct points.
    let grad = k
        .gradient(p1, Some(p2), MatRef::row_major(&w, n1, n2).unwrap())
        .unwrap();
    assert_eq!(grad.len(), 2 + 4);
    assert_eq!(grad[1], 0.0);
    for a in 0..dim {
        for b in 0..dim {
            let want: f64 = (0..n1)
                .flat_map(|i| (0..n2).map(move |j| (i, j)))
                .map(|(i, j)| {
                    w[i * n2 + j]
                        * (x1[a * n1 + i] - x2[a * n2 + j])
                        * (x1[b * n1 + i] - x2[b * n2 + j])
                })
                .sum();
            assert!(
                (grad[2 + a * dim + b] - want).abs() < 1e-12,
                "dM[{}, {}]: {} vs {}",
                a,
                b,
                grad[2 + a * dim + b],
                want
            );
        }
    }
    let row = [0.0f64; 8];
    let e = k
        .matrix(p1, Some(MatRef::row_major(&row, n2, dim).unwrap()))
        .unwrap_err();
    assert_eq!(e.status, Status::InvalidArgument);
}
