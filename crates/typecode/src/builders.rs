//! Helper constructors for TypeCodes, values and Anys.

use crate::{Any, StructMember, TCKind, TypeCode, TypeDesc, UnionMember, Value};

impl TypeCode {
    /// Unbounded `string`.
    pub fn string() -> TypeCode {
        TypeCode::new(TypeDesc::String { bound: 0 })
    }
    /// Unbounded `wstring`.
    pub fn wstring() -> TypeCode {
        TypeCode::new(TypeDesc::WString { bound: 0 })
    }
    /// `sequence<element, bound>` (bound 0: unbounded).
    pub fn sequence(element: &TypeCode, bound: u32) -> TypeCode {
        TypeCode::new(TypeDesc::Sequence {
            element: element.clone(),
            bound,
        })
    }
    /// `element[length]`.
    pub fn array(element: &TypeCode, length: u32) -> TypeCode {
        TypeCode::new(TypeDesc::Array {
            element: element.clone(),
            length,
        })
    }
    /// `typedef content name;`
    pub fn alias(id: &str, name: &str, content: &TypeCode) -> TypeCode {
        TypeCode::new(TypeDesc::Alias {
            id: id.into(),
            name: name.into(),
            content: content.clone(),
        })
    }
    /// A struct from `(member name, TypeCode)` pairs.
    pub fn structure(id: &str, name: &str, members: &[(&str, TypeCode)]) -> TypeCode {
        TypeCode::new(TypeDesc::Struct {
            kind: TCKind::STRUCT,
            id: id.into(),
            name: name.into(),
            members: members
                .iter()
                .map(|(n, t)| StructMember {
                    name: (*n).into(),
                    tc: t.clone(),
                })
                .collect(),
        })
    }
    /// An enum from its enumerator names.
    pub fn enumeration(id: &str, name: &str, members: &[&str]) -> TypeCode {
        TypeCode::new(TypeDesc::Enum {
            id: id.into(),
            name: name.into(),
            members: members.iter().map(|m| (*m).into()).collect(),
        })
    }
    /// A union from `(label, member name, TypeCode)`; `default_index` -1 for
    /// none (the label of the default member is ignored).
    pub fn union(
        id: &str,
        name: &str,
        discriminator: &TypeCode,
        default_index: i32,
        members: &[(i128, &str, TypeCode)],
    ) -> TypeCode {
        TypeCode::new(TypeDesc::Union {
            id: id.into(),
            name: name.into(),
            discriminator: discriminator.clone(),
            default_index,
            members: members
                .iter()
                .map(|(l, n, t)| UnionMember {
                    label: *l,
                    name: (*n).into(),
                    tc: t.clone(),
                })
                .collect(),
        })
    }
    /// A reference to the enclosing struct, union or valuetype `id`
    /// (recursion).
    pub fn recursive(id: &str) -> TypeCode {
        TypeCode::new(TypeDesc::Recursive { id: id.into() })
    }
    /// The TypeCode with aliases stripped (`content` of `content`...).
    pub fn unalias(&self) -> &TypeCode {
        crate::tcio::strip_alias(self)
    }
}

impl Any {
    pub fn new(tc: TypeCode, value: Value) -> Any {
        Any { tc, value }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builders_match_the_corpus_types() {
        let d = TypeCode::basic(TCKind::DOUBLE);
        let p = TypeCode::structure(
            &crate::corpus::repo_id("Point"),
            "Point",
            &[("x", d.clone()), ("y", d)],
        );
        assert_eq!(p, crate::corpus::types().point);
        let long = TypeCode::basic(TCKind::LONG);
        let ls = TypeCode::alias(
            &crate::corpus::repo_id("LongSeq"),
            "LongSeq",
            &TypeCode::sequence(&long, 0),
        );
        assert_eq!(ls, crate::corpus::types().long_seq);
        assert_eq!(ls.unalias().kind(), Some(TCKind::SEQUENCE));
    }
}
