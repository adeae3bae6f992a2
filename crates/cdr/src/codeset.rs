/// An OSF code set registry value, as carried in IOR code set components and
/// the CodeSets service context (§13.10.2.5). Unknown values survive and print.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CodeSetId(pub u32);

impl CodeSetId {
    pub const ISO_8859_1: CodeSetId = CodeSetId(0x0001_0001);
    pub const UCS_2_LEVEL_1: CodeSetId = CodeSetId(0x0001_0100);
    pub const UTF_16: CodeSetId = CodeSetId(0x0001_0109);
    pub const UTF_8: CodeSetId = CodeSetId(0x0501_0001);

    pub fn name(self) -> Option<&'static str> {
        Some(match self {
            Self::ISO_8859_1 => "ISO-8859-1",
            Self::UCS_2_LEVEL_1 => "UCS-2",
            Self::UTF_16 => "UTF-16",
            Self::UTF_8 => "UTF-8",
            _ => return None,
        })
    }
}

impl core::fmt::Debug for CodeSetId {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match self.name() {
            Some(n) => write!(f, "{n}"),
            None => write!(f, "CodeSetId({:#010x})", self.0),
        }
    }
}

/// Transmission code set for `char` and `string`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CharCodeSet {
    /// ISO-8859-1, one octet per character: the default when no code set was
    /// negotiated (§13.10.2.6).
    Iso8859_1,
    /// UTF-8, a negotiated transmission code set.
    Utf8,
}

impl CharCodeSet {
    pub fn id(self) -> CodeSetId {
        match self {
            CharCodeSet::Iso8859_1 => CodeSetId::ISO_8859_1,
            CharCodeSet::Utf8 => CodeSetId::UTF_8,
        }
    }
}

/// How UTF-16 code units of `wchar` and `wstring` are written in GIOP 1.2,
/// where each carries an octet count and may start with a byte order mark
/// (§9.3.1.6, §9.3.2.7). Readers accept every style: a BOM, when present,
/// decides the order of the units that follow it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Utf16Style {
    /// No BOM, code units big-endian: the specification's rule for UTF-16
    /// without a BOM. A reader assumes big-endian when no BOM is present.
    Spec,
    /// omniORB 4.2: non-empty wstrings start with a BOM followed by the
    /// units, both in the host's native order (listed in
    /// `corpus/known_divergences.md`). `wchar` is written as in `Spec`.
    /// A reader assumes big-endian when no BOM is present.
    OmniOrb,
    /// No BOM, code units in the byte order of the enclosing stream (as some
    /// ORBs do); a reader assumes the stream's order when no BOM is present.
    StreamOrder,
}
