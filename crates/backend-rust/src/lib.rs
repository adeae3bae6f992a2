//! The `rust` backend: this workspace's own marshalling code behind the
//! common operation set (`bench-ops`), a backend crate beside
//! `legacy-omniorb` and `legacy-ada`. Sequences and strings go through
//! `corba-cdr`, TypeCodes through `corba-typecode`'s codec, `any` values
//! through compiled plans, and the static path through the types `corba-idl`
//! generates from the corpus IDL (`bench-types`).

mod giop;

use bench_ops::{Backend, BackendError, Case, Decoder, Encoder, Family, NativeForm, Subject};
use corba_cdr::{Encoding, Reader, Utf16Style, Writer};
use corba_idl_rt::IdlType;
use corba_typecode::{
    decode_typecode, encode_typecode, DecodeOptions, EncodeOptions, Plan, Tape, TypeCode, Value,
};
use std::sync::Arc;

const NAME: &str = "rust";

/// Rust marshalling, configured either to the letter of the spec or to
/// produce omniORB's choices where the spec leaves room (see
/// `corpus/known_divergences.md`).
#[derive(Clone, Debug, PartialEq)]
pub struct RustBackend {
    utf16: Utf16Style,
    encode: EncodeOptions,
    decode: DecodeOptions,
}

impl Default for RustBackend {
    fn default() -> Self {
        RustBackend {
            utf16: Utf16Style::Spec,
            encode: EncodeOptions::spec(),
            decode: DecodeOptions::spec(),
        }
    }
}

impl RustBackend {
    /// Spec-conformant choices everywhere.
    pub fn spec() -> Self {
        Self::default()
    }

    /// omniORB's choices where the spec leaves room: UTF-16 BOM in native
    /// order for GIOP 1.2 wstrings, TypeCode encapsulations in host order,
    /// indirections for repeated TypeCodes, default labels as a zero of the
    /// discriminator type.
    pub fn omniorb_compatible() -> Self {
        RustBackend {
            utf16: Utf16Style::OmniOrb,
            encode: EncodeOptions::omniorb(),
            decode: DecodeOptions::omniorb(),
        }
    }

    /// The CDR encoding this backend uses for `case`.
    pub fn encoding(&self, case: &Case) -> Encoding {
        Encoding::new(case.params.order, case.params.giop).with_utf16(self.utf16)
    }

    /// Writes `subject` with this backend's options (TypeCode and `any`
    /// through the interpreter; the measured encoder uses compiled plans,
    /// which give the same bytes).
    pub fn write(&self, w: &mut Writer, subject: &Subject) -> Result<(), BackendError> {
        write_with(w, subject, &self.encode)
    }
}

fn failed(e: impl std::fmt::Display) -> BackendError {
    BackendError::Failed {
        backend: NAME,
        message: e.to_string(),
    }
}

/// Writes a subject with the specification's TypeCode options (the wstring
/// style comes from the writer's encoding). The equivalence tests use it
/// with a padding-tracking writer.
pub fn write_subject(w: &mut Writer, subject: &Subject) -> Result<(), BackendError> {
    write_with(w, subject, &EncodeOptions::spec())
}

fn write_with(w: &mut Writer, subject: &Subject, opts: &EncodeOptions) -> Result<(), BackendError> {
    match subject {
        Subject::SeqLong(v) => w.write_sequence(v),
        Subject::SeqDouble(v) => w.write_sequence(v),
        Subject::SeqOctet(v) => w.write_octet_sequence(v),
        Subject::SeqString(v) => {
            w.write_ulong(u32::try_from(v.len()).map_err(failed)?);
            for s in v {
                w.write_string(s).map_err(failed)?;
            }
        }
        Subject::String(s) => w.write_string(s).map_err(failed)?,
        Subject::WString(s) => w.write_wstring(s).map_err(failed)?,
        Subject::TypeCode(tc) => encode_typecode(w, tc, &opts.typecode).map_err(failed)?,
        Subject::Any(a) => corba_typecode::encode_any(w, a, opts).map_err(failed)?,
        Subject::Static { type_id, value } => {
            let native = StaticType::by_id(type_id)?.native(value)?;
            native.encode(w).map_err(failed)?;
        }
    }
    Ok(())
}

/// A value of a generated (static) type, behind a trait object so the
/// measured call is the generated `encode`/`decode` only.
trait StaticNative {
    fn encode(&self, w: &mut Writer) -> Result<(), corba_idl_rt::Error>;
    fn decode(&mut self, r: &mut Reader<'_>) -> Result<(), corba_idl_rt::Error>;
    fn value(&self) -> Value;
}

struct Native<T>(T);

impl<T: IdlType> StaticNative for Native<T> {
    fn encode(&self, w: &mut Writer) -> Result<(), corba_idl_rt::Error> {
        self.0.encode(w)
    }
    /// `decode_static` decodes into the value of the previous call
    /// (generated `decode_into`: its strings and vectors are reused, as Fast
    /// CDR's reusing decoders do), not into a fresh value.
    fn decode(&mut self, r: &mut Reader<'_>) -> Result<(), corba_idl_rt::Error> {
        self.0.decode_into(r)
    }
    fn value(&self) -> Value {
        self.0.to_value()
    }
}

/// The generated corpus types, found by repository id.
struct StaticType {
    native: fn(&Value) -> Result<Box<dyn StaticNative>, corba_idl_rt::Error>,
    zero: fn() -> Box<dyn StaticNative>,
}

fn native_of<T: IdlType + 'static>(
    v: &Value,
) -> Result<Box<dyn StaticNative>, corba_idl_rt::Error> {
    Ok(Box::new(Native(T::from_value(v)?)))
}

