//! The IDL grammar (OMG IDL, CORBA 3.x Part 1 chapter 7) as `nom` parsers
//! over the preprocessed text.
//!
//! Positions stored in the tree are the number of bytes from the position to
//! the end of the text (what a `&str` slice knows); [`parse`] turns them
//! into offsets from the start.

use crate::ast::*;
use nom::branch::alt;
use nom::bytes::complete::{tag, take_while, take_while1};
use nom::character::complete::{char as ch, digit1, satisfy};
use nom::combinator::{cut, map, opt, recognize, value};
use nom::error::{ErrorKind, ParseError};
use nom::multi::{many0, separated_list1};
use nom::sequence::{delimited, pair, preceded, terminated};
use nom::{IResult, Parser};
use std::borrow::Cow;

/// A parse error: the input where it happened and what was expected there.
#[derive(Clone, Debug, PartialEq)]
pub struct PErr<'a> {
    pub input: &'a str,
    pub expected: Cow<'static, str>,
}

impl<'a> ParseError<&'a str> for PErr<'a> {
    fn from_error_kind(input: &'a str, _kind: ErrorKind) -> Self {
        PErr {
            input,
            expected: Cow::Borrowed(""),
        }
    }
    fn append(_input: &'a str, _kind: ErrorKind, other: Self) -> Self {
        other
    }
    fn or(self, other: Self) -> Self {
        // Keep the error that got furthest; at the same place, one that
        // says what was expected.
        let other_wins = other.input.len() < self.input.len()
            || (other.input.len() == self.input.len() && !other.expected.is_empty());
        if other_wins {
            other
        } else {
            self
        }
    }
}

type PResult<'a, T> = IResult<&'a str, T, PErr<'a>>;

/// Most nesting the parser follows (modules, types, expressions), so that
/// hostile input cannot exhaust the stack.
pub const MAX_NESTING: u32 = 100;

thread_local! {
    static NESTING: core::cell::Cell<u32> = const { core::cell::Cell::new(0) };
}

/// One level of nesting, given back when dropped.
struct Nest;

impl Nest {
    fn enter(i: &str) -> Result<Nest, nom::Err<PErr<'_>>> {
        let n = NESTING.with(|d| {
            let n = d.get() + 1;
            d.set(n);
            n
        });
        let guard = Nest;
        if n > MAX_NESTING {
            return Err(nom::Err::Failure(PErr {
                input: i,
                expected: Cow::Owned(format!("at most {MAX_NESTING} levels of nesting")),
            }));
        }
        Ok(guard)
    }
}

impl Drop for Nest {
    fn drop(&mut self) {
        NESTING.with(|d| d.set(d.get().saturating_sub(1)));
    }
}

const KEYWORDS: &[&str] = &[
    "abstract",
    "any",
    "attribute",
    "boolean",
    "case",
    "char",
    "const",
    "context",
    "custom",
    "default",
    "double",
    "enum",
    "exception",
    "factory",
    "FALSE",
    "fixed",
    "float",
    "in",
    "inout",
    "interface",
    "local",
    "long",
    "module",
    "native",
    "Object",
    "octet",
    "oneway",
    "out",
    "private",
    "public",
    "raises",
    "readonly",
    "sequence",
    "short",
    "string",
    "struct",
    "supports",
    "switch",
    "TRUE",
    "truncatable",
    "typedef",
    "unsigned",
    "union",
    "ValueBase",
    "valuetype",
    "void",
    "wchar",
    "wstring",
];

/// Whether `s` is an IDL keyword (identifiers may not be keywords).
pub fn is_keyword(s: &str) -> bool {
    KEYWORDS.contains(&s)
}

/// The keyword that `s` equals up to case, if any.
pub fn keyword_ignoring_case(s: &str) -> Option<&'static str> {
    KEYWORDS.iter().copied().find(|k| k.eq_ignore_ascii_case(s))
}

fn is_ident_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

/// Skips whitespace (comments are already spaces).
fn ws(i: &str) -> PResult<'_, ()> {
    let t = i.trim_start_matches([' ', '\t', '\r', '\n', '\x0b', '\x0c']);
    Ok((t, ()))
}

/// Wraps a parser so that an error at its start says what was expected.
fn expect<'a, O, P>(mut p: P, what: &'static str) -> impl FnMut(&'a str) -> PResult<'a, O>
where
    P: Parser<&'a str, Output = O, Error = PErr<'a>>,
{
    move |i: &'a str| {
        let (start, ()) = ws(i)?;
        match p.parse(i) {
            Err(nom::Err::Error(e)) if e.input.len() >= start.len() => Err(nom::Err::Error(PErr {
                input: start,
                expected: Cow::Borrowed(what),
            })),
            other => other,
        }
    }
}

/// A punctuation token after optional whitespace.
fn sym<'a>(s: &'static str) -> impl FnMut(&'a str) -> PResult<'a, &'a str> {
    move |i: &'a str| {
        let (i, ()) = ws(i)?;
        match tag::<_, _, PErr<'a>>(s).parse(i) {
            Ok(r) => Ok(r),
            Err(_) => Err(nom::Err::Error(PErr {
                input: i,
                expected: Cow::Owned(format!("'{s}'")),
            })),
        }
    }
}

