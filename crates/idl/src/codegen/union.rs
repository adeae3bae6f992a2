//! Generated items for unions: the Rust enum with one variant per
//! member and its `IdlType` impl.

use super::{rust_ident, Gen, RT, TC};
use crate::ast::Prim;
use crate::sema::{DeclKind, Type, UnionCase};
use std::fmt::Write as _;

impl Gen<'_> {
    /// The Rust pattern/expression for label `v` of discriminator `disc`.
    pub(super) fn label_lit(&self, disc: &Type, v: i128, depth: usize) -> String {
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

    /// The arms of a `match __d` over a union's cases: each case's labels
    /// (`l1 | l2 => arm`), then `_ =>` the default case's arm, else
    /// `otherwise` (a union without default whose labels leave values
    /// free). `arm` gives a case's arm text with its trailing comma or
    /// braces.
    pub(super) fn label_arms(
        &mut self,
        disc: &Type,
        cases: &[UnionCase],
        depth: usize,
        otherwise: Option<String>,
        mut arm: impl FnMut(&mut Self, &UnionCase) -> String,
    ) -> String {
        let mut s = String::new();
        let mut default_arm = None;
        for c in cases {
            let a = arm(self, c);
            let pats: Vec<String> = c
                .labels
                .iter()
                .flatten()
                .map(|l| self.label_lit(disc, *l, depth))
                .collect();
            if c.labels.contains(&None) {
                default_arm = Some(a.clone());
            }
            if !pats.is_empty() {
                let _ = writeln!(s, "            {} => {a}", pats.join(" | "));
            }
        }
        if let Some(a) = default_arm.or(otherwise) {
            let _ = writeln!(s, "            _ => {a}");
        }
        s
    }

    /// A discriminator value that no label uses, if there is one.
    pub(super) fn free_label(&self, disc: &Type, cases: &[UnionCase]) -> Option<i128> {
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

    pub(super) fn gen_union(
        &mut self,
        d: usize,
        disc: &Type,
        cases: &[UnionCase],
        depth: usize,
    ) -> String {
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
        let otherwise = unselected.then(|| format!("{name}::__Unselected(__d),"));
        let arms = self.label_arms(disc, cases, depth, otherwise, |g, c| {
            let v = rust_ident(&c.name);
            let item = g.dec(&c.ty, depth);
            if single(c) {
                format!("{name}::{v}({item}),")
            } else {
                format!("{name}::{v}(__d, {item}),")
            }
        });
        s.push_str(&arms);
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
        let otherwise = unselected.then(|| format!("{name}::__Unselected(__d),"));
        let arms = self.label_arms(disc, cases, depth, otherwise, |g, c| {
            let v = rust_ident(&c.name);
            let item = g.gen_from_value(&c.ty, "m", depth);
            let item = format!(
                "{{ let m = {RT}::union_member(mv)?; ({item}).map_err(|e| e.within({:?}))? }}",
                c.name
            );
            if single(c) {
                format!("{name}::{v}({item}),")
            } else {
                format!("{name}::{v}(__d, {item}),")
            }
        });
        s.push_str(&arms);
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
}
