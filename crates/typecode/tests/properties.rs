//! Property tests (PROPTEST_CASES raises the default of 256 cases):
//! value -> bytes -> value; TypeCode -> bytes -> TypeCode is equal; plan
//! bytes == oracle bytes; transcoding to the other byte order and back
//! gives the original bytes; corrupted input never panics.

use corba_cdr::{ByteOrder, Encoding, GiopVersion, Reader, Writer};
use corba_typecode::arbitrary::{arb_any, arb_typecode, arb_typecode_and_value, GenConfig};
use corba_typecode::*;
use proptest::prelude::*;

fn encodings(cfg_wide: bool) -> Vec<Encoding> {
    let mut v = Vec::new();
    for order in [ByteOrder::BigEndian, ByteOrder::LittleEndian] {
        for giop in GiopVersion::ALL {
            if giop == GiopVersion::V1_0 && cfg_wide {
                continue;
            }
            v.push(Encoding::new(order, giop));
        }
    }
    v
}

fn either_encoding() -> impl Strategy<Value = Encoding> {
    (any::<bool>(), 1u8..=2).prop_map(|(le, minor)| {
        Encoding::new(
            if le {
                ByteOrder::LittleEndian
            } else {
                ByteOrder::BigEndian
            },
            GiopVersion { major: 1, minor },
        )
    })
}

proptest! {
    #[test]
    fn typecode_bytes_typecode_is_equal(tc in arb_typecode(GenConfig::full()), e in either_encoding()) {
        for (wo, ro) in [(TcWriteOptions::spec(), DecodeOptions::spec()), (TcWriteOptions::omniorb(), DecodeOptions::omniorb())] {
            let b = typecode_to_bytes(&tc, e, &wo).unwrap();
            let back = typecode_from_bytes(&b, e, &ro).unwrap();
            prop_assert!(equal(&back, &tc));
            prop_assert!(equivalent(&back, &tc));
            prop_assert_eq!(typecode_to_bytes(&back, e, &wo).unwrap(), b);
        }
        prop_assert!(equivalent(&compact(&tc), &tc));
    }

    #[test]
    fn value_bytes_value(( tc, v) in arb_typecode_and_value(GenConfig::full()), e in either_encoding()) {
        let b = value_to_bytes(&tc, &v, e, &EncodeOptions::spec()).unwrap();
        let back = value_from_bytes(&b, &tc, e, &DecodeOptions::spec()).unwrap();
        prop_assert_eq!(&back, &v);
        // Chunking every value gives other bytes, the same value.
        let mut o = EncodeOptions::spec();
        o.chunking = Chunking::Always;
        let b2 = value_to_bytes(&tc, &v, e, &o).unwrap();
        prop_assert_eq!(value_from_bytes(&b2, &tc, e, &DecodeOptions::spec()).unwrap(), v);
    }

    #[test]
    fn giop_1_0_without_wide_characters((tc, v) in arb_typecode_and_value(GenConfig { wide: false, ..GenConfig::full() })) {
        for e in encodings(false) {
            let b = value_to_bytes(&tc, &v, e, &EncodeOptions::omniorb()).unwrap();
            prop_assert_eq!(&value_from_bytes(&b, &tc, e, &DecodeOptions::omniorb()).unwrap(), &v);
        }
    }

    #[test]
    fn any_round_trips(a in arb_any(GenConfig::full()), e in either_encoding()) {
        let b = any_to_bytes(&a, e, &EncodeOptions::spec()).unwrap();
        prop_assert_eq!(&any_from_bytes(&b, e, &DecodeOptions::spec()).unwrap(), &a);
        let plan = Plan::compile(&a.tc).unwrap();
        let mut w = Writer::new(e);
        plan.encode_any(&mut w, &a.value, &EncodeOptions::spec()).unwrap();
        prop_assert_eq!(w.as_bytes(), &b[..]);
        let mut r = Reader::new(&b, e);
        prop_assert_eq!(plan.decode_any(&mut r, &DecodeOptions::spec()).unwrap(), a);
        prop_assert!(r.is_empty());
    }

    #[test]
    fn plan_bytes_equal_oracle_bytes((tc, v) in arb_typecode_and_value(GenConfig::full()), e in either_encoding(), origin in 0usize..8) {
        let mut wi = Writer::new(e).with_origin(origin);
        oracle::encode_value(&mut wi, &tc, &v, &EncodeOptions::spec()).unwrap();
        let plan = Plan::compile(&tc).unwrap();
        let mut wp = Writer::new(e).with_origin(origin);
        plan.encode(&mut wp, &v, &EncodeOptions::spec()).unwrap();
        prop_assert_eq!(wp.as_bytes(), wi.as_bytes());
        let mut r = Reader::new(wi.as_bytes(), e).with_origin(origin);
        prop_assert_eq!(&plan.decode(&mut r, &DecodeOptions::spec()).unwrap(), &v);
        prop_assert!(r.is_empty());
        let mut r = Reader::new(wi.as_bytes(), e).with_origin(origin);
        plan.skip(&mut r, &DecodeOptions::spec()).unwrap();
        prop_assert!(r.is_empty());
    }

    #[test]
    fn transcode_to_the_other_order_and_back((tc, v) in arb_typecode_and_value(GenConfig::full()), e in either_encoding()) {
        let original = value_to_bytes(&tc, &v, e, &EncodeOptions::spec()).unwrap();
        let other = e.with_order(e.order.opposite());
        let mut w = Writer::new(other);
        transcode(&mut Reader::new(&original, e), &mut w, &tc, &DecodeOptions::spec(), &EncodeOptions::spec()).unwrap();
        let swapped = w.into_inner();
        // The other order's bytes are what encoding in that order gives.
        prop_assert_eq!(&swapped, &value_to_bytes(&tc, &v, other, &EncodeOptions::spec()).unwrap());
        let mut w = Writer::new(e);
        transcode(&mut Reader::new(&swapped, other), &mut w, &tc, &DecodeOptions::spec(), &EncodeOptions::spec()).unwrap();
        prop_assert_eq!(w.into_inner(), original);
    }

    #[test]
    fn transcode_any_round_trip(a in arb_any(GenConfig::full()), e in either_encoding()) {
        let original = any_to_bytes(&a, e, &EncodeOptions::spec()).unwrap();
        let other = e.with_order(e.order.opposite());
        let mut w = Writer::new(other);
        transcode_any(&mut Reader::new(&original, e), &mut w, &DecodeOptions::spec(), &EncodeOptions::spec()).unwrap();
        let swapped = w.into_inner();
        let mut w = Writer::new(e);
        transcode_any(&mut Reader::new(&swapped, other), &mut w, &DecodeOptions::spec(), &EncodeOptions::spec()).unwrap();
        prop_assert_eq!(w.into_inner(), original);
    }

    #[test]
    fn corrupted_input_never_panics(a in arb_any(GenConfig::full()), flips in proptest::collection::vec((any::<usize>(), any::<u8>()), 1..4), cut in any::<usize>()) {
        let e = Encoding::new(ByteOrder::BigEndian, GiopVersion::V1_2);
        let mut b = any_to_bytes(&a, e, &EncodeOptions::spec()).unwrap();
        for (i, x) in flips {
            let n = b.len();
            b[i % n] ^= x | 1;
        }
        let b = &b[..b.len() - cut % (b.len().min(8) + 1)];
        let _ = any_from_bytes(b, e, &DecodeOptions::spec());
        let _ = typecode_from_bytes(b, e, &DecodeOptions::spec());
        let _ = transcode_any(&mut Reader::new(b, e), &mut Writer::new(e), &DecodeOptions::spec(), &EncodeOptions::spec());
        if let Ok(p) = Plan::compile(&a.tc) {
            let _ = p.decode_any(&mut Reader::new(b, e), &DecodeOptions::spec());
            let _ = p.decode(&mut Reader::new(b, e), &DecodeOptions::spec());
        }
    }
}

