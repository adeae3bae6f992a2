//! The bridges against a "foreign ORB" made of this crate's own model: a
//! builder that rebuilds a TypeCode and a source that resolves recursion
//! into a cycle (as omniORB does) by following the enclosing TypeCodes.

use super::*;
use crate::corpus;

/// Rebuilds a [`TypeCode`] from [`TcNode`]s.
struct Rebuild;

impl TcBuilder for Rebuild {
    type Handle = TypeCode;
    type Error = TcError;
    fn build(&mut self, node: TcNode<'_, TypeCode>) -> Result<TypeCode, TcError> {
        Ok(TypeCode::new(match node {
            TcNode::Basic(k) => TypeDesc::Basic(k),
            TcNode::String { bound } => TypeDesc::String { bound },
            TcNode::WString { bound } => TypeDesc::WString { bound },
            TcNode::Fixed { digits, scale } => TypeDesc::Fixed { digits, scale },
            TcNode::Interface { kind, id, name } => TypeDesc::Interface {
                kind,
                id: id.into(),
                name: name.into(),
            },
            TcNode::Struct {
                kind,
                id,
                name,
                members,
            } => TypeDesc::Struct {
                kind,
                id: id.into(),
                name: name.into(),
                members: members
                    .into_iter()
                    .map(|(n, tc)| StructMember { name: n.into(), tc })
                    .collect(),
            },
            TcNode::Union {
                id,
                name,
                discriminator,
                default_index,
                members,
            } => {
                let members = members
                    .into_iter()
                    .map(|(l, def, n, tc)| UnionMember {
                        label: label_from_wire(&discriminator, l, def),
                        name: n.into(),
                        tc,
                    })
                    .collect();
                TypeDesc::Union {
                    id: id.into(),
                    name: name.into(),
                    discriminator,
                    default_index,
                    members,
                }
            }
            TcNode::Enum { id, name, members } => TypeDesc::Enum {
                id: id.into(),
                name: name.into(),
                members: members.into_iter().map(Into::into).collect(),
            },
            TcNode::Sequence { element, bound } => TypeDesc::Sequence { element, bound },
            TcNode::Array { element, length } => TypeDesc::Array { element, length },
            TcNode::Alias { id, name, content } => TypeDesc::Alias {
                id: id.into(),
                name: name.into(),
                content,
            },
            TcNode::Value {
                kind,
                id,
                name,
                modifier,
                concrete_base,
                members,
            } => TypeDesc::Value {
                kind,
                id: id.into(),
                name: name.into(),
                modifier,
                concrete_base,
                members: members
                    .into_iter()
                    .map(|(n, tc, visibility)| ValueMember {
                        name: n.into(),
                        tc,
                        visibility,
                    })
                    .collect(),
            },
            TcNode::ValueBox { id, name, content } => TypeDesc::ValueBox {
                id: id.into(),
                name: name.into(),
                content,
            },
            TcNode::Recursive { id } => TypeDesc::Recursive { id: id.into() },
        }))
    }
}

/// A model TypeCode with its enclosing TypeCodes: `Recursive` placeholders
/// are followed to their target, so the source is cyclic like omniORB's.
#[derive(Clone)]
struct Node(TypeCode, Vec<TypeCode>);

struct Cyclic;

fn bad() -> TcError {
    TcError::new(TcErrorKind::Malformed("accessor on the wrong kind"), 0)
}

impl Cyclic {
    fn resolve(n: &Node) -> Node {
        if let TypeDesc::Recursive { id } = n.0.desc() {
            let pos = n.1.iter().rposition(|t| t.id() == Some(id)).unwrap();
            return Node(n.1[pos].clone(), n.1[..pos].to_vec());
        }
        n.clone()
    }
    fn child(n: &Node, t: &TypeCode) -> Node {
        let n = Cyclic::resolve(n);
        let mut anc = n.1.clone();
        anc.push(n.0.clone());
        Cyclic::resolve(&Node(t.clone(), anc))
    }
}

