//! Backend-only checks (no Rust encoder involved): omniORB round trips its
//! own bytes back to the value it was built from, and the corpus stubs
//! are reachable.

use bench_ops::{decode_once, encode_once, Backend, Case, Params, Subject};
use corba_cdr::{ByteOrder, GiopVersion};
use corba_typecode::{Any, PrimSeq, StructMember, TCKind, TypeCode, TypeDesc, UnionMember, Value};
use legacy_omniorb::{static_typecode, OmniOrb, OmniTypeCode};

fn case(subject: Subject, order: ByteOrder, giop: GiopVersion) -> Case {
    Case {
        subject,
        params: Params::new(order, giop),
    }
}

fn round_trip(subject: Subject) {
    round_trip_in(
        subject,
        &[GiopVersion::V1_0, GiopVersion::V1_1, GiopVersion::V1_2],
    );
}

fn round_trip_in(subject: Subject, versions: &[GiopVersion]) {
    for order in [ByteOrder::BigEndian, ByteOrder::LittleEndian] {
        for &giop in versions {
            let c = case(subject.clone(), order, giop);
            let bytes = encode_once(&OmniOrb, &c).unwrap_or_else(|e| panic!("{e} for {c:?}"));
            let back =
                decode_once(&OmniOrb, &c, &bytes).unwrap_or_else(|e| panic!("{e} for {c:?}"));
            assert_eq!(back, subject, "{order:?} {giop}: {bytes:02x?}");
        }
    }
}

#[test]
fn name_is_omniorb() {
    assert_eq!(OmniOrb.name(), "omniorb");
}

#[test]
fn sequences_and_strings_round_trip() {
    round_trip(Subject::SeqLong(vec![1, -2, i32::MAX]));
    round_trip(Subject::SeqDouble(vec![1.5, -0.0]));
    round_trip(Subject::SeqOctet(vec![0, 255, 7]));
    round_trip(Subject::SeqString(vec![
        "a".into(),
        String::new(),
        "caf\u{e9}".into(),
    ]));
    round_trip(Subject::String("hello \u{ff}".into()));
    round_trip_in(
        Subject::WString("w\u{e9}\u{1F600}".into()),
        &[GiopVersion::V1_2],
    );
}

#[test]
fn sequence_of_long_bytes_big_endian() {
    let c = case(
        Subject::SeqLong(vec![1, 2]),
        ByteOrder::BigEndian,
        GiopVersion::V1_2,
    );
    assert_eq!(
        encode_once(&OmniOrb, &c).unwrap(),
        [0, 0, 0, 2, 0, 0, 0, 1, 0, 0, 0, 2]
    );
}

#[test]
fn wstring_before_giop_1_2_is_unsupported() {
    for giop in [GiopVersion::V1_0, GiopVersion::V1_1] {
        let c = case(Subject::WString("x".into()), ByteOrder::BigEndian, giop);
        assert!(matches!(
            encode_once(&OmniOrb, &c),
            Err(bench_ops::BackendError::Unsupported { .. })
        ));
    }
}

#[test]
fn wstring_bytes_carry_omniorbs_native_bom() {
    let c = case(
        Subject::WString("w\u{e9}".into()),
        ByteOrder::BigEndian,
        GiopVersion::V1_2,
    );
    let bytes = encode_once(&OmniOrb, &c).unwrap();
    // Length 6 (BOM + 2 units), BOM and units in the host's order.
    let bom = 0xFEFFu16.to_ne_bytes();
    let w = u16::from(b'w').to_ne_bytes();
    let e = 0xE9u16.to_ne_bytes();
    assert_eq!(bytes, [&[0, 0, 0, 6][..], &bom, &w, &e].concat());
}

#[test]
fn unrepresentable_string_fails() {
    let c = case(
        Subject::String("\u{263a}".into()),
        ByteOrder::BigEndian,
        GiopVersion::V1_2,
    );
    let r = encode_once(&OmniOrb, &c);
    assert!(r.is_err(), "{r:?}");
}

fn point() -> TypeCode {
    let d = TypeCode::basic(TCKind::DOUBLE);
    TypeCode::new(TypeDesc::Struct {
        kind: TCKind::STRUCT,
        id: "IDL:giopbench.org/Bench/Point:1.0".into(),
        name: "Point".into(),
        members: vec![
            StructMember {
                name: "x".into(),
                tc: d.clone(),
            },
            StructMember {
                name: "y".into(),
                tc: d,
            },
        ],
    })
}

