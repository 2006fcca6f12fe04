//! Products with A^-1 against the same products formed from solves and loops.
mod common;

use common::*;
use fastlinalg::*;

fn check_products<T: Real>(kind: FactorKind, layout: Layout, tol: f64) {
    let (n, k, p) = (9, 4, 3);
    let mut rng = Rng::new(11);
    let a_vals = spd(n, &mut rng);
    let a: Vec<T> = build(n, n, layout, |i, j| a_vals[i * n + j]);
    let y_vals: Vec<f64> = rng.vec(n * n);
    let w_vals: Vec<f64> = rng.vec(n * p);
    let y: Vec<T> = build(n, k, layout, |i, j| y_vals[i * n + j]);
    let sq: Vec<T> = build(n, n, layout, |i, j| y_vals[i * n + j]);
    let w: Vec<T> = build(n, p, layout, |i, j| w_vals[i * p + j]);
    let (a, y, sq, w) = (
        view(&a, n, n, layout),
        view(&y, n, k, layout),
        view(&sq, n, n, layout),
        view(&w, n, p, layout),
    );
    let f = Factor::new(kind, a, None).unwrap();

    // References from the f64 inverse of the same (rounded) A.
    let a64: Vec<f64> = row_major_f64(&a);
    let inv = Factor::lu(MatRef::row_major(&a64, n, n).unwrap())
        .unwrap()
        .inverse::<f64>(Layout::RowMajor)
        .unwrap();
    let (y64, w64, sq64) = (row_major_f64(&y), row_major_f64(&w), row_major_f64(&sq));
    let t = |m: &[f64], r: usize, c: usize| -> Vec<f64> {
        build::<f64>(c, r, Layout::RowMajor, |i, j| m[j * c + i])
    };
    let mm = |x: &[f64], xr, xc, z: &[f64], zc| {
        matmul(
            &MatRef::row_major(x, xr, xc).unwrap(),
            &MatRef::row_major(z, xc, zc).unwrap(),
        )
    };
    let inv_y = mm(inv.data(), n, n, &y64, k);
    let inv_w = mm(inv.data(), n, n, &w64, p);

    let q = f.quadratic_form(y).unwrap();
    assert_close(
        "quadratic_form",
        &row_major_f64(&q.as_ref()),
        &mm(&t(&y64, n, k), k, n, &inv_y, k),
        tol,
    );
    let bl = f.bilinear_form(y, w).unwrap();
    assert_close(
        "bilinear_form",
        &row_major_f64(&bl.as_ref()),
        &mm(&t(&y64, n, k), k, n, &inv_w, p),
        tol,
    );
    let s = f.sandwich(sq).unwrap();
    let want = mm(&mm(inv.data(), n, n, &sq64, n), n, n, inv.data(), n);
    assert_close("sandwich", &row_major_f64(&s.as_ref()), &want, tol);
    let tr = f.trace_solve(sq).unwrap();
    let inv_sq = mm(inv.data(), n, n, &sq64, n);
    assert_close(
        "trace_solve",
        &[tr],
        &[(0..n).map(|i| inv_sq[i * n + i]).sum()],
        tol,
    );
    let d: Vec<f64> = f
        .inverse_diagonal::<T>()
        .unwrap()
        .into_iter()
        .map(Into::into)
        .collect();
    assert_close(
        "inverse_diagonal",
        &d,
        &(0..n).map(|i| inv.data()[i * n + i]).collect::<Vec<_>>(),
        tol,
    );
    let mh: Vec<f64> = f
        .mahalanobis(y)
        .unwrap()
        .into_iter()
        .map(Into::into)
        .collect();
    let want: Vec<f64> = (0..k)
        .map(|j| (0..n).map(|i| y64[i * k + j] * inv_y[i * k + j]).sum())
        .collect();
    assert_close("mahalanobis", &mh, &want, tol);
}

#[test]
fn products_with_the_inverse_match_solves() {
    for &layout in &[Layout::RowMajor, Layout::ColMajor] {
        for &kind in &[FactorKind::Cholesky, FactorKind::Lu, FactorKind::Eigh] {
            check_products::<f64>(kind, layout, 1e-11);
            check_products::<f32>(kind, layout, 2e-4);
        }
    }
}

#[test]
fn products_need_a_square_factor_and_matching_shapes() {
    let a = [1.0, 2.0, 3.0, 4.0, 5.0, 7.0f64];
    let qr = Factor::qr(MatRef::row_major(&a, 3, 2).unwrap()).unwrap();
    let e = qr.inverse_diagonal::<f64>().unwrap_err();
    assert_eq!(e.status, Status::Unsupported);
    let lu = Factor::lu(MatRef::row_major(&a[..4], 2, 2).unwrap()).unwrap();
    let e = lu
        .quadratic_form(MatRef::row_major(&a, 3, 2).unwrap())
        .unwrap_err();
    assert_eq!(e.status, Status::DimensionMismatch);
    assert!(e.message.contains("y is 3-by-2"), "{}", e.message);
}
