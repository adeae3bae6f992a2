//! A preprocessor-lite for IDL, enough for real IDL files: comments,
//! line continuations, `#include "..."`/`<...>` with include paths,
//! object-like `#define`/`#undef`, `#ifdef`/`#ifndef`/`#if`/`#elif`/
//! `#else`/`#endif` (with `defined`, integer arithmetic, comparisons and
//! logic), `#error`, and the pragmas that change repository ids
//! (`#pragma prefix`, `#pragma ID`, `#pragma version`), which are passed on
//! to the parser in place. Other pragmas (`#pragma hh`, `#pragma javaPackage`)
//! are dropped, as other IDL compilers do with pragmas they do not know.
//!
//! The output is one text in which each `#include` is replaced by a
//! `#file N` line, the included text and an `#endfile` line, so that the
//! parser can reset and restore the prefix at file boundaries as the spec
//! requires. Comments become spaces, so columns are kept; every output line
//! maps back to a file and line for error messages.

use crate::error::{Error, Location, Result};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// Preprocessor settings.
#[derive(Clone, Debug)]
pub struct Options {
    /// Directories searched for `#include`, in order.
    pub include_dirs: Vec<PathBuf>,
    /// Predefined macros (name, value; an empty value defines the name only).
    pub defines: Vec<(String, String)>,
    /// Skip an `#include` whose file is not found instead of failing (for
    /// syntax checks of files whose includes are not installed).
    pub allow_missing_includes: bool,
}

impl Default for Options {
    /// No include directories; `__OMNIIDL__` defined, as omniidl's
    /// preprocessor does, so that files written for omniidl (the CORBA
    /// services in omniORB's IDL directory) see the same text.
    fn default() -> Self {
        Options {
            include_dirs: Vec::new(),
            defines: vec![("__OMNIIDL__".to_owned(), String::new())],
            allow_missing_includes: false,
        }
    }
}

impl Options {
    pub fn include_dir(mut self, dir: impl Into<PathBuf>) -> Self {
        self.include_dirs.push(dir.into());
        self
    }
    pub fn define(mut self, name: &str, value: &str) -> Self {
        self.defines.push((name.to_owned(), value.to_owned()));
        self
    }
}

/// One source file as read.
#[derive(Clone, Debug)]
pub struct SourceFile {
    pub path: PathBuf,
    pub text: String,
    /// Where this file was included from (file index, 1-based line).
    pub included_from: Option<(usize, u32)>,
}

impl SourceFile {
    fn line(&self, line: u32) -> String {
        self.text
            .lines()
            .nth(line.saturating_sub(1) as usize)
            .unwrap_or("")
            .to_owned()
    }
}

/// The preprocessed text and the map back to the sources.
#[derive(Clone, Debug)]
pub struct Expanded {
    pub text: String,
    pub files: Vec<SourceFile>,
    line_starts: Vec<usize>,
    /// For every output line: (file index, 1-based line).
    origins: Vec<(usize, u32)>,
}

impl Expanded {
    /// The location of byte `offset` of the expanded text.
    pub fn locate(&self, offset: usize) -> Location {
        let idx = match self.line_starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1),
        };
        let (file, line) = self.origins.get(idx).copied().unwrap_or((0, 1));
        let start = self.line_starts.get(idx).copied().unwrap_or(0);
        let col_text = self
            .text
            .get(start..offset.min(self.text.len()))
            .unwrap_or("");
        let f = &self.files[file];
        Location {
            file: f.path.clone(),
            line,
            column: col_text.chars().count() as u32 + 1,
            source_line: f.line(line),
        }
    }

    /// An error at byte `offset` of the expanded text, with its include chain.
    pub fn error_at(&self, offset: usize, message: impl Into<String>) -> Error {
        let loc = self.locate(offset);
        let idx = match self.line_starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1),
        };
        let file = self.origins.get(idx).map(|o| o.0).unwrap_or(0);
        let mut e = Error::at(message, loc);
        e.included_from = self.include_chain(file);
        e
    }

    fn include_chain(&self, mut file: usize) -> Vec<Location> {
        let mut chain = Vec::new();
        while let Some((parent, line)) = self.files[file].included_from {
            let f = &self.files[parent];
            chain.push(Location {
                file: f.path.clone(),
                line,
                column: 1,
                source_line: f.line(line),
            });
            file = parent;
        }
        chain.reverse();
        chain
    }
}

