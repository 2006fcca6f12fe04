//! Finds libfastlinalg and tells cargo where to link it from.
//!
//! - `FASTLINALG_LIB_DIR` set: link libfastlinalg from that folder, and take the header
//!   from `FASTLINALG_INCLUDE_DIR` when that is set too (for trees without pkg-config).
//! - otherwise the `pkg-config` crate finds `fastlinalg.pc` (PKG_CONFIG_PATH for a custom
//!   prefix) and emits the link flags.
//!
//! The folder of the header is passed to the crate's tests as `FASTLINALG_INCLUDE_DIR` (the
//! declarations are checked against it, tests/header.rs) and to dependants as
//! `DEP_FASTLINALG_INCLUDE`, with the library folder as `DEP_FASTLINALG_LIBDIR` (for an rpath).

use std::env;
use std::path::PathBuf;

fn main() {
    println!("cargo:rerun-if-env-changed=FASTLINALG_LIB_DIR");
    println!("cargo:rerun-if-env-changed=FASTLINALG_INCLUDE_DIR");
    let (lib_dirs, include_dirs) = match env::var_os("FASTLINALG_LIB_DIR") {
        Some(dir) => {
            let dir = PathBuf::from(dir);
            println!("cargo:rustc-link-search=native={}", dir.display());
            println!("cargo:rustc-link-lib=fastlinalg");
            let include = env::var_os("FASTLINALG_INCLUDE_DIR").map(PathBuf::from);
            (vec![dir], include.into_iter().collect())
        }
        None => match pkg_config::Config::new()
            .atleast_version("0.1")
            .probe("fastlinalg")
        {
            Ok(lib) => (lib.link_paths, lib.include_paths),
            Err(e) => panic!(
                "fastlinalg-sys: libfastlinalg not found.\n{}\n\
                 Install fastlinalg and point PKG_CONFIG_PATH at the folder holding fastlinalg.pc \
                 (PREFIX/lib/pkgconfig), or set FASTLINALG_LIB_DIR (and FASTLINALG_INCLUDE_DIR).",
                e
            ),
        },
    };
    if let Some(dir) = lib_dirs.first() {
        println!("cargo:libdir={}", dir.display());
    }
    let header = include_dirs
        .iter()
        .find(|d| d.join("fastlinalg").join("fastlinalg.h").is_file());
    if let Some(dir) = header {
        println!("cargo:include={}", dir.display());
        println!("cargo:rustc-env=FASTLINALG_INCLUDE_DIR={}", dir.display());
    }
}
