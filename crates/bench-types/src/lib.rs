#![forbid(unsafe_code)]
//! The types of `corpus/idl/bench.idl` as Rust, generated at build time by
//! `corba_idl::codegen` (see `build.rs`): structs, enums, unions, sequence
//! newtypes and typedefs, each with compiled CDR encode/decode
//! ([`IdlType`]), conversions to and from [`corba_typecode::Value`], and the
//! TypeCode omniidl would make. This is the `rust` backend's static path.
//!
//! ```
//! use bench_types::{Bench, IdlType};
//! use corba_cdr::{ByteOrder, Encoding, GiopVersion};
//!
//! let p = Bench::Point { x: 1.0, y: 2.0 };
//! let enc = Encoding::new(ByteOrder::BigEndian, GiopVersion::V1_2);
//! let bytes = p.to_bytes(enc).unwrap();
//! assert_eq!(bytes.len(), 16);
//! assert_eq!(Bench::Point::from_bytes(&bytes, enc).unwrap(), p);
//! ```

pub use corba_idl_rt::{Error, IdlType};

#[allow(
    clippy::all,
    clippy::pedantic,
    non_snake_case,
    non_camel_case_types,
    dead_code,
    unused_parens
)]
mod generated {
    include!(concat!(env!("OUT_DIR"), "/bench_idl.rs"));
}

pub use generated::{decode_value, encode_value, type_code, Bench, TYPE_NAMES};

include!(concat!(env!("OUT_DIR"), "/corpus_types.rs"));

/// Types from `idl/coverage.idl`: every construct the generator maps
/// (arrays, bounded strings and sequences, wide characters, long double,
/// unions on enum/boolean/char/typedef discriminators, exceptions, nested
/// scopes), for the equivalence tests.
#[doc(hidden)]
#[allow(
    clippy::all,
    clippy::pedantic,
    non_snake_case,
    non_camel_case_types,
    dead_code,
    unused_parens
)]
pub mod coverage {
    include!(concat!(env!("OUT_DIR"), "/coverage_idl.rs"));
}

/// Types from `idl/dynamic.idl`: `any`, `TypeCode` and object reference
/// members, which generated code marshals through the TypeCode-driven
/// code, for the equivalence tests.
#[doc(hidden)]
#[allow(
    clippy::all,
    clippy::pedantic,
    non_snake_case,
    non_camel_case_types,
    dead_code,
    unused_parens
)]
pub mod dynamic {
    include!(concat!(env!("OUT_DIR"), "/dynamic_idl.rs"));
}

#[cfg(test)]
mod corpus_type_list_tests {
    use super::{Bench, IdlType};

    macro_rules! ids {
        ($($t:ty),* $(,)?) => {
            vec![$(<$t as IdlType>::type_code().id().map(str::to_owned)),*]
        };
    }

    /// `for_each_corpus_type!` names every corpus type once, as
    /// `TYPE_NAMES` (from the same IDL) does.
    #[test]
    fn for_each_corpus_type_lists_every_corpus_type() {
        let ids: Vec<Option<String>> = for_each_corpus_type!(ids);
        assert_eq!(ids.len(), super::TYPE_NAMES.len());
        for name in super::TYPE_NAMES {
            let short = name.rsplit("::").next().unwrap();
            let id = format!("IDL:giopbench.org/Bench/{short}:1.0");
            assert!(ids.contains(&Some(id)), "{name}");
        }
    }

    /// A struct whose enum members are read in a fixed-size run reports a
    /// bad ordinal where the enum alone would: the offset before its
    /// padding (§9.3.2.6), in both byte orders, and on a short input the
    /// same truncation as member by member.
    #[test]
    fn a_bad_enum_in_a_run_reports_its_offset() {
        use corba_cdr::{ByteOrder, Encoding, GiopVersion};
        for order in [ByteOrder::BigEndian, ByteOrder::LittleEndian] {
            let enc = Encoding::new(order, GiopVersion::V1_2);
            let dealt = super::coverage::Cov::Dealt {
                first: super::coverage::Cov::Suit::hearts,
                count: -3,
                open: true,
                last: super::coverage::Cov::Suit::spades,
                n: 12,
            };
            let mut bytes = dealt.to_bytes(enc).unwrap();
            // first @0, count @4, open @8, 3 octets of padding, last @12.
            let bad = 9u32;
            bytes[12..16].copy_from_slice(&match order {
                ByteOrder::BigEndian => bad.to_be_bytes(),
                ByteOrder::LittleEndian => bad.to_le_bytes(),
            });
            match super::coverage::Cov::Dealt::from_bytes(&bytes, enc) {
                Err(crate::Error::InvalidEnum {
                    value: 9,
                    offset: 9,
                }) => {}
                other => panic!("{order:?}: {other:?}"),
            }
            // Cut inside `last`: not enough octets for the run's block, so
            // members are read one by one and `last` is truncated.
            let short = &bytes[..14];
            let e = super::coverage::Cov::Dealt::from_bytes(short, enc).unwrap_err();
            assert!(!matches!(e, crate::Error::InvalidEnum { .. }), "{e:?}");
        }
    }
}
