//! Bridges between this crate's [`TypeCode`] and a foreign ORB's TypeCode
//! objects, written once for every legacy backend (omniORB, the Ada
//! library): a backend implements [`TcBuilder`] (Rust → foreign) and/or
//! [`TcSource`] (foreign → Rust) and calls [`walk`] / [`read`], which do the
//! hard parts in one place:
//!
//! * **Depth.** Both walks count one budget for the whole nesting and fail
//!   with [`TcErrorKind::DepthExceeded`] instead of recursing without limit.
//! * **Recursion.** In this model a recursive TypeCode refers to its
//!   enclosing struct, union or value type by a `Recursive { id }`
//!   placeholder (on the wire an indirection, CORBA 3.x Part 2 §9.3.5.1).
//!   [`walk`] hands the placeholder to the builder as
//!   [`TcNode::Recursive`] (omniORB: `create_recursive_tc`, Part 1 §7.11.3
//!   "Creating TypeCodes"). A foreign ORB that resolves recursion into a
//!   cycle of objects is read back by [`read`], which keeps the repository
//!   ids of the enclosing struct/union/value types and turns meeting one
//!   again into a placeholder (so a cycle never recurses forever). A
//!   source whose nodes have an identity (the Ada library's graph:
//!   [`TcSource::identity`]) is cut at a node met again inside itself
//!   instead, whatever its kind.
//! * **Sharing.** A builder may turn a TypeCode shared by `Arc` into one
//!   foreign node ([`TcBuilder::enter`] / [`TcBuilder::built`]); a source
//!   that shares nodes unfolds into a tree no larger than
//!   [`TcSource::max_nodes`].
//! * **Union labels.** The model keeps a label as the number it denotes
//!   (`i128`); foreign ORBs pass the low 64 bits. For an `unsigned long
//!   long` discriminator (seen through any number of aliases: a
//!   discriminator's TypeCode may be an alias, §9.3.5.1) the 64 bits are the
//!   unsigned value, for every other discriminator the signed one
//!   ([`label_to_wire`], [`label_from_wire`]). The label of the default
//!   member is not meaningful and reads back as 0 (§9.3.5.1: encoded as a
//!   zero octet).
//!
//! [`contains`] answers "does this TypeCode contain X", [`carries`] "does
//! this value carry a TypeCode that is X", [`strip_alias`] looks through
//! aliases and [`mixed_recursion`] finds the recursion omniORB cannot
//! build, for the callers that used to hand-roll them.

use crate::error::{TcError, TcErrorKind};
use crate::model::{
    StructMember, TCKind, TypeCode, TypeDesc, UnionMember, Value, ValueMember, ValueModifier,
    Visibility,
};

/// The TypeCode with every alias stripped (`content` of `content`...).
pub fn strip_alias(tc: &TypeCode) -> &TypeCode {
    crate::tcio::strip_alias(tc)
}

/// The TypeCodes directly inside `tc`: members, discriminator, element,
/// alias or box content, concrete base. A `Recursive` placeholder has none
/// (its target encloses it and is already being visited).
pub fn children(tc: &TypeCode) -> Vec<&TypeCode> {
    match tc.desc() {
        TypeDesc::Struct { members, .. } => members.iter().map(|m| &m.tc).collect(),
        TypeDesc::Union {
            discriminator,
            members,
            ..
        } => std::iter::once(discriminator)
            .chain(members.iter().map(|m| &m.tc))
            .collect(),
        TypeDesc::Value {
            concrete_base,
            members,
            ..
        } => concrete_base
            .iter()
            .chain(members.iter().map(|m| &m.tc))
            .collect(),
        TypeDesc::Sequence { element, .. } | TypeDesc::Array { element, .. } => vec![element],
        TypeDesc::Alias { content, .. } | TypeDesc::ValueBox { content, .. } => vec![content],
        _ => Vec::new(),
    }
}

