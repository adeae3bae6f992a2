//! The Ada legacy backend behind the common operation set, as backend
//! `ada`.
//!
//! The Ada library (`ffi/ada/src/*.ad[sb]`, built by `legacy-ada-sys` with
//! gprbuild) implements the C ABI of `ffi/ada/abi/glb.h`. This crate owns
//! its handles ([`TcGraph`], [`ValTree`], [`StaticRecord`], freed on
//! `Drop`), elaborates the library once before first use, and implements
//! [`bench_ops::Backend`]:
//!
//! * values are built on the Ada side by walking the Rust value through
//!   builder calls (never from Rust's bytes), and walked back the same way;
//! * the measured operations are single ABI calls writing into a reused,
//!   caller-owned buffer (or decoding into a reused Ada-side value).
//!
//! Strings cross the ABI in ISO-8859-1 (the default transmission code set);
//! a `string` with a character above U+00FF is rejected, as the Rust
//! writer does.

mod error;
mod giop_ops;
mod handles;
mod native_form;

pub use error::{AdaError, Status};
pub use handles::{
    abi_version, giop_reply_decode, giop_reply_encode, giop_request_decode, giop_request_encode,
    Reply, Request, StaticRecord, TcGraph, TcInfo, TcMember, ValInfo, ValTree,
};

use bench_ops::{Backend, BackendError, Case, Decoder, Encoder, Family, NativeForm, Subject};
use corba_cdr::{ByteOrder, Fixed, LongDouble};
use corba_typecode::bridge as tcb;
use corba_typecode::{Any, PrimSeq, TCKind, TypeCode, TypeDesc, Value, ValueModifier, Visibility};
use legacy_ada_sys as sys;
use std::collections::HashMap;
use std::sync::Arc;

const NAME: &str = "ada";

/// Plain CDR subjects of [`ValTree::cdr_encode`] (`GLB_SUBJECT_*`).
pub const SUBJECT_SEQ_LONG: u32 = sys::GLB_SUBJECT_SEQ_LONG as u32;
pub const SUBJECT_SEQ_DOUBLE: u32 = sys::GLB_SUBJECT_SEQ_DOUBLE as u32;
pub const SUBJECT_SEQ_OCTET: u32 = sys::GLB_SUBJECT_SEQ_OCTET as u32;
pub const SUBJECT_SEQ_STRING: u32 = sys::GLB_SUBJECT_SEQ_STRING as u32;
pub const SUBJECT_STRING: u32 = sys::GLB_SUBJECT_STRING as u32;
pub const SUBJECT_WSTRING: u32 = sys::GLB_SUBJECT_WSTRING as u32;

/// Byte order, GIOP minor version and style flags of one call.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Wire {
    pub order: u8,
    pub minor: u8,
    pub style: u32,
}

impl Wire {
    pub fn new(order: ByteOrder, giop: corba_cdr::GiopVersion, style: AdaStyle) -> Wire {
        Wire {
            order: order.flag(),
            minor: giop.minor,
            style: style.0,
        }
    }
}

/// Choices the spec leaves open (`GLB_STYLE_*`). The empty style is the Ada
/// backend's own choices, PolyORB's: nested TypeCode encapsulations in host
/// byte order, indirections only for recursion, GIOP 1.2 wstrings without a
/// BOM in big-endian units, a union's default label as the zero octet.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub struct AdaStyle(pub u32);

impl AdaStyle {
    /// The Ada backend's own (PolyORB's) choices.
    pub const NATIVE: AdaStyle = AdaStyle(0);
    pub const ENCAPS_STREAM_ORDER: AdaStyle = AdaStyle(sys::GLB_STYLE_ENCAPS_STREAM_ORDER as u32);
    pub const INDIRECT_REPEATED: AdaStyle = AdaStyle(sys::GLB_STYLE_INDIRECT_REPEATED as u32);
    pub const WSTRING_BOM: AdaStyle = AdaStyle(sys::GLB_STYLE_WSTRING_BOM as u32);
    pub const DEFAULT_LABEL_DISCRIMINATOR: AdaStyle =
        AdaStyle(sys::GLB_STYLE_DEFAULT_LABEL_DISCRIMINATOR as u32);
    /// Exception values in an any without their repository id (omniORB).
    pub const EXCEPT_ID_OMITTED: AdaStyle = AdaStyle(sys::GLB_STYLE_EXCEPT_ID_OMITTED as u32);

