//! The reference oracle (cargo feature `oracle`, for tests): marshal and
//! unmarshal a [`Value`] by walking its TypeCode (§9.3 CDR rules for each
//! kind; valuetypes per §9.3.4), and `any` (its TypeCode followed by the
//! value), written as directly from the spec as possible.
//!
//! It is not a marshaller of the crate: every marshalling path goes through
//! [`crate::Plan`], which must give the same bytes, values and errors as
//! this walker (`tests/plan_vs_oracle.rs`).

use crate::codec::ior::{read_ior, write_ior};
use crate::codec::seqs::{read_prim_seq, seq_len, write_prim_seq};
use crate::codec::state::{Dec, Enc};
use crate::codec::strings::{read_string, string_units};
use crate::codec::{bound_error, disc_label, min_size, mismatch, root_name, zero_size_error};
use crate::ctx;
use crate::error::{TcError, TcErrorKind, TcResult};
use crate::options::{DecodeOptions, EncodeOptions};
use crate::prim::PrimKind;
use crate::tcio::{self, disc_kind, strip_alias};
use crate::{Any, PrimSeq, TCKind, TypeCode, TypeDesc, Value};
use corba_cdr::{Encoding, ErrorKind, Reader, Sink, Writer};

/// The chain of enclosing struct, union and valuetype TypeCodes, innermost
/// first, used to resolve `Recursive { id }` placeholders. Lives on the
/// stack; an `any` starts a new chain.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Scope<'s> {
    pub tc: &'s TypeCode,
    pub parent: Option<&'s Scope<'s>>,
}

pub(crate) fn resolve<'s>(
    tc: &'s TypeCode,
    scope: Option<&Scope<'s>>,
    at: usize,
) -> TcResult<&'s TypeCode> {
    let t = strip_alias(tc);
    if let TypeDesc::Recursive { id } = t.desc() {
        let mut s = scope;
        while let Some(sc) = s {
            if sc.tc.id() == Some(id.as_str()) {
                return Ok(sc.tc);
            }
            s = sc.parent;
        }
        return Err(TcError::new(
            TcErrorKind::UnresolvedRecursion(id.clone()),
            at,
        ));
    }
    Ok(t)
}

/// The member a label selects: the first non-default member with that
/// label, else the default member, else none (§9.3.2.4 / IDL unions).
pub(crate) fn select_member(
    members: &[crate::UnionMember],
    default_index: i32,
    label: i128,
) -> Option<usize> {
    for (i, m) in members.iter().enumerate() {
        if i as i64 != i64::from(default_index) && m.label == label {
            return Some(i);
        }
    }
    if default_index >= 0 && (default_index as usize) < members.len() {
        Some(default_index as usize)
    } else {
        None
    }
}

mod value;

