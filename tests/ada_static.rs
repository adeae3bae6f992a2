//! The Ada backend's compiled (stub-style) marshalling of the corpus types
//! (corpus/idl/bench.idl) against corba-typecode's TypeCode-driven bytes
//! for the same type, in both byte orders and every GIOP version (issue 6):
//! equal bytes, and each side decodes the other's bytes to the value. The
//! Ada records are built from a walk over the Rust value. Cases per
//! property: `PROPTEST_CASES` (CI sets 1000).

mod common;

use bench_ops::{decode_once, encode_once, Backend, Case, Params, Subject};
use common::{giop, order_of};
use corba_cdr::{ByteOrder, Encoding, GiopVersion};
use corba_typecode::gen::Rng;
use corba_typecode::{
    corpus, value_from_bytes, value_to_bytes, DecodeOptions, EncodeOptions, TypeCode, Value,
};
use legacy_ada::AdaBackend;
use proptest::prelude::*;

fn check(
    name: &str,
    tc: &TypeCode,
    value: Value,
    order: ByteOrder,
    g: GiopVersion,
) -> Result<(), TestCaseError> {
    let type_id = corpus::repo_id(name);
    let c = Case {
        subject: Subject::Static {
            type_id: type_id.clone(),
            value: value.clone(),
        },
        params: Params::new(order, g),
    };
    let enc = Encoding::new(order, g);
    let rust = value_to_bytes(tc, &value, enc, &EncodeOptions::spec())
        .map_err(|e| TestCaseError::fail(format!("rust encode: {e}")))?;
    let ada = AdaBackend::new();
    let got = encode_once(&ada, &c)
        .map_err(|e| TestCaseError::fail(format!("ada encode {name}: {e}")))?;
    prop_assert_eq!(&got, &rust, "{} bytes differ", name);
    let back = value_from_bytes(&got, tc, enc, &DecodeOptions::spec())
        .map_err(|e| TestCaseError::fail(format!("rust decode of Ada's bytes: {e}")))?;
    prop_assert_eq!(&back, &value);
    let ada_back = decode_once(&ada, &c, &rust)
        .map_err(|e| TestCaseError::fail(format!("ada decode: {e}")))?;
    prop_assert_eq!(ada_back, c.subject);
    Ok(())
}

proptest! {
    #[test]
    fn records(seed: u64, index in 0u32..1000, le: bool, g in giop()) {
        let t = corpus::types();
        check("Record", &t.record, corpus::record(&mut Rng::new(seed), index), order_of(le), g)?;
    }

    #[test]
    fn record_seqs(seed: u64, n in 0usize..12, le: bool, g in giop()) {
        let t = corpus::types();
        check("RecordSeq", &t.record_seq, corpus::record_seq(n, seed), order_of(le), g)?;
    }

    #[test]
    fn node_trees(seed: u64, depth in 0u32..5, fanout in 0usize..4, le: bool, g in giop()) {
        let t = corpus::types();
        check("Node", &t.node, corpus::node_tree(depth, fanout, seed), order_of(le), g)?;
    }

    #[test]
    fn wide50s(seed: u64, le: bool, g in giop()) {
        let t = corpus::types();
        check("Wide50", &t.wide50, corpus::wide50(seed), order_of(le), g)?;
    }

    #[test]
    fn small_types(seed: u64, le: bool, g in giop()) {
        let t = corpus::types();
        let mut rng = Rng::new(seed);
        check("Point", &t.point, corpus::point(&mut rng), order_of(le), g)?;
        check("Shape", &t.shape, corpus::shape(&mut rng), order_of(le), g)?;
        check("LineItem", &t.line_item, corpus::line_item(&mut rng), order_of(le), g)?;
        check("Color", &t.color, Value::Enum((seed % 5) as u32), order_of(le), g)?;
    }
}

/// Every Shape member, the default member included.
#[test]
fn every_shape_member() {
    let t = corpus::types();
    let p = Value::Struct(vec![Value::Double(1.5), Value::Double(-2.0)]);
    let cases = [
        (1, Value::Double(3.25)),
        (2, p),
        (3, Value::String("three".into())),
        (4, Value::String("four".into())),
        (-7, Value::Long(99)),
    ];
    for (d, m) in cases {
        let v = Value::Union {
            discriminator: Box::new(Value::Long(d)),
            member: Some(Box::new(m)),
        };
        for order in [ByteOrder::BigEndian, ByteOrder::LittleEndian] {
            check("Shape", &t.shape, v.clone(), order, GiopVersion::V1_2).unwrap();
        }
    }
}

/// Unknown type ids are unsupported; malformed bytes are error statuses.
#[test]
fn bad_static_input_is_rejected_with_a_status() {
    let ada = AdaBackend::new();
    let c = |name: &str| Case {
        subject: Subject::Static {
            type_id: corpus::repo_id(name),
            value: Value::Nothing,
        },
        params: Params::new(ByteOrder::BigEndian, GiopVersion::V1_2),
    };
    assert!(matches!(
        ada.decoder(&c("NoSuchType"))
            .and_then(|mut d| d.decode(&[0; 8])),
        Err(bench_ops::BackendError::Unsupported { .. })
    ));
    // A Color out of range, a huge RecordSeq count, a Node tree whose child
    // count is larger than the bytes left, truncation.
    assert!(decode_once(&ada, &c("Color"), &[0, 0, 0, 5]).is_err());
    assert!(decode_once(&ada, &c("RecordSeq"), &[0x7f, 0xff, 0xff, 0xff, 0, 0, 0, 0]).is_err());
    assert!(decode_once(
        &ada,
        &c("Node"),
        &[0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0x10, 0, 0, 0]
    )
    .is_err());
    let t = corpus::types();
    let v = corpus::record(&mut Rng::new(5), 1);
    let full = value_to_bytes(
        &t.record,
        &v,
        Encoding::new(ByteOrder::BigEndian, GiopVersion::V1_2),
        &EncodeOptions::spec(),
    )
    .unwrap();
    for n in 0..full.len() {
        assert!(
            decode_once(&ada, &c("Record"), &full[..n]).is_err(),
            "prefix {n} accepted"
        );
    }
    // A deep Node chain beyond the depth budget.
    let mut deep = Vec::new();
    for _ in 0..100 {
        deep.extend([0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]);
    }
    deep.extend([0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    assert!(decode_once(&ada, &c("Node"), &deep).is_err());
}
