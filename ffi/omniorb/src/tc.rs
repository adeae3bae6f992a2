//! Walkers between Rust [`TypeCode`]s and omniORB's `CORBA::TypeCode`:
//! Rust → C++ through `orb->create_*_tc` (so omniORB builds its own
//! TypeCode, including `create_recursive_tc` for recursion), C++ → Rust by
//! walking the C++ TypeCode's accessors.

use crate::ffi::bridge::{self, Members, Tc};
use crate::{Error, Result};
use corba_typecode::{
    StructMember, TCKind, TypeCode, TypeDesc, UnionMember, ValueMember, ValueModifier, Visibility,
};
use cxx::UniquePtr;

/// Deepest TypeCode nesting walked (one budget for the whole walk).
pub(crate) const MAX_DEPTH: usize = 64;

/// An owned omniORB TypeCode.
pub struct OmniTypeCode(pub(crate) UniquePtr<Tc>);

impl std::fmt::Debug for OmniTypeCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.to_rust() {
            Ok(tc) => write!(f, "OmniTypeCode({tc:?})"),
            Err(e) => write!(f, "OmniTypeCode(<{e}>)"),
        }
    }
}

impl OmniTypeCode {
    /// omniORB builds the TypeCode described by `tc` (`create_*_tc`).
    pub fn from_rust(tc: &TypeCode) -> Result<OmniTypeCode> {
        to_cxx(tc, 0).map(OmniTypeCode)
    }

    /// The TypeCode omniidl generated for a corpus repository id
    /// (`Bench::_tc_Record`, ...).
    pub fn of_static(type_id: &str) -> Result<OmniTypeCode> {
        Ok(OmniTypeCode(bridge::tc_of_static(type_id)?))
    }

    /// Walks omniORB's TypeCode back into the Rust model.
    pub fn to_rust(&self) -> Result<TypeCode> {
        from_cxx(&self.0, &mut Vec::new())
    }

    /// `CORBA::TypeCode::equal`.
    pub fn equal(&self, other: &OmniTypeCode) -> Result<bool> {
        Ok(self.0.equal(&other.0)?)
    }

    /// `CORBA::TypeCode::equivalent`.
    pub fn equivalent(&self, other: &OmniTypeCode) -> Result<bool> {
        Ok(self.0.equivalent(&other.0)?)
    }
}

fn kind_text(k: TCKind) -> String {
    format!("{k:?}")
}

/// Everything created while building one outermost TypeCode. omniORB
/// resolves a `create_recursive_tc` placeholder only when its enclosing
/// TypeCode is created, and releasing an unresolved placeholder throws from
/// a destructor (which aborts the process). So intermediate TypeCodes and
/// member lists live until the outermost one exists; if building fails,
/// they are leaked rather than released.
#[derive(Default)]
struct Arena {
    tcs: Vec<UniquePtr<Tc>>,
    members: Vec<UniquePtr<Members>>,
}

impl Arena {
    fn keep(&mut self, t: UniquePtr<Tc>) -> usize {
        self.tcs.push(t);
        self.tcs.len() - 1
    }
    fn new_members(&mut self) -> usize {
        self.members.push(bridge::new_members());
        self.members.len() - 1
    }
    fn m(&mut self, i: usize) -> std::pin::Pin<&mut Members> {
        self.members[i].pin_mut()
    }
}

/// omniORB builds the TypeCode described by `tc`.
pub(crate) fn to_cxx(tc: &TypeCode, depth: usize) -> Result<UniquePtr<Tc>> {
    if mixed_recursion(tc) {
        return Err(mixed_recursion_error());
    }
    let mut arena = Arena::default();
    match build(tc, depth, &mut arena) {
        Ok(t) => Ok(t),
        Err(e) => {
            // Unresolved recursive placeholders may be in there: releasing
            // them would abort, so they are leaked (error path only, and
            // only when there is recursion at all).
            if has_recursion(tc) {
                std::mem::forget(arena);
            }
            Err(e)
        }
    }
}

