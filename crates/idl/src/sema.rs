//! Semantic analysis: scopes and name resolution, repository ids (CORBA 3.x
//! Part 1 §7.20 / "Repository Identity Related Declarations" and the
//! `#pragma` forms), constant evaluation, and the resolved declarations
//! that TypeCodes and generated code are made from.
//!
//! Declarations are walked in source order, so a name is visible only after
//! its declaration (a forward declaration counts), as IDL requires.

use crate::ast::{self, *};
use crate::consts::{self, ConstValue};
use crate::error::{Error, Result};
use crate::pp::Expanded;
use corba_typecode::{ValueModifier, Visibility};
use std::collections::HashMap;

/// A resolved type.
#[derive(Clone, Debug, PartialEq)]
pub enum Type {
    Prim(Prim),
    TypeCode,
    Principal,
    /// Bound 0 is unbounded.
    String(u32),
    WString(u32),
    Fixed(u16, i16),
    Sequence(Box<Type>, u32),
    /// Dimensions outermost first (`long a[2][3]` is `[2, 3]`).
    Array(Box<Type>, Vec<u32>),
    /// A named declaration (index into [`Repository::decls`]).
    Named(usize),
}

#[derive(Clone, Debug, PartialEq)]
pub struct Field {
    pub name: String,
    pub ty: Type,
}

#[derive(Clone, Debug, PartialEq)]
pub struct UnionCase {
    pub name: String,
    pub ty: Type,
    /// The labels in source order; `None` is `default`.
    pub labels: Vec<Option<i128>>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct StateMember {
    pub name: String,
    pub ty: Type,
    pub visibility: Visibility,
}

#[derive(Clone, Debug, PartialEq)]
pub enum DeclKind {
    /// The global scope (declaration 0) and modules.
    Module,
    Interface {
        kind: InterfaceKind,
        defined: bool,
        bases: Vec<usize>,
    },
    Struct {
        /// `None` while only forward-declared.
        fields: Option<Vec<Field>>,
    },
    Exception {
        fields: Vec<Field>,
    },
    Union {
        /// `None` while only forward-declared.
        body: Option<(Type, Vec<UnionCase>)>,
    },
    Enum {
        members: Vec<String>,
    },
    Enumerator {
        enum_decl: usize,
        ordinal: u32,
    },
    Typedef {
        ty: Type,
    },
    Native,
    Const {
        ty: Type,
        value: ConstValue,
    },
    Value {
        defined: bool,
        modifier: ValueModifier,
        is_abstract: bool,
        bases: Vec<usize>,
        supports: Vec<usize>,
        members: Vec<StateMember>,
    },
    ValueBox {
        ty: Type,
    },
    /// Operations, attributes and factories have names in their scope but
    /// no type of their own.
    Operation,
    Attribute,
}

/// One declared name.
#[derive(Clone, Debug, PartialEq)]
pub struct Decl {
    /// Full scoped name, outermost first (empty for the global scope).
    pub path: Vec<String>,
    pub kind: DeclKind,
    /// Repository id (empty for declarations that have none).
    pub repo_id: String,
    pub parent: usize,
    /// Offset in the preprocessed text.
    pub offset: usize,
    /// Index of the source file (in the preprocessed source's files).
    pub file: usize,
    /// Whether the repository id was set explicitly (`#pragma ID`, `typeid`).
    pub explicit_id: bool,
    id_body: String,
    version: (u16, u16),
}

impl Decl {
    pub fn name(&self) -> &str {
        self.path.last().map(String::as_str).unwrap_or("")
    }
    /// `A::B::C`.
    pub fn scoped_name(&self) -> String {
        self.path.join("::")
    }
    /// Whether this declaration is a type (has a TypeCode).
    pub fn is_type(&self) -> bool {
        matches!(
            self.kind,
            DeclKind::Interface { .. }
                | DeclKind::Struct { .. }
                | DeclKind::Exception { .. }
                | DeclKind::Union { .. }
                | DeclKind::Enum { .. }
                | DeclKind::Typedef { .. }
                | DeclKind::Native
                | DeclKind::Value { .. }
                | DeclKind::ValueBox { .. }
        )
    }
}

/// A name found by lookup.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Found {
    Decl(usize),
    Builtin(Type),
}