impl Enc<'_> {
    pub(crate) fn encode<'s, S: Sink>(
        &mut self,
        w: &mut Writer<S>,
        tc: &'s TypeCode,
        v: &'s Value,
        scope: Option<&Scope<'s>>,
        depth: u32,
    ) -> TcResult<()> {
        let at = w.len();
        ctx::enter(depth, self.opts.max_depth, at)?;
        let t = resolve(tc, scope, at)?;
        match t.desc() {
            TypeDesc::Basic(k) => {
                // Nothing written for null and void: no chunk either.
                if !matches!(*k, TCKind::NULL | TCKind::VOID) {
                    self.leaf(w);
                }
                self.encode_basic(w, *k, v, depth)
            }
            TypeDesc::String { bound } => {
                let Value::String(s) = v else {
                    return Err(mismatch("string", v, at));
                };
                if *bound != 0 && string_units(s, w.encoding().char_code_set) > *bound as usize {
                    return Err(bound_error(s.len(), *bound, at));
                }
                self.leaf(w);
                w.write_string(s)?;
                Ok(())
            }
            TypeDesc::WString { bound } => {
                let Value::WString(s) = v else {
                    return Err(mismatch("wstring", v, at));
                };
                if *bound != 0 && s.chars().count() > *bound as usize {
                    return Err(bound_error(s.len(), *bound, at));
                }
                self.leaf(w);
                w.write_wstring(s)?;
                Ok(())
            }
            TypeDesc::Fixed { digits, scale } => {
                let Value::Fixed(f) = v else {
                    return Err(mismatch("fixed", v, at));
                };
                if f.digits() != *digits || i32::from(f.scale()) != i32::from(*scale) {
                    return Err(TcError::new(
                        TcErrorKind::FixedMismatch {
                            digits: *digits,
                            scale: *scale,
                        },
                        at,
                    ));
                }
                self.leaf(w);
                w.write_fixed(f);
                Ok(())
            }
            TypeDesc::Enum { members, .. } => {
                let Value::Enum(e) = v else {
                    return Err(mismatch("enum", v, at));
                };
                if *e as usize >= members.len() {
                    return Err(TcError::new(
                        TcErrorKind::EnumOutOfRange {
                            value: *e,
                            count: members.len() as u32,
                        },
                        at,
                    ));
                }
                self.leaf(w);
                w.write_enum(*e);
                Ok(())
            }
            TypeDesc::Interface { kind, .. } => self.encode_interface(w, *kind, v, scope, depth),
            TypeDesc::Struct { .. } => self.encode_struct(w, t, v, scope, depth),
            TypeDesc::Union { .. } => self.encode_union(w, t, v, scope, depth),
            TypeDesc::Sequence { element, bound } => {
                let n = seq_len(v).ok_or_else(|| mismatch("sequence", v, at))?;
                if *bound != 0 && n > *bound as usize {
                    return Err(bound_error(n, *bound, at));
                }
                self.leaf(w);
                w.write_ulong(n as u32);
                self.encode_elements(w, element, v, scope, depth, at)
            }
            TypeDesc::Array { element, length } => {
                let n = seq_len(v).ok_or_else(|| mismatch("array", v, at))?;
                if n != *length as usize {
                    return Err(TcError::new(
                        TcErrorKind::WrongLength {
                            expected: *length as usize,
                            found: n,
                        },
                        at,
                    ));
                }
                self.encode_elements(w, element, v, scope, depth, at)
            }
            TypeDesc::Value { .. } | TypeDesc::ValueBox { .. } => {
                self.encode_valuetype(w, Some(t), v, scope, depth)
            }
            TypeDesc::Alias { .. } | TypeDesc::Recursive { .. } => {
                Err(TcError::new(TcErrorKind::Malformed("unresolved alias"), at))
            }
        }
    }

    fn encode_elements<'s, S: Sink>(
        &mut self,
        w: &mut Writer<S>,
        element: &'s TypeCode,
        v: &'s Value,
        scope: Option<&Scope<'s>>,
        depth: u32,
        at: usize,
    ) -> TcResult<()> {
        if min_size(element) == 0 {
            return Err(zero_size_error(at));
        }
        match v {
            Value::Prim(ps) => {
                let pk = PrimKind::of(element);
                match pk {
                    Some(pk) if pk.matches(ps) => {
                        if !ps.is_empty() {
                            self.leaf(w);
                        }
                        write_prim_seq(w, ps);
                        Ok(())
                    }
                    _ => Err(mismatch("elements of the sequence's element type", v, at)),
                }
            }
            Value::Seq(xs) => {
                for (i, x) in xs.iter().enumerate() {
                    self.encode(w, element, x, scope, depth + 1)
                        .map_err(|e| e.index(i))?;
                }
                Ok(())
            }
            _ => Err(mismatch("sequence", v, at)),
        }
    }

    fn encode_basic<S: Sink>(
        &mut self,
        w: &mut Writer<S>,
        k: TCKind,
        v: &Value,
        depth: u32,
    ) -> TcResult<()> {
        let at = w.len();
        match (k, v) {
            (TCKind::NULL | TCKind::VOID, Value::Nothing) => {}
            (TCKind::SHORT, Value::Short(x)) => w.write_short(*x),
            (TCKind::LONG, Value::Long(x)) => w.write_long(*x),
            (TCKind::USHORT, Value::UShort(x)) => w.write_ushort(*x),
            (TCKind::ULONG, Value::ULong(x)) => w.write_ulong(*x),
            (TCKind::LONGLONG, Value::LongLong(x)) => w.write_longlong(*x),
            (TCKind::ULONGLONG, Value::ULongLong(x)) => w.write_ulonglong(*x),
            (TCKind::FLOAT, Value::Float(x)) => w.write_float(*x),
            (TCKind::DOUBLE, Value::Double(x)) => w.write_double(*x),
            (TCKind::LONGDOUBLE, Value::LongDouble(x)) => w.write_long_double(*x),
            (TCKind::BOOLEAN, Value::Boolean(x)) => w.write_bool(*x),
            (TCKind::CHAR, Value::Char(x)) => w.write_char(*x),
            (TCKind::WCHAR, Value::WChar(x)) => w.write_wchar(*x)?,
            (TCKind::OCTET, Value::Octet(x)) => w.write_octet(*x),
            (TCKind::ANY, Value::Any(a)) => self.encode_any(w, a, depth + 1)?,
            (TCKind::TYPECODE, Value::TypeCode(t)) => {
                tcio::encode_typecode(w, t, &self.opts.typecode)?
            }
            (TCKind::PRINCIPAL, Value::Prim(PrimSeq::Octet(b))) => w.write_octet_sequence(b),
            _ => {
                let expected = k.name().unwrap_or("a known kind");
                return Err(mismatch(expected, v, at));
            }
        }
        Ok(())
    }

    pub(crate) fn encode_any<S: Sink>(
        &mut self,
        w: &mut Writer<S>,
        a: &Any,
        depth: u32,
    ) -> TcResult<()> {
        tcio::encode_typecode(w, &a.tc, &self.opts.typecode)?;
        self.encode(w, &a.tc, &a.value, None, depth)
    }

    /// An object reference or an abstract interface (a boolean, then an
    /// object reference or a value).
    fn encode_interface<'s, S: Sink>(
        &mut self,
        w: &mut Writer<S>,
        kind: TCKind,
        v: &'s Value,
        scope: Option<&Scope<'s>>,
        depth: u32,
    ) -> TcResult<()> {
        let at = w.len();
        match kind {
            TCKind::OBJREF | TCKind::COMPONENT | TCKind::HOME => {
                let Value::ObjRef(o) = v else {
                    return Err(mismatch("object reference", v, at));
                };
                self.leaf(w);
                write_ior(w, o)
            }
            TCKind::ABSTRACT_INTERFACE => match v {
                Value::ObjRef(o) => {
                    self.leaf(w);
                    w.write_bool(true);
                    write_ior(w, o)
                }
                Value::ValueType(_) => {
                    self.leaf(w);
                    w.write_bool(false);
                    self.encode_valuetype(w, None, v, scope, depth)
                }
                _ => Err(mismatch("object reference or valuetype", v, at)),
            },
            k => Err(TcError::new(TcErrorKind::IllegalKind(k), at)),
        }
    }

    fn encode_struct<'s, S: Sink>(
        &mut self,
        w: &mut Writer<S>,
        t: &'s TypeCode,
        v: &'s Value,
        scope: Option<&Scope<'s>>,
        depth: u32,
    ) -> TcResult<()> {
        let at = w.len();
        let TypeDesc::Struct {
            kind, id, members, ..
        } = t.desc()
        else {
            return Err(mismatch("struct", v, at));
        };
        let Value::Struct(vals) = v else {
            return Err(mismatch("struct", v, at));
        };
        if vals.len() != members.len() {
            return Err(TcError::new(
                TcErrorKind::WrongLength {
                    expected: members.len(),
                    found: vals.len(),
                },
                at,
            ));
        }
        if *kind == TCKind::EXCEPT && self.opts.except_repo_id {
            self.leaf(w);
            w.write_string(id)?;
        }
        let inner = Scope {
            tc: t,
            parent: scope,
        };
        for (m, x) in members.iter().zip(vals) {
            self.encode(w, &m.tc, x, Some(&inner), depth + 1)
                .map_err(|e| e.member(&m.name))?;
        }
        Ok(())
    }

    fn encode_union<'s, S: Sink>(
        &mut self,
        w: &mut Writer<S>,
        t: &'s TypeCode,
        v: &'s Value,
        scope: Option<&Scope<'s>>,
        depth: u32,
    ) -> TcResult<()> {
        let at = w.len();
        let TypeDesc::Union {
            discriminator,
            default_index,
            members,
            ..
        } = t.desc()
        else {
            return Err(mismatch("union", v, at));
        };
        let Value::Union {
            discriminator: d,
            member,
        } = v
        else {
            return Err(mismatch("union", v, at));
        };
        let inner = Scope {
            tc: t,
            parent: scope,
        };
        self.encode(w, discriminator, d, Some(&inner), depth + 1)
            .map_err(|e| e.member("_d"))?;
        let label = disc_label(d).ok_or_else(|| mismatch("discriminator", d, at))?;
        match (select_member(members, *default_index, label), member) {
            (Some(i), Some(x)) => {
                let m = &members[i];
                self.encode(w, &m.tc, x, Some(&inner), depth + 1)
                    .map_err(|e| e.member(&m.name))
            }
            (None, None) => Ok(()),
            (sel, _) => Err(TcError::new(
                TcErrorKind::UnionMember {
                    expected_some: sel.is_some(),
                },
                at,
            )),
        }
    }
}

