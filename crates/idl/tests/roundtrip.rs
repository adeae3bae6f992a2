//! proptest: random IDL specifications are loaded, printed back as IDL by
//! `corba_idl::print`, and loaded again; the TypeCodes, repository ids and
//! constants must be the same, and printing the second tree must give the
//! same text (the printer is a fixpoint).

use corba_idl::{Options, Repository};
use proptest::prelude::*;
use std::fmt::Write;

#[derive(Clone, Debug)]
enum Ty {
    Prim(usize),
    Str(Option<u32>),
    WStr(Option<u32>),
    Seq(Box<Ty>, Option<u32>),
    /// An earlier type (index modulo the number declared so far).
    Ref(usize),
    Fixed(u8, u8),
}

#[derive(Clone, Debug)]
enum Def {
    Struct(Vec<(Ty, Vec<u32>)>),
    Except(Vec<(Ty, Vec<u32>)>),
    Enum(usize),
    Typedef(Ty, Vec<u32>),
    /// Discriminator kind, cases (type, number of labels), default.
    Union(usize, Vec<(Ty, usize)>, bool),
    Const(usize, i64, i64, usize),
    Recursive(Ty),
    Interface(Vec<(Ty, Vec<Ty>)>, Vec<(bool, Ty)>),
    Value(Vec<(bool, Ty)>, bool),
    Prefix(usize),
    Module(Vec<Def>),
}

const PRIMS: [&str; 13] = [
    "short",
    "long",
    "long long",
    "unsigned short",
    "unsigned long",
    "unsigned long long",
    "float",
    "double",
    "boolean",
    "char",
    "octet",
    "wchar",
    "any",
];

fn ty() -> impl Strategy<Value = Ty> {
    let leaf = prop_oneof![
        (0..PRIMS.len()).prop_map(Ty::Prim),
        proptest::option::of(1u32..100).prop_map(Ty::Str),
        proptest::option::of(1u32..100).prop_map(Ty::WStr),
        any::<usize>().prop_map(Ty::Ref),
        (1u8..31, 0u8..31).prop_map(|(d, s)| Ty::Fixed(d, s % (d + 1))),
    ];
    leaf.prop_recursive(2, 6, 2, |inner| {
        (inner, proptest::option::of(1u32..50)).prop_map(|(t, b)| Ty::Seq(Box::new(t), b))
    })
}

fn members() -> impl Strategy<Value = Vec<(Ty, Vec<u32>)>> {
    prop::collection::vec((ty(), prop::collection::vec(1u32..5, 0..3)), 1..5)
}

fn def_leaf() -> impl Strategy<Value = Def> {
    prop_oneof![
        members().prop_map(Def::Struct),
        members().prop_map(Def::Except),
        (1usize..6).prop_map(Def::Enum),
        (ty(), prop::collection::vec(1u32..5, 0..3)).prop_map(|(t, d)| Def::Typedef(t, d)),
        (
            0usize..5,
            prop::collection::vec((ty(), 1usize..3), 1..4),
            any::<bool>()
        )
            .prop_map(|(k, c, d)| Def::Union(k, c, d)),
        (0usize..4, -1000i64..1000, -1000i64..1000, 0usize..8)
            .prop_map(|(k, a, b, o)| Def::Const(k, a, b, o)),
        ty().prop_map(Def::Recursive),
        (
            prop::collection::vec((ty(), prop::collection::vec(ty(), 0..3)), 0..3),
            prop::collection::vec((any::<bool>(), ty()), 0..2)
        )
            .prop_map(|(o, a)| Def::Interface(o, a)),
        (
            prop::collection::vec((any::<bool>(), ty()), 0..3),
            any::<bool>()
        )
            .prop_map(|(m, t)| Def::Value(m, t)),
        (0usize..3).prop_map(Def::Prefix),
    ]
}

fn spec() -> impl Strategy<Value = Vec<Def>> {
    let def = def_leaf().prop_recursive(2, 24, 6, |inner| {
        prop::collection::vec(inner, 1..6).prop_map(Def::Module)
    });
    prop::collection::vec(def, 1..10)
}

