//! Compiled marshalling plans: a TypeCode compiled once into a flat
//! program (a node table; recursion is a back edge to an earlier node).
//!
//! * Aliases disappear, recursive references become node indices, union
//!   labels and element sizes are precomputed.
//! * Consecutive fixed-size primitive members of a struct form a *run*:
//!   laid out so that no padding can occur inside it whatever the stream
//!   position, it is aligned once and written as one block (one bounds
//!   check when reading; one copy when transcoding in the same order).
//! * Sequences and arrays of primitives are bulk copies (one `memcpy` when
//!   the byte order is the host's).
//!
//! A plan writes exactly the bytes the reference oracle writes (checked by
//! proptest, `tests/plan_vs_oracle.rs`). Valuetypes, value boxes and
//! abstract interfaces are nodes too (`value`), walked with everything
//! rare in hot paths by the general, chunk-aware walker (`walk`).
//!
//! Three walkers follow the nodes: `enc` (a [`Value`] to CDR), `tape`
//! (CDR checked into a [`Tape`]; [`Plan::decode`] builds its [`Value`]
//! from that) and `xc` (CDR to CDR: transcode and skip).

use crate::codec::min_size;
use crate::codec::state::value_chain;
use crate::codec::state::{Dec, Enc};
use crate::error::{TcError, TcErrorKind, TcResult};
use crate::options::{DecodeOptions, EncodeOptions, TcWriteOptions};
use crate::prim::PrimKind;
use crate::tcio::{self, disc_kind, strip_alias, DiscKind};
use crate::{Any, TCKind, TypeCode, TypeDesc, Value};
use corba_cdr::{ByteOrder, Encoding, ErrorKind, GiopVersion, Reader, Sink, Writer};
use std::collections::HashMap;
use std::sync::{Arc, OnceLock};

mod enc;
mod tape;
mod value;
mod walk;
mod xc;
pub use tape::{Tape, TapeView, ViewKind};
use xc::Xcode;

/// A scalar whose size is its alignment: a primitive of the shared table
/// or an enum (an unsigned long on the wire, §9.3.2.6).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Scalar {
    Prim(PrimKind),
    /// An enum with this many enumerators.
    Enum(u32),
}

impl Scalar {
    fn size(self) -> usize {
        match self {
            Scalar::Prim(p) => p.size(),
            Scalar::Enum(_) => 4,
        }
    }
    fn name(self) -> &'static str {
        match self {
            Scalar::Prim(p) => p.tk_name(),
            Scalar::Enum(_) => "enum",
        }
    }
}

/// A union discriminator (§9.3.2.4): a scalar, or a `wchar`, whose width
/// depends on the GIOP version (§9.3.1.6: two octets in 1.1, a length octet
/// and the code unit in 1.2), so it is never part of a run.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Disc {
    Scalar(Scalar),
    WChar,
}

/// At most this many bytes in one run (a stack buffer when writing).
const RUN_MAX: usize = 128;

#[derive(Clone, Debug)]
struct Run {
    /// Index of the first member of the run in the struct.
    first: u32,
    align: u8,
    total: u16,
    items: Box<[(Scalar, u16)]>,
}

#[derive(Clone, Debug)]
enum Step {
    Run(Run),
    /// A run of one scalar, decided when compiling (most runs: the next
    /// member needs an alignment the run cannot promise). Walkers that
    /// read or write it item by item use `scalar` at member `index`; the
    /// transcoder treats `run` as any other run.
    One {
        index: u32,
        scalar: Scalar,
        run: Run,
    },
    Member {
        index: u32,
        node: u32,
    },
}

/// The node a struct, union or valuetype occupies while its members are
/// compiled (recursive references point at it).
const PLACEHOLDER: Node = Node::Nothing { kind: TCKind::VOID };

/// A valuetype's state members: (name, node), bases first.
type ValueState = Box<[(Box<str>, u32)]>;

