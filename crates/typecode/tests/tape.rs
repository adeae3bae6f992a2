//! `Plan::decode_tape`: the tape gives back exactly the value decoding
//! gives, at any alignment and in any code set, refuses bad input with the
//! same error as decoding, and its views read members without a value tree.

use corba_cdr::{ByteOrder, CharCodeSet, Encoding, GiopVersion, Reader, Writer};
use corba_typecode::arbitrary::{arb_any, arb_typecode_and_value, GenConfig};
use corba_typecode::corpus::{self, types};
use corba_typecode::*;
use proptest::prelude::*;

fn either_encoding() -> impl Strategy<Value = Encoding> {
    (any::<bool>(), 0u8..3, any::<bool>()).prop_map(|(be, minor, utf8)| {
        let order = if be {
            ByteOrder::BigEndian
        } else {
            ByteOrder::LittleEndian
        };
        let giop = [GiopVersion::V1_0, GiopVersion::V1_1, GiopVersion::V1_2][minor as usize];
        Encoding::new(order, giop).with_char_code_set(if utf8 {
            CharCodeSet::Utf8
        } else {
            CharCodeSet::Iso8859_1
        })
    })
}

proptest! {
    #[test]
    fn tape_value_is_the_decoded_value((tc, v) in arb_typecode_and_value(GenConfig::full()), e in either_encoding(), origin in 0usize..8) {
        let mut w = Writer::new(e).with_origin(origin);
        if encode_value(&mut w, &tc, &v, &EncodeOptions::spec()).is_err() {
            return Ok(()); // e.g. wide characters in GIOP 1.0
        }
        let bytes = w.into_inner();
        let plan = Plan::compile(&tc).unwrap();
        let mut tape = Tape::new();
        let mut r = Reader::new(&bytes, e).with_origin(origin);
        plan.decode_tape(&mut r, &DecodeOptions::spec(), &mut tape).unwrap();
        prop_assert!(r.is_empty());
        let got = tape.view(&bytes).unwrap().to_value().unwrap();
        prop_assert_eq!(&got, &v);
    }

    #[test]
    fn tape_refuses_what_decoding_refuses(a in arb_any(GenConfig::full()), flips in proptest::collection::vec((any::<usize>(), any::<u8>()), 1..4), cut in any::<usize>()) {
        let e = Encoding::new(ByteOrder::BigEndian, GiopVersion::V1_2);
        let mut b = any_to_bytes(&a, e, &EncodeOptions::spec()).unwrap();
        for (i, x) in flips {
            let n = b.len();
            b[i % n] ^= x | 1;
        }
        let b = &b[..b.len() - cut % (b.len().min(8) + 1)];
        if let Ok(p) = Plan::compile(&a.tc) {
            let mut tape = Tape::new();
            let mut rt = Reader::new(b, e);
            let t = p.decode_any_tape(&mut rt, &DecodeOptions::spec(), &mut tape);
            // The reference: the oracle (the plan's own `decode` is
            // built on the tape). Its errors may name another member of a
            // run of scalars, so only acceptance and values are compared.
            let mut rd = Reader::new(b, e);
            let d = oracle::decode_any(&mut rd, &DecodeOptions::spec());
            match (t, d) {
                (Ok(()), Ok(any)) => {
                    let tc = tape.foreign_typecode().unwrap_or(p.typecode());
                    prop_assert!(equal(tc, &any.tc));
                    prop_assert_eq!(tape.view(b).unwrap().to_value().unwrap(), any.value);
                    prop_assert_eq!(rt.position(), rd.position());
                }
                (Err(_), Err(_)) => {}
                (t, d) => prop_assert!(false, "tape {:?}, decode {:?}", t, d.map(|_| ())),
            }
        }
    }
}

