//! Generated encoders: statements writing a value on a `corba_cdr::Writer`,
//! and a struct's members with fixed-size runs batched.

use super::{rust_ident, Gen, RT, TC};
use crate::ast::Prim;
use crate::sema::{DeclKind, Type};
use std::fmt::Write as _;

/// How a member goes into a [`corba_cdr::FixedRun`].
#[derive(Clone, Copy)]
pub(super) enum RunPut {
    /// `FixedRun::put` of the value.
    Prim,
    /// `FixedRun::put_bool`.
    Bool,
    /// `FixedRun::put` of the ordinal (`as u32`).
    Enum,
}

impl Gen<'_> {
    /// Statements writing `e` (an expression of type `&T`).
    pub(super) fn enc(&mut self, t: &Type, e: &str) -> String {
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

    /// Size of `t` when a [`corba_cdr::FixedRun`] writes it, and how: a
    /// fixed-size primitive, or an enum as its ordinal, an `unsigned long`
    /// (§9.3.2.6).
    pub(super) fn run_member(&self, t: &Type) -> Option<(usize, RunPut)> {
        match self.through_aliases(t) {
            Type::Prim(Prim::Boolean) => Some((1, RunPut::Bool)),
            Type::Prim(Prim::Char | Prim::Octet) => Some((1, RunPut::Prim)),
            Type::Prim(Prim::Short | Prim::UShort) => Some((2, RunPut::Prim)),
            Type::Prim(Prim::Long | Prim::ULong | Prim::Float) => Some((4, RunPut::Prim)),
            Type::Prim(Prim::LongLong | Prim::ULongLong | Prim::Double) => Some((8, RunPut::Prim)),
            Type::Named(d) if matches!(self.decls[d].kind, DeclKind::Enum { .. }) => {
                Some((4, RunPut::Enum))
            }
            _ => None,
        }
    }

    /// A struct's member encoders (uses `w` and `?`). Two or more
    /// consecutive fixed-size primitives go through one
    /// [`corba_cdr::Writer::fixed_run`] block: aligned as each member
    /// alone would be (§9.3.1.1), appended with one bounds check. Enum
    /// members join runs too, as the `unsigned long` they are on the wire.
    pub(super) fn enc_fields(&mut self, s: &mut String, fields: &[crate::sema::Field]) {
        let mut i = 0;
        while i < fields.len() {
            let run: Vec<(usize, RunPut)> = fields[i..]
                .iter()
                .map_while(|f| self.run_member(&f.ty))
                .collect();
            if run.len() >= 2 {
                let n: usize = run.iter().map(|(size, _)| 2 * size - 1).sum();
                let _ = writeln!(s, "        {{ let mut run = w.fixed_run::<{n}>();");
                for (f, (_, how)) in fields[i..].iter().zip(&run) {
                    let name = rust_ident(&f.name);
                    let _ = match how {
                        RunPut::Prim => writeln!(s, "          run.put(self.{name});"),
                        RunPut::Bool => writeln!(s, "          run.put_bool(self.{name});"),
                        RunPut::Enum => writeln!(s, "          run.put(self.{name} as u32);"),
                    };
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
}
