//! The syntax tree of an IDL specification, as parsed (names not yet
//! resolved, expressions not yet evaluated).
//!
//! Positions (`at`) count the bytes from the spot to the end of the
//! preprocessed text (what a parser over `&str` slices knows cheaply);
//! `text.len() - at` is the offset that [`crate::pp::Expanded::locate`] maps
//! back to a file, line and column. Equality ignores nothing, so compare
//! trees from different texts through their printed form.

/// An identifier (an escaped `_name` is stored without its underscore).
#[derive(Clone, Debug, PartialEq)]
pub struct Ident {
    pub name: String,
    pub at: usize,
    /// Written `_name`.
    pub escaped: bool,
}

/// `A::B`, `::A::B`.
#[derive(Clone, Debug, PartialEq)]
pub struct ScopedName {
    pub absolute: bool,
    pub parts: Vec<String>,
    pub at: usize,
}

impl core::fmt::Display for ScopedName {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        if self.absolute {
            f.write_str("::")?;
        }
        f.write_str(&self.parts.join("::"))
    }
}

/// Base types that need no name lookup.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Prim {
    Short,
    Long,
    LongLong,
    UShort,
    ULong,
    ULongLong,
    Float,
    Double,
    LongDouble,
    Boolean,
    Char,
    WChar,
    Octet,
    Any,
    Object,
    ValueBase,
}

impl Prim {
    /// The IDL spelling.
    pub fn idl(self) -> &'static str {
        match self {
            Prim::Short => "short",
            Prim::Long => "long",
            Prim::LongLong => "long long",
            Prim::UShort => "unsigned short",
            Prim::ULong => "unsigned long",
            Prim::ULongLong => "unsigned long long",
            Prim::Float => "float",
            Prim::Double => "double",
            Prim::LongDouble => "long double",
            Prim::Boolean => "boolean",
            Prim::Char => "char",
            Prim::WChar => "wchar",
            Prim::Octet => "octet",
            Prim::Any => "any",
            Prim::Object => "Object",
            Prim::ValueBase => "ValueBase",
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum TypeSpec {
    Prim(Prim),
    String(Option<Box<ConstExpr>>),
    WString(Option<Box<ConstExpr>>),
    Sequence(Box<TypeSpec>, Option<Box<ConstExpr>>),
    /// `fixed<digits, scale>`, or bare `fixed` (only in constant declarations).
    Fixed(Option<Box<(ConstExpr, ConstExpr)>>),
    Named(ScopedName),
    /// A struct, union or enum defined in place (member or typedef type).
    Struct(Box<StructDef>),
    Union(Box<UnionDef>),
    Enum(Box<EnumDef>),
}

/// A declarator: a name and array dimensions (none for a simple one).
#[derive(Clone, Debug, PartialEq)]
pub struct Declarator {
    pub name: Ident,
    pub dims: Vec<ConstExpr>,
}

/// A struct or exception member line: one type, one or more declarators.
#[derive(Clone, Debug, PartialEq)]
pub struct Member {
    pub ty: TypeSpec,
    pub declarators: Vec<Declarator>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct StructDef {
    pub name: Ident,
    pub members: Vec<Member>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Label {
    Default,
    Expr(ConstExpr),
}

#[derive(Clone, Debug, PartialEq)]
pub struct Case {
    pub labels: Vec<Label>,
    pub ty: TypeSpec,
    pub decl: Declarator,
}

#[derive(Clone, Debug, PartialEq)]
pub struct UnionDef {
    pub name: Ident,
    pub switch: TypeSpec,
    pub cases: Vec<Case>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct EnumDef {
    pub name: Ident,
    pub members: Vec<Ident>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UnaryOp {
    Neg,
    Plus,
    Not,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BinOp {
    Or,
    Xor,
    And,
    Shl,
    Shr,
    Add,
    Sub,
    Mul,
    Div,
    Mod,
}

impl BinOp {
    pub fn symbol(self) -> &'static str {
        match self {
            BinOp::Or => "|",
            BinOp::Xor => "^",
            BinOp::And => "&",
            BinOp::Shl => "<<",
            BinOp::Shr => ">>",
            BinOp::Add => "+",
            BinOp::Sub => "-",
            BinOp::Mul => "*",
            BinOp::Div => "/",
            BinOp::Mod => "%",
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum ExprKind {
    Int(u128),
    /// Floating-point literal text, as written.
    Float(String),
    /// Fixed-point literal text without the `d`/`D`.
    Fixed(String),
    Str(String),
    WStr(String),
    Char(u32),
    WChar(u32),
    Bool(bool),
    Name(ScopedName),
    Unary(UnaryOp, Box<ConstExpr>),
    Binary(BinOp, Box<ConstExpr>, Box<ConstExpr>),
}

#[derive(Clone, Debug, PartialEq)]
pub struct ConstExpr {
    pub kind: ExprKind,
    pub at: usize,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ConstDef {
    pub ty: TypeSpec,
    pub name: Ident,
    pub value: ConstExpr,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InterfaceKind {
    Plain,
    Abstract,
    Local,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Interface {
    pub kind: InterfaceKind,
    pub name: Ident,
    pub bases: Vec<ScopedName>,
    pub body: Vec<Definition>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ParamDir {
    In,
    Out,
    InOut,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Param {
    pub dir: ParamDir,
    pub ty: TypeSpec,
    pub name: Ident,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Operation {
    pub name: Ident,
    pub oneway: bool,
    /// `None` for `void`.
    pub ret: Option<TypeSpec>,
    pub params: Vec<Param>,
    pub raises: Vec<ScopedName>,
    pub context: Vec<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Attribute {
    pub readonly: bool,
    pub ty: TypeSpec,
    pub names: Vec<Ident>,
    pub get_raises: Vec<ScopedName>,
    pub set_raises: Vec<ScopedName>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ValueDef {
    pub name: Ident,
    pub is_abstract: bool,
    pub is_custom: bool,
    /// The first base is `truncatable`.
    pub truncatable: bool,
    pub bases: Vec<ScopedName>,
    pub supports: Vec<ScopedName>,
    pub body: Vec<Definition>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Pragma {
    Prefix(String),
    Id(ScopedName, String),
    Version(ScopedName, u16, u16),
    /// Start of an included file (index into the expanded source's files).
    FileEnter(usize),
    FileExit,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Definition {
    Module {
        name: Ident,
        body: Vec<Definition>,
    },
    Interface(Interface),
    InterfaceFwd {
        name: Ident,
        kind: InterfaceKind,
    },
    Value(ValueDef),
    ValueBox {
        name: Ident,
        ty: TypeSpec,
    },
    ValueFwd {
        name: Ident,
        is_abstract: bool,
    },
    Struct(StructDef),
    StructFwd(Ident),
    Union(UnionDef),
    UnionFwd(Ident),
    Enum(EnumDef),
    Typedef {
        ty: TypeSpec,
        declarators: Vec<Declarator>,
    },
    Native(Ident),
    Const(ConstDef),
    Except(StructDef),
    TypeId {
        name: ScopedName,
        id: String,
    },
    TypePrefix {
        name: ScopedName,
        prefix: String,
    },
    Pragma {
        pragma: Pragma,
        at: usize,
    },
    /// Interface and value bodies only.
    Op(Operation),
    Attr(Attribute),
    /// Value bodies only.
    StateMember {
        public: bool,
        ty: TypeSpec,
        declarators: Vec<Declarator>,
    },
    Factory {
        name: Ident,
        params: Vec<Param>,
        raises: Vec<ScopedName>,
    },
}

/// A parsed specification: the top-level definitions.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Specification {
    pub definitions: Vec<Definition>,
}
