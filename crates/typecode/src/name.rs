//! [`Name`]: the string type of TypeCode member names (struct, union and
//! value members, enumerators).
//!
//! Member names are short identifiers, and a decoded TypeCode has one per
//! member: as `String`s they were most of the allocations of
//! `decode_typecode` (50 of 57 for a 50-member struct). A `Name` of at most
//! [`Name::INLINE_CAP`] ASCII bytes is stored in place (no allocation);
//! any other is a shared `Arc<str>`. It reads as a `&str` (`Deref`), compares,
//! hashes and orders like one.

use std::sync::Arc;

/// A member name: inline when short, shared on the heap when long.
#[derive(Clone)]
pub struct Name(Repr);

#[derive(Clone)]
enum Repr {
    /// `bytes[..len]` is the text, ASCII only (so the same octets in every
    /// char code set, and always valid UTF-8).
    Inline {
        len: u8,
        bytes: [u8; Name::INLINE_CAP],
    },
    Heap(Arc<str>),
}

impl Name {
    /// Longest name stored without an allocation (keeps a `Name` as small
    /// as a `String`: 24 bytes).
    pub const INLINE_CAP: usize = 22;

    pub fn new(s: &str) -> Name {
        if s.len() <= Self::INLINE_CAP && s.is_ascii() {
            Name::inline(s.as_bytes())
        } else {
            Name(Repr::Heap(Arc::from(s)))
        }
    }

    /// A name from ASCII octets (what a `string` carries in every char code
    /// set), or `None` when some octet is not ASCII: one scan of the octets,
    /// no UTF-8 validation (ASCII is UTF-8), no allocation up to
    /// [`Name::INLINE_CAP`].
    #[inline]
    pub(crate) fn from_ascii_octets(b: &[u8]) -> Option<Name> {
        if !b.is_ascii() {
            return None;
        }
        if b.len() <= Self::INLINE_CAP {
            return Some(Name::inline(b));
        }
        core::str::from_utf8(b)
            .ok()
            .map(|s| Name(Repr::Heap(Arc::from(s))))
    }

    /// The inline form of `b`, which the caller has checked is ASCII and at
    /// most [`Name::INLINE_CAP`] octets.
    #[inline]
    fn inline(b: &[u8]) -> Name {
        debug_assert!(b.len() <= Self::INLINE_CAP && b.is_ascii());
        let mut bytes = [0u8; Self::INLINE_CAP];
        bytes[..b.len()].copy_from_slice(b);
        Name(Repr::Inline {
            len: b.len() as u8,
            bytes,
        })
    }

    /// An inline name as a CDR `string` (§9.3.2.7) in one block: the
    /// length counting the NUL in `order`, the octets, the NUL; the block's
    /// first `n` octets are the string (`n` = length + 5). `None` for a
    /// heap name. Fixed-size copies only: the inline bytes past the text
    /// are zeros, so the NUL is already there.
    #[inline(always)]
    pub(crate) fn inline_frame(
        &self,
        order: corba_cdr::ByteOrder,
    ) -> Option<([u8; Name::INLINE_CAP + 5], usize)> {
        let Repr::Inline { len, bytes } = &self.0 else {
            return None;
        };
        let n = u32::from(*len) + 1;
        let mut block = [0u8; Name::INLINE_CAP + 5];
        block[..4].copy_from_slice(&match order {
            corba_cdr::ByteOrder::BigEndian => n.to_be_bytes(),
            corba_cdr::ByteOrder::LittleEndian => n.to_le_bytes(),
        });
        block[4..4 + Name::INLINE_CAP].copy_from_slice(bytes);
        Some((block, *len as usize + 5))
    }

    pub fn as_str(&self) -> &str {
        match &self.0 {
            // Always valid (see `Repr::Inline`); the fallback is never
            // taken but keeps this free of `unsafe` and of panics.
            Repr::Inline { len, bytes } => {
                core::str::from_utf8(&bytes[..*len as usize]).unwrap_or("")
            }
            Repr::Heap(s) => s,
        }
    }
}

impl Default for Name {
    fn default() -> Name {
        Name::new("")
    }
}

