//! The Ada backend's TypeCodes and TypeCode-driven (Any) marshalling against
//! corba-typecode, in both byte orders and every GIOP version (issue 6):
//!
//! * TypeCode bytes are equal when both sides make the same choices
//!   (spec style; omniORB style), and each side reads the other's bytes to
//!   an `equal` TypeCode, in every style including Ada's own (PolyORB's);
//! * Any bytes are equal; each side decodes the other's bytes to the value
//!   it was built from;
//! * bad TypeCodes and bad values return error statuses, never a crash.
//!
//! Ada's TypeCodes and values are built by walking the Rust ones, never from
//! Rust's bytes. Cases per property: `PROPTEST_CASES` (CI sets 1000).

mod common;

use bench_ops::{decode_once, encode_once, Backend, Subject};
use common::{case, giop, order_of};
use corba_cdr::{ByteOrder, Encoding, GiopVersion, Utf16Style};
use corba_typecode::gen::{self, GenConfig};
use corba_typecode::{
    any_from_bytes, any_to_bytes, corpus, equal, typecode_from_bytes, typecode_to_bytes, Any,
    DecodeOptions, DefaultLabel, EncapsulationOrder, EncodeOptions, TcWriteOptions, TypeCode,
};
use legacy_ada::{AdaBackend, AdaStyle};
use proptest::prelude::*;

/// What the Ada backend's TypeCode-driven marshalling supports: every kind
/// but value types, object references, Principal, and `any`/`TypeCode`
/// nested in values.
fn ada_config() -> GenConfig {
    GenConfig {
        valuetypes: false,
        objref: false,
        principal: false,
        any: false,
        typecode: false,
        ..GenConfig::full()
    }
}

/// A Rust configuration and the Ada style making the same choices.
#[derive(Clone, Copy, Debug)]
struct Style {
    ada: AdaStyle,
    tc: TcWriteOptions,
    utf16: Utf16Style,
    /// Exception values carry their repository id (false: omniORB).
    except_id: bool,
}

fn styles() -> [Style; 3] {
    [
        Style {
            ada: AdaStyle::SPEC,
            tc: TcWriteOptions::spec(),
            utf16: Utf16Style::Spec,
            except_id: true,
        },
        Style {
            ada: AdaStyle::OMNIORB,
            tc: TcWriteOptions::omniorb(),
            utf16: Utf16Style::OmniOrb,
            except_id: false,
        },
        // The Ada backend's own choices (PolyORB's): host-order
        // encapsulations, no repeated indirections, spec wstrings and labels.
        Style {
            ada: AdaStyle::NATIVE,
            tc: TcWriteOptions {
                repeated_indirection: false,
                encapsulation_order: EncapsulationOrder::Native,
                default_label: DefaultLabel::ZeroOctet,
            },
            utf16: Utf16Style::Spec,
            except_id: true,
        },
    ]
}

fn decode_options(s: &Style) -> DecodeOptions {
    DecodeOptions {
        default_label: s.tc.default_label,
        except_repo_id: s.except_id,
        ..DecodeOptions::spec()
    }
}

fn encode_options(s: &Style) -> EncodeOptions {
    EncodeOptions {
        typecode: s.tc,
        except_repo_id: s.except_id,
        ..EncodeOptions::spec()
    }
}

/// Equal bytes, or the first difference with some context.
fn same_bytes(got: &[u8], want: &[u8], what: &str) -> Result<(), TestCaseError> {
    if got == want {
        return Ok(());
    }
    let i = got
        .iter()
        .zip(want)
        .position(|(a, b)| a != b)
        .unwrap_or(got.len().min(want.len()));
    let lo = i.saturating_sub(16);
    Err(TestCaseError::fail(format!(
        "{what}: first difference at {i} (lengths {} and {}): ada {:02x?} rust {:02x?}",
        got.len(),
        want.len(),
        &got[lo..got.len().min(i + 16)],
        &want[lo..want.len().min(i + 16)]
    )))
}

