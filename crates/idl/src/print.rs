//! Printing a syntax tree back as IDL. What is printed parses back to the
//! same tree (up to positions) and so to the same TypeCodes; the proptest
//! in `tests/roundtrip.rs` checks this.

use crate::ast::*;
use core::fmt::Write;

/// The IDL text of a whole specification.
pub fn specification(spec: &Specification) -> String {
    let mut p = Printer::default();
    for d in &spec.definitions {
        p.definition(d);
    }
    p.out
}

/// The IDL text of one definition (with its `;`).
pub fn definition(d: &Definition) -> String {
    let mut p = Printer::default();
    p.definition(d);
    p.out
}

/// A constant expression, fully parenthesised.
pub fn expr(e: &ConstExpr) -> String {
    let mut s = String::new();
    write_expr(&mut s, e);
    s
}

/// A type as written in a declaration.
pub fn type_spec(t: &TypeSpec) -> String {
    let mut p = Printer::default();
    p.type_spec(t);
    p.out
}

struct Printer {
    out: String,
    indent: usize,
    /// The `#pragma prefix` state as the front end keeps it (one entry per
    /// open module, interface or value type), so that file boundaries of
    /// the parsed text can be printed as the pragmas that reset and
    /// restore the prefix.
    prefix: Vec<String>,
    scope: Vec<String>,
    saved: Vec<String>,
}

impl Default for Printer {
    fn default() -> Self {
        Printer {
            out: String::new(),
            indent: 0,
            prefix: vec![String::new()],
            scope: Vec::new(),
            saved: Vec::new(),
        }
    }
}

fn ident(name: &str) -> String {
    // A name that is a keyword, or starts with '_', was escaped.
    if crate::parser::keyword_ignoring_case(name).is_some()
        || name.starts_with('_')
        || is_contextual(name)
    {
        format!("_{name}")
    } else {
        name.to_owned()
    }
}

/// Words that start a declaration where they appear, so a name spelled
/// like them is escaped when printed.
fn is_contextual(name: &str) -> bool {
    matches!(name, "typeid" | "typeprefix" | "getraises" | "setraises")
}

fn scoped(n: &ScopedName) -> String {
    let mut s = String::new();
    if n.absolute {
        s.push_str("::");
    }
    for (i, p) in n.parts.iter().enumerate() {
        if i > 0 {
            s.push_str("::");
        }
        if i > 0 || n.absolute {
            // `CORBA::Object` and friends stay as they are.
            if matches!(p.as_str(), "Object" | "ValueBase") {
                s.push_str(p);
                continue;
            }
        }
        s.push_str(&ident(p));
    }
    s
}

fn quote(s: &str, wide: bool) -> String {
    let mut out = String::new();
    if wide {
        out.push('L');
    }
    out.push('"');
    for c in s.chars() {
        push_escaped(&mut out, c as u32, '"');
    }
    out.push('"');
    out
}

fn push_escaped(out: &mut String, c: u32, quote: char) {
    match c {
        0x5C => out.push_str("\\\\"),
        0x0A => out.push_str("\\n"),
        0x09 => out.push_str("\\t"),
        0x0D => out.push_str("\\r"),
        c if c == quote as u32 => {
            out.push('\\');
            out.push(quote);
        }
        0x20..=0x7E => out.push(char::from(c as u8)),
        c if c <= 0xFF => {
            let _ = write!(out, "\\x{c:02x}");
        }
        c => {
            let _ = write!(out, "\\u{:04x}", c & 0xFFFF);
        }
    }
}

