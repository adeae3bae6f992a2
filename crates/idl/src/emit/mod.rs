//! Emitters: source files generated from an IDL [`crate::Repository`] for
//! the places that used to describe the corpus types by hand. Their output
//! is checked in; each emitter has a freshness test that fails, naming the
//! command that regenerates the file, when the IDL changes.

pub mod ada_corpus;
pub mod cxx_table;
pub mod typecode_rs;

/// The freshness check every emitter's test makes of its checked-in file.
#[cfg(test)]
pub(crate) mod fresh {
    use crate::Repository;
    use std::path::PathBuf;

    /// The corpus IDL, relative to the workspace root.
    pub const BENCH_IDL: &str = "corpus/idl/bench.idl";

    /// The corpus IDL, loaded.
    pub fn bench_idl() -> Repository {
        Repository::load(root().join(BENCH_IDL), &Default::default()).expect("bench.idl loads")
    }

    fn root() -> PathBuf {
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
    }

    /// Fails, naming the regenerate command, unless the file at `rel` (from
    /// the workspace root) holds exactly `text`; with `GIOPBENCH_REGENERATE`
    /// set it writes `text` there first.
    pub fn check(rel: &str, text: &str) {
        let path = root().join(rel);
        if std::env::var_os("GIOPBENCH_REGENERATE").is_some() {
            std::fs::write(&path, text).unwrap_or_else(|e| panic!("write {rel}: {e}"));
        }
        let on_disk = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            on_disk == text,
            "{rel} is stale: regenerate it with `{}`",
            super::typecode_rs::REGENERATE
        );
    }
}