/// A keyword: the word, not followed by an identifier character.
fn kw<'a>(s: &'static str) -> impl FnMut(&'a str) -> PResult<'a, &'a str> {
    move |i: &'a str| {
        let (i, ()) = ws(i)?;
        if i.starts_with(s) && !i[s.len()..].starts_with(is_ident_char) {
            Ok((&i[s.len()..], &i[..s.len()]))
        } else {
            Err(nom::Err::Error(PErr {
                input: i,
                expected: Cow::Owned(format!("'{s}'")),
            }))
        }
    }
}

fn raw_word(i: &str) -> PResult<'_, &str> {
    recognize(pair(
        satisfy(|c| c.is_ascii_alphabetic() || c == '_'),
        take_while(is_ident_char),
    ))
    .parse(i)
}

/// An identifier that is not a keyword; `_x` is the escaped form of `x`.
pub fn ident(i: &str) -> PResult<'_, Ident> {
    let (i, ()) = ws(i)?;
    let at = i.len();
    let err = || {
        nom::Err::Error(PErr {
            input: i,
            expected: Cow::Borrowed("an identifier"),
        })
    };
    let (rest, w) = raw_word(i).map_err(|_| err())?;
    if let Some(esc) = w.strip_prefix('_') {
        if esc.is_empty() {
            return Err(err());
        }
        return Ok((
            rest,
            Ident {
                name: esc.to_owned(),
                at,
                escaped: true,
            },
        ));
    }
    if is_keyword(w) {
        return Err(err());
    }
    Ok((
        rest,
        Ident {
            name: w.to_owned(),
            at,
            escaped: false,
        },
    ))
}

/// A name part after `::`, where `Object`, `ValueBase` and `TypeCode`
/// (as in `CORBA::Object`) are allowed.
fn name_part(i: &str) -> PResult<'_, String> {
    alt((
        map(ident, |id| id.name),
        map(kw("Object"), str::to_owned),
        map(kw("ValueBase"), str::to_owned),
    ))
    .parse(i)
}

pub fn scoped_name(i: &str) -> PResult<'_, ScopedName> {
    let (i, ()) = ws(i)?;
    let at = i.len();
    let (i, abs) = opt(tag("::")).parse(i)?;
    let (i, first) = if abs.is_some() {
        name_part(i)?
    } else {
        map(ident, |id| id.name).parse(i)?
    };
    let (i, rest) = many0(preceded(sym("::"), cut(name_part))).parse(i)?;
    let mut parts = vec![first];
    parts.extend(rest);
    Ok((
        i,
        ScopedName {
            absolute: abs.is_some(),
            parts,
            at,
        },
    ))
}

// ---------------------------------------------------------------- literals

fn escape(i: &str) -> PResult<'_, u32> {
    let (i, _) = ch('\\').parse(i)?;
    let bad = |i| {
        nom::Err::Failure(PErr {
            input: i,
            expected: Cow::Borrowed("a valid escape sequence"),
        })
    };
    let Some(c) = i.chars().next() else {
        return Err(bad(i));
    };
    let simple = match c {
        'n' => Some(10),
        't' => Some(9),
        'v' => Some(11),
        'b' => Some(8),
        'r' => Some(13),
        'f' => Some(12),
        'a' => Some(7),
        '\\' => Some(92),
        '?' => Some(63),
        '\'' => Some(39),
        '"' => Some(34),
        _ => None,
    };
    if let Some(v) = simple {
        return Ok((&i[1..], v));
    }
    let digits = |i: &str, radix: u32, max: usize| -> (usize, u32) {
        let n = i
            .chars()
            .take(max)
            .take_while(|c| c.is_digit(radix))
            .count();
        (n, u32::from_str_radix(&i[..n], radix).unwrap_or(0))
    };
    match c {
        '0'..='7' => {
            let (n, v) = digits(i, 8, 3);
            Ok((&i[n..], v))
        }
        'x' => {
            let (n, v) = digits(&i[1..], 16, 2);
            if n == 0 {
                return Err(bad(i));
            }
            Ok((&i[1 + n..], v))
        }
        'u' => {
            let (n, v) = digits(&i[1..], 16, 4);
            if n == 0 {
                return Err(bad(i));
            }
            Ok((&i[1 + n..], v))
        }
        _ => Err(bad(i)),
    }
}

fn char_body(i: &str) -> PResult<'_, u32> {
    let (i, _) = ch('\'').parse(i)?;
    let (i, v) = alt((
        escape,
        map(satisfy(|c| c != '\'' && c != '\\'), |c| c as u32),
    ))
    .parse(i)?;
    let (i, _) = cut(expect(ch('\''), "closing ' of a character literal")).parse(i)?;
    Ok((i, v))
}

fn string_body(i: &str) -> PResult<'_, String> {
    let (mut i, _) = ch('"').parse(i)?;
    let mut s = String::new();
    loop {
        match i.chars().next() {
            None | Some('\n') => {
                return Err(nom::Err::Failure(PErr {
                    input: i,
                    expected: Cow::Borrowed("closing \" of a string literal"),
                }))
            }
            Some('"') => return Ok((&i[1..], s)),
            Some('\\') => {
                let (r, v) = escape(i)?;
                s.push(char::from_u32(v).unwrap_or('\u{FFFD}'));
                i = r;
            }
            Some(c) => {
                s.push(c);
                i = &i[c.len_utf8()..];
            }
        }
    }
}