#[derive(Clone, Debug)]
enum Node {
    /// `null` or `void` (nothing on the wire); `kind` names it in errors.
    Nothing {
        kind: TCKind,
    },
    Scalar(Scalar),
    LongDouble,
    WChar,
    String {
        bound: u32,
    },
    WString {
        bound: u32,
    },
    Fixed {
        digits: u16,
        scale: u16,
    },
    Any,
    TypeCode,
    Principal,
    ObjRef,
    Struct {
        steps: Box<[Step]>,
        names: Box<[Box<str>]>,
        except_id: Option<Box<str>>,
    },
    Union {
        disc: Disc,
        disc_kind: DiscKind,
        disc_node: u32,
        /// (label, member index), non-default members.
        labels: Box<[(i128, u32)]>,
        default: Option<u32>,
        members: Box<[u32]>,
        names: Box<[Box<str>]>,
    },
    Sequence {
        elem: u32,
        bound: u32,
        prim: Option<PrimKind>,
        min: u64,
    },
    Array {
        elem: u32,
        length: u32,
        prim: Option<PrimKind>,
        min: u64,
    },
    /// A valuetype (§9.3.4): its TypeCode (ids, modifier, concrete bases)
    /// and its state members, bases first; `None` when the chain of
    /// concrete bases is malformed (an error once a value is walked).
    Value {
        tc: TypeCode,
        state: Option<ValueState>,
    },
    /// A value box (§9.3.4: a valuetype of one unnamed member).
    ValueBox {
        tc: TypeCode,
        content: u32,
    },
    /// An abstract interface (§9.3.4.? : a boolean, then an object
    /// reference or a value).
    AbstractInterface,
}

/// A TypeCode compiled into a marshalling program. Immutable; share it
/// (`Arc`) between threads.
#[derive(Debug)]
pub struct Plan {
    nodes: Vec<Node>,
    root: u32,
    tc: TypeCode,
    root_name: String,
    /// Encoded TypeCode bytes per (byte order, GIOP minor) and write options,
    /// for [`Plan::encode_any`] and [`Plan::decode_any`].
    tc_bytes: [OnceLock<Option<Vec<u8>>>; 6],
    tc_opts: TcWriteOptions,
}

const MAX_NODES: usize = 1 << 20;

struct Compiler {
    nodes: Vec<Node>,
    memo: HashMap<*const TypeDesc, u32>,
    /// Enclosing struct/union TypeCodes being compiled: (id, node, tc).
    enclosing: Vec<(String, u32, TypeCode)>,
}

impl Compiler {
    fn push(&mut self, n: Node) -> TcResult<u32> {
        if self.nodes.len() >= MAX_NODES {
            return Err(TcError::new(
                TcErrorKind::Unsupported("TypeCode too large to compile"),
                0,
            ));
        }
        self.nodes.push(n);
        Ok(self.nodes.len() as u32 - 1)
    }

    fn scalar_of(tc: &TypeCode) -> Option<Scalar> {
        Some(match tc.desc() {
            TypeDesc::Basic(k) => Scalar::Prim(PrimKind::of_kind(*k)?),
            TypeDesc::Enum { members, .. } => Scalar::Enum(members.len() as u32),
            _ => return None,
        })
    }

    fn compile(&mut self, tc: &TypeCode) -> TcResult<u32> {
        let t = strip_alias(tc);
        if let TypeDesc::Recursive { id } = t.desc() {
            return match self.enclosing.iter().rev().find(|(i, _, _)| i == id) {
                Some((_, n, _)) => Ok(*n),
                None => Err(TcError::new(
                    TcErrorKind::UnresolvedRecursion(id.clone()),
                    0,
                )),
            };
        }
        let key = Arc::as_ptr(&t.0);
        if let Some(&n) = self.memo.get(&key) {
            return Ok(n);
        }
        let n = self.compile_new(t)?;
        self.memo.insert(key, n);
        Ok(n)
    }

