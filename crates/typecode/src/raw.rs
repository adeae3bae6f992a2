//! An `any` kept as its TypeCode and its checked value octets, decoded to a
//! [`Value`] only on demand: what an ORB that keeps an any's value in
//! marshalled form does (one copy, no value tree), with the same checks as
//! decoding (a [`Plan::skip`] walks the value first).

use crate::error::TcResult;
use crate::options::DecodeOptions;
use crate::plan::Plan;
use crate::{tcio, Any, TypeCode, Value};
use corba_cdr::{Encoding, Reader};

/// An `any` whose value is kept as the CDR octets it arrived in.
///
/// The octets are stored after `pad` zero octets that put the value at the
/// same alignment (modulo 8) it had in its stream, so decoding them later
/// gives exactly what decoding the stream would have (§9.3.1 alignment).
#[derive(Clone, Debug, PartialEq)]
pub struct RawAny {
    pub tc: TypeCode,
    enc: Encoding,
    pad: usize,
    bytes: Vec<u8>,
}

/// The alignment phase of `r` modulo 8 (as far as the bytes left tell:
/// an item the bytes left cannot hold cannot be misaligned by the guess).
fn phase(r: &Reader<'_>) -> usize {
    for n in [8usize, 4, 2] {
        let mut p = r.clone();
        let before = p.position();
        if p.align(n).is_ok() {
            return (n - (p.position() - before)) % n;
        }
    }
    0
}

impl RawAny {
    /// The encoding of the octets (the stream's).
    pub fn encoding(&self) -> Encoding {
        self.enc
    }

    /// The value's octets as they were in the stream.
    pub fn value_bytes(&self) -> &[u8] {
        &self.bytes[self.pad..]
    }

    /// Decodes the value with `plan` (compiled for [`RawAny::tc`]).
    pub fn decode_with(&self, plan: &Plan, opts: &DecodeOptions) -> TcResult<Value> {
        let mut r = Reader::new(&self.bytes, self.enc);
        r.take(self.pad)?;
        plan.decode(&mut r, opts)
    }

    /// Decodes the value (with a plan compiled for [`RawAny::tc`]).
    pub fn decode(&self, opts: &DecodeOptions) -> TcResult<Value> {
        let mut r = Reader::new(&self.bytes, self.enc);
        r.take(self.pad)?;
        crate::decode_value(&mut r, &self.tc, opts)
    }

    /// The decoded [`Any`].
    pub fn to_any(&self, opts: &DecodeOptions) -> TcResult<Any> {
        Ok(Any {
            tc: self.tc.clone(),
            value: self.decode(opts)?,
        })
    }
}

impl Plan {
    /// Reads an `any` keeping its value as checked octets ([`RawAny`]):
    /// the TypeCode as [`Plan::decode_any`] does (not parsed again when it
    /// is this plan's), the value checked by a skip (same errors and
    /// budgets as decoding) and copied once.
    pub fn decode_any_raw(&self, r: &mut Reader<'_>, opts: &DecodeOptions) -> TcResult<RawAny> {
        let tc = if self.take_own_typecode(r)? {
            let pad = phase(r);
            let start = r.position();
            self.skip(r, opts)?;
            return Ok(capture(self.typecode().clone(), r, pad, start));
        } else {
            tcio::decode_typecode(r, opts)?
        };
        let pad = phase(r);
        let start = r.position();
        Plan::compile(&tc)?.skip(r, opts)?;
        Ok(capture(tc, r, pad, start))
    }
}

fn capture(tc: TypeCode, r: &Reader<'_>, pad: usize, start: usize) -> RawAny {
    let value = &r.buffer()[start..r.position()];
    let mut bytes = Vec::with_capacity(pad + value.len());
    bytes.resize(pad, 0);
    bytes.extend_from_slice(value);
    RawAny {
        tc,
        enc: r.encoding(),
        pad,
        bytes,
    }
}
