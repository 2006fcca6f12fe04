//! Errors surface with the library's status and a message naming the argument.
use fastlinalg::*;

#[test]
fn shapes_are_checked_before_any_call() {
    let e = MatRef::row_major(&[1.0f64; 5], 2, 3).unwrap_err();
    assert_eq!(e.status, Status::DimensionMismatch);
    assert!(e.message.contains("needs 6"), "{}", e.message);
    let e = MatRef::with_ld(&[1.0f64; 6], 2, 3, Layout::RowMajor, 2).unwrap_err();
    assert_eq!(e.status, Status::InvalidArgument);
    let a = [2.0, 1.0, 1.0, 2.0f64];
    let f = Factor::lu(MatRef::row_major(&a, 2, 2).unwrap()).unwrap();
    let e = f
        .solve(MatRef::row_major(&[1.0f64; 3], 3, 1).unwrap())
        .unwrap_err();
    assert_eq!(e.status, Status::DimensionMismatch);
    assert!(e.message.contains("b is 3-by-1"), "{}", e.message);
    let mut small = [0.0f64; 2];
    let e = f
        .inverse_into(MatMut::row_major(&mut small, 1, 2).unwrap())
        .unwrap_err();
    assert_eq!(e.status, Status::DimensionMismatch);
}

#[test]
fn library_errors_carry_status_and_message() {
    let singular = [1.0, 2.0, 2.0, 4.0f64];
    let e = Factor::lu(MatRef::row_major(&singular, 2, 2).unwrap()).unwrap_err();
    assert_eq!(e.status, Status::Singular);
    assert!(e.message.contains("fl_factor_create"), "{}", e.message);
    assert!(e.to_string().starts_with(e.status.name()), "{}", e);

    let indefinite = [1.0, 0.0, 0.0, -1.0f64];
    let e = Factor::cholesky(MatRef::row_major(&indefinite, 2, 2).unwrap()).unwrap_err();
    assert_eq!(e.status, Status::NotPositiveDefinite);
    assert!(e.message.contains('2'), "{}", e.message);

    // LU takes an m-by-n A (its parts only); Cholesky needs a square one.
    let e = Factor::cholesky(MatRef::row_major(&[1.0f64; 6], 2, 3).unwrap()).unwrap_err();
    assert_eq!(e.status, Status::InvalidArgument);

    let nan = [1.0, f64::NAN, 0.0, 1.0];
    let e = Factor::lu(MatRef::row_major(&nan, 2, 2).unwrap()).unwrap_err();
    assert_eq!(e.status, Status::NonFinite);

    let a = [2.0, 1.0, 1.0, 2.0f64];
    let f = Factor::lu(MatRef::row_major(&a, 2, 2).unwrap()).unwrap();
    let e = f
        .solve(MatRef::row_major(&[1.0f32, 2.0], 2, 1).unwrap())
        .unwrap_err();
    assert_eq!(e.status, Status::DtypeMismatch);
    let e = f.rank().unwrap_err();
    assert_eq!(e.status, Status::Unsupported);
    assert_eq!(e.status.code(), 9);

    let e = Options::new().unwrap().rtol(2.0).unwrap_err();
    assert_eq!(e.status, Status::InvalidArgument);
    let e = set_num_threads(0).unwrap_err();
    assert_eq!(e.status, Status::InvalidArgument);

    // As a boxed std::error::Error, for `?` in applications.
    let boxed: Box<dyn std::error::Error> = Box::new(e);
    assert!(!boxed.to_string().is_empty());
}

#[test]
fn runtime_information() {
    assert_eq!(version_number(), fastlinalg_sys::FL_VERSION_NUMBER);
    assert_eq!(version(), "0.1.0");
    assert!(!blas_info().is_empty());
    assert!(!blas_core().is_empty());
    let threads = num_threads();
    assert!(threads >= 1);
    set_num_threads(1).unwrap();
    assert_eq!(num_threads(), 1);
    set_num_threads(threads).unwrap();
}
