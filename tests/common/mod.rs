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

// ---------------------------------------------------------------------------
// The equivalence driver: one property block for every backend.
// ---------------------------------------------------------------------------

use bench_ops::BackendError;
use corba_typecode::gen::Rng;
use corba_typecode::{corpus, PrimSeq, TypeCode, Value};

/// The checks an equivalence suite makes for one backend against the Rust
/// core. [`equivalence_suite!`] runs the same nine properties (sequences,
/// strings, TypeCodes, anys, the static corpus) through them, so adding a
/// backend is one impl and one line.
pub trait Equivalence {
    /// The backend under test (the operation set's trait).
    type Backend: bench_ops::Backend;
    /// Sequences and strings (`seq_*`, `string`, `wstring`).
    fn check_plain(c: &Case) -> Result<(), TestCaseError>;
    /// A generated TypeCode (GIOP 1.2).
    fn check_typecode(seed: u64, order: ByteOrder) -> Result<(), TestCaseError>;
    /// A generated any value.
    fn check_any(seed: u64, order: ByteOrder, g: GiopVersion) -> Result<(), TestCaseError>;
    /// Corpus case number `which` ([`corpus_value`]) through the static path.
    fn check_static(
        seed: u64,
        which: usize,
        order: ByteOrder,
        g: GiopVersion,
    ) -> Result<(), TestCaseError>;
}

/// The properties' configuration: generated TypeCodes that use a feature a
/// backend lacks (listed as `unsupported=` in known_divergences.md) are
/// rejected, not counted.
pub fn config() -> ProptestConfig {
    ProptestConfig {
        max_global_rejects: 1 << 20,
        ..ProptestConfig::default()
    }
}

/// The nine properties for the [`Equivalence`] impl `$suite`. The test
/// names (and the `.proptest-regressions` file, named after the invoking
/// file) are the suite's own.
#[allow(unused_macros)]
macro_rules! equivalence_suite {
    ($suite:ty) => {
        proptest::proptest! {
            #![proptest_config($crate::common::config())]

            #[test]
            fn seq_long(v in proptest::collection::vec(proptest::prelude::any::<i32>(), 0..64),
                        le: bool, g in $crate::common::giop()) {
                <$suite as $crate::common::Equivalence>::check_plain(&$crate::common::case(
                    bench_ops::Subject::SeqLong(v), $crate::common::order_of(le), g))?;
            }

            #[test]
            fn seq_double(v in proptest::collection::vec(
                              proptest::prelude::any::<u64>().prop_map(f64::from_bits)
                              .prop_filter("NaN compares unequal", |x| !x.is_nan()), 0..64),
                          le: bool, g in $crate::common::giop()) {
                <$suite as $crate::common::Equivalence>::check_plain(&$crate::common::case(
                    bench_ops::Subject::SeqDouble(v), $crate::common::order_of(le), g))?;
            }

            #[test]
            fn seq_octet(v in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..64),
                         le: bool, g in $crate::common::giop()) {
                <$suite as $crate::common::Equivalence>::check_plain(&$crate::common::case(
                    bench_ops::Subject::SeqOctet(v), $crate::common::order_of(le), g))?;
            }

            #[test]
            fn seq_string(v in proptest::collection::vec($crate::common::latin1(), 0..8),
                          le: bool, g in $crate::common::giop()) {
                <$suite as $crate::common::Equivalence>::check_plain(&$crate::common::case(
                    bench_ops::Subject::SeqString(v), $crate::common::order_of(le), g))?;
            }

            #[test]
            fn string(v in $crate::common::latin1(), le: bool, g in $crate::common::giop()) {
                <$suite as $crate::common::Equivalence>::check_plain(&$crate::common::case(
                    bench_ops::Subject::String(v), $crate::common::order_of(le), g))?;
            }

            /// omniORB has wide strings in GIOP 1.2 only (omniorb-no-giop11-wide).
            #[test]
            fn wstring(v in $crate::common::unicode(), le: bool) {
                <$suite as $crate::common::Equivalence>::check_plain(&$crate::common::case(
                    bench_ops::Subject::WString(v), $crate::common::order_of(le),
                    corba_cdr::GiopVersion::V1_2))?;
            }

            #[test]
            fn typecode(seed: u64, le: bool) {
                <$suite as $crate::common::Equivalence>::check_typecode(seed, $crate::common::order_of(le))?;
            }

            #[test]
            fn any_value(seed: u64, le: bool, g in $crate::common::giop()) {
                <$suite as $crate::common::Equivalence>::check_any(seed, $crate::common::order_of(le), g)?;
            }

            #[test]
            fn static_corpus(seed: u64, which in 0usize..$crate::common::CORPUS_CASES, le: bool,
                             g in $crate::common::giop()) {
                <$suite as $crate::common::Equivalence>::check_static(seed, which, $crate::common::order_of(le), g)?;
            }
        }
    };
}
#[allow(unused_imports)]
pub(crate) use equivalence_suite;

/// A backend error as a test failure, prefixed with what was being done.
pub fn fail(what: &str) -> impl FnOnce(BackendError) -> TestCaseError + '_ {
    move |e| TestCaseError::fail(format!("{what}: {e}"))
}

/// Corpus case `which` ([`corpus_value`]) as a static-path case: its
/// TypeCode, its value and the case carrying both.
pub fn static_case(
    which: usize,
    seed: u64,
    order: ByteOrder,
    g: GiopVersion,
) -> (&'static TypeCode, Value, Case) {
    let (tc, value) = corpus_value(which, seed);
    let type_id = tc.id().expect("corpus types have ids").to_owned();
    let c = case(
        Subject::Static {
            type_id,
            value: value.clone(),
        },
        order,
        g,
    );
    (tc, value, c)
}

/// How many cases [`corpus_value`] has.
pub const CORPUS_CASES: usize = 12;

/// A seeded value of corpus case number `which` (`0..CORPUS_CASES`).
pub fn corpus_value(which: usize, seed: u64) -> (&'static TypeCode, Value) {
    let t = corpus::types();
    let mut rng = Rng::new(seed);
    match which {
        0 => (&t.point, corpus::point(&mut rng)),
        1 => (&t.shape, corpus::shape(&mut rng)),
        2 => (&t.line_item, corpus::line_item(&mut rng)),
        3 => (&t.record, corpus::record(&mut rng, seed as u32)),
        4 => (&t.record_seq, corpus::record_seq((seed % 4) as usize, seed)),
        5 => (
            &t.node,
            corpus::node_tree((seed % 3) as u32, (seed / 3 % 3) as usize, seed),
        ),
        6 => (&t.wide50, corpus::wide50(seed)),
        7 => {
            // Address is member 3 of a Record.
            let Value::Struct(ms) = corpus::record(&mut rng, 0) else {
                unreachable!()
            };
            (&t.address, ms[3].clone())
        }
        8 => (
            &t.line_item_seq,
            Value::Seq((0..seed % 5).map(|_| corpus::line_item(&mut rng)).collect()),
        ),
        9 => (
            &t.long_seq,
            Value::Prim(PrimSeq::Long(
                (0..seed % 9).map(|_| rng.next_u64() as i32).collect(),
            )),
        ),
        10 => {
            // NodeSeq is member 2 of a Node.
            let Value::Struct(ms) = corpus::node_tree(2, (seed % 4) as usize, seed) else {
                unreachable!()
            };
            (&t.node_seq, ms[2].clone())
        }
        _ => (&t.color, Value::Enum((seed % 5) as u32)),
    }
}