pub(crate) struct Sema<'x> {
    pub src: &'x Expanded,
    pub decls: Vec<Decl>,
    /// Names declared directly in each scope.
    pub members: HashMap<usize, HashMap<String, usize>>,
    scope: Vec<usize>,
    /// Prefix body for ids of declarations in the current scope (one entry
    /// per open scope, plus saved entries at file boundaries).
    prefix: Vec<String>,
    file_stack: Vec<(usize, String)>,
    typeprefixes: HashMap<usize, String>,
    /// Names used (as the first part of a relative scoped name) in each
    /// scope, found in an enclosing one: they may not be redeclared there,
    /// even with another case (IDL chapter, "Names and Scoping").
    used: HashMap<usize, Vec<(String, usize)>>,
    file: usize,
}

fn tc_visibility(public: bool) -> Visibility {
    if public {
        Visibility::PUBLIC
    } else {
        Visibility::PRIVATE
    }
}

impl<'x> Sema<'x> {
    pub fn new(src: &'x Expanded) -> Self {
        let root = Decl {
            path: Vec::new(),
            kind: DeclKind::Module,
            repo_id: String::new(),
            parent: 0,
            offset: 0,
            file: 0,
            explicit_id: false,
            id_body: String::new(),
            version: (1, 0),
        };
        Sema {
            src,
            decls: vec![root],
            members: HashMap::new(),
            scope: vec![0],
            prefix: vec![String::new()],
            file_stack: Vec::new(),
            typeprefixes: HashMap::new(),
            used: HashMap::new(),
            file: 0,
        }
    }

    pub fn offset(&self, at: usize) -> usize {
        self.src.text.len().saturating_sub(at)
    }

    pub fn err(&self, at: usize, msg: impl Into<String>) -> Error {
        self.src.error_at(self.offset(at), msg)
    }

    fn cur(&self) -> usize {
        *self.scope.last().expect("global scope is never popped")
    }

    fn make_id(&self, name: &str) -> String {
        let p = self.prefix.last().map(String::as_str).unwrap_or("");
        if p.is_empty() {
            name.to_owned()
        } else {
            format!("{p}/{name}")
        }
    }

