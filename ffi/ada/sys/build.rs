//! Builds the Ada legacy backend (`ffi/ada/glb.gpr`) with gprbuild into
//! OUT_DIR as one static library that carries the GNAT runtime, and
//! generates raw bindings from the C ABI header with bindgen.

use std::env;
use std::path::{Path, PathBuf};
use std::process::{exit, Command, Stdio};

const MISSING: &str = "legacy-ada-sys: GNAT Ada compiler or gprbuild not found; install the Debian packages gnat-12 and gprbuild (apt-get install -y gnat-12 gprbuild)";

fn found(tool: &str) -> bool {
    Command::new(tool)
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .map(|s| s.success())
        .unwrap_or(false)
}

fn main() {
    let manifest = PathBuf::from(env::var_os("CARGO_MANIFEST_DIR").expect("CARGO_MANIFEST_DIR"));
    let ada_root = manifest.parent().expect("ffi/ada").to_path_buf();
    let out = PathBuf::from(env::var_os("OUT_DIR").expect("OUT_DIR"));
    let gpr = ada_root.join("glb.gpr");
    let header = ada_root.join("abi").join("glb.h");

    println!("cargo:rerun-if-changed={}", gpr.display());
    println!("cargo:rerun-if-changed={}", header.display());
    rerun_for_ada_sources(&ada_root.join("src"));

    if !found("gprbuild") || !found("gnatls") {
        eprintln!("{MISSING}");
        exit(1);
    }

    let build_tree = out.join("ada");
    let jobs = env::var("NUM_JOBS").unwrap_or_else(|_| "1".into());
    let output = Command::new("gprbuild")
        .arg("-P")
        .arg(&gpr)
        .arg(format!("--relocate-build-tree={}", build_tree.display()))
        .arg(format!("--root-dir={}", ada_root.display()))
        .args(["-p", "-q", &format!("-j{jobs}")])
        .output();
    match output {
        Ok(o) if o.status.success() => {}
        Ok(o) => {
            let text = String::from_utf8_lossy(&o.stdout).into_owned()
                + &String::from_utf8_lossy(&o.stderr);
            if text.contains("no compiler") || text.contains("not found") && text.contains("gcc") {
                eprintln!("{MISSING}");
            } else {
                eprintln!(
                    "legacy-ada-sys: gprbuild failed on {}:\n{text}",
                    gpr.display()
                );
            }
            exit(1);
        }
        Err(_) => {
            eprintln!("{MISSING}");
            exit(1);
        }
    }

    let lib_dir = build_tree.join("lib");
    println!("cargo:rustc-link-search=native={}", lib_dir.display());
    println!("cargo:rustc-link-lib=static=glb");

    let bindings = bindgen::Builder::default()
        .header(header.to_string_lossy())
        .allowlist_function("glb.*")
        .allowlist_type("glb_.*")
        .allowlist_var("GLB_.*")
        .default_macro_constant_type(bindgen::MacroTypeVariation::Signed)
        .derive_default(true)
        .layout_tests(false)
        .generate()
        .unwrap_or_else(|e| {
            eprintln!(
                "legacy-ada-sys: bindgen failed on {}: {e}",
                header.display()
            );
            exit(1)
        });
    bindings
        .write_to_file(out.join("bindings.rs"))
        .unwrap_or_else(|e| {
            eprintln!("legacy-ada-sys: cannot write bindings: {e}");
            exit(1)
        });
}

fn rerun_for_ada_sources(dir: &Path) {
    if let Ok(entries) = std::fs::read_dir(dir) {
        for e in entries.flatten() {
            let p = e.path();
            if matches!(p.extension().and_then(|x| x.to_str()), Some("ads" | "adb")) {
                println!("cargo:rerun-if-changed={}", p.display());
            }
        }
    }
}
