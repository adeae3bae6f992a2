#![forbid(unsafe_code)]
//! CORBA TypeCodes, dynamic values and TypeCode-driven marshalling.
//!
//! * [`encode_typecode`] / [`decode_typecode`]: TypeCodes on the wire
//!   (CORBA 3.x Part 2 §9.3.5.1), with indirections for recursion and,
//!   optionally, for repeated TypeCodes ([`TcWriteOptions`]).
//! * [`Plan`]: a TypeCode compiled once into a flat program, the one
//!   TypeCode-driven marshaller (valuetypes included). It also skips and
//!   transcodes values from one stream to another without building a
//!   [`Value`]. [`Plan::decode_any_raw`]
//!   keeps an any's value as checked octets ([`RawAny`]), decoded on demand.
//! * [`encode_value`] / [`decode_value`], [`encode_any`] / [`decode_any`]:
//!   one-shot calls through a plan compiled for the call.
//! * `oracle` (cargo feature, for tests): the reference TypeCode walker the
//!   plans are checked against.
//! * [`equal`], [`equivalent`], [`compact`]: TypeCode comparisons.
//! * [`corpus`]: the TypeCodes of `corpus/idl/bench.idl` built by hand, and
//!   seeded value generators.
//! * `arbitrary` (cargo feature): proptest strategies for TypeCodes and
//!   conforming values.
//!
//! One depth budget ([`DecodeOptions::max_depth`], default 64) bounds
//! TypeCode, Any, value and encapsulation nesting together; errors
//! ([`TcError`]) carry the absolute offset and the member path.
//!
//! Zero-size values (`void`/`null`, structs and exceptions without members)
//! are counted against a budget of [`EMPTY_VALUES_PER_BYTE`] per input byte
//! left plus [`EMPTY_VALUES_SLACK`] in every decoding path (decode,
//! tape, transcode, skip): a TypeCode shared by indirection can otherwise
//! describe 10^k of them in a few hundred bytes (error
//! [`TcErrorKind::EmptyValueBudget`]). Decoded TypeCodes keep the sharing
//! the indirections give (never expanded).
//!
//! Decoded outermost complex TypeCodes are remembered per thread, keyed by
//! their exact bytes, encoding, options and depth ([`decode_typecode_at`],
//! [`clear_typecode_cache`]): the same TypeCode decoded again is a lookup.

mod api;
pub mod bridge;
mod builders;
mod codec;
mod compare;
mod ctx;
mod error;
mod model;
mod name;
mod options;
pub mod path;
mod plan;
mod prim;
mod raw;
mod tcio;

pub use api::{
    any_from_bytes, any_to_bytes, decode_any, decode_value, encode_any, encode_value,
    value_from_bytes, value_to_bytes,
};
pub use codec::value_kind_name;
pub use compare::{compact, equal, equivalent};
pub use ctx::{EMPTY_VALUES_PER_BYTE, EMPTY_VALUES_SLACK};
pub use error::{PathSeg, TcError, TcErrorKind, TcResult};
pub use model::*;
pub use name::Name;
pub use options::{
    Chunking, DecodeOptions, DefaultLabel, EncapsulationOrder, EncodeOptions, TcWriteOptions,
    DEFAULT_MAX_DEPTH,
};
pub use plan::{
    encode_with_plan, skip_value, transcode, transcode_any, Plan, Tape, TapeView, ViewKind,
};
pub use raw::RawAny;
pub use tcio::{
    clear_typecode_cache, decode_typecode, decode_typecode_at, encode_typecode,
    is_empty_param_kind, typecode_from_bytes, typecode_to_bytes, TC_CACHE_ENTRIES,
    TC_CACHE_MAX_BYTES,
};

#[cfg(feature = "arbitrary")]
pub mod arbitrary;
pub mod corpus;
pub mod gen;
#[cfg(feature = "oracle")]
pub mod oracle;
