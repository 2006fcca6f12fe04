//! Complex<f32> and Complex<f64> through the same generic calls as f32 and f64: every dense
//! kind the library computes in complex (Auto is real only), solves with A, A^T and A^H,
//! Hermitian Cholesky, the determinant's phase, the real-valued outputs, sparse factors,
//! and the dtype checks.
mod common;

use common::Rng;
use fastlinalg::*;

type C64 = Complex<f64>;

/// The complex element types under test, seen through Complex<f64> by the checks.
trait Cplx: Scalar + std::fmt::Debug {
    fn of(z: C64) -> Self;
    fn wide(self) -> C64;
    const EPS: f64;
    /// The dtype a factor of this type reports.
    const KIND: Dtype;
}
impl Cplx for Complex<f32> {
    fn of(z: C64) -> Self {
        Complex::new(z.re as f32, z.im as f32)
    }
    fn wide(self) -> C64 {
        Complex::new(self.re as f64, self.im as f64)
    }
    const EPS: f64 = f32::EPSILON as f64;
    const KIND: Dtype = Dtype::Complex64;
}
impl Cplx for Complex<f64> {
    fn of(z: C64) -> Self {
        z
    }
    fn wide(self) -> C64 {
        self
    }
    const EPS: f64 = f64::EPSILON;
    const KIND: Dtype = Dtype::Complex128;
}

/// A row-major n-by-n matrix as a function of (i, j), in Complex<f64>.
struct Dense {
    n: usize,
    a: Vec<C64>,
}

impl Dense {
    fn from_fn(n: usize, f: impl Fn(usize, usize) -> C64) -> Dense {
        let a = (0..n * n).map(|k| f(k / n, k % n)).collect();
        Dense { n, a }
    }
    fn at(&self, i: usize, j: usize) -> C64 {
        self.a[i * self.n + j]
    }
    /// Random entries plus n on the diagonal: well conditioned, not Hermitian.
    fn general(n: usize, rng: &mut Rng) -> Dense {
        let m = random(n * n, rng);
        Dense::from_fn(n, |i, j| m[i * n + j] + if i == j { n as f64 } else { 0.0 })
    }
    /// M M^H / n + I: Hermitian positive definite.
    fn hpd(n: usize, rng: &mut Rng) -> Dense {
        let m = random(n * n, rng);
        Dense::from_fn(n, |i, j| {
            let s: C64 = (0..n).map(|k| m[i * n + k] * m[j * n + k].conj()).sum();
            s / n as f64 + if i == j { 1.0 } else { 0.0 }
        })
    }
    /// M + M^H with a shifted diagonal: Hermitian and indefinite.
    fn hermitian_indefinite(n: usize, rng: &mut Rng) -> Dense {
        let m = random(n * n, rng);
        Dense::from_fn(n, |i, j| {
            m[i * n + j] + m[j * n + i].conj() + if i == j { 3.0 - i as f64 } else { 0.0 }
        })
    }
    /// M + M^T (not conjugated) with a strong diagonal: complex symmetric.
    fn complex_symmetric(n: usize, rng: &mut Rng) -> Dense {
        let m = random(n * n, rng);
        Dense::from_fn(n, |i, j| {
            m[i * n + j] + m[j * n + i] + if i == j { n as f64 } else { 0.0 }
        })
    }
    /// op(A) for a solve with `trans`.
    fn op(&self, trans: Transpose) -> Dense {
        Dense::from_fn(self.n, |i, j| match trans {
            Transpose::No => self.at(i, j),
            Transpose::Trans => self.at(j, i),
            Transpose::ConjTrans => self.at(j, i).conj(),
        })
    }
    /// The elements in `layout`, in the element type under test.
    fn store<T: Cplx>(&self, layout: Layout) -> Vec<T> {
        store(&self.a, self.n, self.n, layout)
    }
}

fn random(len: usize, rng: &mut Rng) -> Vec<C64> {
    (0..len)
        .map(|_| Complex::new(rng.uniform(), rng.uniform()))
        .collect()
}