    /// Everything in the stream's byte order, as the spec's examples do.
    pub const SPEC: AdaStyle = AdaStyle::ENCAPS_STREAM_ORDER;

    /// omniORB 4.2's choices (see `corpus/known_divergences.md`).
    pub const OMNIORB: AdaStyle = AdaStyle(
        sys::GLB_STYLE_INDIRECT_REPEATED as u32
            | sys::GLB_STYLE_WSTRING_BOM as u32
            | sys::GLB_STYLE_DEFAULT_LABEL_DISCRIMINATOR as u32
            | sys::GLB_STYLE_EXCEPT_ID_OMITTED as u32,
    );

    pub const fn with(self, other: AdaStyle) -> AdaStyle {
        AdaStyle(self.0 | other.0)
    }
}

/// Size in octets of a compact primitive kind.
pub(crate) fn prim_size(kind: u32) -> Option<usize> {
    Some(match TCKind(kind) {
        TCKind::SHORT | TCKind::USHORT => 2,
        TCKind::LONG | TCKind::ULONG | TCKind::FLOAT => 4,
        TCKind::LONGLONG | TCKind::ULONGLONG | TCKind::DOUBLE => 8,
        TCKind::BOOLEAN | TCKind::CHAR | TCKind::OCTET => 1,
        _ => return None,
    })
}

fn failed(e: impl std::fmt::Display) -> BackendError {
    BackendError::Failed {
        backend: NAME,
        message: e.to_string(),
    }
}

fn unsupported(what: impl Into<String>) -> BackendError {
    BackendError::Unsupported {
        backend: NAME,
        what: what.into(),
    }
}

fn ada(e: AdaError) -> BackendError {
    if e.status == Status::Unsupported {
        unsupported(e.to_string())
    } else {
        failed(e)
    }
}

/// A Rust string as ISO-8859-1 octets.
pub fn latin1(s: &str) -> Result<Vec<u8>, BackendError> {
    s.chars()
        .map(|c| {
            u8::try_from(u32::from(c))
                .map_err(|_| failed(format!("character {c:?} not representable in ISO-8859-1")))
        })
        .collect()
}

fn from_latin1(b: &[u8]) -> String {
    b.iter().map(|&c| char::from(c)).collect()
}

// ------------------------------------------------------------ TypeCodes

/// Deepest nesting the Rust-side walks of TypeCodes and values follow (a
/// bound on recursion): twice the library's own budget (`GLB_MAX_DEPTH`),
/// so it never cuts what the library accepts.
const WALK_DEPTH: usize = 2 * sys::GLB_MAX_DEPTH as usize;

/// A [`BackendError`] the TypeCode bridge can also produce (its depth
/// budget), so that [`GraphBuilder`] and [`GraphSource`] can be bridge
/// adapters.
struct Bridged(BackendError);

/// The kind only: a bridge walk has no stream offset.
impl From<corba_typecode::TcError> for Bridged {
    fn from(e: corba_typecode::TcError) -> Bridged {
        Bridged(failed(format!("TypeCode: {}", e.kind)))
    }
}

impl From<BackendError> for Bridged {
    fn from(e: BackendError) -> Bridged {
        Bridged(e)
    }
}

impl From<AdaError> for Bridged {
    fn from(e: AdaError) -> Bridged {
        Bridged(ada(e))
    }
}

/// Builds `tc` in `g` bottom-up and returns its node. A TypeCode shared
/// (the same `Arc`) in several places becomes one node, so that the Ada
/// side sees repeats as the Rust side does
/// ([`AdaStyle::INDIRECT_REPEATED`]).
pub fn build_tc(g: &mut TcGraph, tc: &TypeCode) -> Result<u32, BackendError> {
    let mut b = GraphBuilder {
        g,
        shared: HashMap::new(),
    };
    tcb::walk(tc, &mut b, WALK_DEPTH).map_err(|Bridged(e)| e)
}

/// Rust → Ada ([`tcb::TcBuilder`]): a handle is a node of the graph.
struct GraphBuilder<'g> {
    g: &'g mut TcGraph,
    /// The node built for each TypeCode `Arc` so far.
    shared: HashMap<*const TypeDesc, u32>,
}

