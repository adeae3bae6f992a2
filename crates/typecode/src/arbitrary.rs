//! Proptest strategies for TypeCodes and conforming values (cargo feature
//! `arbitrary`), for this crate's property tests and the equivalence
//! suites of the other backends.
//!
//! ```ignore
//! use corba_typecode::arbitrary::{arb_typecode_and_value, GenConfig};
//! proptest! {
//!     #[test]
//!     fn same_bytes_as_omniorb((tc, v) in arb_typecode_and_value(GenConfig::legacy())) { ... }
//! }
//! ```
//!
//! Generation is deterministic from a seed ([`crate::gen`]): a strategy
//! draws a depth, a member count and a seed. Shrinking lowers the depth
//! and member count first (smaller TypeCodes), then the seed.
//!
//! What is generated, with [`GenConfig::full`]: every primitive, bounded and
//! unbounded strings and wstrings, fixed, enums, structs, exceptions,
//! unions (every discriminator kind, with and without default members,
//! values selecting no member), sequences (bounded and not), arrays,
//! aliases, `any` (nested TypeCode and value), `TypeCode`, `Principal`,
//! object references, valuetypes (with concrete bases, truncatable, null
//! values) and value boxes, and recursion: a struct, union or valuetype
//! containing a sequence of itself, directly or through several levels.
//! Values never contain NaN, so `==` works; strings stay within
//! ISO-8859-1 (ASCII with `ascii_strings`). Turn kinds off for an ORB that
//! lacks them ([`GenConfig::legacy`] is a starting point); `wide = false`
//! is required for GIOP 1.0.

use crate::gen::Gen;
pub use crate::gen::GenConfig;
use crate::{Any, TypeCode, Value};
use proptest::prelude::*;

fn sized(cfg: &GenConfig) -> impl Strategy<Value = (u32, usize, u64)> {
    (
        1..=cfg.max_depth.max(1),
        1..=cfg.max_members.max(1),
        any::<u64>(),
    )
}

fn config_for(cfg: &GenConfig, depth: u32, members: usize) -> GenConfig {
    GenConfig {
        max_depth: depth,
        max_members: members,
        ..cfg.clone()
    }
}

/// Arbitrary TypeCodes within `cfg` (bounded depth, recursion allowed).
pub fn arb_typecode(cfg: GenConfig) -> impl Strategy<Value = TypeCode> {
    sized(&cfg).prop_map(move |(d, m, seed)| Gen::new(seed, config_for(&cfg, d, m)).typecode())
}

/// Arbitrary values conforming to `tc`, with [`GenConfig::full`] limits.
pub fn arb_value(tc: &TypeCode) -> impl Strategy<Value = Value> {
    arb_value_with(tc, GenConfig::full())
}

/// Arbitrary values conforming to `tc` (sequence and string lengths,
/// string alphabet from `cfg`; `any` members follow `cfg` too).
pub fn arb_value_with(tc: &TypeCode, cfg: GenConfig) -> impl Strategy<Value = Value> {
    let tc = tc.clone();
    any::<u64>().prop_map(move |seed| Gen::new(seed, cfg.clone()).value(&tc))
}

/// A TypeCode and a value of it.
pub fn arb_typecode_and_value(cfg: GenConfig) -> impl Strategy<Value = (TypeCode, Value)> {
    sized(&cfg).prop_map(move |(d, m, seed)| {
        let mut g = Gen::new(seed, config_for(&cfg, d, m));
        let tc = g.typecode();
        let v = g.value(&tc);
        (tc, v)
    })
}

/// An `any` of an arbitrary type.
pub fn arb_any(cfg: GenConfig) -> impl Strategy<Value = Any> {
    arb_typecode_and_value(cfg).prop_map(|(tc, value)| Any { tc, value })
}
