//! The TypeCodes of every type in `corpus/idl/bench.idl` (repository ids
//! `IDL:giopbench.org/Bench/<Name>:1.0`, from its `#pragma prefix`), and
//! seeded value generators for them, for the benchmarks, the harness and
//! every backend. [`BenchTypes`] is generated from the IDL by
//! `corba_idl::emit::typecode_rs` into `corpus/generated.rs` (checked in:
//! corba-idl depends on this crate); its freshness test in corba-idl names
//! the command that regenerates it.
//!
//! TypeCodes that appear more than once (`Point` inside `Shape`, `LineItem`
//! inside `LineItemSeq`...) are the same `Arc`, as a stub compiler's static
//! TypeCodes would be, so [`crate::TcWriteOptions::omniorb`]'s repeated
//! indirections apply to them.

use crate::gen::Rng;
use crate::{PrimSeq, TCKind, TypeCode, TypeDesc, Value};
use std::sync::OnceLock;

#[rustfmt::skip]
mod generated;
pub use generated::BenchTypes;

/// `IDL:giopbench.org/Bench/<name>:1.0`
pub fn repo_id(name: &str) -> String {
    format!("IDL:giopbench.org/Bench/{name}:1.0")
}

impl BenchTypes {
    /// The type with repository id `id`.
    pub fn by_id(&self, id: &str) -> Option<&TypeCode> {
        self.all()
            .into_iter()
            .find(|(_, t)| t.id() == Some(id))
            .map(|(_, t)| t)
    }
}

/// The shared instance.
pub fn types() -> &'static BenchTypes {
    static T: OnceLock<BenchTypes> = OnceLock::new();
    T.get_or_init(BenchTypes::build)
}

fn word(rng: &mut Rng, min: usize, max: usize) -> String {
    let n = rng.range(min as u64, max as u64) as usize;
    (0..n)
        .map(|_| char::from(b'a' + rng.below(26) as u8))
        .collect()
}

/// A `Point`.
pub fn point(rng: &mut Rng) -> Value {
    Value::Struct(vec![
        Value::Double(rng.below(100_000) as f64 / 8.0),
        Value::Double(rng.below(100_000) as f64 / 8.0),
    ])
}

/// A `Shape`, cycling through its five members (ASCII text).
pub fn shape(rng: &mut Rng) -> Value {
    let (d, m) = match rng.below(5) {
        0 => (1, Value::Double(rng.below(1000) as f64 / 4.0)),
        1 => (2, point(rng)),
        2 => (3, Value::String(word(rng, 3, 12))),
        3 => (4, Value::String(word(rng, 3, 12))),
        _ => (
            7 + rng.below(100) as i32,
            Value::Long(rng.next_u64() as i32),
        ),
    };
    Value::Union {
        discriminator: Box::new(Value::Long(d)),
        member: Some(Box::new(m)),
    }
}

/// A `LineItem`.
pub fn line_item(rng: &mut Rng) -> Value {
    Value::Struct(vec![
        Value::String(format!("SKU-{:06}", rng.below(1_000_000))),
        Value::Long(rng.range(1, 100) as i32),
        Value::Double(rng.below(1_000_000) as f64 / 100.0),
    ])
}

/// A `Record` (`id` is `index`): 0-5 line items, 0-8 tags, ASCII strings.
pub fn record(rng: &mut Rng, index: u32) -> Value {
    let items = (0..rng.below(6)).map(|_| line_item(rng)).collect();
    let tags = (0..rng.below(9)).map(|_| rng.next_u64() as i32).collect();
    Value::Struct(vec![
        Value::Long(index as i32),
        Value::String(word(rng, 4, 16)),
        Value::Enum(rng.below(5) as u32),
        Value::Struct(vec![
            Value::String(format!("{} {} Street", rng.below(999), word(rng, 4, 10))),
            Value::String(word(rng, 4, 12)),
            Value::UShort(rng.next_u64() as u16),
        ]),
        shape(rng),
        Value::Seq(items),
        Value::Prim(PrimSeq::Long(tags)),
        Value::Boolean(rng.chance(1, 2)),
        Value::LongLong(1_700_000_000_000 + rng.below(1 << 40) as i64),
    ])
}