#[test]
fn typecodes_round_trip_through_omniorb() {
    let node = static_typecode("IDL:giopbench.org/Bench/Node:1.0").unwrap();
    let record = static_typecode("IDL:giopbench.org/Bench/Record:1.0").unwrap();
    for tc in [point(), node, record] {
        let omni = OmniTypeCode::from_rust(&tc).unwrap();
        assert_eq!(omni.to_rust().unwrap(), tc);
        round_trip(Subject::TypeCode(tc));
    }
}

#[test]
fn recursive_node_typecode_walks_back_with_a_placeholder() {
    let node = static_typecode("IDL:giopbench.org/Bench/Node:1.0").unwrap();
    let TypeDesc::Struct { members, .. } = node.desc() else {
        panic!("{node:?}")
    };
    let TypeDesc::Alias { content, .. } = members[2].tc.desc() else {
        panic!("{node:?}")
    };
    let TypeDesc::Sequence { element, .. } = content.desc() else {
        panic!("{node:?}")
    };
    assert_eq!(
        element.desc(),
        &TypeDesc::Recursive {
            id: "IDL:giopbench.org/Bench/Node:1.0".into()
        }
    );
}

#[test]
fn any_of_struct_and_union_round_trip() {
    round_trip(Subject::Any(Any {
        tc: point(),
        value: Value::Struct(vec![Value::Double(1.0), Value::Double(-2.5)]),
    }));
    let shape = static_typecode("IDL:giopbench.org/Bench/Shape:1.0").unwrap();
    for (d, m) in [
        (1, Some(Value::Double(3.0))),
        (3, Some(Value::String("label".into()))),
        (99, Some(Value::Long(7))),
    ] {
        round_trip(Subject::Any(Any {
            tc: shape.clone(),
            value: Value::Union {
                discriminator: Box::new(Value::Long(d)),
                member: m.map(Box::new),
            },
        }));
    }
    let seq = TypeCode::new(TypeDesc::Sequence {
        element: TypeCode::basic(TCKind::LONG),
        bound: 0,
    });
    round_trip(Subject::Any(Any {
        tc: seq,
        value: Value::Prim(PrimSeq::Long(vec![1, 2, 3])),
    }));
    let any_in_any = Any {
        tc: TypeCode::basic(TCKind::ANY),
        value: Value::Any(Box::new(Any {
            tc: TypeCode::basic(TCKind::SHORT),
            value: Value::Short(-3),
        })),
    };
    round_trip(Subject::Any(any_in_any));
}

#[test]
fn union_without_default_and_no_matching_label() {
    let tc = TypeCode::new(TypeDesc::Union {
        id: "IDL:t/U:1.0".into(),
        name: "U".into(),
        discriminator: TypeCode::basic(TCKind::SHORT),
        default_index: -1,
        members: vec![UnionMember {
            label: 1,
            name: "a".into(),
            tc: TypeCode::basic(TCKind::LONG),
        }],
    });
    round_trip(Subject::Any(Any {
        tc,
        value: Value::Union {
            discriminator: Box::new(Value::Short(5)),
            member: None,
        },
    }));
}

#[test]
fn static_node_round_trip() {
    let leaf = |l: &str, w| {
        Value::Struct(vec![
            Value::String(l.into()),
            Value::Long(w),
            Value::Seq(vec![]),
        ])
    };
    let tree = Value::Struct(vec![
        Value::String("root".into()),
        Value::Long(1),
        Value::Seq(vec![leaf("a", 2), leaf("b", 3)]),
    ]);
    round_trip(Subject::Static {
        type_id: "IDL:giopbench.org/Bench/Node:1.0".into(),
        value: tree,
    });
}

fn union_of(disc: TCKind, labels: &[i128]) -> TypeCode {
    TypeCode::new(TypeDesc::Union {
        id: "IDL:t/V:1.0".into(),
        name: "V".into(),
        discriminator: TypeCode::basic(disc),
        default_index: -1,
        members: labels
            .iter()
            .enumerate()
            .map(|(i, &label)| UnionMember {
                label,
                name: format!("m{i}").into(),
                tc: TypeCode::basic(TCKind::LONG),
            })
            .collect(),
    })
}

