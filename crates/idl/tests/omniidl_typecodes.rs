//! Our TypeCodes against omniidl's: `omniidl -bcxx -Wba` writes, in
//! `<name>DynSK.cc`, the TypeCode of every type of an IDL file as C++ calls
//! (`CORBA::TypeCode::PR_struct_tc("IDL:...", "Name", members, n, ...)`).
//! This test reads those calls back into `corba_typecode::TypeCode`s and
//! checks that every one equals ours for the same repository id (kinds,
//! ids, names, member names and types, labels, default index, bounds), and
//! that every type declared in the file has one. It runs on the corpus IDL,
//! `tests/idl/ids.idl` (repository id pragmas and the rest of the grammar),
//! bench-types' coverage IDL and every file of Debian's omniorb-idl that
//! omniidl accepts. Skipped with a message when `omniidl` is not installed
//! (CI installs it).

use corba_idl::{DeclKind, Options, Repository};
use corba_typecode::{
    StructMember, TCKind, TypeCode, TypeDesc, UnionMember, ValueMember, ValueModifier, Visibility,
};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Command;

const OMNI_DIR: &str = "/usr/share/idl/omniORB";

#[derive(Clone, Debug, PartialEq)]
enum Ex {
    Call(String, Vec<Ex>),
    Str(String),
    Num(i128),
    Name(String),
    Braces(Vec<Ex>),
}

#[derive(Clone, Debug, PartialEq)]
enum Tok {
    Ident(String),
    Str(String),
    Num(i128),
    Punct(char),
}

fn tokenize(src: &str) -> Vec<Tok> {
    let mut toks = Vec::new();
    for line in src.lines() {
        let t = line.trim_start();
        if t.starts_with('#') || t.starts_with("//") {
            continue;
        }
        let b: Vec<char> = line.chars().collect();
        let mut i = 0;
        while i < b.len() {
            let c = b[i];
            if c.is_whitespace() {
                i += 1;
            } else if c == '/' && b.get(i + 1) == Some(&'/') {
                break;
            } else if c == '"' {
                let mut s = String::new();
                i += 1;
                while i < b.len() && b[i] != '"' {
                    if b[i] == '\\' {
                        i += 1;
                    }
                    s.push(b[i]);
                    i += 1;
                }
                i += 1;
                toks.push(Tok::Str(s));
            } else if c == '\'' {
                // 'a', '\n', '\012', '\x0a'
                let mut j = i + 1;
                let v = if b[j] == '\\' {
                    j += 1;
                    match b[j] {
                        'n' => 10,
                        't' => 9,
                        'r' => 13,
                        'x' => {
                            let mut v = 0;
                            j += 1;
                            while b[j].is_ascii_hexdigit() {
                                v = v * 16 + b[j].to_digit(16).unwrap() as i128;
                                j += 1;
                            }
                            j -= 1;
                            v
                        }
                        d if d.is_digit(8) => {
                            let mut v = 0;
                            while b[j].is_digit(8) {
                                v = v * 8 + b[j].to_digit(8).unwrap() as i128;
                                j += 1;
                            }
                            j -= 1;
                            v
                        }
                        other => other as i128,
                    }
                } else {
                    b[j] as i128
                };
                i = j + 2;
                toks.push(Tok::Num(v));
            } else if c.is_ascii_digit() {
                let start = i;
                while i < b.len() && (b[i].is_ascii_alphanumeric()) {
                    i += 1;
                }
                let text: String = b[start..i].iter().collect();
                let text = text.trim_end_matches(['U', 'L', 'u', 'l']);
                let v = if let Some(h) = text.strip_prefix("0x") {
                    i128::from_str_radix(h, 16).unwrap()
                } else {
                    text.parse().unwrap_or(0)
                };
                toks.push(Tok::Num(v));
            } else if c.is_ascii_alphabetic()
                || c == '_'
                || (c == ':' && b.get(i + 1) == Some(&':'))
            {
                let start = i;
                while i < b.len()
                    && (b[i].is_ascii_alphanumeric()
                        || b[i] == '_'
                        || (b[i] == ':' && b.get(i + 1) == Some(&':')))
                {
                    i += if b[i] == ':' { 2 } else { 1 };
                }
                toks.push(Tok::Ident(
                    b[start..i]
                        .iter()
                        .collect::<String>()
                        .trim_start_matches("::")
                        .to_owned(),
                ));
            } else {
                toks.push(Tok::Punct(c));
                i += 1;
            }
        }
    }
    toks
}

