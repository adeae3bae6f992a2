//! Every bad-input case of issue 3: each returns a typed error (no panic),
//! quickly, without allocating what the input cannot justify.

use corba_cdr::{ByteOrder, Encoding, ErrorKind, GiopVersion, Writer};
use corba_typecode::*;

const E: Encoding = Encoding::new(ByteOrder::BigEndian, GiopVersion::V1_2);

fn w() -> Writer {
    Writer::new(E)
}

fn tc_err(bytes: &[u8]) -> TcError {
    typecode_from_bytes(bytes, E, &DecodeOptions::spec()).expect_err("must be rejected")
}

fn any_err(bytes: &[u8]) -> TcError {
    any_from_bytes(bytes, E, &DecodeOptions::spec()).expect_err("must be rejected")
}

/// Writes an indirection whose target is the absolute position `target`.
fn indirect(w: &mut Writer, target: usize) {
    w.write_ulong(0xffff_ffff);
    let here = w.len() as i64;
    w.write_long((target as i64 - here) as i32);
}

/// A struct TypeCode whose members are written by `body` (after the count).
fn struct_tc(w: &mut Writer, id: &str, n: u32, body: impl FnOnce(&mut Writer)) -> usize {
    w.align(4);
    let start = w.len();
    w.write_ulong(15);
    w.write_encapsulation(ByteOrder::BigEndian, |w| {
        w.write_string(id).unwrap();
        w.write_string("S").unwrap();
        w.write_ulong(n);
        body(w);
    });
    start
}

#[test]
fn indirection_to_itself() {
    let mut b = w();
    b.write_ulong(0xffff_ffff);
    b.write_long(-4);
    let e = tc_err(b.as_bytes());
    assert_eq!(e.kind, TcErrorKind::BadIndirection { offset: -4 });
}

#[test]
fn indirection_forward_or_to_offset_zero_of_itself() {
    let mut b = w();
    b.write_ulong(0xffff_ffff);
    b.write_long(8);
    b.write_ulong(3);
    assert!(matches!(
        tc_err(b.as_bytes()).kind,
        TcErrorKind::BadIndirection { offset: 8 }
    ));
}

#[test]
fn indirection_outside_the_buffer() {
    let mut b = w();
    b.write_ulong(0xffff_ffff);
    b.write_long(-1000);
    assert!(matches!(
        tc_err(b.as_bytes()).kind,
        TcErrorKind::BadIndirection { offset: -1000 }
    ));
    // And in a member, pointing before the start of the input.
    let mut b = w();
    struct_tc(&mut b, "IDL:S:1.0", 1, |w| {
        w.write_string("m").unwrap();
        w.write_ulong(0xffff_ffff);
        w.write_long(i32::MIN);
    });
    let e = tc_err(b.as_bytes());
    assert!(
        matches!(e.kind, TcErrorKind::BadIndirection { offset: i32::MIN }),
        "{e}"
    );
    assert_eq!(e.path_string(), "m");
}

#[test]
fn indirection_to_the_middle_of_a_typecode() {
    let mut b = w();
    struct_tc(&mut b, "IDL:S:1.0", 1, |w| {
        w.write_string("m").unwrap();
        // Position 4 is the encapsulation length, not a TypeCode start.
        indirect(w, 4);
    });
    assert!(matches!(
        tc_err(b.as_bytes()).kind,
        TcErrorKind::BadIndirection { .. }
    ));
}

#[test]
fn indirection_to_another_indirection() {
    let mut b = w();
    let mut point_at = 0;
    let mut second_at = 0;
    struct_tc(&mut b, "IDL:S:1.0", 3, |w| {
        w.write_string("a").unwrap();
        w.align(4);
        point_at = w.len();
        w.write_ulong(3); // tk_long: a TypeCode start
        w.write_string("b").unwrap();
        w.align(4);
        second_at = w.len();
        indirect(w, point_at); // valid: to tk_long
        w.write_string("c").unwrap();
        indirect(w, second_at); // invalid: to an indirection
    });
    let e = tc_err(b.as_bytes());
    assert!(matches!(e.kind, TcErrorKind::BadIndirection { .. }), "{e}");
    assert_eq!(e.path_string(), "c");
}

