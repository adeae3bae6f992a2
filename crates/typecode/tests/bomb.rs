//! Decompression bombs: a few hundred bytes of TypeCode, shared by
//! indirection level after level, describing millions of zero-size values.
//! Every decoding path (one-shot API, compiled plan, transcode, skip) must
//! refuse them with `EmptyValueBudget` after a number of values bounded by
//! the input size, and the TypeCode itself must stay shared (not expanded).

use corba_cdr::{ByteOrder, Encoding, GiopVersion, Reader, Writer};
use corba_typecode::corpus::{self, types};
use corba_typecode::*;
use std::sync::Arc;

const E: Encoding = Encoding::new(ByteOrder::LittleEndian, GiopVersion::V1_2);

/// Level 0: a struct of `width` `void` members; level k: a struct of
/// `width` members all of the (same `Arc`) level k-1 struct. A value of it
/// holds width^(levels+1) voids and no bytes.
fn void_bomb(levels: usize, width: usize) -> TypeCode {
    let mut t = TypeCode::basic(TCKind::VOID);
    for k in 0..=levels {
        t = TypeCode::new(TypeDesc::Struct {
            kind: TCKind::STRUCT,
            id: format!("IDL:B{k}:1.0"),
            name: format!("B{k}"),
            members: (0..width)
                .map(|i| StructMember {
                    name: format!("m{i}").into(),
                    tc: t.clone(),
                })
                .collect(),
        });
    }
    t
}

/// The same with empty structs instead of `void` at the bottom.
fn empty_struct_bomb(levels: usize, width: usize) -> TypeCode {
    let mut t = TypeCode::new(TypeDesc::Struct {
        kind: TCKind::EXCEPT,
        id: "IDL:Empty:1.0".into(),
        name: "Empty".into(),
        members: vec![],
    });
    for k in 0..levels {
        t = TypeCode::new(TypeDesc::Struct {
            kind: TCKind::STRUCT,
            id: format!("IDL:E{k}:1.0"),
            name: format!("E{k}"),
            members: (0..width)
                .map(|i| StructMember {
                    name: format!("m{i}").into(),
                    tc: t.clone(),
                })
                .collect(),
        });
    }
    t
}

/// The any: the TypeCode with repeated indirections, and no value bytes
/// (every value in it is zero-size).
fn bomb_any(tc: &TypeCode) -> Vec<u8> {
    typecode_to_bytes(tc, E, &TcWriteOptions::omniorb()).expect("encode TypeCode")
}

fn assert_budget(r: TcResult<impl core::fmt::Debug>, input: usize) {
    let e = r.expect_err("a bomb must be refused");
    match &e.kind {
        TcErrorKind::EmptyValueBudget { limit } => {
            // From the bytes left where the value (or the any) starts.
            assert!(
                *limit >= EMPTY_VALUES_SLACK
                    && *limit <= input as u64 * EMPTY_VALUES_PER_BYTE + EMPTY_VALUES_SLACK,
                "budget {limit} not tied to the input size {input}"
            );
        }
        k => panic!("expected EmptyValueBudget, got {k:?} ({e})"),
    }
}

fn every_path_refuses(tc: &TypeCode) -> usize {
    let bytes = bomb_any(tc);
    let ro = DecodeOptions::omniorb();
    let eo = EncodeOptions::omniorb();
    // The TypeCode alone decodes, and stays shared: each level's members
    // are one Arc (indirections are not expanded).
    let back = typecode_from_bytes(&bytes, E, &ro).expect("the TypeCode itself is fine");
    let mut t = &back;
    let mut levels = 0;
    while let TypeDesc::Struct { members, .. } = t.desc() {
        let Some(first) = members.first() else { break };
        assert!(members.iter().all(|m| Arc::ptr_eq(&m.tc.0, &first.tc.0)));
        t = &first.tc;
        levels += 1;
    }
    assert!(levels >= 1);
    // A plan of it is one node per distinct TypeCode, not per value.
    let plan = Plan::compile_with(&back, eo.typecode).expect("compile");
    assert!(plan.len() <= levels + 2, "plan of {} nodes", plan.len());

    // Interpreter.
    assert_budget(any_from_bytes(&bytes, E, &ro), bytes.len());
    // Compiled plan: the any's TypeCode is the plan's (cached bytes path)...
    assert_budget(
        plan.decode_any(&mut Reader::new(&bytes, E), &ro),
        bytes.len(),
    );
    // ...and a value alone (no TypeCode before it: budget from 0 bytes).
    assert_budget(plan.decode(&mut Reader::new(&[], E), &ro), 0);
    assert_budget(decode_value(&mut Reader::new(&[], E), &back, &ro), 0);
    // Transcode and skip build nothing but would still loop.
    let mut w = Writer::new(E.with_order(ByteOrder::BigEndian));
    assert_budget(
        transcode_any(&mut Reader::new(&bytes, E), &mut w, &ro, &eo),
        bytes.len(),
    );
    assert_budget(skip_value(&mut Reader::new(&[], E), &back, &ro), 0);
    bytes.len()
}