const MAX_INCLUDE_DEPTH: usize = 64;
const MAX_MACRO_DEPTH: usize = 32;
const MAX_EXPANDED_LINE: usize = 1 << 16;
/// Nesting of `#if` expressions (parentheses, unary operators, macros).
const MAX_IF_DEPTH: usize = 64;

struct Pp<'o> {
    opts: &'o Options,
    macros: HashMap<String, String>,
    out: String,
    line_starts: Vec<usize>,
    origins: Vec<(usize, u32)>,
    files: Vec<SourceFile>,
}

struct Cond {
    /// This branch is being emitted.
    active: bool,
    /// Some branch of this conditional has been taken.
    taken: bool,
    /// The enclosing conditional is active.
    parent_active: bool,
    seen_else: bool,
    line: u32,
}

/// Preprocesses the file at `path`.
pub fn preprocess_file(path: &Path, opts: &Options) -> Result<Expanded> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| Error::new(format!("cannot read {}: {e}", path.display())))?;
    preprocess_str(path, &text, opts)
}

/// Preprocesses `text` as if it were the file `name`.
pub fn preprocess_str(name: &Path, text: &str, opts: &Options) -> Result<Expanded> {
    let mut pp = Pp {
        opts,
        macros: opts.defines.iter().cloned().collect(),
        out: String::with_capacity(text.len() + 64),
        line_starts: Vec::new(),
        origins: Vec::new(),
        files: Vec::new(),
    };
    pp.files.push(SourceFile {
        path: name.to_path_buf(),
        text: text.to_owned(),
        included_from: None,
    });
    pp.process(0, 0)?;
    Ok(Expanded {
        text: pp.out,
        files: pp.files,
        line_starts: pp.line_starts,
        origins: pp.origins,
    })
}

