#![forbid(unsafe_code)]
//! The one operation set that every marshalling backend implements, so that
//! the same benchmark ids (`{operation}/{backend}/{payload}`) and the same
//! equivalence tests run against `rust`, `omniorb`, `ada` and any legacy
//! implementation plugged in later.
//!
//! A backend turns a [`Case`] into a prepared [`Encoder`] or [`Decoder`]
//! outside the measured region (building the backend's own native value, for
//! legacy backends by walking the Rust value, never from Rust's bytes). The
//! measured operation is only [`Encoder::encode`] or [`Decoder::decode`].
//!
//! Every byte string exchanged here is a CDR stream in `case.params.order`
//! that starts at alignment origin 0 and has no leading byte-order octet:
//! for [`Subject::Any`] it holds the TypeCode then the value (an IDL `any`),
//! for [`Subject::TypeCode`] one TypeCode, for the others one value of the
//! subject's IDL type.

mod giop;

pub use giop::{GiopBackend, GiopRequest, ReplyDecoder};

use corba_cdr::{ByteOrder, GiopVersion};
use corba_typecode::{Any, TypeCode, Value};
use std::fmt;

/// Byte order and GIOP version of a case.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Params {
    pub order: ByteOrder,
    pub giop: GiopVersion,
}

impl Params {
    pub const fn new(order: ByteOrder, giop: GiopVersion) -> Params {
        Params { order, giop }
    }
}

/// What a case marshals, as a Rust value every backend can walk.
#[derive(Clone, Debug, PartialEq)]
pub enum Subject {
    /// `sequence<long>`
    SeqLong(Vec<i32>),
    /// `sequence<double>`
    SeqDouble(Vec<f64>),
    /// `sequence<octet>`
    SeqOctet(Vec<u8>),
    /// `sequence<string>`
    SeqString(Vec<String>),
    /// `string`
    String(String),
    /// `wstring` (not in GIOP 1.0)
    WString(String),
    /// A TypeCode, marshalled as itself.
    TypeCode(TypeCode),
    /// An `any` (TypeCode-driven marshalling).
    Any(Any),
    /// A value of a corpus IDL type, through the backend's compiled
    /// (static, stub-generated) marshalling. `type_id` is the repository id.
    Static { type_id: String, value: Value },
}

/// The operation families: what the `_seq`, `_string`, ... of a bench
/// operation (`encode_seq`, `decode_any`, ...) names.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Family {
    Seq,
    String,
    TypeCode,
    Any,
    Static,
}

impl Family {
    pub const ALL: [Family; 5] = [
        Family::Seq,
        Family::String,
        Family::TypeCode,
        Family::Any,
        Family::Static,
    ];

    /// The family as it stands in bench ids.
    pub fn as_str(self) -> &'static str {
        match self {
            Family::Seq => "seq",
            Family::String => "string",
            Family::TypeCode => "typecode",
            Family::Any => "any",
            Family::Static => "static",
        }
    }
}

impl Subject {
    /// The operation family of this subject.
    pub fn family_of(&self) -> Family {
        match self {
            Subject::SeqLong(_) | Subject::SeqDouble(_) | Subject::SeqOctet(_) => Family::Seq,
            Subject::SeqString(_) | Subject::String(_) | Subject::WString(_) => Family::String,
            Subject::TypeCode(_) => Family::TypeCode,
            Subject::Any(_) => Family::Any,
            Subject::Static { .. } => Family::Static,
        }
    }

    /// The operation family, as used in bench ids (`encode_any`, ...).
    pub fn family(&self) -> &'static str {
        self.family_of().as_str()
    }
}

/// What a backend's own value is on either side of its measured calls.
/// Backends do not leave the same thing behind (omniORB's `any` keeps the
/// value marshalled, the Rust decoder fills a checked tape, the Ada one a
/// value tree), so the report states it beside the figures: a faster
/// decode that does less is no win.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NativeForm {
    /// What [`Encoder::encode`] starts from (prepared, not measured).
    pub encodes_from: &'static str,
    /// What [`Decoder::decode`] leaves behind.
    pub decodes_into: &'static str,
}

/// One unit of work: what to marshal and how.
#[derive(Clone, Debug, PartialEq)]
pub struct Case {
    pub subject: Subject,
    pub params: Params,
}

/// A backend could not do what was asked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BackendError {
    /// The backend does not implement this operation (for example omniORB
    /// has no `wstring` in GIOP 1.0, which no one has).
    Unsupported { backend: &'static str, what: String },
    /// The backend rejected the input or failed while marshalling.
    Failed {
        backend: &'static str,
        message: String,
    },
}

impl fmt::Display for BackendError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BackendError::Unsupported { backend, what } => {
                write!(f, "{backend}: unsupported: {what}")
            }
            BackendError::Failed { backend, message } => write!(f, "{backend}: {message}"),
        }
    }
}

impl std::error::Error for BackendError {}

/// A prepared marshal: the value is already in the backend's native form.
pub trait Encoder {
    /// Measured. Clears `out` and writes the case's bytes into it.
    fn encode(&mut self, out: &mut Vec<u8>) -> Result<(), BackendError>;
}

/// A prepared unmarshal into the backend's native form.
pub trait Decoder {
    /// Measured. Decodes `bytes` and keeps the result inside.
    fn decode(&mut self, bytes: &[u8]) -> Result<(), BackendError>;
    /// Not measured. The last decoded result, walked back into a Rust
    /// [`Subject`] of the same shape as the case's, for comparison.
    fn result(&self) -> Result<Subject, BackendError>;
}

/// A marshalling implementation under test.
pub trait Backend {
    /// `rust`, `omniorb`, `ada`, ...: the middle part of bench ids.
    fn name(&self) -> &'static str;
    /// Prepares an encoder for `case` (not measured).
    fn encoder(&self, case: &Case) -> Result<Box<dyn Encoder>, BackendError>;
    /// Prepares a decoder for bytes of `case`'s shape (not measured).
    fn decoder(&self, case: &Case) -> Result<Box<dyn Decoder>, BackendError>;
    /// What this backend encodes from and decodes into for `family`, one
    /// short phrase each, for the report.
    fn native_form(&self, family: Family) -> NativeForm;
}

/// Convenience: encode a case once.
pub fn encode_once(backend: &dyn Backend, case: &Case) -> Result<Vec<u8>, BackendError> {
    let mut e = backend.encoder(case)?;
    let mut out = Vec::new();
    e.encode(&mut out)?;
    Ok(out)
}

/// Convenience: decode bytes of a case's shape once.
pub fn decode_once(
    backend: &dyn Backend,
    case: &Case,
    bytes: &[u8],
) -> Result<Subject, BackendError> {
    let mut d = backend.decoder(case)?;
    d.decode(bytes)?;
    d.result()
}
