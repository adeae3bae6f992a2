//! [`Writer::write_string`]'s short-text path against the framing of
//! §9.3.2.7 written out by hand: every length through the word copy's
//! cases (none, three octets, two 4-octet words, 8-octet words with an
//! overlapping last one, the 256-octet block, the converted path), each
//! with a non-ASCII character at every position.

use super::Writer;
use crate::{ByteOrder, CharCodeSet, Encoding, GiopVersion};

/// The expected stream: one octet, padding to 4, the length counting the
/// NUL, `octets`, NUL.
fn framed(order: ByteOrder, octets: &[u8]) -> Vec<u8> {
    let len = u32::try_from(octets.len() + 1).unwrap();
    let mut v = vec![7, 0, 0, 0];
    v.extend_from_slice(&match order {
        ByteOrder::BigEndian => len.to_be_bytes(),
        ByteOrder::LittleEndian => len.to_le_bytes(),
    });
    v.extend_from_slice(octets);
    v.push(0);
    v
}

fn written(order: ByteOrder, cs: CharCodeSet, s: &str) -> Vec<u8> {
    let mut enc = Encoding::new(order, GiopVersion::V1_2);
    enc.char_code_set = cs;
    let mut w = Writer::new(enc);
    w.write_octet(7);
    w.write_string(s).unwrap();
    w.into_inner()
}

#[test]
fn strings_of_every_short_length_frame_their_octets() {
    for order in [ByteOrder::BigEndian, ByteOrder::LittleEndian] {
        for n in 0..=80usize {
            let ascii: String = (0..n).map(|i| char::from(b'a' + (i % 26) as u8)).collect();
            for cs in [CharCodeSet::Iso8859_1, CharCodeSet::Utf8] {
                assert_eq!(
                    written(order, cs, &ascii),
                    framed(order, ascii.as_bytes()),
                    "{n} ASCII octets, {cs:?}, {order:?}"
                );
            }
            for at in 0..n {
                // 'é' is one octet (0xE9) in ISO-8859-1 and two in UTF-8.
                let s: String = ascii
                    .chars()
                    .enumerate()
                    .map(|(i, c)| if i == at { 'é' } else { c })
                    .collect();
                let mut latin1 = ascii.clone().into_bytes();
                latin1[at] = 0xE9;
                assert_eq!(
                    written(order, CharCodeSet::Iso8859_1, &s),
                    framed(order, &latin1),
                    "{n} octets, 'é' at {at}, ISO-8859-1, {order:?}"
                );
                assert_eq!(
                    written(order, CharCodeSet::Utf8, &s),
                    framed(order, s.as_bytes()),
                    "{n} characters, 'é' at {at}, UTF-8, {order:?}"
                );
            }
        }
    }
}