fn check_typecode(tc: &TypeCode, order: ByteOrder) -> Result<(), TestCaseError> {
    for s in styles() {
        let ada = AdaBackend::with_style(s.ada);
        let c = case(Subject::TypeCode(tc.clone()), order, GiopVersion::V1_2);
        let enc = Encoding::new(order, GiopVersion::V1_2).with_utf16(s.utf16);
        let rust = typecode_to_bytes(tc, enc, &s.tc)
            .map_err(|e| TestCaseError::fail(format!("rust: {e}")))?;
        let got =
            encode_once(&ada, &c).map_err(|e| TestCaseError::fail(format!("ada encode: {e}")))?;
        same_bytes(&got, &rust, &format!("TypeCode in style {:?}", s.ada))?;
        let back = typecode_from_bytes(&got, enc, &decode_options(&s))
            .map_err(|e| TestCaseError::fail(format!("rust decode of Ada's bytes: {e}")))?;
        prop_assert!(equal(&back, tc), "rust read Ada's TypeCode as {:?}", back);
        let ada_back = decode_once(&ada, &c, &rust).map_err(|e| {
            TestCaseError::fail(format!("ada decode of Rust's bytes {rust:02x?}: {e}"))
        })?;
        let Subject::TypeCode(ada_tc) = ada_back else {
            return Err(TestCaseError::fail("not a TypeCode"));
        };
        prop_assert!(
            equal(&ada_tc, tc),
            "Ada read Rust's TypeCode as {:?}",
            ada_tc
        );
    }
    Ok(())
}

fn check_any(a: &Any, order: ByteOrder, giop: GiopVersion) -> Result<(), TestCaseError> {
    for s in styles() {
        let ada = AdaBackend::with_style(s.ada);
        let c = case(Subject::Any(a.clone()), order, giop);
        let enc = Encoding::new(order, giop).with_utf16(s.utf16);
        let rust = any_to_bytes(a, enc, &encode_options(&s));
        let got = encode_once(&ada, &c);
        let (rust, got) = match (rust, got) {
            (Ok(r), Ok(g)) => (r, g),
            // Both refuse (wchar/wstring in GIOP 1.0; a sequence or array of
            // a zero-size element type).
            (Err(_), Err(_)) => return Ok(()),
            (r, g) => {
                return Err(TestCaseError::fail(format!(
                    "rust: {:?}, ada: {:?}",
                    r.map(|_| ()),
                    g.map(|_| ())
                )))
            }
        };
        same_bytes(&got, &rust, &format!("Any in style {:?}", s.ada))?;
        let back = any_from_bytes(&got, enc, &decode_options(&s))
            .map_err(|e| TestCaseError::fail(format!("rust decode of Ada's bytes: {e}")))?;
        prop_assert!(equal(&back.tc, &a.tc));
        prop_assert_eq!(&back.value, &a.value);
        let Subject::Any(ada_back) = decode_once(&ada, &c, &rust).map_err(|e| {
            TestCaseError::fail(format!("ada decode of Rust's bytes {rust:02x?}: {e}"))
        })?
        else {
            return Err(TestCaseError::fail("not an Any"));
        };
        prop_assert!(
            equal(&ada_back.tc, &a.tc),
            "Ada read the TypeCode as {:?}",
            ada_back.tc
        );
        prop_assert_eq!(&ada_back.value, &a.value);
    }
    Ok(())
}

/// NaN never compares equal; the generators may produce it in floats.
fn has_nan(v: &corba_typecode::Value) -> bool {
    format!("{v:?}").contains("NaN")
}

proptest! {
    #[test]
    fn typecodes(seed: u64, le: bool) {
        let tc = gen::typecode(seed, &ada_config());
        check_typecode(&tc, order_of(le))?;
    }

    #[test]
    fn anys(seed: u64, le: bool, g in giop()) {
        let cfg = ada_config();
        let tc = gen::typecode(seed, &cfg);
        let value = gen::value(&tc, seed ^ 0x5eed, &cfg);
        prop_assume!(!has_nan(&value));
        check_any(&Any { tc, value }, order_of(le), g)?;
    }
}

/// Every corpus type, as a TypeCode and as an Any of a seeded value.
#[test]
fn corpus_typecodes_and_anys() {
    let t = corpus::types();
    for (name, tc) in t.all() {
        for order in [ByteOrder::BigEndian, ByteOrder::LittleEndian] {
            check_typecode(tc, order).unwrap_or_else(|e| panic!("{name}: {e}"));
        }
    }
    let values = [
        (t.record.clone(), corpus::record(&mut gen::Rng::new(7), 3)),
        (t.record_seq.clone(), corpus::record_seq(20, 11)),
        (t.node.clone(), corpus::node_tree(4, 3, 5)),
        (t.wide50.clone(), corpus::wide50(9)),
        (t.shape.clone(), corpus::shape(&mut gen::Rng::new(1))),
    ];
    for (tc, value) in values {
        for order in [ByteOrder::BigEndian, ByteOrder::LittleEndian] {
            for g in GiopVersion::ALL {
                check_any(
                    &Any {
                        tc: tc.clone(),
                        value: value.clone(),
                    },
                    order,
                    g,
                )
                .unwrap();
            }
        }
    }
}