#[test]
fn void_member_struct_bomb_fails_fast() {
    // 10^7 voids in 6 levels of 10 (the Ada engineer's case had 10^6).
    let n = every_path_refuses(&void_bomb(6, 10));
    assert!(n < 2_000, "{n} bytes");
    // 10^9: would take minutes and gigabytes without the budget.
    every_path_refuses(&void_bomb(8, 10));
}

#[test]
fn empty_exception_bomb_fails_fast() {
    every_path_refuses(&empty_struct_bomb(7, 10));
}

#[test]
fn nested_any_bomb_shares_the_outer_budget() {
    // A sequence of 100 anys, each holding a (small) bomb of 10^4 voids:
    // each any alone is within its budget, together they are not.
    let inner = void_bomb(3, 10);
    let tc = TypeCode::new(TypeDesc::Sequence {
        element: TypeCode::basic(TCKind::ANY),
        bound: 0,
    });
    let tcb = bomb_any(&inner);
    let mut w = Writer::new(E);
    encode_typecode(&mut w, &tc, &TcWriteOptions::omniorb()).unwrap();
    w.write_ulong(100);
    for _ in 0..100 {
        w.align(4);
        w.write_bytes(&tcb);
    }
    let bytes = w.into_inner();
    let ro = DecodeOptions::omniorb();
    assert_budget(any_from_bytes(&bytes, E, &ro), bytes.len());
    let plan = Plan::compile(&tc).unwrap();
    let mut r = Reader::new(&bytes, E);
    decode_typecode(&mut r, &ro).unwrap();
    let rest = r.remaining();
    assert_budget(plan.decode(&mut r, &ro), rest);
}

#[test]
fn small_zero_size_values_and_the_corpus_still_decode() {
    let ro = DecodeOptions::omniorb();
    let eo = EncodeOptions::omniorb();
    // 10^3 voids in a 300-odd byte any: within 8 per byte + 1024.
    let small = void_bomb(2, 10);
    let bytes = bomb_any(&small);
    let a = any_from_bytes(&bytes, E, &ro).expect("small zero-size value");
    let Value::Struct(top) = &a.value else {
        panic!("{:?}", a.value)
    };
    assert_eq!(top.len(), 10);
    let plan = Plan::compile_with(&small, eo.typecode).unwrap();
    assert_eq!(
        plan.decode_any(&mut Reader::new(&bytes, E), &ro)
            .unwrap()
            .value,
        a.value
    );
    // The corpus values, every path.
    let t = types();
    for (tc, v) in [
        (t.record_seq.clone(), corpus::record_seq(200, 7)),
        (t.node.clone(), corpus::node_tree(4, 3, 7)),
        (t.wide50.clone(), corpus::wide50(7)),
    ] {
        let any = Any {
            tc: tc.clone(),
            value: v,
        };
        let bytes = any_to_bytes(&any, E, &eo).unwrap();
        assert_eq!(any_from_bytes(&bytes, E, &ro).unwrap(), any);
        let plan = Plan::compile_with(&tc, eo.typecode).unwrap();
        assert_eq!(
            plan.decode_any(&mut Reader::new(&bytes, E), &ro).unwrap(),
            any
        );
        let mut w = Writer::new(E.with_order(ByteOrder::BigEndian));
        transcode_any(&mut Reader::new(&bytes, E), &mut w, &ro, &eo).unwrap();
    }
}
