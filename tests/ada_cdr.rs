//! The Ada backend's plain CDR (sequences, strings, wide strings) against
//! corba-cdr's Writer and Reader directly, in both byte orders and every
//! GIOP version (issue 6). The Ada value is built by walking the Rust value
//! (never from Rust's bytes); Ada's bytes must equal the Writer's exactly
//! (the Ada encoder zeroes its padding), the Reader must read Ada's bytes
//! back to the value, and Ada must read the Writer's bytes back to it.
//! Cases per property: `PROPTEST_CASES` (CI sets 1000).

mod common;

use bench_ops::{decode_once, encode_once, BackendError, Case, Subject};
use common::{case, giop, latin1, order_of, unicode};
use corba_cdr::{ByteOrder, Encoding, GiopVersion, Reader, Utf16Style, Writer};
use legacy_ada::{AdaBackend, AdaStyle};
use proptest::prelude::*;

/// Writes a subject with corba-cdr's Writer (independently of any backend).
fn write(enc: Encoding, s: &Subject) -> Result<Vec<u8>, corba_cdr::Error> {
    let mut w = Writer::new(enc);
    match s {
        Subject::SeqLong(v) => w.write_sequence(v),
        Subject::SeqDouble(v) => w.write_sequence(v),
        Subject::SeqOctet(v) => w.write_octet_sequence(v),
        Subject::SeqString(v) => {
            w.write_ulong(v.len() as u32);
            for s in v {
                w.write_string(s)?;
            }
        }
        Subject::String(s) => w.write_string(s)?,
        Subject::WString(s) => w.write_wstring(s)?,
        _ => unreachable!("plain subjects only"),
    }
    Ok(w.into_inner())
}

/// Reads a subject of `shape` with corba-cdr's Reader, which must consume
/// everything.
fn read(enc: Encoding, shape: &Subject, bytes: &[u8]) -> Result<Subject, corba_cdr::Error> {
    let mut r = Reader::new(bytes, enc);
    let s = match shape {
        Subject::SeqLong(_) => Subject::SeqLong(r.read_sequence()?),
        Subject::SeqDouble(_) => Subject::SeqDouble(r.read_sequence()?),
        Subject::SeqOctet(_) => Subject::SeqOctet(r.read_octet_sequence()?.to_vec()),
        Subject::SeqString(_) => {
            let n = r.read_count(5)?;
            let mut v = Vec::new();
            for _ in 0..n {
                v.push(r.read_string()?);
            }
            Subject::SeqString(v)
        }
        Subject::String(_) => Subject::String(r.read_string()?),
        Subject::WString(_) => Subject::WString(r.read_wstring()?),
        _ => unreachable!("plain subjects only"),
    };
    r.finish()?;
    Ok(s)
}

/// The Ada style that matches corba-cdr's `Utf16Style`.
fn styles() -> [(AdaStyle, Utf16Style); 2] {
    [
        (AdaStyle::NATIVE, Utf16Style::Spec),
        (AdaStyle::WSTRING_BOM, Utf16Style::OmniOrb),
    ]
}

fn check(c: &Case) -> Result<(), TestCaseError> {
    for (style, utf16) in styles() {
        let ada = AdaBackend::with_style(style);
        let enc = Encoding::new(c.params.order, c.params.giop).with_utf16(utf16);
        let expected = write(enc, &c.subject);
        let got = encode_once(&ada, c);
        match (expected, got) {
            (Ok(expected), Ok(got)) => {
                prop_assert_eq!(
                    &got,
                    &expected,
                    "Ada bytes differ from corba-cdr's ({:?})",
                    style
                );
                let back = read(enc, &c.subject, &got).map_err(|e| {
                    TestCaseError::fail(format!("corba-cdr cannot read Ada's bytes: {e}"))
                })?;
                prop_assert_eq!(&back, &c.subject);
                let ada_back = decode_once(&ada, c, &expected).map_err(|e| {
                    TestCaseError::fail(format!("Ada cannot read corba-cdr's bytes: {e}"))
                })?;
                prop_assert_eq!(&ada_back, &c.subject);
            }
            // wchar/wstring in GIOP 1.0: both refuse.
            (Err(_), Err(BackendError::Unsupported { .. }))
                if c.params.giop == GiopVersion::V1_0 => {}
            (e, g) => prop_assert!(
                false,
                "corba-cdr: {:?}, Ada: {:?}",
                e.map(|_| ()),
                g.map(|_| ())
            ),
        }
    }
    Ok(())
}

proptest! {
    #[test]
    fn seq_long(v in proptest::collection::vec(any::<i32>(), 0..200), le: bool, g in giop()) {
        check(&case(Subject::SeqLong(v), order_of(le), g))?;
    }

    #[test]
    fn seq_double(v in proptest::collection::vec(any::<u64>().prop_map(f64::from_bits)
                      .prop_filter("NaN compares unequal", |x| !x.is_nan()), 0..100),
                  le: bool, g in giop()) {
        check(&case(Subject::SeqDouble(v), order_of(le), g))?;
    }

    #[test]
    fn seq_octet(v in proptest::collection::vec(any::<u8>(), 0..200), le: bool, g in giop()) {
        check(&case(Subject::SeqOctet(v), order_of(le), g))?;
    }

    #[test]
    fn seq_string(v in proptest::collection::vec(latin1(), 0..8), le: bool, g in giop()) {
        check(&case(Subject::SeqString(v), order_of(le), g))?;
    }

    #[test]
    fn string(v in latin1(), le: bool, g in giop()) {
        check(&case(Subject::String(v), order_of(le), g))?;
    }

    #[test]
    fn wstring(v in unicode(), le: bool, g in giop()) {
        check(&case(Subject::WString(v), order_of(le), g))?;
    }
}

