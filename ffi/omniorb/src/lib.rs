//! omniORB 4.2 (C++, Debian's libomniorb4-dev) as the `omniorb`
//! [`bench_ops::Backend`].
//!
//! Two layers, as CONTRIBUTING.md asks: [`ffi`] is the raw cxx bridge to
//! the C++ shim in `cxx/shim.{h,cc}` (owned handles are `UniquePtr`s that
//! C++ deletes); this module and [`tc`]/[`value`] are the safe layer.
//!
//! Preparation (not measured) builds omniORB's own native value from the
//! Rust [`Case`]: CORBA sequence types, a DynAny filled by walking the Rust
//! value, a TypeCode built with `orb->create_*_tc`, or an omniidl-generated
//! struct extracted from such a DynAny. The measured [`Encoder::encode`] is
//! one omniORB marshal into a reused `cdrMemoryStream` plus a copy out; the
//! measured [`Decoder::decode`] is one omniORB unmarshal. Results are walked
//! back (DynAny `get_*`, TypeCode accessors), never re-read from bytes.
//!
//! Code sets: omniORB runs with native char code set ISO-8859-1 (Rust text
//! is converted to ISO-8859-1 octets before it reaches C++), native wchar
//! code set UTF-16, and every stream uses ISO-8859-1 for `string` and UTF-16
//! for `wstring` (the defaults of `corba_cdr::Encoding::new`); the GIOP version of the case selects the
//! wide-string rules (`omniCodeSet::getTCS_W(UTF-16, version)`).

mod ffi;
pub mod load;
mod native_form;
mod tc;
mod value;

pub use tc::{mixed_recursion, OmniTypeCode};

use bench_ops::{Backend, BackendError, Case, Decoder, Encoder, Family, NativeForm, Subject};
use corba_cdr::{ByteOrder, GiopVersion};
use corba_typecode::path::{MemberPath, PathSeg};
use corba_typecode::{Any, TypeCode};
use cxx::UniquePtr;
use ffi::bridge;

const NAME: &str = "omniorb";

/// What went wrong on the omniORB side.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Error {
    /// omniORB (or this shim) cannot do this at all.
    Unsupported(String),
    /// omniORB raised an exception or returned something unusable.
    Failed(String),
    /// `error` (never itself `At`) inside a value, at member `path`.
    At { path: MemberPath, error: Box<Error> },
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Error::Unsupported(w) => write!(f, "unsupported: {w}"),
            Error::Failed(m) => f.write_str(m),
            Error::At { path, error } => match &**error {
                Error::Unsupported(w) => write!(f, "unsupported: at {path}: {w}"),
                e => write!(f, "at {path}: {e}"),
            },
        }
    }
}

impl std::error::Error for Error {}

impl Error {
    /// Adds member `name` outside the member path while unwinding a walk.
    pub(crate) fn at(self, name: &str) -> Error {
        self.with_step(PathSeg::Member(name.to_owned()))
    }

    /// Adds element `index` outside the member path.
    pub(crate) fn at_index(self, index: usize) -> Error {
        self.with_step(PathSeg::Index(index))
    }

    fn with_step(self, seg: PathSeg) -> Error {
        match self {
            Error::At { path, error } => Error::At {
                path: path.with(seg),
                error,
            },
            e => Error::At {
                path: MemberPath::new().with(seg),
                error: Box::new(e),
            },
        }
    }

    /// The error without its member path.
    pub fn cause(&self) -> &Error {
        match self {
            Error::At { error, .. } => error,
            e => e,
        }
    }

    /// Where inside the value the error happened, if inside one.
    pub fn member_path(&self) -> Option<&MemberPath> {
        match self {
            Error::At { path, .. } => Some(path),
            _ => None,
        }
    }
}

/// The bridge walks' own errors (depth budget) as omniORB-side failures:
/// the kind only, as a walk has no stream offset.
impl From<corba_typecode::TcError> for Error {
    fn from(e: corba_typecode::TcError) -> Self {
        Error::Failed(format!("TypeCode: {}", e.kind))
    }
}

impl From<cxx::Exception> for Error {
    fn from(e: cxx::Exception) -> Self {
        Error::Failed(e.what().to_owned())
    }
}