/// One or more adjacent string literals, concatenated.
fn string_lit(i: &str) -> PResult<'_, String> {
    let (i, parts) = many1_ws(string_body).parse(i)?;
    Ok((i, parts.concat()))
}

fn wstring_lit(i: &str) -> PResult<'_, String> {
    let (i, parts) = many1_ws(preceded(ch('L'), string_body)).parse(i)?;
    Ok((i, parts.concat()))
}

fn many1_ws<'a, O, P>(p: P) -> impl Parser<&'a str, Output = Vec<O>, Error = PErr<'a>>
where
    P: Parser<&'a str, Output = O, Error = PErr<'a>>,
{
    nom::multi::many1(preceded(ws, p))
}

/// Numbers: integer (decimal, octal, hex), floating point, fixed (`1.5d`).
fn number(i: &str) -> PResult<'_, ExprKind> {
    let (i, ()) = ws(i)?;
    let start = i;
    if let Some(h) = i.strip_prefix("0x").or_else(|| i.strip_prefix("0X")) {
        let (r, digits) = take_while1(|c: char| c.is_ascii_hexdigit()).parse(h)?;
        let v = u128::from_str_radix(digits, 16).map_err(|_| too_big(start))?;
        return Ok((r, ExprKind::Int(v)));
    }
    let (r, int) = opt(digit1).parse(i)?;
    let int = int.unwrap_or("");
    let (r, frac) = opt(preceded(ch('.'), take_while(|c: char| c.is_ascii_digit()))).parse(r)?;
    if int.is_empty() && frac.is_none_or(str::is_empty) {
        return Err(nom::Err::Error(PErr {
            input: start,
            expected: Cow::Borrowed("a number"),
        }));
    }
    // Fixed-point literal.
    if let Some(r2) = r.strip_prefix(['d', 'D']) {
        if !r2.starts_with(is_ident_char) {
            let text = &start[..start.len() - r.len()];
            return Ok((r2, ExprKind::Fixed(text.to_owned())));
        }
    }
    let (r, exp) = opt(recognize((
        satisfy(|c| c == 'e' || c == 'E'),
        opt(satisfy(|c| c == '+' || c == '-')),
        digit1,
    )))
    .parse(r)?;
    if frac.is_some() || exp.is_some() {
        let text = &start[..start.len() - r.len()];
        return Ok((r, ExprKind::Float(text.to_owned())));
    }
    let v = if int.len() > 1 && int.starts_with('0') {
        if !int.bytes().all(|b| (b'0'..=b'7').contains(&b)) {
            return Err(nom::Err::Failure(PErr {
                input: start,
                expected: Cow::Borrowed("octal digits after a leading 0"),
            }));
        }
        u128::from_str_radix(&int[1..], 8)
    } else {
        int.parse::<u128>()
    }
    .map_err(|_| too_big(start))?;
    Ok((r, ExprKind::Int(v)))
}

fn too_big(i: &str) -> nom::Err<PErr<'_>> {
    nom::Err::Failure(PErr {
        input: i,
        expected: Cow::Borrowed("an integer literal that fits in 128 bits"),
    })
}

fn literal(i: &str) -> PResult<'_, ExprKind> {
    let (i, ()) = ws(i)?;
    alt((
        map(wstring_lit, ExprKind::WStr),
        map(preceded(ch('L'), char_body), ExprKind::WChar),
        map(string_lit, ExprKind::Str),
        map(char_body, ExprKind::Char),
        value(ExprKind::Bool(true), kw("TRUE")),
        value(ExprKind::Bool(false), kw("FALSE")),
        number,
    ))
    .parse(i)
}

// ---------------------------------------------------------------- constant expressions

fn with_at<'a, P>(mut p: P) -> impl FnMut(&'a str) -> PResult<'a, ConstExpr>
where
    P: Parser<&'a str, Output = ExprKind, Error = PErr<'a>>,
{
    move |i: &'a str| {
        let (i, ()) = ws(i)?;
        let at = i.len();
        let (r, kind) = p.parse(i)?;
        Ok((r, ConstExpr { kind, at }))
    }
}

fn primary_expr(i: &str) -> PResult<'_, ConstExpr> {
    alt((
        with_at(literal),
        with_at(map(scoped_name, ExprKind::Name)),
        delimited(sym("("), const_expr, cut(expect(sym(")"), "')'"))),
    ))
    .parse(i)
}

fn unary_expr(i: &str) -> PResult<'_, ConstExpr> {
    let _nest = Nest::enter(i)?;
    let (i, ()) = ws(i)?;
    let at = i.len();
    let op = alt((
        value(UnaryOp::Neg, sym("-")),
        value(UnaryOp::Plus, sym("+")),
        value(UnaryOp::Not, sym("~")),
    ))
    .parse(i);
    match op {
        Ok((r, op)) => {
            let (r, e) = cut(expect(unary_expr, "an expression")).parse(r)?;
            Ok((
                r,
                ConstExpr {
                    kind: ExprKind::Unary(op, Box::new(e)),
                    at,
                },
            ))
        }
        Err(_) => primary_expr(i),
    }
}