fn store<T: Cplx>(row_major: &[C64], rows: usize, cols: usize, layout: Layout) -> Vec<T> {
    let mut v = vec![T::default(); rows * cols];
    for i in 0..rows {
        for j in 0..cols {
            let k = match layout {
                Layout::RowMajor => i * cols + j,
                Layout::ColMajor => i + j * rows,
            };
            v[k] = T::of(row_major[i * cols + j]);
        }
    }
    v
}

fn view<T: Cplx>(data: &[T], rows: usize, cols: usize, layout: Layout) -> MatRef<'_, T> {
    match layout {
        Layout::RowMajor => MatRef::row_major(data, rows, cols).unwrap(),
        Layout::ColMajor => MatRef::col_major(data, rows, cols).unwrap(),
    }
}

/// A matrix's elements as a row-major Complex<f64> vector.
fn wide<T: Cplx>(m: &MatRef<'_, T>) -> Vec<C64> {
    let mut v = Vec::with_capacity(m.rows() * m.cols());
    for i in 0..m.rows() {
        for j in 0..m.cols() {
            v.push(m.at(i, j).wide());
        }
    }
    v
}

fn max_abs(v: &[C64]) -> f64 {
    v.iter().fold(0.0, |m, z| m.max(z.norm()))
}

/// max|A X - B| / (n eps (max|A| max|X| + max|B|)), LAPACK's scaled residual, for the
/// row-major n-by-n A, n-by-k X and B.
fn scaled_residual(a: &Dense, x: &[C64], b: &[C64], eps: f64) -> f64 {
    let (n, k) = (a.n, b.len() / a.n.max(1));
    let mut r: f64 = 0.0;
    for i in 0..n {
        for j in 0..k {
            let ax: C64 = (0..n).map(|l| a.at(i, l) * x[l * k + j]).sum();
            r = r.max((ax - b[i * k + j]).norm());
        }
    }
    r / (n.max(1) as f64 * eps * (max_abs(&a.a) * max_abs(x) + max_abs(b)) + f64::MIN_POSITIVE)
}

const TRANSPOSES: [Transpose; 3] = [Transpose::No, Transpose::Trans, Transpose::ConjTrans];
const LAYOUTS: [Layout; 2] = [Layout::RowMajor, Layout::ColMajor];

/// Factors `a` with `kind` and solves op(A) X = B for every op and layout: residual <= 30.
fn check_solves<T: Cplx>(kind: FactorKind, a: &Dense, options: Option<&Options>, rng: &mut Rng) {
    let (n, k) = (a.n, 3);
    for layout in LAYOUTS {
        let stored = a.store::<T>(layout);
        let f = Factor::new(kind, view(&stored, n, n, layout), options).unwrap();
        assert_eq!(f.dtype(), T::KIND);
        for trans in TRANSPOSES {
            let b64 = random(n * k, rng);
            let b = store::<T>(&b64, n, k, layout);
            let x = f.solve_trans(trans, view(&b, n, k, layout)).unwrap();
            let r = scaled_residual(
                &a.op(trans),
                &wide(&x.as_ref()),
                &wide(&view(&b, n, k, layout)),
                T::EPS,
            );
            assert!(
                r <= 30.0,
                "{:?} {:?} {:?} {:?}: scaled residual {}",
                kind,
                trans,
                layout,
                T::KIND,
                r
            );
        }
    }
}

fn every_kind<T: Cplx>() {
    let mut rng = Rng::new(15);
    for n in [1, 7] {
        let general = Dense::general(n, &mut rng);
        for kind in [
            FactorKind::Lu,
            FactorKind::Qr,
            FactorKind::Cod,
            FactorKind::Svd,
        ] {
            check_solves::<T>(kind, &general, None, &mut rng);
        }
        let hpd = Dense::hpd(n, &mut rng);
        for kind in [FactorKind::Cholesky, FactorKind::Eigh] {
            check_solves::<T>(kind, &hpd, None, &mut rng);
        }
        check_solves::<T>(
            FactorKind::Ldlt,
            &Dense::hermitian_indefinite(n, &mut rng),
            None,
            &mut rng,
        );
        let symmetric = Options::new().unwrap().complex_symmetric(true).unwrap();
        check_solves::<T>(
            FactorKind::Ldlt,
            &Dense::complex_symmetric(n, &mut rng),
            Some(&symmetric),
            &mut rng,
        );
    }
}

