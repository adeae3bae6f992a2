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

use crate::ast::Prim;
use crate::sema::{Decl, DeclKind, Type, UnionCase};
use crate::{Options, Repository, Result};
use corba_typecode::{TypeCode, TypeDesc};
use std::collections::HashMap;
use std::fmt::Write;
use std::path::Path;

mod into;

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

    // ------------------------------------------------------------ types

    fn prim_rust(p: Prim) -> &'static str {
        match p {
            Prim::Short => "i16",
            Prim::Long => "i32",
            Prim::LongLong => "i64",
            Prim::UShort => "u16",
            Prim::ULong => "u32",
            Prim::ULongLong => "u64",
            Prim::Float => "f32",
            Prim::Double => "f64",
            Prim::LongDouble => "::corba_cdr::LongDouble",
            Prim::Boolean => "bool",
            Prim::Char | Prim::Octet => "u8",
            Prim::WChar => "u16",
            Prim::Any | Prim::Object | Prim::ValueBase => "()",
        }
    }

    /// `long` -> `long`, for the rt helper names.
    fn prim_name(p: Prim) -> &'static str {
        match p {
            Prim::Short => "short",
            Prim::Long => "long",
            Prim::LongLong => "longlong",
            Prim::UShort => "ushort",
            Prim::ULong => "ulong",
            Prim::ULongLong => "ulonglong",
            Prim::Float => "float",
            Prim::Double => "double",
            Prim::Boolean => "boolean",
            Prim::Char => "char",
            Prim::Octet => "octet",
            Prim::WChar => "wchar",
            Prim::LongDouble => "longdouble",
            _ => "unsupported",
        }
    }

    /// Primitives with a compact `PrimSeq` form.
    fn has_prim_seq(p: Prim) -> bool {
        !matches!(
            p,
            Prim::WChar | Prim::LongDouble | Prim::Any | Prim::Object | Prim::ValueBase
        )
    }

    /// For object references: the TCKind to marshal them with.
    fn objref_kind(&self, t: &Type) -> Option<&'static str> {
        match t {
            Type::Prim(Prim::Object) => Some("OBJREF"),
            Type::Named(d) => match &self.decls[*d].kind {
                DeclKind::Interface {
                    kind: crate::ast::InterfaceKind::Abstract,
                    ..
                } => Some("ABSTRACT_INTERFACE"),
                DeclKind::Interface { .. } => Some("OBJREF"),
                _ => None,
            },
            _ => None,
        }
    }

    fn rust_type(&self, t: &Type, depth: usize) -> String {
        if self.objref_kind(t).is_some() {
            return format!("{TC}::ObjectRef");
        }
        match t {
            Type::Prim(Prim::Any) => format!("{TC}::Any"),
            Type::TypeCode => format!("{TC}::TypeCode"),
            Type::Prim(p) => Self::prim_rust(*p).to_owned(),
            Type::String(_) | Type::WString(_) => "::std::string::String".to_owned(),
            Type::Sequence(e, _) => format!("::std::vec::Vec<{}>", self.rust_type(e, depth)),
            Type::Array(e, dims) => {
                let mut s = self.rust_type(e, depth);
                for n in dims.iter().rev() {
                    s = format!("[{s}; {n}]");
                }
                s
            }
            Type::Named(d) => self.path_from(*d, depth),
            Type::Fixed(..) => "::corba_cdr::Fixed".to_owned(),
            Type::Principal => "()".to_owned(),
        }
    }

    /// Follows plain typedefs (not newtypes) to what the code works on.
    fn through_aliases(&self, t: &Type) -> Type {
        let mut t = t.clone();
        for _ in 0..256 {
            match &t {
                Type::Named(d) if !self.is_idl_type(*d) => match &self.decls[*d].kind {
                    DeclKind::Typedef { ty } => t = ty.clone(),
                    _ => return t,
                },
                _ => return t,
            }
        }
        t
    }

    // ------------------------------------------------------------ code for one type

    /// Statements writing `e` (an expression of type `&T`).
    fn enc(&mut self, t: &Type, e: &str) -> String {
        let t = self.through_aliases(t);
        if let Some(k) = self.objref_kind(&t) {
            return format!("{RT}::encode_objref(w, {e}, {TC}::TCKind::{k})?;");
        }
        match &t {
            Type::Prim(Prim::Any) => {
                return format!("{TC}::encode_any(w, {e}, &{TC}::EncodeOptions::spec())?;")
            }
            Type::TypeCode => {
                return format!("{TC}::encode_typecode(w, {e}, &{TC}::TcWriteOptions::spec())?;")
            }
            _ => {}
        }
        match &t {
            Type::Prim(p) => match p {
                Prim::Boolean => format!("w.write_bool(*{e});"),
                Prim::Char => format!("w.write_char(*{e});"),
                Prim::Octet => format!("w.write_octet(*{e});"),
                Prim::WChar => format!("w.write_wchar(*{e})?;"),
                Prim::LongDouble => format!("w.write_long_double(*{e});"),
                p => format!("w.write_{}(*{e});", Self::prim_name(*p)),
            },
            Type::String(b) => {
                let check = if *b > 0 {
                    format!("{RT}::check_bound({e}.chars().count(), {b}, w.len())?; ")
                } else {
                    String::new()
                };
                format!("{check}w.write_string({e})?;")
            }
            Type::WString(b) => {
                let check = if *b > 0 {
                    format!("{RT}::check_bound({e}.chars().count(), {b}, w.len())?; ")
                } else {
                    String::new()
                };
                format!("{check}w.write_wstring({e})?;")
            }
            Type::Sequence(el, b) => {
                let check = if *b > 0 {
                    format!("{RT}::check_bound({e}.len(), {b}, w.len())?; ")
                } else {
                    String::new()
                };
                let el = self.through_aliases(el);
                match el {
                    Type::Prim(Prim::Boolean) => format!("{check}w.write_bool_sequence(&{e}[..]);"),
                    Type::Prim(Prim::Char | Prim::Octet) => {
                        format!("{check}w.write_octet_sequence(&{e}[..]);")
                    }
                    Type::Prim(p) if Self::has_prim_seq(p) => {
                        format!("{check}w.write_sequence(&{e}[..]);")
                    }
                    el => {
                        let x = self.fresh();
                        let body = self.enc(&el, &x);
                        format!("{check}w.write_ulong({e}.len() as u32); for {x} in {e}.iter() {{ {body} }}")
                    }
                }
            }
            Type::Array(el, dims) => {
                let inner = if dims.len() > 1 {
                    Type::Array(el.clone(), dims[1..].to_vec())
                } else {
                    self.through_aliases(el)
                };
                match inner {
                    Type::Prim(Prim::Char | Prim::Octet) => format!("w.write_bytes(&{e}[..]);"),
                    Type::Prim(p) if Self::has_prim_seq(p) && p != Prim::Boolean => {
                        format!("w.write_slice(&{e}[..]);")
                    }
                    inner => {
                        let x = self.fresh();
                        let body = self.enc(&inner, &x);
                        format!("for {x} in {e}.iter() {{ {body} }}")
                    }
                }
            }
            Type::Named(_) => format!("{RT}::IdlType::encode({e}, w)?;"),
            Type::Fixed(d, sc) => {
                format!("{RT}::check_fixed({e}, {d}, {sc}, w.len())?; w.write_fixed({e});")
            }
            Type::TypeCode | Type::Principal => "compile_error!(\"unsupported\");".to_owned(),
        }
    }

    /// An expression reading a `T` (uses `r`, `depth` and `?`).
    fn dec(&mut self, t: &Type, depth: usize) -> String {
        let t = self.through_aliases(t);
        if let Some(k) = self.objref_kind(&t) {
            return format!("{RT}::decode_objref(r, {TC}::TCKind::{k})?");
        }
        match &t {
            Type::Prim(Prim::Any) => {
                return format!("{TC}::decode_any(r, &{TC}::DecodeOptions::spec())?")
            }
            Type::TypeCode => {
                return format!("{TC}::decode_typecode(r, &{TC}::DecodeOptions::spec())?")
            }
            _ => {}
        }
        match &t {
            Type::Prim(p) => match p {
                Prim::Boolean => "r.read_bool()?".into(),
                Prim::Char => "r.read_char()?".into(),
                Prim::Octet => "r.read_octet()?".into(),
                Prim::WChar => "r.read_wchar()?".into(),
                Prim::LongDouble => "r.read_long_double()?".into(),
                p => format!("r.read_{}()?", Self::prim_name(*p)),
            },
            Type::String(0) => "r.read_string()?".into(),
            Type::String(b) => format!("{RT}::read_string_bounded(r, {b})?"),
            Type::WString(0) => "r.read_wstring()?".into(),
            Type::WString(b) => format!("{RT}::read_wstring_bounded(r, {b})?"),
            Type::Sequence(el, b) => {
                let el = self.through_aliases(el);
                let bulk = match el {
                    Type::Prim(Prim::Boolean) => Some("r.read_bool_sequence()?".to_owned()),
                    Type::Prim(Prim::Char | Prim::Octet) => {
                        Some("r.read_octet_sequence()?.to_vec()".to_owned())
                    }
                    Type::Prim(p) if Self::has_prim_seq(p) => {
                        Some(format!("r.read_sequence::<{}>()?", Self::prim_rust(p)))
                    }
                    _ => None,
                };
                if let Some(bulk) = bulk {
                    if *b == 0 {
                        return bulk;
                    }
                    return format!(
                        "{{ let at = r.absolute_position(); let v = {bulk}; {RT}::check_bound(v.len(), {b}, at)?; v }}"
                    );
                }
                let min = match el {
                    Type::Prim(p) => match p {
                        Prim::Short | Prim::UShort | Prim::WChar => 2,
                        Prim::LongDouble => 16,
                        _ => 1,
                    },
                    _ => 1,
                };
                let item = self.dec(&el, depth);
                format!(
                    "{{ let at = r.absolute_position(); let n = r.read_count({min})?; {RT}::check_bound(n, {b}, at)?; \
                     let mut v = ::std::vec::Vec::with_capacity(n); for _ in 0..n {{ v.push({item}); }} v }}"
                )
            }
            Type::Array(el, dims) => {
                let inner = if dims.len() > 1 {
                    Type::Array(el.clone(), dims[1..].to_vec())
                } else {
                    (**el).clone()
                };
                let zero = self.zero(&inner, depth);
                let item = self.dec(&inner, depth);
                format!(
                    "{RT}::array_from::<_, {}>(|| {zero}, |_| ::core::result::Result::Ok({item}))?",
                    dims[0]
                )
            }
            Type::Named(_) => {
                let ty = self.rust_type(&t, depth);
                format!("<{ty} as {RT}::IdlType>::decode_at(r, depth + 1)?")
            }
            Type::Fixed(d, sc) => format!("r.read_fixed({d}, {sc})?"),
            Type::TypeCode | Type::Principal => "compile_error!(\"unsupported\")".to_owned(),
        }
    }

    /// An expression: the `Value` of `e` (of type `&T`).
    fn gen_to_value(&mut self, t: &Type, e: &str) -> String {
        let t = self.through_aliases(t);
        if self.objref_kind(&t).is_some() {
            return format!("{TC}::Value::ObjRef({e}.clone())");
        }
        match &t {
            Type::Prim(Prim::Any) => {
                return format!("{TC}::Value::Any(::std::boxed::Box::new({e}.clone()))")
            }
            Type::TypeCode => return format!("{TC}::Value::TypeCode({e}.clone())"),
            _ => {}
        }
        match &t {
            Type::Prim(Prim::WChar) => format!("{TC}::Value::WChar(*{e})"),
            Type::Prim(Prim::LongDouble) => format!("{TC}::Value::LongDouble(*{e})"),
            Type::Prim(p) => format!("{RT}::{}_to(*{e})", Self::prim_name(*p)),
            Type::String(_) => format!("{TC}::Value::String({e}.clone())"),
            Type::WString(_) => format!("{TC}::Value::WString({e}.clone())"),
            Type::Sequence(el, _) | Type::Array(el, _) => {
                let inner = match &t {
                    Type::Array(el, dims) if dims.len() > 1 => {
                        Type::Array(el.clone(), dims[1..].to_vec())
                    }
                    _ => self.through_aliases(el),
                };
                match inner {
                    Type::Prim(p) if Self::has_prim_seq(p) => {
                        format!("{RT}::{}_seq_to(&{e}[..])", Self::prim_name(p))
                    }
                    inner => {
                        let x = self.fresh();
                        let item = self.gen_to_value(&inner, &x);
                        format!("{TC}::Value::Seq({e}.iter().map(|{x}| {item}).collect())")
                    }
                }
            }
            Type::Named(_) => format!("{RT}::IdlType::to_value({e})"),
            Type::Fixed(..) => format!("{TC}::Value::Fixed(*{e})"),
            Type::TypeCode | Type::Principal => "compile_error!(\"unsupported\")".to_owned(),
        }
    }

    /// An expression of type `Result<T, Error>` from `v` (of type `&Value`).
    fn gen_from_value(&mut self, t: &Type, v: &str, depth: usize) -> String {
        let t = self.through_aliases(t);
        if self.objref_kind(&t).is_some() {
            return format!("{RT}::objref_from({v})");
        }
        match &t {
            Type::Prim(Prim::Any) => return format!("{RT}::any_from({v})"),
            Type::TypeCode => return format!("{RT}::typecode_from({v})"),
            _ => {}
        }
        match &t {
            Type::Prim(p) => format!("{RT}::{}_from({v})", Self::prim_name(*p)),
            Type::String(_) => format!("{RT}::string_from({v})"),
            Type::WString(_) => format!("{RT}::wstring_from({v})"),
            Type::Sequence(el, _) => self.vec_from_value(el, v, depth),
            Type::Array(el, dims) => {
                let inner = if dims.len() > 1 {
                    Type::Array(el.clone(), dims[1..].to_vec())
                } else {
                    (**el).clone()
                };
                let vec = self.vec_from_value(&inner, v, depth);
                let zero = self.zero(&inner, depth);
                format!(
                    "({vec}).and_then(|v| {RT}::to_array::<_, {}>(v, || {zero}))",
                    dims[0]
                )
            }
            Type::Named(_) => {
                let ty = self.rust_type(&t, depth);
                format!("<{ty} as {RT}::IdlType>::from_value({v})")
            }
            Type::Fixed(d, sc) => format!("{RT}::fixed_from({v}, {d}, {sc})"),
            Type::TypeCode | Type::Principal => "compile_error!(\"unsupported\")".to_owned(),
        }
    }

    fn vec_from_value(&mut self, el: &Type, v: &str, depth: usize) -> String {
        match self.through_aliases(el) {
            Type::Prim(p) if Self::has_prim_seq(p) => {
                format!("{RT}::{}_seq_from({v})", Self::prim_name(p))
            }
            el => {
                let x = self.fresh();
                let item = self.gen_from_value(&el, &x, depth);
                format!(
                    "{RT}::seq_from({v}).and_then(|items| items.iter().enumerate().map(|(i, {x})| ({item}).map_err(|e| e.at_index(i))).collect::<::core::result::Result<::std::vec::Vec<_>, {RT}::Error>>())"
                )
            }
        }
    }

    /// An expression: the zero value of `T`.
    fn zero(&mut self, t: &Type, depth: usize) -> String {
        let t = self.through_aliases(t);
        if self.objref_kind(&t).is_some() {
            return format!("{TC}::ObjectRef::default()");
        }
        match &t {
            Type::Prim(Prim::Any) => return format!("{RT}::any_zero()"),
            Type::TypeCode => return format!("{TC}::TypeCode::basic({TC}::TCKind::NULL)"),
            _ => {}
        }
        match &t {
            Type::Prim(Prim::Boolean) => "false".into(),
            Type::Prim(Prim::Float | Prim::Double) => "0.0".into(),
            Type::Prim(Prim::LongDouble) => "::corba_cdr::LongDouble(0)".into(),
            Type::Prim(_) => "0".into(),
            Type::String(_) | Type::WString(_) => "::std::string::String::new()".into(),
            Type::Sequence(..) => "::std::vec::Vec::new()".into(),
            Type::Array(el, dims) => {
                let inner = if dims.len() > 1 {
                    Type::Array(el.clone(), dims[1..].to_vec())
                } else {
                    (**el).clone()
                };
                format!("::core::array::from_fn(|_| {})", self.zero(&inner, depth))
            }
            Type::Named(_) => format!("<{} as {RT}::IdlType>::zero()", self.rust_type(&t, depth)),
            Type::Fixed(d, sc) => format!("{RT}::fixed_zero({d}, {sc})"),
            Type::TypeCode | Type::Principal => "()".into(),
        }
    }

    // ------------------------------------------------------------ TypeCodes

    /// A Rust expression that builds `tc`; named parts that are whole
    /// TypeCodes of other declarations call their functions, so that they
    /// are shared (`Arc`), as a stub compiler's static TypeCodes are.
    fn tc_expr(&self, tc: &TypeCode, own: Option<usize>, depth: usize) -> String {
        if let Some(id) = tc.id() {
            if !matches!(tc.desc(), TypeDesc::Recursive { .. }) {
                if let Some(d) = self.decl_by_tc(id, tc) {
                    if Some(d) != own {
                        return format!("{}()", self.tc_fn_path(d, depth));
                    }
                }
            }
        }
        let s = |x: &str| format!("{x:?}.to_owned()");
        // Member names are `corba_typecode::Name`s.
        let nm = |x: &str| format!("{TC}::Name::new({x:?})");
        let kind = |k: corba_typecode::TCKind| format!("{TC}::TCKind({})", k.0);
        match tc.desc() {
            TypeDesc::Basic(k) => format!("{TC}::TypeCode::basic({})", kind(*k)),
            TypeDesc::String { bound } => {
                format!("{TC}::TypeCode::new({TC}::TypeDesc::String {{ bound: {bound} }})")
            }
            TypeDesc::WString { bound } => {
                format!("{TC}::TypeCode::new({TC}::TypeDesc::WString {{ bound: {bound} }})")
            }
            TypeDesc::Fixed { digits, scale } => {
                format!("{TC}::TypeCode::new({TC}::TypeDesc::Fixed {{ digits: {digits}, scale: {scale} }})")
            }
            TypeDesc::Interface { kind: k, id, name } => format!(
                "{TC}::TypeCode::new({TC}::TypeDesc::Interface {{ kind: {}, id: {}, name: {} }})",
                kind(*k),
                s(id),
                s(name)
            ),
            TypeDesc::Struct {
                kind: k,
                id,
                name,
                members,
            } => {
                let ms: Vec<String> = members
                    .iter()
                    .map(|m| {
                        format!(
                            "{TC}::StructMember {{ name: {}, tc: {} }}",
                            nm(&m.name),
                            self.tc_expr(&m.tc, None, depth)
                        )
                    })
                    .collect();
                format!(
                    "{TC}::TypeCode::new({TC}::TypeDesc::Struct {{ kind: {}, id: {}, name: {}, members: vec![{}] }})",
                    kind(*k),
                    s(id),
                    s(name),
                    ms.join(", ")
                )
            }
            TypeDesc::Union {
                id,
                name,
                discriminator,
                default_index,
                members,
            } => {
                let ms: Vec<String> = members
                    .iter()
                    .map(|m| {
                        format!(
                            "{TC}::UnionMember {{ label: {}, name: {}, tc: {} }}",
                            m.label,
                            nm(&m.name),
                            self.tc_expr(&m.tc, None, depth)
                        )
                    })
                    .collect();
                format!(
                    "{TC}::TypeCode::new({TC}::TypeDesc::Union {{ id: {}, name: {}, discriminator: {}, default_index: {default_index}, members: vec![{}] }})",
                    s(id),
                    s(name),
                    self.tc_expr(discriminator, None, depth),
                    ms.join(", ")
                )
            }
            TypeDesc::Enum { id, name, members } => {
                let ms: Vec<String> = members.iter().map(|m| nm(m)).collect();
                format!(
                    "{TC}::TypeCode::new({TC}::TypeDesc::Enum {{ id: {}, name: {}, members: vec![{}] }})",
                    s(id),
                    s(name),
                    ms.join(", ")
                )
            }
            TypeDesc::Sequence { element, bound } => format!(
                "{TC}::TypeCode::new({TC}::TypeDesc::Sequence {{ element: {}, bound: {bound} }})",
                self.tc_expr(element, None, depth)
            ),
            TypeDesc::Array { element, length } => format!(
                "{TC}::TypeCode::new({TC}::TypeDesc::Array {{ element: {}, length: {length} }})",
                self.tc_expr(element, None, depth)
            ),
            TypeDesc::Alias { id, name, content } => format!(
                "{TC}::TypeCode::new({TC}::TypeDesc::Alias {{ id: {}, name: {}, content: {} }})",
                s(id),
                s(name),
                self.tc_expr(content, None, depth)
            ),
            TypeDesc::Value {
                kind: k,
                id,
                name,
                modifier,
                concrete_base,
                members,
            } => {
                let base = match concrete_base {
                    Some(b) => format!(
                        "::core::option::Option::Some({})",
                        self.tc_expr(b, None, depth)
                    ),
                    None => "::core::option::Option::None".to_owned(),
                };
                let ms: Vec<String> = members
                    .iter()
                    .map(|m| {
                        format!(
                            "{TC}::ValueMember {{ name: {}, tc: {}, visibility: {TC}::Visibility({}) }}",
                            nm(&m.name),
                            self.tc_expr(&m.tc, None, depth),
                            m.visibility.0
                        )
                    })
                    .collect();
                format!(
                    "{TC}::TypeCode::new({TC}::TypeDesc::Value {{ kind: {}, id: {}, name: {}, modifier: {TC}::ValueModifier({}), concrete_base: {base}, members: vec![{}] }})",
                    kind(*k),
                    s(id),
                    s(name),
                    modifier.0,
                    ms.join(", ")
                )
            }
            TypeDesc::ValueBox { id, name, content } => format!(
                "{TC}::TypeCode::new({TC}::TypeDesc::ValueBox {{ id: {}, name: {}, content: {} }})",
                s(id),
                s(name),
                self.tc_expr(content, None, depth)
            ),
            TypeDesc::Recursive { id } => format!(
                "{TC}::TypeCode::new({TC}::TypeDesc::Recursive {{ id: {} }})",
                s(id)
            ),
        }
    }

    /// The declaration whose own TypeCode is exactly `tc`.
    fn decl_by_tc(&self, id: &str, tc: &TypeCode) -> Option<usize> {
        self.decls
            .iter()
            .enumerate()
            .filter(|(_, d)| d.repo_id == id)
            .map(|(i, _)| i)
            .find(|&i| self.repo.decl_type_code(i).as_ref() == Some(tc))
    }

    // ------------------------------------------------------------ declarations

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

    fn impl_head(&self, d: usize) -> String {
        let name = rust_ident(self.decls[d].name());
        format!("impl {RT}::IdlType for {name} {{\n    fn type_code() -> {TC}::TypeCode {{ __tc_{}() }}\n", plain(&name))
    }

    fn gen_struct(&mut self, d: usize, fields: &[crate::sema::Field], depth: usize) -> String {
        let name = rust_ident(self.decls[d].name());
        let mut s = String::new();
        let kind = if matches!(self.decls[d].kind, DeclKind::Exception { .. }) {
            "exception"
        } else {
            "struct"
        };
        let _ = writeln!(s, "/// IDL {kind} `{}`.", self.decls[d].scoped_name());
        let _ = writeln!(
            s,
            "#[derive(Clone, Debug, PartialEq)]\n#[allow(non_snake_case)]\npub struct {name} {{"
        );
        for f in fields {
            let _ = writeln!(
                s,
                "    pub {}: {},",
                rust_ident(&f.name),
                self.rust_type(&f.ty, depth)
            );
        }
        s.push_str("}\n\n");
        s.push_str(&self.impl_head(d));
        // encode
        s.push_str(&format!("    #[inline]\n    fn encode<W: ::corba_cdr::Sink>(&self, w: &mut ::corba_cdr::Writer<W>) -> ::core::result::Result<(), {RT}::Error> {{\n"));
        let id = self.decls[d].repo_id.clone();
        if kind == "exception" {
            // An exception starts with its repository id (§9.3.2.9).
            let _ = writeln!(s, "        w.write_string({id:?})?;");
        }
        self.enc_fields(&mut s, fields);
        s.push_str("        ::core::result::Result::Ok(())\n    }\n");
        // decode
        s.push_str(&format!("    fn decode_at(r: &mut ::corba_cdr::Reader<'_>, depth: u32) -> ::core::result::Result<Self, {RT}::Error> {{\n"));
        let _ = writeln!(s, "        {RT}::check_depth(r, depth)?;");
        if kind == "exception" {
            let _ = writeln!(s, "        {RT}::expect_repository_id(r, {id:?})?;");
        }
        let _ = writeln!(s, "        ::core::result::Result::Ok({name} {{");
        for f in fields {
            let _ = writeln!(
                s,
                "            {}: {},",
                rust_ident(&f.name),
                self.dec(&f.ty, depth)
            );
        }
        s.push_str("        })\n    }\n");
        // decode_into_at (an exception keeps the trait's default, which
        // checks its repository id through decode_at)
        if kind != "exception" {
            s.push_str(&format!("    #[inline]\n    fn decode_into_at(&mut self, r: &mut ::corba_cdr::Reader<'_>, depth: u32) -> ::core::result::Result<(), {RT}::Error> {{\n"));
            let _ = writeln!(s, "        {RT}::check_depth(r, depth)?;");
            for f in fields {
                let place = format!("(&mut self.{})", rust_ident(&f.name));
                let _ = writeln!(s, "        {}", self.dec_into(&f.ty, &place, depth));
            }
            s.push_str("        ::core::result::Result::Ok(())\n    }\n");
        }
        // to_value
        let _ = writeln!(
            s,
            "    fn to_value(&self) -> {TC}::Value {{\n        {TC}::Value::Struct(vec!["
        );
        for f in fields {
            let e = format!("(&self.{})", rust_ident(&f.name));
            let _ = writeln!(s, "            {},", self.gen_to_value(&f.ty, &e));
        }
        s.push_str("        ])\n    }\n");
        // from_value
        let _ = writeln!(
            s,
            "    fn from_value(v: &{TC}::Value) -> ::core::result::Result<Self, {RT}::Error> {{\n        let m = {RT}::struct_from(v, {})?;\n        ::core::result::Result::Ok({name} {{",
            fields.len()
        );
        for (i, f) in fields.iter().enumerate() {
            let fv = self.gen_from_value(&f.ty, &format!("(&m[{i}])"), depth);
            let _ = writeln!(
                s,
                "            {}: ({fv}).map_err(|e| e.within({:?}))?,",
                rust_ident(&f.name),
                f.name
            );
        }
        s.push_str("        })\n    }\n");
        // zero
        let _ = writeln!(s, "    fn zero() -> Self {{\n        {name} {{");
        for f in fields {
            let _ = writeln!(
                s,
                "            {}: {},",
                rust_ident(&f.name),
                self.zero(&f.ty, depth)
            );
        }
        s.push_str("        }\n    }\n}");
        s
    }

    /// Size of `t` when it is a primitive a [`corba_cdr::FixedRun`] writes,
    /// and whether it is a boolean.
    fn run_prim(&self, t: &Type) -> Option<(usize, bool)> {
        match self.through_aliases(t) {
            Type::Prim(Prim::Boolean) => Some((1, true)),
            Type::Prim(Prim::Char | Prim::Octet) => Some((1, false)),
            Type::Prim(Prim::Short | Prim::UShort) => Some((2, false)),
            Type::Prim(Prim::Long | Prim::ULong | Prim::Float) => Some((4, false)),
            Type::Prim(Prim::LongLong | Prim::ULongLong | Prim::Double) => Some((8, false)),
            _ => None,
        }
    }

    /// A struct's member encoders (uses `w` and `?`). Two or more
    /// consecutive fixed-size primitives go through one
    /// [`corba_cdr::Writer::fixed_run`] block: aligned as each member
    /// alone would be (§9.3.1.1), appended with one bounds check.
    fn enc_fields(&mut self, s: &mut String, fields: &[crate::sema::Field]) {
        let mut i = 0;
        while i < fields.len() {
            let run: Vec<(usize, bool)> = fields[i..]
                .iter()
                .map_while(|f| self.run_prim(&f.ty))
                .collect();
            if run.len() >= 2 {
                let n: usize = run.iter().map(|(size, _)| 2 * size - 1).sum();
                let _ = writeln!(s, "        {{ let mut run = w.fixed_run::<{n}>();");
                for (f, (_, boolean)) in fields[i..].iter().zip(&run) {
                    let put = if *boolean { "put_bool" } else { "put" };
                    let _ = writeln!(s, "          run.{put}(self.{});", rust_ident(&f.name));
                }
                s.push_str("          run.finish(); }\n");
                i += run.len();
                continue;
            }
            let f = &fields[i];
            let e = format!("(&self.{})", rust_ident(&f.name));
            let _ = writeln!(s, "        {}", self.enc(&f.ty, &e));
            i += 1;
        }
    }

    fn gen_enum(&mut self, d: usize, members: &[String]) -> String {
        let name = rust_ident(self.decls[d].name());
        let mut s = String::new();
        let _ = writeln!(s, "/// IDL enum `{}`.", self.decls[d].scoped_name());
        let _ = writeln!(
            s,
            "#[repr(u32)]\n#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]\n#[allow(non_camel_case_types)]\npub enum {name} {{"
        );
        for (i, m) in members.iter().enumerate() {
            let _ = writeln!(s, "    {} = {i},", rust_ident(m));
        }
        s.push_str("}\n\n");
        let all: Vec<String> = members
            .iter()
            .map(|m| format!("{name}::{}", rust_ident(m)))
            .collect();
        let _ = writeln!(
            s,
            "impl {name} {{\n    /// Every enumerator, in order.\n    pub const ALL: [{name}; {}] = [{}];\n    /// The enumerator with ordinal `v`.\n    pub fn from_u32(v: u32) -> ::core::option::Option<{name}> {{\n        Self::ALL.get(v as usize).copied()\n    }}\n}}\n",
            members.len(),
            all.join(", ")
        );
        s.push_str(&self.impl_head(d));
        let _ = writeln!(s, "    #[inline]\n    fn encode<W: ::corba_cdr::Sink>(&self, w: &mut ::corba_cdr::Writer<W>) -> ::core::result::Result<(), {RT}::Error> {{\n        w.write_enum(*self as u32);\n        ::core::result::Result::Ok(())\n    }}");
        let _ = writeln!(s, "    fn decode_at(r: &mut ::corba_cdr::Reader<'_>, _depth: u32) -> ::core::result::Result<Self, {RT}::Error> {{\n        let offset = r.absolute_position();\n        let value = r.read_enum()?;\n        {name}::from_u32(value).ok_or({RT}::Error::InvalidEnum {{ value, offset }})\n    }}");
        let _ = writeln!(s, "    fn to_value(&self) -> {TC}::Value {{\n        {TC}::Value::Enum(*self as u32)\n    }}");
        let _ = writeln!(s, "    fn from_value(v: &{TC}::Value) -> ::core::result::Result<Self, {RT}::Error> {{\n        let o = {RT}::enum_from(v)?;\n        {name}::from_u32(o).ok_or_else(|| {RT}::Error::Value {{ path: ::core::default::Default::default(), message: format!(\"enum ordinal {{o}} out of range\") }})\n    }}");
        let _ = writeln!(
            s,
            "    fn zero() -> Self {{\n        {}\n    }}\n}}",
            all[0]
        );
        s
    }

    /// The Rust pattern/expression for label `v` of discriminator `disc`.
    fn label_lit(&self, disc: &Type, v: i128, depth: usize) -> String {
        match self.through_aliases(disc) {
            Type::Prim(Prim::Boolean) => (v != 0).to_string(),
            Type::Named(e) => match &self.decls[e].kind {
                DeclKind::Enum { members } => {
                    format!(
                        "{}::{}",
                        self.path_from(e, depth),
                        rust_ident(&members[v as usize])
                    )
                }
                _ => v.to_string(),
            },
            _ => v.to_string(),
        }
    }

    /// A discriminator value that no label uses, if there is one.
    fn free_label(&self, disc: &Type, cases: &[UnionCase]) -> Option<i128> {
        let used: Vec<i128> = cases
            .iter()
            .flat_map(|c| c.labels.iter().flatten().copied())
            .collect();
        let range: Box<dyn Iterator<Item = i128>> = match self.through_aliases(disc) {
            Type::Prim(Prim::Boolean) => Box::new(0..2),
            Type::Named(e) => match &self.decls[e].kind {
                DeclKind::Enum { members } => Box::new(0..members.len() as i128),
                _ => Box::new(0..0),
            },
            Type::Prim(Prim::Char | Prim::Octet) => Box::new(0..256),
            _ => Box::new(0..i128::from(u16::MAX)),
        };
        range.into_iter().find(|v| !used.contains(v))
    }

    fn gen_union(&mut self, d: usize, disc: &Type, cases: &[UnionCase], depth: usize) -> String {
        let name = rust_ident(self.decls[d].name());
        let disc_ty = self.rust_type(disc, depth);
        let has_default = cases.iter().any(|c| c.labels.contains(&None));
        let free = self.free_label(disc, cases);
        let unselected = !has_default && free.is_some();
        let single = |c: &UnionCase| c.labels.len() == 1 && c.labels[0].is_some();
        let mut s = String::new();
        let _ = writeln!(s, "/// IDL union `{}`.", self.decls[d].scoped_name());
        let _ = writeln!(s, "#[derive(Clone, Debug, PartialEq)]\n#[allow(non_camel_case_types)]\npub enum {name} {{");
        for c in cases {
            let t = self.rust_type(&c.ty, depth);
            if single(c) {
                let _ = writeln!(s, "    {}({t}),", rust_ident(&c.name));
            } else {
                let _ = writeln!(s, "    {}({disc_ty}, {t}),", rust_ident(&c.name));
            }
        }
        if unselected {
            let _ = writeln!(s, "    /// No member: the discriminator matches no label.\n    __Unselected({disc_ty}),");
        }
        s.push_str("}\n\n");
        s.push_str(&self.impl_head(d));
        // encode
        let disc_enc = |g: &mut Self, e: &str| g.enc(disc, e);
        let _ = writeln!(s, "    #[inline]\n    fn encode<W: ::corba_cdr::Sink>(&self, w: &mut ::corba_cdr::Writer<W>) -> ::core::result::Result<(), {RT}::Error> {{\n        match self {{");
        for c in cases {
            let v = rust_ident(&c.name);
            let body = self.enc(&c.ty, "__x");
            if single(c) {
                let lit = self.label_lit(disc, c.labels[0].unwrap_or(0), depth);
                let de = disc_enc(self, &format!("(&{lit})"));
                let _ = writeln!(s, "            {name}::{v}(__x) => {{ {de} {body} }}");
            } else {
                // The discriminator must select this member: one of its
                // labels, or (for the default) none of the others'.
                let own: Vec<String> = c
                    .labels
                    .iter()
                    .flatten()
                    .map(|l| self.label_lit(disc, *l, depth))
                    .collect();
                let check = if c.labels.contains(&None) {
                    let others: Vec<String> = cases
                        .iter()
                        .filter(|o| o.name != c.name)
                        .flat_map(|o| o.labels.iter().flatten())
                        .map(|l| self.label_lit(disc, *l, depth))
                        .collect();
                    if others.is_empty() {
                        String::new()
                    } else {
                        format!("if matches!(*__d, {}) {{ return ::core::result::Result::Err({RT}::Error::wrong_discriminator({:?}, w.len())); }} ", others.join(" | "), c.name)
                    }
                } else {
                    format!("if !matches!(*__d, {}) {{ return ::core::result::Result::Err({RT}::Error::wrong_discriminator({:?}, w.len())); }} ", own.join(" | "), c.name)
                };
                let de = disc_enc(self, "__d");
                let _ = writeln!(
                    s,
                    "            {name}::{v}(__d, __x) => {{ {check}{de} {body} }}"
                );
            }
        }
        if unselected {
            let all: Vec<String> = cases
                .iter()
                .flat_map(|o| o.labels.iter().flatten())
                .map(|l| self.label_lit(disc, *l, depth))
                .collect();
            let de = disc_enc(self, "__d");
            let _ = writeln!(s, "            {name}::__Unselected(__d) => {{ if matches!(*__d, {}) {{ return ::core::result::Result::Err({RT}::Error::wrong_discriminator(\"no member\", w.len())); }} {de} }}", all.join(" | "));
        }
        s.push_str("        }\n        ::core::result::Result::Ok(())\n    }\n");
        // decode
        let dd = self.dec(disc, depth);
        let _ = writeln!(s, "    #[allow(unreachable_patterns)]\n    fn decode_at(r: &mut ::corba_cdr::Reader<'_>, depth: u32) -> ::core::result::Result<Self, {RT}::Error> {{\n        {RT}::check_depth(r, depth)?;\n        let __d: {disc_ty} = {dd};\n        ::core::result::Result::Ok(match __d {{");
        let mut default_arm = None;
        for c in cases {
            let v = rust_ident(&c.name);
            let item = self.dec(&c.ty, depth);
            let pats: Vec<String> = c
                .labels
                .iter()
                .flatten()
                .map(|l| self.label_lit(disc, *l, depth))
                .collect();
            let ctor = if single(c) {
                format!("{name}::{v}({item})")
            } else {
                format!("{name}::{v}(__d, {item})")
            };
            if c.labels.contains(&None) {
                default_arm = Some(ctor.clone());
            }
            if !pats.is_empty() {
                let _ = writeln!(s, "            {} => {ctor},", pats.join(" | "));
            }
        }
        if let Some(a) = default_arm {
            let _ = writeln!(s, "            _ => {a},");
        } else if unselected {
            let _ = writeln!(s, "            _ => {name}::__Unselected(__d),");
        }
        s.push_str("        })\n    }\n");
        let into = self.union_into(&name, disc, cases, unselected, depth);
        s.push_str(&into);
        // to_value
        let dv = |g: &mut Self, e: &str| g.gen_to_value(disc, e);
        let _ = writeln!(
            s,
            "    fn to_value(&self) -> {TC}::Value {{\n        match self {{"
        );
        for c in cases {
            let v = rust_ident(&c.name);
            let item = self.gen_to_value(&c.ty, "__x");
            if single(c) {
                let lit = self.label_lit(disc, c.labels[0].unwrap_or(0), depth);
                let dval = dv(self, &format!("(&{lit})"));
                let _ = writeln!(s, "            {name}::{v}(__x) => {TC}::Value::Union {{ discriminator: ::std::boxed::Box::new({dval}), member: ::core::option::Option::Some(::std::boxed::Box::new({item})) }},");
            } else {
                let dval = dv(self, "__d");
                let _ = writeln!(s, "            {name}::{v}(__d, __x) => {TC}::Value::Union {{ discriminator: ::std::boxed::Box::new({dval}), member: ::core::option::Option::Some(::std::boxed::Box::new({item})) }},");
            }
        }
        if unselected {
            let dval = dv(self, "__d");
            let _ = writeln!(s, "            {name}::__Unselected(__d) => {TC}::Value::Union {{ discriminator: ::std::boxed::Box::new({dval}), member: ::core::option::Option::None }},");
        }
        s.push_str("        }\n    }\n");
        // from_value
        let df = self.gen_from_value(disc, "dv", depth);
        let _ = writeln!(s, "    #[allow(unreachable_patterns)]\n    fn from_value(v: &{TC}::Value) -> ::core::result::Result<Self, {RT}::Error> {{\n        let (dv, mv) = {RT}::union_from(v)?;\n        let __d: {disc_ty} = ({df}).map_err(|e| e.within(\"discriminator\"))?;\n        ::core::result::Result::Ok(match __d {{");
        let mut default_arm = None;
        for c in cases {
            let v = rust_ident(&c.name);
            let item = self.gen_from_value(&c.ty, "m", depth);
            let item = format!(
                "{{ let m = {RT}::union_member(mv)?; ({item}).map_err(|e| e.within({:?}))? }}",
                c.name
            );
            let pats: Vec<String> = c
                .labels
                .iter()
                .flatten()
                .map(|l| self.label_lit(disc, *l, depth))
                .collect();
            let ctor = if single(c) {
                format!("{name}::{v}({item})")
            } else {
                format!("{name}::{v}(__d, {item})")
            };
            if c.labels.contains(&None) {
                default_arm = Some(ctor.clone());
            }
            if !pats.is_empty() {
                let _ = writeln!(s, "            {} => {ctor},", pats.join(" | "));
            }
        }
        if let Some(a) = default_arm {
            let _ = writeln!(s, "            _ => {a},");
        } else if unselected {
            let _ = writeln!(s, "            _ => {name}::__Unselected(__d),");
        }
        s.push_str("        })\n    }\n");
        // zero: the first member.
        let c = &cases[0];
        let z = self.zero(&c.ty, depth);
        let v = rust_ident(&c.name);
        let zero = if single(c) {
            format!("{name}::{v}({z})")
        } else {
            let l = c
                .labels
                .iter()
                .flatten()
                .next()
                .copied()
                .or(free)
                .unwrap_or(0);
            format!("{name}::{v}({}, {z})", self.label_lit(disc, l, depth))
        };
        let _ = writeln!(s, "    fn zero() -> Self {{\n        {zero}\n    }}\n}}");
        s
    }

    fn gen_typedef(&mut self, d: usize, ty: &Type, depth: usize) -> String {
        let name = rust_ident(self.decls[d].name());
        let rt = self.rust_type(ty, depth);
        let scoped = self.decls[d].scoped_name();
        if !self.is_newtype(d) {
            return format!("/// IDL typedef `{scoped}`.\npub type {name} = {rt};");
        }
        let mut s = String::new();
        let _ = writeln!(s, "/// IDL typedef `{scoped}`.\n#[derive(Clone, Debug, PartialEq)]\npub struct {name}(pub {rt});\n");
        s.push_str(&self.impl_head(d));
        let enc = self.enc(ty, "(&self.0)");
        let _ = writeln!(s, "    #[inline]\n    fn encode<W: ::corba_cdr::Sink>(&self, w: &mut ::corba_cdr::Writer<W>) -> ::core::result::Result<(), {RT}::Error> {{\n        {enc}\n        ::core::result::Result::Ok(())\n    }}");
        let dec = self.dec(ty, depth);
        let _ = writeln!(s, "    fn decode_at(r: &mut ::corba_cdr::Reader<'_>, depth: u32) -> ::core::result::Result<Self, {RT}::Error> {{\n        {RT}::check_depth(r, depth)?;\n        ::core::result::Result::Ok({name}({dec}))\n    }}");
        let into = self.dec_into(ty, "(&mut self.0)", depth);
        let _ = writeln!(s, "    #[inline]\n    fn decode_into_at(&mut self, r: &mut ::corba_cdr::Reader<'_>, depth: u32) -> ::core::result::Result<(), {RT}::Error> {{\n        {RT}::check_depth(r, depth)?;\n        {into}\n        ::core::result::Result::Ok(())\n    }}");
        let tv = self.gen_to_value(ty, "(&self.0)");
        let _ = writeln!(
            s,
            "    fn to_value(&self) -> {TC}::Value {{\n        {tv}\n    }}"
        );
        let fv = self.gen_from_value(ty, "v", depth);
        let _ = writeln!(s, "    fn from_value(v: &{TC}::Value) -> ::core::result::Result<Self, {RT}::Error> {{\n        ::core::result::Result::Ok({name}({fv}?))\n    }}");
        let z = self.zero(ty, depth);
        let _ = writeln!(
            s,
            "    fn zero() -> Self {{\n        {name}({z})\n    }}\n}}"
        );
        s
    }
}
