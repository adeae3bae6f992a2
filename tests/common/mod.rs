//! Strategies and helpers shared by the equivalence suites.
#![allow(dead_code)] // each test crate uses its own subset

use bench_ops::{Case, Params, Subject};
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

/// A case of `subject` in `order` and `giop`.
pub fn case(subject: Subject, order: ByteOrder, giop: GiopVersion) -> Case {
    Case {
        subject,
        params: Params::new(order, giop),
    }
}

/// ISO-8859-1 text without NUL (what a CORBA `string` can carry).
pub fn latin1() -> impl Strategy<Value = String> {
    proptest::collection::vec(1u8..=255, 0..24)
        .prop_map(|b| b.into_iter().map(char::from).collect())
}

/// Any Unicode text without NUL (for `wstring`).
pub fn unicode() -> impl Strategy<Value = String> {
    proptest::collection::vec(any::<char>().prop_filter("no NUL", |c| *c != '\0'), 0..16)
        .prop_map(|c| c.into_iter().collect())
}
