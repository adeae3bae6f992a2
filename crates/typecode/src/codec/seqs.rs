//! Sequences and arrays of primitives as bulk copies (§9.3.2.5: elements
//! aligned on their own size, so a block is one copy in the host order).

use crate::error::{TcError, TcErrorKind, TcResult};
use crate::prim::PrimKind;
use crate::{PrimSeq, Value};
use corba_cdr::{ErrorKind, Reader, Sink, Writer};

pub(crate) fn seq_len(v: &Value) -> Option<usize> {
    match v {
        Value::Seq(x) => Some(x.len()),
        Value::Prim(p) => Some(p.len()),
        _ => None,
    }
}

pub(crate) fn write_prim_seq<S: Sink>(w: &mut Writer<S>, ps: &PrimSeq) {
    match ps {
        PrimSeq::Short(v) => w.write_slice(v),
        PrimSeq::Long(v) => w.write_slice(v),
        PrimSeq::UShort(v) => w.write_slice(v),
        PrimSeq::ULong(v) => w.write_slice(v),
        PrimSeq::LongLong(v) => w.write_slice(v),
        PrimSeq::ULongLong(v) => w.write_slice(v),
        PrimSeq::Float(v) => w.write_slice(v),
        PrimSeq::Double(v) => w.write_slice(v),
        PrimSeq::Boolean(v) => {
            for &b in v {
                w.write_bool(b);
            }
        }
        PrimSeq::Char(v) | PrimSeq::Octet(v) => w.write_bytes(v),
    }
}

pub(crate) fn read_prim_seq(r: &mut Reader<'_>, pk: PrimKind, n: usize) -> TcResult<PrimSeq> {
    let at = r.absolute_position();
    if n.checked_mul(pk.size()).is_none_or(|b| b > r.remaining()) {
        return Err(TcError::new(
            TcErrorKind::Cdr(ErrorKind::LengthTooLarge {
                length: n as u64,
                available: r.remaining(),
            }),
            at,
        ));
    }
    macro_rules! bulk {
        ($var:ident) => {{
            let mut v = Vec::with_capacity(n);
            r.read_slice_into(n, &mut v)?;
            PrimSeq::$var(v)
        }};
    }
    Ok(match pk {
        PrimKind::Short => bulk!(Short),
        PrimKind::Long => bulk!(Long),
        PrimKind::UShort => bulk!(UShort),
        PrimKind::ULong => bulk!(ULong),
        PrimKind::LongLong => bulk!(LongLong),
        PrimKind::ULongLong => bulk!(ULongLong),
        PrimKind::Float => bulk!(Float),
        PrimKind::Double => bulk!(Double),
        PrimKind::Boolean => {
            let b = r.take(n)?;
            let mut v = Vec::with_capacity(n);
            for (i, &x) in b.iter().enumerate() {
                match x {
                    0 => v.push(false),
                    1 => v.push(true),
                    _ => {
                        return Err(TcError::new(
                            TcErrorKind::Cdr(ErrorKind::InvalidBoolean(x)),
                            at + i,
                        ))
                    }
                }
            }
            PrimSeq::Boolean(v)
        }
        PrimKind::Char => PrimSeq::Char(r.take(n)?.to_vec()),
        PrimKind::Octet => PrimSeq::Octet(r.take(n)?.to_vec()),
    })
}