struct P<'t> {
    t: &'t [Tok],
    i: usize,
}

impl P<'_> {
    fn punct(&mut self, c: char) -> bool {
        if self.t.get(self.i) == Some(&Tok::Punct(c)) {
            self.i += 1;
            true
        } else {
            false
        }
    }
    fn expr(&mut self) -> Ex {
        if self.punct('&') {
            return self.expr();
        }
        if self.punct('-') {
            return match self.expr() {
                Ex::Num(n) => Ex::Num(-n),
                e => e,
            };
        }
        if self.punct('{') {
            let mut items = Vec::new();
            while !self.punct('}') {
                items.push(self.expr());
                self.punct(',');
            }
            return Ex::Braces(items);
        }
        if self.punct('(') {
            // A cast: (Type)expr
            while !self.punct(')') {
                self.i += 1;
            }
            return self.expr();
        }
        let tok = self.t[self.i].clone();
        self.i += 1;
        match tok {
            Tok::Str(mut s) => {
                while let Some(Tok::Str(more)) = self.t.get(self.i) {
                    s.push_str(more);
                    self.i += 1;
                }
                Ex::Str(s)
            }
            Tok::Num(n) => Ex::Num(n),
            Tok::Ident(name) => {
                if self.punct('(') {
                    let mut args = Vec::new();
                    while !self.punct(')') {
                        args.push(self.expr());
                        self.punct(',');
                    }
                    if name == "_CORBA_LONGLONG_CONST" || name == "_CORBA_ULONGLONG_CONST" {
                        return args.into_iter().next().unwrap_or(Ex::Num(0));
                    }
                    Ex::Call(name, args)
                } else {
                    Ex::Name(name)
                }
            }
            Tok::Punct(c) => panic!("unexpected {c:?} at token {}", self.i),
        }
    }
}

/// The `_0RL_*` variables and every TypeCode call with a repository id.
fn read_dynsk(src: &str) -> (HashMap<String, Ex>, Vec<Ex>) {
    let toks = tokenize(src);
    let mut vars = HashMap::new();
    let mut calls = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        match &toks[i] {
            Tok::Ident(n) if n.starts_with("_0RL_") || n.contains("_tc_") => {
                let mut j = i + 1;
                if toks.get(j) == Some(&Tok::Punct('['))
                    && toks.get(j + 1) == Some(&Tok::Punct(']'))
                {
                    j += 2;
                }
                if toks.get(j) == Some(&Tok::Punct('='))
                    && toks.get(j + 1) != Some(&Tok::Punct('='))
                {
                    let mut p = P { t: &toks, i: j + 1 };
                    let e = p.expr();
                    vars.insert(n.clone(), e);
                    // Go on scanning inside, to collect the calls there.
                }
            }
            Tok::Ident(n) if n.starts_with("CORBA::TypeCode::PR_") && n.ends_with("_tc") => {
                let mut p = P { t: &toks, i };
                let e = p.expr();
                if let Ex::Call(_, args) = &e {
                    if matches!(args.first(), Some(Ex::Str(_))) {
                        calls.push(e);
                    }
                }
                // Nested calls are visited too.
            }
            _ => {}
        }
        i += 1;
    }
    (vars, calls)
}

struct Eval<'a> {
    vars: &'a HashMap<String, Ex>,
    repo: &'a Repository,
    stack: Vec<String>,
}

fn s(e: &Ex) -> String {
    match e {
        Ex::Str(s) => s.clone(),
        o => panic!("expected a string, found {o:?}"),
    }
}

fn n(e: &Ex) -> i128 {
    match e {
        Ex::Num(n) => *n,
        o => panic!("expected a number, found {o:?}"),
    }
}

