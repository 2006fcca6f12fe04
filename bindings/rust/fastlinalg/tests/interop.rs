//! Conversions to and from ndarray, nalgebra and faer matrices (each behind its feature):
//! views over the same memory in both layouts, owned matrices moved or copied, and a solve
//! with a factor of the other crate's matrix against that crate's own product.
#![allow(unused_imports)]

use fastlinalg::{Complex, Factor, Layout, Mat, MatMut, MatRef, Status, Transpose};

/// 4-by-3 values a(i, j) = i * 10 + j and a symmetric positive definite 3-by-3.
fn value(i: usize, j: usize) -> f64 {
    (i * 10 + j) as f64
}
const SPD: [f64; 9] = [4.0, 1.0, 0.5, 1.0, 3.0, 0.25, 0.5, 0.25, 2.0];

/// A complex 3-by-3 (SPD plus an antisymmetric imaginary part: Hermitian) and right-hand side.
fn complex_a(i: usize, j: usize) -> Complex<f64> {
    Complex::new(SPD[i * 3 + j], i as f64 - j as f64)
}
fn complex_b(i: usize, j: usize) -> Complex<f64> {
    Complex::new((i + 2 * j) as f64, 1.0)
}

#[cfg(feature = "ndarray")]
mod ndarray_tests {
    use super::*;
    use ndarray::{array, Array2, ShapeBuilder};

    #[test]
    fn views_in_both_orders_and_owned_round_trips() {
        let c = Array2::from_shape_fn((4, 3), |(i, j)| value(i, j));
        let f = Array2::from_shape_fn((4, 3).f(), |(i, j)| value(i, j));
        for a in [&c, &f] {
            let m = MatRef::try_from(a.view()).unwrap();
            assert_eq!(
                m.layout(),
                if a.is_standard_layout() {
                    Layout::RowMajor
                } else {
                    Layout::ColMajor
                }
            );
            assert_eq!(m.data().as_ptr(), a.as_ptr(), "a view, not a copy");
            assert_eq!(*m.at(3, 2), 32.0);
            let owned = Mat::from(a.clone());
            assert_eq!(Array2::from(owned), *a);
        }
        let e = MatRef::try_from(c.slice(ndarray::s![.., ..;2])).unwrap_err();
        assert_eq!(e.status, Status::InvalidArgument);
        assert_eq!(
            Mat::from(c.slice(ndarray::s![1.., ..;2]).to_owned()).at(2, 1),
            &32.0
        );
    }

    #[test]
    fn solve_an_ndarray_system() {
        let a = Array2::from_shape_vec((3, 3), SPD.to_vec()).unwrap();
        let b = array![[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]];
        let f = Factor::cholesky(MatRef::try_from(a.view()).unwrap()).unwrap();
        let mut x = Array2::<f64>::zeros((3, 2).f());
        f.solve_into(
            fastlinalg::Transpose::No,
            MatRef::try_from(b.view()).unwrap(),
            MatMut::try_from(x.view_mut()).unwrap(),
        )
        .unwrap();
        let residual = &a.dot(&x) - &b;
        assert!(residual.iter().all(|r| r.abs() < 1e-12), "{}", residual);
    }

    #[test]
    fn solve_a_complex_ndarray_system_with_the_adjoint() {
        let a = Array2::from_shape_fn((3, 3), |(i, j)| complex_a(i, j));
        let b = Array2::from_shape_fn((3, 2), |(i, j)| complex_b(i, j));
        let f = Factor::lu(MatRef::try_from(a.view()).unwrap()).unwrap();
        let x: Array2<Complex<f64>> = f
            .solve_trans(Transpose::ConjTrans, MatRef::try_from(b.view()).unwrap())
            .unwrap()
            .into();
        let residual = &a.t().mapv(|z| z.conj()).dot(&x) - &b;
        assert!(residual.iter().all(|r| r.norm() < 1e-12), "{}", residual);
    }
}

#[cfg(feature = "nalgebra")]
mod nalgebra_tests {
    use super::*;
    use nalgebra::DMatrix;

    #[test]
    fn dmatrix_views_and_owned_round_trips() {
        let a = DMatrix::from_fn(4, 3, value);
        let m = MatRef::from(&a);
        assert_eq!((m.layout(), *m.at(3, 2)), (Layout::ColMajor, 32.0));
        assert_eq!(DMatrix::from(Mat::from(a.clone())), a);
        let row_major = Mat::from_vec(
            (0..12).map(|k| value(k / 3, k % 3)).collect(),
            4,
            3,
            Layout::RowMajor,
        )
        .unwrap();
        assert_eq!(DMatrix::from(row_major), a);
    }