fn zero_of<T: IdlType + 'static>() -> Box<dyn StaticNative> {
    Box::new(Native(T::zero()))
}

macro_rules! static_types {
    ($($t:ty),* $(,)?) => {
        impl StaticType {
            fn by_id(id: &str) -> Result<StaticType, BackendError> {
                $(
                    if <$t as IdlType>::type_code().id() == Some(id) {
                        return Ok(StaticType { native: native_of::<$t>, zero: zero_of::<$t> });
                    }
                )*
                Err(BackendError::Unsupported {
                    backend: NAME,
                    what: format!("no generated type for {id}"),
                })
            }
        }
    };
}

use bench_types::Bench;
bench_types::for_each_corpus_type!(static_types);

impl StaticType {
    fn native(&self, v: &Value) -> Result<Box<dyn StaticNative>, BackendError> {
        (self.native)(v).map_err(failed)
    }
}

/// What an encoder holds, prepared: the native form of the subject.
enum Prepared {
    Plain(Subject),
    TypeCode(TypeCode),
    Any { plan: Arc<Plan>, value: Value },
    Static(Box<dyn StaticNative>),
}

struct RustEncoder {
    enc: Encoding,
    opts: EncodeOptions,
    prepared: Prepared,
}

impl Encoder for RustEncoder {
    fn encode(&mut self, out: &mut Vec<u8>) -> Result<(), BackendError> {
        let mut w = Writer::into_buffer(std::mem::take(out), self.enc);
        let r = match &self.prepared {
            Prepared::Plain(s) => write_with(&mut w, s, &self.opts),
            Prepared::TypeCode(tc) => {
                encode_typecode(&mut w, tc, &self.opts.typecode).map_err(failed)
            }
            Prepared::Any { plan, value } => {
                plan.encode_any(&mut w, value, &self.opts).map_err(failed)
            }
            Prepared::Static(n) => n.encode(&mut w).map_err(failed),
        };
        *out = w.into_inner();
        r
    }
}

/// A decoder keeps its result in the shape of the case's subject; vectors
/// are reused between calls.
enum Decoded {
    Plain(Subject),
    TypeCode(Option<TypeCode>),
    /// The plan compiled for the expected TypeCode: an `any` carrying
    /// exactly that TypeCode is not parsed again (as an ORB with a TypeCode
    /// cache would), any other is decoded and compiled. The value is
    /// checked into a reused tape ([`Tape`]) that refers to the decoder's
    /// own copy of the octets (reused too): no value tree, no allocation
    /// per node. `result` builds the owned [`Value`] from the tape.
    Any {
        plan: Arc<Plan>,
        tape: Tape,
        input: Vec<u8>,
    },
    Static {
        type_id: String,
        native: Box<dyn StaticNative>,
    },
}

struct RustDecoder {
    enc: Encoding,
    opts: DecodeOptions,
    result: Decoded,
}

impl Decoder for RustDecoder {
    fn decode(&mut self, bytes: &[u8]) -> Result<(), BackendError> {
        let mut r = Reader::new(bytes, self.enc);
        match &mut self.result {
            Decoded::Plain(s) => decode_plain(&mut r, s)?,
            Decoded::TypeCode(t) => {
                // corba-typecode remembers recently decoded TypeCodes, so a
                // repeated decode is a lookup (597 instead of 43k
                // instructions for Wide50). The legacy backends parse every
                // time; clearing first measures the parse, not the cache.
                corba_typecode::clear_typecode_cache();
                *t = Some(decode_typecode(&mut r, &self.opts).map_err(failed)?);
            }
            Decoded::Any { plan, tape, input } => {
                input.clear();
                input.extend_from_slice(bytes);
                let mut r = Reader::new(input, self.enc);
                plan.decode_any_tape(&mut r, &self.opts, tape)
                    .map_err(failed)?;
                return r.finish().map_err(failed);
            }
            Decoded::Static { native, .. } => native.decode(&mut r).map_err(failed)?,
        }
        r.finish().map_err(failed)
    }

    fn result(&self) -> Result<Subject, BackendError> {
        let none = || failed("nothing decoded yet");
        Ok(match &self.result {
            Decoded::Plain(s) => s.clone(),
            Decoded::TypeCode(t) => Subject::TypeCode(t.clone().ok_or_else(none)?),
            Decoded::Any { plan, tape, input } => {
                let view = tape.view(input).ok_or_else(none)?;
                Subject::Any(corba_typecode::Any {
                    tc: tape.foreign_typecode().unwrap_or(plan.typecode()).clone(),
                    value: view.to_value().map_err(failed)?,
                })
            }
            Decoded::Static { type_id, native } => Subject::Static {
                type_id: type_id.clone(),
                value: native.value(),
            },
        })
    }
}

