//! Valuetypes (§9.3.4): value tags, null, indirections, repository id lists,
//! codebase URLs, chunking with nested end tags, truncation, value boxes.

use corba_cdr::{ByteOrder, Encoding, GiopVersion, Writer};
use corba_typecode::*;
use std::sync::Arc;

const E: Encoding = Encoding::new(ByteOrder::BigEndian, GiopVersion::V1_2);

fn long() -> TypeCode {
    TypeCode::basic(TCKind::LONG)
}

fn vt(
    name: &str,
    modifier: ValueModifier,
    base: Option<&TypeCode>,
    members: &[(&str, TypeCode)],
) -> TypeCode {
    TypeCode::new(TypeDesc::Value {
        kind: TCKind::VALUE,
        id: format!("IDL:{name}:1.0"),
        name: name.into(),
        modifier,
        concrete_base: base.cloned(),
        members: members
            .iter()
            .map(|(n, t)| ValueMember {
                name: (*n).into(),
                tc: t.clone(),
                visibility: Visibility::PUBLIC,
            })
            .collect(),
    })
}

fn inst(tc: &TypeCode, members: Vec<Value>) -> Value {
    Value::ValueType(Some(Arc::new(ValueInstance {
        tc: tc.clone(),
        members,
    })))
}

fn pair_of(t: &TypeCode) -> TypeCode {
    TypeCode::new(TypeDesc::Struct {
        kind: TCKind::STRUCT,
        id: "IDL:Pair:1.0".into(),
        name: "Pair".into(),
        members: vec![
            StructMember {
                name: "a".into(),
                tc: t.clone(),
            },
            StructMember {
                name: "b".into(),
                tc: t.clone(),
            },
        ],
    })
}

#[test]
fn simple_value_has_exact_bytes() {
    let v_tc = vt("V", ValueModifier::NONE, None, &[("x", long())]);
    let b = value_to_bytes(
        &v_tc,
        &inst(&v_tc, vec![Value::Long(7)]),
        E,
        &EncodeOptions::spec(),
    )
    .unwrap();
    let mut w = Writer::new(E);
    w.write_ulong(0x7fff_ff02);
    w.write_string("IDL:V:1.0").unwrap();
    w.write_long(7);
    assert_eq!(b, w.into_inner());
    // Null.
    let b = value_to_bytes(&v_tc, &Value::ValueType(None), E, &EncodeOptions::spec()).unwrap();
    assert_eq!(b, [0, 0, 0, 0]);
    assert_eq!(
        value_from_bytes(&b, &v_tc, E, &DecodeOptions::spec()).unwrap(),
        Value::ValueType(None)
    );
}

#[test]
fn shared_instances_are_written_once_then_by_indirection() {
    let v_tc = vt("V", ValueModifier::NONE, None, &[("x", long())]);
    let shared = inst(&v_tc, vec![Value::Long(1)]);
    let pair = pair_of(&v_tc);
    let v = Value::Struct(vec![shared.clone(), shared]);
    for chunking in [Chunking::WhenTruncatable, Chunking::Always] {
        let o = EncodeOptions {
            chunking,
            ..EncodeOptions::spec()
        };
        let b = value_to_bytes(&pair, &v, E, &o).unwrap();
        // The tail is the indirection: 0xffffffff and an offset back to the tag at 0.
        let n = b.len();
        assert_eq!(&b[n - 8..n - 4], &[0xff; 4]);
        assert_eq!(
            i32::from_be_bytes(b[n - 4..].try_into().unwrap()) + (n as i32 - 4),
            0
        );
        let back = value_from_bytes(&b, &pair, E, &DecodeOptions::spec()).unwrap();
        let Value::Struct(ms) = &back else { panic!() };
        let (Value::ValueType(Some(a)), Value::ValueType(Some(b2))) = (&ms[0], &ms[1]) else {
            panic!()
        };
        assert!(Arc::ptr_eq(a, b2));
        assert_eq!(back, v);
    }
}