/// A left-associative level: `next (op next)*`.
fn binary_level<'a>(
    i: &'a str,
    ops: &[(&'static str, BinOp)],
    next: fn(&'a str) -> PResult<'a, ConstExpr>,
) -> PResult<'a, ConstExpr> {
    let (mut i, mut lhs) = next(i)?;
    'outer: loop {
        let (j, ()) = ws(i)?;
        for &(s, op) in ops {
            if let Some(r) = j.strip_prefix(s) {
                // A right-hand side that does not parse ends the level
                // without an error: the operator belongs to something else.
                if let Ok((r2, rhs)) = next(r) {
                    let at = lhs.at;
                    lhs = ConstExpr {
                        kind: ExprKind::Binary(op, Box::new(lhs), Box::new(rhs)),
                        at,
                    };
                    i = r2;
                    continue 'outer;
                }
            }
        }
        return Ok((i, lhs));
    }
}

fn mult_expr(i: &str) -> PResult<'_, ConstExpr> {
    binary_level(
        i,
        &[("*", BinOp::Mul), ("/", BinOp::Div), ("%", BinOp::Mod)],
        unary_expr,
    )
}
fn add_expr(i: &str) -> PResult<'_, ConstExpr> {
    binary_level(i, &[("+", BinOp::Add), ("-", BinOp::Sub)], mult_expr)
}
fn shift_expr(i: &str) -> PResult<'_, ConstExpr> {
    binary_level(i, &[("<<", BinOp::Shl), (">>", BinOp::Shr)], add_expr)
}
fn and_expr(i: &str) -> PResult<'_, ConstExpr> {
    binary_level(i, &[("&", BinOp::And)], shift_expr)
}
fn xor_expr(i: &str) -> PResult<'_, ConstExpr> {
    binary_level(i, &[("^", BinOp::Xor)], and_expr)
}

/// `<const_exp>`: `|` binds loosest.
pub fn const_expr(i: &str) -> PResult<'_, ConstExpr> {
    binary_level(i, &[("|", BinOp::Or)], xor_expr)
}

/// A constant expression where a `>` may follow (bounds): `>>` is not a
/// shift here, so `sequence<sequence<long, 5>> X` reads as two closing
/// brackets.
fn bound_expr(i: &str) -> PResult<'_, ConstExpr> {
    binary_level(i, &[("|", BinOp::Or)], bound_xor_expr)
}
fn bound_xor_expr(i: &str) -> PResult<'_, ConstExpr> {
    binary_level(i, &[("^", BinOp::Xor)], bound_and_expr)
}
fn bound_and_expr(i: &str) -> PResult<'_, ConstExpr> {
    binary_level(i, &[("&", BinOp::And)], bound_shift_expr)
}
fn bound_shift_expr(i: &str) -> PResult<'_, ConstExpr> {
    binary_level(i, &[("<<", BinOp::Shl)], add_expr)
}

// ---------------------------------------------------------------- types

fn base_type(i: &str) -> PResult<'_, Prim> {
    alt((
        value(Prim::ULongLong, (kw("unsigned"), kw("long"), kw("long"))),
        value(Prim::ULong, (kw("unsigned"), kw("long"))),
        value(
            Prim::UShort,
            (
                kw("unsigned"),
                cut(expect(kw("short"), "'short' or 'long'")),
            ),
        ),
        value(Prim::LongLong, (kw("long"), kw("long"))),
        value(Prim::LongDouble, (kw("long"), kw("double"))),
        value(Prim::Long, kw("long")),
        value(Prim::Short, kw("short")),
        value(Prim::Float, kw("float")),
        value(Prim::Double, kw("double")),
        value(Prim::Char, kw("char")),
        value(Prim::WChar, kw("wchar")),
        value(Prim::Boolean, kw("boolean")),
        value(Prim::Octet, kw("octet")),
        value(Prim::Any, kw("any")),
        value(Prim::Object, kw("Object")),
        value(Prim::ValueBase, kw("ValueBase")),
    ))
    .parse(i)
}

fn opt_bound(i: &str) -> PResult<'_, Option<Box<ConstExpr>>> {
    let (i, b) = opt(preceded(
        sym("<"),
        cut(terminated(
            expect(bound_expr, "a bound"),
            expect(sym(">"), "'>'"),
        )),
    ))
    .parse(i)?;
    Ok((i, b.map(Box::new)))
}

fn sequence_type(i: &str) -> PResult<'_, TypeSpec> {
    let (i, _) = kw("sequence").parse(i)?;
    let (i, _) = cut(expect(sym("<"), "'<'")).parse(i)?;
    let (i, elem) = cut(expect(type_spec, "a type")).parse(i)?;
    let (i, bound) = opt(preceded(sym(","), cut(expect(bound_expr, "a bound")))).parse(i)?;
    let (i, _) = cut(expect(sym(">"), "'>' or ','")).parse(i)?;
    Ok((i, TypeSpec::Sequence(Box::new(elem), bound.map(Box::new))))
}

fn fixed_type(i: &str) -> PResult<'_, TypeSpec> {
    let (i, _) = kw("fixed").parse(i)?;
    let (i, params) = opt(preceded(
        sym("<"),
        cut((
            expect(const_expr, "the number of digits"),
            expect(sym(","), "','"),
            expect(bound_expr, "the scale"),
            expect(sym(">"), "'>'"),
        )),
    ))
    .parse(i)?;
    Ok((
        i,
        TypeSpec::Fixed(params.map(|(d, _, s, _)| Box::new((d, s)))),
    ))
}