impl tcb::TcBuilder for GraphBuilder<'_> {
    type Handle = u32;
    type Error = Bridged;

    fn enter(&mut self, tc: &TypeCode) -> Result<Option<u32>, Bridged> {
        if let Some(&n) = self.shared.get(&Arc::as_ptr(&tc.0)) {
            return Ok(Some(n));
        }
        match tc.desc() {
            TypeDesc::Value { .. } => Err(unsupported("value type TypeCodes").into()),
            _ => Ok(None),
        }
    }

    fn build(&mut self, node: tcb::TcNode<'_, u32>) -> Result<u32, Bridged> {
        use tcb::TcNode;
        let g = &mut *self.g;
        let k = |k: TCKind| k.0;
        Ok(match node {
            TcNode::Basic(kind) => g.basic(kind.0)?,
            TcNode::String { bound } => g.string(k(TCKind::STRING), bound)?,
            TcNode::WString { bound } => g.string(k(TCKind::WSTRING), bound)?,
            TcNode::Fixed { digits, scale } => g.fixed(digits, scale)?,
            TcNode::Interface { kind, id, name } => {
                g.named(kind.0, &latin1(id)?, &latin1(name)?, 0)?
            }
            TcNode::Struct {
                kind,
                id,
                name,
                members,
            } => {
                let n = g.named(kind.0, &latin1(id)?, &latin1(name)?, 0)?;
                for (member, t) in members {
                    g.add_member(n, &latin1(member)?, t, 0)?;
                }
                n
            }
            TcNode::Union {
                id,
                name,
                discriminator,
                default_index,
                members,
            } => {
                let n = g.union(&latin1(id)?, &latin1(name)?, discriminator, default_index)?;
                for (label, _, member, t) in members {
                    g.add_member(n, &latin1(member)?, t, label)?;
                }
                n
            }
            TcNode::Enum { id, name, members } => {
                let n = g.named(k(TCKind::ENUM), &latin1(id)?, &latin1(name)?, 0)?;
                for m in members {
                    g.add_member(n, &latin1(m)?, 0, 0)?;
                }
                n
            }
            TcNode::Sequence { element, bound } => {
                g.sequence(k(TCKind::SEQUENCE), element, bound)?
            }
            TcNode::Array { element, length } => g.sequence(k(TCKind::ARRAY), element, length)?,
            TcNode::Alias { id, name, content } => {
                g.named(k(TCKind::ALIAS), &latin1(id)?, &latin1(name)?, content)?
            }
            TcNode::ValueBox { id, name, content } => {
                g.named(k(TCKind::VALUE_BOX), &latin1(id)?, &latin1(name)?, content)?
            }
            TcNode::Value { .. } => return Err(unsupported("value type TypeCodes").into()),
            TcNode::Recursive { id } => {
                g.named(sys::GLB_TK_RECURSIVE as u32, &latin1(id)?, b"", 0)?
            }
        })
    }

    fn built(&mut self, tc: &TypeCode, node: &u32) {
        self.shared.insert(Arc::as_ptr(&tc.0), *node);
    }
}

/// A whole Ada-side graph for `tc`, root set (recursion resolved).
pub fn tc_graph(tc: &TypeCode) -> Result<TcGraph, BackendError> {
    let mut g = TcGraph::new().map_err(ada)?;
    let root = build_tc(&mut g, tc)?;
    g.set_root(root).map_err(ada)?;
    Ok(g)
}

/// Walks an Ada-side graph back into a TypeCode. A reference to a node
/// being walked (a cycle: recursion) becomes `TypeDesc::Recursive`; a
/// repeated, non-recursive reference is expanded.
pub fn export_tc(g: &TcGraph) -> Result<TypeCode, BackendError> {
    let src = GraphSource(g);
    let root = src.node(g.root().map_err(ada)?)?;
    tcb::read(&src, &root, WALK_DEPTH).map_err(|Bridged(e)| e)
}

/// Most nodes one export may produce: repeated references are expanded, so
/// a small decoded graph could otherwise unfold exponentially.
const EXPORT_BUDGET: usize = 1 << 20;

/// Ada → Rust ([`tcb::TcSource`]): the graph's nodes, each with its
/// `glb_tc_info`, identified by node number (so a cycle is recursion).
struct GraphSource<'g>(&'g TcGraph);

struct GraphNode {
    node: u32,
    info: TcInfo,
}