/// Whether `pred` holds for `tc` or any TypeCode inside it, visiting at
/// most `max_depth` levels (deeper TypeCodes count as not matching; a
/// `Recursive` placeholder is visited but not followed, so recursion ends).
pub fn contains(tc: &TypeCode, max_depth: usize, pred: &mut dyn FnMut(&TypeCode) -> bool) -> bool {
    fn go(
        tc: &TypeCode,
        depth: usize,
        max: usize,
        pred: &mut dyn FnMut(&TypeCode) -> bool,
    ) -> bool {
        if depth > max {
            return false;
        }
        pred(tc)
            || children(tc)
                .into_iter()
                .any(|c| go(c, depth + 1, max, pred))
    }
    go(tc, 0, max_depth, pred)
}

/// Whether `pred` holds for a TypeCode that `v` carries (a TypeCode value
/// or an any's type) inside structs, unions, sequences, value type members
/// and other anys, looking at most `max_depth` value levels deep. `pred`
/// sees each carried TypeCode whole; [`contains`] looks inside one.
pub fn carries(v: &Value, max_depth: usize, pred: &mut dyn FnMut(&TypeCode) -> bool) -> bool {
    fn go(v: &Value, depth: usize, max: usize, pred: &mut dyn FnMut(&TypeCode) -> bool) -> bool {
        if depth > max {
            return false;
        }
        let d = depth + 1;
        match v {
            Value::TypeCode(t) => pred(t),
            Value::Any(a) => pred(&a.tc) || go(&a.value, d, max, pred),
            Value::Struct(vs) | Value::Seq(vs) => vs.iter().any(|x| go(x, d, max, pred)),
            Value::Union { member, .. } => member.as_deref().is_some_and(|m| go(m, d, max, pred)),
            Value::ValueType(Some(inst)) => inst.members.iter().any(|x| go(x, d, max, pred)),
            _ => false,
        }
    }
    go(v, 0, max_depth, pred)
}

/// Whether a struct, union or value type inside `tc` refers (through a
/// `Recursive` placeholder) both to itself and to a type enclosing it,
/// looking at most `max_depth` levels deep. omniORB 4.2.5 cannot build
/// such a TypeCode (corpus/known_divergences.md, omniorb-mixed-recursion).
pub fn mixed_recursion(tc: &TypeCode, max_depth: usize) -> bool {
    /// The placeholder ids inside `tc` that `tc` does not enclose itself.
    fn open_refs<'a>(
        tc: &'a TypeCode,
        enclosing: &mut Vec<&'a str>,
        found: &mut bool,
        depth: usize,
        max: usize,
    ) -> Vec<&'a str> {
        if *found || depth > max {
            return Vec::new();
        }
        let own = match tc.desc() {
            TypeDesc::Recursive { id } => return vec![id.as_str()],
            TypeDesc::Struct { id, .. }
            | TypeDesc::Union { id, .. }
            | TypeDesc::Value { id, .. } => Some(id.as_str()),
            _ => None,
        };
        enclosing.extend(own);
        let mut refs = Vec::new();
        for c in children(tc) {
            refs.extend(open_refs(c, enclosing, found, depth + 1, max));
        }
        if let Some(id) = own {
            enclosing.pop();
            if refs.contains(&id) && refs.iter().any(|r| *r != id && enclosing.contains(r)) {
                *found = true;
            }
            refs.retain(|r| *r != id);
        }
        refs
    }
    let mut found = false;
    open_refs(tc, &mut Vec::new(), &mut found, 0, max_depth);
    found
}

/// Whether `tc` (through aliases) is `unsigned long long`: the one
/// discriminator whose 64-bit labels are unsigned.
pub fn is_ulonglong(tc: &TypeCode) -> bool {
    strip_alias(tc).kind() == Some(TCKind::ULONGLONG)
}

/// A model label as the 64 bits foreign ORBs pass: every discriminator
/// type's values fit (unsigned long long by bit pattern).
pub fn label_to_wire(label: i128) -> i64 {
    label as i64
}

/// The model label of a foreign member label `raw` of a union whose
/// discriminator is `discriminator`; the default member's label is 0.
pub fn label_from_wire(discriminator: &TypeCode, raw: i64, is_default: bool) -> i128 {
    if is_default {
        0
    } else if is_ulonglong(discriminator) {
        i128::from(raw as u64)
    } else {
        i128::from(raw)
    }
}

