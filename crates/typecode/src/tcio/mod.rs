//! TypeCode CDR encoding and decoding (CORBA 3.x Part 2 §9.3.5.1):
//! TCKind, then an empty, simple or complex (encapsulated, §9.3.3)
//! parameter list, or an indirection (0xffffffff and a negative offset
//! measured from the offset's own position).

mod cache;
mod label;
mod read;
mod write;

pub use cache::{TC_CACHE_ENTRIES, TC_CACHE_MAX_BYTES};
pub(crate) use label::{disc_kind, read_label, write_label, DiscKind};
pub use read::{clear_typecode_cache, decode_typecode, decode_typecode_at, typecode_from_bytes};
pub use write::{encode_typecode, typecode_to_bytes};

use crate::{TCKind, TypeCode, TypeDesc};

pub(crate) const INDIRECTION: u32 = 0xffff_ffff;

/// True for kinds with an empty parameter list (§9.3.5.1, Table 9-13).
pub fn is_empty_param_kind(k: TCKind) -> bool {
    matches!(k.0, 0..=13 | 23..=26)
}

/// True for kinds that may contain themselves (through a sequence).
pub(crate) fn can_recurse(k: TCKind) -> bool {
    matches!(
        k,
        TCKind::STRUCT | TCKind::EXCEPT | TCKind::UNION | TCKind::VALUE | TCKind::EVENT
    )
}

/// Kinds a union may be discriminated by (§9.3.5.1, IDL switch types).
pub(crate) fn is_discriminator_kind(k: TCKind) -> bool {
    matches!(
        k,
        TCKind::SHORT
            | TCKind::LONG
            | TCKind::USHORT
            | TCKind::ULONG
            | TCKind::LONGLONG
            | TCKind::ULONGLONG
            | TCKind::BOOLEAN
            | TCKind::CHAR
            | TCKind::WCHAR
            | TCKind::ENUM
    )
}

/// Follows aliases (a finite chain: a TypeCode is a finite tree).
pub(crate) fn strip_alias(tc: &TypeCode) -> &TypeCode {
    let mut t = tc;
    while let TypeDesc::Alias { content, .. } = t.desc() {
        t = content;
    }
    t
}
