//! The plan's general walker: every node kind, one value at a time, with
//! the chunking hooks of valuetype state (§9.3.4.6: inside a chunked value
//! each item of data must lie in one chunk, opened before it).
//!
//! The fast walkers (`enc`, `tape`, `xc`) handle the kinds common in hot
//! paths themselves and hand the others here (wide text, fixed, `any`,
//! TypeCodes, object references, valuetypes and everything inside a
//! valuetype's state). Checks, offsets and member paths are the reference
//! oracle's (`interp`), node for node.

use super::{Node, Plan, Scalar, Step};
use crate::codec::ior::{read_ior, write_ior};
use crate::codec::seqs::{read_prim_seq, seq_len, write_prim_seq};
use crate::codec::state::{Dec, Enc};
use crate::codec::strings::{read_string, string_units};
use crate::codec::{bound_error, disc_label, mismatch, root_name, wrong_length, zero_size_error};
use crate::ctx;
use crate::error::{TcError, TcErrorKind, TcResult};
use crate::prim::PrimKind;
use crate::{tcio, Any, PrimSeq, TCKind, Value};
use corba_cdr::{ErrorKind, Reader, Sink, Writer};

impl Plan {
    /// Encodes `v` at node `n` (depth budget checked at every node, as the
    /// oracle does).
    pub(super) fn enc_node<S: Sink>(
        &self,
        w: &mut Writer<S>,
        n: u32,
        v: &Value,
        enc: &mut Enc<'_>,
        depth: u32,
    ) -> TcResult<()> {
        let at = w.len();
        ctx::enter(depth, enc.opts.max_depth, at)?;
        match &self.nodes[n as usize] {
            Node::Nothing { kind } => match v {
                Value::Nothing => Ok(()),
                _ => Err(mismatch(kind.name().unwrap_or("nothing"), v, at)),
            },
            Node::Scalar(s) => {
                enc.leaf(w);
                super::enc::enc_scalar(w, *s, v)
            }
            Node::Struct {
                steps,
                names,
                except_id,
            } => self.enc_node_struct(w, steps, names, except_id.as_deref(), v, enc, depth),
            Node::Union { .. } => self.enc_node_union(w, n, v, enc, depth),
            Node::Sequence {
                elem,
                bound,
                prim,
                min,
            } => {
                let len = seq_len(v).ok_or_else(|| mismatch("sequence", v, at))?;
                if *bound != 0 && len > *bound as usize {
                    return Err(bound_error(len, *bound, at));
                }
                enc.leaf(w);
                w.write_ulong(len as u32);
                self.enc_node_elems(w, (*elem, *prim, *min), v, enc, depth, at)
            }
            Node::Array {
                elem,
                length,
                prim,
                min,
            } => {
                let len = seq_len(v).ok_or_else(|| mismatch("array", v, at))?;
                if len != *length as usize {
                    return Err(wrong_length(*length as usize, len, at));
                }
                self.enc_node_elems(w, (*elem, *prim, *min), v, enc, depth, at)
            }
            Node::Value { .. } | Node::ValueBox { .. } => {
                self.enc_valuetype(w, Some(n), v, enc, depth)
            }
            Node::AbstractInterface => match v {
                Value::ObjRef(o) => {
                    enc.leaf(w);
                    w.write_bool(true);
                    write_ior(w, o)
                }
                Value::ValueType(_) => {
                    enc.leaf(w);
                    w.write_bool(false);
                    self.enc_valuetype(w, None, v, enc, depth)
                }
                _ => Err(mismatch("object reference or valuetype", v, at)),
            },
            node => enc_leaf(w, node, v, enc, depth, at),
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn enc_node_struct<S: Sink>(
        &self,
        w: &mut Writer<S>,
        steps: &[Step],
        names: &[Box<str>],
        except_id: Option<&str>,
        v: &Value,
        enc: &mut Enc<'_>,
        depth: u32,
    ) -> TcResult<()> {
        let at = w.len();
        let Value::Struct(vals) = v else {
            return Err(mismatch("struct", v, at));
        };
        if vals.len() != names.len() {
            return Err(wrong_length(names.len(), vals.len(), at));
        }
        if let Some(id) = except_id.filter(|_| enc.opts.except_repo_id) {
            enc.leaf(w);
            w.write_string(id)?;
        }
        let max = enc.opts.max_depth;
        for_each_member(steps, |i, member| {
            let r = match member {
                Member::Node(node) => self.enc_node(w, node, &vals[i], enc, depth + 1),
                Member::Scalar(s) => ctx::enter(depth + 1, max, w.len()).and_then(|()| {
                    enc.leaf(w);
                    super::enc::enc_scalar(w, s, &vals[i])
                }),
            };
            r.map_err(|e| e.member(&names[i]))
        })
    }

    fn enc_node_union<S: Sink>(
        &self,
        w: &mut Writer<S>,
        n: u32,
        v: &Value,
        enc: &mut Enc<'_>,
        depth: u32,
    ) -> TcResult<()> {
        let at = w.len();
        let Node::Union {
            disc_node,
            labels,
            default,
            members,
            names,
            ..
        } = &self.nodes[n as usize]
        else {
            return Err(TcError::new(TcErrorKind::Malformed("not a union node"), at));
        };
        let Value::Union {
            discriminator: d,
            member,
        } = v
        else {
            return Err(mismatch("union", v, at));
        };
        self.enc_node(w, *disc_node, d, enc, depth + 1)
            .map_err(|e| e.member("_d"))?;
        let label = disc_label(d).ok_or_else(|| mismatch("discriminator", d, at))?;
        let sel = super::select(labels, *default, label);
        match (sel, member) {
            (Some(i), Some(x)) => self
                .enc_node(w, members[i as usize], x, enc, depth + 1)
                .map_err(|e| e.member(&names[i as usize])),
            (None, None) => Ok(()),
            (sel, _) => Err(TcError::new(
                TcErrorKind::UnionMember {
                    expected_some: sel.is_some(),
                },
                at,
            )),
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn enc_node_elems<S: Sink>(
        &self,
        w: &mut Writer<S>,
        (elem, prim, min): (u32, Option<PrimKind>, u64),
        v: &Value,
        enc: &mut Enc<'_>,
        depth: u32,
        at: usize,
    ) -> TcResult<()> {
        if min == 0 {
            return Err(zero_size_error(at));
        }
        match v {
            Value::Prim(ps) => match prim {
                Some(pk) if pk.matches(ps) => {
                    if !ps.is_empty() {
                        enc.leaf(w);
                    }
                    write_prim_seq(w, ps);
                    Ok(())
                }
                _ => Err(mismatch("elements of the sequence's element type", v, at)),
            },
            Value::Seq(xs) => {
                for (i, x) in xs.iter().enumerate() {
                    self.enc_node(w, elem, x, enc, depth + 1)
                        .map_err(|e| e.index(i))?;
                }
                Ok(())
            }
            _ => Err(mismatch("sequence", v, at)),
        }
    }

    /// Decodes a value at node `n` (see [`Plan::enc_node`]).
    pub(super) fn dec_node(
        &self,
        r: &mut Reader<'_>,
        n: u32,
        dec: &mut Dec<'_>,
        depth: u32,
    ) -> TcResult<Value> {
        let at = r.absolute_position();
        ctx::enter(depth, dec.opts.max_depth, at)?;
        match &self.nodes[n as usize] {
            Node::Nothing { .. } => {
                dec.count_empty(at)?;
                Ok(Value::Nothing)
            }
            Node::Scalar(s) => {
                dec.enter_leaf(r)?;
                let v = dec_scalar(r, *s, at)?;
                dec.exit_leaf(r)?;
                Ok(v)
            }
            Node::Struct {
                steps,
                names,
                except_id,
            } => self.dec_node_struct(r, steps, names, except_id.as_deref(), dec, depth),
            Node::Union { .. } => self.dec_node_union(r, n, dec, depth),
            Node::Sequence {
                elem,
                bound,
                prim,
                min,
            } => {
                dec.enter_leaf(r)?;
                let len = r.read_ulong()?;
                if *bound != 0 && len > *bound {
                    return Err(bound_error(len as usize, *bound, at));
                }
                let v =
                    self.dec_node_elems(r, (*elem, *prim, *min), len as usize, dec, depth, at)?;
                dec.exit_leaf(r)?;
                Ok(v)
            }
            Node::Array {
                elem,
                length,
                prim,
                min,
            } => self.dec_node_elems(r, (*elem, *prim, *min), *length as usize, dec, depth, at),
            Node::Value { .. } | Node::ValueBox { .. } => {
                self.dec_valuetype(r, Some(n), dec, depth)
            }
            Node::AbstractInterface => {
                dec.enter_leaf(r)?;
                if r.read_bool()? {
                    let o = read_ior(r)?;
                    dec.exit_leaf(r)?;
                    Ok(Value::ObjRef(o))
                } else {
                    dec.exit_leaf(r)?;
                    self.dec_valuetype(r, None, dec, depth)
                }
            }
            node => {
                dec.enter_leaf(r)?;
                let v = dec_leaf(r, node, dec, depth, at)?;
                dec.exit_leaf(r)?;
                Ok(v)
            }
        }
    }

    fn dec_node_struct(
        &self,
        r: &mut Reader<'_>,
        steps: &[Step],
        names: &[Box<str>],
        except_id: Option<&str>,
        dec: &mut Dec<'_>,
        depth: u32,
    ) -> TcResult<Value> {
        let at = r.absolute_position();
        if names.is_empty() {
            dec.count_empty(at)?;
        }
        if let Some(id) = except_id.filter(|_| dec.opts.except_repo_id) {
            dec.enter_leaf(r)?;
            let got = r.read_string()?;
            dec.exit_leaf(r)?;
            if got != id {
                return Err(TcError::new(
                    TcErrorKind::Mismatch {
                        expected: "the exception's repository id",
                        found: "another repository id",
                    },
                    at,
                ));
            }
        }
        let max = dec.opts.max_depth;
        let mut vals = Vec::with_capacity(names.len());
        for_each_member(steps, |i, member| {
            let v = match member {
                Member::Node(node) => self.dec_node(r, node, dec, depth + 1),
                Member::Scalar(s) => {
                    let at = r.absolute_position();
                    ctx::enter(depth + 1, max, at).and_then(|()| {
                        dec.enter_leaf(r)?;
                        let v = dec_scalar(r, s, at)?;
                        dec.exit_leaf(r)?;
                        Ok(v)
                    })
                }
            };
            vals.push(v.map_err(|e| e.member(&names[i]))?);
            Ok(())
        })?;
        Ok(Value::Struct(vals))
    }

    fn dec_node_union(
        &self,
        r: &mut Reader<'_>,
        n: u32,
        dec: &mut Dec<'_>,
        depth: u32,
    ) -> TcResult<Value> {
        let at = r.absolute_position();
        let Node::Union {
            disc_node,
            labels,
            default,
            members,
            names,
            ..
        } = &self.nodes[n as usize]
        else {
            return Err(TcError::new(TcErrorKind::Malformed("not a union node"), at));
        };
        let d = self
            .dec_node(r, *disc_node, dec, depth + 1)
            .map_err(|e| e.member("_d"))?;
        let label = disc_label(&d).ok_or_else(|| mismatch("discriminator", &d, at))?;
        let member = match super::select(labels, *default, label) {
            Some(i) => Some(Box::new(
                self.dec_node(r, members[i as usize], dec, depth + 1)
                    .map_err(|e| e.member(&names[i as usize]))?,
            )),
            None => None,
        };
        Ok(Value::Union {
            discriminator: Box::new(d),
            member,
        })
    }

    #[allow(clippy::too_many_arguments)]
    fn dec_node_elems(
        &self,
        r: &mut Reader<'_>,
        (elem, prim, min): (u32, Option<PrimKind>, u64),
        len: usize,
        dec: &mut Dec<'_>,
        depth: u32,
        at: usize,
    ) -> TcResult<Value> {
        if min == 0 {
            return Err(zero_size_error(at));
        }
        if (len as u64).saturating_mul(min) > r.remaining() as u64 {
            return Err(TcError::new(
                TcErrorKind::Cdr(ErrorKind::LengthTooLarge {
                    length: len as u64,
                    available: r.remaining(),
                }),
                at,
            ));
        }
        if let Some(pk) = prim {
            if len > 0 {
                dec.enter_leaf(r)?;
            }
            let v = read_prim_seq(r, pk, len)?;
            dec.exit_leaf(r)?;
            return Ok(Value::Prim(v));
        }
        let mut out = Vec::with_capacity(len);
        for i in 0..len {
            out.push(
                self.dec_node(r, elem, dec, depth + 1)
                    .map_err(|e| e.index(i))?,
            );
        }
        Ok(Value::Seq(out))
    }
}

/// A struct member as the general walker sees it: a node, or a scalar of a
/// run (walked item by item: a chunk boundary may fall between items).
enum Member {
    Node(u32),
    Scalar(Scalar),
}

fn for_each_member(
    steps: &[Step],
    mut f: impl FnMut(usize, Member) -> TcResult<()>,
) -> TcResult<()> {
    for step in steps {
        match step {
            Step::Member { index, node } => f(*index as usize, Member::Node(*node))?,
            Step::One { index, scalar, .. } => f(*index as usize, Member::Scalar(*scalar))?,
            Step::Run(run) => {
                for (k, (s, _)) in run.items.iter().enumerate() {
                    f(run.first as usize + k, Member::Scalar(*s))?;
                }
            }
        }
    }
    Ok(())
}

/// The leaf kinds the fast walkers leave to this one, encoded (the chunk
/// opened first when inside a chunked value).
fn enc_leaf<S: Sink>(
    w: &mut Writer<S>,
    node: &Node,
    v: &Value,
    enc: &mut Enc<'_>,
    depth: u32,
    at: usize,
) -> TcResult<()> {
    match (node, v) {
        (Node::String { bound }, Value::String(s)) => {
            if *bound != 0 && string_units(s, w.encoding().char_code_set) > *bound as usize {
                return Err(bound_error(s.len(), *bound, at));
            }
            enc.leaf(w);
            w.write_string(s)?;
        }
        (Node::WString { bound }, Value::WString(s)) => {
            if *bound != 0 && s.chars().count() > *bound as usize {
                return Err(bound_error(s.len(), *bound, at));
            }
            enc.leaf(w);
            w.write_wstring(s)?;
        }
        (Node::Fixed { digits, scale }, Value::Fixed(f)) => {
            if f.digits() != *digits || i32::from(f.scale()) != i32::from(*scale) {
                return Err(TcError::new(
                    TcErrorKind::FixedMismatch {
                        digits: *digits,
                        scale: *scale as i16,
                    },
                    at,
                ));
            }
            enc.leaf(w);
            w.write_fixed(f);
        }
        (Node::LongDouble, Value::LongDouble(x)) => {
            enc.leaf(w);
            w.write_long_double(*x);
        }
        (Node::WChar, Value::WChar(c)) => {
            enc.leaf(w);
            w.write_wchar(*c)?;
        }
        (Node::Any, Value::Any(a)) => {
            enc.leaf(w);
            enc_any(w, a, enc, depth + 1)?;
        }
        (Node::TypeCode, Value::TypeCode(t)) => {
            enc.leaf(w);
            tcio::encode_typecode(w, t, &enc.opts.typecode)?;
        }
        (Node::Principal, Value::Prim(PrimSeq::Octet(b))) => {
            enc.leaf(w);
            w.write_octet_sequence(b);
        }
        (Node::ObjRef, Value::ObjRef(o)) => {
            enc.leaf(w);
            write_ior(w, o)?;
        }
        (node, v) => return Err(mismatch(leaf_name(node), v, at)),
    }
    Ok(())
}

/// What a leaf node expects, for mismatch errors (the TypeCode kind names
/// the oracle uses).
fn leaf_name(node: &Node) -> &'static str {
    let k = match node {
        Node::String { .. } => return "string",
        Node::WString { .. } => return "wstring",
        Node::Fixed { .. } => return "fixed",
        Node::ObjRef => return "object reference",
        Node::LongDouble => TCKind::LONGDOUBLE,
        Node::WChar => TCKind::WCHAR,
        Node::Any => TCKind::ANY,
        Node::TypeCode => TCKind::TYPECODE,
        Node::Principal => TCKind::PRINCIPAL,
        _ => return "a known kind",
    };
    k.name().unwrap_or("a known kind")
}

/// An `any` inside a value: its TypeCode, then its value through a plan
/// of that TypeCode with the same encoder state (chunking carries on).
pub(super) fn enc_any<S: Sink>(
    w: &mut Writer<S>,
    a: &Any,
    enc: &mut Enc<'_>,
    depth: u32,
) -> TcResult<()> {
    tcio::encode_typecode(w, &a.tc, &enc.opts.typecode)?;
    let p = Plan::compile(&a.tc)?;
    p.enc_node(w, p.root, &a.value, enc, depth)
}

/// An `any`'s TypeCode and value, decoded with the same decoder state.
pub(super) fn dec_any(r: &mut Reader<'_>, dec: &mut Dec<'_>, depth: u32) -> TcResult<Any> {
    let tc = tcio::decode_typecode_at(r, dec.opts, depth)?;
    let value = Plan::compile(&tc)
        .and_then(|p| p.dec_node(r, p.root, dec, depth))
        .map_err(|e| e.root(&root_name(&tc)))?;
    Ok(Any { tc, value })
}

fn dec_scalar(r: &mut Reader<'_>, s: Scalar, at: usize) -> TcResult<Value> {
    let p = match s {
        Scalar::Prim(p) => p,
        Scalar::Enum(n) => {
            let e = r.read_enum()?;
            if e >= n {
                return Err(TcError::new(
                    TcErrorKind::EnumOutOfRange { value: e, count: n },
                    at,
                ));
            }
            return Ok(Value::Enum(e));
        }
    };
    Ok(match p {
        PrimKind::Short => Value::Short(r.read_short()?),
        PrimKind::Long => Value::Long(r.read_long()?),
        PrimKind::UShort => Value::UShort(r.read_ushort()?),
        PrimKind::ULong => Value::ULong(r.read_ulong()?),
        PrimKind::LongLong => Value::LongLong(r.read_longlong()?),
        PrimKind::ULongLong => Value::ULongLong(r.read_ulonglong()?),
        PrimKind::Float => Value::Float(r.read_float()?),
        PrimKind::Double => Value::Double(r.read_double()?),
        PrimKind::Boolean => Value::Boolean(r.read_bool()?),
        PrimKind::Char => Value::Char(r.read_char()?),
        PrimKind::Octet => Value::Octet(r.read_octet()?),
    })
}

/// The leaf kinds the fast walkers leave to this one, decoded (between
/// the caller's chunk hooks).
fn dec_leaf(
    r: &mut Reader<'_>,
    node: &Node,
    dec: &mut Dec<'_>,
    depth: u32,
    at: usize,
) -> TcResult<Value> {
    Ok(match node {
        Node::String { bound } => Value::String(read_string(r, *bound)?),
        Node::WString { bound } => {
            let s = r.read_wstring()?;
            if *bound != 0 && s.chars().count() > *bound as usize {
                return Err(bound_error(s.chars().count(), *bound, at));
            }
            Value::WString(s)
        }
        Node::Fixed { digits, scale } => Value::Fixed(r.read_fixed(*digits, *scale)?),
        Node::LongDouble => Value::LongDouble(r.read_long_double()?),
        Node::WChar => Value::WChar(r.read_wchar()?),
        Node::Any => Value::Any(Box::new(dec_any(r, dec, depth + 1)?)),
        Node::TypeCode => Value::TypeCode(tcio::decode_typecode_at(r, dec.opts, depth + 1)?),
        Node::Principal => Value::Prim(PrimSeq::Octet(r.read_octet_sequence()?.to_vec())),
        Node::ObjRef => Value::ObjRef(read_ior(r)?),
        _ => return Err(TcError::new(TcErrorKind::Malformed("not a leaf node"), at)),
    })
}