impl Pp<'_> {
    fn emit(&mut self, file: usize, line: u32, text: &str) {
        self.line_starts.push(self.out.len());
        self.origins.push((file, line));
        self.out.push_str(text);
        self.out.push('\n');
    }

    fn err(&self, file: usize, line: u32, column: u32, msg: impl Into<String>) -> Error {
        let f = &self.files[file];
        let mut e = Error::at(
            msg,
            Location {
                file: f.path.clone(),
                line,
                column,
                source_line: f.line(line),
            },
        );
        let mut chain = Vec::new();
        let mut cur = file;
        while let Some((parent, pline)) = self.files[cur].included_from {
            let pf = &self.files[parent];
            chain.push(Location {
                file: pf.path.clone(),
                line: pline,
                column: 1,
                source_line: pf.line(pline),
            });
            cur = parent;
        }
        chain.reverse();
        e.included_from = chain;
        e
    }

    fn process(&mut self, file: usize, depth: usize) -> Result<()> {
        let stripped = strip_comments(&self.files[file].text)
            .map_err(|(line, col, msg)| self.err(file, line, col, msg))?;
        let mut lines: Vec<&str> = stripped.split('\n').collect();
        if stripped.ends_with('\n') {
            lines.pop();
        }
        let mut conds: Vec<Cond> = Vec::new();
        let mut i = 0;
        while i < lines.len() {
            let lineno = (i + 1) as u32;
            // Line continuations: join, and emit blank lines for the rest.
            let mut joined = String::new();
            let mut extra = 0;
            let mut cur = lines[i].trim_end_matches('\r');
            while let Some(body) = cur.strip_suffix('\\') {
                joined.push_str(body);
                extra += 1;
                if i + extra >= lines.len() {
                    cur = "";
                    break;
                }
                cur = lines[i + extra].trim_end_matches('\r');
            }
            joined.push_str(cur);
            let line = joined;
            let active = conds.last().is_none_or(|c| c.active);
            let trimmed = line.trim_start();
            if let Some(rest) = trimmed.strip_prefix('#') {
                let col = (line.len() - trimmed.len() + 1) as u32;
                let rest = rest.trim_start();
                let (name, args) = split_word(rest);
                let args = args.trim();
                match name {
                    "ifdef" | "ifndef" => {
                        let (m, _) = split_word(args);
                        let defined = self.macros.contains_key(m);
                        let take = if name == "ifdef" { defined } else { !defined };
                        conds.push(Cond {
                            active: active && take,
                            taken: take,
                            parent_active: active,
                            seen_else: false,
                            line: lineno,
                        });
                        self.emit(file, lineno, "");
                    }
                    "if" => {
                        let take = if active {
                            self.eval_if(args)
                                .map_err(|m| self.err(file, lineno, col, m))?
                                != 0
                        } else {
                            false
                        };
                        conds.push(Cond {
                            active: active && take,
                            taken: take,
                            parent_active: active,
                            seen_else: false,
                            line: lineno,
                        });
                        self.emit(file, lineno, "");
                    }
                    "elif" => {
                        let Some(c) = conds.last() else {
                            return Err(self.err(file, lineno, col, "#elif without #if"));
                        };
                        if c.seen_else {
                            return Err(self.err(file, lineno, col, "#elif after #else"));
                        }
                        let take = if c.parent_active && !c.taken {
                            self.eval_if(args)
                                .map_err(|m| self.err(file, lineno, col, m))?
                                != 0
                        } else {
                            false
                        };
                        let c = conds.last_mut().expect("checked above");
                        c.active = c.parent_active && take;
                        c.taken |= take;
                        self.emit(file, lineno, "");
                    }
                    "else" => {
                        let Some(c) = conds.last_mut() else {
                            return Err(self.err(file, lineno, col, "#else without #if"));
                        };
                        if c.seen_else {
                            return Err(self.err(file, lineno, col, "second #else"));
                        }
                        c.seen_else = true;
                        c.active = c.parent_active && !c.taken;
                        c.taken = true;
                        self.emit(file, lineno, "");
                    }
                    "endif" => {
                        if conds.pop().is_none() {
                            return Err(self.err(file, lineno, col, "#endif without #if"));
                        }
                        self.emit(file, lineno, "");
                    }
                    _ if !active => self.emit(file, lineno, ""),
                    "define" => {
                        let (m, body) = split_ident(args);
                        if m.is_empty() {
                            return Err(self.err(file, lineno, col, "#define without a name"));
                        }
                        // Function-like macros are recorded as defined (for
                        // #ifdef) but not expanded.
                        let body = if body.starts_with('(') {
                            String::new()
                        } else {
                            body.trim().to_owned()
                        };
                        self.macros.insert(m.to_owned(), body);
                        self.emit(file, lineno, "");
                    }
                    "undef" => {
                        let (m, _) = split_word(args);
                        self.macros.remove(m);
                        self.emit(file, lineno, "");
                    }
                    "include" => {
                        let target = self.parse_include(args).ok_or_else(|| {
                            self.err(
                                file,
                                lineno,
                                col,
                                "expected \"file\" or <file> after #include",
                            )
                        })?;
                        if depth >= MAX_INCLUDE_DEPTH {
                            return Err(self.err(file, lineno, col, "#include nested too deeply"));
                        }
                        let Some(path) = self.resolve_include(file, &target.0, target.1) else {
                            if self.opts.allow_missing_includes {
                                self.emit(file, lineno, "");
                                i += 1 + extra;
                                for k in 1..=extra {
                                    self.emit(file, lineno + k as u32, "");
                                }
                                continue;
                            }
                            return Err(self.err(
                                file,
                                lineno,
                                col,
                                format!("cannot find include file {:?}", target.0),
                            ));
                        };
                        let text = std::fs::read_to_string(&path).map_err(|e| {
                            self.err(
                                file,
                                lineno,
                                col,
                                format!("cannot read {}: {e}", path.display()),
                            )
                        })?;
                        let idx = self.files.len();
                        self.files.push(SourceFile {
                            path,
                            text,
                            included_from: Some((file, lineno)),
                        });
                        self.emit(file, lineno, &format!("#file {idx}"));
                        self.process(idx, depth + 1)?;
                        self.emit(file, lineno, "#endfile");
                    }
                    "pragma" => {
                        let (p, _) = split_word(args);
                        if matches!(p, "prefix" | "ID" | "version") {
                            self.emit(file, lineno, &format!("#pragma {args}"));
                        } else {
                            self.emit(file, lineno, "");
                        }
                    }
                    "error" => {
                        return Err(self.err(file, lineno, col, format!("#error {args}")));
                    }
                    "warning" | "line" | "ident" | "" => self.emit(file, lineno, ""),
                    other => {
                        return Err(self.err(
                            file,
                            lineno,
                            col,
                            format!("unknown preprocessor directive #{other}"),
                        ))
                    }
                }
            } else if active {
                let expanded = self.expand(&line, 0);
                self.emit(file, lineno, &expanded);
            } else {
                self.emit(file, lineno, "");
            }
            for k in 1..=extra {
                self.emit(file, lineno + k as u32, "");
            }
            i += 1 + extra;
        }
        if let Some(c) = conds.last() {
            return Err(self.err(file, c.line, 1, "#if/#ifdef/#ifndef without #endif"));
        }
        Ok(())
    }

    /// `"name"` (quoted: true) or `<name>`.
    fn parse_include(&self, args: &str) -> Option<(String, bool)> {
        let args = if args.starts_with('"') || args.starts_with('<') {
            args.to_owned()
        } else {
            self.expand(args, 0).trim().to_owned()
        };
        if let Some(r) = args.strip_prefix('"') {
            let end = r.find('"')?;
            Some((r[..end].to_owned(), true))
        } else if let Some(r) = args.strip_prefix('<') {
            let end = r.find('>')?;
            Some((r[..end].to_owned(), false))
        } else {
            None
        }
    }

    fn resolve_include(&self, from: usize, name: &str, quoted: bool) -> Option<PathBuf> {
        let p = Path::new(name);
        if p.is_absolute() {
            return p.is_file().then(|| p.to_path_buf());
        }
        let here = self.files[from]
            .path
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_default();
        let mut dirs: Vec<PathBuf> = Vec::new();
        if quoted {
            dirs.push(here.clone());
        }
        dirs.extend(self.opts.include_dirs.iter().cloned());
        if !quoted {
            dirs.push(here);
        }
        dirs.into_iter().map(|d| d.join(p)).find(|c| c.is_file())
    }

    /// Replaces identifiers that are object-like macros with a value.
    fn expand(&self, line: &str, depth: usize) -> String {
        // Self-referring macros stop at a depth, and growing ones at a size.
        if depth >= MAX_MACRO_DEPTH
            || line.len() > MAX_EXPANDED_LINE
            || !self.macros.values().any(|v| !v.is_empty())
        {
            return line.to_owned();
        }
        let mut out = String::with_capacity(line.len());
        let mut chars = line.char_indices().peekable();
        let mut changed = false;
        while let Some((i, c)) = chars.next() {
            if c == '"' || c == '\'' {
                out.push(c);
                while let Some((_, d)) = chars.next() {
                    out.push(d);
                    if d == '\\' {
                        if let Some((_, e)) = chars.next() {
                            out.push(e);
                        }
                    } else if d == c {
                        break;
                    }
                }
            } else if c.is_ascii_alphabetic() || c == '_' {
                let mut end = i + c.len_utf8();
                while let Some(&(j, d)) = chars.peek() {
                    if d.is_ascii_alphanumeric() || d == '_' {
                        end = j + d.len_utf8();
                        chars.next();
                    } else {
                        break;
                    }
                }
                let word = &line[i..end];
                match self.macros.get(word) {
                    Some(v) if !v.is_empty() => {
                        out.push_str(v);
                        changed = true;
                    }
                    _ => out.push_str(word),
                }
            } else if c.is_ascii_digit() {
                // Numbers (with suffixes such as 10L or 0x1F) are not names.
                out.push(c);
                while let Some(&(_, d)) = chars.peek() {
                    if d.is_ascii_alphanumeric() || d == '.' {
                        out.push(d);
                        chars.next();
                    } else {
                        break;
                    }
                }
            } else {
                out.push(c);
            }
        }
        if changed {
            self.expand(&out, depth + 1)
        } else {
            out
        }
    }

    fn eval_if(&self, expr: &str) -> core::result::Result<i64, String> {
        self.eval_if_at(expr, 0)
    }

    fn eval_if_at(&self, expr: &str, depth: usize) -> core::result::Result<i64, String> {
        let toks = if_tokens(expr)?;
        let mut p = IfParser {
            toks: &toks,
            pos: 0,
            pp: self,
            depth,
        };
        let v = p.binary(0)?;
        if p.pos != toks.len() {
            return Err(format!("unexpected {:?} in #if expression", toks[p.pos]));
        }
        Ok(v)
    }
}