/// One TypeCode node handed to a [`TcBuilder`], its children already built
/// into handles (children first, so a builder never sees a half-built
/// child).
#[derive(Debug)]
pub enum TcNode<'a, H> {
    Basic(TCKind),
    String {
        bound: u32,
    },
    WString {
        bound: u32,
    },
    Fixed {
        digits: u16,
        scale: i16,
    },
    Interface {
        kind: TCKind,
        id: &'a str,
        name: &'a str,
    },
    Struct {
        kind: TCKind,
        id: &'a str,
        name: &'a str,
        members: Vec<(&'a str, H)>,
    },
    /// Members as (label in 64 bits, see [`label_to_wire`]; whether it is
    /// the default member; name; type).
    Union {
        id: &'a str,
        name: &'a str,
        discriminator: H,
        default_index: i32,
        members: Vec<(i64, bool, &'a str, H)>,
    },
    Enum {
        id: &'a str,
        name: &'a str,
        members: Vec<&'a str>,
    },
    Sequence {
        element: H,
        bound: u32,
    },
    Array {
        element: H,
        length: u32,
    },
    Alias {
        id: &'a str,
        name: &'a str,
        content: H,
    },
    Value {
        kind: TCKind,
        id: &'a str,
        name: &'a str,
        modifier: ValueModifier,
        concrete_base: Option<H>,
        members: Vec<(&'a str, H, Visibility)>,
    },
    ValueBox {
        id: &'a str,
        name: &'a str,
        content: H,
    },
    /// A reference to the enclosing struct/union/value type `id`.
    Recursive {
        id: &'a str,
    },
}

/// Builds foreign TypeCodes from [`TcNode`]s (Rust → foreign).
pub trait TcBuilder {
    /// What a built TypeCode is to the builder (an object, an arena index).
    type Handle;
    type Error: From<TcError>;
    /// Called on `tc` before its children are walked. `Some` is a handle
    /// to use instead of walking `tc` (a builder that turns a TypeCode
    /// shared by `Arc` into one foreign node); an error rejects `tc` before
    /// its children cost anything (a kind the foreign ORB cannot build).
    /// Default: walk it.
    fn enter(&mut self, _tc: &TypeCode) -> Result<Option<Self::Handle>, Self::Error> {
        Ok(None)
    }
    fn build(&mut self, node: TcNode<'_, Self::Handle>) -> Result<Self::Handle, Self::Error>;
    /// Called after `tc` was built into `handle` (to remember it for
    /// [`TcBuilder::enter`]).
    fn built(&mut self, _tc: &TypeCode, _handle: &Self::Handle) {}
}

/// Walks `tc` children first into `builder`, at most `max_depth` levels.
pub fn walk<B: TcBuilder>(
    tc: &TypeCode,
    builder: &mut B,
    max_depth: usize,
) -> Result<B::Handle, B::Error> {
    walk_at(tc, builder, 0, max_depth)
}

fn depth_error(max: usize) -> TcError {
    TcError::new(
        TcErrorKind::DepthExceeded(u32::try_from(max).unwrap_or(u32::MAX)),
        0,
    )
}

fn walk_at<B: TcBuilder>(
    tc: &TypeCode,
    b: &mut B,
    depth: usize,
    max: usize,
) -> Result<B::Handle, B::Error> {
    if depth > max {
        return Err(depth_error(max).into());
    }
    if let Some(h) = b.enter(tc)? {
        return Ok(h);
    }
    let d = depth + 1;
    let node = match tc.desc() {
        TypeDesc::Basic(k) => TcNode::Basic(*k),
        TypeDesc::String { bound } => TcNode::String { bound: *bound },
        TypeDesc::WString { bound } => TcNode::WString { bound: *bound },
        TypeDesc::Fixed { digits, scale } => TcNode::Fixed {
            digits: *digits,
            scale: *scale,
        },
        TypeDesc::Interface { kind, id, name } => TcNode::Interface {
            kind: *kind,
            id,
            name,
        },
        TypeDesc::Struct {
            kind,
            id,
            name,
            members,
        } => {
            let mut ms = Vec::with_capacity(members.len());
            for m in members {
                ms.push((m.name.as_str(), walk_at(&m.tc, b, d, max)?));
            }
            TcNode::Struct {
                kind: *kind,
                id,
                name,
                members: ms,
            }
        }
        TypeDesc::Union {
            id,
            name,
            discriminator,
            default_index,
            members,
        } => {
            let disc = walk_at(discriminator, b, d, max)?;
            let mut ms = Vec::with_capacity(members.len());
            for (i, m) in members.iter().enumerate() {
                let is_default = i64::from(*default_index) == i as i64;
                let t = walk_at(&m.tc, b, d, max)?;
                ms.push((label_to_wire(m.label), is_default, m.name.as_str(), t));
            }
            TcNode::Union {
                id,
                name,
                discriminator: disc,
                default_index: *default_index,
                members: ms,
            }
        }
        TypeDesc::Enum { id, name, members } => TcNode::Enum {
            id,
            name,
            members: members.iter().map(|m| m.as_str()).collect(),
        },
        TypeDesc::Sequence { element, bound } => TcNode::Sequence {
            element: walk_at(element, b, d, max)?,
            bound: *bound,
        },
        TypeDesc::Array { element, length } => TcNode::Array {
            element: walk_at(element, b, d, max)?,
            length: *length,
        },
        TypeDesc::Alias { id, name, content } => TcNode::Alias {
            id,
            name,
            content: walk_at(content, b, d, max)?,
        },
        TypeDesc::Value {
            kind,
            id,
            name,
            modifier,
            concrete_base,
            members,
        } => {
            let base = match concrete_base {
                Some(t) => Some(walk_at(t, b, d, max)?),
                None => None,
            };
            let mut ms = Vec::with_capacity(members.len());
            for m in members {
                let t = walk_at(&m.tc, b, d, max)?;
                ms.push((m.name.as_str(), t, m.visibility));
            }
            TcNode::Value {
                kind: *kind,
                id,
                name,
                modifier: *modifier,
                concrete_base: base,
                members: ms,
            }
        }
        TypeDesc::ValueBox { id, name, content } => TcNode::ValueBox {
            id,
            name,
            content: walk_at(content, b, d, max)?,
        },
        TypeDesc::Recursive { id } => TcNode::Recursive { id },
    };
    let h = b.build(node)?;
    b.built(tc, &h);
    Ok(h)
}

/// A foreign TypeCode read through the accessors of the CORBA `TypeCode`
/// interface (CORBA 3.x Part 1 §7.11.1: `kind`, `id`, `name`,
/// `member_count`, `member_name`, `member_type`, `member_label`, ...).
/// Accessors are only called for the kinds the interface allows them on.
pub trait TcSource {
    /// One foreign TypeCode (owned or borrowed).
    type Node;
    type Error: From<TcError>;
    fn kind(&self, n: &Self::Node) -> Result<TCKind, Self::Error>;
    fn id(&self, n: &Self::Node) -> Result<String, Self::Error>;
    fn name(&self, n: &Self::Node) -> Result<String, Self::Error>;
    fn member_count(&self, n: &Self::Node) -> Result<u32, Self::Error>;
    fn member_name(&self, n: &Self::Node, i: u32) -> Result<String, Self::Error>;
    fn member_type(&self, n: &Self::Node, i: u32) -> Result<Self::Node, Self::Error>;
    /// The label's low 64 bits (see [`label_from_wire`]).
    fn member_label(&self, n: &Self::Node, i: u32) -> Result<i64, Self::Error>;
    fn member_visibility(&self, n: &Self::Node, i: u32) -> Result<Visibility, Self::Error>;
    fn discriminator_type(&self, n: &Self::Node) -> Result<Self::Node, Self::Error>;
    fn default_index(&self, n: &Self::Node) -> Result<i32, Self::Error>;
    /// String/sequence bound or array length.
    fn length(&self, n: &Self::Node) -> Result<u32, Self::Error>;
    fn content_type(&self, n: &Self::Node) -> Result<Self::Node, Self::Error>;
    fn fixed_digits(&self, n: &Self::Node) -> Result<u16, Self::Error>;
    fn fixed_scale(&self, n: &Self::Node) -> Result<i16, Self::Error>;
    fn type_modifier(&self, n: &Self::Node) -> Result<ValueModifier, Self::Error>;
    fn concrete_base_type(&self, n: &Self::Node) -> Result<Option<Self::Node>, Self::Error>;
    /// A kind this reader does not know.
    fn unknown_kind(&self, kind: TCKind) -> Self::Error {
        TcError::new(TcErrorKind::UnknownKind(kind.0), 0).into()
    }
    /// The identity of node `n` when the source has one (an index into a
    /// graph of nodes). Meeting a node again inside itself is then a cycle
    /// whatever its kind or repository id. Default: none, and a cycle is a
    /// struct/union/value type whose repository id encloses it.
    fn identity(&self, _n: &Self::Node) -> Option<u64> {
        None
    }
    /// Most nodes one [`read`] may produce: a source that shares nodes (a
    /// graph decoded with indirections for repeats) unfolds into a tree
    /// that could otherwise be exponentially larger. Default: no limit
    /// beyond the depth.
    fn max_nodes(&self) -> usize {
        usize::MAX
    }
    /// The error once [`TcSource::max_nodes`] is exceeded.
    fn too_many_nodes(&self) -> Self::Error {
        TcError::new(
            TcErrorKind::Malformed("expands to more nodes than the read allows"),
            0,
        )
        .into()
    }
}

/// Where a [`read`] is: the enclosing nodes and what is left of the budget.
struct ReadState {
    /// Repository ids of the enclosing struct/union/value types (sources
    /// without [`TcSource::identity`]).
    ids: Vec<String>,
    /// Identities of every enclosing node (sources with one).
    nodes: Vec<u64>,
    nodes_left: usize,
}

/// Whether the TypeCode interface allows `id()` on `kind` (Part 1
/// §7.11.1).
fn has_id(kind: TCKind) -> bool {
    matches!(
        kind,
        TCKind::OBJREF
            | TCKind::STRUCT
            | TCKind::UNION
            | TCKind::ENUM
            | TCKind::ALIAS
            | TCKind::EXCEPT
            | TCKind::VALUE
            | TCKind::VALUE_BOX
            | TCKind::NATIVE
            | TCKind::ABSTRACT_INTERFACE
            | TCKind::LOCAL_INTERFACE
            | TCKind::COMPONENT
            | TCKind::HOME
            | TCKind::EVENT
    )
}

/// Reads the foreign TypeCode `n` into a [`TypeCode`], at most `max_depth`
/// levels; a node met again inside itself (see [`TcSource::identity`])
/// becomes a `Recursive` placeholder.
pub fn read<S: TcSource>(src: &S, n: &S::Node, max_depth: usize) -> Result<TypeCode, S::Error> {
    let mut st = ReadState {
        ids: Vec::new(),
        nodes: Vec::new(),
        nodes_left: src.max_nodes(),
    };
    read_at(src, n, &mut st, 0, max_depth)
}

fn read_at<S: TcSource>(
    s: &S,
    n: &S::Node,
    st: &mut ReadState,
    depth: usize,
    max: usize,
) -> Result<TypeCode, S::Error> {
    st.nodes_left = st
        .nodes_left
        .checked_sub(1)
        .ok_or_else(|| s.too_many_nodes())?;
    let kind = s.kind(n)?;
    let identity = s.identity(n);
    if let Some(key) = identity {
        if st.nodes.contains(&key) {
            let id = if has_id(kind) {
                s.id(n)?
            } else {
                String::new()
            };
            return Ok(TypeCode::new(TypeDesc::Recursive { id }));
        }
    }
    if depth > max {
        return Err(depth_error(max).into());
    }
    if let Some(key) = identity {
        st.nodes.push(key);
    }
    let r = read_node(s, n, kind, identity.is_none(), st, depth + 1, max);
    if identity.is_some() {
        st.nodes.pop();
    }
    r
}

/// The node `n` of kind `kind`, children read at depth `d`; `by_id`: a
/// struct/union/value type whose repository id encloses it is a cycle.
fn read_node<S: TcSource>(
    s: &S,
    n: &S::Node,
    kind: TCKind,
    by_id: bool,
    st: &mut ReadState,
    d: usize,
    max: usize,
) -> Result<TypeCode, S::Error> {
    let desc = match kind {
        k if crate::tcio::is_empty_param_kind(k) => TypeDesc::Basic(kind),
        TCKind::STRING => TypeDesc::String {
            bound: s.length(n)?,
        },
        TCKind::WSTRING => TypeDesc::WString {
            bound: s.length(n)?,
        },
        TCKind::FIXED => TypeDesc::Fixed {
            digits: s.fixed_digits(n)?,
            scale: s.fixed_scale(n)?,
        },
        TCKind::OBJREF
        | TCKind::ABSTRACT_INTERFACE
        | TCKind::LOCAL_INTERFACE
        | TCKind::NATIVE
        | TCKind::COMPONENT
        | TCKind::HOME => TypeDesc::Interface {
            kind,
            id: s.id(n)?,
            name: s.name(n)?,
        },
        TCKind::STRUCT | TCKind::EXCEPT | TCKind::UNION | TCKind::VALUE | TCKind::EVENT => {
            let id = s.id(n)?;
            if by_id && !id.is_empty() && st.ids.contains(&id) {
                return Ok(TypeCode::new(TypeDesc::Recursive { id }));
            }
            st.ids.push(id.clone());
            let r = read_constructed(s, n, kind, id, st, d, max);
            st.ids.pop();
            r?
        }
        TCKind::ENUM => {
            let count = s.member_count(n)?;
            let mut members = Vec::new();
            for i in 0..count {
                members.push(s.member_name(n, i)?.into());
            }
            TypeDesc::Enum {
                id: s.id(n)?,
                name: s.name(n)?,
                members,
            }
        }
        TCKind::SEQUENCE | TCKind::ARRAY => {
            let length = s.length(n)?;
            let element = read_at(s, &s.content_type(n)?, st, d, max)?;
            if kind == TCKind::SEQUENCE {
                TypeDesc::Sequence {
                    element,
                    bound: length,
                }
            } else {
                TypeDesc::Array { element, length }
            }
        }
        TCKind::ALIAS | TCKind::VALUE_BOX => {
            let (id, name) = (s.id(n)?, s.name(n)?);
            let content = read_at(s, &s.content_type(n)?, st, d, max)?;
            if kind == TCKind::ALIAS {
                TypeDesc::Alias { id, name, content }
            } else {
                TypeDesc::ValueBox { id, name, content }
            }
        }
        other => return Err(s.unknown_kind(other)),
    };
    Ok(TypeCode::new(desc))
}

fn read_constructed<S: TcSource>(
    s: &S,
    n: &S::Node,
    kind: TCKind,
    id: String,
    st: &mut ReadState,
    d: usize,
    max: usize,
) -> Result<TypeDesc, S::Error> {
    let name = s.name(n)?;
    let count = s.member_count(n)?;
    // Members are pushed as read, so a lying count costs only failed calls.
    Ok(match kind {
        TCKind::STRUCT | TCKind::EXCEPT => {
            let mut members = Vec::new();
            for i in 0..count {
                members.push(StructMember {
                    name: s.member_name(n, i)?.into(),
                    tc: read_at(s, &s.member_type(n, i)?, st, d, max)?,
                });
            }
            TypeDesc::Struct {
                kind,
                id,
                name,
                members,
            }
        }
        TCKind::UNION => {
            let discriminator = read_at(s, &s.discriminator_type(n)?, st, d, max)?;
            let default_index = s.default_index(n)?;
            let mut members = Vec::new();
            for i in 0..count {
                let is_default = i64::from(default_index) == i64::from(i);
                members.push(UnionMember {
                    label: label_from_wire(&discriminator, s.member_label(n, i)?, is_default),
                    name: s.member_name(n, i)?.into(),
                    tc: read_at(s, &s.member_type(n, i)?, st, d, max)?,
                });
            }
            TypeDesc::Union {
                id,
                name,
                discriminator,
                default_index,
                members,
            }
        }
        _ => {
            let concrete_base = match s.concrete_base_type(n)? {
                Some(b) => Some(read_at(s, &b, st, d, max)?),
                None => None,
            };
            let mut members = Vec::new();
            for i in 0..count {
                members.push(ValueMember {
                    name: s.member_name(n, i)?.into(),
                    tc: read_at(s, &s.member_type(n, i)?, st, d, max)?,
                    visibility: s.member_visibility(n, i)?,
                });
            }
            TypeDesc::Value {
                kind,
                id,
                name,
                modifier: s.type_modifier(n)?,
                concrete_base,
                members,
            }
        }
    })
}

#[cfg(test)]
mod tests;
