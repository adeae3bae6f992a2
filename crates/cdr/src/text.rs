//! The character conversions of `string` and `wstring` (§9.3.2.7) and of
//! `char`/`wchar` (§9.3.1.6), in one place: every other crate (TypeCode
//! marshalling, GIOP headers, generated code) goes through [`crate::Reader`]
//! and [`crate::Writer`], which call these.
//!
//! The common cases are ASCII text and UTF-16 without surrogates. Each has a
//! path that touches every octet once in a loop without per-character
//! branches (so the compiler can vectorise it), and decoding writes into a
//! `String` the caller may reuse, so a decode into an existing value does not
//! allocate while the capacity suffices.

use crate::{ByteOrder, CharCodeSet, ErrorKind, Primitive};

/// Replaces `out` with ISO-8859-1 octets `b` as UTF-8 (ISO-8859-1 is the
/// default transmission code set, §13.10.2.6; octet `c` is U+00`c`).
///
/// One scan decides ASCII (the common case, then one copy); any other octet
/// sends the whole string through the per-octet mapping, which is itself the
/// only other pass.
#[inline]
pub fn latin1_into(b: &[u8], out: &mut String) {
    out.clear();
    if let Ok(s) = ascii::AsciiStr::from_ascii(b) {
        replace(out, s.as_str());
        return;
    }
    out.reserve(b.len() + b.len() / 2);
    out.extend(b.iter().map(|&c| char::from(c)));
}

/// Replaces `out` with UTF-8 octets `b`, or fails when they are not UTF-8
/// (a negotiated UTF-8 transmission code set, §13.10.2.6).
#[inline]
pub fn utf8_into(b: &[u8], out: &mut String) -> Result<(), ErrorKind> {
    out.clear();
    let s = core::str::from_utf8(b).map_err(|_| ErrorKind::InvalidUtf8)?;
    replace(out, s);
    Ok(())
}

/// Replaces `out` with `string` octets `b` (no NUL) in transmission code
/// set `cs` as UTF-8: [`utf8_into`] or [`latin1_into`] (§9.3.2.7), for
/// callers holding the octets already (a TypeCode reader keeps a repository
/// id's octets to compare them).
#[inline]
pub fn string_into(b: &[u8], cs: CharCodeSet, out: &mut String) -> Result<(), ErrorKind> {
    match cs {
        CharCodeSet::Utf8 => utf8_into(b, out),
        CharCodeSet::Iso8859_1 => {
            latin1_into(b, out);
            Ok(())
        }
    }
}

/// `out` (empty) becomes `s`: into its own capacity when that suffices,
/// otherwise one allocation of exactly `s.len()` (`push_str` would take
/// `reserve`'s out-of-line growth path, measured at about 250 instructions
/// more per fresh string).
#[inline(always)]
fn replace(out: &mut String, s: &str) {
    if out.capacity() >= s.len() {
        out.push_str(s);
    } else {
        *out = s.to_owned();
    }
}

/// Whether `s` is representable in ISO-8859-1, and its length there (its
/// number of characters). One pass; `None` names the first character above
/// U+00FF.
#[inline]
pub fn latin1_len(s: &str) -> Result<usize, char> {
    if s.is_ascii() {
        return Ok(s.len());
    }
    let mut n = 0;
    for c in s.chars() {
        if u32::from(c) > 0xFF {
            return Err(c);
        }
        n += 1;
    }
    Ok(n)
}

/// Calls `put` with `s` as ISO-8859-1 octets, in pieces. `s` must have been
/// checked with [`latin1_len`] (characters above U+00FF are truncated).
#[inline]
pub fn latin1_pieces(s: &str, mut put: impl FnMut(&[u8])) {
    if s.is_ascii() {
        put(s.as_bytes());
        return;
    }
    let mut buf = [0u8; 256];
    let mut n = 0;
    for c in s.chars() {
        buf[n] = c as u8;
        n += 1;
        if n == buf.len() {
            put(&buf);
            n = 0;
        }
    }
    put(&buf[..n]);
}

/// Replaces `out` with the UTF-16 code units in `bytes` (an even number of
/// octets, each unit in `order`), or fails on an unpaired surrogate.
///
/// Fast paths, each one pass over the units: all units ASCII (narrowed to
/// octets in a branch-free loop, then one ASCII check to make the `str`);
/// no surrogates (every unit is a `char` by itself). Only text with
/// surrogate pairs goes through `char::decode_utf16`.
pub fn utf16_into(bytes: &[u8], order: ByteOrder, out: &mut String) -> Result<(), ErrorKind> {
    let mut narrow = core::mem::take(out).into_bytes();
    narrow.clear();
    let units = || bytes.chunks_exact(2).map(|c| u16::from_order(c, order));
    // Narrowing and the OR of every unit in one branch-free pass.
    let mut seen = 0u16;
    narrow.reserve(bytes.len() / 2);
    narrow.extend(units().map(|u| {
        seen |= u;
        u as u8
    }));
    if seen < 0x80 {
        match String::from_utf8(narrow) {
            Ok(s) => {
                *out = s;
                return Ok(());
            }
            Err(e) => narrow = e.into_bytes(),
        }
    }
    narrow.clear();
    *out = String::from_utf8(narrow).unwrap_or_default();
    if !units().any(|u| (0xD800..0xE000).contains(&u)) {
        // Basic Multilingual Plane without surrogates: one char per unit.
        out.reserve(bytes.len());
        out.extend(units().map(|u| char::from_u32(u32::from(u)).unwrap_or('\u{FFFD}')));
        return Ok(());
    }
    for c in char::decode_utf16(units()) {
        out.push(c.map_err(|_| ErrorKind::InvalidUtf16)?);
    }
    Ok(())
}