impl Eval<'_> {
    fn var(&self, e: &Ex) -> Ex {
        match e {
            Ex::Name(v) if self.vars.contains_key(v) => self.vars[v].clone(),
            o => o.clone(),
        }
    }

    fn label(&self, e: &Ex) -> i128 {
        match e {
            Ex::Num(n) => *n,
            Ex::Name(name) if name == "true" => 1,
            Ex::Name(name) if name == "false" => 0,
            Ex::Name(name) => match self.repo.lookup(name).map(|d| &d.kind) {
                Some(DeclKind::Enumerator { ordinal, .. }) => i128::from(*ordinal),
                other => panic!("label {name}: {other:?}"),
            },
            o => panic!("label {o:?}"),
        }
    }

    fn items(&self, e: &Ex) -> Vec<Ex> {
        match self.var(e) {
            Ex::Braces(items) => items,
            Ex::Num(0) => Vec::new(),
            o => panic!("expected an array, found {o:?}"),
        }
    }

    fn tc(&mut self, e: &Ex) -> TypeCode {
        let e = self.var(e);
        let Ex::Call(f, a) = &e else {
            panic!("expected a TypeCode, found {e:?}")
        };
        let f = f
            .trim_start_matches("CORBA::TypeCode::PR_")
            .trim_end_matches("_tc");
        let basic = |k| TypeCode::basic(k);
        match f {
            "null" => basic(TCKind::NULL),
            "void" => basic(TCKind::VOID),
            "short" => basic(TCKind::SHORT),
            "long" => basic(TCKind::LONG),
            "ushort" => basic(TCKind::USHORT),
            "ulong" => basic(TCKind::ULONG),
            "float" => basic(TCKind::FLOAT),
            "double" => basic(TCKind::DOUBLE),
            "boolean" => basic(TCKind::BOOLEAN),
            "char" => basic(TCKind::CHAR),
            "octet" => basic(TCKind::OCTET),
            "any" => basic(TCKind::ANY),
            "TypeCode" => basic(TCKind::TYPECODE),
            "Principal" => basic(TCKind::PRINCIPAL),
            "longlong" => basic(TCKind::LONGLONG),
            "ulonglong" => basic(TCKind::ULONGLONG),
            "longdouble" => basic(TCKind::LONGDOUBLE),
            "wchar" => basic(TCKind::WCHAR),
            "Object" => TypeCode::new(TypeDesc::Interface {
                kind: TCKind::OBJREF,
                id: "IDL:omg.org/CORBA/Object:1.0".into(),
                name: "Object".into(),
            }),
            "string" => TypeCode::new(TypeDesc::String {
                bound: n(&a[0]) as u32,
            }),
            "wstring" => TypeCode::new(TypeDesc::WString {
                bound: n(&a[0]) as u32,
            }),
            "fixed" => TypeCode::new(TypeDesc::Fixed {
                digits: n(&a[0]) as u16,
                scale: n(&a[1]) as i16,
            }),
            "sequence" => TypeCode::new(TypeDesc::Sequence {
                bound: n(&a[0]) as u32,
                element: self.tc(&a[1]),
            }),
            // The deprecated form of `sequence<Self>` inside Self: the
            // offset counts enclosing types outwards from 1.
            "recursive_sequence" => {
                let up = n(&a[1]) as usize;
                let id = self.stack[self.stack.len() - up].clone();
                TypeCode::new(TypeDesc::Sequence {
                    bound: n(&a[0]) as u32,
                    element: TypeCode::new(TypeDesc::Recursive { id }),
                })
            }
            "array" => TypeCode::new(TypeDesc::Array {
                length: n(&a[0]) as u32,
                element: self.tc(&a[1]),
            }),
            "alias" => TypeCode::new(TypeDesc::Alias {
                id: s(&a[0]),
                name: s(&a[1]),
                content: self.tc(&a[2]),
            }),
            "value_box" => TypeCode::new(TypeDesc::ValueBox {
                id: s(&a[0]),
                name: s(&a[1]),
                content: self.tc(&a[2]),
            }),
            "interface" | "abstract_interface" | "local_interface" | "native" => {
                TypeCode::new(TypeDesc::Interface {
                    kind: match f {
                        "interface" => TCKind::OBJREF,
                        "abstract_interface" => TCKind::ABSTRACT_INTERFACE,
                        "local_interface" => TCKind::LOCAL_INTERFACE,
                        _ => TCKind::NATIVE,
                    },
                    id: s(&a[0]),
                    name: s(&a[1]),
                })
            }
            "enum" => TypeCode::new(TypeDesc::Enum {
                id: s(&a[0]),
                name: s(&a[1]),
                members: self.items(&a[2]).iter().map(|x| s(x).into()).collect(),
            }),
            "forward" => {
                let id = s(&a[0]);
                if self.stack.contains(&id) {
                    return TypeCode::new(TypeDesc::Recursive { id });
                }
                let def = self
                    .vars
                    .values()
                    .find(|v| matches!(v, Ex::Call(f, args) if !f.ends_with("forward_tc") && args.first() == Some(&Ex::Str(id.clone()))))
                    .unwrap_or_else(|| panic!("no definition for forward {id}"))
                    .clone();
                self.tc(&def)
            }
            "struct" | "exception" | "union" | "value" => {
                let id = s(&a[0]);
                if self.stack.contains(&id) {
                    return TypeCode::new(TypeDesc::Recursive { id });
                }
                self.stack.push(id.clone());
                let name = s(&a[1]);
                let tc = match f {
                    "struct" | "exception" => {
                        let members = self
                            .items(&a[2])
                            .iter()
                            .map(|m| {
                                let Ex::Braces(m) = m else { panic!("{m:?}") };
                                StructMember {
                                    name: s(&m[0]).into(),
                                    tc: self.tc(&m[1]),
                                }
                            })
                            .collect();
                        let kind = if f == "struct" {
                            TCKind::STRUCT
                        } else {
                            TCKind::EXCEPT
                        };
                        TypeDesc::Struct {
                            kind,
                            id,
                            name,
                            members,
                        }
                    }
                    "union" => {
                        let discriminator = self.tc(&a[2]);
                        let members = self
                            .items(&a[3])
                            .iter()
                            .map(|m| {
                                let Ex::Braces(m) = m else { panic!("{m:?}") };
                                UnionMember {
                                    name: s(&m[0]).into(),
                                    tc: self.tc(&m[1]),
                                    label: self.label(&m[2]),
                                }
                            })
                            .collect();
                        TypeDesc::Union {
                            id,
                            name,
                            discriminator,
                            default_index: n(&a[5]) as i32,
                            members,
                        }
                    }
                    _ => {
                        let modifier = match &a[2] {
                            Ex::Name(m) => match m.trim_start_matches("CORBA::") {
                                "VM_NONE" => ValueModifier::NONE,
                                "VM_CUSTOM" => ValueModifier::CUSTOM,
                                "VM_ABSTRACT" => ValueModifier::ABSTRACT,
                                "VM_TRUNCATABLE" => ValueModifier::TRUNCATABLE,
                                o => panic!("modifier {o}"),
                            },
                            o => panic!("modifier {o:?}"),
                        };
                        let base = self.tc(&a[3]);
                        let concrete_base = (base.kind() != Some(TCKind::NULL)).then_some(base);
                        let members = self
                            .items(&a[4])
                            .iter()
                            .map(|m| {
                                let Ex::Braces(m) = m else { panic!("{m:?}") };
                                let visibility = match &m[2] {
                                    Ex::Name(v) if v.ends_with("PUBLIC_MEMBER") => {
                                        Visibility::PUBLIC
                                    }
                                    Ex::Name(v) if v.ends_with("PRIVATE_MEMBER") => {
                                        Visibility::PRIVATE
                                    }
                                    // omniidl's C++ back end writes its own
                                    // memberAccess() here: 0 for public, 1
                                    // for private, the reverse of the spec's
                                    // PRIVATE_MEMBER = 0, PUBLIC_MEMBER = 1
                                    // (a divergence reported to the lead).
                                    Ex::Num(0) => Visibility::PUBLIC,
                                    Ex::Num(1) => Visibility::PRIVATE,
                                    o => panic!("visibility {o:?}"),
                                };
                                ValueMember {
                                    name: s(&m[0]).into(),
                                    tc: self.tc(&m[1]),
                                    visibility,
                                }
                            })
                            .collect();
                        TypeDesc::Value {
                            kind: TCKind::VALUE,
                            id,
                            name,
                            modifier,
                            concrete_base,
                            members,
                        }
                    }
                };
                self.stack.pop();
                TypeCode::new(tc)
            }
            other => panic!("unknown TypeCode call PR_{other}_tc"),
        }
    }
}

