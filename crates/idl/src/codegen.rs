//! Rust code generation from IDL, for build scripts: the Rust counterpart
//! of omniidl's C++ stubs.
//!
//! | IDL | Rust |
//! | --- | --- |
//! | module `M` | `pub mod M` |
//! | struct, exception | `pub struct` with `pub` fields |
//! | enum | `#[repr(u32)] pub enum` |
//! | union | `pub enum`, one variant per member: `member(T)` when it has one label, `member(D, T)` (discriminator, value) when it has several or is the default; `__Unselected(D)` when no member is selected |
//! | typedef of a sequence or array | newtype `pub struct Name(pub Vec<T>)` / `([T; N])` |
//! | other typedef | `pub type` |
//! | `sequence<T>`, `T[N][M]` | `Vec<T>`, `[[T; M]; N]` |
//! | `string`, `wstring` | `String` |
//! | short .. unsigned long long, float, double | `i16` .. `u64`, `f32`, `f64` |
//! | boolean, char, octet, wchar, long double | `bool`, `u8`, `u8`, `u16`, `LongDouble` |
//!
//! Every struct, exception, enum, union and sequence/array newtype
//! implements [`crate::rt::IdlType`]: compiled CDR encode/decode on
//! [`corba_cdr::Writer`]/[`corba_cdr::Reader`], conversions to and from
//! [`corba_typecode::Value`], and its TypeCode. Members of type `any`,
//! `TypeCode` and object references are [`corba_typecode::Any`],
//! [`corba_typecode::TypeCode`] and [`corba_typecode::ObjectRef`],
//! marshalled by the TypeCode-driven code (as omniORB's stubs do for `any`).
//! Types that use value types, local interfaces, Principal or native types
//! are not generated (a comment says so); their TypeCodes still are. `fixed<d,s>` is
//! [`corba_cdr::Fixed`], checked against `d` and `s`.
//!
//! At the top level the generated code has `TYPE_NAMES`, `type_code(name)`
//! and `encode_value`/`decode_value(name, ...)`, which convert a dynamic
//! value and marshal it with the compiled code (for harnesses that pick a
//! type by name).
//!
//! This file holds the driver ([`generate`]) and the scope helpers; the
//! code for each part is in `codegen/`: [`types`] (Rust types),
//! [`encode`] and [`decode`] (marshalling statements), [`into`]
//! (decode-into-existing), [`value`] (dynamic `Value` conversions and
//! zero values), [`typecode`] (TypeCode constructors), [`decls`]
//! (structs, exceptions, enums, newtypes) and [`union`].

use crate::ast::Prim;
use crate::sema::{Decl, DeclKind, Type};
use crate::{Options, Repository, Result};
use std::collections::HashMap;
use std::fmt::Write;
use std::path::Path;

mod decls;
mod decode;
mod encode;
mod into;
mod typecode;
mod types;
mod union;
mod value;

/// Loads `path` and generates Rust code for every type in it.
pub fn generate_file(path: impl AsRef<Path>, opts: &Options) -> Result<String> {
    let repo = Repository::load(path, opts)?;
    generate(&repo)
}

/// Generates Rust code for every type of `repo`.
pub fn generate(repo: &Repository) -> Result<String> {
    let mut g = Gen {
        repo,
        decls: repo.decls(),
        supported: HashMap::new(),
        tmp: 0,
    };
    g.run()
}

const RUST_KEYWORDS: &[&str] = &[
    "as", "break", "const", "continue", "else", "enum", "extern", "false", "fn", "for", "if",
    "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub", "ref", "return", "static",
    "struct", "trait", "true", "type", "unsafe", "use", "where", "while", "async", "await", "dyn",
    "abstract", "become", "box", "do", "final", "macro", "override", "priv", "typeof", "unsized",
    "virtual", "yield", "try", "gen",
];

/// A Rust identifier for an IDL one.
fn rust_ident(name: &str) -> String {
    match name {
        "self" | "Self" | "super" | "crate" | "_" => format!("{name}_"),
        n if RUST_KEYWORDS.contains(&n) => format!("r#{n}"),
        n => n.to_owned(),
    }
}

/// The part of a `r#name` identifier usable inside another identifier.
fn plain(name: &str) -> &str {
    name.trim_start_matches("r#")
}

#[derive(Default)]
struct Module {
    name: String,
    items: Vec<String>,
    children: Vec<Module>,
}

impl Module {
    fn child(&mut self, name: &str) -> &mut Module {
        let i = match self.children.iter().position(|c| c.name == name) {
            Some(i) => i,
            None => {
                self.children.push(Module {
                    name: name.to_owned(),
                    ..Module::default()
                });
                self.children.len() - 1
            }
        };
        &mut self.children[i]
    }

