//! `Plan::decode_any_raw`: the value kept as checked octets decodes to
//! exactly what decoding the stream gives, at any alignment, and bad input
//! is refused as decoding refuses it.

use corba_cdr::{ByteOrder, Encoding, GiopVersion, Reader, Writer};
use corba_typecode::corpus::{self, types};
use corba_typecode::*;

fn cases() -> Vec<(TypeCode, Value)> {
    let t = types();
    vec![
        (t.record_seq.clone(), corpus::record_seq(50, 3)),
        (t.node.clone(), corpus::node_tree(3, 3, 5)),
        (t.wide50.clone(), corpus::wide50(9)),
    ]
}

#[test]
fn raw_any_decodes_like_the_stream_at_every_alignment() {
    let ro = DecodeOptions::omniorb();
    let eo = EncodeOptions::omniorb();
    for order in [ByteOrder::LittleEndian, ByteOrder::BigEndian] {
        let enc = Encoding::new(order, GiopVersion::V1_2);
        for (tc, v) in cases() {
            let any = Any {
                tc: tc.clone(),
                value: v,
            };
            let own = Plan::compile_with(&tc, eo.typecode).unwrap();
            let other = Plan::compile_with(&tc, TcWriteOptions::spec()).unwrap();
            for lead in 0..8usize {
                // `lead` octets, then the any, then a trailing octet.
                let mut w = Writer::new(enc);
                for _ in 0..lead {
                    w.write_octet(0xee);
                }
                encode_any(&mut w, &any, &eo).unwrap();
                w.write_octet(0x55);
                let bytes = w.into_inner();
                for plan in [&own, &other] {
                    let mut r = Reader::new(&bytes, enc);
                    r.take(lead).unwrap();
                    let raw = plan.decode_any_raw(&mut r, &ro).unwrap();
                    assert_eq!(r.read_octet().unwrap(), 0x55, "reader after the value");
                    assert!(equal(&raw.tc, &tc) || equivalent(&raw.tc, &tc));
                    assert_eq!(raw.to_any(&ro).unwrap().value, any.value);
                    assert_eq!(raw.decode_with(&own, &ro).unwrap(), any.value);
                    assert_eq!(raw.encoding(), enc);
                }
            }
        }
    }
}

#[test]
fn raw_any_refuses_what_decoding_refuses() {
    let ro = DecodeOptions::omniorb();
    let eo = EncodeOptions::omniorb();
    let enc = Encoding::new(ByteOrder::LittleEndian, GiopVersion::V1_2);
    let (tc, v) = cases().remove(0);
    let bytes = any_to_bytes(
        &Any {
            tc: tc.clone(),
            value: v,
        },
        enc,
        &eo,
    )
    .unwrap();
    let plan = Plan::compile_with(&tc, eo.typecode).unwrap();
    // Every truncation fails (typed error, no panic), as decode_any does.
    for cut in [bytes.len() - 1, bytes.len() / 2, 40, 7] {
        let b = &bytes[..cut];
        let raw = plan.decode_any_raw(&mut Reader::new(b, enc), &ro);
        let dec = plan.decode_any(&mut Reader::new(b, enc), &ro);
        assert!(raw.is_err() && dec.is_err(), "cut {cut}");
    }
    // A zero-size value bomb: the same budget.
    let mut t = TypeCode::basic(TCKind::VOID);
    for k in 0..7 {
        t = TypeCode::new(TypeDesc::Struct {
            kind: TCKind::STRUCT,
            id: format!("IDL:R{k}:1.0"),
            name: format!("R{k}"),
            members: (0..10)
                .map(|i| StructMember {
                    name: format!("m{i}").into(),
                    tc: t.clone(),
                })
                .collect(),
        });
    }
    let b = typecode_to_bytes(&t, enc, &TcWriteOptions::omniorb()).unwrap();
    let e = plan
        .decode_any_raw(&mut Reader::new(&b, enc), &ro)
        .unwrap_err();
    assert!(
        matches!(e.kind, TcErrorKind::EmptyValueBudget { .. }),
        "{e}"
    );
}