fn omniidl_available() -> bool {
    Command::new("omniidl")
        .arg("-V")
        .output()
        .is_ok_and(|o| o.status.success())
}

/// Runs omniidl on `idl` and compares every TypeCode; returns how many.
fn compare(idl: &Path, includes: &[PathBuf]) -> Result<usize, String> {
    let out = std::env::temp_dir().join(format!(
        "corba-idl-omniidl-{}-{}",
        std::process::id(),
        idl.file_stem().unwrap().to_string_lossy()
    ));
    std::fs::create_dir_all(&out).unwrap();
    let mut cmd = Command::new("omniidl");
    cmd.arg("-bcxx")
        .arg("-Wba")
        .arg(format!("-C{}", out.display()));
    for i in includes {
        cmd.arg(format!("-I{}", i.display()));
    }
    let o = cmd.arg(idl).output().map_err(|e| e.to_string())?;
    if !o.status.success() {
        return Err(format!(
            "omniidl failed on {}: {}",
            idl.display(),
            String::from_utf8_lossy(&o.stderr)
        ));
    }
    let stem = idl.file_stem().unwrap().to_string_lossy();
    let dynsk =
        std::fs::read_to_string(out.join(format!("{stem}DynSK.cc"))).map_err(|e| e.to_string())?;
    std::fs::remove_dir_all(&out).ok();

    let mut opts = Options::default();
    for i in includes {
        opts = opts.include_dir(i);
    }
    let repo = Repository::load(idl, &opts).map_err(|e| e.to_string())?;
    let (vars, calls) = read_dynsk(&dynsk);
    let mut ev = Eval {
        vars: &vars,
        repo: &repo,
        stack: Vec::new(),
    };
    let mut seen = HashMap::new();
    let mut problems = Vec::new();
    for c in &calls {
        if let Ex::Call(f, _) = c {
            if f.ends_with("forward_tc") {
                continue;
            }
        }
        ev.stack.clear();
        let theirs = ev.tc(c);
        let id = theirs.id().unwrap().to_owned();
        let ours = repo
            .decls()
            .iter()
            .enumerate()
            .find(|(_, d)| d.repo_id == id)
            .and_then(|(i, _)| repo.decl_type_code(i));
        match ours {
            Some(ours) if ours == theirs => {}
            Some(ours) => {
                problems.push(format!("{id}:\n  ours:    {ours:?}\n  omniidl: {theirs:?}"))
            }
            None => problems.push(format!("{id}: omniidl has a TypeCode, we have none")),
        }
        seen.insert(id, ());
    }
    // Every type declared in the file itself has an omniidl TypeCode.
    for (i, d) in repo.decls().iter().enumerate() {
        if repo.in_main_file(i)
            && repo.decl_type_code(i).is_some()
            && !matches!(d.kind, DeclKind::Native)
            && !seen.contains_key(&d.repo_id)
        {
            problems.push(format!(
                "{} ({}): no omniidl TypeCode",
                d.scoped_name(),
                d.repo_id
            ));
        }
    }
    if problems.is_empty() {
        Ok(seen.len())
    } else {
        Err(format!("{}:\n{}", idl.display(), problems.join("\n")))
    }
}

