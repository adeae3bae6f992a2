//! The generated code against the TypeCode-driven path: same TypeCodes as
//! the corpus ones, and the same bytes as the oracle TypeCode walker for
//! the same values, in both byte orders and every GIOP version (proptest);
//! decoding gives the values back; bad input is an error, not a panic.

use bench_types::{Bench, IdlType};
use corba_cdr::{ByteOrder, Encoding, GiopVersion};
// The reference is the oracle TypeCode walker (feature `oracle`).
use corba_typecode::oracle::{value_from_bytes, value_to_bytes};
use corba_typecode::{corpus, gen::Rng, DecodeOptions, EncodeOptions, TypeCode, Value};
use proptest::prelude::*;

fn encodings() -> impl Strategy<Value = Encoding> {
    (any::<bool>(), 0usize..3).prop_map(|(le, v)| {
        let order = if le {
            ByteOrder::LittleEndian
        } else {
            ByteOrder::BigEndian
        };
        Encoding::new(order, GiopVersion::ALL[v])
    })
}

#[test]
fn generated_typecodes_equal_the_hand_built_corpus_typecodes() {
    let hand = corpus::types();
    let all = hand.all();
    assert_eq!(all.len(), bench_types::TYPE_NAMES.len());
    for (name, tc) in all {
        let scoped = format!("Bench::{name}");
        assert!(
            bench_types::TYPE_NAMES.contains(&scoped.as_str()),
            "{scoped}"
        );
        assert_eq!(
            bench_types::type_code(&scoped).as_ref(),
            Some(tc),
            "{scoped}"
        );
    }
    assert_eq!(Bench::Record::type_code(), hand.record);
    assert_eq!(Bench::NodeSeq::type_code(), hand.node_seq);
}

#[test]
fn idl_loaded_typecodes_equal_the_hand_built_corpus_typecodes() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../corpus/idl/bench.idl");
    let repo = corba_idl::Repository::load(path, &corba_idl::Options::default()).unwrap();
    for (name, tc) in corpus::types().all() {
        assert_eq!(
            repo.type_code(&format!("::Bench::{name}")).as_ref(),
            Some(tc),
            "{name}"
        );
    }
}

/// Encodes `v` both ways and checks bytes, then decodes with both and
/// checks the values.
fn check(name: &str, tc: &TypeCode, v: &Value, enc: Encoding) -> Result<(), TestCaseError> {
    let oracle_bytes = value_to_bytes(tc, v, enc, &EncodeOptions::spec())
        .map_err(|e| TestCaseError::fail(e.to_string()))?;
    let compiled = bench_types::encode_value(name, v, enc)
        .expect("generated type")
        .map_err(|e| TestCaseError::fail(e.to_string()))?;
    prop_assert_eq!(&compiled, &oracle_bytes, "{} in {:?}", name, enc);
    let back = bench_types::decode_value(name, &compiled, enc)
        .expect("generated type")
        .map_err(|e| TestCaseError::fail(e.to_string()))?;
    prop_assert_eq!(&back, v);
    let oracle_back = value_from_bytes(&compiled, tc, enc, &DecodeOptions::spec())
        .map_err(|e| TestCaseError::fail(e.to_string()))?;
    prop_assert_eq!(&oracle_back, v);
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    #[test]
    fn compiled_bytes_equal_typecode_driven_bytes(seed in any::<u64>(), n in 0usize..12, enc in encodings()) {
        let t = corpus::types();
        let mut rng = Rng::new(seed);
        check("Bench::RecordSeq", &t.record_seq, &corpus::record_seq(n, seed), enc)?;
        check("Bench::Record", &t.record, &corpus::record(&mut rng, n as u32), enc)?;
        check("Bench::Shape", &t.shape, &corpus::shape(&mut rng), enc)?;
        check("Bench::Point", &t.point, &corpus::point(&mut rng), enc)?;
        check("Bench::LineItem", &t.line_item, &corpus::line_item(&mut rng), enc)?;
        check("Bench::Wide50", &t.wide50, &corpus::wide50(seed), enc)?;
        check("Bench::Node", &t.node, &corpus::node_tree((n % 4) as u32, n % 3 + 1, seed), enc)?;
        check("Bench::Color", &t.color, &Value::Enum((seed % 5) as u32), enc)?;
        let tags: Vec<i32> = (0..n).map(|i| (seed as i32).wrapping_mul(i as i32)).collect();
        check("Bench::LongSeq", &t.long_seq, &Value::Prim(corba_typecode::PrimSeq::Long(tags)), enc)?;
    }

    #[test]
    fn typed_round_trip_in_both_orders(seed in any::<u64>(), n in 0usize..8) {
        for order in [ByteOrder::BigEndian, ByteOrder::LittleEndian] {
            let enc = Encoding::new(order, GiopVersion::V1_2);
            let recs = Bench::RecordSeq::from_value(&corpus::record_seq(n, seed)).map_err(|e| TestCaseError::fail(e.to_string()))?;
            let bytes = recs.to_bytes(enc).map_err(|e| TestCaseError::fail(e.to_string()))?;
            prop_assert_eq!(Bench::RecordSeq::from_bytes(&bytes, enc).map_err(|e| TestCaseError::fail(e.to_string()))?, recs);
        }
    }
}