/// Bad TypeCodes and bad Any values reach the Ada decoder: each is an error
/// status, never a crash.
#[test]
fn bad_typecodes_are_rejected_with_a_status() {
    let ada = AdaBackend::new();
    let c = case(
        Subject::TypeCode(TypeCode::basic(corba_typecode::TCKind::NULL)),
        ByteOrder::BigEndian,
        GiopVersion::V1_2,
    );
    let be = |v: &[u32]| v.iter().flat_map(|x| x.to_be_bytes()).collect::<Vec<u8>>();
    let bad: Vec<(Vec<u8>, &str)> = vec![
        (be(&[0x99]), "unknown kind"),
        (be(&[0xffff_ffff, 0xffff_fffc]), "indirection to itself"),
        (
            be(&[0xffff_ffff, 0x7000_0000]),
            "indirection outside the buffer",
        ),
        (be(&[0xffff_ffff]), "truncated indirection"),
        (be(&[15, 0xffff_fff0]), "struct with a huge encapsulation"),
        (be(&[15, 0]), "struct with an empty encapsulation"),
        (be(&[19, 8, 0, 3, 0]), "sequence: bad byte-order octet"),
        (be(&[28]), "fixed truncated"),
        (vec![0, 0, 0, 28, 0, 40, 0, 0], "fixed with 40 digits"),
        // struct, encapsulation of 16: flag, id "", name "", count 0x7fffffff.
        (
            [
                be(&[15, 16]),
                vec![0, 0, 0, 0],
                be(&[1]),
                vec![0, 0, 0, 0],
                be(&[1, 0x7fff_ffff]),
            ]
            .concat()[..24]
                .to_vec(),
            "member count larger than the bytes left",
        ),
        (
            {
                // sequence<indirection to the sequence itself>
                let mut v = be(&[19, 12]);
                v.extend([0, 0, 0, 0]);
                v.extend(be(&[0xffff_ffff, 0xffff_fff0u32]));
                v
            },
            "sequence containing itself",
        ),
        (
            {
                // union switch(double): an illegal discriminator kind.
                let mut v = be(&[16, 28]);
                v.extend([0, 0, 0, 0]);
                v.extend(be(&[1, 0, 1, 0, 7, 0xffff_ffff, 0]));
                v
            },
            "union with a double discriminator",
        ),
    ];
    for (bytes, what) in bad {
        let r = decode_once(&ada, &c, &bytes);
        assert!(r.is_err(), "{what}: Ada accepted {bytes:02x?} as {r:?}");
    }
    // Deep nesting: 100 nested sequences exceed the depth budget of 64.
    let mut tc = TypeCode::basic(corba_typecode::TCKind::LONG);
    for _ in 0..100 {
        tc = TypeCode::new(corba_typecode::TypeDesc::Sequence {
            element: tc,
            bound: 0,
        });
    }
    let bytes = typecode_to_bytes(
        &tc,
        Encoding::new(ByteOrder::BigEndian, GiopVersion::V1_2),
        &TcWriteOptions::spec(),
    )
    .unwrap();
    assert!(
        decode_once(&ada, &c, &bytes).is_err(),
        "100 levels accepted"
    );
}

/// Truncations of a valid Any and corrupted bytes are all rejected or
/// decoded, never a crash; every strict prefix is an error.
#[test]
fn every_truncation_of_an_any_is_rejected() {
    let t = corpus::types();
    let a = Any {
        tc: t.record.clone(),
        value: corpus::record(&mut gen::Rng::new(3), 2),
    };
    let ada = AdaBackend::new();
    for order in [ByteOrder::BigEndian, ByteOrder::LittleEndian] {
        let c = case(Subject::Any(a.clone()), order, GiopVersion::V1_2);
        let full = encode_once(&ada, &c).unwrap();
        for n in 0..full.len() {
            assert!(
                decode_once(&ada, &c, &full[..n]).is_err(),
                "prefix {n} accepted"
            );
        }
        // Flip every byte: an error or some value, never a crash.
        for i in 0..full.len() {
            let mut b = full.clone();
            b[i] ^= 0xff;
            let _ = decode_once(&ada, &c, &b);
        }
    }
}

