//! Shared pieces of TypeCode-driven marshalling: value conformance errors,
//! union member selection, size bounds, and the codecs of the kinds that are
//! more than one primitive (sequences of primitives, object references,
//! strings), plus the encoder and decoder state every walker carries
//! (chunking and indirections of valuetypes, §9.3.4).

use crate::error::{TcError, TcErrorKind};
use crate::{PrimSeq, TCKind, TypeCode, TypeDesc, Value};
use corba_cdr::ErrorKind;

pub(crate) mod ior;
pub(crate) mod seqs;
pub(crate) mod state;
pub(crate) mod strings;

/// The name of a value's variant, for mismatch errors.
pub fn value_kind_name(v: &Value) -> &'static str {
    match v {
        Value::Nothing => "nothing",
        Value::Short(_) => "short",
        Value::Long(_) => "long",
        Value::UShort(_) => "unsigned short",
        Value::ULong(_) => "unsigned long",
        Value::LongLong(_) => "long long",
        Value::ULongLong(_) => "unsigned long long",
        Value::Float(_) => "float",
        Value::Double(_) => "double",
        Value::LongDouble(_) => "long double",
        Value::Boolean(_) => "boolean",
        Value::Char(_) => "char",
        Value::WChar(_) => "wchar",
        Value::Octet(_) => "octet",
        Value::String(_) => "string",
        Value::WString(_) => "wstring",
        Value::Fixed(_) => "fixed",
        Value::Enum(_) => "enum",
        Value::Struct(_) => "struct",
        Value::Union { .. } => "union",
        Value::Seq(_) => "sequence",
        Value::Prim(p) => match p {
            PrimSeq::Short(_) => "short[]",
            PrimSeq::Long(_) => "long[]",
            PrimSeq::UShort(_) => "unsigned short[]",
            PrimSeq::ULong(_) => "unsigned long[]",
            PrimSeq::LongLong(_) => "long long[]",
            PrimSeq::ULongLong(_) => "unsigned long long[]",
            PrimSeq::Float(_) => "float[]",
            PrimSeq::Double(_) => "double[]",
            PrimSeq::Boolean(_) => "boolean[]",
            PrimSeq::Char(_) => "char[]",
            PrimSeq::Octet(_) => "octet[]",
        },
        Value::Any(_) => "any",
        Value::TypeCode(_) => "TypeCode",
        Value::ObjRef(_) => "object reference",
        Value::ValueType(_) => "valuetype",
    }
}

pub(crate) fn mismatch(expected: &'static str, v: &Value, at: usize) -> TcError {
    TcError::new(
        TcErrorKind::Mismatch {
            expected,
            found: value_kind_name(v),
        },
        at,
    )
}

/// A value with `found` members or elements where the TypeCode has
/// `expected`. The general walker and the valuetype encoder use it; the
/// plan's hot encoder (`plan/enc.rs`) builds the same error in line, as a
/// call there cost encode_any/record_x1000_le +0.4% (2,176,894 vs 2,167,712
/// instructions a call).
#[cold]
pub(crate) fn wrong_length(expected: usize, found: usize, at: usize) -> TcError {
    TcError::new(TcErrorKind::WrongLength { expected, found }, at)
}

/// The union label a discriminator value stands for.
pub(crate) fn disc_label(v: &Value) -> Option<i128> {
    Some(match *v {
        Value::Short(x) => x.into(),
        Value::Long(x) => x.into(),
        Value::UShort(x) => x.into(),
        Value::ULong(x) => x.into(),
        Value::LongLong(x) => x.into(),
        Value::ULongLong(x) => x.into(),
        Value::Boolean(b) => i128::from(u8::from(b)),
        Value::Char(c) => c.into(),
        Value::WChar(c) => c.into(),
        Value::Enum(e) => e.into(),
        _ => return None,
    })
}

/// A lower bound on the encoded size of a value of `tc` (alignment
/// ignored), used to reject counts the input cannot hold before anything is
/// allocated. Saturating; a recursive placeholder counts 1.
pub(crate) fn min_size(tc: &TypeCode) -> u64 {
    fn go(tc: &TypeCode, fuel: &mut u32) -> u64 {
        if *fuel == 0 {
            return 1;
        }
        *fuel -= 1;
        match tc.desc() {
            TypeDesc::Basic(k) => match *k {
                TCKind::NULL | TCKind::VOID => 0,
                TCKind::BOOLEAN | TCKind::CHAR | TCKind::OCTET => 1,
                TCKind::SHORT | TCKind::USHORT | TCKind::WCHAR => 2,
                TCKind::LONGLONG | TCKind::ULONGLONG | TCKind::DOUBLE => 8,
                TCKind::LONGDOUBLE => 16,
                _ => 4,
            },
            TypeDesc::String { .. }
            | TypeDesc::WString { .. }
            | TypeDesc::Enum { .. }
            | TypeDesc::Sequence { .. } => 4,
            TypeDesc::Fixed { digits, .. } => u64::from(*digits) / 2 + 1,
            TypeDesc::Interface { kind, .. } => {
                if *kind == TCKind::ABSTRACT_INTERFACE {
                    1
                } else {
                    8
                }
            }
            // An exception's repository id is optional (omniORB's anys), so
            // it does not count.
            TypeDesc::Struct { members, .. } => members
                .iter()
                .fold(0, |a, m| a.saturating_add(go(&m.tc, fuel))),
            TypeDesc::Union { discriminator, .. } => go(discriminator, fuel).max(1),
            TypeDesc::Array { element, length } => {
                go(element, fuel).saturating_mul(u64::from(*length))
            }
            TypeDesc::Alias { content, .. } => go(content, fuel),
            TypeDesc::Value { .. } | TypeDesc::ValueBox { .. } => 4,
            TypeDesc::Recursive { .. } => 1,
        }
    }
    let mut fuel = 10_000;
    go(tc, &mut fuel)
}

pub(crate) fn zero_size_error(at: usize) -> TcError {
    TcError::new(
        TcErrorKind::Malformed("sequence or array of a zero-size element"),
        at,
    )
}

pub(crate) fn root_name(tc: &TypeCode) -> String {
    match tc.name() {
        Some(n) if !n.is_empty() => n.to_owned(),
        _ => tc.kind().and_then(TCKind::name).unwrap_or("?").to_owned(),
    }
}

pub(crate) fn bound_error(len: usize, bound: u32, at: usize) -> TcError {
    TcError::new(
        TcErrorKind::Cdr(ErrorKind::BoundExceeded {
            length: len as u64,
            bound,
        }),
        at,
    )
}
