//! Seeded, deterministic generators of TypeCodes and conforming values.
//!
//! No dependency: a SplitMix64 generator drives everything, so the same
//! seed gives the same TypeCode and value on every machine. The proptest
//! strategies of the `arbitrary` feature and the [`crate::corpus`] value
//! generators are built on this module.

use crate::tcio::strip_alias;
use crate::{
    Any, ObjectRef, PrimSeq, StructMember, TCKind, TypeCode, TypeDesc, UnionMember, Value,
    ValueInstance, ValueMember, ValueModifier, Visibility,
};
use corba_cdr::{Fixed, LongDouble};
use std::sync::Arc;

/// SplitMix64: small, fast, good enough for test data.
#[derive(Clone, Debug)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed ^ 0x6a09_e667_f3bc_c908)
    }
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    /// Uniform in `0..n` (`n > 0`).
    pub fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n.max(1)
    }
    /// Uniform in `lo..=hi`.
    pub fn range(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.below(hi - lo + 1)
    }
    /// True with probability `num / den`.
    pub fn chance(&mut self, num: u64, den: u64) -> bool {
        self.below(den) < num
    }
}

/// What generated TypeCodes and values may contain. Turn kinds off for an
/// ORB that lacks them (see [`GenConfig::legacy`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GenConfig {
    /// TypeCode nesting depth (a struct inside a sequence inside a struct is
    /// 3).
    pub max_depth: u32,
    /// Most members of a struct, union, enum or valuetype (at least 1).
    pub max_members: usize,
    /// Longest generated sequence value.
    pub max_seq_len: usize,
    /// Longest generated string value.
    pub max_string_len: usize,
    /// Recursive structs and unions (through a sequence of themselves).
    pub recursion: bool,
    pub valuetypes: bool,
    pub long_double: bool,
    pub fixed: bool,
    /// `wchar` and `wstring` (never usable in GIOP 1.0).
    pub wide: bool,
    pub objref: bool,
    pub principal: bool,
    /// `any` members (with a nested generated TypeCode).
    pub any: bool,
    /// `TypeCode` members.
    pub typecode: bool,
    pub exceptions: bool,
    /// Strings only in ASCII (otherwise ISO-8859-1).
    pub ascii_strings: bool,
}

impl GenConfig {
    /// Every kind the crate supports.
    pub fn full() -> GenConfig {
        GenConfig {
            max_depth: 4,
            max_members: 5,
            max_seq_len: 4,
            max_string_len: 8,
            recursion: true,
            valuetypes: true,
            long_double: true,
            fixed: true,
            wide: true,
            objref: true,
            principal: true,
            any: true,
            typecode: true,
            exceptions: true,
            ascii_strings: false,
        }
    }
    /// What a legacy ORB's TypeCode-driven marshalling is most likely to
    /// support: no valuetypes, long double, fixed, wide characters, object
    /// references, Principal or exceptions; ASCII strings.
    pub fn legacy() -> GenConfig {
        GenConfig {
            valuetypes: false,
            long_double: false,
            fixed: false,
            wide: false,
            objref: false,
            principal: false,
            exceptions: false,
            ascii_strings: true,
            ..GenConfig::full()
        }
    }
}

impl Default for GenConfig {
    fn default() -> Self {
        GenConfig::full()
    }
}

/// A generator: an [`Rng`], a config and a counter that keeps generated
/// repository ids unique.
#[derive(Clone, Debug)]
pub struct Gen {
    pub rng: Rng,
    pub cfg: GenConfig,
    counter: u32,
}

const BASIC: [TCKind; 11] = [
    TCKind::SHORT,
    TCKind::LONG,
    TCKind::USHORT,
    TCKind::ULONG,
    TCKind::LONGLONG,
    TCKind::ULONGLONG,
    TCKind::FLOAT,
    TCKind::DOUBLE,
    TCKind::BOOLEAN,
    TCKind::CHAR,
    TCKind::OCTET,
];

impl Gen {
    pub fn new(seed: u64, cfg: GenConfig) -> Gen {
        Gen {
            rng: Rng::new(seed),
            cfg,
            counter: 0,
        }
    }

    fn fresh(&mut self, prefix: &str) -> (String, String) {
        self.counter += 1;
        let name = format!("{prefix}{}", self.counter);
        (format!("IDL:gen.giopbench.org/{name}:1.0"), name)
    }

