//! The TypeCode and dynamic value model (CORBA 3.x Part 1, "TypeCodes";
//! wire form in Part 2 §9.3.5.1). Shared by every backend and the harness.

use crate::name::Name;
use corba_cdr::{Fixed, LongDouble};
use std::sync::Arc;

/// A TCKind value (Part 2 §9.3.5.1, Table 9-13). A newtype so that unknown
/// kinds read from the wire survive and print.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TCKind(pub u32);

macro_rules! tc_kinds {
    ($($name:ident = $v:expr, $text:expr;)*) => {
        impl TCKind {
            $(pub const $name: TCKind = TCKind($v);)*
            /// The spec's name (`tk_struct`), or `None` for an unknown kind.
            pub fn name(self) -> Option<&'static str> {
                match self.0 {
                    $($v => Some($text),)*
                    _ => None,
                }
            }
        }
    };
}

tc_kinds! {
    NULL = 0, "tk_null";
    VOID = 1, "tk_void";
    SHORT = 2, "tk_short";
    LONG = 3, "tk_long";
    USHORT = 4, "tk_ushort";
    ULONG = 5, "tk_ulong";
    FLOAT = 6, "tk_float";
    DOUBLE = 7, "tk_double";
    BOOLEAN = 8, "tk_boolean";
    CHAR = 9, "tk_char";
    OCTET = 10, "tk_octet";
    ANY = 11, "tk_any";
    TYPECODE = 12, "tk_TypeCode";
    PRINCIPAL = 13, "tk_Principal";
    OBJREF = 14, "tk_objref";
    STRUCT = 15, "tk_struct";
    UNION = 16, "tk_union";
    ENUM = 17, "tk_enum";
    STRING = 18, "tk_string";
    SEQUENCE = 19, "tk_sequence";
    ARRAY = 20, "tk_array";
    ALIAS = 21, "tk_alias";
    EXCEPT = 22, "tk_except";
    LONGLONG = 23, "tk_longlong";
    ULONGLONG = 24, "tk_ulonglong";
    LONGDOUBLE = 25, "tk_longdouble";
    WCHAR = 26, "tk_wchar";
    WSTRING = 27, "tk_wstring";
    FIXED = 28, "tk_fixed";
    VALUE = 29, "tk_value";
    VALUE_BOX = 30, "tk_value_box";
    NATIVE = 31, "tk_native";
    ABSTRACT_INTERFACE = 32, "tk_abstract_interface";
    LOCAL_INTERFACE = 33, "tk_local_interface";
    COMPONENT = 34, "tk_component";
    HOME = 35, "tk_home";
    EVENT = 36, "tk_event";
}

impl core::fmt::Debug for TCKind {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match self.name() {
            Some(n) => f.write_str(n),
            None => write!(f, "TCKind({})", self.0),
        }
    }
}

/// `ValueModifier` of a value type (VM_NONE, VM_CUSTOM, VM_ABSTRACT,
/// VM_TRUNCATABLE).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct ValueModifier(pub i16);
impl ValueModifier {
    pub const NONE: ValueModifier = ValueModifier(0);
    pub const CUSTOM: ValueModifier = ValueModifier(1);
    pub const ABSTRACT: ValueModifier = ValueModifier(2);
    pub const TRUNCATABLE: ValueModifier = ValueModifier(3);
}

/// Visibility of a value type state member (PRIVATE_MEMBER, PUBLIC_MEMBER).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Visibility(pub i16);
impl Visibility {
    pub const PRIVATE: Visibility = Visibility(0);
    pub const PUBLIC: Visibility = Visibility(1);
}

/// A struct or exception member.
#[derive(Clone, Debug, PartialEq)]
pub struct StructMember {
    pub name: Name,
    pub tc: TypeCode,
}

/// A union member. `label` is the label's value as a number of the
/// discriminator type: integers as themselves, boolean 0/1, char and wchar
/// their code, enum the ordinal. The label of the member at the union's
/// `default_index` is not meaningful (it is encoded as a zero octet).
#[derive(Clone, Debug, PartialEq)]
pub struct UnionMember {
    pub label: i128,
    pub name: Name,
    pub tc: TypeCode,
}