/// Renders the random model as IDL text, in its own style (not the
/// printer's), declaring names in order so every reference is valid.
struct Render {
    out: String,
    n: usize,
    /// Scoped names of complete types usable as members.
    types: Vec<String>,
    /// Enums: scoped name and enumerator names.
    enums: Vec<(String, Vec<String>)>,
    consts: Vec<String>,
    scope: Vec<String>,
}

impl Render {
    fn fresh(&mut self, stem: &str) -> String {
        self.n += 1;
        format!("{stem}{}", self.n)
    }
    fn scoped(&self, name: &str) -> String {
        let mut p = self.scope.clone();
        p.push(name.to_owned());
        p.join("::")
    }
    fn ty(&self, t: &Ty) -> String {
        match t {
            Ty::Prim(i) => PRIMS[*i].to_owned(),
            Ty::Str(None) => "string".into(),
            Ty::Str(Some(b)) => format!("string<{b}>"),
            Ty::WStr(None) => "wstring".into(),
            Ty::WStr(Some(b)) => format!("wstring <{b}>"),
            Ty::Seq(e, None) => format!("sequence<{}>", self.ty(e)),
            Ty::Seq(e, Some(b)) => format!("sequence<{},{b}>", self.ty(e)),
            Ty::Ref(i) if self.types.is_empty() => PRIMS[i % PRIMS.len()].to_owned(),
            Ty::Ref(i) => format!("::{}", self.types[i % self.types.len()]),
            Ty::Fixed(d, s) => format!("fixed<{d},{s}>"),
        }
    }
    fn members(&mut self, ms: &[(Ty, Vec<u32>)]) -> String {
        let mut s = String::new();
        for (t, dims) in ms {
            let name = self.fresh("m");
            let dims: String = dims.iter().map(|d| format!("[{d}]")).collect();
            let _ = writeln!(s, "  {} {name}{dims};", self.ty(t));
        }
        s
    }
    fn def(&mut self, d: &Def) {
        match d {
            Def::Struct(ms) | Def::Except(ms) => {
                let kw = if matches!(d, Def::Struct(_)) {
                    "struct"
                } else {
                    "exception"
                };
                let name = self.fresh("S");
                let body = self.members(ms);
                let _ = writeln!(self.out, "{kw} {name} {{\n{body}}};");
                if kw == "struct" {
                    self.types.push(self.scoped(&name));
                }
            }
            Def::Enum(n) => {
                let name = self.fresh("E");
                let ms: Vec<String> = (0..*n).map(|_| self.fresh("e")).collect();
                let _ = writeln!(self.out, "enum {name} {{ {} }};", ms.join(", "));
                self.types.push(self.scoped(&name));
                self.enums.push((self.scoped(&name), ms));
            }
            Def::Typedef(t, dims) => {
                let name = self.fresh("T");
                let dims: String = dims.iter().map(|d| format!("[{d}]")).collect();
                let _ = writeln!(self.out, "typedef {} {name}{dims};", self.ty(t));
                self.types.push(self.scoped(&name));
            }
            Def::Union(k, cases, default) => {
                let name = self.fresh("U");
                let (disc, labels): (String, Vec<String>) = match k {
                    0 => (
                        "long".into(),
                        (0..20).map(|i| format!("{}", i * 7 - 30)).collect(),
                    ),
                    1 => (
                        "unsigned short".into(),
                        (0..20).map(|i| format!("0x{:x}", i + 1)).collect(),
                    ),
                    2 => (
                        "char".into(),
                        (0..20)
                            .map(|i| format!("'{}'", (b'a' + i) as char))
                            .collect(),
                    ),
                    3 => ("boolean".into(), vec!["TRUE".into(), "FALSE".into()]),
                    _ => match self.enums.last() {
                        Some((e, ms)) => (
                            format!("::{e}"),
                            ms.iter().map(|m| format!("::{}", scope_of(e, m))).collect(),
                        ),
                        None => (
                            "long long".into(),
                            (0..20).map(|i| format!("{i}")).collect(),
                        ),
                    },
                };
                let mut s = format!("union {name} switch ({disc}) {{\n");
                let mut used = 0;
                for (t, n) in cases {
                    if used >= labels.len() {
                        break;
                    }
                    let m = self.fresh("u");
                    for _ in 0..*n {
                        if used < labels.len() {
                            let _ = writeln!(s, "  case {}:", labels[used]);
                            used += 1;
                        }
                    }
                    let _ = writeln!(s, "    {} {m};", self.ty(t));
                }
                if *default && used < labels.len() {
                    let m = self.fresh("d");
                    let _ = writeln!(s, "  default: long {m};");
                }
                s.push_str("};\n");
                self.out.push_str(&s);
                self.types.push(self.scoped(&name));
            }
            Def::Const(k, a, b, o) => {
                let name = self.fresh("C");
                let (t, e) = match k {
                    0 => {
                        let ops = ["+", "-", "*", "|", "&", "^", "<<", "%"];
                        let b = if ops[*o] == "<<" {
                            b.rem_euclid(8)
                        } else if ops[*o] == "%" && *b == 0 {
                            1
                        } else {
                            *b
                        };
                        let prev = self
                            .consts
                            .last()
                            .map(|c| format!(" + {c}"))
                            .unwrap_or_default();
                        ("long long", format!("({a} {} {b}){prev}", ops[*o]))
                    }
                    1 => ("double", format!("{a}.5 * {}e-1 - 2", b.abs())),
                    2 => ("string", format!("\"s{a}\\t\" \"x\\\"{b}\"")),
                    _ => ("fixed", format!("{}.{}d", a.abs(), b.abs())),
                };
                let _ = writeln!(self.out, "const {t} {name} = {e};");
                if *k == 0 {
                    self.consts.push(format!("::{}", self.scoped(&name)));
                }
            }
            Def::Recursive(t) => {
                let name = self.fresh("R");
                let _ = writeln!(
                    self.out,
                    "struct {name};\ntypedef sequence<{name}> {name}Seq;\nstruct {name} {{ {} v; {name}Seq kids; }};",
                    self.ty(t)
                );
                self.types.push(self.scoped(&format!("{name}Seq")));
                self.types.push(self.scoped(&name));
            }
            Def::Interface(ops, attrs) => {
                let name = self.fresh("I");
                let mut s = format!("interface {name} {{\n");
                for (r, ps) in ops {
                    let op = self.fresh("op");
                    let params: Vec<String> = ps
                        .iter()
                        .enumerate()
                        .map(|(i, p)| {
                            format!("{} {} p{i}", ["in", "out", "inout"][i % 3], self.ty(p))
                        })
                        .collect();
                    let _ = writeln!(s, "  {} {op}({});", self.ty(r), params.join(", "));
                }
                for (ro, t) in attrs {
                    let a = self.fresh("a");
                    let _ = writeln!(
                        s,
                        "  {}attribute {} {a};",
                        if *ro { "readonly " } else { "" },
                        self.ty(t)
                    );
                }
                let _ = writeln!(s, "  oneway void ping(in long x);\n}};");
                self.out.push_str(&s);
                self.types.push(self.scoped(&name));
            }
            Def::Value(ms, trunc) => {
                let base = self.fresh("V");
                let _ = writeln!(self.out, "valuetype {base} {{ public long id; }};");
                let name = self.fresh("V");
                let mut s = format!(
                    "valuetype {name} : {}{base} {{\n",
                    if *trunc { "truncatable " } else { "" }
                );
                for (public, t) in ms {
                    let m = self.fresh("s");
                    let _ = writeln!(
                        s,
                        "  {} {} {m};",
                        if *public { "public" } else { "private" },
                        self.ty(t)
                    );
                }
                let _ = writeln!(s, "  factory make(in long x);\n}};");
                self.out.push_str(&s);
                self.types.push(self.scoped(&base));
                self.types.push(self.scoped(&name));
            }
            Def::Prefix(k) => {
                let _ = writeln!(self.out, "#pragma prefix \"{}\"", ["", "a.org", "x/y"][*k]);
            }
            Def::Module(defs) => {
                let name = self.fresh("M");
                let _ = writeln!(self.out, "module {name} {{");
                self.scope.push(name);
                for d in defs {
                    self.def(d);
                }
                self.scope.pop();
                self.out.push_str("};\n");
            }
        }
    }
}