#[test]
fn valid_indirection_to_a_finished_typecode_reuses_it() {
    let mut b = w();
    let mut first = 0;
    struct_tc(&mut b, "IDL:S:1.0", 2, |w| {
        w.write_string("a").unwrap();
        w.align(4);
        first = w.len();
        w.write_ulong(18);
        w.write_ulong(5); // string<5>
        w.write_string("b").unwrap();
        indirect(w, first);
    });
    let tc = typecode_from_bytes(b.as_bytes(), E, &DecodeOptions::spec()).unwrap();
    let TypeDesc::Struct { members, .. } = tc.desc() else {
        panic!()
    };
    assert!(std::sync::Arc::ptr_eq(&members[0].tc.0, &members[1].tc.0));
}

#[test]
fn cycle_of_three_alias_indirections() {
    let mut b = w();
    let alias = |w: &mut Writer, name: &str, inner: &mut dyn FnMut(&mut Writer)| {
        w.align(4);
        w.write_ulong(21);
        w.write_encapsulation(ByteOrder::BigEndian, |w| {
            w.write_string(&format!("IDL:{name}:1.0")).unwrap();
            w.write_string(name).unwrap();
            inner(w);
        });
    };
    alias(&mut b, "A", &mut |w| {
        alias(w, "B", &mut |w| {
            alias(w, "C", &mut |w| indirect(w, 0));
        })
    });
    let e = tc_err(b.as_bytes());
    assert_eq!(e.kind, TcErrorKind::IllegalRecursion(TCKind::ALIAS), "{e}");
}

#[test]
fn counts_larger_than_the_bytes_left() {
    // Struct members.
    let mut b = w();
    struct_tc(&mut b, "IDL:S:1.0", 0x1000_0000, |_| {});
    assert!(matches!(
        tc_err(b.as_bytes()).kind,
        TcErrorKind::Cdr(ErrorKind::LengthTooLarge {
            length: 0x1000_0000,
            ..
        })
    ));
    // Enumerators.
    let mut b = w();
    b.write_ulong(17);
    b.write_encapsulation(ByteOrder::BigEndian, |w| {
        w.write_string("IDL:E:1.0").unwrap();
        w.write_string("E").unwrap();
        w.write_ulong(u32::MAX);
    });
    assert!(matches!(
        tc_err(b.as_bytes()).kind,
        TcErrorKind::Cdr(ErrorKind::LengthTooLarge { .. })
    ));
    // Union members (labels).
    let mut b = w();
    b.write_ulong(16);
    b.write_encapsulation(ByteOrder::BigEndian, |w| {
        w.write_string("IDL:U:1.0").unwrap();
        w.write_string("U").unwrap();
        w.write_ulong(3); // tk_long discriminator
        w.write_long(-1);
        w.write_ulong(0x7fff_ffff);
    });
    assert!(matches!(
        tc_err(b.as_bytes()).kind,
        TcErrorKind::Cdr(ErrorKind::LengthTooLarge { .. })
    ));
    // A sequence value count.
    let mut b = w();
    encode_typecode(
        &mut b,
        &TypeCode::new(TypeDesc::Sequence {
            element: corpus::types().point.clone(),
            bound: 0,
        }),
        &TcWriteOptions::spec(),
    )
    .unwrap();
    b.write_ulong(0xffff_fff0);
    assert!(matches!(
        any_err(b.as_bytes()).kind,
        TcErrorKind::Cdr(ErrorKind::LengthTooLarge { .. })
    ));
    // An encapsulation length beyond the input.
    let mut b = w();
    b.write_ulong(15);
    b.write_ulong(1_000_000);
    b.write_octet(0);
    assert!(matches!(
        tc_err(b.as_bytes()).kind,
        TcErrorKind::Cdr(ErrorKind::EncapsulationOverrun { .. })
    ));
}

#[test]
fn unknown_tckind() {
    for k in [37u32, 0x7f, 0xffff_fffe] {
        let mut b = w();
        b.write_ulong(k);
        assert_eq!(tc_err(b.as_bytes()).kind, TcErrorKind::UnknownKind(k));
    }
}