    #[test]
    fn solve_a_nalgebra_system() {
        let a = DMatrix::from_row_slice(3, 3, &SPD);
        let b = DMatrix::from_fn(3, 2, |i, j| (i + 2 * j) as f64);
        let mut x = DMatrix::<f64>::zeros(3, 2);
        let f = Factor::lu(MatRef::from(&a)).unwrap();
        f.solve_into(
            fastlinalg::Transpose::No,
            MatRef::from(&b),
            MatMut::from(&mut x),
        )
        .unwrap();
        assert!((&a * &x - &b).amax() < 1e-12);
        let x2 = DMatrix::from(f.solve(MatRef::from(&b)).unwrap());
        assert_eq!(x2, x);
    }

    #[test]
    fn solve_a_complex_nalgebra_system_with_the_adjoint() {
        let a = DMatrix::from_fn(3, 3, complex_a);
        let b = DMatrix::from_fn(3, 2, complex_b);
        let f = Factor::lu(MatRef::from(&a)).unwrap();
        let x = DMatrix::from(
            f.solve_trans(Transpose::ConjTrans, MatRef::from(&b))
                .unwrap(),
        );
        assert!((a.adjoint() * x - b).norm() < 1e-12);
    }
}

#[cfg(feature = "faer")]
mod faer_tests {
    use super::*;

    #[test]
    fn packed_faer_views_are_shared_and_padded_matrices_copied() {
        let data: Vec<f64> = (0..12).map(|k| value(k % 4, k / 4)).collect();
        let packed = faer::MatRef::from_column_major_slice(&data, 4, 3);
        let m = MatRef::try_from(packed).unwrap();
        assert_eq!((m.layout(), *m.at(3, 2)), (Layout::ColMajor, 32.0));
        assert_eq!(m.data().as_ptr(), data.as_ptr(), "a view, not a copy");
        let t = MatRef::try_from(packed.transpose()).unwrap();
        assert_eq!((t.layout(), *t.at(2, 3)), (Layout::RowMajor, 32.0));
        assert_eq!(m.as_faer()[(3, 2)], 32.0);
        assert_eq!(m.as_faer().as_ptr(), data.as_ptr());
        // A faer::Mat pads its columns: refused as a view, copied by Mat::from.
        let a = faer::Mat::<f64>::from_fn(4, 3, value);
        if a.col_stride() != 4 {
            assert_eq!(
                MatRef::try_from(a.as_ref()).unwrap_err().status,
                Status::InvalidArgument
            );
        }
        let owned = Mat::from(a.as_ref());
        assert_eq!(owned.as_ref().data(), &data[..]);
        assert_eq!(faer::Mat::from(owned), a);
        assert_eq!(Mat::from(a.as_ref().subrows(1, 2)).at(1, 2), &22.0);
    }

    #[test]
    fn solve_a_faer_system() {
        let a = faer::Mat::<f64>::from_fn(3, 3, |i, j| SPD[i * 3 + j]);
        let b = faer::Mat::<f64>::from_fn(3, 2, |i, j| (i + 2 * j) as f64);
        let f = Factor::ldlt(Mat::from(a.as_ref()).as_ref()).unwrap();
        let x = f.solve(Mat::from(b.as_ref()).as_ref()).unwrap();
        let r = &a * x.as_ref().as_faer() - &b;
        for j in 0..2 {
            for i in 0..3 {
                assert!(r[(i, j)].abs() < 1e-12);
            }
        }
    }

    #[test]
    fn solve_a_complex_faer_system_with_the_adjoint() {
        // faer::c64 is num_complex::Complex<f64>: the same element type, no conversion.
        let a = faer::Mat::<faer::c64>::from_fn(3, 3, complex_a);
        let b = faer::Mat::<faer::c64>::from_fn(3, 2, complex_b);
        let f = Factor::lu(Mat::from(a.as_ref()).as_ref()).unwrap();
        let x = f
            .solve_trans(Transpose::ConjTrans, Mat::from(b.as_ref()).as_ref())
            .unwrap();
        let r = a.adjoint() * x.as_ref().as_faer() - &b;
        for j in 0..2 {
            for i in 0..3 {
                assert!(r[(i, j)].norm() < 1e-12);
            }
        }
    }
}
