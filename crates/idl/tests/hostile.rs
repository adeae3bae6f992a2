//! Hostile input: whatever the text, loading returns a located error or a
//! repository; it never panics, never overflows the stack and never
//! expands without bound.

use corba_idl::{Options, Repository};
use proptest::prelude::*;

fn load(src: &str) -> Result<Repository, corba_idl::Error> {
    Repository::from_str("hostile.idl", src, &Options::default())
}

#[test]
fn deep_nesting_is_refused_with_an_error() {
    let n = 10_000;
    let modules = format!("{}{}", "module M { ".repeat(n), "}; ".repeat(n));
    let e = load(&modules).unwrap_err();
    assert!(e.message.contains("levels of nesting"), "{e}");
    let seqs = format!("typedef {}long{} T;", "sequence<".repeat(n), ">".repeat(n));
    assert!(load(&seqs)
        .unwrap_err()
        .message
        .contains("levels of nesting"));
    let parens = format!("const long C = {}1{};", "(".repeat(n), ")".repeat(n));
    assert!(load(&parens)
        .unwrap_err()
        .message
        .contains("levels of nesting"));
    let unary = format!("const long C = {}1;", "-".repeat(n));
    assert!(load(&unary)
        .unwrap_err()
        .message
        .contains("levels of nesting"));
    // Just under the limit is fine.
    let ok = format!(
        "{}struct S {{ long a; }};{}",
        "module M { ".repeat(90),
        "}; ".repeat(90)
    );
    assert!(load(&ok).is_ok());
}

#[test]
fn long_typedef_chains_are_refused_with_an_error() {
    let mut src = String::from("typedef long T0;\n");
    for i in 1..1000 {
        src.push_str(&format!("typedef T{} T{i};\n", i - 1));
    }
    match load(&src) {
        Ok(_) => panic!("a chain of 1000 typedefs loaded"),
        Err(e) => assert!(e.message.contains("nested more than"), "{e}"),
    }
    // A chain within the limit loads.
    let short: String = src.lines().take(150).collect::<Vec<_>>().join("\n");
    assert!(load(&short).is_ok());
}

#[test]
fn self_referring_and_growing_macros_terminate() {
    assert!(load("#define A A\n#if A\n#endif\nstruct S { long a; };").is_ok());
    let grow = "#define A A A A A A A A\nconst long X = A;";
    assert!(load(grow).is_err());
    assert!(load("#if ((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((1))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))\n#endif").is_err());
}

const PIECES: &[&str] = &[
    "module",
    "M",
    "{",
    "}",
    ";",
    "struct",
    "S",
    "union",
    "U",
    "switch",
    "(",
    ")",
    "case",
    "1",
    ":",
    "default",
    "enum",
    "E",
    ",",
    "typedef",
    "sequence",
    "<",
    ">",
    "long",
    "string",
    "const",
    "=",
    "+",
    "<<",
    "'a'",
    "\"s\"",
    "L\"w\"",
    "interface",
    "I",
    "valuetype",
    "V",
    "#pragma prefix \"p\"\n",
    "#pragma ID S \"x\"\n",
    "#if 1\n",
    "#endif\n",
    "#define X 1\n",
    "X",
    "[",
    "]",
    "3",
    "fixed",
    "0x",
    "1.5e",
    "2d",
    "::",
    "_",
    "\\",
    "/*",
    "*/",
    "//",
    "\n",
    "exception",
    "raises",
    "in",
    "out",
    "oneway",
    "void",
    "attribute",
    "readonly",
    "native",
    "abstract",
    "local",
    "factory",
    "public",
    "é",
    "\u{1F600}",
];

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn token_soup_never_panics(parts in prop::collection::vec(0..PIECES.len(), 0..60)) {
        let src: Vec<&str> = parts.iter().map(|&i| PIECES[i]).collect();
        let src = src.join(" ");
        if let Err(e) = load(&src) {
            // Errors are located and print with a caret.
            let text = e.to_string();
            prop_assert!(text.starts_with("error: "));
        }
    }

    #[test]
    fn arbitrary_text_never_panics(src in ".{0,200}") {
        let _ = load(&src);
    }

    #[test]
    fn mutated_corpus_never_panics(cut in 0usize..3000, insert in 0..PIECES.len()) {
        let corpus = include_str!("../../../corpus/idl/bench.idl");
        let mut at = cut.min(corpus.len());
        while !corpus.is_char_boundary(at) {
            at -= 1;
        }
        let src = format!("{}{}{}", &corpus[..at], PIECES[insert], &corpus[at..]);
        let _ = load(&src);
    }
}
