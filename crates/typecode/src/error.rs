//! Errors of TypeCode and TypeCode-driven marshalling: what went wrong, the
//! absolute offset, and the member path (`Order.items[3].price`).

use crate::TCKind;
use corba_cdr::ErrorKind;
use core::fmt;

/// What went wrong above the primitive CDR layer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TcErrorKind {
    /// A primitive-layer error (truncation, bad length, bad string...).
    Cdr(ErrorKind),
    /// A TCKind value that no version of the spec defines (§9.3.5.1).
    UnknownKind(u32),
    /// A kind that may not appear here (for example `tk_void` as a sequence
    /// element, or a kind that cannot be marshalled as a value).
    IllegalKind(TCKind),
    /// Nesting deeper than the depth budget.
    DepthExceeded(u32),
    /// An indirection whose target is not a TypeCode start recorded earlier
    /// in the same outermost TypeCode: to itself, forward, into the middle of
    /// a TypeCode, to another indirection, or outside the buffer.
    BadIndirection { offset: i32 },
    /// An indirection to an enclosing TypeCode that is still being decoded
    /// but cannot be recursive (only struct, exception, union, valuetype and
    /// eventtype can contain themselves).
    IllegalRecursion(TCKind),
    /// A `Recursive { id }` placeholder with no enclosing TypeCode of that
    /// repository id.
    UnresolvedRecursion(String),
    /// An enum value (or enum union label) not below the enumerator count.
    EnumOutOfRange { value: u32, count: u32 },
    /// A union discriminator type other than an integer, char, wchar,
    /// boolean or enum (§9.3.5.1).
    IllegalDiscriminator(TCKind),
    /// A union default index that is neither -1 nor a member index.
    DefaultIndexOutOfRange { index: i32, count: u32 },
    /// A union with no members, an enum with no enumerators, an array of
    /// length zero or similar structural nonsense.
    Malformed(&'static str),
    /// A value that does not conform to its TypeCode.
    Mismatch {
        expected: &'static str,
        found: &'static str,
    },
    /// A struct or array value with the wrong number of elements.
    WrongLength { expected: usize, found: usize },
    /// A union value whose member presence disagrees with its discriminator.
    UnionMember { expected_some: bool },
    /// A fixed value whose digits or scale differ from its TypeCode's.
    FixedMismatch { digits: u16, scale: i16 },
    /// A value tag, null or indirection long that is not one (§9.3.4).
    BadValueTag(u32),
    /// A chunk length that is zero, too large or out of place (§9.3.4.6).
    BadChunk(i32),
    /// An end tag that does not close the current nesting level (§9.3.4.6).
    BadEndTag { tag: i32, level: u32 },
    /// A valuetype whose repository id is neither the expected type nor a
    /// truncatable base of it, or custom marshalled.
    UnknownValueType(String),
    /// A value indirection to a position where no value was decoded, or to
    /// a value still being decoded (a cyclic graph, which `Arc` values cannot
    /// hold).
    BadValueIndirection { offset: i32 },
    /// More zero-size values (`void`/`null` members, empty structs and
    /// exceptions) than the input can justify: a few bytes of TypeCode
    /// shared by indirection can describe millions of them (a
    /// decompression bomb). `limit` is the budget the input allowed
    /// ([`crate::DecodeOptions`] decoding, `transcode` and `skip` alike).
    EmptyValueBudget { limit: u64 },
    /// Something legal that this implementation does not support.
    Unsupported(&'static str),
}

impl fmt::Display for TcErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TcErrorKind::Cdr(k) => write!(f, "{k}"),
            TcErrorKind::UnknownKind(k) => write!(f, "unknown TCKind {k}"),
            TcErrorKind::IllegalKind(k) => write!(f, "{k:?} not allowed here"),
            TcErrorKind::DepthExceeded(d) => write!(f, "nesting deeper than the budget of {d}"),
            TcErrorKind::BadIndirection { offset } => {
                write!(
                    f,
                    "indirection offset {offset} does not reach an earlier TypeCode start"
                )
            }
            TcErrorKind::IllegalRecursion(k) => write!(f, "recursive indirection to a {k:?}"),
            TcErrorKind::UnresolvedRecursion(id) => {
                write!(f, "recursive reference to {id:?} outside it")
            }
            TcErrorKind::EnumOutOfRange { value, count } => {
                write!(f, "enum value {value} out of range (count {count})")
            }
            TcErrorKind::IllegalDiscriminator(k) => {
                write!(f, "illegal union discriminator kind {k:?}")
            }
            TcErrorKind::DefaultIndexOutOfRange { index, count } => {
                write!(
                    f,
                    "union default index {index} out of range ({count} members)"
                )
            }
            TcErrorKind::Malformed(what) => write!(f, "malformed TypeCode: {what}"),
            TcErrorKind::Mismatch { expected, found } => {
                write!(f, "expected {expected}, found {found}")
            }
            TcErrorKind::WrongLength { expected, found } => {
                write!(f, "expected {expected} elements, found {found}")
            }
            TcErrorKind::UnionMember { expected_some } => {
                if *expected_some {
                    write!(
                        f,
                        "union discriminator selects a member but the value has none"
                    )
                } else {
                    write!(
                        f,
                        "union discriminator selects no member but the value has one"
                    )
                }
            }
            TcErrorKind::FixedMismatch { digits, scale } => {
                write!(f, "fixed value does not match fixed<{digits},{scale}>")
            }
            TcErrorKind::BadValueTag(t) => write!(f, "bad value tag {t:#010x}"),
            TcErrorKind::BadChunk(n) => write!(f, "bad chunk length {n}"),
            TcErrorKind::BadEndTag { tag, level } => {
                write!(f, "bad end tag {tag} at nesting level {level}")
            }
            TcErrorKind::UnknownValueType(id) => {
                write!(f, "unknown or unsupported valuetype {id:?}")
            }
            TcErrorKind::BadValueIndirection { offset } => {
                write!(
                    f,
                    "value indirection {offset} does not reach a decoded value"
                )
            }
            TcErrorKind::EmptyValueBudget { limit } => write!(
                f,
                "more than {limit} zero-size values (void, null, empty struct) for the input size"
            ),
            TcErrorKind::Unsupported(what) => write!(f, "unsupported: {what}"),
        }
    }
}