impl GraphSource<'_> {
    fn node(&self, node: u32) -> Result<GraphNode, BackendError> {
        Ok(GraphNode {
            node,
            info: self.0.info(node).map_err(ada)?,
        })
    }
    fn member(&self, n: &GraphNode, i: u32) -> Result<TcMember, Bridged> {
        Ok(self.0.member(n.node, i)?)
    }
}

/// The Ada library has no value type TypeCodes.
fn no_values() -> Bridged {
    unsupported("value type TypeCodes").into()
}

impl tcb::TcSource for GraphSource<'_> {
    type Node = GraphNode;
    type Error = Bridged;
    fn kind(&self, n: &GraphNode) -> Result<TCKind, Bridged> {
        Ok(TCKind(n.info.kind))
    }
    fn id(&self, n: &GraphNode) -> Result<String, Bridged> {
        Ok(n.info.id.clone())
    }
    fn name(&self, n: &GraphNode) -> Result<String, Bridged> {
        Ok(n.info.name.clone())
    }
    fn member_count(&self, n: &GraphNode) -> Result<u32, Bridged> {
        Ok(n.info.member_count)
    }
    fn member_name(&self, n: &GraphNode, i: u32) -> Result<String, Bridged> {
        Ok(self.member(n, i)?.name)
    }
    fn member_type(&self, n: &GraphNode, i: u32) -> Result<GraphNode, Bridged> {
        Ok(self.node(self.member(n, i)?.ty)?)
    }
    fn member_label(&self, n: &GraphNode, i: u32) -> Result<i64, Bridged> {
        Ok(self.member(n, i)?.label)
    }
    fn member_visibility(&self, _: &GraphNode, _: u32) -> Result<Visibility, Bridged> {
        Err(no_values())
    }
    fn discriminator_type(&self, n: &GraphNode) -> Result<GraphNode, Bridged> {
        Ok(self.node(n.info.content)?)
    }
    fn default_index(&self, n: &GraphNode) -> Result<i32, Bridged> {
        Ok(n.info.default_index)
    }
    fn length(&self, n: &GraphNode) -> Result<u32, Bridged> {
        Ok(n.info.bound)
    }
    fn content_type(&self, n: &GraphNode) -> Result<GraphNode, Bridged> {
        Ok(self.node(n.info.content)?)
    }
    fn fixed_digits(&self, n: &GraphNode) -> Result<u16, Bridged> {
        Ok(n.info.digits)
    }
    fn fixed_scale(&self, n: &GraphNode) -> Result<i16, Bridged> {
        Ok(n.info.scale)
    }
    fn type_modifier(&self, _: &GraphNode) -> Result<ValueModifier, Bridged> {
        Err(no_values())
    }
    fn concrete_base_type(&self, _: &GraphNode) -> Result<Option<GraphNode>, Bridged> {
        Err(no_values())
    }
    fn unknown_kind(&self, kind: TCKind) -> Bridged {
        failed(format!("Ada TypeCode of unknown kind {kind:?}")).into()
    }
    fn identity(&self, n: &GraphNode) -> Option<u64> {
        Some(u64::from(n.node))
    }
    fn max_nodes(&self) -> usize {
        EXPORT_BUDGET
    }
    fn too_many_nodes(&self) -> Bridged {
        failed("TypeCode expands to too many nodes").into()
    }
}

// --------------------------------------------------------------- values

