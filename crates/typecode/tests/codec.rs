//! TypeCode and value codec: corpus round trips and exact wire layouts.

use corba_cdr::{ByteOrder, Encoding, GiopVersion, Reader};
use corba_typecode::corpus::{self, types};
use corba_typecode::*;

fn enc(order: ByteOrder, giop: GiopVersion) -> Encoding {
    Encoding::new(order, giop)
}

const ORDERS: [ByteOrder; 2] = [ByteOrder::BigEndian, ByteOrder::LittleEndian];

#[test]
fn corpus_typecodes_round_trip_in_both_orders_and_styles() {
    for (name, tc) in types().all() {
        for order in ORDERS {
            for (wo, ro) in [
                (TcWriteOptions::spec(), DecodeOptions::spec()),
                (TcWriteOptions::omniorb(), DecodeOptions::omniorb()),
            ] {
                let e = enc(order, GiopVersion::V1_2);
                let bytes = typecode_to_bytes(tc, e, &wo).unwrap();
                let back = typecode_from_bytes(&bytes, e, &ro)
                    .unwrap_or_else(|err| panic!("{name}: {err}"));
                assert!(equal(&back, tc), "{name} {order:?} {wo:?}");
                assert_eq!(&back, tc);
                // Re-encoding what was decoded gives the same bytes.
                assert_eq!(typecode_to_bytes(&back, e, &wo).unwrap(), bytes, "{name}");
            }
        }
    }
}

#[test]
fn recursive_node_is_written_with_an_indirection_to_its_start() {
    let e = enc(ByteOrder::BigEndian, GiopVersion::V1_2);
    let bytes = typecode_to_bytes(&types().node, e, &TcWriteOptions::spec()).unwrap();
    assert_eq!(&bytes[0..4], &[0, 0, 0, 15]); // tk_struct
                                              // The only 0xffffffff long is the indirection; its offset points back to 0.
    let at = (0..bytes.len() - 8)
        .step_by(4)
        .find(|&i| bytes[i..i + 4] == [0xff; 4])
        .expect("an indirection");
    let off = i32::from_be_bytes(bytes[at + 4..at + 8].try_into().unwrap());
    assert_eq!(at as i64 + 4 + i64::from(off), 0);
    let back = typecode_from_bytes(&bytes, e, &DecodeOptions::spec()).unwrap();
    let TypeDesc::Struct { members, .. } = back.desc() else {
        panic!()
    };
    let TypeDesc::Alias { content, .. } = members[2].tc.desc() else {
        panic!()
    };
    let TypeDesc::Sequence { element, .. } = content.desc() else {
        panic!()
    };
    assert_eq!(
        element.desc(),
        &TypeDesc::Recursive {
            id: corpus::repo_id("Node")
        }
    );
}

#[test]
fn repeated_typecodes_become_indirections_and_decode_to_one_arc() {
    let t = types();
    let pair = TypeCode::new(TypeDesc::Struct {
        kind: TCKind::STRUCT,
        id: "IDL:Pair:1.0".into(),
        name: "Pair".into(),
        members: vec![
            StructMember {
                name: "a".into(),
                tc: t.point.clone(),
            },
            StructMember {
                name: "b".into(),
                tc: t.point.clone(),
            },
        ],
    });
    let e = enc(ByteOrder::LittleEndian, GiopVersion::V1_2);
    let spec = typecode_to_bytes(&pair, e, &TcWriteOptions::spec()).unwrap();
    let omni = typecode_to_bytes(&pair, e, &TcWriteOptions::omniorb()).unwrap();
    assert!(omni.len() < spec.len(), "{} vs {}", omni.len(), spec.len());
    let back = typecode_from_bytes(&omni, e, &DecodeOptions::omniorb()).unwrap();
    let TypeDesc::Struct { members, .. } = back.desc() else {
        panic!()
    };
    assert!(std::sync::Arc::ptr_eq(&members[0].tc.0, &members[1].tc.0));
    assert_eq!(back, pair);
}

