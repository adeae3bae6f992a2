//! Generated decode-into-existing (`IdlType::decode_into_at`): statements
//! that read a value into one already there, so its `String`s and `Vec`s
//! keep their capacity (the reuse Fast CDR's decoders offer). A value of
//! fixed shape decoded into one of the same shape allocates nothing.
//!
//! Only the containers gain from reuse; every other member is assigned
//! from the same expression `decode_at` uses, so both paths share the
//! reading rules (and their §9.3 citations) in [`super::Gen::dec`].

use super::{Gen, RT};
use crate::ast::Prim;
use crate::sema::{Type, UnionCase};
use std::fmt::Write as _;

impl Gen<'_> {
    /// Statements reading a `T` into `place` (an expression of type
    /// `&mut T`; uses `r`, `depth` and `?`).
    pub(super) fn dec_into(&mut self, t: &Type, place: &str, depth: usize) -> String {
        let t = self.through_aliases(t);
        if self.objref_kind(&t).is_some() {
            return self.assign(&t, place, depth);
        }
        match &t {
            // §9.3.2.7: the reader replaces the string in place.
            Type::String(0) => format!("r.read_string_into({place})?;"),
            Type::String(b) => format!("r.read_string_bounded_into({b}, {place})?;"),
            Type::WString(0) => format!("r.read_wstring_into({place})?;"),
            // §9.3.2.5, unbounded: the count is checked against the bytes
            // left (`read_count`) before the vector grows.
            Type::Sequence(el, 0) => {
                let el = self.through_aliases(el);
                match el {
                    Type::Prim(Prim::Char | Prim::Octet) => format!(
                        "{{ let b = r.read_octet_sequence()?; {place}.clear(); {place}.extend_from_slice(b); }}"
                    ),
                    Type::Prim(p) if Self::has_prim_seq(p) && p != Prim::Boolean => {
                        let ty = Self::prim_rust(p);
                        format!(
                            "{{ let n = r.read_count(::core::mem::size_of::<{ty}>())?; {place}.clear(); r.read_slice_into(n, {place})?; }}"
                        )
                    }
                    Type::Prim(_) => self.assign(&t, place, depth),
                    el => {
                        let x = self.fresh();
                        let into = self.dec_into(&el, &x, depth);
                        let item = self.dec(&el, depth);
                        format!(
                            "{{ let n = r.read_count(1)?; let v = {place}; v.truncate(n); \
                             for {x} in v.iter_mut() {{ {into} }} v.reserve(n - v.len()); \
                             while v.len() < n {{ v.push({item}); }} }}"
                        )
                    }
                }
            }
            Type::Named(_) => format!("{RT}::IdlType::decode_into_at({place}, r, depth + 1)?;"),
            _ => self.assign(&t, place, depth),
        }
    }

    /// `*place = <fresh value>`: for members with nothing to reuse.
    fn assign(&mut self, t: &Type, place: &str, depth: usize) -> String {
        let dec = self.dec(t, depth);
        format!("*{place} = {dec};")
    }

    /// A union's `decode_into_at` (§9.3.2.6: the discriminator, then the
    /// member it selects): when the value already holds the selected
    /// member, that member is decoded into in place (a string label keeps
    /// its buffer); otherwise a fresh member replaces the value.
    pub(super) fn union_into(
        &mut self,
        name: &str,
        disc: &Type,
        cases: &[UnionCase],
        unselected: bool,
        depth: usize,
    ) -> String {
        let disc_ty = self.rust_type(disc, depth);
        let dd = self.dec(disc, depth);
        let mut s = String::new();
        let _ = writeln!(s, "    #[allow(unreachable_patterns)]\n    fn decode_into_at(&mut self, r: &mut ::corba_cdr::Reader<'_>, depth: u32) -> ::core::result::Result<(), {RT}::Error> {{\n        {RT}::check_depth(r, depth)?;\n        let __d: {disc_ty} = {dd};\n        match __d {{");
        let otherwise = unselected.then(|| format!("*self = {name}::__Unselected(__d),"));
        let arms = self.label_arms(disc, cases, depth, otherwise, |g, c| {
            let v = super::rust_ident(&c.name);
            let into = g.dec_into(&c.ty, "__p", depth);
            let item = g.dec(&c.ty, depth);
            let single = c.labels.len() == 1 && c.labels[0].is_some();
            if single {
                format!("{{ if let {name}::{v}(__p) = self {{ {into} }} else {{ *self = {name}::{v}({item}); }} }}")
            } else {
                format!("{{ if let {name}::{v}(__pd, __p) = self {{ *__pd = __d; {into} }} else {{ *self = {name}::{v}(__d, {item}); }} }}")
            }
        });
        s.push_str(&arms);
        s.push_str("        }\n        ::core::result::Result::Ok(())\n    }\n");
        s
    }
}