#[test]
fn typed_values_build_and_encode() {
    let rec = Bench::Record {
        id: 7,
        name: "seven".into(),
        hue: Bench::Color::CYAN,
        residence: Bench::Address {
            street: "1 Main St".into(),
            city: "Town".into(),
            zip: 12345,
        },
        outline: Bench::Shape::label(4, "tag".into()),
        items: Bench::LineItemSeq(vec![Bench::LineItem {
            sku: "A".into(),
            quantity: 2,
            price: 1.5,
        }]),
        tags: Bench::LongSeq(vec![1, 2, 3]),
        active: true,
        timestamp: -1,
    };
    let enc = Encoding::new(ByteOrder::LittleEndian, GiopVersion::V1_2);
    let bytes = rec.to_bytes(enc).unwrap();
    let oracle_bytes = value_to_bytes(
        &Bench::Record::type_code(),
        &rec.to_value(),
        enc,
        &EncodeOptions::spec(),
    )
    .unwrap();
    assert_eq!(bytes, oracle_bytes);
    assert_eq!(Bench::Record::from_bytes(&bytes, enc).unwrap(), rec);
    // A discriminator must select its member.
    assert!(Bench::Shape::label(5, "x".into()).to_bytes(enc).is_err());
    assert!(Bench::Shape::code(3, 1).to_bytes(enc).is_err());
    assert!(Bench::Shape::label(3, "x".into()).to_bytes(enc).is_ok());
    // The default member keeps its discriminator.
    let s = Bench::Shape::code(99, 5);
    let back = Bench::Shape::from_bytes(&s.to_bytes(enc).unwrap(), enc).unwrap();
    assert_eq!(back, s);
    assert_eq!(Bench::Color::from_u32(4), Some(Bench::Color::MAGENTA));
    assert_eq!(Bench::Color::from_u32(5), None);
    assert!(matches!(
        Bench::Wide50::zero(),
        Bench::Wide50 { m00: 0, .. }
    ));
}

#[test]
fn bad_input_is_an_error_not_a_panic() {
    let enc = Encoding::new(ByteOrder::BigEndian, GiopVersion::V1_2);
    let v = corpus::record_seq(5, 42);
    let bytes = bench_types::encode_value("Bench::RecordSeq", &v, enc)
        .unwrap()
        .unwrap();
    for cut in 0..bytes.len() {
        assert!(
            Bench::RecordSeq::from_bytes(&bytes[..cut], enc).is_err(),
            "cut at {cut}"
        );
    }
    // A huge count is refused before allocating.
    let huge = [0xFF, 0xFF, 0xFF, 0xF0, 0, 0, 0, 0];
    assert!(matches!(
        Bench::RecordSeq::from_bytes(&huge, enc),
        Err(bench_types::Error::Cdr(_))
    ));
    // An enum value with no enumerator.
    assert!(matches!(
        Bench::Color::from_bytes(&[0, 0, 0, 5], enc),
        Err(bench_types::Error::InvalidEnum {
            value: 5,
            offset: 0
        })
    ));
    // Nesting deeper than the budget: a chain of single-child nodes.
    let mut chain = Vec::new();
    for _ in 0..200 {
        chain.extend_from_slice(&[0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]);
    }
    assert!(matches!(
        Bench::Node::from_bytes(&chain, enc),
        Err(bench_types::Error::TooDeep { .. })
    ));
    // A value of the wrong shape names the member.
    let mut bad = corpus::record_seq(1, 1);
    if let Value::Seq(items) = &mut bad {
        if let Value::Struct(m) = &mut items[0] {
            m[3] = Value::Long(1);
        }
    }
    let err = bench_types::encode_value("Bench::RecordSeq", &bad, enc)
        .unwrap()
        .unwrap_err();
    assert!(err.to_string().starts_with("[0].residence:"), "{err}");
}