    /// A random TypeCode.
    pub fn typecode(&mut self) -> TypeCode {
        let mut enclosing = Vec::new();
        self.tc(0, &mut enclosing)
    }

    fn leaf(&mut self) -> TypeCode {
        let c = &self.cfg;
        let mut extra: Vec<TypeCode> = vec![TypeCode::new(TypeDesc::String { bound: 0 })];
        if c.wide {
            extra.push(TypeCode::basic(TCKind::WCHAR));
            extra.push(TypeCode::new(TypeDesc::WString { bound: 0 }));
        }
        if c.long_double {
            extra.push(TypeCode::basic(TCKind::LONGDOUBLE));
        }
        if c.fixed {
            let digits = self.rng.range(1, 31) as u16;
            let scale = self.rng.range(0, u64::from(digits)) as i16;
            extra.push(TypeCode::new(TypeDesc::Fixed { digits, scale }));
        }
        if c.principal {
            extra.push(TypeCode::basic(TCKind::PRINCIPAL));
        }
        if c.objref {
            let (id, name) = self.fresh("I");
            extra.push(TypeCode::new(TypeDesc::Interface {
                kind: TCKind::OBJREF,
                id,
                name,
            }));
        }
        let n = BASIC.len() + extra.len();
        let i = self.rng.below(n as u64) as usize;
        if i < BASIC.len() {
            TypeCode::basic(BASIC[i])
        } else {
            extra.swap_remove(i - BASIC.len())
        }
    }

    fn enum_tc(&mut self) -> TypeCode {
        let (id, name) = self.fresh("E");
        let n = self.rng.range(1, self.cfg.max_members.max(1) as u64) as usize;
        TypeCode::new(TypeDesc::Enum {
            id,
            name,
            members: (0..n).map(|i| format!("E{i}").into()).collect(),
        })
    }

    fn tc(&mut self, depth: u32, enclosing: &mut Vec<String>) -> TypeCode {
        if depth + 1 >= self.cfg.max_depth {
            return if self.rng.chance(1, 6) {
                self.enum_tc()
            } else {
                self.leaf()
            };
        }
        // Recursion: a sequence of an enclosing struct or union.
        if self.cfg.recursion && !enclosing.is_empty() && self.rng.chance(1, 8) {
            let id = enclosing[self.rng.below(enclosing.len() as u64) as usize].clone();
            return TypeCode::new(TypeDesc::Sequence {
                element: TypeCode::new(TypeDesc::Recursive { id }),
                bound: 0,
            });
        }
        let choice = self.rng.below(16);
        match choice {
            0..=3 => self.leaf(),
            4 => self.enum_tc(),
            5 | 6 => self.struct_tc(depth, enclosing, TCKind::STRUCT),
            7 => self.union_tc(depth, enclosing),
            8 | 9 => {
                let element = self.tc(depth + 1, enclosing);
                let bound = if self.rng.chance(1, 4) {
                    self.cfg.max_seq_len as u32 + self.rng.below(3) as u32
                } else {
                    0
                };
                TypeCode::new(TypeDesc::Sequence { element, bound })
            }
            10 => {
                // No recursion directly inside an array (it could not end).
                let mut none = Vec::new();
                let element = self.tc(depth + 1, &mut none);
                TypeCode::new(TypeDesc::Array {
                    element,
                    length: self.rng.range(1, 3) as u32,
                })
            }
            11 => {
                let (id, name) = self.fresh("A");
                let content = self.tc(depth + 1, enclosing);
                TypeCode::new(TypeDesc::Alias { id, name, content })
            }
            12 if self.cfg.any => TypeCode::basic(TCKind::ANY),
            13 if self.cfg.typecode => TypeCode::basic(TCKind::TYPECODE),
            14 if self.cfg.valuetypes => self.value_tc(depth, enclosing),
            15 if self.cfg.exceptions && self.rng.chance(1, 3) => {
                self.struct_tc(depth, enclosing, TCKind::EXCEPT)
            }
            15 => {
                let bound = self.rng.range(
                    self.cfg.max_string_len as u64,
                    self.cfg.max_string_len as u64 + 4,
                ) as u32;
                if self.cfg.wide && self.rng.chance(1, 2) {
                    TypeCode::new(TypeDesc::WString { bound })
                } else {
                    TypeCode::new(TypeDesc::String { bound })
                }
            }
            _ => self.leaf(),
        }
    }

