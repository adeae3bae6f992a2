//! Known-answer vectors, one or more per encoding rule of CORBA 3.x Part 2
//! §9.3 ("CDR Transfer Syntax"). Each test names the section it checks.

use corba_cdr::{
    ByteOrder::{self, BigEndian as BE, LittleEndian as LE},
    CharCodeSet, Encoding, Fixed, GiopVersion, LongDouble, Reader, Utf16Style, Writer,
};

fn enc(order: ByteOrder) -> Encoding {
    Encoding::new(order, GiopVersion::V1_2)
}

fn written(e: Encoding, f: impl FnOnce(&mut Writer)) -> Vec<u8> {
    let mut w = Writer::new(e);
    f(&mut w);
    w.into_inner()
}

/// §9.3.1.2 integers: big-endian is most significant octet first,
/// little-endian least significant first.
#[test]
fn integers_in_both_orders() {
    let be = written(enc(BE), |w| {
        w.write_short(-2);
        w.write_ushort(0x1234);
        w.write_long(-0x0102_0304);
        w.write_ulong(0xDEAD_BEEF);
    });
    assert_eq!(
        be,
        [0xFF, 0xFE, 0x12, 0x34, 0xFE, 0xFD, 0xFC, 0xFC, 0xDE, 0xAD, 0xBE, 0xEF]
    );
    let le = written(enc(LE), |w| {
        w.write_short(-2);
        w.write_ushort(0x1234);
        w.write_long(-0x0102_0304);
        w.write_ulong(0xDEAD_BEEF);
    });
    assert_eq!(
        le,
        [0xFE, 0xFF, 0x34, 0x12, 0xFC, 0xFC, 0xFD, 0xFE, 0xEF, 0xBE, 0xAD, 0xDE]
    );
}

/// §9.3.1.1 alignment: each primitive starts at a multiple of its size;
/// the gap is the minimum needed.
#[test]
fn alignment_gaps_are_minimal() {
    let b = written(enc(BE), |w| {
        w.write_octet(1); // 0
        w.write_short(2); // pad 1, at 2
        w.write_octet(3); // 4
        w.write_long(4); // pad 3, at 8
        w.write_octet(5); // 12
        w.write_longlong(6); // pad 3, at 16
        w.write_octet(7); // 24
        w.write_double(1.0); // pad 7, at 32
    });
    assert_eq!(b.len(), 40);
    assert_eq!(&b[..4], [1, 0, 0, 2]);
    assert_eq!(&b[4..12], [3, 0, 0, 0, 0, 0, 0, 4]);
    assert_eq!(&b[12..24], [5, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 6]);
    assert_eq!(&b[32..40], 1.0f64.to_be_bytes());
}

/// §9.3.1.1: alignment is relative to the stream origin; a GIOP body
/// starting after the 12-octet header aligns as if the header were there.
#[test]
fn alignment_counts_from_the_configured_origin() {
    let mut w = Writer::new(enc(BE)).with_origin(12);
    w.write_octet(9);
    w.write_double(2.0); // stream position 13 -> pad to 16: 3 octets
    assert_eq!(w.as_bytes().len(), 1 + 3 + 8);
    let bytes = w.into_inner();
    let mut r = Reader::new(&bytes, enc(BE)).with_origin(12);
    assert_eq!(r.read_octet().unwrap(), 9);
    assert_eq!(r.read_double().unwrap(), 2.0);
    r.finish().unwrap();
}

/// §9.3.1.3 floating point: IEEE 754 single and double, in stream order.
#[test]
fn floats_are_ieee754() {
    let b = written(enc(BE), |w| {
        w.write_float(1.5);
        w.write_double(-2.25);
    });
    assert_eq!(&b[..4], [0x3F, 0xC0, 0, 0]);
    assert_eq!(&b[8..], [0xC0, 0x02, 0, 0, 0, 0, 0, 0]);
    let b = written(enc(LE), |w| w.write_float(1.5));
    assert_eq!(b, [0, 0, 0xC0, 0x3F]);
}

