//! Dropping a handle frees it: resident memory stays flat over many create/drop cycles.
//! A test binary of its own, so that no other test allocates while it measures.
mod common;

use common::*;
use fastlinalg::*;

fn resident_bytes() -> usize {
    let statm = std::fs::read_to_string("/proc/self/statm").unwrap();
    let pages: usize = statm.split_whitespace().nth(1).unwrap().parse().unwrap();
    pages * 4096
}

#[test]
fn dropped_handles_are_freed() {
    let n = 200;
    let a = spd(n, &mut Rng::new(8));
    let a = MatRef::row_major(&a, n, n).unwrap();
    let make = || {
        let f = Factor::lu(a).unwrap();
        let k = Kernel::new(KernelKind::Gaussian, Metric::Isotropic, 2, &[1.0], 1.0, 0.0).unwrap();
        let o = Options::new().unwrap();
        drop((f, k, o));
    };
    for _ in 0..20 {
        make();
    }
    let before = resident_bytes();
    // 300 leaked LU factors of 200-by-200 doubles would hold 96 MB.
    for _ in 0..300 {
        make();
    }
    let grown = resident_bytes().saturating_sub(before);
    assert!(grown < 24 << 20, "resident memory grew by {} bytes", grown);
}
