//! The TypeCodes of every type in `corpus/idl/bench.idl`, built by hand
//! (repository ids `IDL:giopbench.org/Bench/<Name>:1.0`, from its
//! `#pragma prefix`), and seeded value generators for them, for the
//! benchmarks, the harness and every backend.
//!
//! TypeCodes that appear more than once (`Point` inside `Shape`, `LineItem`
//! inside `LineItemSeq`...) are the same `Arc`, as a stub compiler's static
//! TypeCodes would be, so [`crate::TcWriteOptions::omniorb`]'s repeated
//! indirections apply to them.

use crate::gen::Rng;
use crate::{Name, PrimSeq, StructMember, TCKind, TypeCode, TypeDesc, UnionMember, Value};
use std::sync::OnceLock;

#[rustfmt::skip]
mod generated;

/// `IDL:giopbench.org/Bench/<name>:1.0`
pub fn repo_id(name: &str) -> String {
    format!("IDL:giopbench.org/Bench/{name}:1.0")
}

/// Every type of `bench.idl`.
#[derive(Clone, Debug)]
pub struct BenchTypes {
    pub color: TypeCode,
    pub point: TypeCode,
    pub shape: TypeCode,
    pub address: TypeCode,
    pub line_item: TypeCode,
    pub line_item_seq: TypeCode,
    pub long_seq: TypeCode,
    pub record: TypeCode,
    pub record_seq: TypeCode,
    /// `struct Node { string label; long weight; NodeSeq children; }` whose
    /// `children` is the alias `NodeSeq` of a sequence of a recursive
    /// reference to `Node`.
    pub node: TypeCode,
    /// The alias `NodeSeq` as a type of its own: a sequence of `node`.
    pub node_seq: TypeCode,
    pub wide50: TypeCode,
}

fn member(name: &str, tc: &TypeCode) -> StructMember {
    StructMember {
        name: name.into(),
        tc: tc.clone(),
    }
}

fn structure(name: &str, members: Vec<StructMember>) -> TypeCode {
    TypeCode::new(TypeDesc::Struct {
        kind: TCKind::STRUCT,
        id: repo_id(name),
        name: name.to_owned(),
        members,
    })
}

fn alias(name: &str, content: TypeCode) -> TypeCode {
    TypeCode::new(TypeDesc::Alias {
        id: repo_id(name),
        name: name.to_owned(),
        content,
    })
}

fn seq(element: &TypeCode) -> TypeCode {
    TypeCode::new(TypeDesc::Sequence {
        element: element.clone(),
        bound: 0,
    })
}

/// The kinds of the 50 members of `Wide50`, `m00`..`m49` (a cycle of ten).
pub const WIDE50_CYCLE: [TCKind; 10] = [
    TCKind::LONG,
    TCKind::DOUBLE,
    TCKind::STRING,
    TCKind::SHORT,
    TCKind::BOOLEAN,
    TCKind::ULONG,
    TCKind::OCTET,
    TCKind::LONGLONG,
    TCKind::FLOAT,
    TCKind::USHORT,
];