    /// Declares `name` in the current scope. A forward declaration followed
    /// by its definition (or a reopened module) gives the same index back.
    fn declare(&mut self, name: &ast::Ident, kind: DeclKind) -> Result<usize> {
        let scope = self.cur();
        if let Some(&existing) = self.members.get(&scope).and_then(|m| m.get(&name.name)) {
            let ok = match (&self.decls[existing].kind, &kind) {
                (DeclKind::Module, DeclKind::Module) => true,
                (
                    DeclKind::Interface {
                        defined: false,
                        kind: k1,
                        ..
                    },
                    DeclKind::Interface { kind: k2, .. },
                ) => k1 == k2,
                (
                    DeclKind::Interface { defined: true, .. },
                    DeclKind::Interface { defined: false, .. },
                ) => true,
                (DeclKind::Struct { fields: None }, DeclKind::Struct { .. }) => true,
                (DeclKind::Struct { fields: Some(_) }, DeclKind::Struct { fields: None }) => true,
                (DeclKind::Union { body: None }, DeclKind::Union { .. }) => true,
                (DeclKind::Union { body: Some(_) }, DeclKind::Union { body: None }) => true,
                (DeclKind::Value { defined: false, .. }, DeclKind::Value { .. }) => true,
                (DeclKind::Value { defined: true, .. }, DeclKind::Value { defined: false, .. }) => {
                    true
                }
                _ => false,
            };
            if !ok {
                let prev = self.src.locate(self.decls[existing].offset);
                return Err(self.err(
                    name.at,
                    format!(
                        "'{}' is already declared in this scope (at {}:{})",
                        name.name,
                        prev.file.display(),
                        prev.line
                    ),
                ));
            }
            // A definition after a forward declaration takes its place; a
            // forward declaration after a definition changes nothing.
            let is_fwd_after_def = matches!(
                (&self.decls[existing].kind, &kind),
                (
                    DeclKind::Interface { defined: true, .. },
                    DeclKind::Interface { defined: false, .. }
                ) | (
                    DeclKind::Struct { fields: Some(_) },
                    DeclKind::Struct { fields: None }
                ) | (
                    DeclKind::Union { body: Some(_) },
                    DeclKind::Union { body: None }
                ) | (
                    DeclKind::Value { defined: true, .. },
                    DeclKind::Value { defined: false, .. }
                )
            );
            if !is_fwd_after_def && !matches!(kind, DeclKind::Module) {
                self.decls[existing].kind = kind;
            }
            return Ok(existing);
        }
        self.check_not_used(name)?;
        // A declared name that differs from a keyword only in case must
        // be escaped (IDL chapter, "Keywords"); omniidl checks the same.
        if !name.escaped {
            if let Some(k) = crate::parser::keyword_ignoring_case(&name.name) {
                return Err(self.err(
                    name.at,
                    format!(
                        "'{}' collides with the keyword '{k}'; write '_{}'",
                        name.name, name.name
                    ),
                ));
            }
        }
        // Names that differ only in case collide (IDL chapter,
        // "Identifiers").
        if let Some((other, &d)) = self
            .members
            .get(&scope)
            .and_then(|m| m.iter().find(|(k, _)| k.eq_ignore_ascii_case(&name.name)))
        {
            let prev = self.src.locate(self.decls[d].offset);
            return Err(self.err(
                name.at,
                format!(
                    "'{}' differs only in case from '{other}' declared in this scope (at {}:{})",
                    name.name,
                    prev.file.display(),
                    prev.line
                ),
            ));
        }
        let mut path = self.decls[scope].path.clone();
        path.push(name.name.clone());
        let id_body = self.make_id(&name.name);
        let idx = self.decls.len();
        let offset = self.offset(name.at);
        self.decls.push(Decl {
            path,
            repo_id: format!("IDL:{id_body}:1.0"),
            kind,
            parent: scope,
            offset,
            file: self.file,
            explicit_id: false,
            id_body,
            version: (1, 0),
        });
        self.members
            .entry(scope)
            .or_default()
            .insert(name.name.clone(), idx);
        Ok(idx)
    }

    fn open_scope(&mut self, d: usize) {
        let name = self.decls[d].name().to_owned();
        let p = self.make_id(&name);
        self.scope.push(d);
        self.prefix.push(p);
    }

    fn close_scope(&mut self) {
        self.scope.pop();
        self.prefix.pop();
    }

    // ------------------------------------------------------------ lookup

    fn lookup_in(&self, scope: usize, name: &str, depth: usize) -> Option<usize> {
        if let Some(&d) = self.members.get(&scope).and_then(|m| m.get(name)) {
            return Some(d);
        }
        if depth > 64 {
            return None;
        }
        // Inherited names of interfaces and value types.
        let bases: Vec<usize> = match &self.decls[scope].kind {
            DeclKind::Interface { bases, .. } => bases.clone(),
            DeclKind::Value {
                bases, supports, ..
            } => bases.iter().chain(supports).copied().collect(),
            _ => Vec::new(),
        };
        bases
            .into_iter()
            .find_map(|b| self.lookup_in(b, name, depth + 1))
    }

    pub(crate) fn lookup(&self, n: &ScopedName) -> Result<Found> {
        let first = &n.parts[0];
        let mut found = if n.absolute {
            self.lookup_in(0, first, 0)
        } else {
            self.scope
                .iter()
                .rev()
                .find_map(|&s| self.lookup_in(s, first, 0))
        };
        for part in &n.parts[1..] {
            found = match found {
                Some(d) => self.lookup_in(d, part, 0),
                None => None,
            };
        }
        if let Some(d) = found {
            // The pseudo-objects keep their own TypeCodes even when an IDL
            // file declares them.
            let p = &self.decls[d].path;
            if p.len() == 2 && p[0] == "CORBA" {
                if let Some(t) = builtin(&p[1]) {
                    return Ok(Found::Builtin(t));
                }
            }
            return Ok(Found::Decl(d));
        }
        let builtin_name = match n.parts.as_slice() {
            [one] => builtin(one),
            [c, one] if c == "CORBA" => builtin(one),
            _ => None,
        };
        match builtin_name {
            Some(t) => Ok(Found::Builtin(t)),
            None => Err(self.err(n.at, format!("'{n}' is not declared"))),
        }
    }

