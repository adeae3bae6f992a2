//! Walkers between Rust [`TypeCode`]s and omniORB's `CORBA::TypeCode`:
//! Rust → C++ through `orb->create_*_tc` (so omniORB builds its own
//! TypeCode, including `create_recursive_tc` for recursion), C++ → Rust by
//! walking the C++ TypeCode's accessors.

use crate::ffi::bridge::{self, Members, Tc};
use crate::{Error, Result};
use corba_typecode::bridge as tcb;
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
        from_cxx(&self.0)
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
/// omniORB's TypeCode read through its `CORBA::TypeCode` accessors
/// ([`bridge::TcSource`]); omniORB resolves recursive TypeCodes into
/// cycles, which [`bridge::read`] turns back into placeholders.
pub(crate) fn from_cxx(tc: &Tc) -> Result<TypeCode> {
    tcb::read(
        &CxxSource(std::marker::PhantomData),
        &Node::Ref(tc),
        MAX_DEPTH,
    )
}

/// A C++ TypeCode, borrowed (the root) or owned (a child the accessors
/// returned).
pub(crate) enum Node<'a> {
    Ref(&'a Tc),
    Own(UniquePtr<Tc>),
}

impl Node<'_> {
    fn get(&self) -> Result<&Tc> {
        match self {
            Node::Ref(t) => Ok(t),
            Node::Own(t) => t
                .as_ref()
                .ok_or_else(|| Error::Failed("omniORB returned a nil TypeCode".into())),
        }
    }
}

pub(crate) struct CxxSource<'a>(std::marker::PhantomData<&'a Tc>);

impl<'a> tcb::TcSource for CxxSource<'a> {
    type Node = Node<'a>;
    type Error = Error;
    fn kind(&self, n: &Node<'a>) -> Result<TCKind> {
        Ok(TCKind(n.get()?.kind()))
    }
    fn id(&self, n: &Node<'a>) -> Result<String> {
        Ok(n.get()?.id()?)
    }
    fn name(&self, n: &Node<'a>) -> Result<String> {
        Ok(n.get()?.name()?)
    }
    fn member_count(&self, n: &Node<'a>) -> Result<u32> {
        Ok(n.get()?.member_count()?)
    }
    fn member_name(&self, n: &Node<'a>, i: u32) -> Result<String> {
        Ok(n.get()?.member_name(i)?)
    }
    fn member_type(&self, n: &Node<'a>, i: u32) -> Result<Node<'a>> {
        Ok(Node::Own(n.get()?.member_type(i)?))
    }
    fn member_label(&self, n: &Node<'a>, i: u32) -> Result<i64> {
        Ok(n.get()?.member_label(i)?)
    }
    fn member_visibility(&self, n: &Node<'a>, i: u32) -> Result<Visibility> {
        Ok(Visibility(n.get()?.member_visibility(i)?))
    }
    fn discriminator_type(&self, n: &Node<'a>) -> Result<Node<'a>> {
        Ok(Node::Own(n.get()?.discriminator_type()?))
    }
    fn default_index(&self, n: &Node<'a>) -> Result<i32> {
        Ok(n.get()?.default_index()?)
    }
    fn length(&self, n: &Node<'a>) -> Result<u32> {
        Ok(n.get()?.length()?)
    }
    fn content_type(&self, n: &Node<'a>) -> Result<Node<'a>> {
        Ok(Node::Own(n.get()?.content_type()?))
    }
    fn fixed_digits(&self, n: &Node<'a>) -> Result<u16> {
        Ok(n.get()?.fixed_digits()?)
    }
    fn fixed_scale(&self, n: &Node<'a>) -> Result<i16> {
        Ok(n.get()?.fixed_scale()?)
    }
    fn type_modifier(&self, n: &Node<'a>) -> Result<ValueModifier> {
        Ok(ValueModifier(n.get()?.type_modifier()?))
    }
    fn concrete_base_type(&self, n: &Node<'a>) -> Result<Option<Node<'a>>> {
        let base = n.get()?.concrete_base_type()?;
        Ok((!base.is_null()).then_some(Node::Own(base)))
    }
    fn unknown_kind(&self, kind: TCKind) -> Error {
        Error::Failed(format!("omniORB TypeCode of unknown kind {kind:?}"))
    }
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
    tcb::contains(tc, MAX_DEPTH, &mut |t| {
        matches!(t.desc(), TypeDesc::Recursive { .. })
    })
}