    fn struct_tc(&mut self, depth: u32, enclosing: &mut Vec<String>, kind: TCKind) -> TypeCode {
        let (id, name) = self.fresh(if kind == TCKind::EXCEPT { "X" } else { "S" });
        // At least one member, exceptions included: an exception without
        // members or repository id (omniORB's anys) would have no size.
        let n = self.rng.range(1, self.cfg.max_members.max(1) as u64) as usize;
        enclosing.push(id.clone());
        let members = (0..n)
            .map(|i| StructMember {
                name: format!("m{i}").into(),
                tc: self.tc(depth + 1, enclosing),
            })
            .collect();
        enclosing.pop();
        TypeCode::new(TypeDesc::Struct {
            kind,
            id,
            name,
            members,
        })
    }

    fn union_tc(&mut self, depth: u32, enclosing: &mut Vec<String>) -> TypeCode {
        let (id, name) = self.fresh("U");
        let mut kinds = vec![
            TCKind::SHORT,
            TCKind::LONG,
            TCKind::USHORT,
            TCKind::ULONG,
            TCKind::LONGLONG,
            TCKind::ULONGLONG,
            TCKind::CHAR,
            TCKind::BOOLEAN,
            TCKind::ENUM,
        ];
        if self.cfg.wide {
            kinds.push(TCKind::WCHAR);
        }
        let dk = kinds[self.rng.below(kinds.len() as u64) as usize];
        let discriminator = if dk == TCKind::ENUM {
            self.enum_tc()
        } else {
            TypeCode::basic(dk)
        };
        // How many distinct label values exist (bounded for small types).
        let space: u64 = match dk {
            TCKind::BOOLEAN => 2,
            TCKind::ENUM => match discriminator.desc() {
                TypeDesc::Enum { members, .. } => members.len() as u64,
                _ => 1,
            },
            TCKind::CHAR => 256,
            _ => 1000,
        };
        let n = self
            .rng
            .range(1, (self.cfg.max_members as u64).clamp(1, space)) as usize;
        let mut labels: Vec<i128> = Vec::with_capacity(n);
        while labels.len() < n {
            let l = match dk {
                TCKind::SHORT | TCKind::LONG | TCKind::LONGLONG => {
                    self.rng.below(1000) as i128 - 500
                }
                _ => self.rng.below(space) as i128,
            };
            if !labels.contains(&l) {
                labels.push(l);
            }
        }
        // A default member only when some label value is left over for it.
        let default_index = if (n as u64) < space && self.rng.chance(1, 2) {
            self.rng.below(n as u64) as i32
        } else {
            -1
        };
        enclosing.push(id.clone());
        let members = labels
            .into_iter()
            .enumerate()
            .map(|(i, l)| UnionMember {
                label: if i as i32 == default_index { 0 } else { l },
                name: format!("u{i}").into(),
                tc: self.tc(depth + 1, enclosing),
            })
            .collect();
        enclosing.pop();
        TypeCode::new(TypeDesc::Union {
            id,
            name,
            discriminator,
            default_index,
            members,
        })
    }

    fn value_tc(&mut self, depth: u32, enclosing: &mut Vec<String>) -> TypeCode {
        if self.rng.chance(1, 4) {
            let (id, name) = self.fresh("B");
            let mut none = Vec::new();
            let content = self.tc(depth + 1, &mut none);
            if !matches!(
                strip_alias(&content).desc(),
                TypeDesc::Value { .. } | TypeDesc::ValueBox { .. }
            ) {
                return TypeCode::new(TypeDesc::ValueBox { id, name, content });
            }
        }
        let base = if self.rng.chance(1, 3) {
            Some(self.plain_value_tc(depth + 1, enclosing, None, ValueModifier::NONE))
        } else {
            None
        };
        let modifier = if base.is_some() && self.rng.chance(1, 2) {
            ValueModifier::TRUNCATABLE
        } else {
            ValueModifier::NONE
        };
        self.plain_value_tc(depth, enclosing, base, modifier)
    }

