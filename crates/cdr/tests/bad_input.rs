//! Every malformed input named in the CDR issue returns a typed error with
//! the offset where it was found; none panics or allocates for a length it
//! cannot back with bytes.

use corba_cdr::{ByteOrder, Encoding, ErrorKind, GiopVersion, Reader};

const BE12: Encoding = Encoding::new(ByteOrder::BigEndian, GiopVersion::V1_2);

fn reader(b: &[u8]) -> Reader<'_> {
    Reader::new(b, BE12)
}

#[test]
fn sequence_count_larger_than_input() {
    // 0xFFFFFFFF longs promised, 4 bytes present: rejected before allocating.
    let b = [0xFF, 0xFF, 0xFF, 0xFF, 0, 0, 0, 1];
    let e = reader(&b).read_sequence::<i32>().unwrap_err();
    assert_eq!(
        e.kind,
        ErrorKind::LengthTooLarge {
            length: 0xFFFF_FFFF,
            available: 4
        }
    );
    assert_eq!(e.offset, 0);
    // The count check multiplies with overflow checking.
    let r = reader(&b);
    assert!(r.check_count(u32::MAX, usize::MAX).is_err());
}

#[test]
fn string_length_larger_than_input() {
    let b = [0, 0, 0x10, 0, b'a', 0];
    let e = reader(&b).read_string().unwrap_err();
    assert!(matches!(
        e.kind,
        ErrorKind::LengthTooLarge { length: 0x1000, .. }
    ));
}

#[test]
fn truncation_anywhere() {
    let b = [0, 0, 0, 6, b'h', b'e', b'l', b'l', b'o', 0];
    for cut in 0..b.len() {
        let e = reader(&b[..cut]).read_string().unwrap_err();
        assert!(
            matches!(
                e.kind,
                ErrorKind::Truncated { .. } | ErrorKind::LengthTooLarge { .. }
            ),
            "cut at {cut}: {e}"
        );
    }
    let e = reader(&[0, 0, 0]).read_double().unwrap_err();
    assert_eq!(
        e.kind,
        ErrorKind::Truncated {
            needed: 8,
            available: 3
        }
    );
    // Alignment padding itself can be truncated.
    let mut r = reader(&[1, 0]);
    r.read_octet().unwrap();
    assert!(matches!(
        r.read_long().unwrap_err().kind,
        ErrorKind::Truncated { .. }
    ));
}

#[test]
fn string_length_zero() {
    let e = reader(&[0, 0, 0, 0]).read_string().unwrap_err();
    assert_eq!(e.kind, ErrorKind::StringLengthZero);
    assert_eq!(e.offset, 0);
}

#[test]
fn string_without_nul() {
    let e = reader(&[0, 0, 0, 2, b'a', b'b']).read_string().unwrap_err();
    assert_eq!(e.kind, ErrorKind::StringNotTerminated);
    assert_eq!(e.offset, 5);
}

#[test]
fn wstring_with_odd_octet_count() {
    let e = reader(&[0, 0, 0, 3, 0, b'a', 0])
        .read_wstring()
        .unwrap_err();
    assert_eq!(e.kind, ErrorKind::OddWstringLength(3));
}

#[test]
fn wstring_with_unpaired_surrogate() {
    let e = reader(&[0, 0, 0, 2, 0xD8, 0x00])
        .read_wstring()
        .unwrap_err();
    assert_eq!(e.kind, ErrorKind::InvalidUtf16);
}

#[test]
fn wchar_and_wstring_in_giop_10() {
    let e10 = Encoding::new(ByteOrder::BigEndian, GiopVersion::V1_0);
    let b = [0, 2, 0, b'a'];
    assert_eq!(
        Reader::new(&b, e10).read_wchar().unwrap_err().kind,
        ErrorKind::WideCharInGiop10
    );
    assert_eq!(
        Reader::new(&b, e10).read_wstring().unwrap_err().kind,
        ErrorKind::WideCharInGiop10
    );
}

#[test]
fn wchar_with_bad_octet_count() {
    let e = reader(&[3, 0, 0, 0]).read_wchar().unwrap_err();
    assert_eq!(e.kind, ErrorKind::InvalidWcharLength(3));
}