/// corpus/known_divergences.md: omniorb-union-wchar-discriminator and
/// omniorb-union-negative-short-label.
#[test]
fn union_discriminators_omniorb_rejects() {
    use corba_typecode::{typecode_to_bytes, TcWriteOptions};
    let cant_create = |disc, label| {
        let r = OmniTypeCode::from_rust(&union_of(disc, &[label]));
        assert!(
            matches!(&r, Err(legacy_omniorb::Error::Failed(m)) if m.contains("BAD_PARAM")),
            "{disc:?} {label}: {r:?}"
        );
    };
    cant_create(TCKind::WCHAR, 65);
    cant_create(TCKind::SHORT, -1);
    for (disc, label) in [
        (TCKind::SHORT, 1),
        (TCKind::LONG, -1),
        (TCKind::LONGLONG, -1),
        (TCKind::CHAR, 200),
        (TCKind::ULONGLONG, u64::MAX as i128),
    ] {
        let tc = union_of(disc, &[label]);
        assert_eq!(OmniTypeCode::from_rust(&tc).unwrap().to_rust().unwrap(), tc);
    }
    // From the wire: wchar is rejected, a negative short label accepted.
    let enc = corba_cdr::Encoding::new(ByteOrder::BigEndian, GiopVersion::V1_2);
    for (disc, label, ok) in [(TCKind::WCHAR, 65, false), (TCKind::SHORT, -1, true)] {
        let tc = union_of(disc, &[label]);
        let bytes = typecode_to_bytes(&tc, enc, &TcWriteOptions::omniorb()).unwrap();
        let c = case(
            Subject::TypeCode(tc.clone()),
            ByteOrder::BigEndian,
            GiopVersion::V1_2,
        );
        let r = decode_once(&OmniOrb, &c, &bytes);
        assert_eq!(r.is_ok(), ok, "{disc:?}: {r:?}");
        if ok {
            assert_eq!(r.unwrap(), Subject::TypeCode(tc));
        }
    }
}

/// omniorb-union-default-label: omniORB writes the default member's label
/// as a zero of the discriminator type and reads it the same way. The
/// spec's zero octet plus alignment padding happens to read the same for
/// discriminators up to 4 octets; for `long long` it does not.
#[test]
fn default_label_layouts_omniorb_reads() {
    use corba_typecode::{typecode_to_bytes, DefaultLabel, TcWriteOptions};
    for disc in [TCKind::LONG, TCKind::LONGLONG] {
        let tc = TypeCode::new(TypeDesc::Union {
            id: "IDL:t/D:1.0".into(),
            name: "D".into(),
            discriminator: TypeCode::basic(disc),
            default_index: 1,
            members: vec![
                UnionMember {
                    label: 5,
                    name: "a".into(),
                    tc: TypeCode::basic(TCKind::LONG),
                },
                UnionMember {
                    label: 0,
                    name: "d".into(),
                    tc: TypeCode::basic(TCKind::SHORT),
                },
            ],
        });
        for dl in [DefaultLabel::ZeroOctet, DefaultLabel::ZeroOfDiscriminator] {
            let enc = corba_cdr::Encoding::new(ByteOrder::BigEndian, GiopVersion::V1_2);
            let opts = TcWriteOptions {
                default_label: dl,
                ..TcWriteOptions::spec()
            };
            let bytes = typecode_to_bytes(&tc, enc, &opts).unwrap();
            let c = case(
                Subject::TypeCode(tc.clone()),
                ByteOrder::BigEndian,
                GiopVersion::V1_2,
            );
            let r = decode_once(&OmniOrb, &c, &bytes);
            let reads = matches!(&r, Ok(s) if *s == Subject::TypeCode(tc.clone()));
            let expect = dl == DefaultLabel::ZeroOfDiscriminator || disc == TCKind::LONG;
            assert_eq!(reads, expect, "{disc:?} {dl:?}: {r:?}");
        }
    }
}