#[test]
fn truncatable_value_is_truncated_to_the_known_base() {
    let base = vt("Base", ValueModifier::NONE, None, &[("b", long())]);
    let inner = vt(
        "Inner",
        ValueModifier::NONE,
        None,
        &[("i", TypeCode::new(TypeDesc::String { bound: 0 }))],
    );
    let derived = vt(
        "Derived",
        ValueModifier::TRUNCATABLE,
        Some(&base),
        &[("d", inner.clone()), ("e", long())],
    );
    let v = inst(
        &derived,
        vec![
            Value::Long(5),
            inst(&inner, vec![Value::String("skip me".into())]),
            Value::Long(9),
        ],
    );
    let b = value_to_bytes(&derived, &v, E, &EncodeOptions::spec()).unwrap();
    // Chunked, with a list of repository ids.
    assert_eq!(&b[0..4], &0x7fff_ff0eu32.to_be_bytes());
    // A reader that only knows Base truncates.
    let got = value_from_bytes(&b, &base, E, &DecodeOptions::spec()).unwrap();
    assert_eq!(got, inst(&base, vec![Value::Long(5)]));
    // A reader that knows Derived reads it all, even with Base as formal type.
    let mut o = DecodeOptions::spec();
    o.value_types.push(derived.clone());
    assert_eq!(value_from_bytes(&b, &base, E, &o).unwrap(), v);
    // A non-truncatable unknown type is refused.
    let other = vt("Other", ValueModifier::NONE, Some(&base), &[("e", long())]);
    let b = value_to_bytes(
        &other,
        &inst(&other, vec![Value::Long(1), Value::Long(2)]),
        E,
        &EncodeOptions::spec(),
    )
    .unwrap();
    let e = value_from_bytes(&b, &base, E, &DecodeOptions::spec()).unwrap_err();
    assert_eq!(
        e.kind,
        TcErrorKind::UnknownValueType("IDL:Other:1.0".into())
    );
}

#[test]
fn one_end_tag_may_close_nested_values() {
    // valuetype Outer { long x; Inner y; }, Inner { long z; }: the inner
    // value's end tag -1 also closes the outer value (§9.3.4.6).
    let inner = vt("Inner", ValueModifier::NONE, None, &[("z", long())]);
    let outer = vt(
        "Outer",
        ValueModifier::NONE,
        None,
        &[("x", long()), ("y", inner.clone())],
    );
    let mut w = Writer::new(E);
    w.write_ulong(0x7fff_ff0a);
    w.write_string("IDL:Outer:1.0").unwrap();
    w.write_long(4);
    w.write_long(1);
    w.write_ulong(0x7fff_ff0a);
    w.write_string("IDL:Inner:1.0").unwrap();
    w.write_long(4);
    w.write_long(2);
    w.write_long(-1);
    let got = value_from_bytes(w.as_bytes(), &outer, E, &DecodeOptions::spec()).unwrap();
    assert_eq!(
        got,
        inst(
            &outer,
            vec![Value::Long(1), inst(&inner, vec![Value::Long(2)])]
        )
    );
    // The encoder writes -2 then -1; both forms decode to the same value.
    let b = value_to_bytes(
        &outer,
        &got,
        E,
        &EncodeOptions {
            chunking: Chunking::Always,
            ..EncodeOptions::spec()
        },
    )
    .unwrap();
    assert_eq!(
        &b[b.len() - 8..],
        &[0xff, 0xff, 0xff, 0xfe, 0xff, 0xff, 0xff, 0xff]
    );
    assert_eq!(
        value_from_bytes(&b, &outer, E, &DecodeOptions::spec()).unwrap(),
        got
    );
    // Data after the closing end tag, for the already closed outer value, is refused.
    let outer2 = vt(
        "Outer",
        ValueModifier::NONE,
        None,
        &[("x", long()), ("y", inner.clone()), ("w", long())],
    );
    let mut w2 = Writer::new(E);
    w2.write_bytes(w.as_bytes());
    w2.write_long(4);
    w2.write_long(3);
    let e = value_from_bytes(w2.as_bytes(), &outer2, E, &DecodeOptions::spec()).unwrap_err();
    assert!(matches!(e.kind, TcErrorKind::BadEndTag { .. }), "{e}");
}

