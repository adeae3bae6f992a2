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
    Ok(code.matches("impl ::corba_idl::rt::IdlType for").count())
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