fn split_word(s: &str) -> (&str, &str) {
    let s = s.trim_start();
    let end = s
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .unwrap_or(s.len());
    (&s[..end], &s[end..])
}

/// A macro name and what follows it (without skipping the space, so that
/// `F(x)` can be told from `F (x)`).
fn split_ident(s: &str) -> (&str, &str) {
    split_word(s)
}

/// Replaces comments by spaces (newlines kept), leaving string and character
/// literals alone. Errors give (line, column, message).
fn strip_comments(text: &str) -> core::result::Result<String, (u32, u32, String)> {
    let b = text.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    let mut line = 1u32;
    let mut line_start = 0usize;
    while i < b.len() {
        let c = b[i];
        if c == b'/' && b.get(i + 1) == Some(&b'/') {
            while i < b.len() && b[i] != b'\n' {
                out.push(b' ');
                i += 1;
            }
        } else if c == b'/' && b.get(i + 1) == Some(&b'*') {
            let (sl, sc) = (line, (i - line_start + 1) as u32);
            out.extend_from_slice(b"  ");
            i += 2;
            loop {
                if i >= b.len() {
                    return Err((sl, sc, "unterminated /* comment".to_owned()));
                }
                if b[i] == b'*' && b.get(i + 1) == Some(&b'/') {
                    out.extend_from_slice(b"  ");
                    i += 2;
                    break;
                }
                if b[i] == b'\n' {
                    out.push(b'\n');
                    line += 1;
                    line_start = i + 1;
                } else if b[i] == b'\t' {
                    out.push(b'\t');
                } else if b[i] < 0x80 || b[i] >= 0xC0 {
                    // One space per character (not per UTF-8 byte), so
                    // columns count characters.
                    out.push(b' ');
                }
                i += 1;
            }
        } else if c == b'"' || c == b'\'' {
            out.push(c);
            i += 1;
            while i < b.len() && b[i] != c && b[i] != b'\n' {
                if b[i] == b'\\' && i + 1 < b.len() && b[i + 1] != b'\n' {
                    out.push(b[i]);
                    i += 1;
                }
                out.push(b[i]);
                i += 1;
            }
            if i < b.len() && b[i] == c {
                out.push(c);
                i += 1;
            }
        } else {
            if c == b'\n' {
                line += 1;
                line_start = i + 1;
            }
            out.push(c);
            i += 1;
        }
    }
    // Only ASCII bytes were replaced, and whole characters inside comments,
    // so the result is valid UTF-8.
    String::from_utf8(out).map_err(|_| (line, 1, "invalid UTF-8 after comment removal".to_owned()))
}