impl From<Error> for BackendError {
    fn from(e: Error) -> Self {
        match e {
            Error::Unsupported(what) => BackendError::Unsupported {
                backend: NAME,
                what,
            },
            Error::Failed(message) => BackendError::Failed {
                backend: NAME,
                message,
            },
            Error::At { path, error } => match BackendError::from(*error) {
                BackendError::Unsupported { backend, what } => BackendError::Unsupported {
                    backend,
                    what: format!("at {path}: {what}"),
                },
                BackendError::Failed { backend, message } => BackendError::Failed {
                    backend,
                    message: format!("at {path}: {message}"),
                },
            },
        }
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// The omniORB backend. Stateless: the ORB is initialised once, lazily,
/// by the first operation that needs it.
#[derive(Clone, Copy, Debug, Default)]
pub struct OmniOrb;

impl OmniOrb {
    pub fn new() -> OmniOrb {
        OmniOrb
    }
}

fn little(order: ByteOrder) -> bool {
    order == ByteOrder::LittleEndian
}

fn wide_supported(giop: GiopVersion) -> Result<()> {
    if giop == GiopVersion::V1_0 {
        // No encoding of wchar/wstring is defined in GIOP 1.0 (§9.3.1.6).
        Err(Error::Unsupported(
            "wchar/wstring in GIOP 1.0 (not defined by the spec)".into(),
        ))
    } else if giop == GiopVersion::V1_1 {
        // omniORB 4.2.5 registers a UTF-16 TCS-W for GIOP 1.2 only:
        // getTCS_W(UTF-16 | UCS-2 | UCS-4, 1.1) is null and marshalling
        // raises BAD_PARAM_WCharTCSNotKnown (corpus/known_divergences.md).
        Err(Error::Unsupported(
            "wchar/wstring in GIOP 1.1 (omniORB 4.2.5 has no GIOP 1.1 wide code set converter)"
                .into(),
        ))
    } else {
        Ok(())
    }
}

/// Whether values of `tc` may hold a wchar or wstring (any and TypeCode
/// values are opaque here and count as possibly wide only through their
/// actual values, checked by omniORB itself).
fn has_wide(tc: &TypeCode) -> bool {
    use corba_typecode::{TCKind, TypeDesc};
    // Any and TypeCode contents are not looked into (see above); the
    // depth budget is the walks' own.
    corba_typecode::bridge::contains(tc, tc::MAX_DEPTH, &mut |t| match t.desc() {
        TypeDesc::Basic(k) => *k == TCKind::WCHAR,
        TypeDesc::WString { .. } => true,
        _ => false,
    })
}

fn minor(giop: GiopVersion) -> Result<u8> {
    if giop.major == 1 && giop.minor <= 2 {
        Ok(giop.minor)
    } else {
        Err(Error::Unsupported(format!("GIOP {giop}")))
    }
}

/// Builds omniORB's native value for a subject and wraps its marshaller.
fn make_encoder(case: &Case) -> Result<UniquePtr<bridge::Encoder>> {
    let le = little(case.params.order);
    let m = minor(case.params.giop)?;
    Ok(match &case.subject {
        Subject::SeqLong(v) => bridge::enc_seq_long(v, le)?,
        Subject::SeqDouble(v) => bridge::enc_seq_double(v, le)?,
        Subject::SeqOctet(v) => bridge::enc_seq_octet(v, le)?,
        Subject::SeqString(v) => {
            let mut joined = Vec::new();
            for s in v {
                joined.extend(value::latin1(s)?);
                joined.push(0);
            }
            bridge::enc_seq_string(&joined, le, m)?
        }
        Subject::String(s) => bridge::enc_string(&value::latin1(s)?, le, m)?,
        Subject::WString(s) => {
            wide_supported(case.params.giop)?;
            bridge::enc_wstring(&value::utf16_units(s), le, m)?
        }
        Subject::TypeCode(t) => bridge::enc_typecode(&*tc::to_cxx(t)?, le)?,
        Subject::Any(Any { tc: t, value: v }) => {
            if has_wide(t) {
                wide_supported(case.params.giop)?;
            }
            let ctc = tc::to_cxx(t)?;
            let mut d = bridge::dyn_new(&ctc)?;
            value::put(d.pin_mut(), t, v)?;
            bridge::enc_any(&d, le, m)?
        }
        Subject::Static { type_id, value: v } => {
            let ctc = bridge::tc_of_static(type_id)?;
            let t = tc::from_cxx(&ctc)?;
            let mut d = bridge::dyn_new(&ctc)?;
            value::put(d.pin_mut(), &t, v)?;
            bridge::enc_static(type_id, &d, le, m)?
        }
    })
}

struct OmniEncoder(UniquePtr<bridge::Encoder>);

impl Encoder for OmniEncoder {
    fn encode(&mut self, out: &mut Vec<u8>) -> Result<(), BackendError> {
        self.0.pin_mut().encode().map_err(Error::from)?;
        out.clear();
        out.extend_from_slice(self.0.bytes());
        Ok(())
    }
}

/// How a decoder's result goes back to a [`Subject`].
enum Shape {
    SeqLong,
    SeqDouble,
    SeqOctet,
    SeqString,
    String,
    WString,
    TypeCode,
    Any,
    Static { type_id: String, tc: TypeCode },
}

struct OmniDecoder {
    d: UniquePtr<bridge::Decoder>,
    shape: Shape,
    decoded: bool,
}

impl OmniDecoder {
    fn result_inner(&self) -> Result<Subject> {
        if !self.decoded {
            return Err(Error::Failed("nothing decoded yet".into()));
        }
        let d = &self.d;
        Ok(match &self.shape {
            Shape::SeqLong => Subject::SeqLong(d.longs()?),
            Shape::SeqDouble => Subject::SeqDouble(d.doubles()?),
            Shape::SeqOctet => Subject::SeqOctet(d.octets()?),
            Shape::SeqString => {
                let joined = d.strings()?;
                let mut v: Vec<String> = joined.split(|&b| b == 0).map(value::string_of).collect();
                v.pop(); // after the last NUL
                Subject::SeqString(v)
            }
            Shape::String => Subject::String(value::string_of(&d.string()?)),
            Shape::WString => Subject::WString(value::wstring_of(&d.wstring()?)?),
            Shape::TypeCode => Subject::TypeCode(tc::from_cxx(&*d.typecode()?)?),
            Shape::Any => {
                let t = tc::from_cxx(&*d.any_type()?)?;
                // Walk through a DynAny over a rebuilt TypeCode: omniORB's
                // DynAny over the unmarshalled one loses nested recursive
                // members (omniorb-dynany-unmarshalled-recursion).
                let rebuilt = tc::to_cxx(&t)?;
                let mut dy = d.value_as(&rebuilt)?;
                let v = value::get(dy.pin_mut(), &t)?;
                Subject::Any(Any { tc: t, value: v })
            }
            Shape::Static { type_id, tc: t } => {
                let mut dy = d.value()?;
                Subject::Static {
                    type_id: type_id.clone(),
                    value: value::get(dy.pin_mut(), t)?,
                }
            }
        })
    }
}

impl Decoder for OmniDecoder {
    fn decode(&mut self, bytes: &[u8]) -> Result<(), BackendError> {
        self.decoded = false;
        self.d.pin_mut().decode(bytes).map_err(Error::from)?;
        self.decoded = true;
        Ok(())
    }

    fn result(&self) -> Result<Subject, BackendError> {
        Ok(self.result_inner()?)
    }
}

fn make_decoder(case: &Case) -> Result<OmniDecoder> {
    let le = little(case.params.order);
    let m = minor(case.params.giop)?;
    let (d, shape) = match &case.subject {
        Subject::SeqLong(_) => (bridge::dec_seq_long(le)?, Shape::SeqLong),
        Subject::SeqDouble(_) => (bridge::dec_seq_double(le)?, Shape::SeqDouble),
        Subject::SeqOctet(_) => (bridge::dec_seq_octet(le)?, Shape::SeqOctet),
        Subject::SeqString(_) => (bridge::dec_seq_string(le, m)?, Shape::SeqString),
        Subject::String(_) => (bridge::dec_string(le, m)?, Shape::String),
        Subject::WString(_) => {
            wide_supported(case.params.giop)?;
            (bridge::dec_wstring(le, m)?, Shape::WString)
        }
        Subject::TypeCode(t) => {
            // Decoding such a TypeCode would abort the process when omniORB
            // releases it (omniorb-mixed-recursion).
            if tc::mixed_recursion(t) {
                return Err(tc::mixed_recursion_error());
            }
            (bridge::dec_typecode(le)?, Shape::TypeCode)
        }
        Subject::Any(Any { tc: t, value: v }) => {
            if has_wide(t) {
                wide_supported(case.params.giop)?;
            }
            if tc::mixed_recursion(t)
                || corba_typecode::bridge::carries(v, tc::MAX_DEPTH, &mut tc::mixed_recursion)
            {
                return Err(tc::mixed_recursion_error());
            }
            (bridge::dec_any(le, m)?, Shape::Any)
        }
        Subject::Static { type_id, .. } => {
            let ctc = bridge::tc_of_static(type_id)?;
            let t = tc::from_cxx(&ctc)?;
            (
                bridge::dec_static(type_id, le, m)?,
                Shape::Static {
                    type_id: type_id.clone(),
                    tc: t,
                },
            )
        }
    };
    Ok(OmniDecoder {
        d,
        shape,
        decoded: false,
    })
}

impl Backend for OmniOrb {
    fn name(&self) -> &'static str {
        NAME
    }

    fn native_form(&self, family: Family) -> NativeForm {
        native_form::of(family)
    }

    fn encoder(&self, case: &Case) -> Result<Box<dyn Encoder>, BackendError> {
        Ok(Box::new(OmniEncoder(make_encoder(case)?)))
    }

    fn decoder(&self, case: &Case) -> Result<Box<dyn Decoder>, BackendError> {
        Ok(Box::new(make_decoder(case)?))
    }
}

/// The TypeCode omniidl generated for a corpus type, walked into the Rust
/// model (for comparing with Rust's corpus TypeCodes).
pub fn static_typecode(type_id: &str) -> Result<TypeCode> {
    OmniTypeCode::of_static(type_id)?.to_rust()
}

/// Size of `CORBA::WChar` in this omniORB build (`wchar_t`).
pub fn wchar_size() -> u32 {
    bridge::wchar_size()
}

/// GIOP interop through omniORB's client side: a DII request to the object
/// at `reference` (`IOR:...` or `corbaloc:iiop:1.X@host:port/key`; the
/// version in a corbaloc selects the GIOP version), operation `operation`
/// with the one `in` argument `arg` (built by omniORB from the Rust value)
/// and a result of type `result`, walked back into a Rust value. The call
/// times out after 10 s (`-ORBclientCallTimeOutPeriod`).
pub fn dii_call(
    reference: &str,
    operation: &str,
    arg: &Any,
    result: &TypeCode,
) -> Result<corba_typecode::Value> {
    let arg_tc = tc::to_cxx(&arg.tc)?;
    let mut d = bridge::dyn_new(&arg_tc)?;
    value::put(d.pin_mut(), &arg.tc, &arg.value)?;
    let result_tc = tc::to_cxx(result)?;
    let mut r = bridge::dii_call(reference, operation, &d, &result_tc)?;
    value::get(r.pin_mut(), result)
}

/// An omniORB servant on 127.0.0.1 for interop tests: operation `bump`
/// takes a struct whose first member is a `long` and returns it with that
/// member plus one (omniORB decodes the request and encodes the reply; the
/// servant edits the value through DynAny). Deactivated on drop.
pub struct BumpServer(UniquePtr<bridge::Server>);

impl std::fmt::Debug for BumpServer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("BumpServer")
            .field("ior", &self.ior())
            .finish()
    }
}

