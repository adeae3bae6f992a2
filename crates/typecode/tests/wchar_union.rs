//! Unions with a `wchar` discriminator compile to ordinary plan union
//! nodes: the same bytes and values as the oracle in GIOP 1.1 (two
//! octets) and 1.2 (a length octet and the unit, §9.3.1.6), through the
//! encoder, the tape decoder and the transcoder, and GIOP 1.0 (no wide
//! characters) refused the same way with the discriminator in the path.

use corba_cdr::{ByteOrder, Encoding, GiopVersion, Reader, Writer};
use corba_typecode::*;

fn wchar_union() -> TypeCode {
    TypeCode::union(
        "IDL:test/WU:1.0",
        "WU",
        &TypeCode::basic(TCKind::WCHAR),
        2,
        &[
            (i128::from(b'a'), "a", TypeCode::basic(TCKind::LONG)),
            (0x263a, "smile", TypeCode::string()),
            (0, "other", TypeCode::basic(TCKind::OCTET)),
        ],
    )
}

fn value(d: u16, m: Value) -> Value {
    Value::Union {
        discriminator: Box::new(Value::WChar(d)),
        member: Some(Box::new(m)),
    }
}

#[test]
fn plan_matches_the_oracle_in_giop_1_1_and_1_2() {
    let tc = wchar_union();
    let plan = Plan::compile(&tc).unwrap();
    let cases = [
        value(u16::from(b'a'), Value::Long(-7)),
        value(0x263a, Value::String("hi".into())),
        value(u16::from(b'z'), Value::Octet(9)),
    ];
    for giop in [GiopVersion::V1_1, GiopVersion::V1_2] {
        for order in [ByteOrder::BigEndian, ByteOrder::LittleEndian] {
            let e = Encoding::new(order, giop);
            for v in &cases {
                let want = oracle::value_to_bytes(&tc, v, e, &EncodeOptions::spec()).unwrap();
                let mut w = Writer::new(e);
                plan.encode(&mut w, v, &EncodeOptions::spec()).unwrap();
                assert_eq!(w.into_inner(), want, "{giop:?} {order:?}");
                let mut r = Reader::new(&want, e);
                assert_eq!(&plan.decode(&mut r, &DecodeOptions::spec()).unwrap(), v);
                assert!(r.is_empty());
                let other = Encoding::new(order.opposite(), giop);
                let mut r = Reader::new(&want, e);
                let mut w = Writer::new(other);
                plan.transcode(
                    &mut r,
                    &mut w,
                    &DecodeOptions::spec(),
                    &EncodeOptions::spec(),
                )
                .unwrap();
                let back =
                    oracle::value_from_bytes(&w.into_inner(), &tc, other, &DecodeOptions::spec());
                assert_eq!(&back.unwrap(), v);
            }
        }
    }
}

#[test]
fn giop_1_0_refuses_the_discriminator_as_the_oracle_does() {
    let tc = wchar_union();
    let plan = Plan::compile(&tc).unwrap();
    let e = Encoding::new(ByteOrder::BigEndian, GiopVersion::V1_0);
    let v = value(u16::from(b'a'), Value::Long(1));
    let want = oracle::value_to_bytes(&tc, &v, e, &EncodeOptions::spec()).unwrap_err();
    let mut w = Writer::new(e);
    let got = plan.encode(&mut w, &v, &EncodeOptions::spec()).unwrap_err();
    assert_eq!(got.kind, want.kind);
    assert_eq!(got.path_string(), want.path_string());
    assert!(got.path_string().contains("_d"), "{}", got.path_string());
}