fn build(tc: &TypeCode, depth: usize, a: &mut Arena) -> Result<UniquePtr<Tc>> {
    if depth > MAX_DEPTH {
        return Err(Error::Failed(format!(
            "TypeCode nested deeper than {MAX_DEPTH}"
        )));
    }
    let d = depth + 1;
    // Builds a child and keeps it in the arena; yields its index.
    macro_rules! child {
        ($t:expr) => {{
            let t = build($t, d, a)?;
            a.keep(t)
        }};
    }
    Ok(match tc.desc() {
        TypeDesc::Basic(k) => match *k {
            TCKind::NULL
            | TCKind::VOID
            | TCKind::SHORT
            | TCKind::LONG
            | TCKind::USHORT
            | TCKind::ULONG
            | TCKind::FLOAT
            | TCKind::DOUBLE
            | TCKind::BOOLEAN
            | TCKind::CHAR
            | TCKind::OCTET
            | TCKind::ANY
            | TCKind::TYPECODE
            | TCKind::PRINCIPAL
            | TCKind::LONGLONG
            | TCKind::ULONGLONG
            | TCKind::LONGDOUBLE
            | TCKind::WCHAR => bridge::tc_basic(k.0)?,
            other => return Err(Error::Unsupported(format!("basic TypeCode of kind {}", kind_text(other)))),
        },
        TypeDesc::String { bound } => bridge::tc_string(*bound)?,
        TypeDesc::WString { bound } => bridge::tc_wstring(*bound)?,
        TypeDesc::Fixed { digits, scale } => bridge::tc_fixed(*digits, *scale)?,
        TypeDesc::Interface { kind, id, name } => match *kind {
            TCKind::OBJREF => bridge::tc_interface(kind.0, id, name)?,
            TCKind::ABSTRACT_INTERFACE | TCKind::LOCAL_INTERFACE => {
                return Err(Error::Unsupported(format!(
                    "{} TypeCodes: libomniORB4 4.2.5 declares but does not define its create operation",
                    kind_text(*kind)
                )))
            }
            other => {
                return Err(Error::Unsupported(format!(
                    "omniORB 4.2 has no create operation for {} TypeCodes",
                    kind_text(other)
                )))
            }
        },
        TypeDesc::Struct { kind, id, name, members } => {
            let m = a.new_members();
            for StructMember { name, tc } in members {
                let t = child!(tc);
                let (ms, ts) = (&mut a.members, &a.tcs);
                ms[m].pin_mut().add(name, &ts[t])?;
            }
            bridge::tc_struct(kind.0, id, name, &a.members[m])?
        }
        TypeDesc::Union {
            id,
            name,
            discriminator,
            default_index,
            members,
        } => {
            let disc = child!(discriminator);
            let m = a.new_members();
            for (i, UnionMember { label, name, tc }) in members.iter().enumerate() {
                let t = child!(tc);
                let is_default = i64::from(*default_index) == i as i64;
                // Labels are values of the discriminator type: the low 64
                // bits carry every one of them (unsigned long long by bit
                // pattern).
                let (ms, ts) = (&mut a.members, &a.tcs);
                ms[m].pin_mut().add_label(*label as i64, is_default, name, &ts[t])?;
            }
            bridge::tc_union(id, name, &a.tcs[disc], &a.members[m])?
        }
        TypeDesc::Enum { id, name, members } => {
            let m = a.new_members();
            for e in members {
                a.m(m).add_enumerator(e)?;
            }
            bridge::tc_enum(id, name, &a.members[m])?
        }
        TypeDesc::Sequence { element, bound } => {
            let e = child!(element);
            bridge::tc_sequence(*bound, &a.tcs[e])?
        }
        TypeDesc::Array { element, length } => {
            let e = child!(element);
            bridge::tc_array(*length, &a.tcs[e])?
        }
        TypeDesc::Alias { id, name, content } => {
            let c = child!(content);
            bridge::tc_alias(id, name, &a.tcs[c])?
        }
        TypeDesc::Value {
            kind,
            id,
            name,
            modifier,
            concrete_base,
            members,
        } => {
            if *kind != TCKind::VALUE {
                return Err(Error::Unsupported(format!(
                    "omniORB 4.2 has no create operation for {} TypeCodes",
                    kind_text(*kind)
                )));
            }
            // A placeholder for the unused `base` argument when there is none.
            let base = match concrete_base {
                Some(b) => child!(b),
                None => a.keep(bridge::tc_basic(TCKind::NULL.0)?),
            };
            let m = a.new_members();
            for ValueMember { name, tc, visibility } in members {
                let t = child!(tc);
                let (ms, ts) = (&mut a.members, &a.tcs);
                ms[m].pin_mut().add_value(name, &ts[t], visibility.0)?;
            }
            bridge::tc_value(
                kind.0,
                id,
                name,
                modifier.0,
                concrete_base.is_some(),
                &a.tcs[base],
                &a.members[m],
            )?
        }
        TypeDesc::ValueBox { id, name, content } => {
            let c = child!(content);
            bridge::tc_value_box(id, name, &a.tcs[c])?
        }
        TypeDesc::Recursive { id } => bridge::tc_recursive(id)?,
    })
}

