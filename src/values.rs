//! Seeded, deterministic values for any TypeCode: the workloads' payloads,
//! for the corpus and for a user's own IDL types alike.

use corba_cdr::{Fixed, LongDouble};
use corba_typecode::{Any, ObjectRef, PrimSeq, TCKind, TypeCode, TypeDesc, Value, ValueInstance};
use std::sync::Arc;

/// SplitMix64: small, fast and the same on every machine, so a seed always
/// gives the same payload.
#[derive(Clone, Debug)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// Uniform in `0..n` (n > 0).
    pub fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n.max(1)
    }
    pub fn word(&mut self, max_len: usize) -> String {
        let len = self.below(max_len as u64 + 1) as usize;
        (0..len)
            .map(|_| char::from(b'a' + self.below(26) as u8))
            .collect()
    }
}

/// How big generated values get.
#[derive(Clone, Copy, Debug)]
pub struct Shape {
    /// Elements of the outermost sequence (the workload's `count`).
    pub top_count: usize,
    /// Upper bound on the length of nested sequences.
    pub nested_max: usize,
    /// Longest generated string.
    pub string_max: usize,
    /// Nesting depth at which recursive types stop growing.
    pub max_depth: usize,
}

impl Default for Shape {
    fn default() -> Self {
        Shape {
            top_count: 8,
            nested_max: 4,
            string_max: 16,
            max_depth: 5,
        }
    }
}

/// Generates a value of type `tc`.
pub fn generate(tc: &TypeCode, seed: u64, shape: Shape) -> Value {
    let mut g = Gen {
        rng: Rng::new(seed),
        shape,
        enclosing: Vec::new(),
    };
    g.value(tc, 0)
}

struct Gen {
    rng: Rng,
    shape: Shape,
    /// Enclosing structs/unions/values, to resolve `Recursive` references.
    enclosing: Vec<TypeCode>,
}

/// The TypeCode with aliases removed.
pub fn unalias(tc: &TypeCode) -> &TypeCode {
    match tc.desc() {
        TypeDesc::Alias { content, .. } => unalias(content),
        _ => tc,
    }
}

impl Gen {
    fn resolve(&self, id: &str) -> Option<TypeCode> {
        self.enclosing
            .iter()
            .rev()
            .find(|t| t.id() == Some(id))
            .cloned()
    }

    fn prim_seq(&mut self, element: &TypeCode, n: usize) -> Option<PrimSeq> {
        let r = &mut self.rng;
        let TypeDesc::Basic(k) = unalias(element).desc() else {
            return None;
        };
        Some(match *k {
            TCKind::SHORT => PrimSeq::Short((0..n).map(|_| r.next_u64() as i16).collect()),
            TCKind::LONG => PrimSeq::Long((0..n).map(|_| r.next_u64() as i32).collect()),
            TCKind::USHORT => PrimSeq::UShort((0..n).map(|_| r.next_u64() as u16).collect()),
            TCKind::ULONG => PrimSeq::ULong((0..n).map(|_| r.next_u64() as u32).collect()),
            TCKind::LONGLONG => PrimSeq::LongLong((0..n).map(|_| r.next_u64() as i64).collect()),
            TCKind::ULONGLONG => PrimSeq::ULongLong((0..n).map(|_| r.next_u64()).collect()),
            TCKind::FLOAT => {
                PrimSeq::Float((0..n).map(|_| r.below(1 << 20) as f32 / 64.0).collect())
            }
            TCKind::DOUBLE => {
                PrimSeq::Double((0..n).map(|_| r.below(1 << 40) as f64 / 1024.0).collect())
            }
            TCKind::BOOLEAN => PrimSeq::Boolean((0..n).map(|_| r.below(2) == 1).collect()),
            TCKind::CHAR => PrimSeq::Char((0..n).map(|_| b'a' + r.below(26) as u8).collect()),
            TCKind::OCTET => PrimSeq::Octet((0..n).map(|_| r.next_u64() as u8).collect()),
            _ => return None,
        })
    }