#[test]
fn encapsulations_follow_the_requested_order() {
    let e = enc(ByteOrder::BigEndian, GiopVersion::V1_2);
    let mut o = TcWriteOptions::spec();
    o.encapsulation_order = EncapsulationOrder::Fixed(ByteOrder::LittleEndian);
    let b = typecode_to_bytes(&types().point, e, &o).unwrap();
    assert_eq!(&b[0..4], &[0, 0, 0, 15]);
    assert_eq!(b[8], 1, "little-endian encapsulation flag");
    let back = typecode_from_bytes(&b, e, &DecodeOptions::spec()).unwrap();
    assert_eq!(back, types().point);
}

#[test]
fn simple_typecodes_have_exact_bytes() {
    let e = enc(ByteOrder::BigEndian, GiopVersion::V1_2);
    let s = TypeCode::new(TypeDesc::String { bound: 7 });
    assert_eq!(
        typecode_to_bytes(&s, e, &TcWriteOptions::spec()).unwrap(),
        [0, 0, 0, 18, 0, 0, 0, 7]
    );
    let f = TypeCode::new(TypeDesc::Fixed {
        digits: 5,
        scale: 2,
    });
    assert_eq!(
        typecode_to_bytes(&f, e, &TcWriteOptions::spec()).unwrap(),
        [0, 0, 0, 28, 0, 5, 0, 2]
    );
    let l = TypeCode::basic(TCKind::LONG);
    assert_eq!(
        typecode_to_bytes(&l, e, &TcWriteOptions::spec()).unwrap(),
        [0, 0, 0, 3]
    );
}

#[test]
fn default_label_styles_differ_only_in_the_default_member() {
    let e = enc(ByteOrder::BigEndian, GiopVersion::V1_2);
    let spec = typecode_to_bytes(&types().shape, e, &TcWriteOptions::spec()).unwrap();
    let mut o = TcWriteOptions::spec();
    o.default_label = DefaultLabel::ZeroOfDiscriminator;
    let omni = typecode_to_bytes(&types().shape, e, &o).unwrap();
    let back = typecode_from_bytes(&omni, e, &DecodeOptions::omniorb()).unwrap();
    assert_eq!(back, types().shape);
    let back = typecode_from_bytes(&spec, e, &DecodeOptions::spec()).unwrap();
    assert_eq!(back, types().shape);
}

#[test]
fn record_seq_any_round_trips_in_every_order_and_version() {
    let t = types();
    let a = Any {
        tc: t.record_seq.clone(),
        value: corpus::record_seq(50, 7),
    };
    for order in ORDERS {
        for giop in GiopVersion::ALL {
            let e = enc(order, giop);
            let bytes = any_to_bytes(&a, e, &EncodeOptions::spec()).unwrap();
            let back = any_from_bytes(&bytes, e, &DecodeOptions::spec()).unwrap();
            assert_eq!(back, a);
        }
    }
}

#[test]
fn node_tree_and_wide50_round_trip() {
    let t = types();
    for (tc, v) in [
        (&t.node, corpus::node_tree(4, 3, 1)),
        (&t.wide50, corpus::wide50(3)),
    ] {
        for order in ORDERS {
            let e = enc(order, GiopVersion::V1_2);
            let b = value_to_bytes(tc, &v, e, &EncodeOptions::spec()).unwrap();
            assert_eq!(
                value_from_bytes(&b, tc, e, &DecodeOptions::spec()).unwrap(),
                v
            );
        }
    }
}

#[test]
fn long_value_has_exact_bytes_in_both_orders() {
    let tc = TypeCode::basic(TCKind::LONG);
    let v = Value::Long(0x0102_0304);
    let be = value_to_bytes(
        &tc,
        &v,
        enc(ByteOrder::BigEndian, GiopVersion::V1_2),
        &EncodeOptions::spec(),
    )
    .unwrap();
    let le = value_to_bytes(
        &tc,
        &v,
        enc(ByteOrder::LittleEndian, GiopVersion::V1_2),
        &EncodeOptions::spec(),
    )
    .unwrap();
    assert_eq!(be, [1, 2, 3, 4]);
    assert_eq!(le, [4, 3, 2, 1]);
}

