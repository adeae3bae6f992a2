#![forbid(unsafe_code)]
//! An OMG IDL front-end (CORBA 3.x Part 1, chapter 7), written with `nom`:
//!
//! * [`pp`]: a preprocessor-lite: comments, line continuations,
//!   `#include "..."`/`<...>` with include directories, object-like
//!   `#define`, `#if`/`#ifdef`/`#ifndef`/`#elif`/`#else`/`#endif`, `#error`,
//!   and `#pragma prefix`/`ID`/`version` passed on in place. `__OMNIIDL__`
//!   is predefined, as omniidl does.
//! * the parser: modules, interfaces (operations, attributes, inheritance,
//!   abstract and local), forward declarations, typedef, struct, union,
//!   enum, const with full constant expressions, sequences, strings, wide
//!   strings, multi-dimensional arrays, fixed, exceptions, native, value
//!   types (state members, factories, abstract, custom, truncatable,
//!   supports, boxes), `typeid`, `typeprefix`. Errors ([`Error`]) name the
//!   file, line and column and print the line with a caret under the spot,
//!   and the chain of `#include`s.
//! * semantics: scoped name resolution in declaration order (inherited
//!   names too), repository ids (`IDL:prefix/Module/Name:1.0`, pragmas,
//!   `typeid`, `typeprefix`), constants evaluated exactly and range-checked,
//!   and the IDL rules on name collisions that omniidl enforces.
//! * [`Repository`]: every declaration, and the
//!   [`corba_typecode::TypeCode`] of every type as omniidl makes it
//!   (checked against omniidl's output for the CORBA services IDL).
//! * [`print`]: a syntax tree back to IDL. [`codegen`] and [`rt`]: Rust
//!   types with compiled CDR marshalling, for build scripts.
//!
//! Hostile input is an error, never a panic: nesting (parser, `#if`, macro
//! expansion, TypeCodes) has a budget.
//!
//! ```
//! let repo = corba_idl::Repository::from_str(
//!     "bench.idl",
//!     "#pragma prefix \"example.org\"\nmodule M { struct P { long x; }; };",
//!     &corba_idl::Options::default(),
//! ).unwrap();
//! let tc = repo.type_code("M::P").unwrap();
//! assert_eq!(tc.id(), Some("IDL:example.org/M/P:1.0"));
//! ```

pub mod ast;
pub mod codegen;
mod consts;
pub mod emit;
mod error;
mod parser;
pub mod pp;
pub mod print;
/// The run-time crate `corba-idl-rt`, re-exported for paths written
/// `corba_idl::rt`.
pub use corba_idl_rt as rt;
mod sema;
mod tc;

pub use consts::ConstValue;
pub use error::{Error, Location, Result};
pub use pp::Options;
pub use sema::{Decl, DeclKind, Field, StateMember, Type, UnionCase};

use corba_typecode::TypeCode;
use std::collections::HashMap;
use std::path::Path;

/// Parses preprocessed text into a syntax tree; errors are located in
/// `src`.
pub fn parse_expanded(src: &pp::Expanded) -> Result<ast::Specification> {
    parser::parse_text(&src.text).map_err(|(off, msg)| src.error_at(off, msg))
}

/// Preprocesses and parses `text` (named `name` in errors) without
/// semantic checks.
pub fn parse_str(name: &str, text: &str, opts: &Options) -> Result<ast::Specification> {
    let src = pp::preprocess_str(Path::new(name), text, opts)?;
    parse_expanded(&src)
}

/// Preprocesses and parses the file at `path` without semantic checks.
pub fn parse_file(path: impl AsRef<Path>, opts: &Options) -> Result<ast::Specification> {
    let src = pp::preprocess_file(path.as_ref(), opts)?;
    parse_expanded(&src)
}

/// A loaded IDL specification: every declaration with its scoped name,
/// repository id and resolved type, and the TypeCode of every type.
#[derive(Debug)]
pub struct Repository {
    decls: Vec<Decl>,
    by_name: HashMap<String, usize>,
    type_codes: Vec<Option<TypeCode>>,
    spec: ast::Specification,
    source: pp::Expanded,
}

impl Repository {
    /// Loads an IDL file, following its `#include`s.
    pub fn load(path: impl AsRef<Path>, opts: &Options) -> Result<Repository> {
        let src = pp::preprocess_file(path.as_ref(), opts)?;
        Self::from_expanded(src)
    }

    /// Loads IDL text, named `name` in errors; `#include "x"` is looked
    /// for beside `name` and in the include directories.
    #[allow(clippy::should_implement_trait)]
    pub fn from_str(name: &str, text: &str, opts: &Options) -> Result<Repository> {
        let src = pp::preprocess_str(Path::new(name), text, opts)?;
        Self::from_expanded(src)
    }

