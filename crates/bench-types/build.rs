//! Generates Rust types from the corpus IDL with corba-idl's code
//! generator, as omniidl generates C++ stubs; and from `idl/coverage.idl`,
//! which uses every construct the generator maps, for the tests.

use std::path::{Path, PathBuf};

fn generate(idl: &Path, out: &str) {
    println!("cargo::rerun-if-changed={}", idl.display());
    let code = match corba_idl::codegen::generate_file(idl, &corba_idl::Options::default()) {
        Ok(c) => c,
        Err(e) => {
            // The error names the file, line and column, with a caret.
            eprintln!("{e}");
            std::process::exit(1);
        }
    };
    let out = PathBuf::from(std::env::var("OUT_DIR").expect("set by cargo")).join(out);
    std::fs::write(&out, code).expect("write generated code");
}

fn main() {
    let here = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("set by cargo"));
    generate(&here.join("../../corpus/idl/bench.idl"), "bench_idl.rs");
    generate(&here.join("idl/coverage.idl"), "coverage_idl.rs");
    generate(&here.join("idl/dynamic.idl"), "dynamic_idl.rs");
}