    fn plain_value_tc(
        &mut self,
        depth: u32,
        enclosing: &mut Vec<String>,
        base: Option<TypeCode>,
        modifier: ValueModifier,
    ) -> TypeCode {
        let (id, name) = self.fresh("V");
        let n = self.rng.range(1, self.cfg.max_members.max(1) as u64) as usize;
        enclosing.push(id.clone());
        let members = (0..n)
            .map(|i| ValueMember {
                name: format!("v{i}").into(),
                tc: self.tc(depth + 1, enclosing),
                visibility: if i % 2 == 0 {
                    Visibility::PUBLIC
                } else {
                    Visibility::PRIVATE
                },
            })
            .collect();
        enclosing.pop();
        TypeCode::new(TypeDesc::Value {
            kind: TCKind::VALUE,
            id,
            name,
            modifier,
            concrete_base: base,
            members,
        })
    }

    // ------------------------------------------------------------ values

    /// A random value conforming to `tc`.
    pub fn value(&mut self, tc: &TypeCode) -> Value {
        let mut scope = Vec::new();
        self.val(tc, &mut scope, 0)
    }

    fn string(&mut self, bound: u32) -> String {
        let mut max = self.cfg.max_string_len;
        if bound != 0 {
            max = max.min(bound as usize);
        }
        let n = self.rng.range(0, max as u64) as usize;
        (0..n)
            .map(|_| {
                if self.cfg.ascii_strings {
                    char::from(self.rng.range(0x20, 0x7e) as u8)
                } else {
                    char::from(self.rng.range(1, 0xff) as u8)
                }
            })
            .collect()
    }

    fn wstring(&mut self, bound: u32) -> String {
        let mut max = self.cfg.max_string_len;
        if bound != 0 {
            max = max.min(bound as usize);
        }
        let n = self.rng.range(0, max as u64) as usize;
        (0..n)
            .map(|_| match self.rng.below(4) {
                0 => char::from(self.rng.range(0x20, 0x7e) as u8),
                1 => char::from_u32(self.rng.range(0x10000, 0x10ffff) as u32).unwrap_or('x'),
                _ => char::from_u32(self.rng.range(0xa0, 0xd7ff) as u32).unwrap_or('y'),
            })
            .collect()
    }

    fn prim_seq(&mut self, k: TCKind, n: usize) -> Option<PrimSeq> {
        let r = &mut self.rng;
        Some(match k {
            TCKind::SHORT => PrimSeq::Short((0..n).map(|_| r.next_u64() as i16).collect()),
            TCKind::LONG => PrimSeq::Long((0..n).map(|_| r.next_u64() as i32).collect()),
            TCKind::USHORT => PrimSeq::UShort((0..n).map(|_| r.next_u64() as u16).collect()),
            TCKind::ULONG => PrimSeq::ULong((0..n).map(|_| r.next_u64() as u32).collect()),
            TCKind::LONGLONG => PrimSeq::LongLong((0..n).map(|_| r.next_u64() as i64).collect()),
            TCKind::ULONGLONG => PrimSeq::ULongLong((0..n).map(|_| r.next_u64()).collect()),
            TCKind::FLOAT => PrimSeq::Float(
                (0..n)
                    .map(|_| (r.next_u64() as i32) as f32 / 64.0)
                    .collect(),
            ),
            TCKind::DOUBLE => PrimSeq::Double(
                (0..n)
                    .map(|_| (r.next_u64() as i64) as f64 / 1024.0)
                    .collect(),
            ),
            TCKind::BOOLEAN => PrimSeq::Boolean((0..n).map(|_| r.chance(1, 2)).collect()),
            TCKind::CHAR => PrimSeq::Char((0..n).map(|_| r.next_u64() as u8).collect()),
            TCKind::OCTET => PrimSeq::Octet((0..n).map(|_| r.next_u64() as u8).collect()),
            _ => return None,
        })
    }