pub use crate::path::{MemberPath, PathSeg};

/// A typed error with the absolute offset where it was found (for encoding,
/// the output length at that point) and the member path.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TcError {
    pub kind: TcErrorKind,
    pub offset: usize,
    /// Built while the error bubbles up; see [`TcError::member_path`].
    path: MemberPath,
}

impl TcError {
    pub fn new(kind: TcErrorKind, offset: usize) -> TcError {
        TcError {
            kind,
            offset,
            path: MemberPath::new(),
        }
    }

    /// The member path, outermost first.
    pub fn path(&self) -> impl Iterator<Item = &PathSeg> {
        self.path.segments()
    }

    /// The member path (`Order.items[3].price` when displayed).
    pub fn member_path(&self) -> &MemberPath {
        &self.path
    }

    /// The member path as text: `Order.items[3].price`.
    pub fn path_string(&self) -> String {
        self.path.to_string()
    }

    pub(crate) fn at(mut self, seg: PathSeg) -> TcError {
        self.path.push(seg);
        self
    }
    pub(crate) fn member(self, name: &str) -> TcError {
        self.at(PathSeg::Member(name.to_owned()))
    }
    pub(crate) fn index(self, i: usize) -> TcError {
        self.at(PathSeg::Index(i))
    }
    pub(crate) fn root(self, name: &str) -> TcError {
        self.at(PathSeg::Root(name.to_owned()))
    }
}

impl From<corba_cdr::Error> for TcError {
    fn from(e: corba_cdr::Error) -> TcError {
        TcError::new(TcErrorKind::Cdr(e.kind), e.offset)
    }
}

impl fmt::Display for TcError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} at offset {}", self.kind, self.offset)?;
        if !self.path.is_empty() {
            write!(f, " in {}", self.path)?;
        }
        Ok(())
    }
}

impl std::error::Error for TcError {}

/// Result of every TypeCode-level operation.
pub type TcResult<T> = core::result::Result<T, TcError>;