#[test]
fn nonconforming_value_reports_the_member_path() {
    let t = types();
    let mut v = corpus::record_seq(5, 1);
    // records[3].items[0].price := a string
    if let Value::Seq(rs) = &mut v {
        if let Value::Struct(ms) = &mut rs[3] {
            ms[5] = Value::Seq(vec![Value::Struct(vec![
                Value::String("x".into()),
                Value::Long(1),
                Value::String("oops".into()),
            ])]);
        }
    }
    let err = value_to_bytes(
        &t.record_seq,
        &v,
        enc(ByteOrder::BigEndian, GiopVersion::V1_2),
        &EncodeOptions::spec(),
    )
    .unwrap_err();
    assert_eq!(err.path_string(), "RecordSeq[3].items[0].price");
    assert!(
        matches!(
            err.kind,
            TcErrorKind::Mismatch {
                expected: "tk_double",
                found: "string"
            }
        ),
        "{err}"
    );
}

#[test]
fn decode_error_reports_the_member_path() {
    let t = types();
    let v = corpus::record_seq(3, 2);
    let e = enc(ByteOrder::BigEndian, GiopVersion::V1_2);
    let b = value_to_bytes(&t.record_seq, &v, e, &EncodeOptions::spec()).unwrap();
    // Truncate inside the last record.
    let err =
        value_from_bytes(&b[..b.len() - 3], &t.record_seq, e, &DecodeOptions::spec()).unwrap_err();
    assert!(
        err.path_string().starts_with("RecordSeq[2]."),
        "{}",
        err.path_string()
    );
    let _ = Reader::new(&b, e);
}

#[test]
fn exception_repository_id_is_optional_in_anys() {
    let x = TypeCode::new(TypeDesc::Struct {
        kind: TCKind::EXCEPT,
        id: "IDL:Oops:1.0".into(),
        name: "Oops".into(),
        members: vec![StructMember {
            name: "code".into(),
            tc: TypeCode::basic(TCKind::LONG),
        }],
    });
    let a = Any::new(x.clone(), Value::Struct(vec![Value::Long(7)]));
    let e = enc(ByteOrder::BigEndian, GiopVersion::V1_2);
    let spec = any_to_bytes(&a, e, &EncodeOptions::spec()).unwrap();
    let omni = any_to_bytes(
        &a,
        e,
        &EncodeOptions {
            typecode: TcWriteOptions::spec(),
            ..EncodeOptions::omniorb()
        },
    )
    .unwrap();
    // The same TypeCode; the value is 4 + 13 octets (id) + 3 padding + 4 longer in the spec's form.
    assert_eq!(&spec[spec.len() - 4..], &[0, 0, 0, 7]);
    assert_eq!(&omni[omni.len() - 4..], &[0, 0, 0, 7]);
    assert_eq!(spec.len() - omni.len(), 20);
    assert_eq!(any_from_bytes(&spec, e, &DecodeOptions::spec()).unwrap(), a);
    assert_eq!(
        any_from_bytes(&omni, e, &DecodeOptions::omniorb()).unwrap(),
        a
    );
    let plan = Plan::compile(&x).unwrap();
    let mut r = Reader::new(&omni, e);
    assert_eq!(
        plan.decode_any(&mut r, &DecodeOptions::omniorb()).unwrap(),
        a
    );
    // Transcoding converts between the two forms.
    let mut w = corba_cdr::Writer::new(e);
    transcode_any(
        &mut Reader::new(&spec, e),
        &mut w,
        &DecodeOptions::spec(),
        &EncodeOptions {
            typecode: TcWriteOptions::spec(),
            ..EncodeOptions::omniorb()
        },
    )
    .unwrap();
    assert_eq!(w.as_bytes(), &omni[..]);
}
