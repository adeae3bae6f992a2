//! `TypeCode::equal`, `equivalent` and `get_compact_typecode` (CORBA 3.x
//! Part 1, "TypeCode" interface operations).

use crate::tcio::strip_alias;
use crate::{Name, StructMember, TypeCode, TypeDesc, UnionMember, ValueMember};
use std::collections::HashMap;
use std::sync::Arc;

/// `equal`: the same kind and every parameter equal, names and member
/// names included. Aliases are significant; a recursive reference equals a
/// recursive reference to the same repository id.
///
/// Shared sub-TypeCodes (the same `Arc`, as decoding indirections gives)
/// are compared once, so comparing a TypeCode with itself or a copy decoded
/// from the same bytes takes time linear in its encoded size.
pub fn equal(a: &TypeCode, b: &TypeCode) -> bool {
    Eq2::default().tc(a, b)
}

type Pair = (*const TypeDesc, *const TypeDesc);

/// Pairs already found equal.
#[derive(Default)]
struct Eq2(std::collections::HashSet<Pair>);

impl Eq2 {
    fn tc(&mut self, a: &TypeCode, b: &TypeCode) -> bool {
        if Arc::ptr_eq(&a.0, &b.0) {
            return true;
        }
        let pair = (Arc::as_ptr(&a.0), Arc::as_ptr(&b.0));
        if self.0.contains(&pair) {
            return true;
        }
        let r = self.desc(a.desc(), b.desc());
        if r {
            self.0.insert(pair);
        }
        r
    }
}

fn eq_all<T>(a: &[T], b: &[T], mut f: impl FnMut(&T, &T) -> bool) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| f(x, y))
}

impl Eq2 {
    fn desc(&mut self, a: &TypeDesc, b: &TypeDesc) -> bool {
        use TypeDesc as D;
        match (a, b) {
            (
                D::Struct {
                    kind: k1,
                    id: i1,
                    name: n1,
                    members: m1,
                },
                D::Struct {
                    kind: k2,
                    id: i2,
                    name: n2,
                    members: m2,
                },
            ) => {
                k1 == k2
                    && i1 == i2
                    && n1 == n2
                    && eq_all(m1, m2, |x, y| x.name == y.name && self.tc(&x.tc, &y.tc))
            }
            (
                D::Union {
                    id: i1,
                    name: n1,
                    discriminator: d1,
                    default_index: x1,
                    members: m1,
                },
                D::Union {
                    id: i2,
                    name: n2,
                    discriminator: d2,
                    default_index: x2,
                    members: m2,
                },
            ) => {
                i1 == i2
                    && n1 == n2
                    && x1 == x2
                    && self.tc(d1, d2)
                    && eq_all(m1, m2, |x, y| {
                        x.label == y.label && x.name == y.name && self.tc(&x.tc, &y.tc)
                    })
            }
            (
                D::Sequence {
                    element: e1,
                    bound: b1,
                },
                D::Sequence {
                    element: e2,
                    bound: b2,
                },
            )
            | (
                D::Array {
                    element: e1,
                    length: b1,
                },
                D::Array {
                    element: e2,
                    length: b2,
                },
            ) => b1 == b2 && self.tc(e1, e2),
            (
                D::Alias {
                    id: i1,
                    name: n1,
                    content: c1,
                },
                D::Alias {
                    id: i2,
                    name: n2,
                    content: c2,
                },
            )
            | (
                D::ValueBox {
                    id: i1,
                    name: n1,
                    content: c1,
                },
                D::ValueBox {
                    id: i2,
                    name: n2,
                    content: c2,
                },
            ) => i1 == i2 && n1 == n2 && self.tc(c1, c2),
            (
                D::Value {
                    kind: k1,
                    id: i1,
                    name: n1,
                    modifier: o1,
                    concrete_base: b1,
                    members: m1,
                },
                D::Value {
                    kind: k2,
                    id: i2,
                    name: n2,
                    modifier: o2,
                    concrete_base: b2,
                    members: m2,
                },
            ) => {
                k1 == k2
                    && i1 == i2
                    && n1 == n2
                    && o1 == o2
                    && match (b1, b2) {
                        (None, None) => true,
                        (Some(x), Some(y)) => self.tc(x, y),
                        _ => false,
                    }
                    && eq_all(m1, m2, |x, y| {
                        x.name == y.name && x.visibility == y.visibility && self.tc(&x.tc, &y.tc)
                    })
            }
            // No children: the derived comparison.
            _ => a == b,
        }
    }
}