    fn compile_new(&mut self, t: &TypeCode) -> TcResult<u32> {
        if let Some(s) = Self::scalar_of(t) {
            return self.push(Node::Scalar(s));
        }
        let node = match t.desc() {
            TypeDesc::Basic(k) => match *k {
                TCKind::NULL | TCKind::VOID => Node::Nothing { kind: *k },
                TCKind::LONGDOUBLE => Node::LongDouble,
                TCKind::WCHAR => Node::WChar,
                TCKind::ANY => Node::Any,
                TCKind::TYPECODE => Node::TypeCode,
                TCKind::PRINCIPAL => Node::Principal,
                k => return Err(TcError::new(TcErrorKind::IllegalKind(k), 0)),
            },
            TypeDesc::String { bound } => Node::String { bound: *bound },
            TypeDesc::WString { bound } => Node::WString { bound: *bound },
            TypeDesc::Fixed { digits, scale } => match u16::try_from(*scale) {
                Ok(scale) => Node::Fixed {
                    digits: *digits,
                    scale,
                },
                Err(_) => {
                    return Err(TcError::new(
                        TcErrorKind::Unsupported("fixed with a negative scale"),
                        0,
                    ))
                }
            },
            TypeDesc::Interface { kind, .. } => match *kind {
                TCKind::OBJREF | TCKind::COMPONENT | TCKind::HOME => Node::ObjRef,
                TCKind::ABSTRACT_INTERFACE => Node::AbstractInterface,
                k => return Err(TcError::new(TcErrorKind::IllegalKind(k), 0)),
            },
            TypeDesc::Value { .. } | TypeDesc::ValueBox { .. } => return self.compile_value(t),
            TypeDesc::Struct {
                kind, id, members, ..
            } => {
                let me = self.push(PLACEHOLDER)?;
                self.enclosing.push((id.clone(), me, t.clone()));
                let mut nodes = Vec::with_capacity(members.len());
                for m in members {
                    nodes.push(self.compile(&m.tc).map_err(|e| e.member(&m.name))?);
                }
                self.enclosing.pop();
                let steps = self.steps(&nodes);
                self.nodes[me as usize] = Node::Struct {
                    steps: steps.into(),
                    names: members.iter().map(|m| Box::from(m.name.as_str())).collect(),
                    except_id: (*kind == TCKind::EXCEPT).then(|| id.clone().into_boxed_str()),
                };
                return Ok(me);
            }
            TypeDesc::Union { .. } => return self.compile_union(t),
            TypeDesc::Sequence { element, bound } => {
                let elem = self.compile(element)?;
                Node::Sequence {
                    elem,
                    bound: *bound,
                    prim: PrimKind::of(element),
                    min: min_size(element),
                }
            }
            TypeDesc::Array { element, length } => {
                let elem = self.compile(element)?;
                Node::Array {
                    elem,
                    length: *length,
                    prim: PrimKind::of(element),
                    min: min_size(element),
                }
            }
            TypeDesc::Enum { .. } | TypeDesc::Alias { .. } | TypeDesc::Recursive { .. } => {
                return Err(TcError::new(TcErrorKind::Malformed("unresolved alias"), 0))
            }
        };
        self.push(node)
    }

    /// A union: labels and the default member precomputed (§9.3.2.3).
    fn compile_union(&mut self, t: &TypeCode) -> TcResult<u32> {
        let TypeDesc::Union {
            id,
            discriminator,
            default_index,
            members,
            ..
        } = t.desc()
        else {
            return Err(TcError::new(TcErrorKind::Malformed("not a union"), 0));
        };
        let dk = disc_kind(discriminator, 0)?;
        let me = self.push(PLACEHOLDER)?;
        self.enclosing.push((id.clone(), me, t.clone()));
        let disc_node = self.compile(discriminator)?;
        let disc = match Self::scalar_of(strip_alias(discriminator)) {
            Some(s) => Disc::Scalar(s),
            None if dk == DiscKind::Prim(TCKind::WCHAR) => Disc::WChar,
            None => {
                return Err(TcError::new(
                    TcErrorKind::IllegalDiscriminator(
                        discriminator.kind().unwrap_or(TCKind(u32::MAX)),
                    ),
                    0,
                ))
            }
        };
        let mut ms = Vec::with_capacity(members.len());
        for m in members {
            ms.push(self.compile(&m.tc).map_err(|e| e.member(&m.name))?);
        }
        self.enclosing.pop();
        let default = (*default_index >= 0 && (*default_index as usize) < members.len())
            .then_some(*default_index as u32);
        let labels = members
            .iter()
            .enumerate()
            .filter(|(i, _)| Some(*i as u32) != default)
            .map(|(i, m)| (m.label, i as u32))
            .collect();
        self.nodes[me as usize] = Node::Union {
            disc,
            disc_kind: dk,
            disc_node,
            labels,
            default,
            members: ms.into(),
            names: members.iter().map(|m| Box::from(m.name.as_str())).collect(),
        };
        Ok(me)
    }