/// `<type_spec>`: simple types, template types, names and constructed types.
pub fn type_spec(i: &str) -> PResult<'_, TypeSpec> {
    let _nest = Nest::enter(i)?;
    alt((
        map(base_type, TypeSpec::Prim),
        map(preceded(kw("string"), opt_bound), TypeSpec::String),
        map(preceded(kw("wstring"), opt_bound), TypeSpec::WString),
        sequence_type,
        fixed_type,
        map(struct_def, |s| TypeSpec::Struct(Box::new(s))),
        map(union_def, |u| TypeSpec::Union(Box::new(u))),
        map(enum_def, |e| TypeSpec::Enum(Box::new(e))),
        map(scoped_name, TypeSpec::Named),
    ))
    .parse(i)
}

fn declarator(i: &str) -> PResult<'_, Declarator> {
    let (i, name) = expect(ident, "a name").parse(i)?;
    let (i, dims) = many0(delimited(
        sym("["),
        cut(expect(const_expr, "an array size")),
        cut(expect(sym("]"), "']'")),
    ))
    .parse(i)?;
    Ok((i, Declarator { name, dims }))
}

fn declarators(i: &str) -> PResult<'_, Vec<Declarator>> {
    separated_list1(sym(","), cut(declarator)).parse(i)
}

fn member(i: &str) -> PResult<'_, Member> {
    let (i, ty) = type_spec(i)?;
    let (i, declarators) = cut(declarators).parse(i)?;
    let (i, _) = cut(expect(sym(";"), "';' or ',' after a member")).parse(i)?;
    Ok((i, Member { ty, declarators }))
}

fn struct_def(i: &str) -> PResult<'_, StructDef> {
    let (i, _) = kw("struct").parse(i)?;
    let (i, name) = cut(expect(ident, "a struct name")).parse(i)?;
    let (i, _) = sym("{").parse(i)?;
    let (i, members) = many0(member).parse(i)?;
    let (i, _) = cut(expect(sym("}"), "a member or '}'")).parse(i)?;
    Ok((i, StructDef { name, members }))
}

fn except_def(i: &str) -> PResult<'_, StructDef> {
    let (i, _) = kw("exception").parse(i)?;
    let (i, name) = cut(expect(ident, "an exception name")).parse(i)?;
    let (i, _) = cut(expect(sym("{"), "'{'")).parse(i)?;
    let (i, members) = many0(member).parse(i)?;
    let (i, _) = cut(expect(sym("}"), "a member or '}'")).parse(i)?;
    Ok((i, StructDef { name, members }))
}

fn enum_def(i: &str) -> PResult<'_, EnumDef> {
    let (i, _) = kw("enum").parse(i)?;
    let (i, name) = cut(expect(ident, "an enum name")).parse(i)?;
    let (i, _) = cut(expect(sym("{"), "'{'")).parse(i)?;
    let (i, members) = cut(separated_list1(sym(","), expect(ident, "an enumerator"))).parse(i)?;
    let (i, _) = cut(expect(sym("}"), "',' or '}'")).parse(i)?;
    Ok((i, EnumDef { name, members }))
}

fn case_label(i: &str) -> PResult<'_, Label> {
    alt((
        value(
            Label::Default,
            terminated(kw("default"), cut(expect(sym(":"), "':'"))),
        ),
        map(
            delimited(
                kw("case"),
                cut(expect(const_expr, "a case label")),
                cut(expect(sym(":"), "':'")),
            ),
            Label::Expr,
        ),
    ))
    .parse(i)
}

fn union_case(i: &str) -> PResult<'_, Case> {
    let (i, labels) = nom::multi::many1(case_label).parse(i)?;
    let (i, ty) = cut(expect(type_spec, "a type")).parse(i)?;
    let (i, decl) = cut(declarator).parse(i)?;
    let (i, _) = cut(expect(sym(";"), "';'")).parse(i)?;
    Ok((i, Case { labels, ty, decl }))
}

fn union_def(i: &str) -> PResult<'_, UnionDef> {
    let (i, _) = kw("union").parse(i)?;
    let (i, name) = cut(expect(ident, "a union name")).parse(i)?;
    let (i, _) = kw("switch").parse(i)?;
    let (i, _) = cut(expect(sym("("), "'('")).parse(i)?;
    let (i, switch) = cut(expect(type_spec, "a discriminator type")).parse(i)?;
    let (i, _) = cut(expect(sym(")"), "')'")).parse(i)?;
    let (i, _) = cut(expect(sym("{"), "'{'")).parse(i)?;
    let (i, cases) = many0(union_case).parse(i)?;
    let (i, _) = cut(expect(sym("}"), "'case', 'default' or '}'")).parse(i)?;
    Ok((
        i,
        UnionDef {
            name,
            switch,
            cases,
        },
    ))
}

// ---------------------------------------------------------------- definitions

fn semi(i: &str) -> PResult<'_, &str> {
    cut(expect(sym(";"), "';'")).parse(i)
}

fn typedef(i: &str) -> PResult<'_, Definition> {
    let (i, _) = kw("typedef").parse(i)?;
    let (i, ty) = cut(expect(type_spec, "a type")).parse(i)?;
    let (i, declarators) = cut(declarators).parse(i)?;
    Ok((i, Definition::Typedef { ty, declarators }))
}