/// Pushes `value` into `t`, depth first.
pub fn build_value(t: &mut ValTree, value: &Value) -> Result<(), BackendError> {
    let sc = |t: &mut ValTree, k: TCKind, bits: u64| t.scalar(k.0, bits).map_err(ada);
    match value {
        Value::Nothing => t.nothing().map_err(ada),
        Value::Short(v) => sc(t, TCKind::SHORT, *v as u16 as u64),
        Value::Long(v) => sc(t, TCKind::LONG, *v as u32 as u64),
        Value::UShort(v) => sc(t, TCKind::USHORT, u64::from(*v)),
        Value::ULong(v) => sc(t, TCKind::ULONG, u64::from(*v)),
        Value::LongLong(v) => sc(t, TCKind::LONGLONG, *v as u64),
        Value::ULongLong(v) => sc(t, TCKind::ULONGLONG, *v),
        Value::Float(v) => sc(t, TCKind::FLOAT, u64::from(v.to_bits())),
        Value::Double(v) => sc(t, TCKind::DOUBLE, v.to_bits()),
        Value::Boolean(v) => sc(t, TCKind::BOOLEAN, u64::from(*v)),
        Value::Char(v) => sc(t, TCKind::CHAR, u64::from(*v)),
        Value::WChar(v) => sc(t, TCKind::WCHAR, u64::from(*v)),
        Value::Octet(v) => sc(t, TCKind::OCTET, u64::from(*v)),
        Value::Enum(v) => sc(t, TCKind::ENUM, u64::from(*v)),
        Value::LongDouble(v) => t.long_double(v.0).map_err(ada),
        Value::String(s) => t.string(&latin1(s)?).map_err(ada),
        Value::WString(s) => t
            .wstring(&s.encode_utf16().collect::<Vec<_>>())
            .map_err(ada),
        Value::Fixed(f) => {
            let digits = format!(
                "{:0>w$}",
                f.mantissa().unsigned_abs(),
                w = usize::from(f.digits())
            );
            let digits = if f.digits() == 0 {
                String::new()
            } else {
                digits
            };
            let scale = i16::try_from(f.scale()).map_err(failed)?;
            t.fixed(f.digits(), scale, f.mantissa() < 0, digits.as_bytes())
                .map_err(ada)
        }
        Value::Struct(ms) => {
            t.begin(sys::GLB_V_STRUCT as u32).map_err(ada)?;
            for m in ms {
                build_value(t, m)?;
            }
            t.end().map_err(ada)
        }
        Value::Union {
            discriminator,
            member,
        } => {
            t.begin(sys::GLB_V_UNION as u32).map_err(ada)?;
            build_value(t, discriminator)?;
            if let Some(m) = member {
                build_value(t, m)?;
            }
            t.end().map_err(ada)
        }
        Value::Seq(es) => {
            t.begin(sys::GLB_V_SEQ as u32).map_err(ada)?;
            for e in es {
                build_value(t, e)?;
            }
            t.end().map_err(ada)
        }
        Value::Prim(p) => {
            let r = match p {
                PrimSeq::Short(v) => t.prims(TCKind::SHORT.0, v),
                PrimSeq::Long(v) => t.prims(TCKind::LONG.0, v),
                PrimSeq::UShort(v) => t.prims(TCKind::USHORT.0, v),
                PrimSeq::ULong(v) => t.prims(TCKind::ULONG.0, v),
                PrimSeq::LongLong(v) => t.prims(TCKind::LONGLONG.0, v),
                PrimSeq::ULongLong(v) => t.prims(TCKind::ULONGLONG.0, v),
                PrimSeq::Float(v) => t.prims(TCKind::FLOAT.0, v),
                PrimSeq::Double(v) => t.prims(TCKind::DOUBLE.0, v),
                PrimSeq::Boolean(v) => {
                    let b: Vec<u8> = v.iter().map(|&x| u8::from(x)).collect();
                    t.prims(TCKind::BOOLEAN.0, &b)
                }
                PrimSeq::Char(v) => t.prims(TCKind::CHAR.0, v),
                PrimSeq::Octet(v) => t.prims(TCKind::OCTET.0, v),
            };
            r.map_err(ada)
        }
        Value::Any(_) => Err(unsupported("any inside a value")),
        Value::TypeCode(_) => Err(unsupported("TypeCode inside a value")),
        Value::ObjRef(_) => Err(unsupported("object references")),
        Value::ValueType(_) => Err(unsupported("value types")),
    }
}

/// A whole Ada-side value tree for `value`.
pub fn value_tree(value: &Value) -> Result<ValTree, BackendError> {
    let mut t = ValTree::new().map_err(ada)?;
    build_value(&mut t, value)?;
    Ok(t)
}

/// Walks the root of an Ada-side value back into a Rust value.
pub fn export_value(t: &ValTree) -> Result<Value, BackendError> {
    let root = t.root().map_err(ada)?;
    export_value_node(t, root, 0)
}