/// `ancestors`: repository ids of the enclosing structs, unions and value
/// types; meeting one again is recursion (omniORB resolves recursive
/// TypeCodes into cycles).
pub(crate) fn from_cxx(tc: &Tc, ancestors: &mut Vec<String>) -> Result<TypeCode> {
    if ancestors.len() > MAX_DEPTH {
        return Err(Error::Failed(format!(
            "TypeCode nested deeper than {MAX_DEPTH}"
        )));
    }
    let kind = TCKind(tc.kind());
    let desc = match kind {
        TCKind::NULL
        | TCKind::VOID
        | TCKind::SHORT
        | TCKind::LONG
        | TCKind::USHORT
        | TCKind::ULONG
        | TCKind::FLOAT
        | TCKind::DOUBLE
        | TCKind::BOOLEAN
        | TCKind::CHAR
        | TCKind::OCTET
        | TCKind::ANY
        | TCKind::TYPECODE
        | TCKind::PRINCIPAL
        | TCKind::LONGLONG
        | TCKind::ULONGLONG
        | TCKind::LONGDOUBLE
        | TCKind::WCHAR => TypeDesc::Basic(kind),
        TCKind::STRING => TypeDesc::String {
            bound: tc.length()?,
        },
        TCKind::WSTRING => TypeDesc::WString {
            bound: tc.length()?,
        },
        TCKind::FIXED => TypeDesc::Fixed {
            digits: tc.fixed_digits()?,
            scale: tc.fixed_scale()?,
        },
        TCKind::OBJREF
        | TCKind::ABSTRACT_INTERFACE
        | TCKind::LOCAL_INTERFACE
        | TCKind::NATIVE
        | TCKind::COMPONENT
        | TCKind::HOME => TypeDesc::Interface {
            kind,
            id: tc.id()?,
            name: tc.name()?,
        },
        TCKind::STRUCT | TCKind::EXCEPT | TCKind::UNION | TCKind::VALUE | TCKind::EVENT => {
            let id = tc.id()?;
            if !id.is_empty() && ancestors.contains(&id) {
                return Ok(TypeCode::new(TypeDesc::Recursive { id }));
            }
            ancestors.push(id.clone());
            let r = constructed(tc, kind, id, ancestors);
            ancestors.pop();
            r?
        }
        TCKind::ENUM => {
            let n = tc.member_count()?;
            TypeDesc::Enum {
                id: tc.id()?,
                name: tc.name()?,
                members: (0..n)
                    .map(|i| tc.member_name(i).map(Into::into))
                    .collect::<std::result::Result<_, _>>()?,
            }
        }
        TCKind::SEQUENCE => TypeDesc::Sequence {
            bound: tc.length()?,
            element: from_cxx(&*tc.content_type()?, ancestors)?,
        },
        TCKind::ARRAY => TypeDesc::Array {
            length: tc.length()?,
            element: from_cxx(&*tc.content_type()?, ancestors)?,
        },
        TCKind::ALIAS => TypeDesc::Alias {
            id: tc.id()?,
            name: tc.name()?,
            content: from_cxx(&*tc.content_type()?, ancestors)?,
        },
        TCKind::VALUE_BOX => TypeDesc::ValueBox {
            id: tc.id()?,
            name: tc.name()?,
            content: from_cxx(&*tc.content_type()?, ancestors)?,
        },
        other => {
            return Err(Error::Failed(format!(
                "omniORB TypeCode of unknown kind {other:?}"
            )))
        }
    };
    Ok(TypeCode::new(desc))
}

fn constructed(tc: &Tc, kind: TCKind, id: String, ancestors: &mut Vec<String>) -> Result<TypeDesc> {
    let name = tc.name()?;
    let n = tc.member_count()?;
    Ok(match kind {
        TCKind::STRUCT | TCKind::EXCEPT => {
            let mut members = Vec::new();
            for i in 0..n {
                members.push(StructMember {
                    name: tc.member_name(i)?.into(),
                    tc: from_cxx(&*tc.member_type(i)?, ancestors)?,
                });
            }
            TypeDesc::Struct {
                kind,
                id,
                name,
                members,
            }
        }
        TCKind::UNION => {
            let discriminator = from_cxx(&*tc.discriminator_type()?, ancestors)?;
            let default_index = tc.default_index()?;
            let unsigned64 = discriminator_is_ulonglong(&discriminator);
            let mut members = Vec::new();
            for i in 0..n {
                let raw = tc.member_label(i)?;
                let label = if i64::from(default_index) == i64::from(i) {
                    0
                } else if unsigned64 {
                    i128::from(raw as u64)
                } else {
                    i128::from(raw)
                };
                members.push(UnionMember {
                    label,
                    name: tc.member_name(i)?.into(),
                    tc: from_cxx(&*tc.member_type(i)?, ancestors)?,
                });
            }
            TypeDesc::Union {
                id,
                name,
                discriminator,
                default_index,
                members,
            }
        }
        _ => {
            let base = tc.concrete_base_type()?;
            let concrete_base = if base.is_null() {
                None
            } else {
                Some(from_cxx(&base, ancestors)?)
            };
            let mut members = Vec::new();
            for i in 0..n {
                members.push(ValueMember {
                    name: tc.member_name(i)?.into(),
                    tc: from_cxx(&*tc.member_type(i)?, ancestors)?,
                    visibility: Visibility(tc.member_visibility(i)?),
                });
            }
            TypeDesc::Value {
                kind,
                id,
                name,
                modifier: ValueModifier(tc.type_modifier()?),
                concrete_base,
                members,
            }
        }
    })
}

