//! TypeCodes of resolved declarations (CORBA 3.x Part 1 "TypeCodes";
//! parameters as in Part 2 §9.3.5.1, Table 9-13), shaped as omniidl makes
//! them: a typedef is a `tk_alias` whose members refer to it by its alias,
//! arrays of several dimensions nest (`long a[2][3]` is array 2 of array 3
//! of long), a union lists one member per label with the default's index
//! and has its discriminator's unaliased TypeCode,
//! and a reference back to a struct, union or value type being defined is
//! [`TypeDesc::Recursive`].

use crate::ast::{InterfaceKind, Prim};
use crate::sema::{Decl, DeclKind, Type};
use corba_typecode::{
    Name, StructMember, TCKind, TypeCode, TypeDesc, UnionMember, ValueMember, ValueModifier,
};
use std::collections::HashMap;

pub(crate) fn prim_kind(p: Prim) -> TCKind {
    match p {
        Prim::Short => TCKind::SHORT,
        Prim::Long => TCKind::LONG,
        Prim::LongLong => TCKind::LONGLONG,
        Prim::UShort => TCKind::USHORT,
        Prim::ULong => TCKind::ULONG,
        Prim::ULongLong => TCKind::ULONGLONG,
        Prim::Float => TCKind::FLOAT,
        Prim::Double => TCKind::DOUBLE,
        Prim::LongDouble => TCKind::LONGDOUBLE,
        Prim::Boolean => TCKind::BOOLEAN,
        Prim::Char => TCKind::CHAR,
        Prim::WChar => TCKind::WCHAR,
        Prim::Octet => TCKind::OCTET,
        Prim::Any => TCKind::ANY,
        Prim::Object => TCKind::OBJREF,
        Prim::ValueBase => TCKind::VALUE,
    }
}

/// Most nesting of one TypeCode (members, elements, typedef chains).
const MAX_TC_DEPTH: u32 = 200;

/// No stack entry referenced.
const NONE: usize = usize::MAX;

pub(crate) struct TcBuilder<'d> {
    decls: &'d [Decl],
    /// Nesting of `build` calls (typedef chains count too).
    depth: u32,
    /// The deepest nesting reached in the TypeCode being built, counting
    /// the depth of cached TypeCodes used in it.
    deepest: u32,
    /// Nesting depth of each cached TypeCode.
    cache_depth: HashMap<usize, u32>,
    stack: Vec<usize>,
    cache: HashMap<usize, TypeCode>,
}

/// Why a TypeCode could not be made: the declaration at fault and why.
pub(crate) type TcError = (usize, String);

impl<'d> TcBuilder<'d> {
    pub fn new(decls: &'d [Decl]) -> Self {
        TcBuilder {
            decls,
            depth: 0,
            deepest: 0,
            cache_depth: HashMap::new(),
            stack: Vec::new(),
            cache: HashMap::new(),
        }
    }

    /// The TypeCode of a type, outside any definition.
    pub fn type_code(&mut self, t: &Type) -> Result<TypeCode, TcError> {
        self.stack.clear();
        Ok(self.build(t)?.0)
    }

    /// The TypeCode of a declaration, outside any definition.
    pub fn decl_type_code(&mut self, d: usize) -> Result<TypeCode, TcError> {
        self.stack.clear();
        Ok(self.named(d)?.0)
    }

    fn build(&mut self, t: &Type) -> Result<(TypeCode, usize), TcError> {
        if self.depth >= MAX_TC_DEPTH {
            let d = match t {
                Type::Named(d) => *d,
                _ => 0,
            };
            return Err((d, format!("types nested more than {MAX_TC_DEPTH} deep")));
        }
        self.depth += 1;
        self.deepest = self.deepest.max(self.depth);
        let r = self.build_inner(t);
        self.depth -= 1;
        r
    }