    fn elements(&mut self, element: &TypeCode, n: usize, depth: usize) -> Value {
        match self.prim_seq(element, n) {
            Some(p) => Value::Prim(p),
            None => Value::Seq((0..n).map(|_| self.value(element, depth + 1)).collect()),
        }
    }

    fn basic(&mut self, k: TCKind) -> Value {
        let r = &mut self.rng;
        match k {
            TCKind::SHORT => Value::Short(r.next_u64() as i16),
            TCKind::LONG => Value::Long(r.next_u64() as i32),
            TCKind::USHORT => Value::UShort(r.next_u64() as u16),
            TCKind::ULONG => Value::ULong(r.next_u64() as u32),
            TCKind::LONGLONG => Value::LongLong(r.next_u64() as i64),
            TCKind::ULONGLONG => Value::ULongLong(r.next_u64()),
            TCKind::FLOAT => Value::Float(r.below(1 << 20) as f32 / 64.0),
            TCKind::DOUBLE => Value::Double(r.below(1 << 40) as f64 / 1024.0),
            TCKind::LONGDOUBLE => Value::LongDouble(LongDouble(u128::from(r.next_u64()))),
            TCKind::BOOLEAN => Value::Boolean(r.below(2) == 1),
            TCKind::CHAR => Value::Char(b'a' + r.below(26) as u8),
            TCKind::WCHAR => Value::WChar(0x41 + r.below(26) as u16),
            TCKind::OCTET => Value::Octet(r.next_u64() as u8),
            TCKind::ANY => Value::Any(Box::new(Any {
                tc: TypeCode::basic(TCKind::LONG),
                value: Value::Long(r.next_u64() as i32),
            })),
            TCKind::TYPECODE => Value::TypeCode(TypeCode::basic(TCKind::DOUBLE)),
            TCKind::PRINCIPAL => Value::Prim(PrimSeq::Octet(vec![1, 2, 3])),
            _ => Value::Nothing,
        }
    }

    fn value(&mut self, tc: &TypeCode, depth: usize) -> Value {
        let sm = self.shape.string_max;
        match tc.desc() {
            TypeDesc::Basic(k) => self.basic(*k),
            TypeDesc::String { bound } => Value::String(self.rng.word(cap(sm, *bound))),
            TypeDesc::WString { bound } => Value::WString(self.rng.word(cap(sm, *bound))),
            TypeDesc::Fixed { digits, scale } => {
                let max = 10i128.pow(u32::from(*digits).min(31));
                let m = (self.rng.next_u64() as i128) % max;
                let scale = u16::try_from(*scale).unwrap_or(0).min(*digits);
                Value::Fixed(
                    Fixed::new(m, *digits, scale)
                        .unwrap_or(Fixed::new(0, *digits, 0).expect("zero fits")),
                )
            }
            TypeDesc::Interface { .. } => Value::ObjRef(ObjectRef::default()),
            TypeDesc::Struct { members, .. } => {
                self.enclosing.push(tc.clone());
                let v = members
                    .iter()
                    .map(|m| self.value(&m.tc, depth + 1))
                    .collect();
                self.enclosing.pop();
                Value::Struct(v)
            }
            TypeDesc::Union {
                discriminator,
                default_index,
                members,
                ..
            } => {
                self.enclosing.push(tc.clone());
                let i = self.rng.below(members.len() as u64) as usize;
                let label = if i as i32 == *default_index {
                    unused_label(members.iter().map(|m| m.label), unalias(discriminator))
                } else {
                    Some(members[i].label)
                };
                let v = match label {
                    Some(label) => Value::Union {
                        discriminator: Box::new(label_value(unalias(discriminator), label)),
                        member: Some(Box::new(self.value(&members[i].tc, depth + 1))),
                    },
                    None => {
                        let m = &members[0];
                        Value::Union {
                            discriminator: Box::new(label_value(unalias(discriminator), m.label)),
                            member: Some(Box::new(self.value(&m.tc, depth + 1))),
                        }
                    }
                };
                self.enclosing.pop();
                v
            }
            TypeDesc::Enum { members, .. } => {
                Value::Enum(self.rng.below(members.len() as u64) as u32)
            }
            TypeDesc::Sequence { element, bound } => {
                let n = if depth == 0 {
                    self.shape.top_count
                } else if depth >= self.shape.max_depth {
                    0
                } else {
                    let max = self.shape.nested_max.saturating_sub(depth / 2);
                    self.rng.below(max as u64 + 1) as usize
                };
                let n = if *bound > 0 {
                    n.min(*bound as usize)
                } else {
                    n
                };
                self.elements(element, n, depth)
            }
            TypeDesc::Array { element, length } => self.elements(element, *length as usize, depth),
            TypeDesc::Alias { content, .. } => self.value(content, depth),
            TypeDesc::Value { .. } => {
                self.enclosing.push(tc.clone());
                let mut members = Vec::new();
                self.value_members(tc, depth, &mut members);
                self.enclosing.pop();
                Value::ValueType(Some(Arc::new(ValueInstance {
                    tc: tc.clone(),
                    members,
                })))
            }
            TypeDesc::ValueBox { content, .. } => {
                let v = self.value(content, depth + 1);
                Value::ValueType(Some(Arc::new(ValueInstance {
                    tc: tc.clone(),
                    members: vec![v],
                })))
            }
            TypeDesc::Recursive { id } => match self.resolve(id) {
                Some(t) if depth < self.shape.max_depth + 4 => self.value(&t, depth + 1),
                _ => Value::Nothing,
            },
        }
    }