    fn lookup_decl(&self, n: &ScopedName) -> Result<usize> {
        match self.lookup(n)? {
            Found::Decl(d) => Ok(d),
            Found::Builtin(_) => Err(self.err(n.at, format!("'{n}' is a predefined type here"))),
        }
    }

    /// Looks `n` up and notes its first identifier as used in the
    /// current scope when it was found in an enclosing one.
    fn lookup_and_note(&mut self, n: &ScopedName) -> Result<Found> {
        let found = self.lookup(n)?;
        let scope = self.cur();
        if !n.absolute
            && !self
                .members
                .get(&scope)
                .is_some_and(|m| m.contains_key(&n.parts[0]))
        {
            let list = self.used.entry(scope).or_default();
            if !list.iter().any(|(u, _)| *u == n.parts[0]) {
                list.push((n.parts[0].clone(), n.at));
            }
        }
        Ok(found)
    }

    /// Fails when `name`, about to be declared in the current scope, was
    /// used in it to mean something from an enclosing scope.
    fn check_not_used(&self, name: &ast::Ident) -> Result<()> {
        let scope = self.cur();
        if let Some((u, at)) = self
            .used
            .get(&scope)
            .and_then(|l| l.iter().find(|(u, _)| u.eq_ignore_ascii_case(&name.name)))
        {
            let prev = self.src.locate(self.offset(*at));
            return Err(self.err(
                name.at,
                format!(
                    "'{}' clashes with the use of '{u}' in this scope (at {}:{})",
                    name.name, prev.line, prev.column
                ),
            ));
        }
        Ok(())
    }

    // ------------------------------------------------------------ types

    pub(crate) fn resolve_type(&mut self, t: &TypeSpec) -> Result<Type> {
        Ok(match t {
            TypeSpec::Prim(p) => Type::Prim(*p),
            TypeSpec::String(b) => Type::String(self.bound(b.as_deref())?),
            TypeSpec::WString(b) => Type::WString(self.bound(b.as_deref())?),
            TypeSpec::Sequence(e, b) => {
                let e = self.resolve_type(e)?;
                Type::Sequence(Box::new(e), self.bound(b.as_deref())?)
            }
            TypeSpec::Fixed(None) => {
                return Err(self.src.error_at(
                    0,
                    "fixed without <digits, scale> is only allowed in constants",
                ))
            }
            TypeSpec::Fixed(Some(ds)) => {
                let d = self.positive_int(&ds.0, "fixed digits")?;
                let s = consts::eval_int(self, &ds.1)?;
                if d == 0 || d > 31 || s < 0 || s > i128::from(d) {
                    return Err(self.err(
                        ds.0.at,
                        format!("fixed<{d},{s}>: digits must be 1 to 31 and the scale 0 to digits"),
                    ));
                }
                Type::Fixed(d as u16, s as i16)
            }
            TypeSpec::Named(n) => match self.lookup_and_note(n)? {
                Found::Builtin(t) => t,
                Found::Decl(d) => {
                    if !self.decls[d].is_type() {
                        return Err(self.err(n.at, format!("'{n}' is not a type")));
                    }
                    Type::Named(d)
                }
            },
            TypeSpec::Struct(s) => Type::Named(self.struct_def(s, false)?),
            TypeSpec::Union(u) => Type::Named(self.union_def(u)?),
            TypeSpec::Enum(e) => Type::Named(self.enum_def(e)?),
        })
    }

    fn bound(&self, b: Option<&ConstExpr>) -> Result<u32> {
        match b {
            None => Ok(0),
            Some(e) => self.positive_int(e, "bound"),
        }
    }

    fn positive_int(&self, e: &ConstExpr, what: &str) -> Result<u32> {
        let v = consts::eval_int(self, e)?;
        if v <= 0 || v > i128::from(u32::MAX) {
            return Err(self.err(e.at, format!("{what} must be a positive integer, not {v}")));
        }
        Ok(v as u32)
    }