impl BenchTypes {
    /// Builds them (use [`types`] for a shared instance).
    pub fn build() -> BenchTypes {
        let long = TypeCode::basic(TCKind::LONG);
        let double = TypeCode::basic(TCKind::DOUBLE);
        let string = TypeCode::new(TypeDesc::String { bound: 0 });
        let color = TypeCode::new(TypeDesc::Enum {
            id: repo_id("Color"),
            name: "Color".into(),
            members: ["RED", "GREEN", "BLUE", "CYAN", "MAGENTA"]
                .map(Name::from)
                .to_vec(),
        });
        let point = structure("Point", vec![member("x", &double), member("y", &double)]);
        let um = |label: i128, name: &str, tc: &TypeCode| UnionMember {
            label,
            name: name.into(),
            tc: tc.clone(),
        };
        let shape = TypeCode::new(TypeDesc::Union {
            id: repo_id("Shape"),
            name: "Shape".into(),
            discriminator: long.clone(),
            default_index: 4,
            members: vec![
                um(1, "radius", &double),
                um(2, "corner", &point),
                um(3, "label", &string),
                um(4, "label", &string),
                um(0, "code", &long),
            ],
        });
        let address = structure(
            "Address",
            vec![
                member("street", &string),
                member("city", &string),
                member("zip", &TypeCode::basic(TCKind::USHORT)),
            ],
        );
        let line_item = structure(
            "LineItem",
            vec![
                member("sku", &string),
                member("quantity", &long),
                member("price", &double),
            ],
        );
        let line_item_seq = alias("LineItemSeq", seq(&line_item));
        let long_seq = alias("LongSeq", seq(&long));
        let record = structure(
            "Record",
            vec![
                member("id", &long),
                member("name", &string),
                member("hue", &color),
                member("residence", &address),
                member("outline", &shape),
                member("items", &line_item_seq),
                member("tags", &long_seq),
                member("active", &TypeCode::basic(TCKind::BOOLEAN)),
                member("timestamp", &TypeCode::basic(TCKind::LONGLONG)),
            ],
        );
        let record_seq = alias("RecordSeq", seq(&record));
        let node_ref = TypeCode::new(TypeDesc::Recursive {
            id: repo_id("Node"),
        });
        let node = structure(
            "Node",
            vec![
                member("label", &string),
                member("weight", &long),
                member("children", &alias("NodeSeq", seq(&node_ref))),
            ],
        );
        let node_seq = alias("NodeSeq", seq(&node));
        let wide50 = structure(
            "Wide50",
            (0..50)
                .map(|i| {
                    let k = WIDE50_CYCLE[i % 10];
                    let tc = if k == TCKind::STRING {
                        string.clone()
                    } else {
                        TypeCode::basic(k)
                    };
                    StructMember {
                        name: format!("m{i:02}").into(),
                        tc,
                    }
                })
                .collect(),
        );
        BenchTypes {
            color,
            point,
            shape,
            address,
            line_item,
            line_item_seq,
            long_seq,
            record,
            record_seq,
            node,
            node_seq,
            wide50,
        }
    }

    /// Every type with its IDL name.
    pub fn all(&self) -> Vec<(&'static str, &TypeCode)> {
        vec![
            ("Color", &self.color),
            ("Point", &self.point),
            ("Shape", &self.shape),
            ("Address", &self.address),
            ("LineItem", &self.line_item),
            ("LineItemSeq", &self.line_item_seq),
            ("LongSeq", &self.long_seq),
            ("Record", &self.record),
            ("RecordSeq", &self.record_seq),
            ("Node", &self.node),
            ("NodeSeq", &self.node_seq),
            ("Wide50", &self.wide50),
        ]
    }

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

/// A `Wide50` (ASCII strings).
pub fn wide50(seed: u64) -> Value {
    let mut rng = Rng::new(seed);
    Value::Struct(
        (0..50)
            .map(|i| {
                let x = rng.next_u64();
                match WIDE50_CYCLE[i % 10] {
                    TCKind::LONG => Value::Long(x as i32),
                    TCKind::DOUBLE => Value::Double((x >> 11) as f64 / 1024.0),
                    TCKind::STRING => Value::String(word(&mut rng, 0, 12)),
                    TCKind::SHORT => Value::Short(x as i16),
                    TCKind::BOOLEAN => Value::Boolean(x & 1 == 1),
                    TCKind::ULONG => Value::ULong(x as u32),
                    TCKind::OCTET => Value::Octet(x as u8),
                    TCKind::LONGLONG => Value::LongLong(x as i64),
                    TCKind::FLOAT => Value::Float((x as i32 >> 8) as f32 / 16.0),
                    _ => Value::UShort(x as u16),
                }
            })
            .collect(),
    )
}

#[cfg(test)]
mod switch_check {
    use super::*;
    #[test]
    fn generated_equals_hand_built() {
        let h = BenchTypes::build();
        let g = generated::BenchTypes::build();
        let ha = h.all();
        let ga = g.all();
        assert_eq!(ha.len(), ga.len());
        for (n, t) in ha {
            let (_, gt) = ga.iter().find(|(gn, _)| *gn == n).expect(n);
            assert!(crate::equal(t, gt), "{n}");
            assert_eq!(t, *gt, "{n}");
        }
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
        assert!(std::sync::Arc::ptr_eq(&inner(&g.record_seq, &[0, 0]).0, &g.record.0));
        assert!(std::sync::Arc::ptr_eq(&inner(&g.node_seq, &[0, 0]).0, &g.node.0));
        assert!(std::sync::Arc::ptr_eq(&inner(&g.record, &[4]).0, &g.shape.0));
        assert!(std::sync::Arc::ptr_eq(&inner(&g.record, &[5]).0, &g.line_item_seq.0));
    }
}