#[test]
fn enum_value_out_of_range() {
    let t = corpus::types();
    let mut b = w();
    encode_typecode(&mut b, &t.color, &TcWriteOptions::spec()).unwrap();
    b.write_ulong(5);
    let e = any_err(b.as_bytes());
    assert_eq!(e.kind, TcErrorKind::EnumOutOfRange { value: 5, count: 5 });
    assert_eq!(e.path_string(), "Color");
    // An enum union label out of range, in the TypeCode itself.
    let mut b = w();
    b.write_ulong(16);
    b.write_encapsulation(ByteOrder::BigEndian, |w| {
        w.write_string("IDL:U:1.0").unwrap();
        w.write_string("U").unwrap();
        encode_typecode(w, &t.color, &TcWriteOptions::spec()).unwrap();
        w.write_long(-1);
        w.write_ulong(1);
        w.write_ulong(9); // label: enumerator 9 of 5
        w.write_string("x").unwrap();
        w.write_ulong(3);
    });
    assert_eq!(
        tc_err(b.as_bytes()).kind,
        TcErrorKind::EnumOutOfRange { value: 9, count: 5 }
    );
}

fn union_with(disc: u32, default_index: i32, n: u32) -> Vec<u8> {
    let mut b = w();
    b.write_ulong(16);
    b.write_encapsulation(ByteOrder::BigEndian, |w| {
        w.write_string("IDL:U:1.0").unwrap();
        w.write_string("U").unwrap();
        w.write_ulong(disc);
        w.write_long(default_index);
        w.write_ulong(n);
        for i in 0..n {
            w.write_long(i as i32);
            w.write_string("m").unwrap();
            w.write_ulong(3);
        }
    });
    b.into_inner()
}

#[test]
fn union_discriminator_of_an_illegal_kind() {
    assert!(typecode_from_bytes(&union_with(3, -1, 2), E, &DecodeOptions::spec()).is_ok());
    for k in [
        TCKind::DOUBLE,
        TCKind::FLOAT,
        TCKind::OCTET,
        TCKind::ANY,
        TCKind::NULL,
    ] {
        assert_eq!(
            tc_err(&union_with(k.0, -1, 2)).kind,
            TcErrorKind::IllegalDiscriminator(k)
        );
    }
}

#[test]
fn default_index_out_of_range() {
    for i in [2, 100, -3, i32::MIN] {
        let e = tc_err(&union_with(3, i, 2));
        assert_eq!(
            e.kind,
            TcErrorKind::DefaultIndexOutOfRange { index: i, count: 2 }
        );
    }
}

#[test]
fn default_index_minus_two_from_omniorb_means_no_default() {
    let tc = typecode_from_bytes(&union_with(3, -2, 2), E, &DecodeOptions::spec()).unwrap();
    let TypeDesc::Union { default_index, .. } = tc.desc() else {
        panic!()
    };
    assert_eq!(*default_index, -1);
}

#[test]
fn huge_array_of_a_zero_size_element() {
    // The TypeCode is legal CDR; its value cannot be, and is refused at once.
    for (elem, len) in [(TCKind::VOID, u32::MAX), (TCKind::NULL, 1 << 31)] {
        let tc = TypeCode::new(TypeDesc::Array {
            element: TypeCode::basic(elem),
            length: len,
        });
        let mut b = w();
        encode_typecode(&mut b, &tc, &TcWriteOptions::spec()).unwrap();
        let e = any_err(b.as_bytes());
        assert!(matches!(e.kind, TcErrorKind::Malformed(_)), "{e}");
    }
    // Nested huge arrays of a primitive: refused by size before allocating.
    let inner = TypeCode::new(TypeDesc::Array {
        element: TypeCode::basic(TCKind::LONG),
        length: 1 << 16,
    });
    let tc = TypeCode::new(TypeDesc::Array {
        element: inner,
        length: 1 << 16,
    });
    let mut b = w();
    encode_typecode(&mut b, &tc, &TcWriteOptions::spec()).unwrap();
    b.write_bytes(&[0; 64]);
    assert!(matches!(
        any_err(b.as_bytes()).kind,
        TcErrorKind::Cdr(ErrorKind::LengthTooLarge { .. })
    ));
}

/// A chunked value of `valuetype V { public long x; }` with the given end
/// tag.
fn chunked_value(end_tag: i32) -> (TypeCode, Vec<u8>) {
    let tc = TypeCode::new(TypeDesc::Value {
        kind: TCKind::VALUE,
        id: "IDL:V:1.0".into(),
        name: "V".into(),
        modifier: ValueModifier::NONE,
        concrete_base: None,
        members: vec![ValueMember {
            name: "x".into(),
            tc: TypeCode::basic(TCKind::LONG),
            visibility: Visibility::PUBLIC,
        }],
    });
    let mut b = w();
    b.write_ulong(0x7fff_ff0a); // chunked, one repository id
    b.write_string("IDL:V:1.0").unwrap();
    b.write_long(4); // chunk of 4 octets
    b.write_long(42);
    b.write_long(end_tag);
    (tc, b.into_inner())
}