fn export_value_node(t: &ValTree, node: u32, depth: usize) -> Result<Value, BackendError> {
    if depth > WALK_DEPTH {
        return Err(failed("value nested too deeply"));
    }
    let i = t.info(node).map_err(ada)?;
    let children = |t: &ValTree| -> Result<Vec<Value>, BackendError> {
        (0..i.count)
            .map(|c| export_value_node(t, t.child(node, c).map_err(ada)?, depth + 1))
            .collect()
    };
    Ok(match i.shape as i32 {
        sys::GLB_V_NOTHING => Value::Nothing,
        sys::GLB_V_SCALAR => {
            let b = i.bits;
            match TCKind(i.kind) {
                TCKind::SHORT => Value::Short(b as u16 as i16),
                TCKind::LONG => Value::Long(b as u32 as i32),
                TCKind::USHORT => Value::UShort(b as u16),
                TCKind::ULONG => Value::ULong(b as u32),
                TCKind::LONGLONG => Value::LongLong(b as i64),
                TCKind::ULONGLONG => Value::ULongLong(b),
                TCKind::FLOAT => Value::Float(f32::from_bits(b as u32)),
                TCKind::DOUBLE => Value::Double(f64::from_bits(b)),
                TCKind::BOOLEAN => Value::Boolean(b != 0),
                TCKind::CHAR => Value::Char(b as u8),
                TCKind::WCHAR => Value::WChar(b as u16),
                TCKind::OCTET => Value::Octet(b as u8),
                TCKind::ENUM => Value::Enum(b as u32),
                k => return Err(failed(format!("scalar of kind {k:?}"))),
            }
        }
        sys::GLB_V_LONG_DOUBLE => {
            Value::LongDouble(LongDouble((u128::from(i.bits) << 64) | u128::from(i.bits2)))
        }
        sys::GLB_V_STRING => Value::String(from_latin1(&t.payload::<u8>(&i))),
        sys::GLB_V_WSTRING => {
            Value::WString(String::from_utf16(&t.payload::<u16>(&i)).map_err(failed)?)
        }
        sys::GLB_V_FIXED => {
            let chars = t.payload::<u8>(&i);
            let mut m: i128 = 0;
            for c in chars {
                m = m * 10 + i128::from(c - b'0');
            }
            if i.bits != 0 {
                m = -m;
            }
            let scale = u16::try_from(i.scale).map_err(failed)?;
            Value::Fixed(
                Fixed::new(m, i.digits, scale).ok_or_else(|| failed("bad fixed from Ada"))?,
            )
        }
        sys::GLB_V_PRIMS => Value::Prim(match TCKind(i.kind) {
            TCKind::SHORT => PrimSeq::Short(t.payload(&i)),
            TCKind::LONG => PrimSeq::Long(t.payload(&i)),
            TCKind::USHORT => PrimSeq::UShort(t.payload(&i)),
            TCKind::ULONG => PrimSeq::ULong(t.payload(&i)),
            TCKind::LONGLONG => PrimSeq::LongLong(t.payload(&i)),
            TCKind::ULONGLONG => PrimSeq::ULongLong(t.payload(&i)),
            TCKind::FLOAT => PrimSeq::Float(
                t.payload::<u32>(&i)
                    .into_iter()
                    .map(f32::from_bits)
                    .collect(),
            ),
            TCKind::DOUBLE => PrimSeq::Double(
                t.payload::<u64>(&i)
                    .into_iter()
                    .map(f64::from_bits)
                    .collect(),
            ),
            TCKind::BOOLEAN => {
                PrimSeq::Boolean(t.payload::<u8>(&i).into_iter().map(|b| b != 0).collect())
            }
            TCKind::CHAR => PrimSeq::Char(t.payload(&i)),
            TCKind::OCTET => PrimSeq::Octet(t.payload(&i)),
            k => return Err(failed(format!("compact run of kind {k:?}"))),
        }),
        sys::GLB_V_STRUCT => Value::Struct(children(t)?),
        sys::GLB_V_SEQ => Value::Seq(children(t)?),
        sys::GLB_V_UNION => {
            let mut c = children(t)?.into_iter();
            let discriminator = Box::new(
                c.next()
                    .ok_or_else(|| failed("union without discriminator"))?,
            );
            Value::Union {
                discriminator,
                member: c.next().map(Box::new),
            }
        }
        s => return Err(failed(format!("unknown value shape {s}"))),
    })
}

// -------------------------------------------------------------- backend

/// The Ada backend. `AdaBackend::default()` uses the Ada code's own
/// choices ([`AdaStyle::NATIVE`]); [`AdaBackend::with_style`] picks others.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct AdaBackend {
    style: AdaStyle,
}

