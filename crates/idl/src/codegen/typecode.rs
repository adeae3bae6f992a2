//! Generated TypeCode constructors: Rust expressions building each
//! declaration's TypeCode, sharing those of named parts.

use super::{Gen, TC};
use corba_typecode::{TypeCode, TypeDesc};

impl Gen<'_> {
    /// A Rust expression that builds `tc`; named parts that are whole
    /// TypeCodes of other declarations call their functions, so that they
    /// are shared (`Arc`), as a stub compiler's static TypeCodes are.
    pub(super) fn tc_expr(&self, tc: &TypeCode, own: Option<usize>, depth: usize) -> String {
        if let Some(id) = tc.id() {
            if !matches!(tc.desc(), TypeDesc::Recursive { .. }) {
                if let Some(d) = self.decl_by_tc(id, tc) {
                    if Some(d) != own {
                        return format!("{}()", self.tc_fn_path(d, depth));
                    }
                }
            }
        }
        let s = |x: &str| format!("{x:?}.to_owned()");
        // Member names are `corba_typecode::Name`s.
        let nm = |x: &str| format!("{TC}::Name::new({x:?})");
        let kind = |k: corba_typecode::TCKind| format!("{TC}::TCKind({})", k.0);
        match tc.desc() {
            TypeDesc::Basic(k) => format!("{TC}::TypeCode::basic({})", kind(*k)),
            TypeDesc::String { bound } => {
                format!("{TC}::TypeCode::new({TC}::TypeDesc::String {{ bound: {bound} }})")
            }
            TypeDesc::WString { bound } => {
                format!("{TC}::TypeCode::new({TC}::TypeDesc::WString {{ bound: {bound} }})")
            }
            TypeDesc::Fixed { digits, scale } => {
                format!("{TC}::TypeCode::new({TC}::TypeDesc::Fixed {{ digits: {digits}, scale: {scale} }})")
            }
            TypeDesc::Interface { kind: k, id, name } => format!(
                "{TC}::TypeCode::new({TC}::TypeDesc::Interface {{ kind: {}, id: {}, name: {} }})",
                kind(*k),
                s(id),
                s(name)
            ),
            TypeDesc::Struct {
                kind: k,
                id,
                name,
                members,
            } => {
                let ms: Vec<String> = members
                    .iter()
                    .map(|m| {
                        format!(
                            "{TC}::StructMember {{ name: {}, tc: {} }}",
                            nm(&m.name),
                            self.tc_expr(&m.tc, None, depth)
                        )
                    })
                    .collect();
                format!(
                    "{TC}::TypeCode::new({TC}::TypeDesc::Struct {{ kind: {}, id: {}, name: {}, members: vec![{}] }})",
                    kind(*k),
                    s(id),
                    s(name),
                    ms.join(", ")
                )
            }
            TypeDesc::Union {
                id,
                name,
                discriminator,
                default_index,
                members,
            } => {
                let ms: Vec<String> = members
                    .iter()
                    .map(|m| {
                        format!(
                            "{TC}::UnionMember {{ label: {}, name: {}, tc: {} }}",
                            m.label,
                            nm(&m.name),
                            self.tc_expr(&m.tc, None, depth)
                        )
                    })
                    .collect();
                format!(
                    "{TC}::TypeCode::new({TC}::TypeDesc::Union {{ id: {}, name: {}, discriminator: {}, default_index: {default_index}, members: vec![{}] }})",
                    s(id),
                    s(name),
                    self.tc_expr(discriminator, None, depth),
                    ms.join(", ")
                )
            }
            TypeDesc::Enum { id, name, members } => {
                let ms: Vec<String> = members.iter().map(|m| nm(m)).collect();
                format!(
                    "{TC}::TypeCode::new({TC}::TypeDesc::Enum {{ id: {}, name: {}, members: vec![{}] }})",
                    s(id),
                    s(name),
                    ms.join(", ")
                )
            }
            TypeDesc::Sequence { element, bound } => format!(
                "{TC}::TypeCode::new({TC}::TypeDesc::Sequence {{ element: {}, bound: {bound} }})",
                self.tc_expr(element, None, depth)
            ),
            TypeDesc::Array { element, length } => format!(
                "{TC}::TypeCode::new({TC}::TypeDesc::Array {{ element: {}, length: {length} }})",
                self.tc_expr(element, None, depth)
            ),
            TypeDesc::Alias { id, name, content } => format!(
                "{TC}::TypeCode::new({TC}::TypeDesc::Alias {{ id: {}, name: {}, content: {} }})",
                s(id),
                s(name),
                self.tc_expr(content, None, depth)
            ),
            TypeDesc::Value {
                kind: k,
                id,
                name,
                modifier,
                concrete_base,
                members,
            } => {
                let base = match concrete_base {
                    Some(b) => format!(
                        "::core::option::Option::Some({})",
                        self.tc_expr(b, None, depth)
                    ),
                    None => "::core::option::Option::None".to_owned(),
                };
                let ms: Vec<String> = members
                    .iter()
                    .map(|m| {
                        format!(
                            "{TC}::ValueMember {{ name: {}, tc: {}, visibility: {TC}::Visibility({}) }}",
                            nm(&m.name),
                            self.tc_expr(&m.tc, None, depth),
                            m.visibility.0
                        )
                    })
                    .collect();
                format!(
                    "{TC}::TypeCode::new({TC}::TypeDesc::Value {{ kind: {}, id: {}, name: {}, modifier: {TC}::ValueModifier({}), concrete_base: {base}, members: vec![{}] }})",
                    kind(*k),
                    s(id),
                    s(name),
                    modifier.0,
                    ms.join(", ")
                )
            }
            TypeDesc::ValueBox { id, name, content } => format!(
                "{TC}::TypeCode::new({TC}::TypeDesc::ValueBox {{ id: {}, name: {}, content: {} }})",
                s(id),
                s(name),
                self.tc_expr(content, None, depth)
            ),
            TypeDesc::Recursive { id } => format!(
                "{TC}::TypeCode::new({TC}::TypeDesc::Recursive {{ id: {} }})",
                s(id)
            ),
        }
    }

    /// The declaration whose own TypeCode is exactly `tc`.
    pub(super) fn decl_by_tc(&self, id: &str, tc: &TypeCode) -> Option<usize> {
        self.decls
            .iter()
            .enumerate()
            .filter(|(_, d)| d.repo_id == id)
            .map(|(i, _)| i)
            .find(|&i| self.repo.decl_type_code(i).as_ref() == Some(tc))
    }
}