impl BumpServer {
    /// Activates a servant for arguments of type `arg` (the RootPOA and its
    /// loopback endpoint start on first use).
    pub fn start(arg: &TypeCode) -> Result<BumpServer> {
        let t = tc::to_cxx(arg)?;
        Ok(BumpServer(bridge::serve_bump(&t)?))
    }

    /// The servant's stringified IOR (`IOR:...`).
    pub fn ior(&self) -> String {
        self.0.ior()
    }

    /// Requests the servant has answered.
    pub fn calls(&self) -> u32 {
        self.0.calls()
    }
}

/// omniORB's marshalling of one `long double` (built from `v`, exact) as an
/// any, for pinning omniorb-long-double: the TypeCode kind octets then the
/// 16 value octets.
pub fn long_double_any_bytes(v: f64, order: ByteOrder) -> Result<Vec<u8>> {
    let t = corba_typecode::TypeCode::basic(corba_typecode::TCKind::LONGDOUBLE);
    let ct = tc::to_cxx(&t)?;
    let mut d = bridge::dyn_new(&ct)?;
    d.pin_mut().put_longdouble_from_f64(v)?;
    let mut e = bridge::enc_any(&d, little(order), 2)?;
    e.pin_mut().encode()?;
    Ok(e.bytes().to_vec())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_inside_values_name_the_member_path() {
        let e = Error::Failed("BAD_PARAM".into())
            .at("price")
            .at_index(3)
            .at("items");
        assert_eq!(e.to_string(), "at items[3].price: BAD_PARAM");
        assert_eq!(e.cause(), &Error::Failed("BAD_PARAM".into()));
        assert_eq!(
            e.member_path().map(|p| p.to_string()).as_deref(),
            Some("items[3].price")
        );
        let u = Error::Unsupported("Principal values".into()).at("p");
        assert_eq!(u.to_string(), "unsupported: at p: Principal values");
        assert_eq!(
            BackendError::from(u),
            BackendError::Unsupported {
                backend: NAME,
                what: "at p: Principal values".into()
            }
        );
    }
}
