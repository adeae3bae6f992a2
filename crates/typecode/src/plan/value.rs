//! Valuetypes and value boxes as plan nodes (CORBA 3.x Part 2 §9.3.4): the
//! value tag and its flags, codebase and repository id lists (§9.3.4.1,
//! with string indirections), null and value indirections (the position
//! table in the encoder and decoder state), chunking and end tags
//! (§9.3.4.6), and truncation: a value of a derived type the receiver does
//! not know is read as its first known truncatable base, the rest of its
//! state skipped up to its end tag.
//!
//! The state members are plan nodes walked by the general walker. The
//! actual type of a value may be another than the formal one (a derived
//! type, or one of [`DecodeOptions::value_types`](crate::DecodeOptions));
//! a plan is then compiled for it on the spot.

use super::{Node, Plan};
use crate::codec::state::{modifier_of, value_chain, Dec, Enc, VALUE_TAG_MIN};
use crate::codec::{mismatch, wrong_length};
use crate::ctx;
use crate::error::{TcError, TcErrorKind, TcResult};
use crate::options::Chunking;
use crate::tcio::{self, strip_alias};
use crate::{TypeCode, TypeDesc, Value, ValueInstance, ValueModifier};
use corba_cdr::{Reader, Sink, Writer};
use std::sync::Arc;

/// A plan holding the node of a value's actual type: this one, or one
/// compiled for that type.
enum Owner<'p> {
    This(&'p Plan, u32),
    Other(Box<Plan>),
}

impl Owner<'_> {
    fn get(&self) -> (&Plan, u32) {
        match self {
            Owner::This(p, n) => (p, *n),
            Owner::Other(p) => (p, p.root),
        }
    }
}

impl Plan {
    /// The TypeCode of a value or value box node.
    fn value_tc(&self, n: u32) -> Option<&TypeCode> {
        match &self.nodes[n as usize] {
            Node::Value { tc, .. } | Node::ValueBox { tc, .. } => Some(tc),
            _ => None,
        }
    }

