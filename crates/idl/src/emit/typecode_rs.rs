//! Emits Rust source that builds the TypeCodes (CORBA 3.x Part 2 §9.3.5.1)
//! of every type of an IDL file with `corba_typecode`'s constructors: a
//! struct with one field per type and `build`/`all` functions. It is how
//! `crates/typecode/src/corpus/generated.rs` is made from
//! `corpus/idl/bench.idl` (corba-typecode cannot build-depend on corba-idl,
//! which depends on it, so the output is checked in).
//!
//! A member whose TypeCode is one of the file's named types refers to that
//! type's value (`point.clone()`), so the TypeCodes share their `Arc`s as a
//! stub compiler's static TypeCodes would.

use crate::{Error, Repository, Result};
use corba_typecode::{TCKind, TypeCode, TypeDesc};
use std::fmt::Write;

/// The command that regenerates the checked-in corpus TypeCodes.
pub const REGENERATE: &str = "GIOPBENCH_REGENERATE=1 cargo test -j1 -p corba-idl --lib emit::";

/// `LineItemSeq` -> `line_item_seq`, `Wide50` -> `wide50`.
pub fn snake_case(name: &str) -> String {
    let mut out = String::new();
    let mut prev_lower = false;
    for c in name.chars() {
        if c.is_ascii_uppercase() && prev_lower {
            out.push('_');
        }
        prev_lower = c.is_ascii_lowercase() || c.is_ascii_digit();
        out.push(c.to_ascii_lowercase());
    }
    out
}

struct Emitter<'a> {
    /// The unscoped name, field name and TypeCode of every type.
    types: Vec<(String, String, TypeCode)>,
    done: Vec<bool>,
    body: String,
    source: &'a str,
}

fn kind_const(k: TCKind) -> Result<String> {
    k.name()
        .and_then(|n| n.strip_prefix("tk_"))
        .map(|n| format!("TCKind::{}", n.to_ascii_uppercase()))
        .ok_or_else(|| Error::new(format!("no TCKind constant for {k:?}")))
}

fn string_lit(s: &str) -> String {
    format!("{s:?}")
}

impl Emitter<'_> {
    /// The expression for `tc`, emitting the `let` of a named type it
    /// refers to first.
    fn expr(&mut self, tc: &TypeCode, depth: usize) -> Result<String> {
        if depth > 64 {
            return Err(Error::new(format!(
                "{}: types nest too deeply",
                self.source
            )));
        }
        if tc.id().is_some() {
            if let Some(i) = self.types.iter().position(|(_, _, t)| t == tc) {
                self.define(i, depth + 1)?;
                return Ok(format!("{}.clone()", self.types[i].1));
            }
        }
        let d = depth + 1;
        Ok(match tc.desc() {
            TypeDesc::Basic(k) => format!("TypeCode::basic({})", kind_const(*k)?),
            TypeDesc::String { bound } => {
                format!("TypeCode::new(TypeDesc::String {{ bound: {bound} }})")
            }
            TypeDesc::WString { bound } => {
                format!("TypeCode::new(TypeDesc::WString {{ bound: {bound} }})")
            }
            TypeDesc::Fixed { digits, scale } => {
                format!("TypeCode::new(TypeDesc::Fixed {{ digits: {digits}, scale: {scale} }})")
            }
            TypeDesc::Struct {
                kind,
                id,
                name,
                members,
            } => {
                let mut m = String::new();
                for sm in members {
                    let e = self.expr(&sm.tc, d)?;
                    let _ = write!(m, "member({}, {e}), ", string_lit(&sm.name));
                }
                format!(
                    "TypeCode::new(TypeDesc::Struct {{ kind: {}, id: {}.into(), name: {}.into(), members: vec![{m}] }})",
                    kind_const(*kind)?,
                    string_lit(id),
                    string_lit(name)
                )
            }
            TypeDesc::Union {
                id,
                name,
                discriminator,
                default_index,
                members,
            } => {
                let disc = self.expr(discriminator, d)?;
                let mut m = String::new();
                for um in members {
                    let e = self.expr(&um.tc, d)?;
                    let _ = write!(
                        m,
                        "union_member({}, {}, {e}), ",
                        um.label,
                        string_lit(&um.name)
                    );
                }
                format!(
                    "TypeCode::new(TypeDesc::Union {{ id: {}.into(), name: {}.into(), discriminator: {disc}, default_index: {default_index}, members: vec![{m}] }})",
                    string_lit(id),
                    string_lit(name)
                )
            }
            TypeDesc::Enum { id, name, members } => {
                let names: Vec<String> = members
                    .iter()
                    .map(|n| format!("{}.into()", string_lit(n)))
                    .collect();
                format!(
                    "TypeCode::new(TypeDesc::Enum {{ id: {}.into(), name: {}.into(), members: vec![{}] }})",
                    string_lit(id),
                    string_lit(name),
                    names.join(", ")
                )
            }
            TypeDesc::Sequence { element, bound } => {
                let e = self.expr(element, d)?;
                format!("TypeCode::new(TypeDesc::Sequence {{ element: {e}, bound: {bound} }})")
            }
            TypeDesc::Array { element, length } => {
                let e = self.expr(element, d)?;
                format!("TypeCode::new(TypeDesc::Array {{ element: {e}, length: {length} }})")
            }
            TypeDesc::Alias { id, name, content } => {
                let e = self.expr(content, d)?;
                format!(
                    "TypeCode::new(TypeDesc::Alias {{ id: {}.into(), name: {}.into(), content: {e} }})",
                    string_lit(id),
                    string_lit(name)
                )
            }
            TypeDesc::Recursive { id } => {
                format!(
                    "TypeCode::new(TypeDesc::Recursive {{ id: {}.into() }})",
                    string_lit(id)
                )
            }
            _ => {
                return Err(Error::new(format!(
                    "{}: the TypeCode emitter does not handle {:?}",
                    self.source,
                    tc.kind()
                )))
            }
        })
    }

    /// Emits `let <field> = ...;` for type `i` once.
    fn define(&mut self, i: usize, depth: usize) -> Result<()> {
        if self.done[i] {
            return Ok(());
        }
        self.done[i] = true;
        let tc = self.types[i].2.clone();
        // The type itself is a named type: build its description, not a
        // reference to itself.
        let saved = std::mem::replace(&mut self.types[i].2, TypeCode::basic(TCKind::NULL));
        let e = self.expr(&tc, depth);
        self.types[i].2 = saved;
        let e = e?;
        let _ = writeln!(self.body, "        let {} = {e};", self.types[i].1);
        Ok(())
    }
}

