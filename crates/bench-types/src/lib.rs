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
}