fn const_dcl(i: &str) -> PResult<'_, Definition> {
    let (i, _) = kw("const").parse(i)?;
    let (i, ty) = cut(expect(type_spec, "a constant type")).parse(i)?;
    let (i, name) = cut(expect(ident, "a constant name")).parse(i)?;
    let (i, _) = cut(expect(sym("="), "'='")).parse(i)?;
    let (i, value) = cut(expect(const_expr, "a constant expression")).parse(i)?;
    Ok((i, Definition::Const(ConstDef { ty, name, value })))
}

fn struct_or_fwd(i: &str) -> PResult<'_, Definition> {
    alt((
        map(struct_def, Definition::Struct),
        map(
            preceded(kw("struct"), cut(expect(ident, "a struct name"))),
            Definition::StructFwd,
        ),
    ))
    .parse(i)
}

fn union_or_fwd(i: &str) -> PResult<'_, Definition> {
    alt((
        map(union_def, Definition::Union),
        map(
            preceded(kw("union"), cut(expect(ident, "a union name"))),
            Definition::UnionFwd,
        ),
    ))
    .parse(i)
}

fn raises(i: &str) -> PResult<'_, Vec<ScopedName>> {
    preceded(
        kw("raises"),
        cut(delimited(
            expect(sym("("), "'('"),
            separated_list1(sym(","), expect(scoped_name, "an exception name")),
            expect(sym(")"), "')'"),
        )),
    )
    .parse(i)
}

fn named_raises<'a>(word: &'static str) -> impl FnMut(&'a str) -> PResult<'a, Vec<ScopedName>> {
    move |i| {
        preceded(
            kw(word),
            cut(delimited(
                expect(sym("("), "'('"),
                separated_list1(sym(","), expect(scoped_name, "an exception name")),
                expect(sym(")"), "')'"),
            )),
        )
        .parse(i)
    }
}

fn param(i: &str) -> PResult<'_, Param> {
    let (i, dir) = expect(
        alt((
            value(ParamDir::InOut, kw("inout")),
            value(ParamDir::In, kw("in")),
            value(ParamDir::Out, kw("out")),
        )),
        "'in', 'out' or 'inout'",
    )
    .parse(i)?;
    let (i, ty) = cut(expect(type_spec, "a parameter type")).parse(i)?;
    let (i, name) = cut(expect(ident, "a parameter name")).parse(i)?;
    Ok((i, Param { dir, ty, name }))
}

fn params(i: &str) -> PResult<'_, Vec<Param>> {
    let (i, _) = sym("(").parse(i)?;
    if let Ok((i, _)) = sym(")").parse(i) {
        return Ok((i, Vec::new()));
    }
    let (i, ps) = cut(separated_list1(sym(","), param)).parse(i)?;
    let (i, _) = cut(expect(sym(")"), "',' or ')'")).parse(i)?;
    Ok((i, ps))
}

fn operation(i: &str) -> PResult<'_, Definition> {
    let (i, oneway) = opt(kw("oneway")).parse(i)?;
    let (i, ret) = alt((value(None, kw("void")), map(type_spec, Some))).parse(i)?;
    let (i, name) = ident(i)?;
    let (i, params) = params(i)?;
    let (i, raises) = opt(raises).parse(i)?;
    let (i, context) = opt(preceded(
        kw("context"),
        cut(delimited(
            expect(sym("("), "'('"),
            separated_list1(sym(","), preceded(ws, string_body)),
            expect(sym(")"), "')'"),
        )),
    ))
    .parse(i)?;
    Ok((
        i,
        Definition::Op(Operation {
            name,
            oneway: oneway.is_some(),
            ret,
            params,
            raises: raises.unwrap_or_default(),
            context: context.unwrap_or_default(),
        }),
    ))
}

fn attribute(i: &str) -> PResult<'_, Definition> {
    let (i, ro) = opt(kw("readonly")).parse(i)?;
    let (i, _) = kw("attribute").parse(i)?;
    let (i, ty) = cut(expect(type_spec, "an attribute type")).parse(i)?;
    let (i, names) = cut(separated_list1(
        sym(","),
        expect(ident, "an attribute name"),
    ))
    .parse(i)?;
    let (i, (get_raises, set_raises)) = if ro.is_some() {
        let (i, r) = opt(raises).parse(i)?;
        (i, (r.unwrap_or_default(), Vec::new()))
    } else {
        let (i, g) = opt(named_raises("getraises")).parse(i)?;
        let (i, s) = opt(named_raises("setraises")).parse(i)?;
        (i, (g.unwrap_or_default(), s.unwrap_or_default()))
    };
    Ok((
        i,
        Definition::Attr(Attribute {
            readonly: ro.is_some(),
            ty,
            names,
            get_raises,
            set_raises,
        }),
    ))
}

fn inheritance(i: &str) -> PResult<'_, Vec<ScopedName>> {
    preceded(
        sym(":"),
        cut(separated_list1(
            sym(","),
            expect(scoped_name, "a base name"),
        )),
    )
    .parse(i)
}

fn interface_kind(i: &str) -> PResult<'_, InterfaceKind> {
    let (i, k) = opt(alt((
        value(InterfaceKind::Abstract, kw("abstract")),
        value(InterfaceKind::Local, kw("local")),
    )))
    .parse(i)?;
    let (i, _) = kw("interface").parse(i)?;
    Ok((i, k.unwrap_or(InterfaceKind::Plain)))
}