impl Dec<'_> {
    pub(crate) fn decode<'s>(
        &mut self,
        r: &mut Reader<'_>,
        tc: &'s TypeCode,
        scope: Option<&Scope<'s>>,
        depth: u32,
    ) -> TcResult<Value> {
        let at = r.absolute_position();
        ctx::enter(depth, self.opts.max_depth, at)?;
        let t = resolve(tc, scope, at)?;
        Ok(match t.desc() {
            TypeDesc::Basic(k) => {
                if matches!(*k, TCKind::NULL | TCKind::VOID) {
                    self.count_empty(at)?;
                } else {
                    self.enter_leaf(r)?;
                }
                let v = self.decode_basic(r, *k, depth)?;
                self.exit_leaf(r)?;
                v
            }
            TypeDesc::String { bound } => {
                self.enter_leaf(r)?;
                let s = read_string(r, *bound)?;
                self.exit_leaf(r)?;
                Value::String(s)
            }
            TypeDesc::WString { bound } => {
                self.enter_leaf(r)?;
                let s = r.read_wstring()?;
                if *bound != 0 && s.chars().count() > *bound as usize {
                    return Err(bound_error(s.chars().count(), *bound, at));
                }
                self.exit_leaf(r)?;
                Value::WString(s)
            }
            TypeDesc::Fixed { digits, scale } => {
                let Ok(scale) = u16::try_from(*scale) else {
                    return Err(TcError::new(
                        TcErrorKind::Unsupported("fixed with a negative scale"),
                        at,
                    ));
                };
                self.enter_leaf(r)?;
                let f = r.read_fixed(*digits, scale)?;
                self.exit_leaf(r)?;
                Value::Fixed(f)
            }
            TypeDesc::Enum { members, .. } => {
                self.enter_leaf(r)?;
                let e = r.read_enum()?;
                if e as usize >= members.len() {
                    return Err(TcError::new(
                        TcErrorKind::EnumOutOfRange {
                            value: e,
                            count: members.len() as u32,
                        },
                        at,
                    ));
                }
                self.exit_leaf(r)?;
                Value::Enum(e)
            }
            TypeDesc::Interface { kind, .. } => match *kind {
                TCKind::OBJREF | TCKind::COMPONENT | TCKind::HOME => {
                    self.enter_leaf(r)?;
                    let o = read_ior(r)?;
                    self.exit_leaf(r)?;
                    Value::ObjRef(o)
                }
                TCKind::ABSTRACT_INTERFACE => {
                    self.enter_leaf(r)?;
                    if r.read_bool()? {
                        let o = read_ior(r)?;
                        self.exit_leaf(r)?;
                        Value::ObjRef(o)
                    } else {
                        self.exit_leaf(r)?;
                        self.decode_valuetype(r, None, scope, depth)?
                    }
                }
                k => return Err(TcError::new(TcErrorKind::IllegalKind(k), at)),
            },
            TypeDesc::Struct { .. } => self.decode_struct(r, t, scope, depth)?,
            TypeDesc::Union { .. } => self.decode_union(r, t, scope, depth)?,
            TypeDesc::Sequence { element, bound } => {
                self.enter_leaf(r)?;
                let n = r.read_ulong()?;
                if *bound != 0 && n > *bound {
                    return Err(bound_error(n as usize, *bound, at));
                }
                let v = self.decode_elements(r, element, n as usize, scope, depth, at)?;
                self.exit_leaf(r)?;
                v
            }
            TypeDesc::Array { element, length } => {
                self.decode_elements(r, element, *length as usize, scope, depth, at)?
            }
            TypeDesc::Value { .. } | TypeDesc::ValueBox { .. } => {
                self.decode_valuetype(r, Some(t), scope, depth)?
            }
            TypeDesc::Alias { .. } | TypeDesc::Recursive { .. } => {
                return Err(TcError::new(TcErrorKind::Malformed("unresolved alias"), at))
            }
        })
    }

    fn decode_elements<'s>(
        &mut self,
        r: &mut Reader<'_>,
        element: &'s TypeCode,
        n: usize,
        scope: Option<&Scope<'s>>,
        depth: u32,
        at: usize,
    ) -> TcResult<Value> {
        let min = min_size(element);
        if min == 0 {
            return Err(zero_size_error(at));
        }
        if (n as u64).saturating_mul(min) > r.remaining() as u64 {
            return Err(TcError::new(
                TcErrorKind::Cdr(ErrorKind::LengthTooLarge {
                    length: n as u64,
                    available: r.remaining(),
                }),
                at,
            ));
        }
        if let Some(pk) = PrimKind::of(element) {
            if n > 0 {
                self.enter_leaf(r)?;
            }
            let v = read_prim_seq(r, pk, n)?;
            self.exit_leaf(r)?;
            return Ok(Value::Prim(v));
        }
        let mut out = Vec::with_capacity(n);
        for i in 0..n {
            out.push(
                self.decode(r, element, scope, depth + 1)
                    .map_err(|e| e.index(i))?,
            );
        }
        Ok(Value::Seq(out))
    }

    fn decode_basic(&mut self, r: &mut Reader<'_>, k: TCKind, depth: u32) -> TcResult<Value> {
        Ok(match k {
            TCKind::NULL | TCKind::VOID => Value::Nothing,
            TCKind::SHORT => Value::Short(r.read_short()?),
            TCKind::LONG => Value::Long(r.read_long()?),
            TCKind::USHORT => Value::UShort(r.read_ushort()?),
            TCKind::ULONG => Value::ULong(r.read_ulong()?),
            TCKind::LONGLONG => Value::LongLong(r.read_longlong()?),
            TCKind::ULONGLONG => Value::ULongLong(r.read_ulonglong()?),
            TCKind::FLOAT => Value::Float(r.read_float()?),
            TCKind::DOUBLE => Value::Double(r.read_double()?),
            TCKind::LONGDOUBLE => Value::LongDouble(r.read_long_double()?),
            TCKind::BOOLEAN => Value::Boolean(r.read_bool()?),
            TCKind::CHAR => Value::Char(r.read_char()?),
            TCKind::WCHAR => Value::WChar(r.read_wchar()?),
            TCKind::OCTET => Value::Octet(r.read_octet()?),
            TCKind::ANY => Value::Any(Box::new(self.decode_any(r, depth + 1)?)),
            TCKind::TYPECODE => Value::TypeCode(tcio::decode_typecode_at(r, self.opts, depth + 1)?),
            TCKind::PRINCIPAL => Value::Prim(PrimSeq::Octet(r.read_octet_sequence()?.to_vec())),
            k => {
                return Err(TcError::new(
                    TcErrorKind::IllegalKind(k),
                    r.absolute_position(),
                ))
            }
        })
    }

    pub(crate) fn decode_any(&mut self, r: &mut Reader<'_>, depth: u32) -> TcResult<Any> {
        let tc = tcio::decode_typecode_at(r, self.opts, depth)?;
        let value = self
            .decode(r, &tc, None, depth)
            .map_err(|e| e.root(&root_name(&tc)))?;
        Ok(Any { tc, value })
    }

    fn decode_struct<'s>(
        &mut self,
        r: &mut Reader<'_>,
        t: &'s TypeCode,
        scope: Option<&Scope<'s>>,
        depth: u32,
    ) -> TcResult<Value> {
        let at = r.absolute_position();
        let TypeDesc::Struct {
            kind, id, members, ..
        } = t.desc()
        else {
            return Err(TcError::new(TcErrorKind::Malformed("not a struct"), at));
        };
        if members.is_empty() {
            self.count_empty(at)?;
        }
        if *kind == TCKind::EXCEPT && self.opts.except_repo_id {
            self.enter_leaf(r)?;
            let got = r.read_string()?;
            self.exit_leaf(r)?;
            if got != *id {
                return Err(TcError::new(
                    TcErrorKind::Mismatch {
                        expected: "the exception's repository id",
                        found: "another repository id",
                    },
                    at,
                ));
            }
        }
        let inner = Scope {
            tc: t,
            parent: scope,
        };
        let mut vals = Vec::with_capacity(members.len());
        for m in members {
            vals.push(
                self.decode(r, &m.tc, Some(&inner), depth + 1)
                    .map_err(|e| e.member(&m.name))?,
            );
        }
        Ok(Value::Struct(vals))
    }

    fn decode_union<'s>(
        &mut self,
        r: &mut Reader<'_>,
        t: &'s TypeCode,
        scope: Option<&Scope<'s>>,
        depth: u32,
    ) -> TcResult<Value> {
        let at = r.absolute_position();
        let TypeDesc::Union {
            discriminator,
            default_index,
            members,
            ..
        } = t.desc()
        else {
            return Err(TcError::new(TcErrorKind::Malformed("not a union"), at));
        };
        let inner = Scope {
            tc: t,
            parent: scope,
        };
        disc_kind(discriminator, at)?;
        let d = self
            .decode(r, discriminator, Some(&inner), depth + 1)
            .map_err(|e| e.member("_d"))?;
        let label = disc_label(&d).ok_or_else(|| mismatch("discriminator", &d, at))?;
        let member = match select_member(members, *default_index, label) {
            Some(i) => {
                let m = &members[i];
                Some(Box::new(
                    self.decode(r, &m.tc, Some(&inner), depth + 1)
                        .map_err(|e| e.member(&m.name))?,
                ))
            }
            None => None,
        };
        Ok(Value::Union {
            discriminator: Box::new(d),
            member,
        })
    }
}