impl TcSource for Cyclic {
    type Node = Node;
    type Error = TcError;
    fn kind(&self, n: &Node) -> Result<TCKind, TcError> {
        Cyclic::resolve(n).0.kind().ok_or_else(bad)
    }
    fn id(&self, n: &Node) -> Result<String, TcError> {
        Ok(n.0.id().ok_or_else(bad)?.to_owned())
    }
    fn name(&self, n: &Node) -> Result<String, TcError> {
        Ok(n.0.name().ok_or_else(bad)?.to_owned())
    }
    fn member_count(&self, n: &Node) -> Result<u32, TcError> {
        Ok(match n.0.desc() {
            TypeDesc::Struct { members, .. } => members.len(),
            TypeDesc::Union { members, .. } => members.len(),
            TypeDesc::Enum { members, .. } => members.len(),
            TypeDesc::Value { members, .. } => members.len(),
            _ => return Err(bad()),
        } as u32)
    }
    fn member_name(&self, n: &Node, i: u32) -> Result<String, TcError> {
        let i = i as usize;
        Ok(match n.0.desc() {
            TypeDesc::Struct { members, .. } => members[i].name.to_string(),
            TypeDesc::Union { members, .. } => members[i].name.to_string(),
            TypeDesc::Enum { members, .. } => members[i].to_string(),
            TypeDesc::Value { members, .. } => members[i].name.to_string(),
            _ => return Err(bad()),
        })
    }
    fn member_type(&self, n: &Node, i: u32) -> Result<Node, TcError> {
        let t = children(&n.0);
        let skip = match n.0.desc() {
            TypeDesc::Union { .. } => 1,
            TypeDesc::Value { concrete_base, .. } => usize::from(concrete_base.is_some()),
            _ => 0,
        };
        Ok(Cyclic::child(n, t[skip + i as usize]))
    }
    fn member_label(&self, n: &Node, i: u32) -> Result<i64, TcError> {
        match n.0.desc() {
            TypeDesc::Union { members, .. } => Ok(label_to_wire(members[i as usize].label)),
            _ => Err(bad()),
        }
    }
    fn member_visibility(&self, n: &Node, i: u32) -> Result<Visibility, TcError> {
        match n.0.desc() {
            TypeDesc::Value { members, .. } => Ok(members[i as usize].visibility),
            _ => Err(bad()),
        }
    }
    fn discriminator_type(&self, n: &Node) -> Result<Node, TcError> {
        match n.0.desc() {
            TypeDesc::Union { discriminator, .. } => Ok(Cyclic::child(n, discriminator)),
            _ => Err(bad()),
        }
    }
    fn default_index(&self, n: &Node) -> Result<i32, TcError> {
        match n.0.desc() {
            TypeDesc::Union { default_index, .. } => Ok(*default_index),
            _ => Err(bad()),
        }
    }
    fn length(&self, n: &Node) -> Result<u32, TcError> {
        match n.0.desc() {
            TypeDesc::String { bound } | TypeDesc::WString { bound } => Ok(*bound),
            TypeDesc::Sequence { bound, .. } => Ok(*bound),
            TypeDesc::Array { length, .. } => Ok(*length),
            _ => Err(bad()),
        }
    }
    fn content_type(&self, n: &Node) -> Result<Node, TcError> {
        match n.0.desc() {
            TypeDesc::Sequence { element: c, .. }
            | TypeDesc::Array { element: c, .. }
            | TypeDesc::Alias { content: c, .. }
            | TypeDesc::ValueBox { content: c, .. } => Ok(Cyclic::child(n, c)),
            _ => Err(bad()),
        }
    }
    fn fixed_digits(&self, n: &Node) -> Result<u16, TcError> {
        match n.0.desc() {
            TypeDesc::Fixed { digits, .. } => Ok(*digits),
            _ => Err(bad()),
        }
    }
    fn fixed_scale(&self, n: &Node) -> Result<i16, TcError> {
        match n.0.desc() {
            TypeDesc::Fixed { scale, .. } => Ok(*scale),
            _ => Err(bad()),
        }
    }
    fn type_modifier(&self, n: &Node) -> Result<ValueModifier, TcError> {
        match n.0.desc() {
            TypeDesc::Value { modifier, .. } => Ok(*modifier),
            _ => Err(bad()),
        }
    }
    fn concrete_base_type(&self, n: &Node) -> Result<Option<Node>, TcError> {
        match n.0.desc() {
            TypeDesc::Value { concrete_base, .. } => {
                Ok(concrete_base.as_ref().map(|b| Cyclic::child(n, b)))
            }
            _ => Err(bad()),
        }
    }
}