/// A `RecordSeq` of `n` records from `seed`.
pub fn record_seq(n: usize, seed: u64) -> Value {
    let mut rng = Rng::new(seed);
    Value::Seq((0..n).map(|i| record(&mut rng, i as u32)).collect())
}

/// A `Node` tree: `depth` levels below the root, `fanout` children each.
pub fn node_tree(depth: u32, fanout: usize, seed: u64) -> Value {
    fn go(rng: &mut Rng, depth: u32, fanout: usize) -> Value {
        let children = if depth == 0 {
            Vec::new()
        } else {
            (0..fanout).map(|_| go(rng, depth - 1, fanout)).collect()
        };
        Value::Struct(vec![
            Value::String(word(rng, 1, 8)),
            Value::Long(rng.next_u64() as i32),
            Value::Seq(children),
        ])
    }
    go(&mut Rng::new(seed), depth, fanout)
}

/// A `Wide50` (ASCII strings): each member's value is drawn for the kind
/// the IDL gives it, so the generator follows `bench.idl` (the one
/// description of the corpus) rather than a list of its own.
pub fn wide50(seed: u64) -> Value {
    let mut rng = Rng::new(seed);
    let TypeDesc::Struct { members, .. } = types().wide50.desc() else {
        unreachable!("Wide50 is a struct in corpus/idl/bench.idl");
    };
    Value::Struct(
        members
            .iter()
            .map(|m| {
                let x = rng.next_u64();
                match m.tc.kind() {
                    Some(TCKind::LONG) => Value::Long(x as i32),
                    Some(TCKind::DOUBLE) => Value::Double((x >> 11) as f64 / 1024.0),
                    Some(TCKind::STRING) => Value::String(word(&mut rng, 0, 12)),
                    Some(TCKind::SHORT) => Value::Short(x as i16),
                    Some(TCKind::BOOLEAN) => Value::Boolean(x & 1 == 1),
                    Some(TCKind::ULONG) => Value::ULong(x as u32),
                    Some(TCKind::OCTET) => Value::Octet(x as u8),
                    Some(TCKind::LONGLONG) => Value::LongLong(x as i64),
                    Some(TCKind::FLOAT) => Value::Float((x as i32 >> 8) as f32 / 16.0),
                    Some(TCKind::USHORT) => Value::UShort(x as u16),
                    k => unreachable!("Wide50.{}: no generator for {k:?}", m.name),
                }
            })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn named_types_share_their_arcs() {
        let g = BenchTypes::build();
        assert_eq!(g.all().len(), 12);
        assert_eq!(g.by_id(&repo_id("Wide50")), Some(&g.wide50));
        // Sharing: Point inside Shape, Record inside RecordSeq, Node inside NodeSeq.
        let inner = |tc: &TypeCode, path: &[usize]| -> TypeCode {
            let mut t = tc.clone();
            for &i in path {
                t = match t.desc() {
                    TypeDesc::Struct { members, .. } => members[i].tc.clone(),
                    TypeDesc::Union { members, .. } => members[i].tc.clone(),
                    TypeDesc::Alias { content, .. } => content.clone(),
                    TypeDesc::Sequence { element, .. } => element.clone(),
                    _ => panic!(),
                };
            }
            t
        };
        assert!(std::sync::Arc::ptr_eq(&inner(&g.shape, &[1]).0, &g.point.0));
        assert!(std::sync::Arc::ptr_eq(
            &inner(&g.record_seq, &[0, 0]).0,
            &g.record.0
        ));
        assert!(std::sync::Arc::ptr_eq(
            &inner(&g.node_seq, &[0, 0]).0,
            &g.node.0
        ));
        assert!(std::sync::Arc::ptr_eq(
            &inner(&g.record, &[4]).0,
            &g.shape.0
        ));
        assert!(std::sync::Arc::ptr_eq(
            &inner(&g.record, &[5]).0,
            &g.line_item_seq.0
        ));
    }
}