fn write_expr(s: &mut String, e: &ConstExpr) {
    match &e.kind {
        ExprKind::Int(v) => {
            let _ = write!(s, "{v}");
        }
        ExprKind::Float(t) => s.push_str(t),
        ExprKind::Fixed(t) => {
            s.push_str(t);
            s.push('d');
        }
        ExprKind::Str(v) => s.push_str(&quote(v, false)),
        ExprKind::WStr(v) => s.push_str(&quote(v, true)),
        ExprKind::Char(c) | ExprKind::WChar(c) => {
            if matches!(e.kind, ExprKind::WChar(_)) {
                s.push('L');
            }
            s.push('\'');
            push_escaped(s, *c, '\'');
            s.push('\'');
        }
        ExprKind::Bool(b) => s.push_str(if *b { "TRUE" } else { "FALSE" }),
        ExprKind::Name(n) => s.push_str(&scoped(n)),
        ExprKind::Unary(op, x) => {
            s.push_str(match op {
                UnaryOp::Neg => "-",
                UnaryOp::Plus => "+",
                UnaryOp::Not => "~",
            });
            s.push('(');
            write_expr(s, x);
            s.push(')');
        }
        ExprKind::Binary(op, a, b) => {
            s.push('(');
            write_expr(s, a);
            let _ = write!(s, " {} ", op.symbol());
            write_expr(s, b);
            s.push(')');
        }
    }
}

impl Printer {
    fn line(&mut self, text: &str) {
        for _ in 0..self.indent {
            self.out.push_str("  ");
        }
        self.out.push_str(text);
        self.out.push('\n');
    }

    /// Enters a scope that can hold pragmas.
    fn enter(&mut self, name: &str) {
        let top = self.prefix.last().cloned().unwrap_or_default();
        self.prefix.push(if top.is_empty() {
            name.to_owned()
        } else {
            format!("{top}/{name}")
        });
        self.scope.push(name.to_owned());
    }

    fn leave(&mut self) {
        self.prefix.pop();
        self.scope.pop();
    }

    fn set_prefix(&mut self, p: String) {
        if let Some(top) = self.prefix.last_mut() {
            *top = p;
        }
    }

    fn open(&mut self, head: &str) {
        self.line(&format!("{head} {{"));
        self.indent += 1;
    }

    fn close(&mut self) {
        self.indent = self.indent.saturating_sub(1);
        self.line("};");
    }

    fn type_spec(&mut self, t: &TypeSpec) {
        match t {
            TypeSpec::Prim(p) => self.out.push_str(p.idl()),
            TypeSpec::String(b) | TypeSpec::WString(b) => {
                self.out.push_str(if matches!(t, TypeSpec::String(_)) {
                    "string"
                } else {
                    "wstring"
                });
                if let Some(b) = b {
                    self.out.push('<');
                    self.out.push_str(&expr(b));
                    self.out.push('>');
                }
            }
            TypeSpec::Sequence(e, b) => {
                self.out.push_str("sequence<");
                self.type_spec(e);
                if let Some(b) = b {
                    self.out.push_str(", ");
                    self.out.push_str(&expr(b));
                }
                // A space keeps `>>` from reading as a shift.
                if self.out.ends_with('>') {
                    self.out.push(' ');
                }
                self.out.push('>');
            }
            TypeSpec::Fixed(None) => self.out.push_str("fixed"),
            TypeSpec::Fixed(Some(ds)) => {
                let _ = write!(self.out, "fixed<{}, {}>", expr(&ds.0), expr(&ds.1));
            }
            TypeSpec::Named(n) => self.out.push_str(&scoped(n)),
            TypeSpec::Struct(s) => self.inline(|p| p.struct_body("struct", s)),
            TypeSpec::Union(u) => self.inline(|p| p.union_body(u)),
            TypeSpec::Enum(e) => self.inline(|p| p.enum_body(e)),
        }
    }

    /// A constructed type in place: printed on its own lines, without the
    /// closing `;`.
    fn inline(&mut self, f: impl FnOnce(&mut Printer)) {
        let mut p = Printer {
            indent: self.indent,
            ..Printer::default()
        };
        f(&mut p);
        let text = p
            .out
            .trim_end()
            .trim_end_matches(';')
            .trim_start()
            .to_owned();
        self.out.push_str(&text);
    }

    fn declarator(&mut self, d: &Declarator) -> String {
        let mut s = ident(&d.name.name);
        for e in &d.dims {
            let _ = write!(s, "[{}]", expr(e));
        }
        s
    }

    fn member_line(&mut self, prefix: &str, ty: &TypeSpec, decls: &[Declarator]) {
        let mut t = Printer {
            indent: self.indent,
            ..Printer::default()
        };
        t.type_spec(ty);
        let names: Vec<String> = decls.iter().map(|d| self.declarator(d)).collect();
        let text = format!("{prefix}{} {};", t.out, names.join(", "));
        self.line(&text);
    }