/// Arbitrary bytes into every Ada decoder: a value or an error status, never
/// a crash and never an internal error (an Ada exception caught at the ABI
/// boundary would mean a check failed on input the code should have
/// validated first).
fn no_internal_error(subject: Subject, bytes: &[u8], le: bool) -> Result<(), TestCaseError> {
    for g in GiopVersion::ALL {
        for style in [AdaStyle::NATIVE, AdaStyle::OMNIORB] {
            let c = case(subject.clone(), order_of(le), g);
            if let Err(e) = decode_once(&AdaBackend::with_style(style), &c, bytes) {
                prop_assert!(
                    !e.to_string().contains("internal error"),
                    "{e} on {bytes:02x?}"
                );
            }
        }
    }
    Ok(())
}

proptest! {
    #[test]
    fn random_bytes_never_break_the_decoders(bytes in proptest::collection::vec(any::<u8>(), 0..96), le: bool, which in 0usize..6) {
        let t = corpus::types();
        let subject = match which {
            0 => Subject::TypeCode(t.node.clone()),
            1 => Subject::Any(Any { tc: t.node.clone(), value: corba_typecode::Value::Nothing }),
            2 => Subject::Static { type_id: corpus::repo_id("Record"), value: corba_typecode::Value::Nothing },
            3 => Subject::Static { type_id: corpus::repo_id("Node"), value: corba_typecode::Value::Nothing },
            4 => Subject::SeqString(vec![]),
            _ => Subject::WString(String::new()),
        };
        no_internal_error(subject, &bytes, le)?;
    }

    /// Valid Any bytes with one octet changed: the decoders must still
    /// answer with a value or a status.
    #[test]
    fn corrupted_anys_never_break_the_decoders(seed: u64, at: usize, x in 1u8..=255, le: bool) {
        let cfg = ada_config();
        let tc = gen::typecode(seed, &cfg);
        let value = gen::value(&tc, seed ^ 0x5eed, &cfg);
        let c = case(Subject::Any(Any { tc, value }), order_of(le), GiopVersion::V1_2);
        let Ok(mut bytes) = encode_once(&AdaBackend::new(), &c) else { return Ok(()) };
        let i = at % bytes.len();
        bytes[i] ^= x;
        no_internal_error(c.subject, &bytes, le)?;
    }
}

/// A struct of ten members of a struct of ten members ... (each level one
/// shared TypeCode, written once and then by indirection) whose leaves are
/// `void`: a few hundred octets describe 10^8 values that take no octets.
/// The Ada value decoder stops once it has built more nodes than the input
/// justifies, and walking the TypeCode back stops at its node budget.
#[test]
fn repeated_zero_size_types_cannot_blow_up() {
    use corba_typecode::{StructMember, TCKind, TypeDesc};
    let mut tc = TypeCode::basic(TCKind::VOID);
    for level in 0..8 {
        let members = (0..10)
            .map(|i| StructMember {
                name: format!("m{i}").into(),
                tc: tc.clone(),
            })
            .collect();
        tc = TypeCode::new(TypeDesc::Struct {
            kind: TCKind::STRUCT,
            id: format!("IDL:x/S{level}:1.0"),
            name: format!("S{level}"),
            members,
        });
    }
    let enc = Encoding::new(ByteOrder::BigEndian, GiopVersion::V1_2);
    let bytes = typecode_to_bytes(&tc, enc, &TcWriteOptions::omniorb()).unwrap();
    assert!(bytes.len() < 2000, "{} octets", bytes.len());
    let any = Subject::Any(Any {
        tc: tc.clone(),
        value: corba_typecode::Value::Nothing,
    });
    let c = case(any, ByteOrder::BigEndian, GiopVersion::V1_2);
    let ada = AdaBackend::with_style(AdaStyle::OMNIORB);
    let start = std::time::Instant::now();
    let e = ada.decoder(&c).unwrap().decode(&bytes).unwrap_err();
    assert!(
        e.to_string().contains("length larger than the bytes left"),
        "{e}"
    );
    // Not a timing assertion: a guard against an unbounded loop.
    assert!(start.elapsed() < std::time::Duration::from_secs(30));
    let tcase = case(
        Subject::TypeCode(tc),
        ByteOrder::BigEndian,
        GiopVersion::V1_2,
    );
    let e = decode_once(&ada, &tcase, &bytes).unwrap_err();
    assert!(e.to_string().contains("too many nodes"), "{e}");
}