    fn declarator_type(&self, base: &Type, d: &Declarator) -> Result<Type> {
        if d.dims.is_empty() {
            return Ok(base.clone());
        }
        let dims = d
            .dims
            .iter()
            .map(|e| self.positive_int(e, "array size"))
            .collect::<Result<Vec<_>>>()?;
        Ok(Type::Array(Box::new(base.clone()), dims))
    }

    fn fields(&mut self, members: &[Member]) -> Result<Vec<Field>> {
        let mut out: Vec<Field> = Vec::new();
        for m in members {
            let base = self.resolve_type(&m.ty)?;
            for d in &m.declarators {
                self.check_not_used(&d.name)?;
                if out
                    .iter()
                    .any(|f| f.name.eq_ignore_ascii_case(&d.name.name))
                {
                    return Err(self.err(
                        d.name.at,
                        format!("member '{}' declared twice", d.name.name),
                    ));
                }
                out.push(Field {
                    name: d.name.name.clone(),
                    ty: self.declarator_type(&base, d)?,
                });
            }
        }
        Ok(out)
    }

    // ------------------------------------------------------------ declarations

    fn struct_def(&mut self, s: &StructDef, is_except: bool) -> Result<usize> {
        let kind = if is_except {
            DeclKind::Exception { fields: Vec::new() }
        } else {
            DeclKind::Struct { fields: None }
        };
        let d = self.declare(&s.name, kind)?;
        self.open_scope(d);
        let fields = self.fields(&s.members);
        self.close_scope();
        let fields = fields?;
        self.decls[d].kind = if is_except {
            DeclKind::Exception { fields }
        } else {
            DeclKind::Struct {
                fields: Some(fields),
            }
        };
        Ok(d)
    }

    fn enum_def(&mut self, e: &EnumDef) -> Result<usize> {
        let members: Vec<String> = e.members.iter().map(|m| m.name.clone()).collect();
        let d = self.declare(&e.name, DeclKind::Enum { members })?;
        for (i, m) in e.members.iter().enumerate() {
            // Enumerators are declared in the scope that holds the enum.
            let ed = self.declare(
                m,
                DeclKind::Enumerator {
                    enum_decl: d,
                    ordinal: i as u32,
                },
            )?;
            self.decls[ed].repo_id.clear();
        }
        Ok(d)
    }

    fn union_def(&mut self, u: &UnionDef) -> Result<usize> {
        let d = self.declare(&u.name, DeclKind::Union { body: None })?;
        self.open_scope(d);
        let r = self.union_body(u);
        self.close_scope();
        let body = r?;
        self.decls[d].kind = DeclKind::Union { body: Some(body) };
        Ok(d)
    }

    fn union_body(&mut self, u: &UnionDef) -> Result<(Type, Vec<UnionCase>)> {
        let disc = self.resolve_type(&u.switch)?;
        let disc_at = match &u.switch {
            TypeSpec::Named(n) => n.at,
            _ => u.name.at,
        };
        let real = consts::unalias(&self.decls, &disc);
        let ok = match &real {
            Type::Prim(p) => matches!(
                p,
                Prim::Short
                    | Prim::Long
                    | Prim::LongLong
                    | Prim::UShort
                    | Prim::ULong
                    | Prim::ULongLong
                    | Prim::Char
                    | Prim::WChar
                    | Prim::Boolean
                    | Prim::Octet
            ),
            Type::Named(e) => matches!(self.decls[*e].kind, DeclKind::Enum { .. }),
            _ => false,
        };
        if !ok {
            return Err(self.err(disc_at, "a union discriminator must be an integer, char, wchar, boolean, octet or enum type"));
        }
        let mut cases: Vec<UnionCase> = Vec::new();
        let mut seen: Vec<i128> = Vec::new();
        let mut has_default = false;
        for c in &u.cases {
            let ty = self.resolve_type(&c.ty)?;
            let ty = self.declarator_type(&ty, &c.decl)?;
            let mut labels = Vec::new();
            for l in &c.labels {
                match l {
                    Label::Default => {
                        if has_default {
                            return Err(self.err(c.decl.name.at, "a union has at most one default"));
                        }
                        has_default = true;
                        labels.push(None);
                    }
                    Label::Expr(e) => {
                        let v = consts::eval_label(self, e, &real)?;
                        if seen.contains(&v) {
                            return Err(self.err(e.at, "duplicate case label"));
                        }
                        seen.push(v);
                        labels.push(Some(v));
                    }
                }
            }
            self.check_not_used(&c.decl.name)?;
            if cases
                .iter()
                .any(|k| k.name.eq_ignore_ascii_case(&c.decl.name.name))
            {
                return Err(self.err(
                    c.decl.name.at,
                    format!("member '{}' declared twice", c.decl.name.name),
                ));
            }
            cases.push(UnionCase {
                name: c.decl.name.name.clone(),
                ty,
                labels,
            });
        }
        Ok((disc, cases))
    }