fn resolve<'a>(tc: &'a TypeCode, scope: &[&'a TypeCode]) -> Option<&'a TypeCode> {
    let t = strip_alias(tc);
    match t.desc() {
        TypeDesc::Recursive { id } => scope
            .iter()
            .rev()
            .find(|s| s.id() == Some(id.as_str()))
            .map(|s| strip_alias(s)),
        _ => Some(t),
    }
}

struct Eqv<'a> {
    sa: Vec<&'a TypeCode>,
    sb: Vec<&'a TypeCode>,
    assumed: Vec<(*const TypeDesc, *const TypeDesc)>,
    /// Pairs already found equivalent (shared sub-TypeCodes are compared
    /// once).
    proven: std::collections::HashSet<(*const TypeDesc, *const TypeDesc)>,
    fuel: u32,
}

/// `equivalent`: aliases are stripped at every level; two TypeCodes whose
/// repository ids are both non-empty are equivalent exactly when the ids
/// are equal; otherwise the structure is compared, ignoring names and
/// member names. Recursive references are followed (a pair already being
/// compared is assumed equivalent).
pub fn equivalent(a: &TypeCode, b: &TypeCode) -> bool {
    let mut e = Eqv {
        sa: Vec::new(),
        sb: Vec::new(),
        assumed: Vec::new(),
        proven: Default::default(),
        fuel: 1_000_000,
    };
    e.go(a, b)
}

impl<'a> Eqv<'a> {
    fn go(&mut self, a: &'a TypeCode, b: &'a TypeCode) -> bool {
        if self.fuel == 0 {
            return false;
        }
        self.fuel -= 1;
        let (Some(a), Some(b)) = (resolve(a, &self.sa), resolve(b, &self.sb)) else {
            return false;
        };
        if Arc::ptr_eq(&a.0, &b.0) {
            return true;
        }
        let pair = (Arc::as_ptr(&a.0), Arc::as_ptr(&b.0));
        if self.assumed.contains(&pair) || self.proven.contains(&pair) {
            return true;
        }
        if a.kind() != b.kind() {
            return false;
        }
        if let (Some(ia), Some(ib)) = (a.id(), b.id()) {
            if !ia.is_empty() && !ib.is_empty() {
                return ia == ib;
            }
        }
        self.assumed.push(pair);
        self.sa.push(a);
        self.sb.push(b);
        let r = self.params(a.desc(), b.desc());
        self.sa.pop();
        self.sb.pop();
        self.assumed.pop();
        if r {
            self.proven.insert(pair);
        }
        r
    }

    fn params(&mut self, a: &'a TypeDesc, b: &'a TypeDesc) -> bool {
        match (a, b) {
            (TypeDesc::Basic(x), TypeDesc::Basic(y)) => x == y,
            (TypeDesc::String { bound: x }, TypeDesc::String { bound: y })
            | (TypeDesc::WString { bound: x }, TypeDesc::WString { bound: y }) => x == y,
            (
                TypeDesc::Fixed {
                    digits: d1,
                    scale: s1,
                },
                TypeDesc::Fixed {
                    digits: d2,
                    scale: s2,
                },
            ) => d1 == d2 && s1 == s2,
            (TypeDesc::Interface { kind: k1, .. }, TypeDesc::Interface { kind: k2, .. }) => {
                k1 == k2
            }
            (
                TypeDesc::Struct {
                    kind: k1,
                    members: m1,
                    ..
                },
                TypeDesc::Struct {
                    kind: k2,
                    members: m2,
                    ..
                },
            ) => {
                k1 == k2
                    && m1.len() == m2.len()
                    && m1.iter().zip(m2).all(|(x, y)| self.go(&x.tc, &y.tc))
            }
            (
                TypeDesc::Union {
                    discriminator: d1,
                    default_index: i1,
                    members: m1,
                    ..
                },
                TypeDesc::Union {
                    discriminator: d2,
                    default_index: i2,
                    members: m2,
                    ..
                },
            ) => {
                i1 == i2
                    && m1.len() == m2.len()
                    && self.go(d1, d2)
                    && m1.iter().zip(m2).enumerate().all(|(i, (x, y))| {
                        (i as i32 == *i1 || x.label == y.label) && self.go(&x.tc, &y.tc)
                    })
            }
            (TypeDesc::Enum { members: m1, .. }, TypeDesc::Enum { members: m2, .. }) => {
                m1.len() == m2.len()
            }
            (
                TypeDesc::Sequence {
                    element: e1,
                    bound: b1,
                },
                TypeDesc::Sequence {
                    element: e2,
                    bound: b2,
                },
            )
            | (
                TypeDesc::Array {
                    element: e1,
                    length: b1,
                },
                TypeDesc::Array {
                    element: e2,
                    length: b2,
                },
            ) => b1 == b2 && self.go(e1, e2),
            (TypeDesc::ValueBox { content: c1, .. }, TypeDesc::ValueBox { content: c2, .. }) => {
                self.go(c1, c2)
            }
            (
                TypeDesc::Value {
                    kind: k1,
                    modifier: mo1,
                    concrete_base: b1,
                    members: m1,
                    ..
                },
                TypeDesc::Value {
                    kind: k2,
                    modifier: mo2,
                    concrete_base: b2,
                    members: m2,
                    ..
                },
            ) => {
                k1 == k2
                    && mo1 == mo2
                    && m1.len() == m2.len()
                    && match (b1, b2) {
                        (None, None) => true,
                        (Some(x), Some(y)) => self.go(x, y),
                        _ => false,
                    }
                    && m1
                        .iter()
                        .zip(m2)
                        .all(|(x, y)| x.visibility == y.visibility && self.go(&x.tc, &y.tc))
            }
            _ => false,
        }
    }
}