    /// A valuetype or value box; recursive references inside resolve to it
    /// (and, in a base's members, to that base) as the oracle's scopes do.
    fn compile_value(&mut self, t: &TypeCode) -> TcResult<u32> {
        let me = self.push(PLACEHOLDER)?;
        let id = t.id().unwrap_or("").to_owned();
        self.enclosing.push((id.clone(), me, t.clone()));
        let node = match t.desc() {
            TypeDesc::ValueBox { content, .. } => {
                self.compile(content).map(|content| Node::ValueBox {
                    tc: t.clone(),
                    content,
                })
            }
            _ => self.value_state(t, &id, me).map(|state| Node::Value {
                tc: t.clone(),
                state,
            }),
        };
        self.enclosing.pop();
        self.nodes[me as usize] = node?;
        Ok(me)
    }

    /// The state members of valuetype `t` (node `me`), bases first.
    fn value_state(&mut self, t: &TypeCode, id: &str, me: u32) -> TcResult<Option<ValueState>> {
        let Ok(chain) = value_chain(t, 0) else {
            return Ok(None);
        };
        let mut state = Vec::new();
        for b in chain.iter().rev() {
            let base = !Arc::ptr_eq(&b.0, &t.0);
            if base {
                let bn = self.compile(b)?;
                self.enclosing
                    .push((b.id().unwrap_or("").to_owned(), bn, (*b).clone()));
                self.enclosing.push((id.to_owned(), me, t.clone()));
            }
            if let TypeDesc::Value { members, .. } = b.desc() {
                for m in members {
                    let n = self.compile(&m.tc).map_err(|e| e.member(&m.name))?;
                    state.push((Box::from(m.name.as_str()), n));
                }
            }
            if base {
                self.enclosing.truncate(self.enclosing.len() - 2);
            }
        }
        Ok(Some(state.into()))
    }

    /// Groups member nodes into runs of scalars with no possible internal
    /// padding, and single members.
    fn steps(&self, nodes: &[u32]) -> Vec<Step> {
        let mut steps = Vec::new();
        let mut cur: Option<Run> = None;
        // Alignment guaranteed at the current offset of the open run.
        let mut guaranteed = 8usize;
        for (i, &n) in nodes.iter().enumerate() {
            let s = match &self.nodes[n as usize] {
                Node::Scalar(s) => Some(*s),
                _ => None,
            };
            match s {
                Some(s) => {
                    let size = s.size();
                    if let Some(run) = &mut cur {
                        let fits = size <= guaranteed && usize::from(run.total) + size <= RUN_MAX;
                        if fits {
                            let mut items = std::mem::take(&mut run.items).into_vec();
                            items.push((s, run.total));
                            run.items = items.into();
                            run.total += size as u16;
                            guaranteed = largest_pow2_dividing(
                                usize::from(run.total),
                                usize::from(run.align),
                            );
                            continue;
                        }
                        steps.push(run_step(cur.take().expect("open run")));
                    }
                    cur = Some(Run {
                        first: i as u32,
                        align: size as u8,
                        total: size as u16,
                        items: vec![(s, 0)].into(),
                    });
                    guaranteed = largest_pow2_dividing(size, size);
                }
                None => {
                    if let Some(run) = cur.take() {
                        steps.push(run_step(run));
                    }
                    steps.push(Step::Member {
                        index: i as u32,
                        node: n,
                    });
                }
            }
        }
        if let Some(run) = cur.take() {
            steps.push(run_step(run));
        }
        steps
    }
}

/// A closed run as a step: [`Step::One`] when it holds a single scalar.
fn run_step(run: Run) -> Step {
    match *run.items {
        [(scalar, _)] => Step::One {
            index: run.first,
            scalar,
            run,
        },
        _ => Step::Run(run),
    }
}

/// The alignment known at `offset` bytes after a position aligned on
/// `align`.
fn largest_pow2_dividing(offset: usize, align: usize) -> usize {
    if offset == 0 {
        return align;
    }
    (1usize << offset.trailing_zeros()).min(align)
}

fn giop_slot(order: ByteOrder, giop: GiopVersion) -> Option<usize> {
    if giop.major != 1 || giop.minor > 2 {
        return None;
    }
    Some(usize::from(giop.minor) * 2 + usize::from(order.flag()))
}

impl Plan {
    /// Compiles `tc`. Fails on a recursive reference with no enclosing
    /// TypeCode of its id, or on kinds that have no values.
    pub fn compile(tc: &TypeCode) -> TcResult<Plan> {
        Self::compile_with(tc, TcWriteOptions::spec())
    }

