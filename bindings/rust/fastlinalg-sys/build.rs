//! Finds libfastlinalg through the `pkg-config` program (no crates: the build must work
//! offline) and tells cargo where to link it from.

use std::process::Command;

fn main() {
    println!("cargo:rerun-if-env-changed=PKG_CONFIG_PATH");
    let output = Command::new("pkg-config")
        .args(["--libs", "fastlinalg"])
        .output()
        .unwrap_or_else(|e| {
            panic!(
                "fastlinalg-sys: could not run the `pkg-config` program ({}); install pkg-config",
                e
            )
        });
    if !output.status.success() {
        panic!(
            "fastlinalg-sys: `pkg-config --libs fastlinalg` failed: {}\n\
             Install fastlinalg and point PKG_CONFIG_PATH at the folder holding fastlinalg.pc \
             (e.g. PREFIX/lib/pkgconfig).",
            String::from_utf8_lossy(&output.stderr).trim()
        );
    }
    let libs = String::from_utf8(output.stdout).expect("pkg-config printed non-UTF-8 output");
    let mut linked = false;
    for flag in libs.split_whitespace() {
        if let Some(dir) = flag.strip_prefix("-L") {
            println!("cargo:rustc-link-search=native={}", dir);
            // Exported so that dependants (and their tests) can set an rpath if they wish.
            println!("cargo:libdir={}", dir);
        } else if let Some(lib) = flag.strip_prefix("-l") {
            println!("cargo:rustc-link-lib={}", lib);
            linked |= lib == "fastlinalg";
        }
    }
    if !linked {
        println!("cargo:rustc-link-lib=fastlinalg");
    }
}
