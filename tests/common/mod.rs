//! Strategies and helpers shared by the equivalence suites.
#![allow(dead_code)] // each test crate uses its own subset

use corba_cdr::{ByteOrder, GiopVersion};
use proptest::prelude::*;

/// The byte order a generated flag stands for.
pub fn order_of(little: bool) -> ByteOrder {
    if little {
        ByteOrder::LittleEndian
    } else {
        ByteOrder::BigEndian
    }
}

/// Every GIOP version.
pub fn giop() -> impl Strategy<Value = GiopVersion> {
    prop::sample::select(GiopVersion::ALL.to_vec())
}