#[test]
fn chunked_valuetype_end_tags() {
    let (tc, ok) = chunked_value(-1);
    let v = value_from_bytes(&ok, &tc, E, &DecodeOptions::spec()).unwrap();
    let Value::ValueType(Some(inst)) = v else {
        panic!()
    };
    assert_eq!(inst.members, vec![Value::Long(42)]);
    for bad in [-2, 0, 5, i32::MIN] {
        let (tc, b) = chunked_value(bad);
        let e = value_from_bytes(&b, &tc, E, &DecodeOptions::spec()).unwrap_err();
        assert!(
            matches!(
                e.kind,
                TcErrorKind::BadEndTag { .. } | TcErrorKind::BadChunk(_)
            ),
            "end tag {bad}: {e}"
        );
    }
    // A chunk length that overruns the input.
    let (tc, mut b) = chunked_value(-1);
    b[20..24].copy_from_slice(&1000i32.to_be_bytes());
    let e = value_from_bytes(&b, &tc, E, &DecodeOptions::spec()).unwrap_err();
    assert!(matches!(e.kind, TcErrorKind::BadChunk(1000)), "{e}");
}

#[test]
fn bad_value_tags() {
    let (tc, mut b) = chunked_value(-1);
    b[0..4].copy_from_slice(&0x1234_5678u32.to_be_bytes());
    let e = value_from_bytes(&b, &tc, E, &DecodeOptions::spec()).unwrap_err();
    assert_eq!(e.kind, TcErrorKind::BadValueTag(0x1234_5678));
    // Indirection to nowhere.
    let mut b = w();
    b.write_ulong(0xffff_ffff);
    b.write_long(-100);
    let e = value_from_bytes(b.as_bytes(), &tc, E, &DecodeOptions::spec()).unwrap_err();
    assert!(
        matches!(e.kind, TcErrorKind::BadValueIndirection { .. }),
        "{e}"
    );
}

fn nested_sequences(depth: usize) -> TypeCode {
    let mut t = TypeCode::basic(TCKind::LONG);
    for _ in 0..depth {
        t = TypeCode::new(TypeDesc::Sequence {
            element: t,
            bound: 0,
        });
    }
    t
}

#[test]
fn depth_budget_for_typecodes() {
    big_stack(depth_budget_for_typecodes_body);
}

fn depth_budget_for_typecodes_body() {
    let deep = nested_sequences(100);
    let b = typecode_to_bytes(&deep, E, &TcWriteOptions::spec()).unwrap();
    let e = tc_err(&b);
    assert_eq!(e.kind, TcErrorKind::DepthExceeded(DEFAULT_MAX_DEPTH));
    let opts = DecodeOptions::spec().with_max_depth(200);
    assert_eq!(typecode_from_bytes(&b, E, &opts).unwrap(), deep);
    // Exactly at the budget.
    let b = typecode_to_bytes(&nested_sequences(63), E, &TcWriteOptions::spec()).unwrap();
    assert!(typecode_from_bytes(&b, E, &DecodeOptions::spec()).is_ok());
    let b = typecode_to_bytes(&nested_sequences(64), E, &TcWriteOptions::spec()).unwrap();
    assert!(typecode_from_bytes(&b, E, &DecodeOptions::spec()).is_err());
}

/// Runs `f` on a thread with a large stack: a raised depth budget needs
/// proportionally more stack (debug builds use about 20 KB per level).
fn big_stack(f: impl FnOnce() + Send + 'static) {
    std::thread::Builder::new()
        .stack_size(64 << 20)
        .spawn(f)
        .unwrap()
        .join()
        .unwrap();
}

#[test]
fn depth_budget_is_shared_by_nested_anys() {
    big_stack(depth_budget_is_shared_by_nested_anys_body);
}