    fn struct_body(&mut self, kw: &str, s: &StructDef) {
        self.open(&format!("{kw} {}", ident(&s.name.name)));
        for m in &s.members {
            self.member_line("", &m.ty, &m.declarators);
        }
        self.close();
    }

    fn enum_body(&mut self, e: &EnumDef) {
        let names: Vec<String> = e.members.iter().map(|m| ident(&m.name)).collect();
        self.line(&format!(
            "enum {} {{ {} }};",
            ident(&e.name.name),
            names.join(", ")
        ));
    }

    fn union_body(&mut self, u: &UnionDef) {
        let mut t = Printer {
            indent: self.indent,
            ..Printer::default()
        };
        t.type_spec(&u.switch);
        self.open(&format!("union {} switch ({})", ident(&u.name.name), t.out));
        for c in &u.cases {
            for l in &c.labels {
                match l {
                    Label::Default => self.line("default:"),
                    Label::Expr(e) => self.line(&format!("case {}:", expr(e))),
                }
            }
            self.indent += 1;
            let d = c.decl.clone();
            self.member_line("", &c.ty, std::slice::from_ref(&d));
            self.indent -= 1;
        }
        self.close();
    }

    fn names(list: &[ScopedName]) -> String {
        list.iter().map(scoped).collect::<Vec<_>>().join(", ")
    }

    fn params(&mut self, ps: &[Param]) -> String {
        let mut v = Vec::new();
        for p in ps {
            let mut t = Printer::default();
            t.type_spec(&p.ty);
            let dir = match p.dir {
                ParamDir::In => "in",
                ParamDir::Out => "out",
                ParamDir::InOut => "inout",
            };
            v.push(format!("{dir} {} {}", t.out, ident(&p.name.name)));
        }
        v.join(", ")
    }