    /// The node of type `tc`: the formal node when `tc` is its TypeCode,
    /// otherwise a plan compiled for `tc`.
    fn owner_of(&self, formal: Option<u32>, tc: &TypeCode) -> TcResult<Owner<'_>> {
        if let Some(n) = formal {
            if self.value_tc(n).is_some_and(|f| Arc::ptr_eq(&f.0, &tc.0)) {
                return Ok(Owner::This(self, n));
            }
        }
        Ok(Owner::Other(Box::new(Plan::compile(tc)?)))
    }

    /// A valuetype, value box or null at a value node (`formal`) or in an
    /// abstract interface (`None`).
    pub(super) fn enc_valuetype<S: Sink>(
        &self,
        w: &mut Writer<S>,
        formal: Option<u32>,
        v: &Value,
        enc: &mut Enc<'_>,
        depth: u32,
    ) -> TcResult<()> {
        let at = w.len();
        let Value::ValueType(inst) = v else {
            return Err(mismatch("valuetype", v, at));
        };
        let Some(inst) = inst else {
            enc.leaf(w);
            w.write_long(0);
            return Ok(());
        };
        let ptr = Arc::as_ptr(inst);
        if let Some(&(_, tag_at)) = enc.values.iter().find(|(p, _)| *p == ptr) {
            enc.leaf(w);
            w.write_ulong(tcio::INDIRECTION);
            let here = w.len() as i64;
            w.write_long(i32::try_from(tag_at as i64 - here).unwrap_or(i32::MIN));
            return Ok(());
        }
        let formal_tc = formal.and_then(|n| self.value_tc(n));
        let itc = instance_type(&inst.tc, formal_tc, at)?;
        let is_box = matches!(itc.desc(), TypeDesc::ValueBox { .. });
        if let Some(f) = formal_tc {
            check_conforms(f, itc, at)?;
        }
        let chain = if is_box {
            vec![itc]
        } else {
            value_chain(itc, at)?
        };
        let m = modifier_of(itc);
        if m == ValueModifier::CUSTOM {
            return Err(TcError::new(
                TcErrorKind::Unsupported("custom-marshalled valuetypes"),
                at,
            ));
        }
        if m == ValueModifier::ABSTRACT {
            return Err(mismatch("a concrete valuetype", v, at));
        }
        let truncatable = m == ValueModifier::TRUNCATABLE;
        let chunked = enc.chunk_level > 0
            || truncatable
            || (!is_box && enc.opts.chunking == Chunking::Always);
        let total: usize = if is_box {
            1
        } else {
            chain
                .iter()
                .map(|t| match t.desc() {
                    TypeDesc::Value { members, .. } => members.len(),
                    _ => 0,
                })
                .sum()
        };
        if inst.members.len() != total {
            return Err(wrong_length(total, inst.members.len(), at));
        }
        let owner = self.owner_of(formal, itc)?;
        enc.close_chunk(w);
        w.align(4);
        enc.values.push((ptr, w.len()));
        write_header(w, &chain, chunked, truncatable)?;
        if chunked {
            enc.chunk_level += 1;
        }
        let (p, n) = owner.get();
        let r = p.enc_state(w, n, inst, enc, depth);
        if chunked {
            enc.close_chunk(w);
            let lvl = enc.chunk_level;
            enc.chunk_level -= 1;
            r?;
            w.write_long(-(lvl as i32));
            Ok(())
        } else {
            r
        }
    }

    /// The state of value `inst` whose type is node `n` of this plan.
    fn enc_state<S: Sink>(
        &self,
        w: &mut Writer<S>,
        n: u32,
        inst: &ValueInstance,
        enc: &mut Enc<'_>,
        depth: u32,
    ) -> TcResult<()> {
        match &self.nodes[n as usize] {
            Node::ValueBox { content, .. } => {
                self.enc_node(w, *content, &inst.members[0], enc, depth + 1)
            }
            Node::Value {
                state: Some(state), ..
            } => {
                for ((name, node), x) in state.iter().zip(&inst.members) {
                    self.enc_node(w, *node, x, enc, depth + 1)
                        .map_err(|e| e.member(name))?;
                }
                Ok(())
            }
            _ => Err(TcError::new(
                TcErrorKind::Malformed("concrete base is not a valuetype"),
                w.len(),
            )),
        }
    }

    /// A valuetype, value box, null or indirection at a value node
    /// (`formal`) or in an abstract interface (`None`).
    pub(super) fn dec_valuetype(
        &self,
        r: &mut Reader<'_>,
        formal: Option<u32>,
        dec: &mut Dec<'_>,
        depth: u32,
    ) -> TcResult<Value> {
        r.align(4)?;
        ctx::enter(depth, dec.opts.max_depth, r.absolute_position())?;
        let mut in_chunk = false;
        if dec.chunk_level > 0 {
            if dec.pending_close.is_some() {
                return Err(dec.closed_error(r));
            }
            in_chunk = dec.chunk_end.is_some_and(|e| r.absolute_position() < e);
        }
        let mut tag_at = r.absolute_position();
        let mut tag = r.read_ulong()?;
        if dec.chunk_level > 0 && !in_chunk && tag != 0 && tag < VALUE_TAG_MIN && (tag as i32) > 0 {
            // A new chunk that starts with a null or an indirection.
            r.seek(r.position() - 4)?;
            dec.open_chunk(r)?;
            in_chunk = true;
            r.align(4)?;
            tag_at = r.absolute_position();
            tag = r.read_ulong()?;
        }
        if tag == 0 {
            dec.exit_leaf(r)?;
            return Ok(Value::ValueType(None));
        }
        if tag == tcio::INDIRECTION {
            let p = r.absolute_position();
            let off = r.read_long()?;
            dec.exit_leaf(r)?;
            let target = p as i64 + i64::from(off);
            return usize::try_from(target)
                .ok()
                .filter(|&t| t < tag_at)
                .and_then(|t| dec.values.get(&t))
                .map(|v| Value::ValueType(Some(v.clone())))
                .ok_or_else(|| TcError::new(TcErrorKind::BadValueIndirection { offset: off }, p));
        }
        check_tag(tag, tag_at, in_chunk, dec.chunk_level)?;
        let chunked = tag & 0x08 != 0;
        let ids = read_ids(r, tag, dec)?;
        let formal_tc = formal.and_then(|n| self.value_tc(n));
        let (tc, truncated) = choose_type(&ids, formal_tc, dec, tag_at)?;
        if truncated && !chunked {
            return Err(unknown(&ids, tag_at));
        }
        let is_box = matches!(tc.desc(), TypeDesc::ValueBox { .. });
        if formal_tc.is_some_and(|f| matches!(f.desc(), TypeDesc::ValueBox { .. }) != is_box) {
            return Err(unknown(&ids, tag_at));
        }
        let m = modifier_of(&tc);
        if m == ValueModifier::CUSTOM || m == ValueModifier::ABSTRACT {
            return Err(TcError::new(
                TcErrorKind::UnknownValueType(tc.id().unwrap_or("").to_owned()),
                tag_at,
            ));
        }
        let owner = self.owner_of(formal, &tc)?;
        if chunked {
            dec.chunk_level += 1;
            dec.chunk_end = None;
        }
        let (p, n) = owner.get();
        let members = p.dec_state(r, n, dec, depth, tag_at)?;
        if chunked {
            if truncated {
                dec.skip_to_end_tag(r, depth)?;
            } else {
                dec.finish_chunked(r)?;
            }
            dec.chunk_level -= 1;
            dec.chunk_end = None;
        }
        let inst = Arc::new(ValueInstance { tc, members });
        dec.values.insert(tag_at, inst.clone());
        Ok(Value::ValueType(Some(inst)))
    }

    fn dec_state(
        &self,
        r: &mut Reader<'_>,
        n: u32,
        dec: &mut Dec<'_>,
        depth: u32,
        at: usize,
    ) -> TcResult<Vec<Value>> {
        match &self.nodes[n as usize] {
            Node::ValueBox { content, .. } => {
                Ok(vec![self.dec_node(r, *content, dec, depth + 1)?])
            }
            Node::Value {
                state: Some(state), ..
            } => {
                let mut out = Vec::with_capacity(state.len());
                for (name, node) in state.iter() {
                    out.push(
                        self.dec_node(r, *node, dec, depth + 1)
                            .map_err(|e| e.member(name))?,
                    );
                }
                Ok(out)
            }
            _ => Err(TcError::new(
                TcErrorKind::Malformed("concrete base is not a valuetype"),
                at,
            )),
        }
    }
}

