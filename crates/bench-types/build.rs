//! Generates Rust types from the corpus IDL with corba-idl's code
//! generator, as omniidl generates C++ stubs.

use std::path::PathBuf;

fn main() {
    let idl = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("set by cargo"))
        .join("../../corpus/idl/bench.idl");
    println!("cargo::rerun-if-changed={}", idl.display());
    let code = match corba_idl::codegen::generate_file(&idl, &corba_idl::Options::default()) {
        Ok(c) => c,
        Err(e) => {
            // The error names the file, line and column, with a caret.
            eprintln!("{e}");
            std::process::exit(1);
        }
    };
    let out = PathBuf::from(std::env::var("OUT_DIR").expect("set by cargo")).join("bench_idl.rs");
    std::fs::write(&out, code).expect("write generated code");
}