    fn from_expanded(source: pp::Expanded) -> Result<Repository> {
        let spec = parse_expanded(&source)?;
        let mut sema = sema::Sema::new(&source);
        sema.definitions(&spec.definitions)?;
        sema.finish();
        let decls = sema.decls;
        let mut by_name = HashMap::new();
        for (i, d) in decls.iter().enumerate().skip(1) {
            by_name.entry(d.scoped_name()).or_insert(i);
        }
        let mut builder = tc::TcBuilder::new(&decls);
        let mut type_codes = Vec::with_capacity(decls.len());
        for (i, d) in decls.iter().enumerate() {
            if !d.is_type() || tc::is_incomplete(&decls, i) {
                type_codes.push(None);
                continue;
            }
            match builder.decl_type_code(i) {
                Ok(tc) => type_codes.push(Some(tc)),
                Err((at, msg)) => {
                    let off = decls[at].offset;
                    return Err(source.error_at(off, msg));
                }
            }
        }
        drop(builder);
        Ok(Repository {
            decls,
            by_name,
            type_codes,
            spec,
            source,
        })
    }

    /// Every declaration; index 0 is the global scope.
    pub fn decls(&self) -> &[Decl] {
        &self.decls
    }

    /// The syntax tree.
    pub fn specification(&self) -> &ast::Specification {
        &self.spec
    }

    /// The preprocessed source and its map back to files.
    pub fn source(&self) -> &pp::Expanded {
        &self.source
    }

    /// The index of a declaration by scoped name (`Bench::Record` or
    /// `::Bench::Record`).
    pub fn index_of(&self, name: &str) -> Option<usize> {
        self.by_name.get(name.trim_start_matches("::")).copied()
    }

    /// A declaration by scoped name.
    pub fn lookup(&self, name: &str) -> Option<&Decl> {
        self.index_of(name).map(|i| &self.decls[i])
    }

    /// The TypeCode of the type declared as `name` (`Bench::Record`).
    pub fn type_code(&self, name: &str) -> Option<TypeCode> {
        self.index_of(name).and_then(|i| self.type_codes[i].clone())
    }

    /// The TypeCode of the type `name`, or an error that lists the types
    /// there are (for a harness reading a user's IDL).
    pub fn require_type(&self, name: &str) -> Result<TypeCode> {
        self.type_code(name).ok_or_else(|| {
            let names: Vec<String> = self.type_codes().map(|(n, _)| n).collect();
            let what = match self.lookup(name) {
                Some(_) => "is not a complete type",
                None => "is not declared",
            };
            Error::new(format!(
                "'{name}' {what} in {} (types: {})",
                self.source.files[0].path.display(),
                names.join(", ")
            ))
        })
    }

    /// The scoped names of every complete type, in declaration order.
    pub fn type_names(&self) -> Vec<String> {
        self.type_codes().map(|(n, _)| n).collect()
    }

    /// The TypeCode of declaration `index`, if it is a complete type.
    pub fn decl_type_code(&self, index: usize) -> Option<TypeCode> {
        self.type_codes.get(index).cloned().flatten()
    }

    /// The TypeCode of a resolved type (for example a member's).
    pub fn type_code_of(&self, t: &Type) -> Result<TypeCode> {
        let mut b = tc::TcBuilder::new(&self.decls);
        b.type_code(t)
            .map_err(|(d, msg)| self.source.error_at(self.decls[d].offset, msg))
    }

    /// Every complete type declaration: scoped name and TypeCode, in
    /// declaration order.
    pub fn type_codes(&self) -> impl Iterator<Item = (String, TypeCode)> + '_ {
        self.decls
            .iter()
            .zip(&self.type_codes)
            .filter_map(|(d, tc)| tc.as_ref().map(|tc| (d.scoped_name(), tc.clone())))
    }

    /// The value of the constant `name`.
    pub fn constant(&self, name: &str) -> Option<&ConstValue> {
        match &self.lookup(name)?.kind {
            DeclKind::Const { value, .. } => Some(value),
            _ => None,
        }
    }

    /// The repository id of `name`.
    pub fn repository_id(&self, name: &str) -> Option<&str> {
        self.lookup(name)
            .map(|d| d.repo_id.as_str())
            .filter(|s| !s.is_empty())
    }

    /// Follows typedefs.
    pub fn unalias(&self, t: &Type) -> Type {
        consts::unalias(&self.decls, t)
    }

    /// Whether declaration `index` was declared in the file that was
    /// loaded (not in an included one).
    pub fn in_main_file(&self, index: usize) -> bool {
        self.decls.get(index).is_some_and(|d| d.file == 0)
    }
}