    fn basic(&mut self, k: TCKind, depth: u32) -> Value {
        let x = self.rng.next_u64();
        match k {
            TCKind::SHORT => Value::Short(x as i16),
            TCKind::LONG => Value::Long(x as i32),
            TCKind::USHORT => Value::UShort(x as u16),
            TCKind::ULONG => Value::ULong(x as u32),
            TCKind::LONGLONG => Value::LongLong(x as i64),
            TCKind::ULONGLONG => Value::ULongLong(x),
            TCKind::FLOAT => Value::Float((x as i32) as f32 / 64.0),
            TCKind::DOUBLE => Value::Double((x as i64) as f64 / 1024.0),
            TCKind::LONGDOUBLE => Value::LongDouble(LongDouble(
                u128::from(x) << 64 | u128::from(self.rng.next_u64()),
            )),
            TCKind::BOOLEAN => Value::Boolean(x & 1 == 1),
            TCKind::CHAR => Value::Char(if self.cfg.ascii_strings {
                (x % 95 + 32) as u8
            } else {
                x as u8
            }),
            TCKind::WCHAR => Value::WChar(
                char::from_u32(self.rng.range(0x20, 0xd7ff) as u32).map_or(0x41, |c| c as u16),
            ),
            TCKind::OCTET => Value::Octet(x as u8),
            TCKind::ANY => {
                let mut sub = Gen::new(
                    x,
                    GenConfig {
                        max_depth: 2.min(self.cfg.max_depth),
                        ..self.cfg.clone()
                    },
                );
                sub.counter = self.counter + 1000 * (depth + 1);
                let tc = sub.typecode();
                let value = sub.value(&tc);
                Value::Any(Box::new(Any { tc, value }))
            }
            TCKind::TYPECODE => {
                let mut sub = Gen::new(
                    x,
                    GenConfig {
                        max_depth: 3.min(self.cfg.max_depth),
                        ..self.cfg.clone()
                    },
                );
                Value::TypeCode(sub.typecode())
            }
            TCKind::PRINCIPAL => Value::Prim(PrimSeq::Octet((0..x % 6).map(|i| i as u8).collect())),
            _ => Value::Nothing,
        }
    }

    fn val(&mut self, tc: &TypeCode, scope: &mut Vec<TypeCode>, depth: u32) -> Value {
        let mut t = strip_alias(tc).clone();
        if let TypeDesc::Recursive { id } = t.desc() {
            match scope.iter().rev().find(|s| s.id() == Some(id.as_str())) {
                Some(s) => t = s.clone(),
                None => return Value::Nothing,
            }
        }
        match t.desc() {
            TypeDesc::Basic(k) => self.basic(*k, depth),
            TypeDesc::String { bound } => Value::String(self.string(*bound)),
            TypeDesc::WString { bound } => Value::WString(self.wstring(*bound)),
            TypeDesc::Fixed { digits, scale } => {
                let max = 10u128.pow(u32::from(*digits));
                let m = (u128::from(self.rng.next_u64()) * u128::from(self.rng.next_u64())) % max;
                let m = if self.rng.chance(1, 2) {
                    -(m as i128)
                } else {
                    m as i128
                };
                match Fixed::new(m, *digits, (*scale).max(0) as u16) {
                    Some(f) => Value::Fixed(f),
                    None => Value::Nothing,
                }
            }
            TypeDesc::Enum { members, .. } => {
                Value::Enum(self.rng.below(members.len() as u64) as u32)
            }
            TypeDesc::Interface { .. } => Value::ObjRef(if self.rng.chance(1, 3) {
                ObjectRef::default()
            } else {
                ObjectRef {
                    type_id: t.id().unwrap_or("").to_owned(),
                    profiles: vec![(0, (0..self.rng.below(12)).map(|i| i as u8).collect())],
                }
            }),
            TypeDesc::Struct { members, .. } => {
                scope.push(t.clone());
                let v = members
                    .iter()
                    .map(|m| self.val(&m.tc, scope, depth + 1))
                    .collect();
                scope.pop();
                Value::Struct(v)
            }
            TypeDesc::Union {
                discriminator,
                default_index,
                members,
                ..
            } => {
                scope.push(t.clone());
                let v = self.union_value(discriminator, *default_index, members, scope, depth);
                scope.pop();
                v
            }
            TypeDesc::Sequence { element, bound } => {
                let mut max = if depth > 6 { 0 } else { self.cfg.max_seq_len };
                if *bound != 0 {
                    max = max.min(*bound as usize);
                }
                let n = self.rng.range(0, max as u64) as usize;
                self.elements(element, n, scope, depth)
            }
            TypeDesc::Array { element, length } => {
                self.elements(element, *length as usize, scope, depth)
            }
            TypeDesc::ValueBox { content, .. } => {
                if self.rng.chance(1, 5) {
                    return Value::ValueType(None);
                }
                scope.push(t.clone());
                let v = self.val(content, scope, depth + 1);
                scope.pop();
                Value::ValueType(Some(Arc::new(ValueInstance {
                    tc: t.clone(),
                    members: vec![v],
                })))
            }
            TypeDesc::Value { .. } => {
                if self.rng.chance(1, 5) || depth > 8 {
                    return Value::ValueType(None);
                }
                let mut chain = vec![t.clone()];
                while let TypeDesc::Value {
                    concrete_base: Some(b),
                    ..
                } = chain[chain.len() - 1].clone().desc()
                {
                    chain.push(strip_alias(b).clone());
                }
                let mut members = Vec::new();
                for c in chain.iter().rev() {
                    scope.push(c.clone());
                    scope.push(t.clone());
                    if let TypeDesc::Value { members: ms, .. } = c.desc() {
                        for m in ms {
                            members.push(self.val(&m.tc, scope, depth + 1));
                        }
                    }
                    scope.pop();
                    scope.pop();
                }
                Value::ValueType(Some(Arc::new(ValueInstance {
                    tc: t.clone(),
                    members,
                })))
            }
            TypeDesc::Alias { .. } | TypeDesc::Recursive { .. } => Value::Nothing,
        }
    }