    fn build_inner(&mut self, t: &Type) -> Result<(TypeCode, usize), TcError> {
        Ok(match t {
            Type::Prim(Prim::Object) => (
                TypeCode::new(TypeDesc::Interface {
                    kind: TCKind::OBJREF,
                    id: "IDL:omg.org/CORBA/Object:1.0".into(),
                    name: "Object".into(),
                }),
                NONE,
            ),
            Type::Prim(Prim::ValueBase) => (
                TypeCode::new(TypeDesc::Value {
                    kind: TCKind::VALUE,
                    id: "IDL:omg.org/CORBA/ValueBase:1.0".into(),
                    name: "ValueBase".into(),
                    modifier: ValueModifier::NONE,
                    concrete_base: None,
                    members: Vec::new(),
                }),
                NONE,
            ),
            Type::Prim(p) => (TypeCode::basic(prim_kind(*p)), NONE),
            Type::TypeCode => (TypeCode::basic(TCKind::TYPECODE), NONE),
            Type::Principal => (TypeCode::basic(TCKind::PRINCIPAL), NONE),
            Type::String(b) => (TypeCode::new(TypeDesc::String { bound: *b }), NONE),
            Type::WString(b) => (TypeCode::new(TypeDesc::WString { bound: *b }), NONE),
            Type::Fixed(d, s) => (
                TypeCode::new(TypeDesc::Fixed {
                    digits: *d,
                    scale: *s,
                }),
                NONE,
            ),
            Type::Sequence(e, b) => {
                let (e, hit) = self.build(e)?;
                (
                    TypeCode::new(TypeDesc::Sequence {
                        element: e,
                        bound: *b,
                    }),
                    hit,
                )
            }
            Type::Array(e, dims) => {
                let (mut tc, hit) = self.build(e)?;
                for &n in dims.iter().rev() {
                    tc = TypeCode::new(TypeDesc::Array {
                        element: tc,
                        length: n,
                    });
                }
                (tc, hit)
            }
            Type::Named(d) => self.named(*d)?,
        })
    }

    fn fields(
        &mut self,
        fields: &[crate::sema::Field],
    ) -> Result<(Vec<StructMember>, usize), TcError> {
        let mut hit = NONE;
        let mut out = Vec::with_capacity(fields.len());
        for f in fields {
            let (tc, h) = self.build(&f.ty)?;
            hit = hit.min(h);
            out.push(StructMember {
                name: f.name.as_str().into(),
                tc,
            });
        }
        Ok((out, hit))
    }

    fn named(&mut self, d: usize) -> Result<(TypeCode, usize), TcError> {
        let decl = &self.decls[d];
        if let Some(pos) = self.stack.iter().position(|&s| s == d) {
            return Ok((
                TypeCode::new(TypeDesc::Recursive {
                    id: decl.repo_id.clone(),
                }),
                pos,
            ));
        }
        if let Some(tc) = self.cache.get(&d) {
            let below = self.cache_depth.get(&d).copied().unwrap_or(0);
            let reached = self.depth + below;
            if reached > MAX_TC_DEPTH {
                return Err((d, format!("types nested more than {MAX_TC_DEPTH} deep")));
            }
            self.deepest = self.deepest.max(reached);
            return Ok((tc.clone(), NONE));
        }
        if self.stack.len() > 512 {
            return Err((d, "types nested too deeply".into()));
        }
        let id = decl.repo_id.clone();
        let name = decl.name().to_owned();
        let level = self.stack.len();
        let recursive_kind = matches!(
            decl.kind,
            DeclKind::Struct { .. }
                | DeclKind::Union { .. }
                | DeclKind::Value { .. }
                | DeclKind::Exception { .. }
        );
        if recursive_kind {
            self.stack.push(d);
        }
        let start = self.depth;
        let saved_deepest = core::mem::replace(&mut self.deepest, start);
        let r = self.named_body(d, id, name);
        let below = self.deepest.saturating_sub(start);
        self.deepest = self.deepest.max(saved_deepest);
        if recursive_kind {
            self.stack.pop();
        }
        let (tc, hit) = r?;
        // Referring to itself only is fine for the cache: the TypeCode is
        // the same wherever it is used. Referring to an enclosing type is not.
        let hit = if hit == level && recursive_kind {
            NONE
        } else {
            hit
        };
        if hit == NONE {
            self.cache.insert(d, tc.clone());
            self.cache_depth.insert(d, below);
        }
        Ok((tc, hit))
    }