    fn render(&self, out: &mut String, depth: usize) {
        let pad = "    ".repeat(depth);
        for item in &self.items {
            for line in item.lines() {
                if line.is_empty() {
                    out.push('\n');
                } else {
                    let _ = writeln!(out, "{pad}{line}");
                }
            }
            out.push('\n');
        }
        for c in &self.children {
            let _ = writeln!(out, "{pad}#[allow(non_snake_case, non_camel_case_types, dead_code, unused_parens, clippy::all)]");
            let _ = writeln!(out, "{pad}pub mod {} {{", c.name);
            let _ = writeln!(
                out,
                "{pad}    #[allow(unused_imports)]\n{pad}    use {RT}::IdlType as _;"
            );
            c.render(out, depth + 1);
            let _ = writeln!(out, "{pad}}}");
        }
    }
}

struct Gen<'r> {
    repo: &'r Repository,
    decls: &'r [Decl],
    supported: HashMap<usize, bool>,
    tmp: usize,
}

const RT: &str = "::corba_idl_rt";
const TC: &str = "::corba_typecode";

impl Gen<'_> {
    fn fresh(&mut self) -> String {
        self.tmp += 1;
        format!("__x{}", self.tmp)
    }

    /// Rust module path segments of the scope holding declaration `d`.
    fn module_path(&self, d: usize) -> Vec<String> {
        let mut segs = Vec::new();
        let mut p = self.decls[d].parent;
        while p != 0 {
            let decl = &self.decls[p];
            let name = rust_ident(decl.name());
            segs.push(if matches!(decl.kind, DeclKind::Module) {
                name
            } else {
                format!("{}_", plain(&name))
            });
            p = decl.parent;
        }
        segs.reverse();
        segs
    }

    /// The path of `d` from the generated code's root (`self::A::B`),
    /// usable from any module of it through `from_depth` `super::`s.
    fn path_from(&self, d: usize, from_depth: usize) -> String {
        let mut s = String::new();
        if from_depth == 0 {
            s.push_str("self::");
        }
        for _ in 0..from_depth {
            s.push_str("super::");
        }
        for m in self.module_path(d) {
            s.push_str(&m);
            s.push_str("::");
        }
        s.push_str(&rust_ident(self.decls[d].name()));
        s
    }

    fn tc_fn_path(&self, d: usize, from_depth: usize) -> String {
        let p = self.path_from(d, from_depth);
        let (head, name) = p.rsplit_once("::").unwrap_or(("", &p));
        format!("{head}::__tc_{}", plain(name))
    }

    fn is_newtype(&self, d: usize) -> bool {
        matches!(
            &self.decls[d].kind,
            DeclKind::Typedef {
                ty: Type::Sequence(..) | Type::Array(..)
            }
        )
    }

    /// Whether `d` gets an `IdlType` impl of its own.
    fn is_idl_type(&self, d: usize) -> bool {
        matches!(
            self.decls[d].kind,
            DeclKind::Struct { fields: Some(_) }
                | DeclKind::Exception { .. }
                | DeclKind::Enum { .. }
                | DeclKind::Union { body: Some(_) }
        ) || self.is_newtype(d)
    }

    fn supported_type(&mut self, t: &Type) -> bool {
        match t {
            Type::Prim(p) => !matches!(p, Prim::ValueBase),
            Type::String(_) | Type::WString(_) => true,
            Type::TypeCode => true,
            Type::Principal => false,
            Type::Fixed(..) => true,
            Type::Sequence(e, _) | Type::Array(e, _) => self.supported_type(e),
            Type::Named(d) => self.supported_decl(*d),
        }
    }

    fn supported_decl(&mut self, d: usize) -> bool {
        if let Some(&s) = self.supported.get(&d) {
            return s;
        }
        // Assume yes while looking (recursive types).
        self.supported.insert(d, true);
        let decls = self.decls;
        let ok = match &decls[d].kind {
            DeclKind::Struct { fields: Some(f) } | DeclKind::Exception { fields: f } => {
                f.iter().all(|f| self.supported_type(&f.ty))
            }
            DeclKind::Union {
                body: Some((disc, cases)),
            } => self.supported_type(disc) && cases.iter().all(|c| self.supported_type(&c.ty)),
            DeclKind::Enum { .. } => true,
            DeclKind::Typedef { ty } => self.supported_type(ty),
            // References go through the TypeCode-driven marshaller (local
            // interfaces cannot be marshalled at all).
            DeclKind::Interface { kind, .. } => *kind != crate::ast::InterfaceKind::Local,
            _ => false,
        };
        self.supported.insert(d, ok);
        ok
    }

    fn unsupported_reason(&self, d: usize) -> &'static str {
        match &self.decls[d].kind {
            DeclKind::Interface { .. } => "local interface (cannot be marshalled)",
            DeclKind::Value { .. } | DeclKind::ValueBox { .. } => "value type",
            DeclKind::Native => "native type",
            _ => "uses a value type, a local interface, Principal or a native type",
        }
    }

    fn run(&mut self) -> Result<String> {
        let mut root = Module::default();
        let mut registry: Vec<(String, usize, bool)> = Vec::new();
        for d in 1..self.decls.len() {
            let Some(tc) = self.repo.decl_type_code(d) else {
                continue;
            };
            let depth = self.module_path(d).len();
            let mut items = Vec::new();
            let name = rust_ident(self.decls[d].name());
            let scoped = self.decls[d].scoped_name();
            let tc_code = self.tc_expr(&tc, Some(d), depth);
            items.push(format!(
                "/// The TypeCode of `{scoped}` (`{}`).\n#[doc(hidden)]\npub fn __tc_{}() -> {TC}::TypeCode {{\n    static TC: ::std::sync::OnceLock<{TC}::TypeCode> = ::std::sync::OnceLock::new();\n    TC.get_or_init(|| {tc_code}).clone()\n}}",
                self.decls[d].repo_id,
                plain(&name)
            ));
            let mut has_impl = false;
            if self.supported_decl(d) {
                has_impl = self.is_idl_type(d);
                let code = match self.decls[d].kind.clone() {
                    DeclKind::Struct { fields: Some(f) } | DeclKind::Exception { fields: f } => {
                        self.gen_struct(d, &f, depth)
                    }
                    DeclKind::Enum { members } => self.gen_enum(d, &members),
                    DeclKind::Union {
                        body: Some((disc, cases)),
                    } => self.gen_union(d, &disc, &cases, depth),
                    DeclKind::Typedef { ty } => self.gen_typedef(d, &ty, depth),
                    _ => String::new(),
                };
                items.push(code);
            } else {
                items.push(format!(
                    "// `{scoped}` is not generated: {}.",
                    self.unsupported_reason(d)
                ));
            }
            let mut m = &mut root;
            for seg in self.module_path(d) {
                m = m.child(&seg);
            }
            m.items.extend(items);
            registry.push((scoped, d, has_impl));
        }
        let mut out = String::new();
        out.push_str("// Generated by corba-idl from IDL; do not edit.\n\n");
        root.render(&mut out, 0);
        // The registry.
        let names: Vec<String> = registry.iter().map(|(n, _, _)| format!("{n:?}")).collect();
        let _ = writeln!(out, "/// Scoped names of every type with a TypeCode, in declaration order.\npub const TYPE_NAMES: &[&str] = &[{}];\n", names.join(", "));
        let _ = writeln!(out, "/// The TypeCode of the type `name` (`Module::Type`).\npub fn type_code(name: &str) -> ::core::option::Option<{TC}::TypeCode> {{\n    match name.trim_start_matches(\"::\") {{");
        for (n, d, _) in &registry {
            let _ = writeln!(
                out,
                "        {n:?} => ::core::option::Option::Some({}()),",
                self.tc_fn_path(*d, 0)
            );
        }
        let _ = writeln!(
            out,
            "        _ => ::core::option::Option::None,\n    }}\n}}\n"
        );
        let _ = writeln!(out, "/// Converts `value` to the generated type `name` and encodes it with the compiled code; `None` if no such type was generated.\npub fn encode_value(name: &str, value: &{TC}::Value, enc: ::corba_cdr::Encoding) -> ::core::option::Option<::core::result::Result<::std::vec::Vec<u8>, {RT}::Error>> {{\n    fn go<T: {RT}::IdlType>(v: &{TC}::Value, enc: ::corba_cdr::Encoding) -> ::core::result::Result<::std::vec::Vec<u8>, {RT}::Error> {{ T::from_value(v)?.to_bytes(enc) }}\n    match name.trim_start_matches(\"::\") {{");
        for (n, d, has) in &registry {
            if *has {
                let _ = writeln!(
                    out,
                    "        {n:?} => ::core::option::Option::Some(go::<{}>(value, enc)),",
                    self.path_from(*d, 0)
                );
            }
        }
        let _ = writeln!(
            out,
            "        _ => ::core::option::Option::None,\n    }}\n}}\n"
        );
        let _ = writeln!(out, "/// Decodes a whole stream as the generated type `name` with the compiled code and converts it to a `Value`; `None` if no such type was generated.\npub fn decode_value(name: &str, bytes: &[u8], enc: ::corba_cdr::Encoding) -> ::core::option::Option<::core::result::Result<{TC}::Value, {RT}::Error>> {{\n    fn go<T: {RT}::IdlType>(b: &[u8], enc: ::corba_cdr::Encoding) -> ::core::result::Result<{TC}::Value, {RT}::Error> {{ ::core::result::Result::Ok(T::from_bytes(b, enc)?.to_value()) }}\n    match name.trim_start_matches(\"::\") {{");
        for (n, d, has) in &registry {
            if *has {
                let _ = writeln!(
                    out,
                    "        {n:?} => ::core::option::Option::Some(go::<{}>(bytes, enc)),",
                    self.path_from(*d, 0)
                );
            }
        }
        let _ = writeln!(
            out,
            "        _ => ::core::option::Option::None,\n    }}\n}}"
        );
        Ok(out)
    }
}
