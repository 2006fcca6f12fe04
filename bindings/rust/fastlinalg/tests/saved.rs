//! Factor::to_bytes / from_bytes / save / load: every dense kind comes back solving bit for
//! bit as before; bad bytes and files are errors naming what is wrong.

mod common;

use common::{spd, Rng, DENSE_KINDS};
use fastlinalg::{Factor, Layout, MatRef, Status};

#[test]
fn every_dense_kind_round_trips() {
    let mut rng = Rng::new(7);
    let n = 6;
    let a = spd(n, &mut rng);
    let b: Vec<f64> = (0..n * 2).map(|_| rng.uniform()).collect();
    let dir = std::env::temp_dir().join(format!("fastlinalg-rust-saved-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    for kind in DENSE_KINDS {
        for layout in [Layout::RowMajor, Layout::ColMajor] {
            let f = Factor::new(kind, MatRef::with_ld(&a, n, n, layout, n).unwrap(), None).unwrap();
            let bytes = f.to_bytes().unwrap();
            let path = dir.join("f.flf");
            f.save(&path).unwrap();
            let want = f.solve(MatRef::row_major(&b, n, 2).unwrap()).unwrap();
            for g in [
                Factor::from_bytes(&bytes).unwrap(),
                Factor::load(&path).unwrap(),
            ] {
                assert_eq!(g.kind(), f.kind());
                assert_eq!(
                    g.solve(MatRef::row_major(&b, n, 2).unwrap()).unwrap(),
                    want,
                    "{:?}",
                    kind
                );
                assert_eq!(g.to_bytes().unwrap(), bytes);
            }
        }
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn bad_bytes_and_files_are_errors() {
    let a = [4.0, 1.0, 1.0, 3.0f32];
    let bytes = Factor::lu(MatRef::row_major(&a, 2, 2).unwrap())
        .unwrap()
        .to_bytes()
        .unwrap();
    for cut in [0, 8, bytes.len() - 1] {
        let e = Factor::from_bytes(&bytes[..cut]).unwrap_err();
        assert_eq!(e.status, Status::InvalidArgument);
        assert!(e.message.contains("fl_factor_deserialize"), "{}", e.message);
    }
    let mut corrupted = bytes.clone();
    corrupted[60] ^= 4; // in the payload
    assert!(Factor::from_bytes(&corrupted)
        .unwrap_err()
        .message
        .contains("checksum"));
    let mut newer = bytes;
    newer[8] = 9;
    assert_eq!(
        Factor::from_bytes(&newer).unwrap_err().status,
        Status::Unsupported
    );
    let e = Factor::load("/nonexistent/fastlinalg.flf").unwrap_err();
    assert!(
        e.message
            .contains("cannot read /nonexistent/fastlinalg.flf"),
        "{}",
        e.message
    );
}
