//! The `rust` backend: this workspace's own marshalling code behind the
//! common operation set.

use crate::{Backend, BackendError, Case, Decoder, Encoder, Subject};
use corba_cdr::{Encoding, Reader, Utf16Style, Writer};

const NAME: &str = "rust";

/// Rust marshalling, configured either to the letter of the spec or to
/// produce omniORB's choices where the spec leaves room (see
/// `corpus/known_divergences.md`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RustBackend {
    utf16: Utf16Style,
}

impl Default for RustBackend {
    fn default() -> Self {
        RustBackend {
            utf16: Utf16Style::Spec,
        }
    }
}

impl RustBackend {
    /// Spec-conformant choices everywhere.
    pub fn spec() -> Self {
        Self::default()
    }

    /// omniORB's choices where the spec leaves room: UTF-16 BOM in native
    /// order for GIOP 1.2 wstrings.
    pub fn omniorb_compatible() -> Self {
        RustBackend {
            utf16: Utf16Style::OmniOrb,
        }
    }

    /// The CDR encoding this backend uses for `case`.
    pub fn encoding(&self, case: &Case) -> Encoding {
        Encoding::new(case.params.order, case.params.giop).with_utf16(self.utf16)
    }
}

fn failed(e: impl std::fmt::Display) -> BackendError {
    BackendError::Failed {
        backend: NAME,
        message: e.to_string(),
    }
}

fn unsupported(what: &str) -> BackendError {
    BackendError::Unsupported {
        backend: NAME,
        what: what.to_owned(),
    }
}

/// Writes a subject. Also used for `encoded_len` (with a counting sink)
/// and padding maps by the equivalence tests.
pub fn write_subject<S: corba_cdr::Sink>(
    w: &mut Writer<S>,
    subject: &Subject,
) -> Result<(), BackendError> {
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
        Subject::TypeCode(_) | Subject::Any(_) | Subject::Static { .. } => {
            return Err(unsupported("typecode-driven operations"))
        }
    }
    Ok(())
}

struct RustEncoder {
    enc: Encoding,
    subject: Subject,
}

impl Encoder for RustEncoder {
    fn encode(&mut self, out: &mut Vec<u8>) -> Result<(), BackendError> {
        let mut w = Writer::into_buffer(std::mem::take(out), self.enc);
        let r = write_subject(&mut w, &self.subject);
        *out = w.into_inner();
        r
    }
}

/// A decoded result, kept in the shape of the case's subject; vectors are
/// reused between calls.
struct RustDecoder {
    enc: Encoding,
    result: Subject,
}

impl Decoder for RustDecoder {
    fn decode(&mut self, bytes: &[u8]) -> Result<(), BackendError> {
        let mut r = Reader::new(bytes, self.enc);
        match &mut self.result {
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
                v.clear();
                // Each string takes at least its length and NUL: 5 octets.
                let n = r.read_count(5).map_err(failed)?;
                v.reserve(n);
                for _ in 0..n {
                    v.push(r.read_string().map_err(failed)?);
                }
            }
            Subject::String(s) => *s = r.read_string().map_err(failed)?,
            Subject::WString(s) => *s = r.read_wstring().map_err(failed)?,
            Subject::TypeCode(_) | Subject::Any(_) | Subject::Static { .. } => {
                return Err(unsupported("typecode-driven operations"))
            }
        }
        r.finish().map_err(failed)
    }

    fn result(&self) -> Result<Subject, BackendError> {
        Ok(self.result.clone())
    }
}

/// An empty subject of the same shape as `s`, to decode into.
fn empty_like(s: &Subject) -> Subject {
    match s {
        Subject::SeqLong(_) => Subject::SeqLong(Vec::new()),
        Subject::SeqDouble(_) => Subject::SeqDouble(Vec::new()),
        Subject::SeqOctet(_) => Subject::SeqOctet(Vec::new()),
        Subject::SeqString(_) => Subject::SeqString(Vec::new()),
        Subject::String(_) => Subject::String(String::new()),
        Subject::WString(_) => Subject::WString(String::new()),
        other => other.clone(),
    }
}

impl Backend for RustBackend {
    fn name(&self) -> &'static str {
        NAME
    }

    fn encoder(&self, case: &Case) -> Result<Box<dyn Encoder>, BackendError> {
        Ok(Box::new(RustEncoder {
            enc: self.encoding(case),
            subject: case.subject.clone(),
        }))
    }

    fn decoder(&self, case: &Case) -> Result<Box<dyn Decoder>, BackendError> {
        Ok(Box::new(RustDecoder {
            enc: self.encoding(case),
            result: empty_like(&case.subject),
        }))
    }
}
