//! Generated decoders: expressions reading a value from a `corba_cdr::Reader`.

use super::{rust_ident, Gen, RT, TC};
use crate::ast::Prim;
use crate::sema::{Field, Type};
use std::fmt::Write as _;

impl Gen<'_> {
    /// An expression reading a `T` (uses `r`, `depth` and `?`).
    pub(super) fn dec(&mut self, t: &Type, depth: usize) -> String {
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
}

/// Members `start..start + len` of a struct, read as one
/// [`corba_cdr::FixedRead`] of worst-case `size` octets when `len >= 2`.
struct DecGroup {
    start: usize,
    len: usize,
    size: usize,
}

impl Gen<'_> {
    /// A struct's members grouped for decoding: two or more consecutive
    /// fixed-size primitives or enums form one run, read with one bounds
    /// check (§9.3.1.1 alignment per member, as alone).
    fn dec_groups(&self, fields: &[Field]) -> Vec<DecGroup> {
        let mut groups = Vec::new();
        let mut i = 0;
        while i < fields.len() {
            let sizes: Vec<usize> = fields[i..]
                .iter()
                .map_while(|f| self.run_member(&f.ty).map(|(size, _)| size))
                .collect();
            let len = sizes.len().max(1);
            let size = sizes.iter().map(|size| 2 * size - 1).sum();
            groups.push(DecGroup {
                start: i,
                len,
                size,
            });
            i += len;
        }
        groups
    }

    /// The [`corba_cdr::FixedRead`] expression reading run member `t` (at
    /// `depth`). An enum is its ordinal, an `unsigned long` checked against
    /// the enumerators (§9.3.2.6), reporting the offset before its padding
    /// as `decode_at` does.
    fn run_get(&self, t: &Type, depth: usize) -> String {
        match self.through_aliases(t) {
            Type::Prim(Prim::Boolean) => "run.get_bool()?".to_owned(),
            Type::Prim(p) => format!("run.get::<{}>()?", Self::prim_rust(p)),
            t @ Type::Named(_) => format!(
                "{{ let offset = run.absolute_position(); let value = run.get::<u32>()?; {}::from_u32(value).ok_or({RT}::Error::InvalidEnum {{ value, offset }})? }}",
                self.rust_type(&t, depth)
            ),
            _ => "compile_error!(\"not a run member\")".to_owned(),
        }
    }

    /// `decode_at`'s statements binding every member, in order, to
    /// `__m{index}` (uses `r`, `depth` and `?`).
    pub(super) fn dec_fields(&mut self, s: &mut String, fields: &[Field], depth: usize) {
        for g in self.dec_groups(fields) {
            let members = &fields[g.start..g.start + g.len];
            if g.len == 1 {
                let _ = writeln!(
                    s,
                    "        let __m{} = {};",
                    g.start,
                    self.dec(&members[0].ty, depth)
                );
                continue;
            }
            let names: Vec<String> = (g.start..g.start + g.len)
                .map(|i| format!("__m{i}"))
                .collect();
            let gets: Vec<String> = members.iter().map(|f| self.run_get(&f.ty, depth)).collect();
            let _ = writeln!(
                s,
                "        let ({}) = {{ let mut run = r.fixed_run::<{}>(); ({}) }};",
                names.join(", "),
                g.size,
                gets.join(", ")
            );
        }
    }

    /// `decode_into_at`'s statements reading every member into `self`.
    pub(super) fn dec_fields_into(&mut self, s: &mut String, fields: &[Field], depth: usize) {
        for g in self.dec_groups(fields) {
            let members = &fields[g.start..g.start + g.len];
            if g.len == 1 {
                let place = format!("(&mut self.{})", rust_ident(&members[0].name));
                let _ = writeln!(
                    s,
                    "        {}",
                    self.dec_into(&members[0].ty, &place, depth)
                );
                continue;
            }
            let _ = writeln!(s, "        {{ let mut run = r.fixed_run::<{}>();", g.size);
            for f in members {
                let _ = writeln!(
                    s,
                    "          self.{} = {};",
                    rust_ident(&f.name),
                    self.run_get(&f.ty, depth)
                );
            }
            s.push_str("        }\n");
        }
    }
}
