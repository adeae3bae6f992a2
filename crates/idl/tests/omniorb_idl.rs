//! Every IDL file of Debian's omniorb-idl package (the CORBA services)
//! must parse, and load fully (preprocess, parse, resolve every name,
//! evaluate every constant, build every TypeCode) unless omniidl itself
//! rejects it. Ten files there name declarations that the package does not
//! ship (`IOP.idl`, `CORBA::ServiceOption`, `CORBA::Environment`); omniidl
//! 4.3 fails on exactly these ten (checked with
//! `omniidl -bcxx -I/usr/share/idl/omniORB -I/usr/share/idl/omniORB/COS`),
//! and so must we, for the same reason.

use corba_idl::{Options, Repository};
use std::path::{Path, PathBuf};

const DIR: &str = "/usr/share/idl/omniORB";

/// Files omniidl rejects, and the cause we must report.
const EXPECTED_FAILURES: &[(&str, &str)] = &[
    (
        "COS/CosTSPortability.idl",
        "'CORBA::Environment' is not declared",
    ),
    (
        "COS/DCE_CIOPSecurity.idl",
        "cannot find include file \"IOP.idl\"",
    ),
    (
        "COS/NRService.idl",
        "'CORBA::ServiceOption' is not declared",
    ),
    ("COS/SECIOP.idl", "cannot find include file \"IOP.idl\""),
    ("COS/SSLIOP.idl", "cannot find include file \"IOP.idl\""),
    ("COS/Security.idl", "'CORBA::ServiceOption' is not declared"),
    (
        "COS/SecurityAdmin.idl",
        "'CORBA::ServiceOption' is not declared",
    ),
    (
        "COS/SecurityLevel1.idl",
        "'CORBA::ServiceOption' is not declared",
    ),
    (
        "COS/SecurityLevel2.idl",
        "'CORBA::ServiceOption' is not declared",
    ),
    (
        "COS/SecurityReplaceable.idl",
        "'CORBA::ServiceOption' is not declared",
    ),
];

fn idl_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .expect("readable directory")
        .map(|e| e.expect("directory entry").path())
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            idl_files(&p, out);
        } else if p.extension().is_some_and(|e| e == "idl") {
            out.push(p);
        }
    }
}

fn setup() -> Option<(Options, Vec<PathBuf>)> {
    let dir = Path::new(DIR);
    if !dir.is_dir() {
        eprintln!(
            "SKIPPED: {DIR} is absent (install Debian's omniorb-idl package to run this test)"
        );
        return None;
    }
    let opts = Options::default()
        .include_dir(dir)
        .include_dir(dir.join("COS"));
    let mut files = Vec::new();
    idl_files(dir, &mut files);
    assert!(files.len() >= 60, "only {} IDL files found", files.len());
    Some((opts, files))
}

#[test]
fn every_omniorb_idl_file_parses() {
    let Some((mut opts, files)) = setup() else {
        return;
    };
    opts.allow_missing_includes = true;
    let mut failures = Vec::new();
    let mut definitions = 0;
    for f in &files {
        match corba_idl::parse_file(f, &opts) {
            Ok(spec) => definitions += spec.definitions.len(),
            Err(e) => failures.push(format!("{}:\n{e}", f.display())),
        }
    }
    eprintln!(
        "{} files parsed, {definitions} top-level definitions",
        files.len()
    );
    assert!(
        failures.is_empty(),
        "{} files failed:\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}

#[test]
fn omniorb_idl_files_load_unless_omniidl_rejects_them() {
    let Some((opts, files)) = setup() else { return };
    let mut problems = Vec::new();
    let (mut loaded, mut types) = (0, 0);
    for f in &files {
        let rel = f
            .strip_prefix(DIR)
            .expect("under DIR")
            .to_string_lossy()
            .into_owned();
        let expected = EXPECTED_FAILURES
            .iter()
            .find(|(n, _)| *n == rel)
            .map(|(_, m)| *m);
        match (Repository::load(f, &opts), expected) {
            (Ok(repo), None) => {
                loaded += 1;
                types += repo.type_codes().count();
            }
            (Ok(_), Some(m)) => {
                problems.push(format!("{rel}: loaded, but omniidl rejects it ({m})"))
            }
            (Err(e), None) => problems.push(format!("{rel}:\n{e}")),
            (Err(e), Some(m)) if e.message.contains(m) => {}
            (Err(e), Some(m)) => problems.push(format!("{rel}: expected {m:?}, got:\n{e}")),
        }
    }
    eprintln!(
        "{loaded} files loaded, {types} TypeCodes; {} rejected as omniidl does",
        EXPECTED_FAILURES.len()
    );
    assert!(problems.is_empty(), "{}", problems.join("\n\n"));
    assert_eq!(loaded + EXPECTED_FAILURES.len(), files.len());
}