impl AdaBackend {
    pub fn new() -> AdaBackend {
        AdaBackend::default()
    }

    pub fn with_style(style: AdaStyle) -> AdaBackend {
        AdaBackend { style }
    }

    pub fn style(&self) -> AdaStyle {
        self.style
    }

    pub fn wire(&self, case: &Case) -> Wire {
        Wire::new(case.params.order, case.params.giop, self.style)
    }
}

fn plain_subject(s: &Subject) -> Option<u32> {
    Some(match s {
        Subject::SeqLong(_) => sys::GLB_SUBJECT_SEQ_LONG,
        Subject::SeqDouble(_) => sys::GLB_SUBJECT_SEQ_DOUBLE,
        Subject::SeqOctet(_) => sys::GLB_SUBJECT_SEQ_OCTET,
        Subject::SeqString(_) => sys::GLB_SUBJECT_SEQ_STRING,
        Subject::String(_) => sys::GLB_SUBJECT_STRING,
        Subject::WString(_) => sys::GLB_SUBJECT_WSTRING,
        _ => return None,
    } as u32)
}

/// The value tree a plain subject is built as.
fn plain_tree(s: &Subject) -> Result<ValTree, BackendError> {
    let mut t = ValTree::new().map_err(ada)?;
    match s {
        Subject::SeqLong(v) => t.prims(TCKind::LONG.0, v).map_err(ada)?,
        Subject::SeqDouble(v) => t.prims(TCKind::DOUBLE.0, v).map_err(ada)?,
        Subject::SeqOctet(v) => t.prims(TCKind::OCTET.0, v).map_err(ada)?,
        Subject::SeqString(v) => {
            t.begin(sys::GLB_V_SEQ as u32).map_err(ada)?;
            for s in v {
                t.string(&latin1(s)?).map_err(ada)?;
            }
            t.end().map_err(ada)?;
        }
        Subject::String(s) => t.string(&latin1(s)?).map_err(ada)?,
        Subject::WString(s) => t
            .wstring(&s.encode_utf16().collect::<Vec<_>>())
            .map_err(ada)?,
        _ => return Err(failed("not a plain subject")),
    }
    Ok(t)
}

fn plain_result(t: &ValTree, shape: &Subject) -> Result<Subject, BackendError> {
    let v = export_value(t)?;
    let bad = || failed("decoded value has the wrong shape");
    Ok(match (shape, v) {
        (Subject::SeqLong(_), Value::Prim(PrimSeq::Long(v))) => Subject::SeqLong(v),
        (Subject::SeqDouble(_), Value::Prim(PrimSeq::Double(v))) => Subject::SeqDouble(v),
        (Subject::SeqOctet(_), Value::Prim(PrimSeq::Octet(v))) => Subject::SeqOctet(v),
        (Subject::SeqString(_), Value::Seq(v)) => Subject::SeqString(
            v.into_iter()
                .map(|e| match e {
                    Value::String(s) => Ok(s),
                    _ => Err(bad()),
                })
                .collect::<Result<_, _>>()?,
        ),
        (Subject::String(_), Value::String(s)) => Subject::String(s),
        (Subject::WString(_), Value::WString(s)) => Subject::WString(s),
        _ => return Err(bad()),
    })
}

enum Prepared {
    Plain { subject: u32, tree: ValTree },
    TypeCode(TcGraph),
    Any { tc: TcGraph, tree: ValTree },
    Static(StaticRecord),
}

/// A prepared Ada-side value and the parameters to marshal it with.
struct AdaEncoder {
    wire: Wire,
    prepared: Prepared,
}

impl std::fmt::Debug for AdaEncoder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AdaEncoder")
            .field("wire", &self.wire)
            .finish_non_exhaustive()
    }
}

impl Encoder for AdaEncoder {
    fn encode(&mut self, out: &mut Vec<u8>) -> Result<(), BackendError> {
        let w = self.wire;
        match &self.prepared {
            Prepared::Plain { subject, tree } => tree.cdr_encode(*subject, w, out),
            Prepared::TypeCode(g) => g.encode(w, out),
            Prepared::Any { tc, tree } => tree.any_encode(tc, w, out),
            Prepared::Static(r) => r.encode(w, out),
        }
        .map_err(ada)
    }
}