    fn typedef(&mut self, ty: &TypeSpec, decls: &[Declarator]) -> Result<()> {
        let base = self.resolve_type(ty)?;
        for d in decls {
            let t = self.declarator_type(&base, d)?;
            self.declare(&d.name, DeclKind::Typedef { ty: t })?;
        }
        Ok(())
    }

    fn const_def(&mut self, c: &ConstDef) -> Result<()> {
        let (ty, value) = consts::eval_const_def(self, c)?;
        let d = self.declare(&c.name, DeclKind::Const { ty, value })?;
        self.decls[d].repo_id = self.decls[d].repo_id.clone();
        Ok(())
    }

    fn interface(&mut self, i: &ast::Interface) -> Result<()> {
        let mut bases = Vec::new();
        for b in &i.bases {
            let d = self.lookup_decl(b)?;
            match &self.decls[d].kind {
                DeclKind::Interface { defined: true, .. } => bases.push(d),
                DeclKind::Interface { .. } => {
                    return Err(self.err(
                        b.at,
                        format!("base interface '{b}' is only forward-declared"),
                    ))
                }
                _ => return Err(self.err(b.at, format!("'{b}' is not an interface"))),
            }
        }
        let d = self.declare(
            &i.name,
            DeclKind::Interface {
                kind: i.kind,
                defined: true,
                bases,
            },
        )?;
        self.open_scope(d);
        let r = self.definitions(&i.body);
        self.close_scope();
        r
    }

    fn value(&mut self, v: &ValueDef) -> Result<()> {
        let mut bases = Vec::new();
        for b in &v.bases {
            let d = self.lookup_decl(b)?;
            if !matches!(self.decls[d].kind, DeclKind::Value { .. }) {
                return Err(self.err(b.at, format!("'{b}' is not a value type")));
            }
            bases.push(d);
        }
        let mut supports = Vec::new();
        for s in &v.supports {
            let d = self.lookup_decl(s)?;
            if !matches!(self.decls[d].kind, DeclKind::Interface { .. }) {
                return Err(self.err(s.at, format!("'{s}' is not an interface")));
            }
            supports.push(d);
        }
        let modifier = if v.is_custom {
            ValueModifier::CUSTOM
        } else if v.is_abstract {
            ValueModifier::ABSTRACT
        } else if v.truncatable {
            ValueModifier::TRUNCATABLE
        } else {
            ValueModifier::NONE
        };
        let d = self.declare(
            &v.name,
            DeclKind::Value {
                defined: true,
                modifier,
                is_abstract: v.is_abstract,
                bases,
                supports,
                members: Vec::new(),
            },
        )?;
        self.open_scope(d);
        let r = self.value_body(d, &v.body);
        self.close_scope();
        r
    }

    fn value_body(&mut self, d: usize, body: &[Definition]) -> Result<()> {
        let mut members: Vec<StateMember> = Vec::new();
        for def in body {
            if let Definition::StateMember {
                public,
                ty,
                declarators,
            } = def
            {
                let base = self.resolve_type(ty)?;
                for dc in declarators {
                    let t = self.declarator_type(&base, dc)?;
                    self.declare(&dc.name, DeclKind::Attribute)?;
                    members.push(StateMember {
                        name: dc.name.name.clone(),
                        ty: t,
                        visibility: tc_visibility(*public),
                    });
                }
                if let DeclKind::Value { members: m, .. } = &mut self.decls[d].kind {
                    *m = members.clone();
                }
            } else {
                self.definition(def)?;
            }
        }
        Ok(())
    }

