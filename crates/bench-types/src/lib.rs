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

pub use corba_idl::rt::{Error, IdlType};

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