/// A recursive union on an aliased `unsigned long long` discriminator
/// with a label above `i64::MAX` and a default member.
fn big_label_union() -> TypeCode {
    let ull = TypeCode::alias(
        "IDL:Big:1.0",
        "Big",
        &TypeCode::alias("IDL:Big2:1.0", "Big2", &TypeCode::basic(TCKind::ULONGLONG)),
    );
    let me = TypeCode::sequence(&TypeCode::recursive("IDL:U:1.0"), 0);
    TypeCode::union(
        "IDL:U:1.0",
        "U",
        &ull,
        1,
        &[
            (u64::MAX as i128, "big", TypeCode::basic(TCKind::LONG)),
            (0, "dflt", me),
        ],
    )
}

fn all() -> Vec<TypeCode> {
    let mut v: Vec<TypeCode> = corpus::types()
        .all()
        .into_iter()
        .map(|(_, t)| t.clone())
        .collect();
    v.push(big_label_union());
    v
}

#[test]
fn walk_rebuilds_every_corpus_type() {
    for tc in all() {
        assert_eq!(walk(&tc, &mut Rebuild, 64).unwrap(), tc);
    }
}

#[test]
fn read_turns_cycles_into_placeholders() {
    for tc in all() {
        let back = read(&Cyclic, &Node(tc.clone(), Vec::new()), 64).unwrap();
        assert_eq!(back, tc);
    }
}

#[test]
fn ulonglong_labels_keep_their_unsigned_value() {
    let ull = TypeCode::alias("IDL:A:1.0", "A", &TypeCode::basic(TCKind::ULONGLONG));
    assert!(is_ulonglong(&ull));
    let raw = label_to_wire(u64::MAX as i128);
    assert_eq!(raw, -1);
    assert_eq!(label_from_wire(&ull, raw, false), u64::MAX as i128);
    let long = TypeCode::basic(TCKind::LONGLONG);
    assert_eq!(label_from_wire(&long, raw, false), -1);
    assert_eq!(label_from_wire(&ull, raw, true), 0);
}

fn nested(depth: usize) -> TypeCode {
    let mut t = TypeCode::basic(TCKind::LONG);
    for _ in 0..depth {
        t = TypeCode::sequence(&t, 0);
    }
    t
}

#[test]
fn both_walks_stop_at_the_depth_budget() {
    let deep = nested(10);
    assert!(walk(&deep, &mut Rebuild, 10).is_ok());
    let e = walk(&deep, &mut Rebuild, 9).unwrap_err();
    assert_eq!(e.kind, TcErrorKind::DepthExceeded(9));
    let n = Node(deep, Vec::new());
    assert!(read(&Cyclic, &n, 10).is_ok());
    assert_eq!(
        read(&Cyclic, &n, 9).unwrap_err().kind,
        TcErrorKind::DepthExceeded(9)
    );
}

#[test]
fn contains_looks_inside_and_ends_on_recursion() {
    let u = big_label_union();
    assert!(contains(&u, 64, &mut |t| t.kind() == Some(TCKind::LONG)));
    assert!(!contains(&u, 64, &mut |t| t.kind() == Some(TCKind::WCHAR)));
    assert!(contains(&u, 64, &mut |t| matches!(
        t.desc(),
        TypeDesc::Recursive { .. }
    )));
    let deep = nested(10);
    let long = |t: &TypeCode| t.kind() == Some(TCKind::LONG);
    assert!(contains(&deep, 10, &mut { long }));
    assert!(!contains(&deep, 9, &mut { long }));
}