    fn params(&mut self, ps: &[Param]) -> Result<()> {
        for p in ps {
            self.resolve_type(&p.ty)?;
        }
        Ok(())
    }

    fn exceptions(&self, rs: &[ScopedName]) -> Result<()> {
        for r in rs {
            let d = self.lookup_decl(r)?;
            if !matches!(self.decls[d].kind, DeclKind::Exception { .. }) {
                return Err(self.err(r.at, format!("'{r}' is not an exception")));
            }
        }
        Ok(())
    }

    fn pragma(&mut self, p: &Pragma, at: usize) -> Result<()> {
        match p {
            Pragma::Prefix(s) => {
                if let Some(top) = self.prefix.last_mut() {
                    *top = s.clone();
                }
            }
            Pragma::Id(n, id) => {
                let d = self.lookup_decl(n)?;
                self.set_id(d, id.clone(), at)?;
            }
            Pragma::Version(n, maj, min) => {
                let d = self.lookup_decl(n)?;
                let decl = &mut self.decls[d];
                if decl.explicit_id {
                    return Err(self.err(
                        at,
                        format!("#pragma version for '{n}', whose id was set explicitly"),
                    ));
                }
                decl.version = (*maj, *min);
                decl.repo_id = format!("IDL:{}:{maj}.{min}", decl.id_body);
            }
            Pragma::FileEnter(f) => {
                // The prefix is reset at the start of each file and restored
                // at its end.
                let saved = self.prefix.last().cloned().unwrap_or_default();
                self.file_stack.push((self.file, saved));
                self.file = *f;
                let path = self.decls[self.cur()].path.join("/");
                if let Some(top) = self.prefix.last_mut() {
                    *top = path;
                }
            }
            Pragma::FileExit => {
                if let Some((f, saved)) = self.file_stack.pop() {
                    self.file = f;
                    if let Some(top) = self.prefix.last_mut() {
                        *top = saved;
                    }
                }
            }
        }
        Ok(())
    }

    /// Applies the `typeprefix` declarations (IDL chapter, "Repository
    /// Identifier Prefix Declaration"): the prefix goes right after `IDL:`
    /// in the default ids of the named scope itself and of everything in
    /// it, wherever in the file the declaration appears; an inner scope's
    /// typeprefix wins over an outer one's. Explicit ids are kept.
    pub fn finish(&mut self) {
        if self.typeprefixes.is_empty() {
            return;
        }
        for i in 1..self.decls.len() {
            if self.decls[i].explicit_id || self.decls[i].repo_id.is_empty() {
                continue;
            }
            // The innermost enclosing scope (or itself) with a typeprefix.
            let mut cur = i;
            let prefix = loop {
                if let Some(p) = self.typeprefixes.get(&cur) {
                    break Some(p.clone());
                }
                if cur == 0 {
                    break None;
                }
                cur = self.decls[cur].parent;
            };
            if let Some(p) = prefix {
                let d = &mut self.decls[i];
                let body = d.path.join("/");
                let (maj, min) = d.version;
                d.repo_id = if p.is_empty() {
                    format!("IDL:{body}:{maj}.{min}")
                } else {
                    format!("IDL:{p}/{body}:{maj}.{min}")
                };
            }
        }
    }

    fn set_id(&mut self, d: usize, id: String, at: usize) -> Result<()> {
        let decl = &mut self.decls[d];
        if decl.explicit_id && decl.repo_id != id {
            let name = decl.scoped_name();
            return Err(self.err(
                at,
                format!("repository id of '{name}' set twice, differently"),
            ));
        }
        decl.repo_id = id;
        decl.explicit_id = true;
        Ok(())
    }

    pub fn definitions(&mut self, defs: &[Definition]) -> Result<()> {
        for d in defs {
            self.definition(d)?;
        }
        Ok(())
    }