    fn named_body(
        &mut self,
        d: usize,
        id: String,
        name: String,
    ) -> Result<(TypeCode, usize), TcError> {
        let decls = self.decls;
        let decl = &decls[d];
        Ok(match &decl.kind {
            DeclKind::Interface { kind, .. } => (
                TypeCode::new(TypeDesc::Interface {
                    kind: match kind {
                        InterfaceKind::Plain => TCKind::OBJREF,
                        InterfaceKind::Abstract => TCKind::ABSTRACT_INTERFACE,
                        InterfaceKind::Local => TCKind::LOCAL_INTERFACE,
                    },
                    id,
                    name,
                }),
                NONE,
            ),
            DeclKind::Native => (
                TypeCode::new(TypeDesc::Interface {
                    kind: TCKind::NATIVE,
                    id,
                    name,
                }),
                NONE,
            ),
            DeclKind::Struct { fields: None } | DeclKind::Union { body: None } => {
                return Err((
                    d,
                    format!(
                        "'{}' is forward-declared but never defined",
                        decl.scoped_name()
                    ),
                ))
            }
            DeclKind::Struct {
                fields: Some(fields),
            } => {
                let (members, hit) = self.fields(fields)?;
                (
                    TypeCode::new(TypeDesc::Struct {
                        kind: TCKind::STRUCT,
                        id,
                        name,
                        members,
                    }),
                    hit,
                )
            }
            DeclKind::Exception { fields } => {
                let (members, hit) = self.fields(fields)?;
                (
                    TypeCode::new(TypeDesc::Struct {
                        kind: TCKind::EXCEPT,
                        id,
                        name,
                        members,
                    }),
                    hit,
                )
            }
            DeclKind::Union {
                body: Some((disc, cases)),
            } => {
                // omniidl gives the discriminator's unaliased TypeCode
                // (`switch (Tag)` with `typedef unsigned short Tag` is
                // tk_ushort), as the IDL chapter's TypeCode rules do.
                let real = crate::consts::unalias(decls, disc);
                let (disc_tc, mut hit) = self.build(&real)?;
                let mut members = Vec::new();
                let mut default_index = -1i32;
                for c in cases {
                    let (tc, h) = self.build(&c.ty)?;
                    hit = hit.min(h);
                    for l in &c.labels {
                        match l {
                            Some(v) => members.push(UnionMember {
                                label: *v,
                                name: c.name.as_str().into(),
                                tc: tc.clone(),
                            }),
                            None => {
                                default_index = members.len() as i32;
                                members.push(UnionMember {
                                    label: 0,
                                    name: c.name.as_str().into(),
                                    tc: tc.clone(),
                                });
                            }
                        }
                    }
                }
                (
                    TypeCode::new(TypeDesc::Union {
                        id,
                        name,
                        discriminator: disc_tc,
                        default_index,
                        members,
                    }),
                    hit,
                )
            }
            DeclKind::Enum { members } => (
                TypeCode::new(TypeDesc::Enum {
                    id,
                    name,
                    members: members.iter().map(Name::from).collect(),
                }),
                NONE,
            ),
            DeclKind::Typedef { ty } => {
                let (content, hit) = self.build(ty)?;
                (TypeCode::new(TypeDesc::Alias { id, name, content }), hit)
            }
            DeclKind::ValueBox { ty } => {
                let (content, hit) = self.build(ty)?;
                (TypeCode::new(TypeDesc::ValueBox { id, name, content }), hit)
            }
            DeclKind::Value {
                modifier,
                bases,
                members,
                ..
            } => {
                let mut hit = NONE;
                let concrete = bases.first().copied().filter(|&b| {
                    matches!(
                        decls[b].kind,
                        DeclKind::Value {
                            is_abstract: false,
                            ..
                        }
                    )
                });
                let concrete_base = match concrete {
                    Some(b) => {
                        let (tc, h) = self.build(&Type::Named(b))?;
                        hit = hit.min(h);
                        Some(tc)
                    }
                    None => None,
                };
                let mut vm = Vec::new();
                for m in members {
                    let (tc, h) = self.build(&m.ty)?;
                    hit = hit.min(h);
                    vm.push(ValueMember {
                        name: m.name.as_str().into(),
                        tc,
                        visibility: m.visibility,
                    });
                }
                (
                    TypeCode::new(TypeDesc::Value {
                        kind: TCKind::VALUE,
                        id,
                        name,
                        modifier: *modifier,
                        concrete_base,
                        members: vm,
                    }),
                    hit,
                )
            }
            DeclKind::Module
            | DeclKind::Enumerator { .. }
            | DeclKind::Const { .. }
            | DeclKind::Operation
            | DeclKind::Attribute => {
                return Err((d, format!("'{}' is not a type", decl.scoped_name())))
            }
        })
    }
}

/// Whether a type is a forward declaration never completed (it has no
/// TypeCode).
pub(crate) fn is_incomplete(decls: &[Decl], d: usize) -> bool {
    matches!(
        decls[d].kind,
        DeclKind::Struct { fields: None } | DeclKind::Union { body: None }
    )
}
