//! Rust types for IDL ones: primitives, containers, names and the
//! aliases the generated code looks through.

use super::{Gen, TC};
use crate::ast::Prim;
use crate::sema::{DeclKind, Type};

impl Gen<'_> {
    pub(super) fn prim_rust(p: Prim) -> &'static str {
        match p {
            Prim::Short => "i16",
            Prim::Long => "i32",
            Prim::LongLong => "i64",
            Prim::UShort => "u16",
            Prim::ULong => "u32",
            Prim::ULongLong => "u64",
            Prim::Float => "f32",
            Prim::Double => "f64",
            Prim::LongDouble => "::corba_cdr::LongDouble",
            Prim::Boolean => "bool",
            Prim::Char | Prim::Octet => "u8",
            Prim::WChar => "u16",
            Prim::Any | Prim::Object | Prim::ValueBase => "()",
        }
    }

    /// `long` -> `long`, for the rt helper names.
    pub(super) fn prim_name(p: Prim) -> &'static str {
        match p {
            Prim::Short => "short",
            Prim::Long => "long",
            Prim::LongLong => "longlong",
            Prim::UShort => "ushort",
            Prim::ULong => "ulong",
            Prim::ULongLong => "ulonglong",
            Prim::Float => "float",
            Prim::Double => "double",
            Prim::Boolean => "boolean",
            Prim::Char => "char",
            Prim::Octet => "octet",
            Prim::WChar => "wchar",
            Prim::LongDouble => "longdouble",
            _ => "unsupported",
        }
    }

    /// Primitives with a compact `PrimSeq` form.
    pub(super) fn has_prim_seq(p: Prim) -> bool {
        !matches!(
            p,
            Prim::WChar | Prim::LongDouble | Prim::Any | Prim::Object | Prim::ValueBase
        )
    }

    /// For object references: the TCKind to marshal them with.
    pub(super) fn objref_kind(&self, t: &Type) -> Option<&'static str> {
        match t {
            Type::Prim(Prim::Object) => Some("OBJREF"),
            Type::Named(d) => match &self.decls[*d].kind {
                DeclKind::Interface {
                    kind: crate::ast::InterfaceKind::Abstract,
                    ..
                } => Some("ABSTRACT_INTERFACE"),
                DeclKind::Interface { .. } => Some("OBJREF"),
                _ => None,
            },
            _ => None,
        }
    }

    pub(super) fn rust_type(&self, t: &Type, depth: usize) -> String {
        if self.objref_kind(t).is_some() {
            return format!("{TC}::ObjectRef");
        }
        match t {
            Type::Prim(Prim::Any) => format!("{TC}::Any"),
            Type::TypeCode => format!("{TC}::TypeCode"),
            Type::Prim(p) => Self::prim_rust(*p).to_owned(),
            Type::String(_) | Type::WString(_) => "::std::string::String".to_owned(),
            Type::Sequence(e, _) => format!("::std::vec::Vec<{}>", self.rust_type(e, depth)),
            Type::Array(e, dims) => {
                let mut s = self.rust_type(e, depth);
                for n in dims.iter().rev() {
                    s = format!("[{s}; {n}]");
                }
                s
            }
            Type::Named(d) => self.path_from(*d, depth),
            Type::Fixed(..) => "::corba_cdr::Fixed".to_owned(),
            Type::Principal => "()".to_owned(),
        }
    }

    /// Follows plain typedefs (not newtypes) to what the code works on.
    pub(super) fn through_aliases(&self, t: &Type) -> Type {
        let mut t = t.clone();
        for _ in 0..256 {
            match &t {
                Type::Named(d) if !self.is_idl_type(*d) => match &self.decls[*d].kind {
                    DeclKind::Typedef { ty } => t = ty.clone(),
                    _ => return t,
                },
                _ => return t,
            }
        }
        t
    }
}