    fn definition(&mut self, def: &Definition) -> Result<()> {
        match def {
            Definition::Module { name, body } => {
                let d = self.declare(name, DeclKind::Module)?;
                self.open_scope(d);
                let r = self.definitions(body);
                self.close_scope();
                r?;
            }
            Definition::Interface(i) => self.interface(i)?,
            Definition::InterfaceFwd { name, kind } => {
                self.declare(
                    name,
                    DeclKind::Interface {
                        kind: *kind,
                        defined: false,
                        bases: Vec::new(),
                    },
                )?;
            }
            Definition::Value(v) => self.value(v)?,
            Definition::ValueBox { name, ty } => {
                let t = self.resolve_type(ty)?;
                self.declare(name, DeclKind::ValueBox { ty: t })?;
            }
            Definition::ValueFwd { name, is_abstract } => {
                self.declare(
                    name,
                    DeclKind::Value {
                        defined: false,
                        modifier: if *is_abstract {
                            ValueModifier::ABSTRACT
                        } else {
                            ValueModifier::NONE
                        },
                        is_abstract: *is_abstract,
                        bases: Vec::new(),
                        supports: Vec::new(),
                        members: Vec::new(),
                    },
                )?;
            }
            Definition::Struct(s) => {
                self.struct_def(s, false)?;
            }
            Definition::StructFwd(n) => {
                self.declare(n, DeclKind::Struct { fields: None })?;
            }
            Definition::Union(u) => {
                self.union_def(u)?;
            }
            Definition::UnionFwd(n) => {
                self.declare(n, DeclKind::Union { body: None })?;
            }
            Definition::Enum(e) => {
                self.enum_def(e)?;
            }
            Definition::Typedef { ty, declarators } => self.typedef(ty, declarators)?,
            Definition::Native(n) => {
                self.declare(n, DeclKind::Native)?;
            }
            Definition::Const(c) => self.const_def(c)?,
            Definition::Except(e) => {
                self.struct_def(e, true)?;
            }
            Definition::TypeId { name, id } => {
                let d = self.lookup_decl(name)?;
                self.set_id(d, id.clone(), name.at)?;
            }
            Definition::TypePrefix { name, prefix } => {
                let d = self.lookup_decl(name)?;
                if !matches!(
                    self.decls[d].kind,
                    DeclKind::Module
                        | DeclKind::Interface { .. }
                        | DeclKind::Value { .. }
                        | DeclKind::Struct { .. }
                        | DeclKind::Union { .. }
                        | DeclKind::Exception { .. }
                ) {
                    return Err(self.err(
                        name.at,
                        format!("typeprefix names a scope; '{name}' is not one"),
                    ));
                }
                self.typeprefixes.insert(d, prefix.clone());
            }
            Definition::Pragma { pragma, at } => self.pragma(pragma, *at)?,
            Definition::Op(op) => {
                self.declare(&op.name, DeclKind::Operation)?;
                if let Some(r) = &op.ret {
                    self.resolve_type(r)?;
                }
                self.params(&op.params)?;
                self.exceptions(&op.raises)?;
                if op.oneway
                    && (op.ret.is_some()
                        || !op.raises.is_empty()
                        || op.params.iter().any(|p| p.dir != ParamDir::In))
                {
                    return Err(self.err(op.name.at, "a oneway operation returns void, raises nothing and has only in parameters"));
                }
            }
            Definition::Attr(a) => {
                self.resolve_type(&a.ty)?;
                self.exceptions(&a.get_raises)?;
                self.exceptions(&a.set_raises)?;
                for n in &a.names {
                    self.declare(n, DeclKind::Attribute)?;
                }
            }
            Definition::StateMember { declarators, .. } => {
                // Only reached outside a value body, which the grammar does
                // not allow.
                if let Some(d) = declarators.first() {
                    return Err(self.err(d.name.at, "state member outside a value type"));
                }
            }
            Definition::Factory {
                name,
                params,
                raises,
            } => {
                self.declare(name, DeclKind::Operation)?;
                self.params(params)?;
                self.exceptions(raises)?;
            }
        }
        Ok(())
    }
}

/// The CORBA pseudo-types that are names rather than keywords.
fn builtin(name: &str) -> Option<Type> {
    match name {
        "TypeCode" => Some(Type::TypeCode),
        "Principal" => Some(Type::Principal),
        "Object" => Some(Type::Prim(Prim::Object)),
        "ValueBase" => Some(Type::Prim(Prim::ValueBase)),
        _ => None,
    }
}