fn manifest(p: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(p)
}

#[test]
fn typecodes_equal_omniidls() {
    if !omniidl_available() {
        eprintln!("SKIPPED: omniidl is not installed (Debian package omniidl; CI installs it)");
        return;
    }
    let mut files = vec![
        (manifest("../../corpus/idl/bench.idl"), vec![]),
        (manifest("tests/idl/ids.idl"), vec![]),
        (manifest("../bench-types/idl/coverage.idl"), vec![]),
    ];
    let omni = Path::new(OMNI_DIR);
    if omni.is_dir() {
        let inc = vec![omni.to_path_buf(), omni.join("COS")];
        let mut found = Vec::new();
        for dir in [omni.to_path_buf(), omni.join("COS")] {
            for e in std::fs::read_dir(&dir).unwrap() {
                let p = e.unwrap().path();
                if p.extension().is_some_and(|x| x == "idl")
                    && Repository::load(
                        &p,
                        &Options::default()
                            .include_dir(omni)
                            .include_dir(omni.join("COS")),
                    )
                    .is_ok()
                {
                    found.push(p);
                }
            }
        }
        found.sort();
        assert!(
            found.len() >= 60,
            "{} loadable omniorb-idl files",
            found.len()
        );
        files.extend(found.into_iter().map(|p| (p, inc.clone())));
    } else {
        eprintln!("note: {OMNI_DIR} is absent; comparing the project's IDL files only");
    }
    let mut failures = Vec::new();
    let mut total = 0;
    for (f, inc) in &files {
        match compare(f, inc) {
            Ok(n) => total += n,
            Err(e) => failures.push(e),
        }
    }
    eprintln!(
        "{} files, {total} TypeCodes equal to omniidl's",
        files.len()
    );
    assert!(
        failures.is_empty(),
        "{} of {} files differ:\n{}",
        failures.len(),
        files.len(),
        failures.join("\n\n")
    );
    assert!(total > 100, "only {total} TypeCodes compared");
}