/// The Rust source of `struct <type_struct>` (one `TypeCode` field per type
/// declared in the loaded file) with `build()` and `all()`.
pub fn emit(repo: &Repository, type_struct: &str, source: &str) -> Result<String> {
    let mut types = Vec::new();
    for (i, d) in repo.decls().iter().enumerate() {
        if !repo.in_main_file(i) {
            continue;
        }
        if let Some(tc) = repo.decl_type_code(i) {
            types.push((d.name().to_string(), snake_case(d.name()), tc));
        }
    }
    let mut e = Emitter {
        done: vec![false; types.len()],
        types,
        body: String::new(),
        source,
    };
    for i in 0..e.types.len() {
        e.define(i, 0)?;
    }
    let mut out = String::new();
    let _ = writeln!(
        out,
        "// @generated by corba_idl::emit::typecode_rs from {source}. Do not edit;\n\
         // regenerate with `{REGENERATE}`.\n"
    );
    out.push_str("use crate::{StructMember, TCKind, TypeCode, TypeDesc, UnionMember};\n\n");
    out.push_str(
        "fn member(name: &str, tc: TypeCode) -> StructMember {\n    StructMember { name: name.into(), tc }\n}\n\n",
    );
    out.push_str(
        "fn union_member(label: i128, name: &str, tc: TypeCode) -> UnionMember {\n    UnionMember { label, name: name.into(), tc }\n}\n\n",
    );
    let _ = writeln!(out, "/// Every type of `{source}`.");
    let _ = writeln!(out, "#[derive(Clone, Debug)]\npub struct {type_struct} {{");
    for (name, field, _) in &e.types {
        let _ = writeln!(out, "    /// `{name}`\n    pub {field}: TypeCode,");
    }
    out.push_str("}\n\n");
    let _ = writeln!(out, "impl {type_struct} {{");
    out.push_str("    /// Builds them (use [`super::types`] for a shared instance).\n");
    let _ = writeln!(out, "    pub fn build() -> {type_struct} {{");
    out.push_str(&e.body);
    let _ = writeln!(out, "        {type_struct} {{");
    for (_, field, _) in &e.types {
        let _ = writeln!(out, "            {field},");
    }
    out.push_str("        }\n    }\n\n");
    out.push_str("    /// Every type with its IDL name, in declaration order.\n");
    out.push_str("    pub fn all(&self) -> Vec<(&'static str, &TypeCode)> {\n        vec![\n");
    for (name, field, _) in &e.types {
        let _ = writeln!(out, "            ({}, &self.{field}),", string_lit(name));
    }
    out.push_str("        ]\n    }\n}\n");
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snake_case_of_corpus_names() {
        assert_eq!(snake_case("LineItemSeq"), "line_item_seq");
        assert_eq!(snake_case("Wide50"), "wide50");
        assert_eq!(snake_case("Color"), "color");
    }

    /// The checked-in corpus TypeCodes are what the emitter makes of
    /// `corpus/idl/bench.idl`; `GIOPBENCH_REGENERATE=1` rewrites them.
    #[test]
    fn corpus_typecodes_are_fresh() {
        let code = emit(
            &crate::emit::fresh::bench_idl(),
            "BenchTypes",
            crate::emit::fresh::BENCH_IDL,
        )
        .expect("emits");
        crate::emit::fresh::check("crates/typecode/src/corpus/generated.rs", &code);
    }
}
