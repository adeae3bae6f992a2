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
use crate::sema::Type;

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
}