#[derive(Clone, Debug, PartialEq)]
enum IfTok {
    Num(i64),
    Ident(String),
    Op(&'static str),
}

fn if_tokens(s: &str) -> core::result::Result<Vec<IfTok>, String> {
    const OPS: [&str; 22] = [
        "&&", "||", "==", "!=", "<=", ">=", "<<", ">>", "(", ")", "!", "<", ">", "+", "-", "*",
        "/", "%", "~", "&", "|", "^",
    ];
    let mut toks = Vec::new();
    let b = s.as_bytes();
    let mut i = 0;
    'outer: while i < b.len() {
        let c = b[i];
        if c.is_ascii_whitespace() {
            i += 1;
        } else if c.is_ascii_digit() {
            let start = i;
            while i < b.len() && b[i].is_ascii_alphanumeric() {
                i += 1;
            }
            let lit = s[start..i].trim_end_matches(['u', 'U', 'l', 'L']);
            let v = if let Some(h) = lit.strip_prefix("0x").or_else(|| lit.strip_prefix("0X")) {
                i64::from_str_radix(h, 16)
            } else if lit.len() > 1 && lit.starts_with('0') {
                i64::from_str_radix(&lit[1..], 8)
            } else {
                lit.parse()
            };
            toks.push(IfTok::Num(
                v.map_err(|_| format!("bad number {lit:?} in #if"))?,
            ));
        } else if c.is_ascii_alphabetic() || c == b'_' {
            let start = i;
            while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'_') {
                i += 1;
            }
            toks.push(IfTok::Ident(s[start..i].to_owned()));
        } else {
            for op in OPS {
                if s[i..].starts_with(op) {
                    toks.push(IfTok::Op(op));
                    i += op.len();
                    continue 'outer;
                }
            }
            return Err(format!("unexpected character {:?} in #if", c as char));
        }
    }
    Ok(toks)
}