    /// Compiles `tc`; `tc_opts` is how [`Plan::encode_any`] writes the
    /// TypeCode.
    pub fn compile_with(tc: &TypeCode, tc_opts: TcWriteOptions) -> TcResult<Plan> {
        let mut c = Compiler {
            nodes: Vec::new(),
            memo: HashMap::new(),
            enclosing: Vec::new(),
        };
        let root = c.compile(tc)?;
        Ok(Plan {
            nodes: c.nodes,
            root,
            tc: tc.clone(),
            root_name: match tc.name() {
                Some(n) if !n.is_empty() => n.to_owned(),
                _ => tc.kind().and_then(TCKind::name).unwrap_or("?").to_owned(),
            },
            tc_bytes: Default::default(),
            tc_opts,
        })
    }

    /// The TypeCode this plan was compiled from.
    pub fn typecode(&self) -> &TypeCode {
        &self.tc
    }

    /// Number of nodes in the program.
    pub fn len(&self) -> usize {
        self.nodes.len()
    }

    pub fn is_empty(&self) -> bool {
        self.nodes.is_empty()
    }

    fn add_root(&self, e: TcError) -> TcError {
        e.root(&self.root_name)
    }

    /// Marshals `v` (same bytes as [`crate::encode_value`]).
    pub fn encode<S: Sink>(
        &self,
        w: &mut Writer<S>,
        v: &Value,
        opts: &EncodeOptions,
    ) -> TcResult<()> {
        let mut enc = Enc::new(opts);
        self.enc(w, self.root, v, &mut enc, 0)
            .map_err(|e| self.add_root(e))
    }

    /// Unmarshals a value (same result as [`crate::decode_value`]).
    /// The value is decoded into a [`Tape`] (all checks happen there) and
    /// built from it: one walker for both.
    pub fn decode(&self, r: &mut Reader<'_>, opts: &DecodeOptions) -> TcResult<Value> {
        self.decode_budgeted(r, opts, r.remaining())
    }

    /// [`Plan::decode`] with the zero-size value budget of `budget_from`
    /// input bytes.
    pub(crate) fn decode_budgeted(
        &self,
        r: &mut Reader<'_>,
        opts: &DecodeOptions,
        budget_from: usize,
    ) -> TcResult<Value> {
        let mut tape = Tape::new();
        self.decode_tape_budgeted(r, opts, &mut tape, budget_from)?;
        tape.view(r.buffer())
            .ok_or_else(|| TcError::new(TcErrorKind::Malformed("empty tape"), 0))?
            .to_value()
    }

    /// The TypeCode's bytes for this encoding (cached for the default code
    /// sets and UTF-16 style only).
    fn cached_tc(&self, enc: Encoding) -> Option<&[u8]> {
        // Only the default code sets: they decide how names and wchar
        // labels are written.
        if enc != Encoding::new(enc.order, enc.giop) {
            return None;
        }
        let slot = giop_slot(enc.order, enc.giop)?;
        self.tc_bytes[slot]
            .get_or_init(|| {
                tcio::typecode_to_bytes(&self.tc, Encoding::new(enc.order, enc.giop), &self.tc_opts)
                    .ok()
            })
            .as_deref()
    }

    /// Marshals an `any` of this plan's TypeCode holding `v`: the TypeCode
    /// bytes are computed once per encoding (a TypeCode written at a
    /// 4-aligned position does not depend on that position) and copied.
    pub fn encode_any<S: Sink>(
        &self,
        w: &mut Writer<S>,
        v: &Value,
        opts: &EncodeOptions,
    ) -> TcResult<()> {
        if opts.typecode == self.tc_opts {
            if let Some(b) = self.cached_tc(w.encoding()) {
                w.align(4);
                w.write_bytes(b);
                return self.encode(w, v, opts);
            }
        }
        tcio::encode_typecode(w, &self.tc, &opts.typecode)?;
        self.encode(w, v, opts)
    }

    /// Unmarshals an `any`. When its TypeCode is byte for byte the one this
    /// plan writes, it is not parsed again and the plan decodes the value;
    /// otherwise the TypeCode is decoded and a plan compiled for it reads the
    /// value.
    pub fn decode_any(&self, r: &mut Reader<'_>, opts: &DecodeOptions) -> TcResult<Any> {
        if self.take_own_typecode(r)? {
            let value = self.decode(r, opts)?;
            return Ok(Any {
                tc: self.tc.clone(),
                value,
            });
        }
        crate::decode_any(r, opts)
    }