/// §9.3.1.1 Table 9-1 and §9.3.1.3: long double is 16 octets aligned on 8.
#[test]
fn long_double_is_sixteen_octets_aligned_on_eight() {
    let v = LongDouble(0x3FFF_8000_0000_0000_0000_0000_0000_0001);
    let b = written(enc(BE), |w| {
        w.write_octet(0);
        w.write_long_double(v);
    });
    assert_eq!(b.len(), 24);
    assert_eq!(&b[8..], v.0.to_be_bytes());
    let b = written(enc(LE), |w| w.write_long_double(v));
    assert_eq!(b, v.0.to_le_bytes());
    assert_eq!(Reader::new(&b, enc(LE)).read_long_double().unwrap(), v);
}

/// §9.3.1.5 boolean: one octet, 1 TRUE, 0 FALSE. §9.3.1.4 octet: as is.
#[test]
fn boolean_and_octet() {
    let b = written(enc(LE), |w| {
        w.write_bool(true);
        w.write_bool(false);
        w.write_octet(0xAB);
        w.write_char(b'Z');
    });
    assert_eq!(b, [1, 0, 0xAB, b'Z']);
}

/// §9.3.2.7 string: ulong length including the NUL, octets, NUL.
#[test]
fn string_counts_its_nul() {
    let b = written(enc(BE), |w| w.write_string("Hi").unwrap());
    assert_eq!(b, [0, 0, 0, 3, b'H', b'i', 0]);
    let b = written(enc(LE), |w| w.write_string("").unwrap());
    assert_eq!(b, [1, 0, 0, 0, 0]);
}

/// §13.10 code sets: ISO-8859-1 is one octet per character; UTF-8 as a
/// negotiated transmission code set uses UTF-8 octets.
#[test]
fn string_code_sets() {
    let latin = enc(BE);
    let b = written(latin, |w| w.write_string("é").unwrap());
    assert_eq!(b, [0, 0, 0, 2, 0xE9, 0]);
    assert_eq!(Reader::new(&b, latin).read_string().unwrap(), "é");

    let utf8 = enc(BE).with_char_code_set(CharCodeSet::Utf8);
    let b = written(utf8, |w| w.write_string("é").unwrap());
    assert_eq!(b, [0, 0, 0, 3, 0xC3, 0xA9, 0]);
    assert_eq!(Reader::new(&b, utf8).read_string().unwrap(), "é");

    let mut w = Writer::new(latin);
    let err = w.write_string("€").unwrap_err();
    assert_eq!(err.kind, corba_cdr::ErrorKind::Unrepresentable('€'));
}

/// §9.3.1.6: GIOP 1.1 wchar is a 2-octet UTF-16 unit aligned on 2 in the
/// stream's order; GIOP 1.2 wchar is an octet count then the unit.
#[test]
fn wchar_by_giop_version() {
    let e11 = Encoding::new(LE, GiopVersion::V1_1);
    let b = written(e11, |w| {
        w.write_octet(0);
        w.write_wchar(0x263A).unwrap();
    });
    assert_eq!(b, [0, 0, 0x3A, 0x26]);

    let e12 = enc(LE);
    let b = written(e12, |w| w.write_wchar(0x263A).unwrap());
    assert_eq!(b, [2, 0x26, 0x3A]);
    assert_eq!(Reader::new(&b, e12).read_wchar().unwrap(), 0x263A);
}

/// §9.3.2.7: GIOP 1.1 wstring length counts UTF-16 units including a NUL
/// unit; units in stream order.
#[test]
fn wstring_giop11() {
    let e = Encoding::new(BE, GiopVersion::V1_1);
    let b = written(e, |w| w.write_wstring("Ab").unwrap());
    assert_eq!(b, [0, 0, 0, 3, 0, b'A', 0, b'b', 0, 0]);
    assert_eq!(Reader::new(&b, e).read_wstring().unwrap(), "Ab");
}

