//! Generated items for structs, exceptions, enums and sequence/array
//! typedefs (newtypes): the Rust type and its `IdlType` impl.

use super::{plain, rust_ident, Gen, RT, TC};
use crate::sema::{DeclKind, Type};
use std::fmt::Write as _;

impl Gen<'_> {
    pub(super) fn impl_head(&self, d: usize) -> String {
        let name = rust_ident(self.decls[d].name());
        format!("impl {RT}::IdlType for {name} {{\n    fn type_code() -> {TC}::TypeCode {{ __tc_{}() }}\n", plain(&name))
    }

    pub(super) fn gen_struct(
        &mut self,
        d: usize,
        fields: &[crate::sema::Field],
        depth: usize,
    ) -> String {
        let name = rust_ident(self.decls[d].name());
        let mut s = String::new();
        let kind = if matches!(self.decls[d].kind, DeclKind::Exception { .. }) {
            "exception"
        } else {
            "struct"
        };
        let _ = writeln!(s, "/// IDL {kind} `{}`.", self.decls[d].scoped_name());
        let _ = writeln!(
            s,
            "#[derive(Clone, Debug, PartialEq)]\n#[allow(non_snake_case)]\npub struct {name} {{"
        );
        for f in fields {
            let _ = writeln!(
                s,
                "    pub {}: {},",
                rust_ident(&f.name),
                self.rust_type(&f.ty, depth)
            );
        }
        s.push_str("}\n\n");
        s.push_str(&self.impl_head(d));
        // encode
        s.push_str(&format!("    #[inline]\n    fn encode<W: ::corba_cdr::Sink>(&self, w: &mut ::corba_cdr::Writer<W>) -> ::core::result::Result<(), {RT}::Error> {{\n"));
        let id = self.decls[d].repo_id.clone();
        if kind == "exception" {
            // An exception starts with its repository id (§9.3.2.9).
            let _ = writeln!(s, "        w.write_string({id:?})?;");
        }
        self.enc_fields(&mut s, fields);
        s.push_str("        ::core::result::Result::Ok(())\n    }\n");
        // decode
        s.push_str(&format!("    fn decode_at(r: &mut ::corba_cdr::Reader<'_>, depth: u32) -> ::core::result::Result<Self, {RT}::Error> {{\n"));
        let _ = writeln!(s, "        {RT}::check_depth(r, depth)?;");
        if kind == "exception" {
            let _ = writeln!(s, "        {RT}::expect_repository_id(r, {id:?})?;");
        }
        self.dec_fields(&mut s, fields, depth);
        let _ = writeln!(s, "        ::core::result::Result::Ok({name} {{");
        for (i, f) in fields.iter().enumerate() {
            let _ = writeln!(s, "            {}: __m{i},", rust_ident(&f.name));
        }
        s.push_str("        })\n    }\n");
        // decode_into_at (an exception keeps the trait's default, which
        // checks its repository id through decode_at)
        if kind != "exception" {
            s.push_str(&format!("    #[inline]\n    fn decode_into_at(&mut self, r: &mut ::corba_cdr::Reader<'_>, depth: u32) -> ::core::result::Result<(), {RT}::Error> {{\n"));
            let _ = writeln!(s, "        {RT}::check_depth(r, depth)?;");
            self.dec_fields_into(&mut s, fields, depth);
            s.push_str("        ::core::result::Result::Ok(())\n    }\n");
        }
        // to_value
        let _ = writeln!(
            s,
            "    fn to_value(&self) -> {TC}::Value {{\n        {TC}::Value::Struct(vec!["
        );
        for f in fields {
            let e = format!("(&self.{})", rust_ident(&f.name));
            let _ = writeln!(s, "            {},", self.gen_to_value(&f.ty, &e));
        }
        s.push_str("        ])\n    }\n");
        // from_value
        let _ = writeln!(
            s,
            "    fn from_value(v: &{TC}::Value) -> ::core::result::Result<Self, {RT}::Error> {{\n        let m = {RT}::struct_from(v, {})?;\n        ::core::result::Result::Ok({name} {{",
            fields.len()
        );
        for (i, f) in fields.iter().enumerate() {
            let fv = self.gen_from_value(&f.ty, &format!("(&m[{i}])"), depth);
            let _ = writeln!(
                s,
                "            {}: ({fv}).map_err(|e| e.within({:?}))?,",
                rust_ident(&f.name),
                f.name
            );
        }
        s.push_str("        })\n    }\n");
        // zero
        let _ = writeln!(s, "    fn zero() -> Self {{\n        {name} {{");
        for f in fields {
            let _ = writeln!(
                s,
                "            {}: {},",
                rust_ident(&f.name),
                self.zero(&f.ty, depth)
            );
        }
        s.push_str("        }\n    }\n}");
        s
    }

    pub(super) fn gen_enum(&mut self, d: usize, members: &[String]) -> String {
        let name = rust_ident(self.decls[d].name());
        let mut s = String::new();
        let _ = writeln!(s, "/// IDL enum `{}`.", self.decls[d].scoped_name());
        let _ = writeln!(
            s,
            "#[repr(u32)]\n#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]\n#[allow(non_camel_case_types)]\npub enum {name} {{"
        );
        for (i, m) in members.iter().enumerate() {
            let _ = writeln!(s, "    {} = {i},", rust_ident(m));
        }
        s.push_str("}\n\n");
        let all: Vec<String> = members
            .iter()
            .map(|m| format!("{name}::{}", rust_ident(m)))
            .collect();
        let _ = writeln!(
            s,
            "impl {name} {{\n    /// Every enumerator, in order.\n    pub const ALL: [{name}; {}] = [{}];\n    /// The enumerator with ordinal `v`.\n    pub fn from_u32(v: u32) -> ::core::option::Option<{name}> {{\n        Self::ALL.get(v as usize).copied()\n    }}\n}}\n",
            members.len(),
            all.join(", ")
        );
        s.push_str(&self.impl_head(d));
        let _ = writeln!(s, "    #[inline]\n    fn encode<W: ::corba_cdr::Sink>(&self, w: &mut ::corba_cdr::Writer<W>) -> ::core::result::Result<(), {RT}::Error> {{\n        w.write_enum(*self as u32);\n        ::core::result::Result::Ok(())\n    }}");
        let _ = writeln!(s, "    fn decode_at(r: &mut ::corba_cdr::Reader<'_>, _depth: u32) -> ::core::result::Result<Self, {RT}::Error> {{\n        let offset = r.absolute_position();\n        let value = r.read_enum()?;\n        {name}::from_u32(value).ok_or({RT}::Error::InvalidEnum {{ value, offset }})\n    }}");
        let _ = writeln!(s, "    fn to_value(&self) -> {TC}::Value {{\n        {TC}::Value::Enum(*self as u32)\n    }}");
        let _ = writeln!(s, "    fn from_value(v: &{TC}::Value) -> ::core::result::Result<Self, {RT}::Error> {{\n        let o = {RT}::enum_from(v)?;\n        {name}::from_u32(o).ok_or_else(|| {RT}::Error::Value {{ path: ::core::default::Default::default(), message: format!(\"enum ordinal {{o}} out of range\") }})\n    }}");
        let _ = writeln!(
            s,
            "    fn zero() -> Self {{\n        {}\n    }}\n}}",
            all[0]
        );
        s
    }

    pub(super) fn gen_typedef(&mut self, d: usize, ty: &Type, depth: usize) -> String {
        let name = rust_ident(self.decls[d].name());
        let rt = self.rust_type(ty, depth);
        let scoped = self.decls[d].scoped_name();
        if !self.is_newtype(d) {
            return format!("/// IDL typedef `{scoped}`.\npub type {name} = {rt};");
        }
        let mut s = String::new();
        let _ = writeln!(s, "/// IDL typedef `{scoped}`.\n#[derive(Clone, Debug, PartialEq)]\npub struct {name}(pub {rt});\n");
        s.push_str(&self.impl_head(d));
        let enc = self.enc(ty, "(&self.0)");
        let _ = writeln!(s, "    #[inline]\n    fn encode<W: ::corba_cdr::Sink>(&self, w: &mut ::corba_cdr::Writer<W>) -> ::core::result::Result<(), {RT}::Error> {{\n        {enc}\n        ::core::result::Result::Ok(())\n    }}");
        let dec = self.dec(ty, depth);
        let _ = writeln!(s, "    fn decode_at(r: &mut ::corba_cdr::Reader<'_>, depth: u32) -> ::core::result::Result<Self, {RT}::Error> {{\n        {RT}::check_depth(r, depth)?;\n        ::core::result::Result::Ok({name}({dec}))\n    }}");
        let into = self.dec_into(ty, "(&mut self.0)", depth);
        let _ = writeln!(s, "    #[inline]\n    fn decode_into_at(&mut self, r: &mut ::corba_cdr::Reader<'_>, depth: u32) -> ::core::result::Result<(), {RT}::Error> {{\n        {RT}::check_depth(r, depth)?;\n        {into}\n        ::core::result::Result::Ok(())\n    }}");
        let tv = self.gen_to_value(ty, "(&self.0)");
        let _ = writeln!(
            s,
            "    fn to_value(&self) -> {TC}::Value {{\n        {tv}\n    }}"
        );
        let fv = self.gen_from_value(ty, "v", depth);
        let _ = writeln!(s, "    fn from_value(v: &{TC}::Value) -> ::core::result::Result<Self, {RT}::Error> {{\n        ::core::result::Result::Ok({name}({fv}?))\n    }}");
        let z = self.zero(ty, depth);
        let _ = writeln!(
            s,
            "    fn zero() -> Self {{\n        {name}({z})\n    }}\n}}"
        );
        s
    }
}
