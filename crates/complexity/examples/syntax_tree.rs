//! Prints the tree-sitter syntax tree of a file (for writing or checking the
//! per-language rules): `cargo run -p giop-complexity --example syntax_tree -- FILE`.

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: syntax_tree FILE.{{rs,cc,adb}}");
        std::process::exit(2);
    };
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        eprintln!("{path}: {e}");
        std::process::exit(2)
    });
    let language: tree_sitter::Language = match path.rsplit('.').next() {
        Some("rs") => tree_sitter_rust::LANGUAGE.into(),
        Some("adb" | "ads" | "ada") => tree_sitter_ada::LANGUAGE.into(),
        _ => tree_sitter_cpp::LANGUAGE.into(),
    };
    let mut parser = tree_sitter::Parser::new();
    if parser.set_language(&language).is_err() {
        eprintln!("grammar version not supported by this tree-sitter");
        std::process::exit(2);
    }
    match parser.parse(&text, None) {
        Some(tree) => println!("{}", tree.root_node().to_sexp()),
        None => eprintln!("no tree"),
    }
}
