//! Status codes of the ABI (`GLB_*` in `ffi/ada/abi/glb.h`) as a Rust error.

use legacy_ada_sys as sys;
use std::fmt;

/// A `glb_status`, with unknown values kept.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Status {
    Ok,
    BufferTooSmall,
    Truncated,
    LengthTooLarge,
    BadTypeCode,
    BadValue,
    BadArgument,
    Unsupported,
    DepthExceeded,
    TrailingBytes,
    BadEncoding,
    BadMessage,
    Internal,
    Unknown(i32),
}

impl Status {
    pub fn from_raw(s: sys::glb_status) -> Status {
        match s {
            sys::GLB_OK => Status::Ok,
            sys::GLB_BUFFER_TOO_SMALL => Status::BufferTooSmall,
            sys::GLB_TRUNCATED => Status::Truncated,
            sys::GLB_LENGTH_TOO_LARGE => Status::LengthTooLarge,
            sys::GLB_BAD_TYPECODE => Status::BadTypeCode,
            sys::GLB_BAD_VALUE => Status::BadValue,
            sys::GLB_BAD_ARGUMENT => Status::BadArgument,
            sys::GLB_UNSUPPORTED => Status::Unsupported,
            sys::GLB_DEPTH_EXCEEDED => Status::DepthExceeded,
            sys::GLB_TRAILING_BYTES => Status::TrailingBytes,
            sys::GLB_BAD_ENCODING => Status::BadEncoding,
            sys::GLB_BAD_MESSAGE => Status::BadMessage,
            sys::GLB_INTERNAL => Status::Internal,
            other => Status::Unknown(other),
        }
    }

    pub fn describe(self) -> &'static str {
        match self {
            Status::Ok => "ok",
            Status::BufferTooSmall => "output buffer too small",
            Status::Truncated => "input truncated",
            Status::LengthTooLarge => "length larger than the bytes left",
            Status::BadTypeCode => "invalid TypeCode",
            Status::BadValue => "value does not conform to its TypeCode",
            Status::BadArgument => "bad argument",
            Status::Unsupported => "unsupported by the Ada backend",
            Status::DepthExceeded => "nesting deeper than the depth budget",
            Status::TrailingBytes => "trailing bytes",
            Status::BadEncoding => "malformed encoding",
            Status::BadMessage => "malformed GIOP message header",
            Status::Internal => "internal error in the Ada backend",
            Status::Unknown(_) => "unknown status",
        }
    }
}

/// A failed ABI call: the status and, for decoders, the input offset where
/// the problem was found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct AdaError {
    pub status: Status,
    pub offset: Option<usize>,
}

impl AdaError {
    pub fn new(status: Status, offset: Option<usize>) -> AdaError {
        AdaError { status, offset }
    }
}

impl fmt::Display for AdaError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.status.describe())?;
        if let Status::Unknown(s) = self.status {
            write!(f, " {s}")?;
        }
        if let Some(o) = self.offset {
            write!(f, " at offset {o}")?;
        }
        Ok(())
    }
}

impl std::error::Error for AdaError {}