/// §9.3.2.7: GIOP 1.2 wstring length counts octets, no NUL. Spec style: no
/// BOM, big-endian units. omniORB style: a BOM and native-order units
/// (corpus/known_divergences.md).
#[test]
fn wstring_giop12_styles() {
    let spec = enc(LE);
    let b = written(spec, |w| w.write_wstring("Ab").unwrap());
    assert_eq!(b, [4, 0, 0, 0, 0, b'A', 0, b'b']);

    let omni = enc(LE).with_utf16(Utf16Style::OmniOrb);
    let b = written(omni, |w| w.write_wstring("Ab").unwrap());
    let mut expect = vec![6, 0, 0, 0];
    for u in [0xFEFFu16, u16::from(b'A'), u16::from(b'b')] {
        expect.extend_from_slice(&u.to_ne_bytes());
    }
    assert_eq!(b, expect);
    // Empty strings carry no BOM.
    assert_eq!(
        written(omni, |w| w.write_wstring("").unwrap()),
        [0, 0, 0, 0]
    );

    // Every reader accepts every style.
    for style in [Utf16Style::Spec, Utf16Style::OmniOrb] {
        let e = enc(LE).with_utf16(style);
        assert_eq!(Reader::new(&b, e).read_wstring().unwrap(), "Ab");
    }
    // A little-endian BOM is honoured whatever the stream order.
    let marked = [6, 0, 0, 0, 0xFF, 0xFE, b'A', 0, b'b', 0];
    assert_eq!(Reader::new(&marked, spec).read_wstring().unwrap(), "Ab");
    let stream = enc(LE).with_utf16(Utf16Style::StreamOrder);
    assert_eq!(
        written(stream, |w| w.write_wstring("A").unwrap()),
        [2, 0, 0, 0, b'A', 0]
    );
}

/// Non-BMP characters travel as surrogate pairs.
#[test]
fn wstring_surrogate_pairs() {
    let e = enc(BE);
    let b = written(e, |w| w.write_wstring("𝄞").unwrap());
    assert_eq!(b, [0, 0, 0, 4, 0xD8, 0x34, 0xDD, 0x1E]);
    assert_eq!(Reader::new(&b, e).read_wstring().unwrap(), "𝄞");
}

/// §9.3.2.5 sequence: ulong count then the elements, each aligned; §9.3.2.4
/// arrays have no count.
#[test]
fn sequences_and_arrays() {
    let b = written(enc(BE), |w| w.write_sequence(&[1i16, -1]));
    assert_eq!(b, [0, 0, 0, 2, 0, 1, 0xFF, 0xFF]);
    let b = written(enc(LE), |w| w.write_sequence(&[1.0f64]));
    assert_eq!(b.len(), 4 + 4 + 8, "count, padding to 8, element");
    assert_eq!(&b[8..], 1.0f64.to_le_bytes());
    // An empty sequence of doubles has no padding after its count.
    assert_eq!(
        written(enc(LE), |w| w.write_sequence::<f64>(&[])),
        [0, 0, 0, 0]
    );
    let b = written(enc(LE), |w| w.write_slice(&[7u32, 8]));
    assert_eq!(b, [7, 0, 0, 0, 8, 0, 0, 0]);
}

/// Bulk reads agree with element-by-element reads in the swapped order.
#[test]
fn bulk_swap_matches_scalar_reads() {
    let vals: Vec<i64> = (0..37).map(|i| i * 0x0102_0304_0506 - 5).collect();
    for order in [BE, LE] {
        let b = written(enc(order), |w| w.write_sequence(&vals));
        let mut r = Reader::new(&b, enc(order));
        let n = r.read_ulong().unwrap() as usize;
        let scalar: Vec<i64> = (0..n).map(|_| r.read_longlong().unwrap()).collect();
        assert_eq!(scalar, vals);
        assert_eq!(
            Reader::new(&b, enc(order)).read_sequence::<i64>().unwrap(),
            vals
        );
    }
}