/// The binary operators of `#if`, loosest first, with C's precedence and
/// left associativity (C11 §6.5.5-§6.5.14, which C++ and IDL preprocessing
/// follow). Both operands of `&&` and `||` are evaluated: `#if` has no side
/// effects, only errors such as a division by zero.
const BINARY_LEVELS: [&[&str]; 10] = [
    &["||"],
    &["&&"],
    &["|"],
    &["^"],
    &["&"],
    &["==", "!="],
    &["<=", ">=", "<", ">"],
    &["<<", ">>"],
    &["+", "-"],
    &["*", "/", "%"],
];

fn apply_binary(op: &str, l: i64, r: i64) -> core::result::Result<i64, String> {
    Ok(match op {
        "||" => i64::from(l != 0 || r != 0),
        "&&" => i64::from(l != 0 && r != 0),
        "|" => l | r,
        "^" => l ^ r,
        "&" => l & r,
        "==" => i64::from(l == r),
        "!=" => i64::from(l != r),
        "<=" => i64::from(l <= r),
        ">=" => i64::from(l >= r),
        "<" => i64::from(l < r),
        ">" => i64::from(l > r),
        "<<" => l.wrapping_shl(r as u32),
        ">>" => l.wrapping_shr(r as u32),
        "+" => l.wrapping_add(r),
        "-" => l.wrapping_sub(r),
        "*" => l.wrapping_mul(r),
        "/" | "%" if r == 0 => return Err("division by zero in #if".to_owned()),
        "/" => l.wrapping_div(r),
        "%" => l.wrapping_rem(r),
        _ => return Err(format!("operator {op} is not binary in #if")),
    })
}

struct IfParser<'t, 'p, 'o> {
    toks: &'t [IfTok],
    pos: usize,
    pp: &'p Pp<'o>,
    depth: usize,
}

