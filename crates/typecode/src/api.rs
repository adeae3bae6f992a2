//! The one-shot marshalling API: a value or an `any` to and from CDR
//! (§9.3; an `any` is its TypeCode, §9.3.5.1, followed by its value),
//! through a [`Plan`] compiled for the call. Keep a [`Plan`] to marshal
//! many values of one type.

use crate::codec::root_name;
use crate::error::{TcError, TcResult};
use crate::options::{DecodeOptions, EncodeOptions};
use crate::plan::Plan;
use crate::{tcio, Any, TypeCode, Value};
use corba_cdr::{Encoding, Reader, Sink, Writer};

fn add_root(tc: &TypeCode) -> impl Fn(TcError) -> TcError + '_ {
    move |e| e.root(&root_name(tc))
}

/// The plan of `tc`, its compile errors named after `tc` as walking
/// errors are.
fn plan_of(tc: &TypeCode) -> TcResult<Plan> {
    Plan::compile(tc).map_err(add_root(tc))
}

/// Marshals `v` as a value of `tc` (§9.3), checking that it conforms.
pub fn encode_value<S: Sink>(
    w: &mut Writer<S>,
    tc: &TypeCode,
    v: &Value,
    opts: &EncodeOptions,
) -> TcResult<()> {
    plan_of(tc)?.encode(w, v, opts)
}

/// Unmarshals a value of `tc`.
pub fn decode_value(r: &mut Reader<'_>, tc: &TypeCode, opts: &DecodeOptions) -> TcResult<Value> {
    plan_of(tc)?.decode(r, opts)
}

/// Marshals an `any`: its TypeCode, then its value.
pub fn encode_any<S: Sink>(w: &mut Writer<S>, a: &Any, opts: &EncodeOptions) -> TcResult<()> {
    tcio::encode_typecode(w, &a.tc, &opts.typecode).map_err(add_root(&a.tc))?;
    plan_of(&a.tc)?.encode(w, &a.value, opts)
}

/// Unmarshals an `any`. The zero-size value budget counts the TypeCode's
/// octets too (it is set before the TypeCode is read).
pub fn decode_any(r: &mut Reader<'_>, opts: &DecodeOptions) -> TcResult<Any> {
    let budget_from = r.remaining();
    let tc = tcio::decode_typecode_at(r, opts, 0)?;
    let value = plan_of(&tc)?.decode_budgeted(r, opts, budget_from)?;
    Ok(Any { tc, value })
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
