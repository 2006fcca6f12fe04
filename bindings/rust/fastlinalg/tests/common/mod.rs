//! Shared test helpers: a seeded generator, reference loops in f64 and tolerance checks.
#![allow(dead_code)]

use fastlinalg::{FactorKind, Layout, MatRef, Scalar};

/// Every dense kind, Auto included.
pub const DENSE_KINDS: [FactorKind; 8] = [
    FactorKind::Lu,
    FactorKind::Cholesky,
    FactorKind::Ldlt,
    FactorKind::Qr,
    FactorKind::Cod,
    FactorKind::Svd,
    FactorKind::Eigh,
    FactorKind::Auto,
];

/// The element types under test, with what the checks need of them.
pub trait Real: Scalar + Into<f64> + std::fmt::Debug {
    fn of(x: f64) -> Self;
    const EPS: f64;
}
impl Real for f32 {
    fn of(x: f64) -> Self {
        x as f32
    }
    const EPS: f64 = f32::EPSILON as f64;
}
impl Real for f64 {
    fn of(x: f64) -> Self {
        x
    }
    const EPS: f64 = f64::EPSILON;
}

/// A small xorshift generator: reproducible inputs without any crate.
pub struct Rng(u64);
impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }
    /// Uniform in [-1, 1).
    pub fn uniform(&mut self) -> f64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 >> 11) as f64 / (1u64 << 52) as f64 - 1.0
    }
    pub fn vec<T: Real>(&mut self, n: usize) -> Vec<T> {
        (0..n).map(|_| T::of(self.uniform())).collect()
    }
}

/// A tightly packed rows-by-cols array in `layout` from an element function.
pub fn build<T: Real>(
    rows: usize,
    cols: usize,
    layout: Layout,
    f: impl Fn(usize, usize) -> f64,
) -> Vec<T> {
    let mut v = vec![T::of(0.0); rows * cols];
    for i in 0..rows {
        for j in 0..cols {
            let k = match layout {
                Layout::RowMajor => i * cols + j,
                Layout::ColMajor => i + j * rows,
            };
            v[k] = T::of(f(i, j));
        }
    }
    v
}

pub fn view<T: Real>(data: &[T], rows: usize, cols: usize, layout: Layout) -> MatRef<'_, T> {
    match layout {
        Layout::RowMajor => MatRef::row_major(data, rows, cols).unwrap(),
        Layout::ColMajor => MatRef::col_major(data, rows, cols).unwrap(),
    }
}

pub fn at<T: Real>(m: &MatRef<'_, T>, i: usize, j: usize) -> f64 {
    (*m.at(i, j)).into()
}

/// A random symmetric positive definite n-by-n matrix: M M^T / n + I, as a function.
pub fn spd(n: usize, rng: &mut Rng) -> Vec<f64> {
    let m: Vec<f64> = rng.vec(n * n);
    let mut a = vec![0.0; n * n];
    for i in 0..n {
        for j in 0..n {
            let s: f64 = (0..n).map(|k| m[i * n + k] * m[j * n + k]).sum();
            a[i * n + j] = s / n as f64 + if i == j { 1.0 } else { 0.0 };
        }
    }
    a
}

/// The f64 product A B as a row-major array.
pub fn matmul<T: Real>(a: &MatRef<'_, T>, b: &MatRef<'_, T>) -> Vec<f64> {
    assert_eq!(a.cols(), b.rows());
    let mut c = vec![0.0; a.rows() * b.cols()];
    for i in 0..a.rows() {
        for j in 0..b.cols() {
            c[i * b.cols() + j] = (0..a.cols()).map(|k| at(a, i, k) * at(b, k, j)).sum();
        }
    }
    c
}

pub fn max_abs<T: Real>(m: &MatRef<'_, T>) -> f64 {
    let mut x: f64 = 0.0;
    for i in 0..m.rows() {
        for j in 0..m.cols() {
            x = x.max(at(m, i, j).abs());
        }
    }
    x
}

/// max|A X - B| / (n eps (max|A| max|X| + max|B|)): LAPACK's scaled residual, below
/// 10 for a backward-stable solve.
pub fn scaled_residual<T: Real>(a: &MatRef<'_, T>, x: &MatRef<'_, T>, b: &MatRef<'_, T>) -> f64 {
    let ax = matmul(a, x);
    let mut r: f64 = 0.0;
    for i in 0..b.rows() {
        for j in 0..b.cols() {
            r = r.max((ax[i * b.cols() + j] - at(b, i, j)).abs());
        }
    }
    let n = a.rows().max(a.cols()).max(1) as f64;
    r / (n * T::EPS * (max_abs(a) * max_abs(x) + max_abs(b)) + f64::MIN_POSITIVE)
}

/// Asserts |got - want| <= tol * max(1, |want|) elementwise.
pub fn assert_close(what: &str, got: &[f64], want: &[f64], tol: f64) {
    assert_eq!(got.len(), want.len(), "{}: lengths", what);
    for (k, (g, w)) in got.iter().zip(want).enumerate() {
        assert!(
            (g - w).abs() <= tol * w.abs().max(1.0),
            "{}[{}]: got {}, want {}",
            what,
            k,
            g,
            w
        );
    }
}

/// A matrix's elements as a row-major f64 vector.
pub fn row_major_f64<T: Real>(m: &MatRef<'_, T>) -> Vec<f64> {
    let mut v = Vec::with_capacity(m.rows() * m.cols());
    for i in 0..m.rows() {
        for j in 0..m.cols() {
            v.push(at(m, i, j));
        }
    }
    v
}
