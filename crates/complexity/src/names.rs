//! Names: what a function is called and which scopes (impl, trait, mod;
//! namespace, class; package) qualify it.

use crate::Language;
use tree_sitter::Node;

fn text<'a>(n: Node<'_>, src: &'a [u8]) -> &'a str {
    n.utf8_text(src).unwrap_or("?")
}

/// A type as written, without generic arguments or whitespace
/// (`Foo<T>` → `Foo`, `&'a mut Bar` → `Bar`).
fn bare_type(n: Node<'_>, src: &[u8]) -> String {
    let t = text(n, src);
    let t = t.split('<').next().unwrap_or(t);
    let t = t.trim_start_matches('&').trim();
    let t = t.strip_prefix("mut ").unwrap_or(t);
    let t = if t.starts_with('\'') {
        t.split_once(' ').map_or(t, |(_, r)| r)
    } else {
        t
    };
    t.split_whitespace().collect()
}

/// The name a scope node adds to the qualified names inside it.
pub fn scope(lang: Language, n: Node<'_>, src: &[u8]) -> Option<String> {
    match (lang, n.kind()) {
        (Language::Rust, "impl_item") => n.child_by_field_name("type").map(|t| bare_type(t, src)),
        (Language::Rust, "trait_item" | "mod_item")
        | (Language::Cpp, "namespace_definition" | "class_specifier" | "struct_specifier") => n
            .child_by_field_name("name")
            .map(|t| text(t, src).to_owned()),
        (
            Language::Ada,
            "package_body" | "package_declaration" | "protected_body" | "task_body",
        ) => n
            .child_by_field_name("name")
            .map(|t| text(t, src).to_owned()),
        _ => None,
    }
}

/// The C++ declarator that names the function, under pointer/reference
/// wrappers.
fn cpp_declarator_name(mut d: Node<'_>, src: &[u8]) -> Option<String> {
    for _ in 0..16 {
        match d.kind() {
            "function_declarator"
            | "pointer_declarator"
            | "reference_declarator"
            | "parenthesized_declarator"
            | "attributed_declarator" => {
                d = d
                    .child_by_field_name("declarator")
                    .or_else(|| d.named_child(0))?;
            }
            _ => return Some(text(d, src).split_whitespace().collect()),
        }
    }
    None
}

/// The function's own name (C++ out-of-class definitions keep their
/// qualification: `C::m`).
pub fn function(lang: Language, n: Node<'_>, src: &[u8]) -> String {
    let name = match lang {
        Language::Rust => n
            .child_by_field_name("name")
            .map(|x| text(x, src).to_owned()),
        Language::Cpp => n
            .child_by_field_name("declarator")
            .and_then(|d| cpp_declarator_name(d, src)),
        Language::Ada => {
            let mut c = n.walk();
            let spec = n
                .named_children(&mut c)
                .find(|x| x.kind().ends_with("_specification"));
            spec.and_then(|s| s.child_by_field_name("name"))
                .map(|x| text(x, src).to_owned())
        }
    };
    name.unwrap_or_else(|| format!("<anonymous@{}>", n.start_position().row + 1))
}
