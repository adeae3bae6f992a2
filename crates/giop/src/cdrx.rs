//! Small CDR helpers shared by the GIOP structures.

use crate::error::Result;
use corba_cdr::{
    ByteOrder, Encoding, Error as CdrError, ErrorKind as CdrKind, GiopVersion, Reader, Sink, Writer,
};

/// A `string` read as ISO-8859-1 octets (every octet maps to one char, so
/// any input round-trips). Repository ids, host names and operation names
/// are ASCII in practice. The conversion is corba-cdr's.
pub(crate) fn read_latin1(r: &mut Reader<'_>) -> Result<String> {
    let mut s = String::new();
    r.read_latin1_string_into(&mut s)?;
    Ok(s)
}

/// Writes `s` as a CDR `string`: one octet per char when every char is
/// below U+0100 (the inverse of [`read_latin1`]), UTF-8 octets otherwise.
pub(crate) fn write_latin1<S: Sink>(w: &mut Writer<S>, s: &str) {
    // `write_latin1_string` writes nothing when it fails.
    if w.write_latin1_string(s).is_err() {
        w.write_string_bytes(s.as_bytes());
    }
}

/// A reader over the content of an encapsulation held as octets (its first
/// octet is the byte order, §9.3.3), positioned after that octet, with
/// alignment counted from it. `abs` is the offset of `data[0]` in the
/// outermost input, for error offsets.
pub(crate) fn encap_reader(data: &[u8], abs: usize) -> Result<Reader<'_>> {
    let Some(&flag) = data.first() else {
        return Err(CdrError::new(
            CdrKind::EncapsulationOverrun {
                length: 0,
                available: 0,
            },
            abs,
        )
        .into());
    };
    let order = ByteOrder::from_flag(flag)
        .ok_or_else(|| CdrError::new(CdrKind::InvalidByteOrder(flag), abs))?;
    let mut r =
        Reader::new(data, Encoding::new(order, GiopVersion::V1_2)).with_absolute_offset(abs);
    r.seek(1)?;
    Ok(r)
}

/// Encodes an encapsulation's content (byte-order octet first) with
/// `body`, returning the octets.
pub(crate) fn encap_bytes(order: ByteOrder, body: impl FnOnce(&mut Writer)) -> Vec<u8> {
    let mut w = Writer::new(Encoding::new(order, GiopVersion::V1_2));
    w.write_octet(order.flag());
    body(&mut w);
    w.into_inner()
}
