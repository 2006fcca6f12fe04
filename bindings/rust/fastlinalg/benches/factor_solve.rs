//! Criterion benchmarks of the main calls: factoring (LU, Cholesky, QR), solving many
//! right-hand sides with one factor, and save/load of a factor. Built in CI with
//! `cargo bench --no-run`; run with `cargo bench` (results in bindings/rust/README.md).

use criterion::{black_box, criterion_group, criterion_main, BenchmarkId, Criterion};
use fastlinalg::{Factor, MatRef};

/// An n-by-n symmetric, diagonally dominant matrix (so every kind factors it), row-major.
fn matrix(n: usize) -> Vec<f64> {
    let mut a = vec![0.0; n * n];
    for i in 0..n {
        for j in 0..n {
            a[i * n + j] = if i == j {
                n as f64
            } else {
                1.0 / (1.0 + (i + j) as f64)
            };
        }
    }
    a
}

fn factor(c: &mut Criterion) {
    let mut group = c.benchmark_group("factor");
    for n in [100usize, 400] {
        let a = matrix(n);
        let view = MatRef::row_major(&a, n, n).unwrap();
        group.bench_with_input(BenchmarkId::new("lu", n), &view, |b, v| {
            b.iter(|| Factor::lu(*v).unwrap())
        });
        group.bench_with_input(BenchmarkId::new("cholesky", n), &view, |b, v| {
            b.iter(|| Factor::cholesky(*v).unwrap())
        });
        group.bench_with_input(BenchmarkId::new("qr", n), &view, |b, v| {
            b.iter(|| Factor::qr(*v).unwrap())
        });
    }
    group.finish();
}

fn solve(c: &mut Criterion) {
    let n = 400;
    let a = matrix(n);
    let lu = Factor::lu(MatRef::row_major(&a, n, n).unwrap()).unwrap();
    let mut group = c.benchmark_group("lu_solve_n400");
    for k in [1usize, 16, 256] {
        let rhs = vec![1.0; n * k];
        let b = MatRef::row_major(&rhs, n, k).unwrap();
        group.bench_with_input(BenchmarkId::from_parameter(k), &b, |bench, b| {
            bench.iter(|| lu.solve(black_box(*b)).unwrap())
        });
    }
    group.finish();
}

fn save_load(c: &mut Criterion) {
    let n = 400;
    let a = matrix(n);
    let lu = Factor::lu(MatRef::row_major(&a, n, n).unwrap()).unwrap();
    let bytes = lu.to_bytes().unwrap();
    c.bench_function("lu_n400_to_bytes", |b| b.iter(|| lu.to_bytes().unwrap()));
    c.bench_function("lu_n400_from_bytes", |b| {
        b.iter(|| Factor::from_bytes(black_box(&bytes)).unwrap())
    });
}

criterion_group!(benches, factor, solve, save_load);
criterion_main!(benches);
