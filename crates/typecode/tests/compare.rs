//! equal, equivalent and get_compact_typecode (Part 1, TypeCode interface).

use corba_typecode::corpus::types;
use corba_typecode::*;

fn long() -> TypeCode {
    TypeCode::basic(TCKind::LONG)
}

#[test]
fn equal_is_strict_about_names_and_aliases() {
    let a = TypeCode::structure("IDL:S:1.0", "S", &[("x", long())]);
    let b = TypeCode::structure("IDL:S:1.0", "S", &[("y", long())]);
    assert!(equal(&a, &a.clone()));
    assert!(!equal(&a, &b));
    let aliased = TypeCode::alias("IDL:L:1.0", "L", &long());
    assert!(!equal(&aliased, &long()));
    assert!(equivalent(&aliased, &long()));
}

#[test]
fn equivalent_uses_ids_when_both_have_them() {
    let a = TypeCode::structure("IDL:S:1.0", "S", &[("x", long())]);
    let renamed = TypeCode::structure(
        "IDL:S:1.0",
        "Other",
        &[("y", TypeCode::basic(TCKind::SHORT))],
    );
    // Same non-empty id: equivalent whatever the rest says (the spec's rule).
    assert!(equivalent(&a, &renamed));
    let other_id = TypeCode::structure("IDL:T:1.0", "S", &[("x", long())]);
    assert!(!equivalent(&a, &other_id));
    // An empty id: structure decides, names ignored.
    let anon = TypeCode::structure(
        "",
        "Z",
        &[("z", TypeCode::alias("IDL:L:1.0", "L", &long()))],
    );
    assert!(equivalent(&a, &anon));
    let anon_short = TypeCode::structure("", "Z", &[("z", TypeCode::basic(TCKind::SHORT))]);
    assert!(!equivalent(&a, &anon_short));
}

#[test]
fn equivalent_follows_recursion() {
    let node = types().node.clone();
    let again = corpus::BenchTypes::build().node;
    assert!(equivalent(&node, &again));
    // Same shape, no ids: the recursive references are followed.
    let anon = |id: &str| {
        TypeCode::structure(
            id,
            "N",
            &[
                ("kids", TypeCode::sequence(&TypeCode::recursive(id), 0)),
                ("w", long()),
            ],
        )
    };
    assert!(equivalent(&anon("IDL:A:1.0"), &anon("IDL:A:1.0")));
    // Empty ids: compared structurally through the recursive references.
    assert!(equivalent(&anon(""), &anon("")));
    assert!(equivalent(&anon(""), &anon("IDL:A:1.0")));
    let no_id = TypeCode::new(TypeDesc::Struct {
        kind: TCKind::STRUCT,
        id: String::new(),
        name: "N".into(),
        members: vec![StructMember {
            name: "w".into(),
            tc: long(),
        }],
    });
    assert!(!equivalent(&anon("IDL:A:1.0"), &no_id));
}

#[test]
fn compact_drops_names_keeps_ids_aliases_and_recursion() {
    let c = compact(&types().record_seq);
    let TypeDesc::Alias { name, id, content } = c.desc() else {
        panic!()
    };
    assert!(name.is_empty());
    assert_eq!(id, "IDL:giopbench.org/Bench/RecordSeq:1.0");
    let TypeDesc::Sequence { element, .. } = content.desc() else {
        panic!()
    };
    let TypeDesc::Struct { members, .. } = element.desc() else {
        panic!()
    };
    assert!(members.iter().all(|m| m.name.is_empty()));
    assert!(equivalent(&c, &types().record_seq));
    assert!(!equal(&c, &types().record_seq));
    let n = compact(&types().node);
    assert!(equivalent(&n, &types().node));
    // Compact TypeCodes still marshal, recursion included.
    let e = corba_cdr::Encoding::new(
        corba_cdr::ByteOrder::BigEndian,
        corba_cdr::GiopVersion::V1_2,
    );
    let b = typecode_to_bytes(&n, e, &TcWriteOptions::spec()).unwrap();
    assert_eq!(
        typecode_from_bytes(&b, e, &DecodeOptions::spec()).unwrap(),
        n
    );
}

/// struct S40 { S39 a; S39 b; } ... : 2^40 leaves as a tree, 40 distinct
/// TypeCodes as a DAG. With repeated indirections its encoding is small,
/// and nothing here may take time exponential in the depth.
#[test]
fn shared_typecodes_stay_linear() {
    let mut t = long();
    for i in 0..40 {
        let id = format!("IDL:S{i}:1.0");
        t = TypeCode::structure(&id, "S", &[("a", t.clone()), ("b", t.clone())]);
    }
    let e = corba_cdr::Encoding::new(
        corba_cdr::ByteOrder::LittleEndian,
        corba_cdr::GiopVersion::V1_2,
    );
    let b = typecode_to_bytes(&t, e, &TcWriteOptions::omniorb()).unwrap();
    assert!(b.len() < 4000, "{}", b.len());
    let back = typecode_from_bytes(&b, e, &DecodeOptions::omniorb()).unwrap();
    assert!(equal(&back, &t));
    assert!(equivalent(&back, &t));
    let c = compact(&back);
    assert!(equivalent(&c, &t));
    let plan = Plan::compile(&back).unwrap();
    assert!(plan.len() < 200, "{}", plan.len());
    assert_eq!(
        typecode_to_bytes(&back, e, &TcWriteOptions::omniorb()).unwrap(),
        b
    );
}

#[test]
fn expanding_a_shared_typecode_without_indirections_is_refused() {
    let mut t = long();
    for i in 0..30 {
        t = TypeCode::structure(
            &format!("IDL:S{i}:1.0"),
            "S",
            &[("a", t.clone()), ("b", t.clone())],
        );
    }
    let e = corba_cdr::Encoding::new(
        corba_cdr::ByteOrder::LittleEndian,
        corba_cdr::GiopVersion::V1_2,
    );
    let err = typecode_to_bytes(&t, e, &TcWriteOptions::spec()).unwrap_err();
    assert!(matches!(err.kind, TcErrorKind::Unsupported(_)), "{err}");
    assert!(typecode_to_bytes(&t, e, &TcWriteOptions::omniorb()).is_ok());
}