// ================================================================ the oracle's API

fn add_root(tc: &TypeCode) -> impl Fn(TcError) -> TcError + '_ {
    move |e| e.root(&root_name(tc))
}

/// Marshals `v` as a value of `tc` (§9.3), checking that it conforms.
pub fn encode_value<S: Sink>(
    w: &mut Writer<S>,
    tc: &TypeCode,
    v: &Value,
    opts: &EncodeOptions,
) -> TcResult<()> {
    Enc::new(opts)
        .encode(w, tc, v, None, 0)
        .map_err(add_root(tc))
}

/// Unmarshals a value of `tc`.
pub fn decode_value(r: &mut Reader<'_>, tc: &TypeCode, opts: &DecodeOptions) -> TcResult<Value> {
    Dec::new(opts, r.remaining())
        .decode(r, tc, None, 0)
        .map_err(add_root(tc))
}

/// Marshals an `any`: its TypeCode, then its value.
pub fn encode_any<S: Sink>(w: &mut Writer<S>, a: &Any, opts: &EncodeOptions) -> TcResult<()> {
    Enc::new(opts).encode_any(w, a, 0).map_err(add_root(&a.tc))
}

/// Unmarshals an `any`.
pub fn decode_any(r: &mut Reader<'_>, opts: &DecodeOptions) -> TcResult<Any> {
    Dec::new(opts, r.remaining()).decode_any(r, 0)
}