#[test]
fn strip_alias_goes_through_every_alias() {
    let u = big_label_union();
    let TypeDesc::Union { discriminator, .. } = u.desc() else {
        unreachable!()
    };
    assert_eq!(strip_alias(discriminator).kind(), Some(TCKind::ULONGLONG));
}

/// [`Rebuild`] that builds a TypeCode shared by `Arc` once (as the Ada
/// builder does) and counts the structs it builds.
#[derive(Default)]
struct Sharing {
    structs: usize,
    seen: std::collections::HashMap<*const TypeDesc, TypeCode>,
}

impl TcBuilder for Sharing {
    type Handle = TypeCode;
    type Error = TcError;
    fn enter(&mut self, tc: &TypeCode) -> Result<Option<TypeCode>, TcError> {
        if tc.kind() == Some(TCKind::WSTRING) {
            return Err(bad());
        }
        Ok(self.seen.get(&std::sync::Arc::as_ptr(&tc.0)).cloned())
    }
    fn build(&mut self, node: TcNode<'_, TypeCode>) -> Result<TypeCode, TcError> {
        self.structs += usize::from(matches!(node, TcNode::Struct { .. }));
        Rebuild.build(node)
    }
    fn built(&mut self, tc: &TypeCode, handle: &TypeCode) {
        self.seen
            .insert(std::sync::Arc::as_ptr(&tc.0), handle.clone());
    }
}

fn struct_of(id: &str, members: &[(&str, TypeCode)]) -> TypeCode {
    TypeCode::new(TypeDesc::Struct {
        kind: TCKind::STRUCT,
        id: id.into(),
        name: id.into(),
        members: members
            .iter()
            .map(|(n, tc)| StructMember {
                name: (*n).into(),
                tc: tc.clone(),
            })
            .collect(),
    })
}

fn recursive(id: &str) -> TypeCode {
    TypeCode::new(TypeDesc::Recursive { id: id.into() })
}

#[test]
fn enter_reuses_a_shared_typecode_and_rejects_before_the_children() {
    let shared = struct_of("IDL:S:1.0", &[("a", TypeCode::basic(TCKind::LONG))]);
    let outer = struct_of("IDL:O:1.0", &[("x", shared.clone()), ("y", shared)]);
    let mut b = Sharing::default();
    assert_eq!(walk(&outer, &mut b, 64).unwrap(), outer);
    assert_eq!(b.structs, 2, "S is built once, O once");

    let wide = struct_of(
        "IDL:W:1.0",
        &[("w", TypeCode::new(TypeDesc::WString { bound: 0 }))],
    );
    let mut b = Sharing::default();
    assert_eq!(walk(&TypeCode::sequence(&wide, 0), &mut b, 64), Err(bad()));
    assert_eq!(b.structs, 0);
}

/// A foreign graph of numbered nodes: `Some(i)` is a sequence of node
/// `i`, `None` a `long`; read at most `.1` nodes.
struct Graph(Vec<Option<u32>>, usize);