#[test]
fn boolean_other_than_zero_or_one() {
    let mut r = reader(&[1, 2]);
    assert!(r.read_bool().unwrap());
    let e = r.read_bool().unwrap_err();
    assert_eq!(e.kind, ErrorKind::InvalidBoolean(2));
    assert_eq!(e.offset, 1);
    let e = reader(&[0, 0, 0, 2, 0, 7])
        .read_bool_sequence()
        .unwrap_err();
    assert_eq!(e.kind, ErrorKind::InvalidBoolean(7));
}

#[test]
fn fixed_with_bad_digit() {
    // fixed<3,0>: digits 1 A 3, sign C.
    let e = reader(&[0x1A, 0x3C]).read_fixed(3, 0).unwrap_err();
    assert_eq!(e.kind, ErrorKind::InvalidFixedDigit(0xA));
    // fixed<2,0> has a leading pad nibble that must be 0.
    let e = reader(&[0x51, 0x2C]).read_fixed(2, 0).unwrap_err();
    assert_eq!(e.kind, ErrorKind::InvalidFixedDigit(5));
}

#[test]
fn fixed_with_bad_sign() {
    let e = reader(&[0x12, 0x35]).read_fixed(3, 0).unwrap_err();
    assert_eq!(e.kind, ErrorKind::InvalidFixedSign(5));
}

#[test]
fn fixed_with_too_many_digits() {
    let b = [0u8; 20];
    let e = reader(&b).read_fixed(32, 0).unwrap_err();
    assert_eq!(e.kind, ErrorKind::FixedTooManyDigits(32));
    let e = reader(&b).read_fixed(3, 4).unwrap_err();
    assert_eq!(e.kind, ErrorKind::FixedTooManyDigits(3));
}

#[test]
fn encapsulation_content_overrunning_its_length() {
    // Declares 2 octets: flag + one octet; the content wants a ulong.
    let b = [0, 0, 0, 2, 0, 7, 0, 0, 0, 0];
    let mut r = reader(&b);
    let mut inner = r.read_encapsulation().unwrap();
    let e = inner.read_ulong().unwrap_err();
    assert!(matches!(e.kind, ErrorKind::Truncated { .. }));
    assert_eq!(e.offset, 5, "offset in the outer input");
    // A length beyond the input.
    let e = reader(&[0, 0, 0, 9, 0]).read_encapsulation().unwrap_err();
    assert_eq!(
        e.kind,
        ErrorKind::EncapsulationOverrun {
            length: 9,
            available: 1
        }
    );
    // An empty encapsulation has no byte-order octet.
    let e = reader(&[0, 0, 0, 0]).read_encapsulation().unwrap_err();
    assert!(matches!(
        e.kind,
        ErrorKind::EncapsulationOverrun { length: 0, .. }
    ));
}

#[test]
fn byte_order_octet_other_than_zero_or_one() {
    let e = reader(&[0, 0, 0, 1, 2]).read_encapsulation().unwrap_err();
    assert_eq!(e.kind, ErrorKind::InvalidByteOrder(2));
    assert_eq!(e.offset, 4);
    assert_eq!(ByteOrder::from_flag(2), None);
}

#[test]
fn bounded_string_over_its_bound() {
    let b = [0, 0, 0, 4, b'a', b'b', b'c', 0];
    let e = reader(&b).read_string_bounded(2).unwrap_err();
    assert_eq!(
        e.kind,
        ErrorKind::BoundExceeded {
            length: 3,
            bound: 2
        }
    );
}

#[test]
fn invalid_utf8_under_utf8_code_set() {
    let enc = BE12.with_char_code_set(corba_cdr::CharCodeSet::Utf8);
    let b = [0, 0, 0, 2, 0xC3, 0];
    let e = Reader::new(&b, enc).read_string().unwrap_err();
    assert_eq!(e.kind, ErrorKind::InvalidUtf8);
}

#[test]
fn trailing_bytes_are_reported() {
    let mut r = reader(&[0, 1, 2]);
    r.read_octet().unwrap();
    assert_eq!(r.finish().unwrap_err().kind, ErrorKind::TrailingBytes(2));
}

#[test]
fn errors_print_what_and_where() {
    let e = reader(&[0, 0, 0, 0]).read_string().unwrap_err();
    assert_eq!(
        e.to_string(),
        "string length 0 (must include the NUL) at offset 0"
    );
}
