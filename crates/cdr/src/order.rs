use crate::codeset::{CharCodeSet, Utf16Style};

/// Byte order of a stream or encapsulation (§9.3.1; flag value per §9.3.3 and
/// §9.4.1: 0 = big-endian, 1 = little-endian).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ByteOrder {
    BigEndian,
    LittleEndian,
}

impl ByteOrder {
    /// The byte order of the machine running this code.
    pub const NATIVE: ByteOrder = if cfg!(target_endian = "little") {
        ByteOrder::LittleEndian
    } else {
        ByteOrder::BigEndian
    };

    /// The byte-order octet/flag bit: 0 for big-endian, 1 for little-endian.
    pub fn flag(self) -> u8 {
        match self {
            ByteOrder::BigEndian => 0,
            ByteOrder::LittleEndian => 1,
        }
    }

    /// Decodes a byte-order octet; only 0 and 1 are valid (§9.3.3).
    pub fn from_flag(octet: u8) -> Option<ByteOrder> {
        match octet {
            0 => Some(ByteOrder::BigEndian),
            1 => Some(ByteOrder::LittleEndian),
            _ => None,
        }
    }

    pub fn is_native(self) -> bool {
        self == Self::NATIVE
    }

    pub fn opposite(self) -> ByteOrder {
        match self {
            ByteOrder::BigEndian => ByteOrder::LittleEndian,
            ByteOrder::LittleEndian => ByteOrder::BigEndian,
        }
    }
}

/// GIOP protocol version; it changes the CDR rules for `wchar` and `wstring`
/// (§9.3.1.6, §9.3.2.7).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct GiopVersion {
    pub major: u8,
    pub minor: u8,
}

impl GiopVersion {
    pub const V1_0: GiopVersion = GiopVersion { major: 1, minor: 0 };
    pub const V1_1: GiopVersion = GiopVersion { major: 1, minor: 1 };
    pub const V1_2: GiopVersion = GiopVersion { major: 1, minor: 2 };
    /// Every version this crate encodes, oldest first.
    pub const ALL: [GiopVersion; 3] = [Self::V1_0, Self::V1_1, Self::V1_2];
}

impl core::fmt::Display for GiopVersion {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(f, "{}.{}", self.major, self.minor)
    }
}

/// Everything that decides how values become bytes, apart from position:
/// byte order, GIOP version and the negotiated transmission code sets.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Encoding {
    pub order: ByteOrder,
    pub giop: GiopVersion,
    /// Transmission code set for `char` and `string` (§13.10 code set
    /// negotiation); ISO-8859-1 is the default native code set.
    pub char_code_set: CharCodeSet,
    /// How UTF-16 `wchar`/`wstring` code units are ordered and marked.
    pub utf16: Utf16Style,
}

impl Encoding {
    /// The given order and version with ISO-8859-1 strings and the spec's
    /// UTF-16 style.
    pub const fn new(order: ByteOrder, giop: GiopVersion) -> Encoding {
        Encoding {
            order,
            giop,
            char_code_set: CharCodeSet::Iso8859_1,
            utf16: Utf16Style::Spec,
        }
    }

    pub const fn with_char_code_set(mut self, cs: CharCodeSet) -> Encoding {
        self.char_code_set = cs;
        self
    }

    pub const fn with_utf16(mut self, style: Utf16Style) -> Encoding {
        self.utf16 = style;
        self
    }

    pub const fn with_order(mut self, order: ByteOrder) -> Encoding {
        self.order = order;
        self
    }
}
