//! Options for writing and reading TypeCodes and values. Where ORBs
//! deviate from the spec the deviation is an option here, never a special
//! case in the code (see `corpus/known_divergences.md`).

use crate::TypeCode;
use corba_cdr::ByteOrder;

/// The default depth budget shared by TypeCode, Any, value and
/// encapsulation decoding.
pub const DEFAULT_MAX_DEPTH: u32 = 64;

/// Byte order of the encapsulations that hold complex TypeCode parameter
/// lists (§9.3.5.1, §9.3.3: each encapsulation carries its own order).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum EncapsulationOrder {
    /// The order of the enclosing stream (what most ORBs do).
    Stream,
    /// The host's order (omniORB and PolyORB).
    Native,
    /// Always this order.
    Fixed(ByteOrder),
}

impl EncapsulationOrder {
    pub fn resolve(self, stream: ByteOrder) -> ByteOrder {
        match self {
            EncapsulationOrder::Stream => stream,
            EncapsulationOrder::Native => ByteOrder::NATIVE,
            EncapsulationOrder::Fixed(o) => o,
        }
    }
}

/// How the label of a union's default member is written in its TypeCode.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DefaultLabel {
    /// The octet 0, as §9.3.5.1 says.
    ZeroOctet,
    /// A zero of the discriminator type (omniORB 4.2).
    ZeroOfDiscriminator,
}

/// How TypeCodes are written.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct TcWriteOptions {
    /// Write an indirection for a TypeCode (with a complex parameter list)
    /// that was already written in the same outermost TypeCode (the same
    /// `Arc`). Recursion is always written as an indirection.
    pub repeated_indirection: bool,
    pub encapsulation_order: EncapsulationOrder,
    pub default_label: DefaultLabel,
}

impl TcWriteOptions {
    /// The specification: no indirection for repeats, encapsulations in the
    /// stream's order, default label a zero octet.
    pub const fn spec() -> TcWriteOptions {
        TcWriteOptions {
            repeated_indirection: false,
            encapsulation_order: EncapsulationOrder::Stream,
            default_label: DefaultLabel::ZeroOctet,
        }
    }

    /// What omniORB 4.2 writes: indirections for repeated TypeCodes,
    /// encapsulations in host order, default label a zero of the
    /// discriminator type.
    pub const fn omniorb() -> TcWriteOptions {
        TcWriteOptions {
            repeated_indirection: true,
            encapsulation_order: EncapsulationOrder::Native,
            default_label: DefaultLabel::ZeroOfDiscriminator,
        }
    }
}

impl Default for TcWriteOptions {
    fn default() -> Self {
        Self::spec()
    }
}

/// When valuetypes are written in chunks (§9.3.4.6).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Chunking {
    /// Only values with a truncatable type (which must be chunked), and
    /// every value nested inside a chunked one.
    WhenTruncatable,
    /// Every value.
    Always,
}

/// How values (and the TypeCodes inside them) are written.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct EncodeOptions {
    pub typecode: TcWriteOptions,
    pub chunking: Chunking,
    /// Nesting limit; the encoder refuses what the decoder would.
    pub max_depth: u32,
    /// Write an exception value's repository id before its members
    /// (§9.3.2; `true`). omniORB leaves it out of exceptions held in an
    /// any (`false`, see `omniorb-any-exception-no-id` in
    /// `corpus/known_divergences.md`).
    pub except_repo_id: bool,
}

impl EncodeOptions {
    pub const fn spec() -> EncodeOptions {
        EncodeOptions {
            typecode: TcWriteOptions::spec(),
            chunking: Chunking::WhenTruncatable,
            max_depth: DEFAULT_MAX_DEPTH,
            except_repo_id: true,
        }
    }
    pub const fn omniorb() -> EncodeOptions {
        EncodeOptions {
            typecode: TcWriteOptions::omniorb(),
            chunking: Chunking::WhenTruncatable,
            max_depth: DEFAULT_MAX_DEPTH,
            except_repo_id: false,
        }
    }
}

impl Default for EncodeOptions {
    fn default() -> Self {
        Self::spec()
    }
}

/// How TypeCodes and values are read.
#[derive(Clone, Debug, PartialEq)]
pub struct DecodeOptions {
    /// One budget for TypeCode, Any, value and encapsulation nesting.
    pub max_depth: u32,
    /// How the default member's label is laid out in union TypeCodes (the
    /// two layouts differ in size, so a reader must know which to expect).
    pub default_label: DefaultLabel,
    /// Valuetype TypeCodes the reader knows, by repository id, besides the
    /// formal type: a value whose actual type is one of these is decoded as
    /// that type; otherwise a truncatable value is truncated to the first
    /// known base in its repository id list.
    pub value_types: Vec<TypeCode>,
    /// Exception values start with their repository id (§9.3.2; `true`),
    /// or not (omniORB's anys, `false`).
    pub except_repo_id: bool,
}

impl DecodeOptions {
    pub fn spec() -> DecodeOptions {
        DecodeOptions {
            max_depth: DEFAULT_MAX_DEPTH,
            default_label: DefaultLabel::ZeroOctet,
            value_types: Vec::new(),
            except_repo_id: true,
        }
    }
    pub fn omniorb() -> DecodeOptions {
        DecodeOptions {
            default_label: DefaultLabel::ZeroOfDiscriminator,
            except_repo_id: false,
            ..Self::spec()
        }
    }
    pub fn with_max_depth(mut self, d: u32) -> DecodeOptions {
        self.max_depth = d;
        self
    }
}

impl Default for DecodeOptions {
    fn default() -> Self {
        Self::spec()
    }
}
