use core::fmt;

/// What went wrong in the primitive CDR layer. Small and `Copy`: higher
/// layers wrap it with the path of the member being decoded.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ErrorKind {
    /// Fewer bytes left than the next item needs.
    Truncated { needed: usize, available: usize },
    /// A count or length read from the wire promises more bytes than are
    /// left (checked before anything is allocated).
    LengthTooLarge { length: u64, available: usize },
    /// A length above the declared bound of a bounded string or sequence.
    BoundExceeded { length: u64, bound: u32 },
    /// A `string` whose length is 0: it must count its terminating NUL
    /// (§9.3.2.7).
    StringLengthZero,
    /// A `string` whose last octet is not NUL.
    StringNotTerminated,
    /// A `boolean` octet other than 0 or 1 (§9.3.1.5).
    InvalidBoolean(u8),
    /// `wchar` or `wstring` in GIOP 1.0, which has no encoding for them
    /// (§9.3.1.6).
    WideCharInGiop10,
    /// A GIOP 1.2 `wstring` octet count that is odd, so not UTF-16.
    OddWstringLength(u32),
    /// A GIOP 1.2 `wchar` whose octet count is not 2 (or 4 with a BOM).
    InvalidWcharLength(u8),
    /// UTF-16 data with an unpaired surrogate.
    InvalidUtf16,
    /// A `string` that is not valid UTF-8 under the UTF-8 code set.
    InvalidUtf8,
    /// A character that the transmission code set cannot represent.
    Unrepresentable(char),
    /// A `fixed` digit nibble above 9 (§9.3.2.8).
    InvalidFixedDigit(u8),
    /// A `fixed` sign nibble other than 0xC (+) or 0xD (-) (§9.3.2.8).
    InvalidFixedSign(u8),
    /// A `fixed` with more than 31 digits, or a scale above its digits.
    FixedTooManyDigits(u16),
    /// An encapsulation that is empty (it must hold at least its byte-order
    /// octet) or whose content overruns its declared length.
    EncapsulationOverrun { length: u32, available: usize },
    /// A byte-order octet other than 0 or 1 (§9.3.3).
    InvalidByteOrder(u8),
    /// Bytes left over where the input should have been fully consumed.
    TrailingBytes(usize),
}

impl fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            ErrorKind::Truncated { needed, available } => {
                write!(f, "truncated: {needed} bytes needed, {available} left")
            }
            ErrorKind::LengthTooLarge { length, available } => write!(
                f,
                "length {length} exceeds the {available} bytes left in the input"
            ),
            ErrorKind::BoundExceeded { length, bound } => {
                write!(f, "length {length} exceeds the declared bound {bound}")
            }
            ErrorKind::StringLengthZero => write!(f, "string length 0 (must include the NUL)"),
            ErrorKind::StringNotTerminated => write!(f, "string not terminated by NUL"),
            ErrorKind::InvalidBoolean(b) => write!(f, "boolean octet {b:#04x} is neither 0 nor 1"),
            ErrorKind::WideCharInGiop10 => write!(f, "wchar/wstring cannot be encoded in GIOP 1.0"),
            ErrorKind::OddWstringLength(n) => write!(f, "wstring octet count {n} is odd"),
            ErrorKind::InvalidWcharLength(n) => write!(f, "wchar octet count {n} is not 2"),
            ErrorKind::InvalidUtf16 => write!(f, "invalid UTF-16 (unpaired surrogate)"),
            ErrorKind::InvalidUtf8 => write!(f, "invalid UTF-8 in string"),
            ErrorKind::Unrepresentable(c) => {
                write!(
                    f,
                    "character {c:?} not representable in the transmission code set"
                )
            }
            ErrorKind::InvalidFixedDigit(d) => write!(f, "fixed digit nibble {d:#x} is not 0-9"),
            ErrorKind::InvalidFixedSign(s) => {
                write!(f, "fixed sign nibble {s:#x} is not 0xC or 0xD")
            }
            ErrorKind::FixedTooManyDigits(d) => {
                write!(
                    f,
                    "fixed with {d} digits (at most 31) or scale above digits"
                )
            }
            ErrorKind::EncapsulationOverrun { length, available } => write!(
                f,
                "encapsulation of length {length} does not fit its content ({available} bytes)"
            ),
            ErrorKind::InvalidByteOrder(b) => {
                write!(f, "byte-order octet {b:#04x} is neither 0 nor 1")
            }
            ErrorKind::TrailingBytes(n) => write!(f, "{n} trailing bytes not consumed"),
        }
    }
}

/// A primitive-layer error: what was wrong and the absolute offset (from the
/// start of the outermost input) where it was found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Error {
    pub kind: ErrorKind,
    pub offset: usize,
}

impl Error {
    pub fn new(kind: ErrorKind, offset: usize) -> Error {
        Error { kind, offset }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} at offset {}", self.kind, self.offset)
    }
}

impl std::error::Error for Error {}