fn scope_of(enum_name: &str, member: &str) -> String {
    match enum_name.rsplit_once("::") {
        Some((s, _)) => format!("{s}::{member}"),
        None => member.to_owned(),
    }
}

fn render(defs: &[Def]) -> String {
    let mut r = Render {
        out: String::new(),
        n: 0,
        types: Vec::new(),
        enums: Vec::new(),
        consts: Vec::new(),
        scope: Vec::new(),
    };
    for d in defs {
        r.def(d);
    }
    r.out
}

fn summary(repo: &Repository) -> Vec<String> {
    repo.decls()
        .iter()
        .enumerate()
        .skip(1)
        .map(|(i, d)| {
            format!(
                "{} {} {:?} {:?}",
                d.scoped_name(),
                d.repo_id,
                repo.decl_type_code(i),
                match &d.kind {
                    corba_idl::DeclKind::Const { value, .. } => Some(value.clone()),
                    _ => None,
                }
            )
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn printed_idl_loads_to_the_same_typecodes(defs in spec()) {
        let text = render(&defs);
        let opts = Options::default();
        let first = Repository::from_str("gen.idl", &text, &opts)
            .unwrap_or_else(|e| panic!("generated IDL does not load:\n{text}\n{e}"));
        let printed = corba_idl::print::specification(first.specification());
        let second = Repository::from_str("printed.idl", &printed, &opts)
            .unwrap_or_else(|e| panic!("printed IDL does not load:\n{printed}\n{e}"));
        prop_assert_eq!(summary(&first), summary(&second), "printed:\n{}", printed);
        let reprinted = corba_idl::print::specification(second.specification());
        prop_assert_eq!(printed, reprinted);
    }
}

#[test]
fn corpus_prints_back_to_the_same_typecodes() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../corpus/idl/bench.idl");
    let first = Repository::load(path, &Options::default()).unwrap();
    let printed = corba_idl::print::specification(first.specification());
    let second = Repository::from_str("printed.idl", &printed, &Options::default()).unwrap();
    assert_eq!(summary(&first), summary(&second));
    assert_eq!(first.type_codes().count(), 12);
}

/// Real IDL prints back to the same declarations: `tests/idl/ids.idl`
/// (pragmas, value types, interfaces, unions, fixed) and every file of
/// Debian's omniorb-idl that loads, with its includes printed inline (the
/// file boundaries become prefix pragmas).
#[test]
fn real_idl_prints_back_to_the_same_typecodes() {
    let mut files = vec![(
        std::path::PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/idl/ids.idl")),
        Options::default(),
    )];
    let dir = std::path::Path::new("/usr/share/idl/omniORB");
    if dir.is_dir() {
        let opts = Options::default()
            .include_dir(dir)
            .include_dir(dir.join("COS"));
        for d in [dir.to_path_buf(), dir.join("COS")] {
            let mut entries: Vec<_> = std::fs::read_dir(&d)
                .unwrap()
                .map(|e| e.unwrap().path())
                .collect();
            entries.sort();
            for p in entries
                .into_iter()
                .filter(|p| p.extension().is_some_and(|x| x == "idl"))
            {
                files.push((p, opts.clone()));
            }
        }
    } else {
        eprintln!("note: /usr/share/idl/omniORB is absent; only ids.idl is printed back");
    }
    let mut checked = 0;
    for (path, opts) in &files {
        let Ok(first) = Repository::load(path, opts) else {
            continue;
        };
        let printed = corba_idl::print::specification(first.specification());
        let second = Repository::from_str("printed.idl", &printed, &Options::default())
            .unwrap_or_else(|e| panic!("{} printed does not load:\n{e}", path.display()));
        assert_eq!(summary(&first), summary(&second), "{}", path.display());
        checked += 1;
    }
    assert!(checked >= 1);
    eprintln!("{checked} files printed back to the same declarations");
}
