//! Stacks and batches: each matrix of a stack against the one-matrix Factor and f64 loops,
//! both layouts and dtypes, a failing matrix among good ones, empty stacks and bad input.
mod common;

use common::*;
use fastlinalg::*;

const LAYOUTS: [Layout; 2] = [Layout::RowMajor, Layout::ColMajor];

/// count matrices, each `f(l)` (row-major f64, rows-by-cols), as a stack in `layout`.
fn stack<T: Real>(
    count: usize,
    rows: usize,
    cols: usize,
    layout: Layout,
    f: impl Fn(usize) -> Vec<f64>,
) -> Stack<T> {
    let mut data = Vec::new();
    for l in 0..count {
        let m = f(l);
        data.extend(build::<T>(rows, cols, layout, |i, j| m[i * cols + j]));
    }
    Stack::from_vec(data, count, rows, cols, layout).unwrap()
}

fn f64s<T: Real>(v: &[T]) -> Vec<f64> {
    v.iter().map(|&x| x.into()).collect()
}

fn stacks_solve_and_batches<T: Real>() {
    let (n, nrhs, count) = (5, 3, 4);
    let mut rng = Rng::new(7);
    let mats: Vec<Vec<f64>> = (0..count).map(|_| spd(n, &mut rng)).collect();
    let rhs: Vec<f64> = rng.vec(n * nrhs);
    for &layout in &LAYOUTS {
        // Matrix 2 is all zeros: singular for LU, not positive definite for Cholesky.
        let a = stack::<T>(count, n, n, layout, |l| {
            if l == 2 {
                vec![0.0; n * n]
            } else {
                mats[l].clone()
            }
        });
        let b = stack::<T>(count, n, nrhs, layout, |_| rhs.clone());
        let (x, info) = stack_solve(&a, &b).unwrap();
        assert_eq!(info[2], Some(Status::Singular));
        for l in [0, 1, 3] {
            assert_eq!(info[l], None);
            let r = scaled_residual(&a.matrix(l), &x.matrix(l), &b.matrix(l));
            assert!(
                r < 30.0,
                "stack_solve {:?} matrix {}: residual {}",
                layout,
                l,
                r
            );
        }
        assert!(x
            .matrix(2)
            .data()
            .iter()
            .all(|v| Into::<f64>::into(*v).is_nan()));

        let (xc, info) = stack_cholesky_solve(&a, Triangle::Lower, &b).unwrap();
        assert_eq!(info[2], Some(Status::NotPositiveDefinite));
        let r = scaled_residual(&a.matrix(3), &xc.matrix(3), &b.matrix(3));
        assert!(r < 30.0, "stack_cholesky_solve residual {}", r);

        let (sign, logabsdet, info) = stack_slogdet(&a).unwrap();
        assert!(info.iter().all(Option::is_none));
        assert_eq!((sign[2], logabsdet[2]), (0.0, f64::NEG_INFINITY));
        let one = Factor::new(FactorKind::Lu, a.matrix(1), None).unwrap();
        let (s1, l1) = one.logdet().unwrap();
        assert_close(
            "slogdet",
            &[sign[1], logabsdet[1]],
            &[s1, l1],
            100.0 * T::EPS,
        );

        let (inv, _) = stack_inverse(&a).unwrap();
        let want = one.inverse::<T>(layout).unwrap();
        assert_close(
            "stack_inverse",
            &f64s(inv.matrix(1).data()),
            &f64s(want.data()),
            1e3 * T::EPS,
        );

        let (l, info) = stack_cholesky(&a, Triangle::Lower).unwrap();
        assert_eq!(info[2], Some(Status::NotPositiveDefinite));
        let llt = matmul(&l.matrix(0), &transposed(&l.matrix(0)).as_ref());
        assert_close("L L^T", &llt, &mats[0], 100.0 * T::EPS);

        let (w, v, _) = stack_eigh(&a, Triangle::Lower).unwrap();
        let e = Factor::new(FactorKind::Eigh, a.matrix(0), None).unwrap();
        let we = e.part::<T>(Part::Eigenvalues, layout).unwrap();
        assert_close(
            "eigenvalues",
            &f64s(&w.data()[..n]),
            &f64s(we.data()),
            100.0 * T::EPS,
        );
        let av = matmul(&a.matrix(0), &v.matrix(0));
        let vw: Vec<f64> = (0..n * n)
            .map(|k| at(&v.matrix(0), k / n, k % n) * Into::<f64>::into(w.data()[k % n]))
            .collect();
        assert_close("A V = V diag(w)", &av, &vw, 1e3 * T::EPS);

        // The factored batch gives what the stack calls gave.
        let (batch, info) = Batch::new(FactorKind::Lu, &a, None).unwrap();
        assert_eq!(info[2], Some(Status::Singular));
        assert_eq!(batch.shape(), (count, n, n));
        assert_eq!(batch.kind(), FactorKind::Lu);
        let xb = batch.solve(&b).unwrap();
        assert_close(
            "Batch::solve",
            &f64s(xb.matrix(3).data()),
            &f64s(x.matrix(3).data()),
            100.0 * T::EPS,
        );
        let (bs, bl) = batch.logdet().unwrap();
        assert_close("Batch::logdet", &[bs[1], bl[1]], &[s1, l1], 100.0 * T::EPS);
        let rcond = batch.rcond().unwrap();
        assert!(rcond[0] > 0.0 && rcond[0] <= 1.0 && rcond[2].is_nan());
        let binv = batch.inverse::<T>(layout).unwrap();
        assert_close(
            "Batch::inverse",
            &f64s(binv.matrix(1).data()),
            &f64s(want.data()),
            1e3 * T::EPS,
        );
        let (eb, _) = Batch::new(FactorKind::Eigh, &a, None).unwrap();
        let wb = eb.part::<T>(Part::Eigenvalues, layout).unwrap();
        assert_close(
            "Batch eigenvalues",
            &f64s(wb.matrix(0).data()),
            &f64s(we.data()),
            100.0 * T::EPS,
        );
    }
}