#[test]
fn codebase_url_and_repository_id_indirection() {
    let v_tc = vt("V", ValueModifier::NONE, None, &[("x", long())]);
    let pair = pair_of(&v_tc);
    let mut w = Writer::new(E);
    w.write_ulong(0x7fff_ff03); // codebase + one repository id
    w.write_string("http://example.invalid/classes").unwrap();
    w.align(4);
    let id_at = w.len();
    w.write_string("IDL:V:1.0").unwrap();
    w.write_long(1);
    w.write_ulong(0x7fff_ff02);
    w.write_ulong(0xffff_ffff); // the repository id by indirection
    let here = w.len() as i32;
    w.write_long(id_at as i32 - here);
    w.write_long(2);
    let got = value_from_bytes(w.as_bytes(), &pair, E, &DecodeOptions::spec()).unwrap();
    assert_eq!(
        got,
        Value::Struct(vec![
            inst(&v_tc, vec![Value::Long(1)]),
            inst(&v_tc, vec![Value::Long(2)])
        ])
    );
}

#[test]
fn value_box_and_recursive_value() {
    let boxed = TypeCode::new(TypeDesc::ValueBox {
        id: "IDL:BoxedString:1.0".into(),
        name: "BoxedString".into(),
        content: TypeCode::new(TypeDesc::String { bound: 0 }),
    });
    for v in [
        inst(&boxed, vec![Value::String("boxed".into())]),
        Value::ValueType(None),
    ] {
        let b = value_to_bytes(&boxed, &v, E, &EncodeOptions::spec()).unwrap();
        assert_eq!(
            value_from_bytes(&b, &boxed, E, &DecodeOptions::spec()).unwrap(),
            v
        );
    }
    // valuetype Tree { long n; sequence<Tree> kids; }
    let kids = TypeCode::new(TypeDesc::Sequence {
        element: TypeCode::new(TypeDesc::Recursive {
            id: "IDL:Tree:1.0".into(),
        }),
        bound: 0,
    });
    let tree = vt(
        "Tree",
        ValueModifier::NONE,
        None,
        &[("n", long()), ("kids", kids)],
    );
    let leaf = |n| inst(&tree, vec![Value::Long(n), Value::Seq(vec![])]);
    let v = inst(
        &tree,
        vec![
            Value::Long(0),
            Value::Seq(vec![leaf(1), Value::ValueType(None), leaf(2)]),
        ],
    );
    for chunking in [Chunking::WhenTruncatable, Chunking::Always] {
        let o = EncodeOptions {
            chunking,
            ..EncodeOptions::spec()
        };
        let b = value_to_bytes(&tree, &v, E, &o).unwrap();
        assert_eq!(
            value_from_bytes(&b, &tree, E, &DecodeOptions::spec()).unwrap(),
            v
        );
        let tcb = typecode_to_bytes(&tree, E, &TcWriteOptions::spec()).unwrap();
        assert_eq!(
            typecode_from_bytes(&tcb, E, &DecodeOptions::spec()).unwrap(),
            tree
        );
    }
}

#[test]
fn abstract_interface_carries_an_objref_or_a_value() {
    let ai = TypeCode::new(TypeDesc::Interface {
        kind: TCKind::ABSTRACT_INTERFACE,
        id: "IDL:AI:1.0".into(),
        name: "AI".into(),
    });
    let v_tc = vt("V", ValueModifier::NONE, None, &[("x", long())]);
    let o = Value::ObjRef(ObjectRef {
        type_id: "IDL:AI:1.0".into(),
        profiles: vec![(0, vec![1, 2, 3])],
    });
    let b = value_to_bytes(&ai, &o, E, &EncodeOptions::spec()).unwrap();
    assert_eq!(b[0], 1);
    assert_eq!(
        value_from_bytes(&b, &ai, E, &DecodeOptions::spec()).unwrap(),
        o
    );
    let v = inst(&v_tc, vec![Value::Long(3)]);
    let b = value_to_bytes(&ai, &v, E, &EncodeOptions::spec()).unwrap();
    assert_eq!(b[0], 0);
    let mut d = DecodeOptions::spec();
    d.value_types.push(v_tc);
    assert_eq!(value_from_bytes(&b, &ai, E, &d).unwrap(), v);
}

#[test]
fn custom_valuetypes_are_refused_not_guessed() {
    let c = vt("C", ValueModifier::CUSTOM, None, &[("x", long())]);
    let e = value_to_bytes(
        &c,
        &inst(&c, vec![Value::Long(1)]),
        E,
        &EncodeOptions::spec(),
    )
    .unwrap_err();
    assert_eq!(
        e.kind,
        TcErrorKind::Unsupported("custom-marshalled valuetypes")
    );
}