#[test]
fn every_dense_kind_solves_with_a_its_transpose_and_its_adjoint() {
    every_kind::<Complex<f32>>();
    every_kind::<Complex<f64>>();
}

fn hermitian_cholesky<T: Cplx>() {
    let n = 6;
    let a = Dense::hpd(n, &mut Rng::new(3));
    for layout in LAYOUTS {
        // Only the lower triangle is read: the upper one holds garbage.
        let lower_only = Dense::from_fn(n, |i, j| {
            if i >= j {
                a.at(i, j)
            } else {
                Complex::new(9.0, -9.0)
            }
        });
        let stored = lower_only.store::<T>(layout);
        let options = Options::new().unwrap().triangle(Triangle::Lower).unwrap();
        let f = Factor::new(
            FactorKind::Cholesky,
            view(&stored, n, n, layout),
            Some(&options),
        )
        .unwrap();
        // L L^H = A.
        let l = wide(&f.part::<T>(Part::Lower, layout).unwrap().as_ref());
        let llh = Dense::from_fn(n, |i, j| {
            (0..n).map(|k| l[i * n + k] * l[j * n + k].conj()).sum()
        });
        let err = (0..n * n)
            .map(|k| (llh.a[k] - a.a[k]).norm())
            .fold(0.0, f64::max);
        assert!(
            err <= 30.0 * n as f64 * T::EPS * max_abs(&a.a),
            "{:?}: |L L^H - A| = {}",
            layout,
            err
        );
        // det(A) = prod(L_ii)^2 is real and positive: phase 1.
        let (phase, logabsdet) = f.logdet_complex().unwrap();
        let want: f64 = (0..n).map(|i| 2.0 * l[i * n + i].norm().ln()).sum();
        assert!((phase - 1.0).norm() <= 1e-12, "phase {}", phase);
        assert!((logabsdet - want).abs() <= 30.0 * n as f64 * T::EPS * want.abs().max(1.0));
        assert!(f.rcond().unwrap() > 0.0 && f.rcond().unwrap() <= 1.0);
        // A^H = A: the adjoint solve is the plain one.
        let b = store::<T>(&random(n, &mut Rng::new(4)), n, 1, layout);
        let x = f.solve(view(&b, n, 1, layout)).unwrap();
        let xh = f
            .solve_trans(Transpose::ConjTrans, view(&b, n, 1, layout))
            .unwrap();
        let d = max_abs(
            &wide(&x.as_ref())
                .iter()
                .zip(wide(&xh.as_ref()))
                .map(|(p, q)| p - q)
                .collect::<Vec<_>>(),
        );
        assert!(d <= 30.0 * n as f64 * T::EPS * max_abs(&wide(&x.as_ref())));
    }
}

#[test]
fn hermitian_cholesky_reads_one_triangle() {
    hermitian_cholesky::<Complex<f32>>();
    hermitian_cholesky::<Complex<f64>>();
}

fn lu_phase<T: Cplx>() {
    let n = 8;
    let a = Dense::from_fn(n, {
        let m = random(n * n, &mut Rng::new(8));
        move |i, j| m[i * n + j]
    });
    for layout in LAYOUTS {
        let stored = a.store::<T>(layout);
        let f = Factor::lu(view(&stored, n, n, layout)).unwrap();
        let (phase, logabsdet) = f.logdet_complex().unwrap();
        // det(A) = det(P) prod(U_ii): the sign of each interchange times the pivots' phases.
        let lu = wide(&f.part::<T>(Part::LuPacked, layout).unwrap().as_ref());
        let pivots = f.indices(IndexPart::Pivots).unwrap();
        let swaps = pivots
            .iter()
            .enumerate()
            .filter(|(i, &p)| p != *i as i64 + 1)
            .count();
        let mut want = Complex::new(if swaps % 2 == 0 { 1.0 } else { -1.0 }, 0.0);
        let mut want_log = 0.0;
        for i in 0..n {
            let u = lu[i * n + i];
            want *= u / u.norm();
            want_log += u.norm().ln();
        }
        let tol = 30.0 * n as f64 * T::EPS;
        assert!(
            (phase.norm() - 1.0).abs() <= 1e-12,
            "|phase| = {}",
            phase.norm()
        );
        assert!(
            (phase - want).norm() <= tol,
            "{:?}: phase {} want {}",
            layout,
            phase,
            want
        );
        assert!((logabsdet - want_log).abs() <= tol * want_log.abs().max(1.0));
        // The real entry point cannot carry a complex sign.
        assert_eq!(f.logdet().unwrap_err().status, Status::Unsupported);
    }
}

