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

    omniidl(&idl, &out, &["bench.hh", "benchSK.cc", "benchDynSK.cc"]);
    // The load servers' interface (`giopbench load`). load.idl includes
    // bench.idl: omniidl generates stubs for load.idl's own declarations
    // only (load.hh includes bench.hh), so bench's stubs are compiled once.
    let load_idl = manifest.join("../../corpus/idl/load.idl");
    omniidl(&load_idl, &out, &["load.hh", "loadSK.cc", "loadDynSK.cc"]);

    cxx_build::bridges(["src/ffi/mod.rs", "src/load.rs"])
        .file("cxx/shim.cc")
        .file("cxx/load_server.cc")
        .file(out.join("benchSK.cc"))
        .file(out.join("benchDynSK.cc"))
        .file(out.join("loadSK.cc"))
        .file(out.join("loadDynSK.cc"))
        .include(&out)
        .std("c++17")
        // omniORB's headers and omniidl's output are not -Wextra clean.
        .flag_if_supported("-Wno-unused-parameter")
        .flag_if_supported("-Wno-deprecated-declarations")
        .flag_if_supported("-Wno-cast-function-type")
        .flag_if_supported("-Wno-class-memaccess")
        .compile("giopbench_omniorb_shim");

    for p in [
        "src/ffi/mod.rs",
        "src/load.rs",
        "cxx/shim.cc",
        "cxx/shim.h",
        "cxx/corpus_types.inc",
        "cxx/load_server.cc",
        "cxx/load_server.h",
    ] {
        println!("cargo:rerun-if-changed={p}");
    }
    for p in [&idl, &load_idl] {
        println!("cargo:rerun-if-changed={}", rel(p).display());
    }
}

/// Runs omniidl's C++ back end (with Any/TypeCode support, `-Wba`) on `idl`
/// into `out`, with `idl`'s directory on the include path; exits with a
/// message unless every file of `expect` was produced.
fn omniidl(idl: &Path, out: &Path, expect: &[&str]) {
    let dir = idl.parent().unwrap_or(Path::new("."));
    let status = Command::new("omniidl")
        .arg("-bcxx")
        .arg("-Wba")
        .arg(format!("-I{}", dir.display()))
        .arg(format!("-C{}", out.display()))
        .arg(idl)
        .status();
    match status {
        Ok(s) if s.success() => {}
        Ok(s) => {
            eprintln!("legacy-omniorb: omniidl failed on {} ({s})", idl.display());
            exit(1);
        }
        Err(_) => missing("omniidl is not installed"),
    }
    for f in expect {
        if !out.join(f).exists() {
            missing(&format!(
                "omniidl did not produce {f} (is omniorb-idl installed?)"
            ));
        }
    }
}

fn rel(p: &Path) -> PathBuf {
    p.canonicalize().unwrap_or_else(|_| p.to_path_buf())
}
