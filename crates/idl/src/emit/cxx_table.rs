//! Emits the X-macro list of the corpus types that the omniORB shim
//! (`ffi/omniorb/cxx/shim.cc`) expands into its per-type tables: the
//! compiled-stub dispatch (`with_static`) and the static TypeCodes
//! (`static_tc`). One line per complete type declared in the IDL file:
//!
//! ```text
//! GIOPBENCH_CORPUS_TYPE(Bench, Point, "IDL:giopbench.org/Bench/Point:1.0")
//! ```
//!
//! The first argument is the C++ scope omniidl puts the type in (the IDL
//! modules joined with `::`), the second its unscoped name, the third its
//! repository id. The output is checked in (`ffi/omniorb/cxx/corpus_types.inc`)
//! so that legacy-omniorb does not build-depend on the IDL compiler.

use crate::{DeclKind, Error, Repository, Result};
use std::fmt::Write;

/// The command that regenerates the checked-in include (same as the other
/// emitters': every freshness test rewrites its file).
pub use super::typecode_rs::REGENERATE;

/// The include text for every complete type of the loaded (main) file.
/// Types outside a module, interfaces and value types are refused: the shim
/// only handles omniidl's stubs for module-scoped data types.
pub fn emit(repo: &Repository, source: &str) -> Result<String> {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "// @generated from {source} by corba_idl::emit::cxx_table. Do not edit;\n\
         // regenerate with `{REGENERATE}`.\n\
         //\n\
         // One GIOPBENCH_CORPUS_TYPE(scope, name, repository id) per corpus type;\n\
         // the includer defines the macro."
    );
    for (i, d) in repo.decls().iter().enumerate() {
        if !repo.in_main_file(i) || repo.decl_type_code(i).is_none() {
            continue;
        }
        let data_type = matches!(
            d.kind,
            DeclKind::Struct { .. }
                | DeclKind::Union { .. }
                | DeclKind::Enum { .. }
                | DeclKind::Typedef { .. }
        );
        if !data_type || d.path.len() < 2 {
            return Err(Error::new(format!(
                "{source}: {} is not a module-scoped struct, union, enum or typedef; \
                 the omniORB shim's tables have no entry for it",
                d.scoped_name()
            )));
        }
        if !d
            .repo_id
            .chars()
            .all(|c| c.is_ascii_graphic() && c != '"' && c != '\\')
        {
            return Err(Error::new(format!(
                "{source}: the repository id of {} is not a plain C string literal",
                d.scoped_name()
            )));
        }
        let scope = d.path[..d.path.len() - 1].join("::");
        let _ = writeln!(
            out,
            "GIOPBENCH_CORPUS_TYPE({scope}, {}, \"{}\")",
            d.name(),
            d.repo_id
        );
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_line_per_type_with_scope_and_id() {
        let repo = Repository::from_str(
            "t.idl",
            "module A { module B { struct P { long x; }; typedef sequence<P> PS; }; enum E { X }; };",
            &Default::default(),
        )
        .expect("loads");
        let text = emit(&repo, "t.idl").expect("emits");
        let lines: Vec<&str> = text.lines().filter(|l| !l.starts_with("//")).collect();
        assert_eq!(
            lines,
            [
                r#"GIOPBENCH_CORPUS_TYPE(A::B, P, "IDL:A/B/P:1.0")"#,
                r#"GIOPBENCH_CORPUS_TYPE(A::B, PS, "IDL:A/B/PS:1.0")"#,
                r#"GIOPBENCH_CORPUS_TYPE(A, E, "IDL:A/E:1.0")"#,
            ]
        );
    }

    #[test]
    fn refuses_a_type_outside_a_module() {
        let repo = Repository::from_str("t.idl", "struct P { long x; };", &Default::default())
            .expect("loads");
        let err = emit(&repo, "t.idl").expect_err("global type refused");
        assert!(err.to_string().contains("P"), "{err}");
    }

    /// The checked-in include is what the emitter makes of
    /// `corpus/idl/bench.idl`; `GIOPBENCH_REGENERATE=1` rewrites it.
    #[test]
    fn omniorb_corpus_table_is_fresh() {
        let text = emit(
            &crate::emit::fresh::bench_idl(),
            crate::emit::fresh::BENCH_IDL,
        )
        .expect("emits");
        crate::emit::fresh::check("ffi/omniorb/cxx/corpus_types.inc", &text);
    }
}