#[test]
fn lu_logdet_phase_is_the_product_of_the_pivots() {
    lu_phase::<Complex<f32>>();
    lu_phase::<Complex<f64>>();
}

fn real_outputs<T: Cplx>() {
    let n = 5;
    let a = Dense::hpd(n, &mut Rng::new(5));
    let stored = a.store::<T>(Layout::ColMajor);
    let eigh = Factor::eigh(view(&stored, n, n, Layout::ColMajor)).unwrap();
    // Eigenvalues come back in the real type; A V = V diag(w).
    let w = eigh
        .part::<T::Real>(Part::Eigenvalues, Layout::ColMajor)
        .unwrap();
    let v = wide(
        &eigh
            .part::<T>(Part::Eigenvectors, Layout::ColMajor)
            .unwrap()
            .as_ref(),
    );
    let w = wide_real(w.data());
    for j in 0..n {
        for i in 0..n {
            let av: C64 = (0..n).map(|k| a.at(i, k) * v[k * n + j]).sum();
            assert!((av - v[i * n + j] * w[j]).norm() <= 30.0 * n as f64 * T::EPS * w[n - 1]);
        }
    }
    let err = eigh
        .part::<T>(Part::Eigenvalues, Layout::ColMajor)
        .unwrap_err();
    assert_eq!(err.status, Status::DtypeMismatch);
    // Singular values: real, and their squares sum to ||A||_F^2.
    let svd = Factor::svd(view(&stored, n, n, Layout::ColMajor)).unwrap();
    let s = svd
        .part::<T::Real>(Part::SingularValues, Layout::ColMajor)
        .unwrap();
    let fro2: f64 = a.a.iter().map(|z| z.norm_sqr()).sum();
    let s2: f64 = wide_real(s.data()).iter().map(|x| x * x).sum();
    assert!((s2 - fro2).abs() <= 30.0 * n as f64 * T::EPS * fro2);
    // Least-squares residual norms of a tall A are real: one column of A is fitted exactly,
    // a random one is not.
    let (m, k) = (9, 3);
    let tall64 = random(m * k, &mut Rng::new(6));
    let tall = store::<T>(&tall64, m, k, Layout::RowMajor);
    let qr = Factor::qr(view(&tall, m, k, Layout::RowMajor)).unwrap();
    let mut b64: Vec<C64> = (0..m)
        .flat_map(|i| [tall64[i * k], Complex::new(0.0, 0.0)])
        .collect();
    let noise = random(m, &mut Rng::new(7));
    for i in 0..m {
        b64[i * 2 + 1] = noise[i];
    }
    let b = store::<T>(&b64, m, 2, Layout::RowMajor);
    let norms: Vec<T::Real> = qr.residual_norms(view(&b, m, 2, Layout::RowMajor)).unwrap();
    let norms = wide_real(&norms);
    let x = wide(&qr.solve(view(&b, m, 2, Layout::RowMajor)).unwrap().as_ref());
    let r1: f64 = (0..m)
        .map(|i| {
            (b64[i * 2 + 1]
                - (0..k)
                    .map(|l| tall64[i * k + l] * x[l * 2 + 1])
                    .sum::<C64>())
            .norm_sqr()
        })
        .sum::<f64>()
        .sqrt();
    assert!(
        norms[0] <= 1e3 * T::EPS,
        "an exact fit's residual {}",
        norms[0]
    );
    assert!(
        (norms[1] - r1).abs() <= 1e3 * T::EPS * r1,
        "{} vs {}",
        norms[1],
        r1
    );
}