enum Target {
    Plain {
        subject: u32,
        tree: ValTree,
        shape: Subject,
    },
    TypeCode(TcGraph),
    Any {
        tc: TcGraph,
        tree: ValTree,
    },
    Static {
        type_id: String,
        record: StaticRecord,
    },
}

struct AdaDecoder {
    wire: Wire,
    target: Target,
    decoded: bool,
}

impl std::fmt::Debug for AdaDecoder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AdaDecoder")
            .field("wire", &self.wire)
            .finish_non_exhaustive()
    }
}

impl Decoder for AdaDecoder {
    fn decode(&mut self, bytes: &[u8]) -> Result<(), BackendError> {
        let w = self.wire;
        self.decoded = false;
        match &mut self.target {
            Target::Plain { subject, tree, .. } => tree.cdr_decode(*subject, w, bytes),
            Target::TypeCode(g) => g.decode(w, bytes),
            Target::Any { tc, tree } => tree.any_decode(tc, w, bytes),
            Target::Static { type_id, record } => record.decode(type_id, w, bytes),
        }
        .map_err(ada)?;
        self.decoded = true;
        Ok(())
    }

    fn result(&self) -> Result<Subject, BackendError> {
        if !self.decoded {
            return Err(failed("nothing decoded"));
        }
        match &self.target {
            Target::Plain { tree, shape, .. } => plain_result(tree, shape),
            Target::TypeCode(g) => Ok(Subject::TypeCode(export_tc(g)?)),
            Target::Any { tc, tree } => Ok(Subject::Any(Any {
                tc: export_tc(tc)?,
                value: export_value(tree)?,
            })),
            Target::Static { type_id, record } => {
                let mut t = ValTree::new().map_err(ada)?;
                record.store(&mut t).map_err(ada)?;
                Ok(Subject::Static {
                    type_id: type_id.clone(),
                    value: export_value(&t)?,
                })
            }
        }
    }
}

impl Backend for AdaBackend {
    fn name(&self) -> &'static str {
        NAME
    }

    fn native_form(&self, family: Family) -> NativeForm {
        native_form::of(family)
    }

    fn encoder(&self, case: &Case) -> Result<Box<dyn Encoder>, BackendError> {
        let prepared = match &case.subject {
            s @ (Subject::SeqLong(_)
            | Subject::SeqDouble(_)
            | Subject::SeqOctet(_)
            | Subject::SeqString(_)
            | Subject::String(_)
            | Subject::WString(_)) => Prepared::Plain {
                subject: plain_subject(s).unwrap_or(0),
                tree: plain_tree(s)?,
            },
            Subject::TypeCode(tc) => Prepared::TypeCode(tc_graph(tc)?),
            Subject::Any(a) => Prepared::Any {
                tc: tc_graph(&a.tc)?,
                tree: value_tree(&a.value)?,
            },
            Subject::Static { type_id, value } => {
                let t = value_tree(value)?;
                let mut r = StaticRecord::new().map_err(ada)?;
                r.load(type_id, &t).map_err(ada)?;
                Prepared::Static(r)
            }
        };
        Ok(Box::new(AdaEncoder {
            wire: self.wire(case),
            prepared,
        }))
    }

    fn decoder(&self, case: &Case) -> Result<Box<dyn Decoder>, BackendError> {
        let target = match &case.subject {
            s @ (Subject::SeqLong(_)
            | Subject::SeqDouble(_)
            | Subject::SeqOctet(_)
            | Subject::SeqString(_)
            | Subject::String(_)
            | Subject::WString(_)) => Target::Plain {
                subject: plain_subject(s).unwrap_or(0),
                tree: ValTree::new().map_err(ada)?,
                shape: s.clone(),
            },
            Subject::TypeCode(_) => Target::TypeCode(TcGraph::new().map_err(ada)?),
            Subject::Any(_) => Target::Any {
                tc: TcGraph::new().map_err(ada)?,
                tree: ValTree::new().map_err(ada)?,
            },
            Subject::Static { type_id, .. } => Target::Static {
                type_id: type_id.clone(),
                record: StaticRecord::new().map_err(ada)?,
            },
        };
        Ok(Box::new(AdaDecoder {
            wire: self.wire(case),
            target,
            decoded: false,
        }))
    }
}