impl IfParser<'_, '_, '_> {
    fn peek_op(&self) -> Option<&'static str> {
        match self.toks.get(self.pos) {
            Some(IfTok::Op(o)) => Some(o),
            _ => None,
        }
    }
    fn eat(&mut self, op: &str) -> bool {
        if self.peek_op() == Some(op) {
            self.pos += 1;
            true
        } else {
            false
        }
    }
    /// Precedence climbing over [`BINARY_LEVELS`]: the operands of level
    /// `level` are expressions of the tighter levels. The recursion is
    /// bounded by the number of levels; parentheses re-enter through
    /// `unary`, which counts depth.
    fn binary(&mut self, level: usize) -> core::result::Result<i64, String> {
        let Some(ops) = BINARY_LEVELS.get(level) else {
            return self.unary();
        };
        let mut v = self.binary(level + 1)?;
        while let Some(op) = self.peek_op().filter(|o| ops.contains(o)) {
            self.pos += 1;
            let r = self.binary(level + 1)?;
            v = apply_binary(op, v, r)?;
        }
        Ok(v)
    }
    fn unary(&mut self) -> core::result::Result<i64, String> {
        self.depth += 1;
        if self.depth > MAX_IF_DEPTH {
            return Err("#if expression nested too deeply".to_owned());
        }
        let r = if self.eat("!") {
            Ok(i64::from(self.unary()? == 0))
        } else if self.eat("-") {
            Ok(self.unary()?.wrapping_neg())
        } else if self.eat("+") {
            self.unary()
        } else if self.eat("~") {
            Ok(!self.unary()?)
        } else {
            self.primary()
        };
        self.depth -= 1;
        r
    }
    fn primary(&mut self) -> core::result::Result<i64, String> {
        match self.toks.get(self.pos).cloned() {
            Some(IfTok::Num(n)) => {
                self.pos += 1;
                Ok(n)
            }
            Some(IfTok::Ident(id)) if id == "defined" => {
                self.pos += 1;
                let paren = self.eat("(");
                let name = match self.toks.get(self.pos) {
                    Some(IfTok::Ident(n)) => n.clone(),
                    _ => return Err("expected a name after defined".to_owned()),
                };
                self.pos += 1;
                if paren && !self.eat(")") {
                    return Err("expected ')' after defined(NAME".to_owned());
                }
                Ok(i64::from(self.pp.macros.contains_key(&name)))
            }
            Some(IfTok::Ident(id)) => {
                self.pos += 1;
                // A macro's value, when it is a number; any other name is 0.
                let v = self.pp.macros.get(&id).cloned().unwrap_or_default();
                if v.is_empty() || self.depth >= MAX_IF_DEPTH {
                    return Ok(0);
                }
                Ok(self.pp.eval_if_at(&v, self.depth + 1).unwrap_or(0))
            }
            Some(IfTok::Op("(")) => {
                self.pos += 1;
                let v = self.binary(0)?;
                if !self.eat(")") {
                    return Err("expected ')' in #if expression".to_owned());
                }
                Ok(v)
            }
            Some(t) => Err(format!("unexpected {t:?} in #if expression")),
            None => Err("#if expression ends too early".to_owned()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pp(src: &str) -> String {
        preprocess_str(Path::new("t.idl"), src, &Options::default())
            .unwrap()
            .text
    }

    #[test]
    fn comments_become_spaces_and_keep_columns() {
        let out = pp("a /* x\ny */ b // c\nd");
        assert_eq!(out, "a     \n     b     \nd\n");
    }

    #[test]
    fn conditionals_and_defines() {
        let src = "#define A 2\n#if A > 1 && defined(__OMNIIDL__)\nyes\n#else\nno\n#endif\n#ifdef B\nb\n#elif A == 2\nelif\n#endif\nA\n";
        let out = pp(src);
        assert!(out.contains("yes"));
        assert!(!out.contains("no"));
        assert!(out.contains("elif"));
        assert!(!out.contains("\nb\n"));
        assert!(out.contains("\n2\n"), "{out:?}");
    }

    /// Each line is true only under C's precedence and left associativity;
    /// the last is false, so a parser that accepted anything would fail.
    #[test]
    fn if_expressions_follow_c_precedence() {
        let holds = |e: &str| {
            let src = format!("#if {e}\nT\n#else\nF\n#endif\n");
            let out = pp(&src);
            assert!(out.contains('T') != out.contains('F'), "{e}: {out:?}");
            out.contains('T')
        };
        assert!(holds("1 + 2 * 3 == 7"));
        assert!(holds("10 - 2 - 3 == 5"));
        assert!(holds("1 << 2 + 1 == 8"));
        assert!(holds("(1 | 2 ^ 3 & 1) == 3"));
        assert!(holds("2 < 3 == 1"));
        assert!(holds("-2 * 3 == -6 && 7 % 4 == 3 && 9 / 2 == 4"));
        assert!(!holds("0 || 1 && 0"));
        let e = preprocess_str(
            Path::new("t.idl"),
            "#if 1 / 0\n#endif\n",
            &Options::default(),
        )
        .unwrap_err();
        assert!(e.to_string().contains("division by zero"), "{e}");
    }

    #[test]
    fn unterminated_conditional_is_an_error() {
        let e =
            preprocess_str(Path::new("t.idl"), "\n#ifdef X\n", &Options::default()).unwrap_err();
        assert_eq!(e.line(), Some(2));
    }

    #[test]
    fn pragmas_kept_and_unknown_dropped() {
        let out = pp("#pragma prefix \"a.b\"\n#pragma hh #include \"x\"\n");
        assert_eq!(out, "#pragma prefix \"a.b\"\n\n");
    }

    #[test]
    fn locate_maps_back() {
        let e = preprocess_str(Path::new("t.idl"), "x\n  y\n", &Options::default()).unwrap();
        let off = e.text.find('y').unwrap();
        let loc = e.locate(off);
        assert_eq!((loc.line, loc.column), (2, 3));
        assert_eq!(loc.source_line, "  y");
    }
}