/// Real outputs as f64, whichever precision they came in.
fn wide_real<R: Scalar>(v: &[R]) -> Vec<f64> {
    v.iter()
        .map(|x| {
            let any: &dyn std::any::Any = x;
            any.downcast_ref::<f64>()
                .copied()
                .or_else(|| any.downcast_ref::<f32>().map(|&y| y as f64))
                .expect("a real Scalar")
        })
        .collect()
}

#[test]
fn eigenvalues_singular_values_and_residual_norms_are_real() {
    real_outputs::<Complex<f32>>();
    real_outputs::<Complex<f64>>();
}

#[test]
fn inverse_and_shifted_solves() {
    let n = 5;
    let mut rng = Rng::new(16);
    let a = Dense::general(n, &mut rng);
    let stored = a.store::<Complex<f64>>(Layout::RowMajor);
    let lu = Factor::lu(view(&stored, n, n, Layout::RowMajor)).unwrap();
    let inv = lu.inverse::<Complex<f64>>(Layout::ColMajor).unwrap();
    let eye = Dense::from_fn(n, |i, j| Complex::new(if i == j { 1.0 } else { 0.0 }, 0.0));
    let r = scaled_residual(&a, &wide(&inv.as_ref()), &eye.a, f64::EPSILON);
    assert!(r <= 30.0, "A A^-1 - I: {}", r);
    // (H + s I) X_s = B for real shifts, from one Hermitian EIGH factor.
    let h = Dense::hpd(n, &mut rng);
    let hs = h.store::<Complex<f64>>(Layout::ColMajor);
    let eigh = Factor::eigh(view(&hs, n, n, Layout::ColMajor)).unwrap();
    let b = random(n * 2, &mut rng);
    let bm = store::<Complex<f64>>(&b, n, 2, Layout::ColMajor);
    let shifts = [0.5, 2.0];
    let xs = eigh
        .solve_shifted(&shifts, view(&bm, n, 2, Layout::ColMajor))
        .unwrap();
    for (s, x) in shifts.iter().zip(&xs) {
        let shifted = Dense::from_fn(n, |i, j| h.at(i, j) + if i == j { *s } else { 0.0 });
        let r = scaled_residual(&shifted, &wide(&x.as_ref()), &b, f64::EPSILON);
        assert!(r <= 30.0, "shift {}: {}", s, r);
    }
}

#[test]
fn apply_q_with_the_adjoint_undoes_q() {
    let (m, n) = (6, 4);
    let a64 = random(m * n, &mut Rng::new(9));
    let a = store::<Complex<f64>>(&a64, m, n, Layout::ColMajor);
    let qr = Factor::qr(view(&a, m, n, Layout::ColMajor)).unwrap();
    let c0 = store::<Complex<f64>>(&random(m * 2, &mut Rng::new(10)), m, 2, Layout::ColMajor);
    let mut c = c0.clone();
    qr.apply_q(Transpose::No, MatMut::col_major(&mut c, m, 2).unwrap())
        .unwrap();
    qr.apply_q(
        Transpose::ConjTrans,
        MatMut::col_major(&mut c, m, 2).unwrap(),
    )
    .unwrap();
    let d = c
        .iter()
        .zip(&c0)
        .map(|(p, q)| (p - q).norm())
        .fold(0.0, f64::max);
    assert!(d <= 30.0 * m as f64 * f64::EPSILON, "Q^H Q C - C: {}", d);
}