    fn elements(
        &mut self,
        element: &TypeCode,
        n: usize,
        scope: &mut Vec<TypeCode>,
        depth: u32,
    ) -> Value {
        if let TypeDesc::Basic(k) = strip_alias(element).desc() {
            if let Some(p) = self.prim_seq(*k, n) {
                return Value::Prim(p);
            }
        }
        Value::Seq(
            (0..n)
                .map(|_| self.val(element, scope, depth + 1))
                .collect(),
        )
    }

    fn union_value(
        &mut self,
        disc: &TypeCode,
        default_index: i32,
        members: &[UnionMember],
        scope: &mut Vec<TypeCode>,
        depth: u32,
    ) -> Value {
        let dt = strip_alias(disc);
        let explicit: Vec<i128> = members
            .iter()
            .enumerate()
            .filter(|(i, _)| *i as i32 != default_index)
            .map(|(_, m)| m.label)
            .collect();
        // Either an explicit member, or the default / no member with an
        // unused label.
        let pick = self.rng.below(members.len() as u64 + 1) as usize;
        let (label, member) = if pick < members.len() && pick as i32 != default_index {
            (members[pick].label, Some(pick))
        } else {
            let mut l = None;
            for cand in 0..2000i128 {
                if !explicit.contains(&cand) {
                    l = Some(cand);
                    break;
                }
            }
            match l {
                Some(l) if default_index >= 0 => (l, Some(default_index as usize)),
                Some(l) if label_fits(dt, l) => (l, None),
                _ => (members[0].label, Some(0)),
            }
        };
        let d = label_value(dt, label);
        let member = member.map(|i| Box::new(self.val(&members[i].tc, scope, depth + 1)));
        Value::Union {
            discriminator: Box::new(d),
            member,
        }
    }
}

fn label_fits(dt: &TypeCode, l: i128) -> bool {
    match dt.desc() {
        TypeDesc::Enum { members, .. } => l < members.len() as i128,
        TypeDesc::Basic(TCKind::BOOLEAN) => l <= 1,
        TypeDesc::Basic(TCKind::CHAR) => l <= 255,
        _ => true,
    }
}

/// The discriminator value for a label of a union discriminated by `dt`.
pub fn label_value(dt: &TypeCode, l: i128) -> Value {
    match strip_alias(dt).desc() {
        TypeDesc::Enum { .. } => Value::Enum(l as u32),
        TypeDesc::Basic(k) => match *k {
            TCKind::SHORT => Value::Short(l as i16),
            TCKind::USHORT => Value::UShort(l as u16),
            TCKind::LONG => Value::Long(l as i32),
            TCKind::ULONG => Value::ULong(l as u32),
            TCKind::LONGLONG => Value::LongLong(l as i64),
            TCKind::ULONGLONG => Value::ULongLong(l as u64),
            TCKind::BOOLEAN => Value::Boolean(l != 0),
            TCKind::CHAR => Value::Char(l as u8),
            TCKind::WCHAR => Value::WChar(l as u16),
            _ => Value::Nothing,
        },
        _ => Value::Nothing,
    }
}

/// A random TypeCode from `seed`.
pub fn typecode(seed: u64, cfg: &GenConfig) -> TypeCode {
    Gen::new(seed, cfg.clone()).typecode()
}

/// A random value of `tc` from `seed`.
pub fn value(tc: &TypeCode, seed: u64, cfg: &GenConfig) -> Value {
    Gen::new(seed, cfg.clone()).value(tc)
}