fn any_encoding() -> impl Strategy<Value = Encoding> {
    use corba_cdr::{CharCodeSet, Utf16Style};
    (either_encoding(), any::<bool>(), 0u8..3).prop_map(|(e, utf8, style)| {
        e.with_char_code_set(if utf8 {
            CharCodeSet::Utf8
        } else {
            CharCodeSet::Iso8859_1
        })
        .with_utf16(
            [
                Utf16Style::Spec,
                Utf16Style::OmniOrb,
                Utf16Style::StreamOrder,
            ][style as usize],
        )
    })
}

proptest! {
    #[test]
    fn code_sets_and_utf16_styles(a in arb_any(GenConfig { ascii_strings: true, ..GenConfig::full() }), e in any_encoding()) {
        let b = any_to_bytes(&a, e, &EncodeOptions::omniorb()).unwrap();
        prop_assert_eq!(&any_from_bytes(&b, e, &DecodeOptions::omniorb()).unwrap(), &a);
        let plan = Plan::compile_with(&a.tc, TcWriteOptions::omniorb()).unwrap();
        let mut w = Writer::new(e);
        plan.encode_any(&mut w, &a.value, &EncodeOptions::omniorb()).unwrap();
        prop_assert_eq!(w.as_bytes(), &b[..]);
        let mut r = Reader::new(&b, e);
        prop_assert_eq!(plan.decode_any(&mut r, &DecodeOptions::omniorb()).unwrap(), a);
    }
}