#[test]
fn a_mismatched_dtype_is_refused() {
    let n = 3;
    let a = Dense::general(n, &mut Rng::new(11));
    let stored = a.store::<Complex<f32>>(Layout::RowMajor);
    let f = Factor::lu(view(&stored, n, n, Layout::RowMajor)).unwrap();
    assert_eq!(f.dtype(), Dtype::Complex64);
    // complex128 into a complex64 factor, and a real B, are both the wrong dtype.
    let b = vec![Complex::new(1.0f64, 0.0); n];
    let err = f.solve(MatRef::row_major(&b, n, 1).unwrap()).unwrap_err();
    assert_eq!(err.status, Status::DtypeMismatch);
    assert!(err.message.contains("fl_factor_solve"), "{}", err.message);
    let real = vec![1.0f32; n];
    let err = f
        .solve(MatRef::row_major(&real, n, 1).unwrap())
        .unwrap_err();
    assert_eq!(err.status, Status::DtypeMismatch);
    // Kinds the library does not compute in complex yet say so.
    let err = f.inverse_diagonal::<Complex<f32>>().unwrap_err();
    assert_eq!(err.status, Status::Unsupported);
}

/// The n-by-n tridiagonal CSC matrix with `diag` on the diagonal and `off` below it,
/// conj(off) above it (Hermitian when diag is real).
fn tridiagonal(n: usize, diag: C64, off: C64) -> (Vec<i64>, Vec<i64>, Vec<C64>, Dense) {
    let dense = Dense::from_fn(n, |i, j| {
        if i == j {
            diag
        } else if i == j + 1 {
            off
        } else if j == i + 1 {
            off.conj()
        } else {
            Complex::new(0.0, 0.0)
        }
    });
    let (mut ptr, mut idx, mut values) = (vec![0i64], vec![], vec![]);
    for j in 0..n {
        for i in j.saturating_sub(1)..(j + 2).min(n) {
            idx.push(i as i64);
            values.push(dense.at(i, j));
        }
        ptr.push(idx.len() as i64);
    }
    (ptr, idx, values, dense)
}

#[test]
fn sparse_lu_and_cholesky_of_complex_matrices() {
    let n = 12;
    let b64 = random(n, &mut Rng::new(12));
    // UMFPACK: a non-Hermitian complex diagonal; solves with A, A^T and A^H.
    let (ptr, idx, values, dense) = tridiagonal(n, Complex::new(4.0, 1.0), Complex::new(-1.0, 0.5));
    let s = Sparse::csc(n, n, &ptr, &idx, &values).unwrap();
    assert_eq!(s.dtype(), Dtype::Complex128);
    let lu = Factor::sparse(FactorKind::SparseLu, &s, None).unwrap();
    for trans in TRANSPOSES {
        let x = lu
            .solve_trans(trans, MatRef::col_major(&b64, n, 1).unwrap())
            .unwrap();
        let r = scaled_residual(&dense.op(trans), x.data(), &b64, f64::EPSILON);
        assert!(r <= 30.0, "sparse LU {:?}: {}", trans, r);
        // The product with op(A) agrees with the dense one.
        let y = s
            .multiply(trans, MatRef::col_major(x.data(), n, 1).unwrap())
            .unwrap();
        let d = y
            .data()
            .iter()
            .zip(&b64)
            .map(|(p, q)| (p - q).norm())
            .fold(0.0, f64::max);
        assert!(d <= 1e-12, "sparse multiply {:?}: {}", trans, d);
    }
    let (phase, _) = lu.logdet_complex().unwrap();
    assert!(
        (phase.norm() - 1.0).abs() <= 1e-12 && phase.im.abs() > 1e-3,
        "phase {}",
        phase
    );
    // CHOLMOD: Hermitian positive definite, A = L L^H; its determinant is real.
    let (ptr, idx, values, dense) = tridiagonal(n, Complex::new(4.0, 0.0), Complex::new(-1.0, 0.5));
    let s = Sparse::csc(n, n, &ptr, &idx, &values).unwrap();
    let chol = Factor::sparse(FactorKind::SparseCholesky, &s, None).unwrap();
    let x = chol.solve(MatRef::col_major(&b64, n, 1).unwrap()).unwrap();
    assert!(scaled_residual(&dense, x.data(), &b64, f64::EPSILON) <= 30.0);
    let (phase, _) = chol.logdet_complex().unwrap();
    assert!((phase - 1.0).norm() <= 1e-12, "phase {}", phase);
}