/// Number of UTF-16 code units of `s`, and whether it is all ASCII (then
/// the count is its length, found without decoding).
#[inline]
pub fn utf16_len(s: &str) -> (usize, bool) {
    if s.is_ascii() {
        (s.len(), true)
    } else {
        (s.encode_utf16().count(), false)
    }
}

/// Calls `put` with the UTF-16 code units of `s` in `order`, in pieces of at
/// most 256 octets. `ascii` is [`utf16_len`]'s answer: ASCII text is widened
/// in a loop with no branch per character.
#[inline]
pub fn utf16_pieces(s: &str, ascii: bool, order: ByteOrder, mut put: impl FnMut(&[u8])) {
    let mut buf = [0u8; 256];
    if ascii {
        for chunk in s.as_bytes().chunks(buf.len() / 2) {
            let out = &mut buf[..2 * chunk.len()];
            for (d, &b) in out.chunks_exact_mut(2).zip(chunk) {
                d.copy_from_slice(&unit_bytes(u16::from(b), order));
            }
            put(out);
        }
        return;
    }
    let mut n = 0;
    for u in s.encode_utf16() {
        buf[n..n + 2].copy_from_slice(&unit_bytes(u, order));
        n += 2;
        if n == buf.len() {
            put(&buf);
            n = 0;
        }
    }
    put(&buf[..n]);
}

/// One UTF-16 code unit's octets in `order`.
#[inline(always)]
pub fn unit_bytes(unit: u16, order: ByteOrder) -> [u8; 2] {
    match order {
        ByteOrder::BigEndian => unit.to_be_bytes(),
        ByteOrder::LittleEndian => unit.to_le_bytes(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utf16(s: &str, order: ByteOrder) -> Vec<u8> {
        s.encode_utf16()
            .flat_map(|u| unit_bytes(u, order))
            .collect()
    }

    #[test]
    fn every_utf16_path_matches_the_standard_decoder() {
        let texts = [
            "",
            "plain ascii",
            "café ü",
            "日本語",
            "a😀b",
            "\u{7F}\u{80}\u{FFFF}",
        ];
        for order in [ByteOrder::BigEndian, ByteOrder::LittleEndian] {
            let mut out = String::from("stale");
            for t in texts {
                utf16_into(&utf16(t, order), order, &mut out).unwrap();
                assert_eq!(out, t);
                let (n, ascii) = utf16_len(t);
                assert_eq!(n, t.encode_utf16().count());
                let mut written = Vec::new();
                utf16_pieces(t, ascii, order, |b| written.extend_from_slice(b));
                assert_eq!(written, utf16(t, order));
            }
        }
    }

    #[test]
    fn unpaired_surrogates_are_rejected() {
        let lone = unit_bytes(0xD800, ByteOrder::BigEndian);
        let mut out = String::new();
        assert_eq!(
            utf16_into(&lone, ByteOrder::BigEndian, &mut out),
            Err(ErrorKind::InvalidUtf16)
        );
    }

    #[test]
    fn long_text_crosses_piece_boundaries() {
        let t: String = "aé日😀".repeat(200);
        let order = ByteOrder::LittleEndian;
        let mut written = Vec::new();
        utf16_pieces(&t, false, order, |b| written.extend_from_slice(b));
        assert_eq!(written, utf16(&t, order));
        let a = "x".repeat(1000);
        written.clear();
        utf16_pieces(&a, true, order, |b| written.extend_from_slice(b));
        assert_eq!(written, utf16(&a, order));
        let l: String = "é".repeat(700);
        let mut octets = Vec::new();
        latin1_pieces(&l, |b| octets.extend_from_slice(b));
        assert_eq!(octets, vec![0xE9; 700]);
        let mut back = String::new();
        latin1_into(&octets, &mut back);
        assert_eq!(back, l);
    }

    #[test]
    fn latin1_maps_every_octet() {
        let all: Vec<u8> = (1..=255).collect();
        let mut out = String::new();
        latin1_into(&all, &mut out);
        let want: String = all.iter().map(|&c| char::from(c)).collect();
        assert_eq!(out, want);
        assert_eq!(latin1_len(&want), Ok(255));
        assert_eq!(latin1_len("a€"), Err('€'));
    }
}