fn discriminator_is_ulonglong(tc: &TypeCode) -> bool {
    let mut t = tc;
    while let TypeDesc::Alias { content, .. } = t.desc() {
        t = content;
    }
    t.kind() == Some(TCKind::ULONGLONG)
}

pub(crate) fn mixed_recursion_error() -> Error {
    Error::Unsupported(
        "a recursive struct/union nested in another that it also refers to: omniORB 4.2.5 leaves the outer \
         placeholder unresolved and aborts when releasing it (corpus/known_divergences.md)"
            .into(),
    )
}

/// Whether a constructed TypeCode inside `tc` refers both to itself and to
/// an enclosing TypeCode (omniorb-mixed-recursion).
pub fn mixed_recursion(tc: &TypeCode) -> bool {
    fn go(
        tc: &TypeCode,
        ancestors: &mut Vec<String>,
        found: &mut bool,
        depth: usize,
    ) -> Vec<String> {
        if *found || depth > MAX_DEPTH {
            return Vec::new();
        }
        let d = depth + 1;
        let mut kids = |ts: &mut dyn Iterator<Item = &TypeCode>, anc: &mut Vec<String>| {
            let mut refs = Vec::new();
            for t in ts {
                refs.extend(go(t, anc, found, d));
            }
            refs
        };
        match tc.desc() {
            TypeDesc::Recursive { id } => vec![id.clone()],
            TypeDesc::Struct { id, members, .. } => {
                ancestors.push(id.clone());
                let refs = kids(&mut members.iter().map(|m| &m.tc), ancestors);
                ancestors.pop();
                close(id, refs, ancestors, found)
            }
            TypeDesc::Union {
                id,
                discriminator,
                members,
                ..
            } => {
                ancestors.push(id.clone());
                let refs = kids(
                    &mut std::iter::once(discriminator).chain(members.iter().map(|m| &m.tc)),
                    ancestors,
                );
                ancestors.pop();
                close(id, refs, ancestors, found)
            }
            TypeDesc::Value {
                id,
                members,
                concrete_base,
                ..
            } => {
                ancestors.push(id.clone());
                let refs = kids(
                    &mut concrete_base.iter().chain(members.iter().map(|m| &m.tc)),
                    ancestors,
                );
                ancestors.pop();
                close(id, refs, ancestors, found)
            }
            TypeDesc::Sequence { element, .. } | TypeDesc::Array { element, .. } => {
                go(element, ancestors, found, d)
            }
            TypeDesc::Alias { content, .. } | TypeDesc::ValueBox { content, .. } => {
                go(content, ancestors, found, d)
            }
            _ => Vec::new(),
        }
    }
    fn close(
        id: &str,
        mut refs: Vec<String>,
        ancestors: &[String],
        found: &mut bool,
    ) -> Vec<String> {
        if refs.iter().any(|r| r == id) && refs.iter().any(|r| r != id && ancestors.contains(r)) {
            *found = true;
        }
        refs.retain(|r| r != id);
        refs
    }
    let mut found = false;
    go(tc, &mut Vec::new(), &mut found, 0);
    found
}

fn has_recursion(tc: &TypeCode) -> bool {
    match tc.desc() {
        TypeDesc::Recursive { .. } => true,
        TypeDesc::Struct { members, .. } => members.iter().any(|m| has_recursion(&m.tc)),
        TypeDesc::Union {
            discriminator,
            members,
            ..
        } => has_recursion(discriminator) || members.iter().any(|m| has_recursion(&m.tc)),
        TypeDesc::Value {
            members,
            concrete_base,
            ..
        } => {
            members.iter().any(|m| has_recursion(&m.tc))
                || concrete_base.as_ref().is_some_and(has_recursion)
        }
        TypeDesc::Sequence { element, .. } | TypeDesc::Array { element, .. } => {
            has_recursion(element)
        }
        TypeDesc::Alias { content, .. } | TypeDesc::ValueBox { content, .. } => {
            has_recursion(content)
        }
        _ => false,
    }
}