impl TcSource for Graph {
    type Node = u32;
    type Error = TcError;
    fn kind(&self, n: &u32) -> Result<TCKind, TcError> {
        let node = self.0.get(*n as usize).ok_or_else(bad)?;
        Ok(if node.is_some() {
            TCKind::SEQUENCE
        } else {
            TCKind::LONG
        })
    }
    fn id(&self, _: &u32) -> Result<String, TcError> {
        Err(bad())
    }
    fn name(&self, _: &u32) -> Result<String, TcError> {
        Err(bad())
    }
    fn member_count(&self, _: &u32) -> Result<u32, TcError> {
        Err(bad())
    }
    fn member_name(&self, _: &u32, _: u32) -> Result<String, TcError> {
        Err(bad())
    }
    fn member_type(&self, _: &u32, _: u32) -> Result<u32, TcError> {
        Err(bad())
    }
    fn member_label(&self, _: &u32, _: u32) -> Result<i64, TcError> {
        Err(bad())
    }
    fn member_visibility(&self, _: &u32, _: u32) -> Result<Visibility, TcError> {
        Err(bad())
    }
    fn discriminator_type(&self, _: &u32) -> Result<u32, TcError> {
        Err(bad())
    }
    fn default_index(&self, _: &u32) -> Result<i32, TcError> {
        Err(bad())
    }
    fn length(&self, _: &u32) -> Result<u32, TcError> {
        Ok(0)
    }
    fn content_type(&self, n: &u32) -> Result<u32, TcError> {
        self.0[*n as usize].ok_or_else(bad)
    }
    fn fixed_digits(&self, _: &u32) -> Result<u16, TcError> {
        Err(bad())
    }
    fn fixed_scale(&self, _: &u32) -> Result<i16, TcError> {
        Err(bad())
    }
    fn type_modifier(&self, _: &u32) -> Result<ValueModifier, TcError> {
        Err(bad())
    }
    fn concrete_base_type(&self, _: &u32) -> Result<Option<u32>, TcError> {
        Err(bad())
    }
    fn identity(&self, n: &u32) -> Option<u64> {
        Some(u64::from(*n))
    }
    fn max_nodes(&self) -> usize {
        self.1
    }
}

#[test]
fn identity_makes_any_cycle_a_placeholder() {
    // Node 1 is a sequence of node 0, which is a sequence of node 1.
    let tc = read(&Graph(vec![Some(1), Some(0)], 100), &0, 64).unwrap();
    let inner = TypeCode::sequence(&recursive(""), 0);
    assert_eq!(tc, TypeCode::sequence(&inner, 0));
}

#[test]
fn read_stops_at_the_node_budget() {
    let chain = vec![Some(1), Some(2), None];
    assert_eq!(read(&Graph(chain.clone(), 3), &0, 64).unwrap(), nested(2));
    let e = read(&Graph(chain, 2), &0, 64).unwrap_err();
    assert!(matches!(e.kind, TcErrorKind::Malformed(_)), "{e}");
}

#[test]
fn mixed_recursion_is_a_self_reference_beside_an_outer_one() {
    let a = "IDL:A:1.0";
    let b = "IDL:B:1.0";
    let seq = |id| TypeCode::sequence(&recursive(id), 0);
    let mixed = struct_of(a, &[("b", struct_of(b, &[("me", seq(b)), ("up", seq(a))]))]);
    assert!(mixed_recursion(&mixed, 64));
    let only_up = struct_of(a, &[("b", struct_of(b, &[("up", seq(a))]))]);
    assert!(!mixed_recursion(&only_up, 64));
    let only_self = struct_of(a, &[("b", struct_of(b, &[("me", seq(b))]))]);
    assert!(!mixed_recursion(&only_self, 64));
    assert!(
        !mixed_recursion(&mixed, 1),
        "B's members are beyond the depth"
    );
}

#[test]
fn carries_finds_typecodes_in_anys_and_typecode_values() {
    let long = TypeCode::basic(TCKind::LONG);
    let is_long = |t: &TypeCode| t.kind() == Some(TCKind::LONG);
    let in_any = Value::Seq(vec![
        Value::Short(1),
        Value::Union {
            discriminator: Box::new(Value::Boolean(true)),
            member: Some(Box::new(Value::Any(Box::new(crate::Any {
                tc: long.clone(),
                value: Value::Long(7),
            })))),
        },
    ]);
    assert!(carries(&in_any, 64, &mut { is_long }));
    assert!(
        !carries(&in_any, 1, &mut { is_long }),
        "the any is 2 levels in"
    );
    let tc_value = Value::Struct(vec![Value::TypeCode(TypeCode::sequence(&long, 0))]);
    assert!(
        !carries(&tc_value, 64, &mut { is_long }),
        "pred sees it whole"
    );
    assert!(carries(&tc_value, 64, &mut |t| contains(t, 64, &mut {
        is_long
    })));
    assert!(!carries(&Value::Long(3), 64, &mut |_| true));
}