    fn definition(&mut self, d: &Definition) {
        match d {
            Definition::Module { name, body } => {
                self.open(&format!("module {}", ident(&name.name)));
                self.enter(&name.name);
                for d in body {
                    self.definition(d);
                }
                self.leave();
                self.close();
            }
            Definition::Interface(i) => {
                let kind = match i.kind {
                    InterfaceKind::Plain => "",
                    InterfaceKind::Abstract => "abstract ",
                    InterfaceKind::Local => "local ",
                };
                let mut head = format!("{kind}interface {}", ident(&i.name.name));
                if !i.bases.is_empty() {
                    let _ = write!(head, " : {}", Self::names(&i.bases));
                }
                self.open(&head);
                self.enter(&i.name.name);
                for d in &i.body {
                    self.definition(d);
                }
                self.leave();
                self.close();
            }
            Definition::InterfaceFwd { name, kind } => {
                let kind = match kind {
                    InterfaceKind::Plain => "",
                    InterfaceKind::Abstract => "abstract ",
                    InterfaceKind::Local => "local ",
                };
                self.line(&format!("{kind}interface {};", ident(&name.name)));
            }
            Definition::Value(v) => {
                let modifier = if v.is_abstract {
                    "abstract "
                } else if v.is_custom {
                    "custom "
                } else {
                    ""
                };
                let mut head = format!("{modifier}valuetype {}", ident(&v.name.name));
                if !v.bases.is_empty() {
                    let t = if v.truncatable { "truncatable " } else { "" };
                    let _ = write!(head, " : {t}{}", Self::names(&v.bases));
                }
                if !v.supports.is_empty() {
                    let _ = write!(head, " supports {}", Self::names(&v.supports));
                }
                self.open(&head);
                self.enter(&v.name.name);
                for d in &v.body {
                    self.definition(d);
                }
                self.leave();
                self.close();
            }
            Definition::ValueBox { name, ty } => {
                let mut t = Printer::default();
                t.type_spec(ty);
                self.line(&format!("valuetype {} {};", ident(&name.name), t.out));
            }
            Definition::ValueFwd { name, is_abstract } => {
                let a = if *is_abstract { "abstract " } else { "" };
                self.line(&format!("{a}valuetype {};", ident(&name.name)));
            }
            Definition::Struct(s) => self.struct_body("struct", s),
            Definition::StructFwd(n) => self.line(&format!("struct {};", ident(&n.name))),
            Definition::Union(u) => self.union_body(u),
            Definition::UnionFwd(n) => self.line(&format!("union {};", ident(&n.name))),
            Definition::Enum(e) => self.enum_body(e),
            Definition::Typedef { ty, declarators } => {
                self.member_line("typedef ", ty, declarators)
            }
            Definition::Native(n) => self.line(&format!("native {};", ident(&n.name))),
            Definition::Const(c) => {
                let mut t = Printer::default();
                t.type_spec(&c.ty);
                self.line(&format!(
                    "const {} {} = {};",
                    t.out,
                    ident(&c.name.name),
                    expr(&c.value)
                ));
            }
            Definition::Except(e) => self.struct_body("exception", e),
            Definition::TypeId { name, id } => {
                self.line(&format!("typeid {} {};", scoped(name), quote(id, false)))
            }
            Definition::TypePrefix { name, prefix } => self.line(&format!(
                "typeprefix {} {};",
                scoped(name),
                quote(prefix, false)
            )),
            Definition::Pragma { pragma, .. } => match pragma {
                Pragma::Prefix(p) => {
                    self.set_prefix(p.clone());
                    self.line(&format!("#pragma prefix {}", quote(p, false)))
                }
                Pragma::Id(n, id) => {
                    self.line(&format!("#pragma ID {} {}", scoped(n), quote(id, false)))
                }
                Pragma::Version(n, a, b) => {
                    self.line(&format!("#pragma version {} {a}.{b}", scoped(n)))
                }
                // The printed text is one file: an included file's start
                // and end become the prefix resets the front end does there.
                Pragma::FileEnter(_) => {
                    let top = self.prefix.last().cloned().unwrap_or_default();
                    self.saved.push(top);
                    let reset = self.scope.join("/");
                    self.set_prefix(reset.clone());
                    self.line(&format!("#pragma prefix {}", quote(&reset, false)));
                }
                Pragma::FileExit => {
                    let back = self.saved.pop().unwrap_or_default();
                    self.set_prefix(back.clone());
                    self.line(&format!("#pragma prefix {}", quote(&back, false)));
                }
            },
            Definition::Op(op) => {
                let mut t = Printer::default();
                match &op.ret {
                    Some(r) => t.type_spec(r),
                    None => t.out.push_str("void"),
                }
                let mut s = format!(
                    "{}{} {}({})",
                    if op.oneway { "oneway " } else { "" },
                    t.out,
                    ident(&op.name.name),
                    self.params(&op.params)
                );
                if !op.raises.is_empty() {
                    let _ = write!(s, " raises({})", Self::names(&op.raises));
                }
                if !op.context.is_empty() {
                    let ctx: Vec<String> = op.context.iter().map(|c| quote(c, false)).collect();
                    let _ = write!(s, " context({})", ctx.join(", "));
                }
                s.push(';');
                self.line(&s);
            }
            Definition::Attr(a) => {
                let mut t = Printer::default();
                t.type_spec(&a.ty);
                let names: Vec<String> = a.names.iter().map(|n| ident(&n.name)).collect();
                let mut s = format!(
                    "{}attribute {} {}",
                    if a.readonly { "readonly " } else { "" },
                    t.out,
                    names.join(", ")
                );
                if a.readonly && !a.get_raises.is_empty() {
                    let _ = write!(s, " raises({})", Self::names(&a.get_raises));
                } else {
                    if !a.get_raises.is_empty() {
                        let _ = write!(s, " getraises({})", Self::names(&a.get_raises));
                    }
                    if !a.set_raises.is_empty() {
                        let _ = write!(s, " setraises({})", Self::names(&a.set_raises));
                    }
                }
                s.push(';');
                self.line(&s);
            }
            Definition::StateMember {
                public,
                ty,
                declarators,
            } => self.member_line(
                if *public { "public " } else { "private " },
                ty,
                declarators,
            ),
            Definition::Factory {
                name,
                params,
                raises,
            } => {
                let mut s = format!("factory {}({})", ident(&name.name), self.params(params));
                if !raises.is_empty() {
                    let _ = write!(s, " raises({})", Self::names(raises));
                }
                s.push(';');
                self.line(&s);
            }
        }
    }
}