fn interface(i: &str) -> PResult<'_, Definition> {
    let (i, kind) = interface_kind(i)?;
    let (i, name) = cut(expect(ident, "an interface name")).parse(i)?;
    let (i, bases) = opt(inheritance).parse(i)?;
    let (i, open) = opt(sym("{")).parse(i)?;
    if open.is_none() {
        if bases.is_some() {
            return Err(nom::Err::Failure(PErr {
                input: i,
                expected: Cow::Borrowed("'{'"),
            }));
        }
        return Ok((i, Definition::InterfaceFwd { name, kind }));
    }
    let (i, body) = body_definitions(export)(i)?;
    let (i, _) = cut(expect(sym("}"), "a declaration or '}'")).parse(i)?;
    Ok((
        i,
        Definition::Interface(Interface {
            kind,
            name,
            bases: bases.unwrap_or_default(),
            body,
        }),
    ))
}

/// What an interface body holds.
fn export(i: &str) -> PResult<'_, Definition> {
    alt((
        terminated(attribute, semi),
        terminated(simple_definition, semi),
        terminated(operation, semi),
    ))
    .parse(i)
}

fn state_member(i: &str) -> PResult<'_, Definition> {
    let (i, public) = alt((value(true, kw("public")), value(false, kw("private")))).parse(i)?;
    let (i, ty) = cut(expect(type_spec, "a member type")).parse(i)?;
    let (i, declarators) = cut(declarators).parse(i)?;
    Ok((
        i,
        Definition::StateMember {
            public,
            ty,
            declarators,
        },
    ))
}

fn factory(i: &str) -> PResult<'_, Definition> {
    let (i, _) = kw("factory").parse(i)?;
    let (i, name) = cut(expect(ident, "a factory name")).parse(i)?;
    let (i, params) = cut(params).parse(i)?;
    let (i, raises) = opt(raises).parse(i)?;
    Ok((
        i,
        Definition::Factory {
            name,
            params,
            raises: raises.unwrap_or_default(),
        },
    ))
}

fn value_element(i: &str) -> PResult<'_, Definition> {
    alt((
        terminated(state_member, semi),
        terminated(factory, semi),
        export,
    ))
    .parse(i)
}

fn valuetype(i: &str) -> PResult<'_, Definition> {
    let (i, modifier) = opt(alt((kw("abstract"), kw("custom")))).parse(i)?;
    let (i, _) = kw("valuetype").parse(i)?;
    let (i, name) = cut(expect(ident, "a value type name")).parse(i)?;
    let is_abstract = modifier == Some("abstract");
    let is_custom = modifier == Some("custom");
    // Forward declaration.
    let (j, ()) = ws(i)?;
    if j.starts_with(';') {
        return Ok((i, Definition::ValueFwd { name, is_abstract }));
    }
    // Value box: a type follows the name.
    if modifier.is_none()
        && !j.starts_with(':')
        && !j.starts_with('{')
        && !j.starts_with("supports")
    {
        let (i, ty) = cut(expect(type_spec, "a boxed type, ':', 'supports' or '{'")).parse(i)?;
        return Ok((i, Definition::ValueBox { name, ty }));
    }
    let (i, inh) = opt(preceded(
        sym(":"),
        cut(pair(
            opt(kw("truncatable")),
            separated_list1(sym(","), expect(scoped_name, "a base value type")),
        )),
    ))
    .parse(i)?;
    let (i, supports) = opt(preceded(
        kw("supports"),
        cut(separated_list1(
            sym(","),
            expect(scoped_name, "an interface name"),
        )),
    ))
    .parse(i)?;
    let (i, _) = cut(expect(sym("{"), "'{'")).parse(i)?;
    let (i, body) = body_definitions(value_element)(i)?;
    let (i, _) = cut(expect(sym("}"), "a value element or '}'")).parse(i)?;
    let (truncatable, bases) = match inh {
        Some((t, b)) => (t.is_some(), b),
        None => (false, Vec::new()),
    };
    Ok((
        i,
        Definition::Value(ValueDef {
            name,
            is_abstract,
            is_custom,
            truncatable,
            bases,
            supports: supports.unwrap_or_default(),
            body,
        }),
    ))
}

fn module(i: &str) -> PResult<'_, Definition> {
    let (i, _) = kw("module").parse(i)?;
    let (i, name) = cut(expect(ident, "a module name")).parse(i)?;
    let (i, _) = cut(expect(sym("{"), "'{'")).parse(i)?;
    let (i, body) = body_definitions(definition)(i)?;
    let (i, _) = cut(expect(sym("}"), "a definition or '}'")).parse(i)?;
    Ok((i, Definition::Module { name, body }))
}

fn type_id_dcl(i: &str) -> PResult<'_, Definition> {
    let (i, _) = kw("typeid").parse(i)?;
    let (i, name) = cut(expect(scoped_name, "a name")).parse(i)?;
    let (i, id) = cut(preceded(ws, expect(string_lit, "a repository id string"))).parse(i)?;
    Ok((i, Definition::TypeId { name, id }))
}

fn type_prefix_dcl(i: &str) -> PResult<'_, Definition> {
    let (i, _) = kw("typeprefix").parse(i)?;
    let (i, name) = cut(expect(scoped_name, "a name")).parse(i)?;
    let (i, prefix) = cut(preceded(ws, expect(string_lit, "a prefix string"))).parse(i)?;
    Ok((i, Definition::TypePrefix { name, prefix }))
}

