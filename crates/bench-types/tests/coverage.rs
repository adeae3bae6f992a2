//! Generated code for `idl/coverage.idl` (every construct the generator
//! maps) against the TypeCode-driven marshaller: for seeded values of every
//! generated type, in both byte orders and every GIOP version, the compiled
//! encoder gives the interpreter's bytes (or fails where it fails), and the
//! compiled decoder gives the interpreter's value.

use bench_types::coverage;
use corba_cdr::{ByteOrder, Encoding, GiopVersion};
use corba_typecode::gen::{self, GenConfig};
use corba_typecode::{value_from_bytes, value_to_bytes, DecodeOptions, EncodeOptions};
use proptest::prelude::*;

fn generated_names() -> Vec<&'static str> {
    let enc = Encoding::new(ByteOrder::BigEndian, GiopVersion::V1_2);
    coverage::TYPE_NAMES
        .iter()
        .copied()
        .filter(|n| coverage::decode_value(n, &[], enc).is_some())
        .collect()
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
    // Object references are not generated; their TypeCodes are.
    assert!(!names.contains(&"Cov::WithObj") && !names.contains(&"Cov::Skipped"));
    assert!(coverage::type_code("Cov::Skipped").is_some());
    assert_eq!(names.len(), 33, "{names:?}");
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn compiled_code_matches_the_interpreter(seed in any::<u64>(), le in any::<bool>(), v in 0usize..3) {
        let order = if le { ByteOrder::LittleEndian } else { ByteOrder::BigEndian };
        let enc = Encoding::new(order, GiopVersion::ALL[v]);
        let cfg = GenConfig::full();
        for (i, name) in generated_names().into_iter().enumerate() {
            let tc = coverage::type_code(name).expect("TypeCode");
            let value = gen::value(&tc, seed.wrapping_add(i as u64), &cfg);
            let interp = value_to_bytes(&tc, &value, enc, &EncodeOptions::spec());
            let compiled = coverage::encode_value(name, &value, enc).expect("generated");
            match (&interp, &compiled) {
                (Ok(a), Ok(b)) => prop_assert_eq!(a, b, "{} {:?}", name, enc),
                (Err(_), Err(_)) => continue,
                (a, b) => prop_assert!(false, "{name} in {enc:?}: interpreter {a:?}, compiled {b:?}"),
            }
            let bytes = compiled.expect("checked");
            let back = coverage::decode_value(name, &bytes, enc).expect("generated");
            let interp_back = value_from_bytes(&bytes, &tc, enc, &DecodeOptions::spec());
            match (back, interp_back) {
                (Ok(a), Ok(b)) => prop_assert_eq!(a, b, "{}", name),
                (a, b) => prop_assert!(false, "{name}: decode compiled {a:?}, interpreter {b:?}"),
            }
        }
    }
}
