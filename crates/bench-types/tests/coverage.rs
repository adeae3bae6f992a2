//! Generated code for `idl/coverage.idl` (every construct the generator
//! maps) against the TypeCode-driven marshaller: for seeded values of every
//! generated type, in both byte orders and every GIOP version, the compiled
//! encoder gives the oracle's bytes (or fails where it fails), and the
//! compiled decoder gives the oracle's value (the reference TypeCode walker).

use bench_types::coverage;
use corba_cdr::{ByteOrder, Encoding, GiopVersion};
use corba_typecode::gen::{self, GenConfig};
// The reference is the TypeCode walker kept as the oracle (feature `oracle`,
// this crate's dev-dependency), not the plans the generated code is raced against.
use corba_typecode::oracle::{value_from_bytes, value_to_bytes};
use corba_typecode::{DecodeOptions, EncodeOptions};
use proptest::prelude::*;

fn generated_names() -> Vec<&'static str> {
    let enc = Encoding::new(ByteOrder::BigEndian, GiopVersion::V1_2);
    coverage::TYPE_NAMES
        .iter()
        .copied()
        .filter(|n| coverage::decode_value(n, &[], enc).is_some())
        .collect()
}

/// One generated module's entry points.
struct Module {
    names: &'static [&'static str],
    type_code: fn(&str) -> Option<corba_typecode::TypeCode>,
    encode: EncodeFn,
    decode: DecodeFn,
}
type EncodeFn =
    fn(&str, &corba_typecode::Value, Encoding) -> Option<Result<Vec<u8>, bench_types::Error>>;
type DecodeFn =
    fn(&str, &[u8], Encoding) -> Option<Result<corba_typecode::Value, bench_types::Error>>;

fn modules() -> [Module; 2] {
    [
        Module {
            names: coverage::TYPE_NAMES,
            type_code: coverage::type_code,
            encode: coverage::encode_value,
            decode: coverage::decode_value,
        },
        Module {
            names: bench_types::dynamic::TYPE_NAMES,
            type_code: bench_types::dynamic::type_code,
            encode: bench_types::dynamic::encode_value,
            decode: bench_types::dynamic::decode_value,
        },
    ]
}

#[test]
fn the_expected_types_are_generated() {
    let names = generated_names();
    for n in [
        "Cov::Everything",
        "Cov::Everything::Inner",
        "Cov::Prims",
        "Cov::ByEnum",
        "Cov::Tree",
        "Cov::Forest",
        "Cov::Failure",
        "Cov::Deep::D",
        "Cov::Grid",
        "Cov::Suit",
    ] {
        assert!(names.contains(&n), "{n} not generated: {names:?}");
    }
    // A struct with an object reference is generated; an interface has no
    // generated type of its own, only its TypeCode.
    assert!(names.contains(&"Cov::WithObj") && !names.contains(&"Cov::Skipped"));
    assert!(coverage::type_code("Cov::Skipped").is_some());
    assert_eq!(names.len(), 35, "{names:?}");
    // any, TypeCode and object reference members are generated too.
    let enc = Encoding::new(ByteOrder::BigEndian, GiopVersion::V1_2);
    for n in ["Dyn::Envelope", "Dyn::Carrier", "Dyn::Envelopes"] {
        assert!(
            bench_types::dynamic::decode_value(n, &[], enc).is_some(),
            "{n}"
        );
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn compiled_code_matches_the_oracle(seed in any::<u64>(), le in any::<bool>(), v in 0usize..3) {
        let order = if le { ByteOrder::LittleEndian } else { ByteOrder::BigEndian };
        let enc = Encoding::new(order, GiopVersion::ALL[v]);
        let cfg = GenConfig::full();
        for m in modules() {
            for (i, name) in m.names.iter().enumerate() {
                if (m.decode)(name, &[], enc).is_none() {
                    continue;
                }
                let tc = (m.type_code)(name).expect("TypeCode");
                let value = gen::value(&tc, seed.wrapping_add(i as u64), &cfg);
                let oracle_bytes = value_to_bytes(&tc, &value, enc, &EncodeOptions::spec());
                let compiled = (m.encode)(name, &value, enc).expect("generated");
                match (&oracle_bytes, &compiled) {
                    (Ok(a), Ok(b)) => prop_assert_eq!(a, b, "{} {:?}", name, enc),
                    (Err(_), Err(_)) => continue,
                    (a, b) => prop_assert!(false, "{name} in {enc:?}: oracle {a:?}, compiled {b:?}"),
                }
                let bytes = compiled.expect("checked");
                let back = (m.decode)(name, &bytes, enc).expect("generated");
                let oracle_back = value_from_bytes(&bytes, &tc, enc, &DecodeOptions::spec());
                match (back, oracle_back) {
                    (Ok(a), Ok(b)) => prop_assert_eq!(a, b, "{}", name),
                    (a, b) => prop_assert!(false, "{name}: decode compiled {a:?}, oracle {b:?}"),
                }
            }
        }
    }
}