/// `v` alone as a CDR stream in `enc` from alignment origin 0.
pub fn value_to_bytes(
    tc: &TypeCode,
    v: &Value,
    enc: Encoding,
    opts: &EncodeOptions,
) -> TcResult<Vec<u8>> {
    let mut w = Writer::new(enc);
    encode_value(&mut w, tc, v, opts)?;
    Ok(w.into_inner())
}

/// A value of `tc` from a whole CDR stream (every byte must be used).
pub fn value_from_bytes(
    bytes: &[u8],
    tc: &TypeCode,
    enc: Encoding,
    opts: &DecodeOptions,
) -> TcResult<Value> {
    let mut r = Reader::new(bytes, enc);
    let v = decode_value(&mut r, tc, opts)?;
    r.finish()?;
    Ok(v)
}

/// An `any` alone as a CDR stream in `enc` from alignment origin 0.
pub fn any_to_bytes(a: &Any, enc: Encoding, opts: &EncodeOptions) -> TcResult<Vec<u8>> {
    let mut w = Writer::new(enc);
    encode_any(&mut w, a, opts)?;
    Ok(w.into_inner())
}

/// An `any` from a whole CDR stream (every byte must be used).
pub fn any_from_bytes(bytes: &[u8], enc: Encoding, opts: &DecodeOptions) -> TcResult<Any> {
    let mut r = Reader::new(bytes, enc);
    let a = decode_any(&mut r, opts)?;
    r.finish()?;
    Ok(a)
}
