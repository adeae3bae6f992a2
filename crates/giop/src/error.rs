use crate::ids::{AddressingDisposition, MsgType};
use core::fmt;

/// What was wrong with GIOP input (or with a request to encode something
/// GIOP cannot carry).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ErrorKind {
    /// The first four octets are not `GIOP` (§9.4.1).
    BadMagic([u8; 4]),
    /// A protocol version this crate does not know (1.0 to 1.2 only).
    UnknownVersion { major: u8, minor: u8 },
    /// A message type above 7, or one its version does not define.
    UnknownMessageType(MsgType),
    /// A GIOP 1.1/1.2 flags octet with bits other than byte order (bit 0)
    /// and more-fragments (bit 1) set.
    ReservedFlagBits(u8),
    /// A GIOP 1.0 `byte_order` octet other than 0 or 1.
    InvalidByteOrder(u8),
    /// A Fragment message in GIOP 1.0, which has no fragmentation.
    FragmentInGiop10,
    /// The more-fragments flag on a message type that cannot be fragmented
    /// in its version (§9.4.9).
    NotFragmentable { msg_type: MsgType, minor: u8 },
    /// A message whose total length (header included) is above the limit.
    MessageTooLarge { size: u64, limit: usize },
    /// The bytes given for one message are not `12 + size` long.
    SizeMismatch { declared: u32, actual: usize },
    /// The first part of a fragmented message, given where a whole
    /// message was expected: reassemble it first. (No longer returned by
    /// `parse_reply`, which accepts a first part as `GiopMessage::decode`
    /// does; kept for callers that match on it.)
    Fragmented,
    /// Bytes after the last field of a message type that has no body.
    UnexpectedBody { msg_type: MsgType, extra: usize },
    /// A TargetAddress discriminator other than 0, 1 or 2 (§9.4.2).
    InvalidAddressingDisposition(AddressingDisposition),
    /// A GIOP 1.0/1.1 message can only address its target by object key.
    TargetNeedsGiop12,
    /// A Fragment that continues no message in progress (GIOP 1.1), or
    /// whose request id names none (GIOP 1.2).
    UnknownFragment { request_id: Option<u32> },
    /// A fragmented message started with a request id that already has one
    /// in progress, or a second GIOP 1.1 fragmented message before the
    /// first one ended.
    DuplicateFragmentedMessage { request_id: Option<u32> },
    /// A Fragment whose byte order differs from the message it continues.
    FragmentByteOrderChanged,
    /// More partial (fragmented, unfinished) messages on one connection
    /// than the limit.
    TooManyPartialMessages { limit: usize },
    /// A reassembled message that grew above the limit.
    ReassembledTooLarge { size: u64, limit: usize },
    /// More fragments for one message than the limit (endless
    /// more-fragments with tiny or empty fragments).
    TooManyFragments { limit: usize },
    /// A fragment size too small to carry the fragment header and at least
    /// 8 octets of data.
    FragmentSizeTooSmall(usize),
    /// GIOP 1.0 cannot fragment, or this message type cannot be fragmented
    /// in its version.
    CannotFragment { msg_type: MsgType, minor: u8 },
    /// An IIOP profile whose major version is not 1.
    UnsupportedIiopVersion { major: u8, minor: u8 },
    /// A profile that is not the kind the caller asked to decode.
    WrongProfileTag,
    /// A stringified IOR without the `IOR:` prefix.
    IorPrefix,
    /// A stringified IOR with a non-hex digit or an odd number of digits.
    IorHex,
    /// A `corbaloc:` URL this crate cannot parse; the text says what.
    BadCorbaloc(&'static str),
    /// An error of the CDR layer.
    Cdr(corba_cdr::ErrorKind),
}