    /// Members of a value type's whole base chain, base first.
    fn value_members(&mut self, tc: &TypeCode, depth: usize, out: &mut Vec<Value>) {
        if let TypeDesc::Value {
            concrete_base,
            members,
            ..
        } = tc.desc()
        {
            if let Some(b) = concrete_base {
                self.value_members(b, depth, out);
            }
            for m in members {
                let v = self.value(&m.tc, depth + 1);
                out.push(v);
            }
        }
    }
}

fn cap(max: usize, bound: u32) -> usize {
    if bound == 0 {
        max
    } else {
        max.min(bound as usize)
    }
}

/// A discriminator value that matches none of `labels`, for selecting the
/// default member; `None` if every value is taken (a boolean with both).
fn unused_label(labels: impl Iterator<Item = i128>, disc: &TypeCode) -> Option<i128> {
    let used: Vec<i128> = labels.collect();
    let limit: i128 = match disc.desc() {
        TypeDesc::Basic(TCKind::BOOLEAN) => 2,
        TypeDesc::Enum { members, .. } => members.len() as i128,
        _ => i128::from(u16::MAX),
    };
    (0..limit).find(|v| !used.contains(v))
}

/// The discriminator value for a label number, by discriminator type.
pub fn label_value(disc: &TypeCode, label: i128) -> Value {
    match disc.desc() {
        TypeDesc::Basic(k) => match *k {
            TCKind::SHORT => Value::Short(label as i16),
            TCKind::USHORT => Value::UShort(label as u16),
            TCKind::LONG => Value::Long(label as i32),
            TCKind::ULONG => Value::ULong(label as u32),
            TCKind::LONGLONG => Value::LongLong(label as i64),
            TCKind::ULONGLONG => Value::ULongLong(label as u64),
            TCKind::BOOLEAN => Value::Boolean(label != 0),
            TCKind::CHAR => Value::Char(label as u8),
            TCKind::WCHAR => Value::WChar(label as u16),
            _ => Value::Long(label as i32),
        },
        TypeDesc::Enum { .. } => Value::Enum(label as u32),
        _ => Value::Long(label as i32),
    }
}
