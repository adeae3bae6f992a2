//! Walkers between Rust [`TypeCode`]s and omniORB's `CORBA::TypeCode`:
//! Rust → C++ through `orb->create_*_tc` (so omniORB builds its own
//! TypeCode, including `create_recursive_tc` for recursion), C++ → Rust by
//! walking the C++ TypeCode's accessors.

use crate::ffi::bridge::{self, Tc};
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

pub(crate) fn to_cxx(tc: &TypeCode, depth: usize) -> Result<UniquePtr<Tc>> {
    if depth > MAX_DEPTH {
        return Err(Error::Failed(format!(
            "TypeCode nested deeper than {MAX_DEPTH}"
        )));
    }
    let d = depth + 1;
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
            let mut m = bridge::new_members();
            for StructMember { name, tc } in members {
                let t = to_cxx(tc, d)?;
                m.pin_mut().add(name, &t)?;
            }
            bridge::tc_struct(kind.0, id, name, &m)?
        }
        TypeDesc::Union {
            id,
            name,
            discriminator,
            default_index,
            members,
        } => {
            let disc = to_cxx(discriminator, d)?;
            let mut m = bridge::new_members();
            for (i, UnionMember { label, name, tc }) in members.iter().enumerate() {
                let t = to_cxx(tc, d)?;
                let is_default = i64::from(*default_index) == i as i64;
                // Labels are values of the discriminator type: the low 64
                // bits carry every one of them (unsigned long long by bit
                // pattern).
                m.pin_mut().add_label(*label as i64, is_default, name, &t)?;
            }
            bridge::tc_union(id, name, &disc, &m)?
        }
        TypeDesc::Enum { id, name, members } => {
            let mut m = bridge::new_members();
            for e in members {
                m.pin_mut().add_enumerator(e)?;
            }
            bridge::tc_enum(id, name, &m)?
        }
        TypeDesc::Sequence { element, bound } => bridge::tc_sequence(*bound, &*to_cxx(element, d)?)?,
        TypeDesc::Array { element, length } => bridge::tc_array(*length, &*to_cxx(element, d)?)?,
        TypeDesc::Alias { id, name, content } => bridge::tc_alias(id, name, &*to_cxx(content, d)?)?,
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
            let base = match concrete_base {
                Some(b) => Some(to_cxx(b, d)?),
                None => None,
            };
            let mut m = bridge::new_members();
            for ValueMember { name, tc, visibility } in members {
                let t = to_cxx(tc, d)?;
                m.pin_mut().add_value(name, &t, visibility.0)?;
            }
            // A placeholder for the unused `base` argument when there is none.
            let placeholder;
            let base_ref = match &base {
                Some(b) => b,
                None => {
                    placeholder = bridge::tc_basic(TCKind::NULL.0)?;
                    &placeholder
                }
            };
            bridge::tc_value(kind.0, id, name, modifier.0, base.is_some(), base_ref, &m)?
        }
        TypeDesc::ValueBox { id, name, content } => bridge::tc_value_box(id, name, &*to_cxx(content, d)?)?,
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
                    .map(|i| tc.member_name(i))
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
                    name: tc.member_name(i)?,
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
                    name: tc.member_name(i)?,
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
                    name: tc.member_name(i)?,
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