#[test]
fn views_read_records_without_a_value_tree() {
    let t = types();
    let v = corpus::record_seq(20, 7);
    let enc = Encoding::new(ByteOrder::BigEndian, GiopVersion::V1_2);
    let any = Any {
        tc: t.record_seq.clone(),
        value: v.clone(),
    };
    let bytes = any_to_bytes(&any, enc, &EncodeOptions::spec()).unwrap();
    let plan = Plan::compile(&t.record_seq).unwrap();
    let mut tape = Tape::new();
    let mut r = Reader::new(&bytes, enc);
    plan.decode_any_tape(&mut r, &DecodeOptions::spec(), &mut tape)
        .unwrap();
    assert!(tape.foreign_typecode().is_none(), "the plan's own TypeCode");
    let view = tape.view(&bytes).unwrap();
    let Value::Seq(records) = &v else {
        panic!("record_seq is a sequence of structs")
    };
    assert_eq!(view.kind(), ViewKind::Sequence);
    assert_eq!(view.len(), records.len());
    for (i, rec) in records.iter().enumerate() {
        let Value::Struct(m) = rec else { panic!() };
        let rv = view.member(i).unwrap();
        assert_eq!(rv.kind(), ViewKind::Struct);
        // id, name, hue, ..., timestamp
        let Value::Long(id) = m[0] else { panic!() };
        assert_eq!(rv.member(0).unwrap().as_integer(), Some(i128::from(id)));
        let Value::String(name) = &m[1] else { panic!() };
        assert_eq!(rv.member(1).unwrap().as_str().unwrap(), name.as_str());
        let Value::LongLong(ts) = m[8] else { panic!() };
        assert_eq!(rv.member(8).unwrap().as_integer(), Some(i128::from(ts)));
        assert_eq!(rv.member(4).unwrap().kind(), ViewKind::Union);
        assert_eq!(rv.member(6).unwrap().kind(), ViewKind::Primitives);
        assert_eq!(rv.member(9).map(|_| ()), None, "nine members");
        assert_eq!(rv.to_value().unwrap(), *rec);
    }
    assert_eq!(view.members().count(), records.len());
    // Another input length is refused instead of misread.
    assert!(tape.view(&bytes[1..]).is_none());
}

#[test]
fn a_reused_tape_does_not_keep_old_cells() {
    let t = types();
    let plan = Plan::compile(&t.record_seq).unwrap();
    let enc = Encoding::new(ByteOrder::LittleEndian, GiopVersion::V1_2);
    let mut tape = Tape::new();
    for n in [30, 3, 0, 12] {
        let v = corpus::record_seq(n, n as u64);
        let bytes = value_to_bytes(&t.record_seq, &v, enc, &EncodeOptions::spec()).unwrap();
        let mut r = Reader::new(&bytes, enc);
        plan.decode_tape(&mut r, &DecodeOptions::spec(), &mut tape)
            .unwrap();
        assert_eq!(tape.view(&bytes).unwrap().to_value().unwrap(), v);
    }
}

#[test]
fn latin1_strings_are_converted_and_utf8_borrowed() {
    let tc = TypeCode::new(TypeDesc::String { bound: 0 });
    let latin1 = Encoding::new(ByteOrder::LittleEndian, GiopVersion::V1_2);
    let bytes = value_to_bytes(
        &tc,
        &Value::String("déjà".into()),
        latin1,
        &EncodeOptions::spec(),
    )
    .unwrap();
    let plan = Plan::compile(&tc).unwrap();
    let mut tape = Tape::new();
    plan.decode_tape(
        &mut Reader::new(&bytes, latin1),
        &DecodeOptions::spec(),
        &mut tape,
    )
    .unwrap();
    let v = tape.view(&bytes).unwrap();
    assert_eq!(v.string_octets().unwrap(), b"d\xe9j\xe0");
    assert!(matches!(v.as_str().unwrap(), std::borrow::Cow::Owned(s) if s == "déjà"));
    let utf8 = latin1.with_char_code_set(CharCodeSet::Utf8);
    let bytes = value_to_bytes(
        &tc,
        &Value::String("déjà".into()),
        utf8,
        &EncodeOptions::spec(),
    )
    .unwrap();
    plan.decode_tape(
        &mut Reader::new(&bytes, utf8),
        &DecodeOptions::spec(),
        &mut tape,
    )
    .unwrap();
    let v = tape.view(&bytes).unwrap();
    assert!(matches!(
        v.as_str().unwrap(),
        std::borrow::Cow::Borrowed("déjà")
    ));
}
