//! Builds the C++ shim over omniORB 4.2 and the omniidl stubs of the corpus
//! IDL. Needs the Debian packages libomniorb4-dev, omniidl and omniorb-idl.

use std::path::{Path, PathBuf};
use std::process::{exit, Command};

const PACKAGES: &str = "libomniorb4-dev omniidl omniorb-idl";

fn missing(what: &str) -> ! {
    eprintln!("legacy-omniorb: {what}; install the Debian packages: apt-get install {PACKAGES}");
    exit(1);
}

fn main() {
    let manifest = PathBuf::from(
        std::env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"),
    );
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    let idl = manifest.join("../../corpus/idl/bench.idl");

    // Link flags only: omniORB's pkg-config cflags are just -I/usr/include,
    // which must not reach the compiler (it breaks libstdc++'s #include_next).
    for lib in ["omniORB4", "omniDynamic4"] {
        if pkg_config::Config::new()
            .atleast_version("4.2")
            .probe(lib)
            .is_err()
        {
            missing(&format!("pkg-config cannot find {lib} >= 4.2"));
        }
    }

    let status = Command::new("omniidl")
        .arg("-bcxx")
        .arg("-Wba")
        .arg(format!("-C{}", out.display()))
        .arg(&idl)
        .status();
    match status {
        Ok(s) if s.success() => {}
        Ok(s) => {
            eprintln!("legacy-omniorb: omniidl failed on {} ({s})", idl.display());
            exit(1);
        }
        Err(_) => missing("omniidl is not installed"),
    }
    for f in ["bench.hh", "benchSK.cc", "benchDynSK.cc"] {
        if !out.join(f).exists() {
            missing(&format!(
                "omniidl did not produce {f} (is omniorb-idl installed?)"
            ));
        }
    }

    cxx_build::bridge("src/ffi/mod.rs")
        .file("cxx/shim.cc")
        .file(out.join("benchSK.cc"))
        .file(out.join("benchDynSK.cc"))
        .include(&out)
        .std("c++17")
        // omniORB's headers and omniidl's output are not -Wextra clean.
        .flag_if_supported("-Wno-unused-parameter")
        .flag_if_supported("-Wno-deprecated-declarations")
        .flag_if_supported("-Wno-cast-function-type")
        .flag_if_supported("-Wno-class-memaccess")
        .compile("giopbench_omniorb_shim");

    for p in ["src/ffi/mod.rs", "cxx/shim.cc", "cxx/shim.h"] {
        println!("cargo:rerun-if-changed={p}");
    }
    println!("cargo:rerun-if-changed={}", rel(&idl).display());
}

fn rel(p: &Path) -> PathBuf {
    p.canonicalize().unwrap_or_else(|_| p.to_path_buf())
}