/// The TypeCode of a value instance: a recursive reference can only be
/// to the formal type here (plans resolve the others when compiling).
fn instance_type<'t>(
    tc: &'t TypeCode,
    formal: Option<&'t TypeCode>,
    at: usize,
) -> TcResult<&'t TypeCode> {
    let t = strip_alias(tc);
    match (t.desc(), formal) {
        (TypeDesc::Recursive { id }, Some(f)) if f.id() == Some(id.as_str()) => Ok(f),
        (TypeDesc::Recursive { id }, _) => Err(TcError::new(
            TcErrorKind::UnresolvedRecursion(id.clone()),
            at,
        )),
        _ => Ok(t),
    }
}

/// The actual type `itc` of a value must be the formal type `f` or derive
/// from it (any type for an abstract formal valuetype).
fn check_conforms(f: &TypeCode, itc: &TypeCode, at: usize) -> TcResult<()> {
    let ok = match (f.desc(), itc.desc()) {
        (TypeDesc::ValueBox { id: a, .. }, TypeDesc::ValueBox { id: b, .. }) => a == b,
        (
            TypeDesc::Value {
                id: fid, modifier, ..
            },
            TypeDesc::Value { .. },
        ) => {
            *modifier == ValueModifier::ABSTRACT
                || value_chain(itc, at)?
                    .iter()
                    .any(|t| t.id() == Some(fid.as_str()))
        }
        _ => false,
    };
    if ok {
        return Ok(());
    }
    Err(TcError::new(
        TcErrorKind::Mismatch {
            expected: "a value of the formal valuetype or a type derived from it",
            found: "another valuetype",
        },
        at,
    ))
}