/// `get_compact_typecode`: the same TypeCode with every name and member
/// name empty; repository ids, aliases and recursion stay.
pub fn compact(tc: &TypeCode) -> TypeCode {
    compact_memo(tc, &mut HashMap::new())
}

/// Shared sub-TypeCodes are compacted once and stay shared.
fn compact_memo(tc: &TypeCode, memo: &mut HashMap<*const TypeDesc, TypeCode>) -> TypeCode {
    let key = Arc::as_ptr(&tc.0);
    if let Some(t) = memo.get(&key) {
        return t.clone();
    }
    let mut compact = |t: &TypeCode| compact_memo(t, memo);
    let d = match tc.desc() {
        TypeDesc::Basic(_)
        | TypeDesc::String { .. }
        | TypeDesc::WString { .. }
        | TypeDesc::Fixed { .. }
        | TypeDesc::Recursive { .. } => return tc.clone(),
        TypeDesc::Interface { kind, id, .. } => TypeDesc::Interface {
            kind: *kind,
            id: id.clone(),
            name: String::new(),
        },
        TypeDesc::Struct {
            kind, id, members, ..
        } => TypeDesc::Struct {
            kind: *kind,
            id: id.clone(),
            name: String::new(),
            members: members
                .iter()
                .map(|m| StructMember {
                    name: Name::default(),
                    tc: compact(&m.tc),
                })
                .collect(),
        },
        TypeDesc::Union {
            id,
            discriminator,
            default_index,
            members,
            ..
        } => TypeDesc::Union {
            id: id.clone(),
            name: String::new(),
            discriminator: compact(discriminator),
            default_index: *default_index,
            members: members
                .iter()
                .map(|m| UnionMember {
                    label: m.label,
                    name: Name::default(),
                    tc: compact(&m.tc),
                })
                .collect(),
        },
        TypeDesc::Enum { id, members, .. } => TypeDesc::Enum {
            id: id.clone(),
            name: String::new(),
            members: vec![Name::default(); members.len()],
        },
        TypeDesc::Sequence { element, bound } => TypeDesc::Sequence {
            element: compact(element),
            bound: *bound,
        },
        TypeDesc::Array { element, length } => TypeDesc::Array {
            element: compact(element),
            length: *length,
        },
        TypeDesc::Alias { id, content, .. } => TypeDesc::Alias {
            id: id.clone(),
            name: String::new(),
            content: compact(content),
        },
        TypeDesc::ValueBox { id, content, .. } => TypeDesc::ValueBox {
            id: id.clone(),
            name: String::new(),
            content: compact(content),
        },
        TypeDesc::Value {
            kind,
            id,
            modifier,
            concrete_base,
            members,
            ..
        } => TypeDesc::Value {
            kind: *kind,
            id: id.clone(),
            name: String::new(),
            modifier: *modifier,
            concrete_base: concrete_base.as_ref().map(&mut compact),
            members: members
                .iter()
                .map(|m| ValueMember {
                    name: Name::default(),
                    tc: compact(&m.tc),
                    visibility: m.visibility,
                })
                .collect(),
        },
    };
    let t = TypeCode::new(d);
    memo.insert(key, t.clone());
    t
}