/// Definitions that may appear both at module level and in interfaces.
fn simple_definition(i: &str) -> PResult<'_, Definition> {
    alt((
        typedef,
        struct_or_fwd,
        union_or_fwd,
        map(enum_def, Definition::Enum),
        map(
            preceded(kw("native"), cut(expect(ident, "a name"))),
            Definition::Native,
        ),
        const_dcl,
        map(except_def, Definition::Except),
        type_id_dcl,
        type_prefix_dcl,
    ))
    .parse(i)
}

/// `<definition>` (module level).
fn definition(i: &str) -> PResult<'_, Definition> {
    alt((
        terminated(simple_definition, semi),
        terminated(module, semi),
        terminated(valuetype, semi),
        terminated(interface, semi),
    ))
    .parse(i)
}

/// A preprocessor line left for the parser: pragmas and file markers.
fn directive(i: &str) -> PResult<'_, Definition> {
    let (i, ()) = ws(i)?;
    let at = i.len();
    let (i, _) = ch('#').parse(i)?;
    let line_end = i.find('\n').unwrap_or(i.len());
    let (line, rest) = i.split_at(line_end);
    let fail = |what: &'static str| {
        nom::Err::Failure(PErr {
            input: line,
            expected: Cow::Borrowed(what),
        })
    };
    let pragma = if let Some(n) = line.strip_prefix("file ") {
        Pragma::FileEnter(n.trim().parse().map_err(|_| fail("a file index"))?)
    } else if line.trim() == "endfile" {
        Pragma::FileExit
    } else if let Some(p) = line.strip_prefix("pragma") {
        let (p, word) = preceded(ws, raw_word)
            .parse(p)
            .map_err(|_| fail("a pragma name"))?;
        match word {
            "prefix" => {
                let (_, s) = preceded(ws, string_lit)
                    .parse(p)
                    .map_err(|_| fail("a prefix string after #pragma prefix"))?;
                Pragma::Prefix(s)
            }
            "ID" => {
                let (p, n) = scoped_name(p).map_err(|_| fail("a name after #pragma ID"))?;
                let (_, s) = preceded(ws, string_lit)
                    .parse(p)
                    .map_err(|_| fail("a repository id string"))?;
                Pragma::Id(n, s)
            }
            "version" => {
                let (p, n) = scoped_name(p).map_err(|_| fail("a name after #pragma version"))?;
                let (_, (maj, _, min)) = preceded(ws, (digit1, ch('.'), digit1))
                    .parse(p)
                    .map_err(|_| fail("a version major.minor"))?;
                Pragma::Version(
                    n,
                    maj.parse().map_err(|_| fail("a 16-bit major version"))?,
                    min.parse().map_err(|_| fail("a 16-bit minor version"))?,
                )
            }
            _ => return Err(fail("#pragma prefix, ID or version")),
        }
    } else {
        return Err(fail("a preprocessor line"));
    };
    Ok((rest, Definition::Pragma { pragma, at }))
}

/// Definitions with pragmas and file markers between them.
fn body_definitions<'a>(
    item: fn(&'a str) -> PResult<'a, Definition>,
) -> impl FnMut(&'a str) -> PResult<'a, Vec<Definition>> {
    move |i| {
        let _nest = Nest::enter(i)?;
        many0(alt((directive, item))).parse(i)
    }
}

/// Parses a whole preprocessed text. Positions in the tree are bytes to the
/// end of `text`; the error carries the offset where parsing failed and
/// what was expected there.
pub fn parse_text(text: &str) -> Result<Specification, (usize, String)> {
    let res = body_definitions(definition)(text);
    let (rest, definitions) = match res {
        Ok(r) => r,
        Err(nom::Err::Error(e)) | Err(nom::Err::Failure(e)) => {
            return Err((error_offset(text, &e), message(&e)))
        }
        Err(nom::Err::Incomplete(_)) => return Err((text.len(), "unexpected end of input".into())),
    };
    let (rest, ()) = ws(rest).map_err(|_| (text.len(), String::new()))?;
    if !rest.is_empty() {
        // Re-run the failing definition to get its error.
        let msg = match definition(rest) {
            Err(nom::Err::Error(e)) | Err(nom::Err::Failure(e)) => {
                return Err((error_offset(text, &e), message(&e)))
            }
            _ => "expected a definition".to_owned(),
        };
        return Err((text.len() - rest.len(), msg));
    }
    Ok(Specification { definitions })
}

/// Where to point at: a missing `;` is reported right after the token it
/// should follow, not at the next line's first token.
fn error_offset(text: &str, e: &PErr<'_>) -> usize {
    let at = text.len() - e.input.len();
    if e.expected.starts_with("';'") {
        let before = text[..at].trim_end();
        if !before.is_empty() {
            return before.len();
        }
    }
    at
}

fn message(e: &PErr<'_>) -> String {
    let found: String = e
        .input
        .chars()
        .take_while(|c| !c.is_whitespace())
        .take(20)
        .collect();
    let found = if found.is_empty() {
        if e.input.is_empty() {
            "end of input".to_owned()
        } else {
            "end of line".to_owned()
        }
    } else {
        format!("'{found}'")
    };
    if e.expected.is_empty() {
        format!("syntax error at {found}")
    } else {
        format!("expected {}, found {found}", e.expected)
    }
}