/// A value type state member.
#[derive(Clone, Debug, PartialEq)]
pub struct ValueMember {
    pub name: Name,
    pub tc: TypeCode,
    pub visibility: Visibility,
}

/// Everything a TypeCode says, by kind.
#[derive(Clone, Debug, PartialEq)]
pub enum TypeDesc {
    /// Kinds with an empty parameter list (§9.3.5.1): null, void, the
    /// numeric primitives, boolean, char, wchar, octet, any, TypeCode,
    /// Principal.
    Basic(TCKind),
    String {
        bound: u32,
    },
    WString {
        bound: u32,
    },
    Fixed {
        digits: u16,
        scale: i16,
    },
    /// objref, abstract_interface, local_interface, native, component, home.
    Interface {
        kind: TCKind,
        id: String,
        name: String,
    },
    /// struct or except.
    Struct {
        kind: TCKind,
        id: String,
        name: String,
        members: Vec<StructMember>,
    },
    Union {
        id: String,
        name: String,
        discriminator: TypeCode,
        /// Index of the default member, or -1 for none.
        default_index: i32,
        members: Vec<UnionMember>,
    },
    Enum {
        id: String,
        name: String,
        members: Vec<Name>,
    },
    Sequence {
        element: TypeCode,
        bound: u32,
    },
    Array {
        element: TypeCode,
        length: u32,
    },
    Alias {
        id: String,
        name: String,
        content: TypeCode,
    },
    /// value or event.
    Value {
        kind: TCKind,
        id: String,
        name: String,
        modifier: ValueModifier,
        concrete_base: Option<TypeCode>,
        members: Vec<ValueMember>,
    },
    ValueBox {
        id: String,
        name: String,
        content: TypeCode,
    },
    /// A reference to the enclosing struct, union or value type whose
    /// repository id is `id` (the model of a recursive TypeCode; on the wire
    /// an indirection, §9.3.5.1).
    Recursive {
        id: String,
    },
}

/// A TypeCode: cheap to clone, immutable, shared.
#[derive(Clone, PartialEq)]
pub struct TypeCode(pub Arc<TypeDesc>);

impl core::fmt::Debug for TypeCode {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        self.0.fmt(f)
    }
}

impl TypeCode {
    pub fn new(desc: TypeDesc) -> TypeCode {
        TypeCode(Arc::new(desc))
    }
    pub fn basic(kind: TCKind) -> TypeCode {
        TypeCode::new(TypeDesc::Basic(kind))
    }
    pub fn desc(&self) -> &TypeDesc {
        &self.0
    }

    /// The TCKind on the wire. A `Recursive` placeholder reports the kind
    /// of nothing until resolved, so it answers `None`.
    pub fn kind(&self) -> Option<TCKind> {
        Some(match self.desc() {
            TypeDesc::Basic(k) => *k,
            TypeDesc::String { .. } => TCKind::STRING,
            TypeDesc::WString { .. } => TCKind::WSTRING,
            TypeDesc::Fixed { .. } => TCKind::FIXED,
            TypeDesc::Interface { kind, .. }
            | TypeDesc::Struct { kind, .. }
            | TypeDesc::Value { kind, .. } => *kind,
            TypeDesc::Union { .. } => TCKind::UNION,
            TypeDesc::Enum { .. } => TCKind::ENUM,
            TypeDesc::Sequence { .. } => TCKind::SEQUENCE,
            TypeDesc::Array { .. } => TCKind::ARRAY,
            TypeDesc::Alias { .. } => TCKind::ALIAS,
            TypeDesc::ValueBox { .. } => TCKind::VALUE_BOX,
            TypeDesc::Recursive { .. } => return None,
        })
    }

    /// Repository id, for the kinds that have one.
    pub fn id(&self) -> Option<&str> {
        match self.desc() {
            TypeDesc::Interface { id, .. }
            | TypeDesc::Struct { id, .. }
            | TypeDesc::Union { id, .. }
            | TypeDesc::Enum { id, .. }
            | TypeDesc::Alias { id, .. }
            | TypeDesc::Value { id, .. }
            | TypeDesc::ValueBox { id, .. }
            | TypeDesc::Recursive { id } => Some(id),
            _ => None,
        }
    }