/// omniorb-long-double: omniORB marshals `long double` as the x87 80-bit
/// extended format (64-bit mantissa with explicit integer bit, 15-bit
/// exponent, sign) in the low 10 octets of the 16, the other 6 octets
/// uninitialised, instead of IEEE 754 binary128 (§9.3.1.3).
#[test]
fn long_double_is_x87_extended_not_binary128() {
    for v in [1.0f64, -2.5, 1e300, -3.0e-300] {
        let bits = v.to_bits();
        let sign = (bits >> 63) as u16;
        let exp = ((bits >> 52) & 0x7ff) as u16;
        let frac = bits & ((1 << 52) - 1);
        let x87_exp = (sign << 15) | (exp + 16383 - 1023);
        let x87_mant = (1u64 << 63) | (frac << 11);
        // binary128: sign, 15-bit exponent, 112-bit fraction.
        let b128 = (u128::from(sign) << 127)
            | (u128::from(exp + 16383 - 1023) << 112)
            | (u128::from(frac) << 60);
        for order in [ByteOrder::BigEndian, ByteOrder::LittleEndian] {
            let b = legacy_omniorb::long_double_any_bytes(v, order).unwrap();
            // TypeCode kind (4 octets), padding to 8, then the 16 octets.
            assert_eq!(b.len(), 24);
            let value = &b[8..24];
            let mut le = value.to_vec();
            if order == ByteOrder::BigEndian {
                le.reverse();
            }
            assert_eq!(&le[0..8], x87_mant.to_le_bytes(), "{v} {order:?}: {b:02x?}");
            assert_eq!(&le[8..10], x87_exp.to_le_bytes(), "{v} {order:?}: {b:02x?}");
            // (octets 10..16 are uninitialised: not compared)
            assert_ne!(
                le[..10],
                b128.to_le_bytes()[..10],
                "{v} {order:?}: omniORB wrote binary128"
            );
        }
    }
}

/// A struct named after its repository id (`IDL:x/Order:1.0`: `Order`).
fn struct_of(id: &str, members: &[(&str, TypeCode)]) -> TypeCode {
    let name = id.rsplit('/').next().and_then(|s| s.split(':').next());
    TypeCode::new(TypeDesc::Struct {
        kind: TCKind::STRUCT,
        id: id.into(),
        name: name.unwrap_or(id).into(),
        members: members
            .iter()
            .map(|(n, tc)| StructMember {
                name: (*n).into(),
                tc: tc.clone(),
            })
            .collect(),
    })
}

#[test]
fn typecodes_omniorb_cannot_build_are_refused_through_the_bridge() {
    let mut deep = TypeCode::basic(TCKind::LONG);
    for _ in 0..100 {
        deep = TypeCode::sequence(&deep, 0);
    }
    let e = OmniTypeCode::from_rust(&deep).unwrap_err();
    assert_eq!(
        e,
        legacy_omniorb::Error::Failed("TypeCode: nesting deeper than the budget of 64".into())
    );
    let event = TypeCode::new(TypeDesc::Value {
        kind: TCKind::EVENT,
        id: "IDL:x/E:1.0".into(),
        name: "E".into(),
        modifier: corba_typecode::ValueModifier(0),
        concrete_base: None,
        members: Vec::new(),
    });
    let e = OmniTypeCode::from_rust(&struct_of("IDL:x/S:1.0", &[("e", event)])).unwrap_err();
    assert!(
        matches!(&e, legacy_omniorb::Error::Unsupported(w) if w.contains("no create operation")),
        "{e}"
    );
    let (a, b) = ("IDL:x/A:1.0", "IDL:x/B:1.0");
    let seq =
        |id: &str| TypeCode::sequence(&TypeCode::new(TypeDesc::Recursive { id: id.into() }), 0);
    let mixed = struct_of(a, &[("b", struct_of(b, &[("me", seq(b)), ("up", seq(a))]))]);
    assert!(legacy_omniorb::mixed_recursion(&mixed));
    assert!(matches!(
        OmniTypeCode::from_rust(&mixed),
        Err(legacy_omniorb::Error::Unsupported(_))
    ));
}

#[test]
fn a_bad_value_names_its_member_path() {
    let tc = struct_of(
        "IDL:x/Order:1.0",
        &[
            ("n", TypeCode::basic(TCKind::LONG)),
            (
                "items",
                TypeCode::sequence(&TypeCode::new(TypeDesc::String { bound: 0 }), 0),
            ),
        ],
    );
    let value = Value::Struct(vec![
        Value::Long(1),
        Value::Seq(vec![Value::String("ok".into()), Value::Long(5)]),
    ]);
    let c = case(
        Subject::Any(Any { tc, value }),
        ByteOrder::BigEndian,
        GiopVersion::V1_2,
    );
    let e = encode_once(&OmniOrb, &c).unwrap_err();
    assert!(
        e.to_string()
            .contains("at items[1]: value Long(5) does not conform to TypeCode"),
        "{e}"
    );
}