impl fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            ErrorKind::BadMagic(m) => write!(f, "bad magic {m:02x?} (expected \"GIOP\")"),
            ErrorKind::UnknownVersion { major, minor } => {
                write!(f, "unknown GIOP version {major}.{minor}")
            }
            ErrorKind::UnknownMessageType(t) => write!(f, "unknown message type {t}"),
            ErrorKind::ReservedFlagBits(b) => write!(f, "reserved flag bits set in {b:#04x}"),
            ErrorKind::InvalidByteOrder(b) => {
                write!(f, "GIOP 1.0 byte_order octet {b:#04x} is neither 0 nor 1")
            }
            ErrorKind::FragmentInGiop10 => write!(f, "Fragment message in GIOP 1.0"),
            ErrorKind::NotFragmentable { msg_type, minor } => {
                write!(f, "more-fragments flag on {msg_type} in GIOP 1.{minor}")
            }
            ErrorKind::MessageTooLarge { size, limit } => {
                write!(f, "message of {size} octets exceeds the limit of {limit}")
            }
            ErrorKind::SizeMismatch { declared, actual } => write!(
                f,
                "header declares a body of {declared} octets but {actual} follow the header"
            ),
            ErrorKind::Fragmented => {
                write!(f, "first part of a fragmented message (reassemble first)")
            }
            ErrorKind::UnexpectedBody { msg_type, extra } => {
                write!(f, "{extra} octets after the last field of {msg_type}")
            }
            ErrorKind::InvalidAddressingDisposition(d) => {
                write!(f, "invalid TargetAddress discriminator {}", d.0)
            }
            ErrorKind::TargetNeedsGiop12 => {
                write!(f, "GIOP 1.0/1.1 can only address a target by object key")
            }
            ErrorKind::UnknownFragment {
                request_id: Some(id),
            } => {
                write!(
                    f,
                    "Fragment for request id {id}, which has no message in progress"
                )
            }
            ErrorKind::UnknownFragment { request_id: None } => {
                write!(f, "Fragment with no message in progress")
            }
            ErrorKind::DuplicateFragmentedMessage {
                request_id: Some(id),
            } => {
                write!(f, "a second fragmented message for request id {id}")
            }
            ErrorKind::DuplicateFragmentedMessage { request_id: None } => {
                write!(
                    f,
                    "a second GIOP 1.1 fragmented message before the first ended"
                )
            }
            ErrorKind::FragmentByteOrderChanged => {
                write!(f, "Fragment byte order differs from its message")
            }
            ErrorKind::TooManyPartialMessages { limit } => {
                write!(f, "more than {limit} partial messages on the connection")
            }
            ErrorKind::ReassembledTooLarge { size, limit } => {
                write!(
                    f,
                    "reassembled message of {size} octets exceeds the limit of {limit}"
                )
            }
            ErrorKind::TooManyFragments { limit } => {
                write!(f, "more than {limit} fragments for one message")
            }
            ErrorKind::FragmentSizeTooSmall(n) => write!(f, "fragment size {n} is too small"),
            ErrorKind::CannotFragment { msg_type, minor } => {
                write!(f, "{msg_type} cannot be fragmented in GIOP 1.{minor}")
            }
            ErrorKind::UnsupportedIiopVersion { major, minor } => {
                write!(f, "unsupported IIOP version {major}.{minor}")
            }
            ErrorKind::WrongProfileTag => write!(f, "profile has another tag"),
            ErrorKind::IorPrefix => write!(f, "stringified IOR does not start with \"IOR:\""),
            ErrorKind::IorHex => write!(f, "stringified IOR is not an even number of hex digits"),
            ErrorKind::BadCorbaloc(what) => write!(f, "bad corbaloc URL: {what}"),
            ErrorKind::Cdr(k) => write!(f, "{k}"),
        }
    }
}

/// A GIOP error: what was wrong and the offset, in the message (or string)
/// being decoded, where it was found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Error {
    pub kind: ErrorKind,
    pub offset: usize,
}

impl Error {
    pub fn new(kind: ErrorKind, offset: usize) -> Error {
        Error { kind, offset }
    }

    /// Whether the specification says the receiver answers this input with
    /// a MessageError message (§9.4.8: a message whose version or type is
    /// unknown, or whose header is not properly formed) and then, in
    /// practice, closes the connection. Fragment sequencing errors are
    /// header-level errors too (the Fragment's header names no message in
    /// progress). Errors inside a message body are not: a server answers
    /// those with a MARSHAL system exception ([`Error::system_exception`]).
    pub fn requires_message_error(&self) -> bool {
        matches!(
            self.kind,
            ErrorKind::BadMagic(_)
                | ErrorKind::UnknownVersion { .. }
                | ErrorKind::UnknownMessageType(_)
                | ErrorKind::ReservedFlagBits(_)
                | ErrorKind::InvalidByteOrder(_)
                | ErrorKind::FragmentInGiop10
                | ErrorKind::NotFragmentable { .. }
                | ErrorKind::UnknownFragment { .. }
                | ErrorKind::DuplicateFragmentedMessage { .. }
                | ErrorKind::FragmentByteOrderChanged
        )
    }

    /// The repository id of the system exception a server replies with for
    /// this error, where a reply can still be sent: MARSHAL for a body that
    /// does not decode, IMP_LIMIT for a size limit (§9.4.3.2 and the
    /// standard minor codes). `None` for errors answered with MessageError
    /// or that are not about received input.
    pub fn system_exception(&self) -> Option<&'static str> {
        match self.kind {
            ErrorKind::MessageTooLarge { .. }
            | ErrorKind::ReassembledTooLarge { .. }
            | ErrorKind::TooManyFragments { .. }
            | ErrorKind::TooManyPartialMessages { .. } => Some("IDL:omg.org/CORBA/IMP_LIMIT:1.0"),
            ErrorKind::SizeMismatch { .. }
            | ErrorKind::UnexpectedBody { .. }
            | ErrorKind::InvalidAddressingDisposition(_)
            | ErrorKind::UnsupportedIiopVersion { .. }
            | ErrorKind::Cdr(_) => Some("IDL:omg.org/CORBA/MARSHAL:1.0"),
            _ => None,
        }
    }
}

impl From<corba_cdr::Error> for Error {
    fn from(e: corba_cdr::Error) -> Error {
        Error::new(ErrorKind::Cdr(e.kind), e.offset)
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} at offset {}", self.kind, self.offset)
    }
}

impl std::error::Error for Error {}

/// Result of every fallible GIOP operation.
pub type Result<T> = core::result::Result<T, Error>;