/// The value tag and repository ids: the actual type, then its truncatable
/// bases up to the first that is not (§9.3.4.1).
fn write_header<S: Sink>(
    w: &mut Writer<S>,
    chain: &[&TypeCode],
    chunked: bool,
    truncatable: bool,
) -> TcResult<()> {
    let mut tag = VALUE_TAG_MIN;
    if chunked {
        tag |= 0x08;
    }
    if truncatable {
        let mut ids: Vec<&str> = Vec::new();
        for t in chain {
            ids.push(t.id().unwrap_or(""));
            if modifier_of(t) != ValueModifier::TRUNCATABLE {
                break;
            }
        }
        w.write_ulong(tag | 0x06);
        w.write_long(ids.len() as i32);
        for id in ids {
            w.write_string(id)?;
        }
    } else {
        w.write_ulong(tag | 0x02);
        w.write_string(chain[0].id().unwrap_or(""))?;
    }
    Ok(())
}

/// A value tag that is not one, or out of place (an end tag where a value
/// was expected, flags this decoder does not know, a value not chunked
/// inside a chunked one).
fn check_tag(tag: u32, tag_at: usize, in_chunk: bool, level: u32) -> TcResult<()> {
    if !(VALUE_TAG_MIN..=0x7fff_ffff).contains(&tag) {
        if level > 0 && (tag as i32) < 0 {
            return Err(TcError::new(
                TcErrorKind::BadEndTag {
                    tag: tag as i32,
                    level,
                },
                tag_at,
            ));
        }
        return Err(TcError::new(TcErrorKind::BadValueTag(tag), tag_at));
    }
    let flags = tag & 0xff;
    let chunked = flags & 0x08 != 0;
    if in_chunk || flags & 0xf0 != 0 || flags & 0x06 == 0x04 || (level > 0 && !chunked) {
        return Err(TcError::new(TcErrorKind::BadValueTag(tag), tag_at));
    }
    Ok(())
}

/// The codebase (skipped) and repository ids after a value tag.
fn read_ids(r: &mut Reader<'_>, tag: u32, dec: &mut Dec<'_>) -> TcResult<Vec<String>> {
    let flags = tag & 0xff;
    if flags & 0x01 != 0 {
        let _codebase = dec.read_header_string(r)?;
    }
    Ok(match flags & 0x06 {
        0 => Vec::new(),
        0x02 => vec![dec.read_header_string(r)?],
        _ => {
            let n = r.read_count(8)?;
            let mut v = Vec::with_capacity(n);
            for _ in 0..n {
                v.push(dec.read_header_string(r)?);
            }
            v
        }
    })
}

/// The type to read: the first repository id that is the formal type or
/// one of the known value types, and whether that truncates the value (not
/// its first id); the formal type when there are no ids.
fn choose_type(
    ids: &[String],
    formal: Option<&TypeCode>,
    dec: &Dec<'_>,
    tag_at: usize,
) -> TcResult<(TypeCode, bool)> {
    let formal_id = formal.and_then(|f| f.id());
    for (k, id) in ids.iter().enumerate() {
        if Some(id.as_str()) == formal_id {
            if let Some(f) = formal {
                return Ok((f.clone(), k > 0));
            }
        }
        if let Some(t) = dec
            .opts
            .value_types
            .iter()
            .find(|t| strip_alias(t).id() == Some(id.as_str()))
        {
            return Ok((strip_alias(t).clone(), k > 0));
        }
    }
    match formal {
        Some(f) if ids.is_empty() => Ok((f.clone(), false)),
        _ => Err(unknown(ids, tag_at)),
    }
}

fn unknown(ids: &[String], at: usize) -> TcError {
    TcError::new(
        TcErrorKind::UnknownValueType(ids.first().cloned().unwrap_or_default()),
        at,
    )
}
