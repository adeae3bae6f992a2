//! What counts, per language: which syntax nodes are functions, which are
//! decision points (cyclomatic) and which are structures (cognitive). Node
//! kinds are the grammars' (`examples/syntax_tree.rs` prints them).

use crate::Language;
use tree_sitter::Node;

/// Is `n` a function whose complexity is measured on its own?
pub fn is_function(lang: Language, n: Node<'_>) -> bool {
    match lang {
        Language::Rust => n.kind() == "function_item",
        Language::Cpp => n.kind() == "function_definition",
        Language::Ada => matches!(
            n.kind(),
            "subprogram_body" | "expression_function_declaration"
        ),
    }
}

/// A closure or lambda: counted in its enclosing function, one nesting
/// level deeper (cognitive).
pub fn is_closure(lang: Language, n: Node<'_>) -> bool {
    match lang {
        Language::Rust => n.kind() == "closure_expression",
        Language::Cpp => n.kind() == "lambda_expression",
        Language::Ada => false,
    }
}

fn operator<'a>(n: Node<'_>, src: &'a [u8]) -> &'a str {
    n.child_by_field_name("operator")
        .and_then(|o| o.utf8_text(src).ok())
        .unwrap_or("")
}

/// The short-circuit operator of a binary node (`&&`, `||`; C++ also
/// `and`, `or`), if it is one.
pub fn short_circuit<'a>(lang: Language, n: Node<'_>, src: &'a [u8]) -> Option<&'a str> {
    if lang == Language::Ada || n.kind() != "binary_expression" {
        return None;
    }
    match operator(n, src) {
        "&&" | "and" => Some("&&"),
        "||" | "or" => Some("||"),
        _ => None,
    }
}

/// Ada's short-circuit forms are keyword pairs (`and then`, `or else`)
/// among the children of an expression: their kinds, in order.
pub fn ada_short_circuits(n: Node<'_>) -> Vec<&'static str> {
    let mut out = Vec::new();
    if n.kind() != "expression" {
        return out;
    }
    let mut prev = "";
    for i in 0..n.child_count() {
        let Some(c) = n.child(i as u32) else { continue };
        let k = c.kind();
        match (prev, k) {
            ("and", "then") => out.push("and then"),
            ("or", "else") => out.push("or else"),
            _ => {}
        }
        prev = k;
    }
    out
}

fn count_children(n: Node<'_>, kind: &str) -> u32 {
    let mut c = n.walk();
    n.named_children(&mut c)
        .filter(|x| x.kind() == kind)
        .count() as u32
}

/// Decision points `n` itself adds to its function's cyclomatic count.
pub fn decisions(lang: Language, n: Node<'_>, src: &[u8]) -> u32 {
    let k = n.kind();
    let binary = u32::from(short_circuit(lang, n, src).is_some());
    binary
        + match lang {
            Language::Rust => match k {
                "if_expression" | "while_expression" | "for_expression" | "try_expression" => 1,
                // A match of k arms is k outcomes: k - 1 decisions.
                "match_expression" => n
                    .child_by_field_name("body")
                    .map_or(0, |b| count_children(b, "match_arm").saturating_sub(1)),
                "match_pattern" => u32::from(n.child_by_field_name("condition").is_some()),
                "let_declaration" => u32::from(n.child_by_field_name("alternative").is_some()),
                _ => 0,
            },
            Language::Cpp => match k {
                "if_statement"
                | "for_statement"
                | "for_range_loop"
                | "while_statement"
                | "do_statement"
                | "catch_clause"
                | "conditional_expression" => 1,
                // Each non-default label is one more way through the switch.
                "case_statement" => u32::from(n.child_by_field_name("value").is_some()),
                _ => 0,
            },
            Language::Ada => match k {
                "if_statement"
                | "elsif_statement_item"
                | "if_expression"
                | "elsif_expression_item"
                | "exception_handler" => 1,
                "loop_statement" => u32::from(count_children(n, "iteration_scheme") > 0),
                "exit_statement" => u32::from(n.child_by_field_name("condition").is_some()),
                "case_statement" => {
                    count_children(n, "case_statement_alternative").saturating_sub(1)
                }
                "case_expression" => {
                    count_children(n, "case_expression_alternative").saturating_sub(1)
                }
                "expression" => ada_short_circuits(n).len() as u32,
                _ => 0,
            },
        }
}

/// How a node counts in cognitive complexity.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cognitive {
    /// +1 plus the nesting depth; what is inside is one level deeper.
    Nesting,
    /// +1 (an `else if`/`elsif`, `else`, a labelled jump): no nesting
    /// increment, and it does not deepen what is inside.
    Flat,
    /// Not counted.
    None,
}

pub fn cognitive(lang: Language, n: Node<'_>) -> Cognitive {
    let k = n.kind();
    let parent = n.parent().map_or("", |p| p.kind());
    match lang {
        Language::Rust => match k {
            "if_expression" if parent == "else_clause" => Cognitive::Flat,
            "if_expression" | "while_expression" | "for_expression" | "loop_expression"
            | "match_expression" => Cognitive::Nesting,
            "let_declaration" if n.child_by_field_name("alternative").is_some() => {
                Cognitive::Nesting
            }
            "else_clause" if first_named_kind(n) == Some("block") => Cognitive::Flat,
            "break_expression" | "continue_expression" if count_children(n, "label") > 0 => {
                Cognitive::Flat
            }
            _ => Cognitive::None,
        },
        Language::Cpp => match k {
            "if_statement" if parent == "else_clause" => Cognitive::Flat,
            "if_statement"
            | "for_statement"
            | "for_range_loop"
            | "while_statement"
            | "do_statement"
            | "switch_statement"
            | "catch_clause"
            | "conditional_expression" => Cognitive::Nesting,
            "else_clause" if first_named_kind(n) != Some("if_statement") => Cognitive::Flat,
            "goto_statement" => Cognitive::Flat,
            _ => Cognitive::None,
        },
        Language::Ada => match k {
            "if_statement" | "if_expression" | "loop_statement" | "case_statement"
            | "case_expression" | "exception_handler" => Cognitive::Nesting,
            "elsif_statement_item" | "elsif_expression_item" | "goto_statement" => Cognitive::Flat,
            // `exit Outer` leaves a named loop: a labelled jump.
            "exit_statement" if n.child_by_field_name("loop_name").is_some() => Cognitive::Flat,
            _ => Cognitive::None,
        },
    }
}

/// Ada `if` statements and expressions carry their final `else` as a
/// keyword child, not a node: +1 each (cognitive).
pub fn ada_else_count(n: Node<'_>) -> u32 {
    if !matches!(n.kind(), "if_statement" | "if_expression") {
        return 0;
    }
    (0..n.child_count())
        .filter_map(|i| n.child(i as u32))
        .filter(|c| c.kind() == "else")
        .count() as u32
}

fn first_named_kind(n: Node<'_>) -> Option<&'static str> {
    n.named_child(0).map(|c| c.kind())
}