fn decode_plain(r: &mut Reader<'_>, s: &mut Subject) -> Result<(), BackendError> {
    match s {
        Subject::SeqLong(v) => {
            v.clear();
            let n = r.read_count(4).map_err(failed)?;
            r.read_slice_into(n, v).map_err(failed)?;
        }
        Subject::SeqDouble(v) => {
            v.clear();
            let n = r.read_count(8).map_err(failed)?;
            r.read_slice_into(n, v).map_err(failed)?;
        }
        Subject::SeqOctet(v) => {
            v.clear();
            v.extend_from_slice(r.read_octet_sequence().map_err(failed)?);
        }
        Subject::SeqString(v) => {
            // Each string takes at least its length and NUL: 5 octets.
            let n = r.read_count(5).map_err(failed)?;
            // Decoded into the strings already there (their capacity is
            // reused), as a reusing decoder such as Fast CDR's does.
            v.truncate(n);
            for s in v.iter_mut() {
                r.read_string_into(s).map_err(failed)?;
            }
            v.reserve(n - v.len());
            while v.len() < n {
                v.push(r.read_string().map_err(failed)?);
            }
        }
        Subject::String(s) => r.read_string_into(s).map_err(failed)?,
        Subject::WString(s) => r.read_wstring_into(s).map_err(failed)?,
        Subject::TypeCode(_) | Subject::Any(_) | Subject::Static { .. } => {
            return Err(failed("not a plain subject"));
        }
    }
    Ok(())
}

fn plan_for(tc: &TypeCode, opts: &EncodeOptions) -> Result<Arc<Plan>, BackendError> {
    Plan::compile_with(tc, opts.typecode)
        .map(Arc::new)
        .map_err(failed)
}

impl Backend for RustBackend {
    fn name(&self) -> &'static str {
        NAME
    }

    fn native_form(&self, family: Family) -> NativeForm {
        let (encodes_from, decodes_into) = match family {
            Family::Seq => ("a Rust Vec", "the Vec of the previous call, refilled"),
            Family::String => (
                "Rust Strings",
                "the Strings of the previous call, refilled (checked, converted to UTF-8)",
            ),
            Family::TypeCode => (
                "a corba_typecode::TypeCode",
                "a new TypeCode (one Arc per composite type)",
            ),
            Family::Any => (
                "a value tree (corba_typecode::Value) through a compiled Plan",
                "a reused flat tape of checked cells over a reused copy of the octets; \
                 an owned Value is built from it only on demand (not measured)",
            ),
            Family::Static => (
                "a generated struct (corba-idl codegen)",
                "the generated struct of the previous call (decode_into: \
                 strings and vectors keep their capacity)",
            ),
        };
        NativeForm {
            encodes_from,
            decodes_into,
        }
    }

    fn encoder(&self, case: &Case) -> Result<Box<dyn Encoder>, BackendError> {
        let prepared = match &case.subject {
            Subject::TypeCode(tc) => Prepared::TypeCode(tc.clone()),
            Subject::Any(a) => Prepared::Any {
                plan: plan_for(&a.tc, &self.encode)?,
                value: a.value.clone(),
            },
            Subject::Static { type_id, value } => {
                Prepared::Static(StaticType::by_id(type_id)?.native(value)?)
            }
            plain => Prepared::Plain(plain.clone()),
        };
        Ok(Box::new(RustEncoder {
            enc: self.encoding(case),
            opts: self.encode,
            prepared,
        }))
    }

    fn decoder(&self, case: &Case) -> Result<Box<dyn Decoder>, BackendError> {
        let result = match &case.subject {
            Subject::SeqLong(_) => Decoded::Plain(Subject::SeqLong(Vec::new())),
            Subject::SeqDouble(_) => Decoded::Plain(Subject::SeqDouble(Vec::new())),
            Subject::SeqOctet(_) => Decoded::Plain(Subject::SeqOctet(Vec::new())),
            Subject::SeqString(_) => Decoded::Plain(Subject::SeqString(Vec::new())),
            Subject::String(_) => Decoded::Plain(Subject::String(String::new())),
            Subject::WString(_) => Decoded::Plain(Subject::WString(String::new())),
            Subject::TypeCode(_) => Decoded::TypeCode(None),
            Subject::Any(a) => Decoded::Any {
                plan: plan_for(&a.tc, &self.encode)?,
                tape: Tape::new(),
                input: Vec::new(),
            },
            Subject::Static { type_id, .. } => Decoded::Static {
                type_id: type_id.clone(),
                native: (StaticType::by_id(type_id)?.zero)(),
            },
        };
        Ok(Box::new(RustDecoder {
            enc: self.encoding(case),
            opts: self.decode.clone(),
            result,
        }))
    }
}