impl core::ops::Deref for Name {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl AsRef<str> for Name {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl core::borrow::Borrow<str> for Name {
    fn borrow(&self) -> &str {
        self.as_str()
    }
}

impl From<&str> for Name {
    fn from(s: &str) -> Name {
        Name::new(s)
    }
}

impl From<&String> for Name {
    fn from(s: &String) -> Name {
        Name::new(s)
    }
}

impl From<String> for Name {
    fn from(s: String) -> Name {
        Name::new(&s)
    }
}

impl From<Name> for String {
    fn from(n: Name) -> String {
        n.as_str().to_owned()
    }
}

impl PartialEq for Name {
    fn eq(&self, other: &Name) -> bool {
        self.as_str() == other.as_str()
    }
}
impl Eq for Name {}

impl PartialEq<str> for Name {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for Name {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<String> for Name {
    fn eq(&self, other: &String) -> bool {
        self.as_str() == other.as_str()
    }
}

impl PartialOrd for Name {
    fn partial_cmp(&self, other: &Name) -> Option<core::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Name {
    fn cmp(&self, other: &Name) -> core::cmp::Ordering {
        self.as_str().cmp(other.as_str())
    }
}

impl core::hash::Hash for Name {
    fn hash<H: core::hash::Hasher>(&self, h: &mut H) {
        self.as_str().hash(h)
    }
}

impl core::fmt::Debug for Name {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        core::fmt::Debug::fmt(self.as_str(), f)
    }
}

impl core::fmt::Display for Name {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_and_long_names_read_back_exactly() {
        for s in [
            "",
            "m0",
            "a_member_of_22_bytes__",
            "é_ü_multi-byte_name_23",
            &"x".repeat(300),
        ] {
            let n = Name::from(s);
            assert_eq!(n.as_str(), s);
            assert_eq!(n.len(), s.len());
            assert_eq!(n, s);
        }
        assert_eq!(core::mem::size_of::<Name>(), core::mem::size_of::<String>());
    }

    #[test]
    fn inline_and_heap_names_compare_hash_and_order_as_text() {
        use std::collections::hash_map::DefaultHasher;
        use std::hash::{Hash, Hasher};
        let h = |n: &Name| {
            let mut d = DefaultHasher::new();
            n.hash(&mut d);
            d.finish()
        };
        let short = Name::from("abc");
        let long = Name::from("abc".repeat(10));
        assert!(matches!(short.0, Repr::Inline { .. }));
        let (le, n) = short
            .inline_frame(corba_cdr::ByteOrder::LittleEndian)
            .unwrap();
        assert_eq!(&le[..n], b"\x04\0\0\0abc\0");
        let (be, n) = short.inline_frame(corba_cdr::ByteOrder::BigEndian).unwrap();
        assert_eq!(&be[..n], b"\0\0\0\x04abc\0");
        let full = Name::from("a".repeat(Name::INLINE_CAP));
        let (b, n) = full
            .inline_frame(corba_cdr::ByteOrder::LittleEndian)
            .unwrap();
        assert_eq!((n, b[n - 1], b[0]), (Name::INLINE_CAP + 5, 0, 23));
        assert!(long
            .inline_frame(corba_cdr::ByteOrder::LittleEndian)
            .is_none());
        assert!(matches!(long.0, Repr::Heap(_)));
        assert!(matches!(Name::from("é").0, Repr::Heap(_)));
        let octets = Name::from_ascii_octets(b"abc").unwrap();
        assert!(matches!(octets.0, Repr::Inline { .. }));
        assert_eq!(octets, short);
        let long_octets = Name::from_ascii_octets("abc".repeat(10).as_bytes()).unwrap();
        assert!(matches!(long_octets.0, Repr::Heap(_)));
        assert_eq!(long_octets, long);
        assert!(Name::from_ascii_octets("é".as_bytes()).is_none());
        assert!(short < long);
        let mut d = DefaultHasher::new();
        "abc".hash(&mut d);
        assert_eq!(h(&short), d.finish());
        assert_ne!(short, long);
        assert_eq!(
            format!("{short:?} {long}"),
            format!("{:?} {}", "abc", "abc".repeat(10))
        );
    }
}
