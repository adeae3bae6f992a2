//! The ABI through the safe wrapper: handles, builders, walkers and their
//! error statuses.

use corba_cdr::{ByteOrder, GiopVersion};
use corba_typecode::{PrimSeq, StructMember, TCKind, TypeCode, TypeDesc, Value};
use legacy_ada::{
    abi_version, export_tc, export_value, tc_graph, value_tree, AdaStyle, Status, TcGraph, ValTree,
    Wire,
};

fn wire() -> Wire {
    Wire::new(ByteOrder::LittleEndian, GiopVersion::V1_2, AdaStyle::NATIVE)
}

#[test]
fn abi_version_is_one() {
    assert_eq!(abi_version(), 1);
}

#[test]
fn values_round_trip_through_the_builder_and_walker() {
    let v = Value::Struct(vec![
        Value::Long(-5),
        Value::String("caf\u{e9}".into()),
        Value::Prim(PrimSeq::Double(vec![1.0, -0.5])),
        Value::Seq(vec![Value::Enum(2), Value::Enum(0)]),
        Value::Union {
            discriminator: Box::new(Value::Boolean(true)),
            member: Some(Box::new(Value::WString("\u{1F600}x".into()))),
        },
        Value::Union {
            discriminator: Box::new(Value::Char(b'q')),
            member: None,
        },
        Value::Fixed(corba_cdr::Fixed::new(-12345, 7, 2).unwrap()),
        Value::LongDouble(corba_cdr::LongDouble(
            0x0123_4567_89ab_cdef_fedc_ba98_7654_3210,
        )),
        Value::Nothing,
        Value::Prim(PrimSeq::Boolean(vec![true, false, true])),
    ]);
    let t = value_tree(&v).unwrap();
    assert_eq!(export_value(&t).unwrap(), v);
}

#[test]
fn typecodes_round_trip_through_the_builder_and_walker() {
    let node = TypeCode::new(TypeDesc::Struct {
        kind: TCKind::STRUCT,
        id: "IDL:x/N:1.0".into(),
        name: "N".into(),
        members: vec![StructMember {
            name: "kids".into(),
            tc: TypeCode::new(TypeDesc::Sequence {
                element: TypeCode::new(TypeDesc::Recursive {
                    id: "IDL:x/N:1.0".into(),
                }),
                bound: 0,
            }),
        }],
    });
    let g = tc_graph(&node).unwrap();
    assert!(corba_typecode::equal(&export_tc(&g).unwrap(), &node));
}

#[test]
fn builder_misuse_is_a_status() {
    let mut g = TcGraph::new().unwrap();
    // A recursive placeholder with no enclosing struct of that id.
    let r = g
        .named(
            legacy_ada_sys::GLB_TK_RECURSIVE as u32,
            b"IDL:x/Y:1.0",
            b"",
            0,
        )
        .unwrap();
    let s = g.sequence(TCKind::SEQUENCE.0, r, 0).unwrap();
    assert_eq!(g.set_root(s).unwrap_err().status, Status::BadTypeCode);
    // Unknown nodes, kinds and parents.
    assert_eq!(
        g.sequence(TCKind::SEQUENCE.0, 999, 0).unwrap_err().status,
        Status::BadArgument
    );
    assert_eq!(
        g.basic(TCKind::STRUCT.0).unwrap_err().status,
        Status::BadArgument
    );
    assert_eq!(
        g.add_member(s, b"m", 0, 0).unwrap_err().status,
        Status::BadArgument
    );
    assert_eq!(g.info(12345).unwrap_err().status, Status::BadArgument);
    // Encoding a graph without a root.
    let mut out = Vec::new();
    assert_eq!(
        g.encode(wire(), &mut out).unwrap_err().status,
        Status::BadArgument
    );

    let mut t = ValTree::new().unwrap();
    assert_eq!(t.end().unwrap_err().status, Status::BadArgument);
    t.scalar(TCKind::LONG.0, 1).unwrap();
    // A second root.
    assert_eq!(
        t.scalar(TCKind::LONG.0, 2).unwrap_err().status,
        Status::BadArgument
    );
    assert_eq!(t.begin(42).unwrap_err().status, Status::BadArgument);
    assert_eq!(
        t.fixed(40, 0, false, &[b'1'; 40]).unwrap_err().status,
        Status::BadArgument
    );
    assert_eq!(
        t.fixed(2, 0, false, b"1x").unwrap_err().status,
        Status::BadArgument
    );
    // Nesting beyond the depth budget.
    let mut deep = ValTree::new().unwrap();
    let mut err = None;
    for _ in 0..100 {
        if let Err(e) = deep.begin(legacy_ada_sys::GLB_V_SEQ as u32) {
            err = Some(e.status);
            break;
        }
    }
    assert_eq!(err, Some(Status::DepthExceeded));
}

