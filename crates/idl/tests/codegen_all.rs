//! The code generator on real IDL: for `tests/idl/ids.idl` and every file
//! of Debian's omniorb-idl that loads, the generated code parses as Rust
//! (with `syn`). bench-types compiles and tests the generated code for the
//! corpus and its coverage IDL.

use corba_idl::{codegen, Options, Repository};
use std::path::Path;

const OMNI_DIR: &str = "/usr/share/idl/omniORB";

fn check(path: &Path, opts: &Options) -> Result<usize, String> {
    let repo = Repository::load(path, opts).map_err(|e| e.to_string())?;
    let code = codegen::generate(&repo).map_err(|e| e.to_string())?;
    syn::parse_file(&code)
        .map_err(|e| format!("{}: generated code does not parse: {e}", path.display()))?;
    Ok(code.matches("impl ::corba_idl_rt::IdlType for").count())
}

#[test]
fn generated_code_parses_as_rust() {
    let ids = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/idl/ids.idl");
    let n = check(&ids, &Options::default()).unwrap();
    assert!(n >= 10, "{n} types generated for ids.idl");

    let dir = Path::new(OMNI_DIR);
    if !dir.is_dir() {
        eprintln!("SKIPPED (omniorb-idl part): {OMNI_DIR} is absent");
        return;
    }
    let opts = Options::default()
        .include_dir(dir)
        .include_dir(dir.join("COS"));
    let (mut files, mut types, mut failures) = (0, 0, Vec::new());
    for d in [dir.to_path_buf(), dir.join("COS")] {
        let mut entries: Vec<_> = std::fs::read_dir(&d)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        entries.sort();
        for p in entries
            .into_iter()
            .filter(|p| p.extension().is_some_and(|x| x == "idl"))
        {
            if Repository::load(&p, &opts).is_err() {
                continue; // the files omniidl rejects too (tests/omniorb_idl.rs)
            }
            files += 1;
            match check(&p, &opts) {
                Ok(n) => types += n,
                Err(e) => failures.push(e),
            }
        }
    }
    eprintln!("{files} files, {types} generated IdlType impls");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(files >= 60 && types > 300, "{files} files, {types} types");
}

/// Compiles the generated code of every loadable omniorb-idl file in a
/// scratch crate (about 1,200 types; a minute or two, so not by default):
/// `cargo test -p corba-idl --test codegen_all -- --ignored`.
#[test]
#[ignore = "builds a scratch crate; run with --ignored"]
fn generated_code_compiles_for_omniorb_idl() {
    let dir = Path::new(OMNI_DIR);
    if !dir.is_dir() {
        eprintln!("SKIPPED: {OMNI_DIR} is absent");
        return;
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .unwrap();
    let scratch = std::env::temp_dir().join(format!("corba-idl-compile-{}", std::process::id()));
    std::fs::create_dir_all(scratch.join("src")).unwrap();
    std::fs::write(
        scratch.join("Cargo.toml"),
        format!(
            "[package]\nname = \"idl-compile-check\"\nversion = \"0.0.0\"\nedition = \"2021\"\n\n[dependencies]\n\
             corba-cdr = {{ path = \"{r}/crates/cdr\" }}\ncorba-typecode = {{ path = \"{r}/crates/typecode\" }}\n\
             corba-idl = {{ path = \"{r}/crates/idl\" }}\n\n[workspace]\n",
            r = root.display()
        ),
    )
    .unwrap();
    std::fs::copy(root.join("Cargo.lock"), scratch.join("Cargo.lock")).unwrap();
    let opts = Options::default()
        .include_dir(dir)
        .include_dir(dir.join("COS"));
    let mut lib = String::from("#![allow(warnings)]\n");
    let mut n = 0;
    for d in [dir.to_path_buf(), dir.join("COS")] {
        let mut entries: Vec<_> = std::fs::read_dir(&d)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        entries.sort();
        for p in entries
            .into_iter()
            .filter(|p| p.extension().is_some_and(|x| x == "idl"))
        {
            let Ok(repo) = Repository::load(&p, &opts) else {
                continue;
            };
            std::fs::write(
                scratch.join(format!("src/m{n}.rs")),
                codegen::generate(&repo).unwrap(),
            )
            .unwrap();
            lib.push_str(&format!(
                "#[path = \"m{n}.rs\"] pub mod m{n}; // {}\n",
                p.display()
            ));
            n += 1;
        }
    }
    std::fs::write(scratch.join("src/lib.rs"), lib).unwrap();
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let out = std::process::Command::new(cargo)
        .arg("build")
        .arg("--offline")
        .current_dir(&scratch)
        .env("CARGO_TARGET_DIR", scratch.join("target"))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success(),
        "generated code for {n} files does not compile:\n{stderr}"
    );
    std::fs::remove_dir_all(&scratch).ok();
}