/// §9.3.2.6 enum: an unsigned long.
#[test]
fn enum_is_ulong() {
    assert_eq!(written(enc(BE), |w| w.write_enum(2)), [0, 0, 0, 2]);
}

/// §9.3.2.8 fixed: packed decimal, most significant digit first, sign in
/// the last half-octet (0xC positive, 0xD negative); an even digit count
/// gets a leading zero half-octet.
#[test]
fn fixed_packed_decimal() {
    // fixed<5,2> 123.45 -> digits 12345 + sign C: 0x12 0x34 0x5C
    let f = Fixed::new(12345, 5, 2).unwrap();
    assert_eq!(written(enc(BE), |w| w.write_fixed(&f)), [0x12, 0x34, 0x5C]);
    // fixed<4,0> -1234 -> 0 1234 D: 0x01 0x23 0x4D
    let f = Fixed::new(-1234, 4, 0).unwrap();
    let b = written(enc(LE), |w| w.write_fixed(&f));
    assert_eq!(b, [0x01, 0x23, 0x4D]);
    assert_eq!(Reader::new(&b, enc(LE)).read_fixed(4, 0).unwrap(), f);
    assert_eq!(f.to_string(), "-1234");
    assert_eq!(Fixed::new(-5, 3, 2).unwrap().to_string(), "-0.05");
    assert!(
        Fixed::new(1000, 3, 0).is_none(),
        "4 digits do not fit fixed<3,0>"
    );
    assert!(Fixed::new(1, 32, 0).is_none());
}

/// §9.3.3 encapsulation: a sequence<octet> whose first octet is the byte
/// order; content aligned from that octet; lengths in the outer order.
#[test]
fn encapsulation_layout() {
    let b = written(enc(BE), |w| {
        w.write_octet(0xAA);
        w.write_encapsulation(LE, |w| {
            w.write_ulong(1); // position 1 inside -> pad to 4
        });
    });
    // 0xAA, pad to 4, length 8 (BE), flag 1, 3 pad, ulong 1 in LE
    assert_eq!(b, [0xAA, 0, 0, 0, 0, 0, 0, 8, 1, 0, 0, 0, 1, 0, 0, 0]);
    let mut r = Reader::new(&b, enc(BE));
    r.read_octet().unwrap();
    let mut inner = r.read_encapsulation().unwrap();
    assert_eq!(inner.order(), LE);
    assert_eq!(inner.read_ulong().unwrap(), 1);
    inner.finish().unwrap();
    assert_eq!(inner.absolute_start(), 8);
    r.finish().unwrap();
}

/// Back-patched lengths count the bytes after the length field.
#[test]
fn back_patched_length() {
    let b = written(enc(LE), |w| {
        let m = w.begin_length();
        w.write_longlong(5);
        w.end_length(m);
    });
    assert_eq!(&b[..4], [12, 0, 0, 0], "4 padding + 8 value");
}

/// Padding tracking reports exactly the gap octets.
#[test]
fn padding_ranges_are_reported() {
    let mut w = Writer::new(enc(LE)).track_padding();
    w.write_octet(1);
    w.write_long(2);
    w.write_octet(3);
    w.write_double(4.0);
    assert_eq!(w.padding(), [1..4, 9..16]);
}

/// encoded_len through the counting sink equals the written length.
#[test]
fn sizer_agrees_with_writer() {
    let e = enc(BE);
    let mut w = Writer::new(e).with_origin(3);
    let mut s = Writer::sizer(e).with_origin(3);
    w.write_octet(1);
    s.write_octet(1);
    w.write_sequence(&[1.5f64, 2.5]);
    s.write_sequence(&[1.5f64, 2.5]);
    w.write_wstring("xyz").unwrap();
    s.write_wstring("xyz").unwrap();
    w.write_encapsulation(LE, |w| w.write_longlong(1));
    s.write_encapsulation(LE, |w| w.write_longlong(1));
    assert_eq!(w.len(), s.len());
}