    /// Moves `r` past the any's TypeCode when it is byte for byte the one
    /// this plan writes (and answers true); otherwise leaves `r` alone.
    pub(crate) fn take_own_typecode(&self, r: &mut Reader<'_>) -> TcResult<bool> {
        if let Some(b) = self.cached_tc(r.encoding()) {
            let mut probe = r.clone();
            probe.align(4)?;
            if probe.rest().starts_with(b) {
                probe.take(b.len())?;
                *r = probe;
                return Ok(true);
            }
        }
        Ok(false)
    }

    /// Reads a value of this type from `r` and writes it to `w` (in `w`'s
    /// byte order and alignment) without building a [`Value`], checking it
    /// as decoding would. TypeCodes inside (`any`, `TypeCode`) are re-encoded
    /// with `opts.typecode`; valuetypes are decoded and encoded
    /// again (indirections are positions in each stream).
    pub fn transcode<S: Sink>(
        &self,
        r: &mut Reader<'_>,
        w: &mut Writer<S>,
        dopts: &DecodeOptions,
        eopts: &EncodeOptions,
    ) -> TcResult<()> {
        let mut x = Xcode {
            dec: Dec::new(dopts, r.remaining()),
            enc: Enc::new(eopts),
        };
        self.xc(r, w, self.root, &mut x, 0)
            .map_err(|e| self.add_root(e))
    }

    /// Skips a value of this type, checking it as decoding would.
    pub fn skip(&self, r: &mut Reader<'_>, opts: &DecodeOptions) -> TcResult<()> {
        let mut w = Writer::sizer(r.encoding());
        let eo = EncodeOptions {
            max_depth: opts.max_depth,
            ..EncodeOptions::spec()
        };
        self.transcode(r, &mut w, opts, &eo)
    }
}

/// The depth budget for the members, elements or discriminator of a
/// constructed value at `depth`: the oracle checks it at every one of them,
/// scalars included, and the tape decoder does not descend into scalars, so
/// it checks it once, at the first (where the oracle would fail). The
/// encoder does not: the check cost encode_any 4% (callgrind), so it
/// accepts a struct of scalars one level deeper than the oracle.
#[inline(always)]
fn members_depth(depth: u32, max: u32, at: usize) -> TcResult<()> {
    crate::ctx::enter(depth + 1, max, at)
}

fn bound_err(len: usize, bound: u32, at: usize) -> TcError {
    TcError::new(
        TcErrorKind::Cdr(ErrorKind::BoundExceeded {
            length: len as u64,
            bound,
        }),
        at,
    )
}

/// The member a union label selects: the first non-default member with that
/// label, else the default member (§9.3.2.4).
#[inline(always)]
fn select(labels: &[(i128, u32)], default: Option<u32>, label: i128) -> Option<u32> {
    labels
        .iter()
        .find(|(l, _)| *l == label)
        .map(|(_, i)| *i)
        .or(default)
}

/// Marshals `v` of type `tc` with a plan compiled on the spot (for one-off
/// calls; keep the [`Plan`] to reuse it).
pub fn encode_with_plan<S: Sink>(
    w: &mut Writer<S>,
    tc: &TypeCode,
    v: &Value,
    opts: &EncodeOptions,
) -> TcResult<()> {
    Plan::compile(tc)?.encode(w, v, opts)
}

/// Transcodes one value of `tc` from `r` to `w` (for example into the other
/// byte order) without building a [`Value`].
pub fn transcode(
    r: &mut Reader<'_>,
    w: &mut Writer<impl Sink>,
    tc: &TypeCode,
    dopts: &DecodeOptions,
    eopts: &EncodeOptions,
) -> TcResult<()> {
    Plan::compile(tc)?.transcode(r, w, dopts, eopts)
}

/// Transcodes one `any` (its TypeCode re-encoded with `eopts.typecode`).
pub fn transcode_any(
    r: &mut Reader<'_>,
    w: &mut Writer<impl Sink>,
    dopts: &DecodeOptions,
    eopts: &EncodeOptions,
) -> TcResult<()> {
    let tc = tcio::decode_typecode(r, dopts)?;
    tcio::encode_typecode(w, &tc, &eopts.typecode)?;
    Plan::compile(&tc)?.transcode(r, w, dopts, eopts)
}

/// Skips one value of `tc`, checking it.
pub fn skip_value(r: &mut Reader<'_>, tc: &TypeCode, opts: &DecodeOptions) -> TcResult<()> {
    Plan::compile(tc)?.skip(r, opts)
}