#[test]
fn a_value_that_does_not_conform_is_a_status() {
    let tc = TypeCode::new(TypeDesc::String { bound: 2 });
    let g = tc_graph(&tc).unwrap();
    let mut out = Vec::new();
    let long = value_tree(&Value::String("abc".into())).unwrap();
    assert_eq!(
        long.value_encode(&g, wire(), &mut out).unwrap_err().status,
        Status::BadValue
    );
    let wrong = value_tree(&Value::Long(1)).unwrap();
    assert_eq!(
        wrong.value_encode(&g, wire(), &mut out).unwrap_err().status,
        Status::BadValue
    );
    let ok = value_tree(&Value::String("ab".into())).unwrap();
    ok.value_encode(&g, wire(), &mut out).unwrap();
    assert_eq!(out, [3, 0, 0, 0, b'a', b'b', 0]);
    // And the decoder enforces the bound too, reporting the offset.
    let mut back = ValTree::new().unwrap();
    let e = back
        .value_decode(&g, wire(), &[4, 0, 0, 0, b'a', b'b', b'c', 0])
        .unwrap_err();
    assert_eq!((e.status, e.offset), (Status::BadValue, Some(0)));
}

#[test]
fn handles_are_independent_across_threads() {
    let handles: Vec<_> = (0..4)
        .map(|i| {
            std::thread::spawn(move || {
                for n in 0..200 {
                    let v = Value::Prim(PrimSeq::Long((0..n).map(|x| x * i).collect()));
                    let t = value_tree(&v).unwrap();
                    let mut out = Vec::new();
                    t.cdr_encode(legacy_ada::SUBJECT_SEQ_LONG, wire(), &mut out)
                        .unwrap();
                    let mut back = ValTree::new().unwrap();
                    back.cdr_decode(legacy_ada::SUBJECT_SEQ_LONG, wire(), &out)
                        .unwrap();
                    assert_eq!(export_value(&back).unwrap(), v);
                    // Errors in parallel too.
                    assert!(back
                        .cdr_decode(
                            legacy_ada::SUBJECT_SEQ_LONG,
                            wire(),
                            &out[..out.len() / 2 + 1]
                        )
                        .is_err());
                }
            })
        })
        .collect();
    for h in handles {
        h.join().unwrap();
    }
}

/// After the Ada library is elaborated, the synchronous signals still
/// belong to Rust: a stack overflow in Rust code is reported by Rust's own
/// handler, not turned into an Ada exception by GNAT's. Runs itself as a
/// child process.
#[test]
fn rust_keeps_its_signal_handlers() {
    if std::env::var_os("LEGACY_ADA_OVERFLOW_CHILD").is_some() {
        assert_eq!(abi_version(), 1);
        #[allow(unconditional_recursion)]
        fn recurse(n: u64, buf: &mut [u8; 4096]) -> u64 {
            let mut local = [0u8; 4096];
            local[(n % 4096) as usize] = buf[0].wrapping_add(1);
            recurse(n + 1, &mut local) + u64::from(local[0])
        }
        let mut b = [0u8; 4096];
        std::hint::black_box(recurse(0, &mut b));
        return;
    }
    let out = std::process::Command::new(std::env::current_exe().unwrap())
        .args([
            "--exact",
            "rust_keeps_its_signal_handlers",
            "--nocapture",
            "--test-threads=1",
        ])
        .env("LEGACY_ADA_OVERFLOW_CHILD", "1")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(
        stderr.contains("has overflowed its stack"),
        "child stderr: {stderr}"
    );
}

fn struct_of(id: &str, members: &[(&str, TypeCode)]) -> TypeCode {
    TypeCode::new(TypeDesc::Struct {
        kind: TCKind::STRUCT,
        id: id.into(),
        name: id.into(),
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
fn a_typecode_shared_by_arc_is_one_ada_node() {
    let point = struct_of("IDL:x/P:1.0", &[("x", TypeCode::basic(TCKind::LONG))]);
    let pair = struct_of("IDL:x/Pair:1.0", &[("a", point.clone()), ("b", point)]);
    let mut g = TcGraph::new().unwrap();
    let n = legacy_ada::build_tc(&mut g, &pair).unwrap();
    assert_eq!(g.member(n, 0).unwrap().ty, g.member(n, 1).unwrap().ty);
    g.set_root(n).unwrap();
    // The repeat is expanded again on the way back.
    assert!(corba_typecode::equal(&export_tc(&g).unwrap(), &pair));
}

#[test]
fn typecode_walks_stop_at_the_depth_budget() {
    let mut deep = TypeCode::basic(TCKind::LONG);
    for _ in 0..300 {
        deep = TypeCode::sequence(&deep, 0);
    }
    let e = tc_graph(&deep).unwrap_err();
    assert!(
        e.to_string()
            .contains("nesting deeper than the budget of 128"),
        "{e}"
    );
    let value = TypeCode::new(TypeDesc::Value {
        kind: TCKind::VALUE,
        id: "IDL:x/V:1.0".into(),
        name: "V".into(),
        modifier: corba_typecode::ValueModifier(0),
        concrete_base: None,
        members: Vec::new(),
    });
    let e = tc_graph(&struct_of("IDL:x/S:1.0", &[("v", value)])).unwrap_err();
    assert!(
        matches!(e, bench_ops::BackendError::Unsupported { .. }),
        "{e}"
    );
}