/// M^T as an owned row-major matrix.
fn transposed<T: Real>(m: &MatRef<'_, T>) -> Mat<T> {
    let data = build::<T>(m.cols(), m.rows(), Layout::RowMajor, |i, j| at(m, j, i));
    Mat::from_vec(data, m.cols(), m.rows(), Layout::RowMajor).unwrap()
}

#[test]
fn stacks_and_batches_f64() {
    stacks_solve_and_batches::<f64>();
}

#[test]
fn stacks_and_batches_f32() {
    stacks_solve_and_batches::<f32>();
}

#[test]
fn empty_stacks() {
    let a = Stack::<f64>::zeros(0, 3, 3, Layout::RowMajor).unwrap();
    let b = Stack::<f64>::zeros(0, 3, 2, Layout::RowMajor).unwrap();
    let (x, info) = stack_solve(&a, &b).unwrap();
    assert_eq!((x.count(), info.len()), (0, 0));
    let (batch, info) = Batch::new(FactorKind::Cholesky, &a, None).unwrap();
    assert!(info.is_empty());
    assert_eq!(batch.shape(), (0, 3, 3));
    assert!(batch.rcond().unwrap().is_empty());
}

#[test]
fn bad_input_is_an_error_naming_the_problem() {
    let short = Stack::<f64>::from_vec(vec![1.0; 5], 1, 2, 3, Layout::RowMajor).unwrap_err();
    assert_eq!(short.status, Status::DimensionMismatch);
    let a = Stack::<f64>::zeros(2, 2, 3, Layout::RowMajor).unwrap();
    let b = Stack::<f64>::zeros(2, 2, 1, Layout::RowMajor).unwrap();
    let err = stack_solve(&a, &b).unwrap_err();
    assert_eq!(err.status, Status::DimensionMismatch);
    assert!(err.message.contains("square"), "{}", err.message);
    let sq = Stack::<f64>::zeros(2, 2, 2, Layout::RowMajor).unwrap();
    let b3 = Stack::<f64>::zeros(3, 2, 1, Layout::RowMajor).unwrap();
    assert_eq!(
        stack_solve(&sq, &b3).unwrap_err().status,
        Status::DimensionMismatch
    );
    let err = Batch::new(FactorKind::Svd, &sq, None).unwrap_err();
    assert_eq!(err.status, Status::Unsupported);
    assert!(err.message.contains("kind"), "{}", err.message);
    let (lu, _) = Batch::new(FactorKind::Lu, &sq, None).unwrap();
    assert_eq!(lu.logdet().unwrap().0.len(), 2);
    let err = lu.part::<f64>(Part::Q, Layout::RowMajor).unwrap_err();
    assert_eq!(err.status, Status::Unsupported);
    let err = lu.solve(&b3).unwrap_err();
    assert_eq!(err.status, Status::DimensionMismatch);
}

#[test]
fn factor_info_reports_mixed_precision() {
    let n = 40;
    let mut rng = Rng::new(3);
    let a = spd(n, &mut rng);
    let view = MatRef::row_major(&a, n, n).unwrap();
    let native = Factor::new(FactorKind::Lu, view, None).unwrap();
    assert_eq!(native.info(FactorInfo::Precision).unwrap(), 0);
    assert_eq!(native.info(FactorInfo::OverwritesA).unwrap(), 0);
    let options = Options::new().unwrap().mixed_precision(true).unwrap();
    let mixed = Factor::new(FactorKind::Cholesky, view, Some(&options)).unwrap();
    assert_eq!(mixed.info(FactorInfo::Precision).unwrap(), 1);
    let b: Vec<f64> = rng.vec(n);
    let b = MatRef::row_major(&b, n, 1).unwrap();
    let x = mixed.solve(b).unwrap();
    assert!(scaled_residual(&view, &x.as_ref(), &b) < 30.0);
    assert_eq!(mixed.info(FactorInfo::Fallback).unwrap(), 0);
    assert!(mixed.info(FactorInfo::RefinementSteps).unwrap() >= 1);
    let rfp = Options::new().unwrap().packed_storage(true).unwrap();
    let packed = Factor::new(FactorKind::Cholesky, view, Some(&rfp)).unwrap();
    assert!(scaled_residual(&view, &packed.solve(b).unwrap().as_ref(), &b) < 30.0);
    let err = Factor::new(FactorKind::Lu, view, Some(&rfp)).unwrap_err();
    assert_eq!(err.status, Status::Unsupported);
}
