//! Generated conversions between the generated types and
//! `corba_typecode::Value`, and their zero values.

use super::{Gen, RT, TC};
use crate::ast::Prim;
use crate::sema::Type;

impl Gen<'_> {
    /// An expression: the `Value` of `e` (of type `&T`).
    pub(super) fn gen_to_value(&mut self, t: &Type, e: &str) -> String {
        let t = self.through_aliases(t);
        if self.objref_kind(&t).is_some() {
            return format!("{TC}::Value::ObjRef({e}.clone())");
        }
        match &t {
            Type::Prim(Prim::Any) => {
                return format!("{TC}::Value::Any(::std::boxed::Box::new({e}.clone()))")
            }
            Type::TypeCode => return format!("{TC}::Value::TypeCode({e}.clone())"),
            _ => {}
        }
        match &t {
            Type::Prim(Prim::WChar) => format!("{TC}::Value::WChar(*{e})"),
            Type::Prim(Prim::LongDouble) => format!("{TC}::Value::LongDouble(*{e})"),
            Type::Prim(p) => format!("{RT}::{}_to(*{e})", Self::prim_name(*p)),
            Type::String(_) => format!("{TC}::Value::String({e}.clone())"),
            Type::WString(_) => format!("{TC}::Value::WString({e}.clone())"),
            Type::Sequence(el, _) | Type::Array(el, _) => {
                let inner = match &t {
                    Type::Array(el, dims) if dims.len() > 1 => {
                        Type::Array(el.clone(), dims[1..].to_vec())
                    }
                    _ => self.through_aliases(el),
                };
                match inner {
                    Type::Prim(p) if Self::has_prim_seq(p) => {
                        format!("{RT}::{}_seq_to(&{e}[..])", Self::prim_name(p))
                    }
                    inner => {
                        let x = self.fresh();
                        let item = self.gen_to_value(&inner, &x);
                        format!("{TC}::Value::Seq({e}.iter().map(|{x}| {item}).collect())")
                    }
                }
            }
            Type::Named(_) => format!("{RT}::IdlType::to_value({e})"),
            Type::Fixed(..) => format!("{TC}::Value::Fixed(*{e})"),
            Type::TypeCode | Type::Principal => "compile_error!(\"unsupported\")".to_owned(),
        }
    }

    /// An expression of type `Result<T, Error>` from `v` (of type `&Value`).
    pub(super) fn gen_from_value(&mut self, t: &Type, v: &str, depth: usize) -> String {
        let t = self.through_aliases(t);
        if self.objref_kind(&t).is_some() {
            return format!("{RT}::objref_from({v})");
        }
        match &t {
            Type::Prim(Prim::Any) => return format!("{RT}::any_from({v})"),
            Type::TypeCode => return format!("{RT}::typecode_from({v})"),
            _ => {}
        }
        match &t {
            Type::Prim(p) => format!("{RT}::{}_from({v})", Self::prim_name(*p)),
            Type::String(_) => format!("{RT}::string_from({v})"),
            Type::WString(_) => format!("{RT}::wstring_from({v})"),
            Type::Sequence(el, _) => self.vec_from_value(el, v, depth),
            Type::Array(el, dims) => {
                let inner = if dims.len() > 1 {
                    Type::Array(el.clone(), dims[1..].to_vec())
                } else {
                    (**el).clone()
                };
                let vec = self.vec_from_value(&inner, v, depth);
                let zero = self.zero(&inner, depth);
                format!(
                    "({vec}).and_then(|v| {RT}::to_array::<_, {}>(v, || {zero}))",
                    dims[0]
                )
            }
            Type::Named(_) => {
                let ty = self.rust_type(&t, depth);
                format!("<{ty} as {RT}::IdlType>::from_value({v})")
            }
            Type::Fixed(d, sc) => format!("{RT}::fixed_from({v}, {d}, {sc})"),
            Type::TypeCode | Type::Principal => "compile_error!(\"unsupported\")".to_owned(),
        }
    }

    pub(super) fn vec_from_value(&mut self, el: &Type, v: &str, depth: usize) -> String {
        match self.through_aliases(el) {
            Type::Prim(p) if Self::has_prim_seq(p) => {
                format!("{RT}::{}_seq_from({v})", Self::prim_name(p))
            }
            el => {
                let x = self.fresh();
                let item = self.gen_from_value(&el, &x, depth);
                format!(
                    "{RT}::seq_from({v}).and_then(|items| items.iter().enumerate().map(|(i, {x})| ({item}).map_err(|e| e.at_index(i))).collect::<::core::result::Result<::std::vec::Vec<_>, {RT}::Error>>())"
                )
            }
        }
    }

    /// An expression: the zero value of `T`.
    pub(super) fn zero(&mut self, t: &Type, depth: usize) -> String {
        let t = self.through_aliases(t);
        if self.objref_kind(&t).is_some() {
            return format!("{TC}::ObjectRef::default()");
        }
        match &t {
            Type::Prim(Prim::Any) => return format!("{RT}::any_zero()"),
            Type::TypeCode => return format!("{TC}::TypeCode::basic({TC}::TCKind::NULL)"),
            _ => {}
        }
        match &t {
            Type::Prim(Prim::Boolean) => "false".into(),
            Type::Prim(Prim::Float | Prim::Double) => "0.0".into(),
            Type::Prim(Prim::LongDouble) => "::corba_cdr::LongDouble(0)".into(),
            Type::Prim(_) => "0".into(),
            Type::String(_) | Type::WString(_) => "::std::string::String::new()".into(),
            Type::Sequence(..) => "::std::vec::Vec::new()".into(),
            Type::Array(el, dims) => {
                let inner = if dims.len() > 1 {
                    Type::Array(el.clone(), dims[1..].to_vec())
                } else {
                    (**el).clone()
                };
                format!("::core::array::from_fn(|_| {})", self.zero(&inner, depth))
            }
            Type::Named(_) => format!("<{} as {RT}::IdlType>::zero()", self.rust_type(&t, depth)),
            Type::Fixed(d, sc) => format!("{RT}::fixed_zero({d}, {sc})"),
            Type::TypeCode | Type::Principal => "()".into(),
        }
    }
}