    /// Simple name, for the kinds that have one.
    pub fn name(&self) -> Option<&str> {
        match self.desc() {
            TypeDesc::Interface { name, .. }
            | TypeDesc::Struct { name, .. }
            | TypeDesc::Union { name, .. }
            | TypeDesc::Enum { name, .. }
            | TypeDesc::Alias { name, .. }
            | TypeDesc::Value { name, .. }
            | TypeDesc::ValueBox { name, .. } => Some(name),
            _ => None,
        }
    }
}

/// A homogeneous run of primitives: the compact form of a sequence or
/// array whose element is a primitive (one `Vec<i32>`, not a `Vec` of
/// boxed values).
#[derive(Clone, Debug, PartialEq)]
pub enum PrimSeq {
    Short(Vec<i16>),
    Long(Vec<i32>),
    UShort(Vec<u16>),
    ULong(Vec<u32>),
    LongLong(Vec<i64>),
    ULongLong(Vec<u64>),
    Float(Vec<f32>),
    Double(Vec<f64>),
    Boolean(Vec<bool>),
    Char(Vec<u8>),
    Octet(Vec<u8>),
}

impl PrimSeq {
    pub fn len(&self) -> usize {
        match self {
            PrimSeq::Short(v) => v.len(),
            PrimSeq::Long(v) => v.len(),
            PrimSeq::UShort(v) => v.len(),
            PrimSeq::ULong(v) => v.len(),
            PrimSeq::LongLong(v) => v.len(),
            PrimSeq::ULongLong(v) => v.len(),
            PrimSeq::Float(v) => v.len(),
            PrimSeq::Double(v) => v.len(),
            PrimSeq::Boolean(v) => v.len(),
            PrimSeq::Char(v) | PrimSeq::Octet(v) => v.len(),
        }
    }
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// An object reference as carried in CDR: an IOR (Part 2 §7.6.2 / §9.3.6):
/// a type id and tagged profiles. The nil reference has an empty type id
/// and no profiles.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct ObjectRef {
    pub type_id: String,
    pub profiles: Vec<(u32, Vec<u8>)>,
}

/// A value type instance: its actual (most derived) TypeCode and the state
/// of every member of the whole base chain, base members first.
#[derive(Clone, Debug, PartialEq)]
pub struct ValueInstance {
    pub tc: TypeCode,
    pub members: Vec<Value>,
}

/// A dynamic value of any IDL type, to be read by its TypeCode.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    /// tk_null and tk_void carry nothing.
    Nothing,
    Short(i16),
    Long(i32),
    UShort(u16),
    ULong(u32),
    LongLong(i64),
    ULongLong(u64),
    Float(f32),
    Double(f64),
    LongDouble(LongDouble),
    Boolean(bool),
    Char(u8),
    /// One UTF-16 code unit.
    WChar(u16),
    Octet(u8),
    String(String),
    WString(String),
    Fixed(Fixed),
    /// Enumerator ordinal.
    Enum(u32),
    /// Struct or exception members, in order.
    Struct(Vec<Value>),
    /// The discriminator and the selected member's value; `None` when no
    /// member is selected (no label matches and there is no default).
    Union {
        discriminator: Box<Value>,
        member: Option<Box<Value>>,
    },
    /// Sequence or array of non-primitive elements.
    Seq(Vec<Value>),
    /// Sequence or array of primitive elements, compact.
    Prim(PrimSeq),
    Any(Box<Any>),
    TypeCode(TypeCode),
    ObjRef(ObjectRef),
    /// A value type (or value box) instance, `None` for the null value.
    /// Shared instances (`Arc`) marshal once and are then referenced by
    /// indirection.
    ValueType(Option<Arc<ValueInstance>>),
}

/// An `any`: a TypeCode and a value of that type.
#[derive(Clone, Debug, PartialEq)]
pub struct Any {
    pub tc: TypeCode,
    pub value: Value,
}