fn depth_budget_is_shared_by_nested_anys_body() {
    // any(any(any(... long))) 100 levels, hand-written: the encoder refuses
    // it too, so write the bytes directly.
    let mut b = w();
    for _ in 0..100 {
        b.write_ulong(TCKind::ANY.0);
    }
    b.write_ulong(TCKind::LONG.0);
    b.write_long(1);
    let e = any_err(b.as_bytes());
    assert_eq!(e.kind, TcErrorKind::DepthExceeded(DEFAULT_MAX_DEPTH));
    let opts = DecodeOptions::spec().with_max_depth(128);
    assert!(any_from_bytes(b.as_bytes(), E, &opts).is_ok());
    // A deep value of a recursive type.
    let t = corpus::types();
    let v = corpus::node_tree(70, 1, 0);
    let mut o = EncodeOptions::spec();
    o.max_depth = 200;
    let bytes = value_to_bytes(&t.node, &v, E, &o).unwrap();
    let e = value_from_bytes(&bytes, &t.node, E, &DecodeOptions::spec()).unwrap_err();
    assert_eq!(e.kind, TcErrorKind::DepthExceeded(DEFAULT_MAX_DEPTH));
    assert!(
        e.path_string().starts_with("Node.children[0].children[0]"),
        "{}",
        e.path_string()
    );
    assert!(value_from_bytes(
        &bytes,
        &t.node,
        E,
        &DecodeOptions::spec().with_max_depth(200)
    )
    .is_ok());
}

#[test]
fn every_truncation_of_valid_input_is_an_error_not_a_panic() {
    let t = corpus::types();
    let a = Any {
        tc: t.record_seq.clone(),
        value: corpus::record_seq(3, 9),
    };
    let b = any_to_bytes(&a, E, &EncodeOptions::spec()).unwrap();
    for n in 0..b.len() {
        assert!(
            any_from_bytes(&b[..n], E, &DecodeOptions::spec()).is_err(),
            "prefix {n}"
        );
    }
    let b = typecode_to_bytes(&t.node, E, &TcWriteOptions::omniorb()).unwrap();
    for n in 0..b.len() {
        assert!(typecode_from_bytes(&b[..n], E, &DecodeOptions::omniorb()).is_err());
    }
}

#[test]
fn unresolved_recursion_is_refused_when_writing() {
    let tc = TypeCode::new(TypeDesc::Sequence {
        element: TypeCode::new(TypeDesc::Recursive {
            id: "IDL:Nowhere:1.0".into(),
        }),
        bound: 0,
    });
    let e = typecode_to_bytes(&tc, E, &TcWriteOptions::spec()).unwrap_err();
    assert_eq!(
        e.kind,
        TcErrorKind::UnresolvedRecursion("IDL:Nowhere:1.0".into())
    );
}

/// The default budget fits the 2 MiB stack of a test thread even in debug
/// builds, on every path: one-shot API, plan, transcoder.
#[test]
fn default_depth_budget_fits_a_default_thread_stack() {
    let t = corpus::types();
    let v = corpus::node_tree(70, 1, 0);
    let mut o = EncodeOptions::spec();
    o.max_depth = 1000;
    let bytes = big_stack_value(move || value_to_bytes(&corpus::types().node, &v, E, &o).unwrap());
    let d = DecodeOptions::spec();
    assert!(value_from_bytes(&bytes, &t.node, E, &d).is_err());
    let plan = Plan::compile(&t.node).unwrap();
    assert!(plan
        .decode(&mut corba_cdr::Reader::new(&bytes, E), &d)
        .is_err());
    assert!(plan
        .skip(&mut corba_cdr::Reader::new(&bytes, E), &d)
        .is_err());
    // Nested anys just under and over the budget.
    for n in [60, 100] {
        let mut b = w();
        for _ in 0..n {
            b.write_ulong(TCKind::ANY.0);
        }
        b.write_ulong(TCKind::LONG.0);
        b.write_long(1);
        let r = any_from_bytes(b.as_bytes(), E, &d);
        assert_eq!(r.is_ok(), n < 60 + 4, "{n}");
        let _ = transcode_any(
            &mut corba_cdr::Reader::new(b.as_bytes(), E),
            &mut w(),
            &d,
            &EncodeOptions::spec(),
        );
    }
}

fn big_stack_value<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    std::thread::Builder::new()
        .stack_size(64 << 20)
        .spawn(f)
        .unwrap()
        .join()
        .unwrap()
}