/// The encoder reports "buffer too small, need N" and fills a buffer of N.
#[test]
fn caller_buffer_too_small_reports_the_size_needed() {
    let t = legacy_ada::value_tree(&corba_typecode::Value::Prim(corba_typecode::PrimSeq::Long(
        vec![1, 2, 3],
    )))
    .unwrap();
    let wire = legacy_ada::Wire::new(ByteOrder::BigEndian, GiopVersion::V1_2, AdaStyle::NATIVE);
    // A Vec with no capacity: the wrapper first hears "need 16", then
    // succeeds with exactly that.
    let mut out = Vec::new();
    t.cdr_encode(legacy_ada::SUBJECT_SEQ_LONG, wire, &mut out)
        .unwrap();
    assert_eq!(out, [0, 0, 0, 3, 0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0, 3]);
}

/// Bad input reaches the Ada decoder: every case returns an error status
/// (with the offset where it was found), never a crash.
#[test]
fn bad_plain_input_is_rejected_with_a_status() {
    let ada = AdaBackend::new();
    let c = |s: Subject, g| case(s, ByteOrder::BigEndian, g);
    let v12 = GiopVersion::V1_2;
    let bad: Vec<(Case, Vec<u8>, &str)> = vec![
        (
            c(Subject::SeqLong(vec![]), v12),
            vec![0, 0, 0, 2, 0, 0, 0, 1],
            "truncated element",
        ),
        (
            c(Subject::SeqLong(vec![]), v12),
            vec![0, 0],
            "truncated count",
        ),
        (
            c(Subject::SeqLong(vec![]), v12),
            vec![0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0],
            "huge count",
        ),
        (
            c(Subject::SeqLong(vec![]), v12),
            vec![0, 0, 0, 1, 0, 0, 0, 1, 9],
            "trailing byte",
        ),
        (
            c(Subject::SeqDouble(vec![]), v12),
            vec![0x40, 0, 0, 0, 0, 0, 0, 0],
            "huge count of doubles",
        ),
        (
            c(Subject::SeqOctet(vec![]), v12),
            vec![0x7f, 0xff, 0xff, 0xff, 1],
            "huge octet count",
        ),
        (
            c(Subject::String(String::new()), v12),
            vec![0, 0, 0, 0],
            "string length 0",
        ),
        (
            c(Subject::String(String::new()), v12),
            vec![0, 0, 0, 2, b'a', b'b'],
            "no NUL",
        ),
        (
            c(Subject::String(String::new()), v12),
            vec![0xff, 0xff, 0xff, 0xff, b'a'],
            "huge length",
        ),
        (
            c(Subject::SeqString(vec![]), v12),
            vec![0x10, 0, 0, 0, 0, 0, 0, 1, 0],
            "huge string count",
        ),
        (
            c(Subject::WString(String::new()), v12),
            vec![0, 0, 0, 3, 0, b'a', 0],
            "odd wstring length",
        ),
        (
            c(Subject::WString(String::new()), GiopVersion::V1_1),
            vec![0, 0, 0, 0],
            "1.1 wstring length 0",
        ),
        (
            c(Subject::WString(String::new()), GiopVersion::V1_1),
            vec![0, 0, 0, 1, 0, 1],
            "1.1 wstring without NUL",
        ),
        (
            c(Subject::WString(String::new()), GiopVersion::V1_0),
            vec![0, 0, 0, 0],
            "wstring in GIOP 1.0",
        ),
        (
            c(Subject::WString(String::new()), v12),
            vec![0, 0, 0, 2, 0xd8, 0x00],
            "unpaired surrogate",
        ),
        (c(Subject::SeqLong(vec![]), v12), vec![], "empty input"),
    ];
    for (case, bytes, what) in bad {
        let r = decode_once(&ada, &case, &bytes);
        assert!(r.is_err(), "{what}: Ada accepted {bytes:02x?} as {r:?}");
    }
}

/// Every strict prefix of a valid encoding is rejected (truncation anywhere).
#[test]
fn every_truncation_is_rejected() {
    let ada = AdaBackend::new();
    let subjects = [
        Subject::SeqString(vec!["abc".into(), String::new(), "z".into()]),
        Subject::SeqDouble(vec![1.5, -2.0]),
        Subject::WString("h\u{e9}llo \u{1F600}".into()),
    ];
    for s in subjects {
        for order in [ByteOrder::BigEndian, ByteOrder::LittleEndian] {
            let c = case(s.clone(), order, GiopVersion::V1_2);
            let full = encode_once(&ada, &c).unwrap();
            assert_eq!(decode_once(&ada, &c, &full).unwrap(), s);
            for n in 0..full.len() {
                assert!(
                    decode_once(&ada, &c, &full[..n]).is_err(),
                    "prefix {n} of {full:02x?} accepted"
                );
            }
        }
    }
}
