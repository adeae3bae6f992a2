//! The traversal: finds functions with their qualified names, then counts
//! each function's body (nested functions are measured on their own).
//! Iterative with explicit stacks, so deep syntax trees cannot overflow
//! the call stack.

use crate::rules::{self, Cognitive};
use crate::{names, Function, Language};
use tree_sitter::{Node, Tree};

/// Every function of the tree, in source order, and the number of syntax
/// errors the parser recovered from.
pub fn functions(lang: Language, tree: &Tree, src: &[u8]) -> (Vec<Function>, u32) {
    let mut out = Vec::new();
    let mut errors = 0u32;
    // (node, qualified prefix of what it contains)
    let mut stack: Vec<(Node<'_>, String)> = vec![(tree.root_node(), String::new())];
    while let Some((n, prefix)) = stack.pop() {
        if n.is_error() || n.is_missing() {
            errors += 1;
        }
        let join = |p: &str, s: &str| {
            if p.is_empty() {
                s.to_owned()
            } else {
                format!("{p}{}{s}", lang.separator())
            }
        };
        let inner = if rules::is_function(lang, n) {
            let name = join(&prefix, &names::function(lang, n, src));
            out.push(measure(lang, n, src, name.clone()));
            name
        } else if let Some(s) = names::scope(lang, n, src) {
            join(&prefix, &s)
        } else {
            prefix
        };
        let mut c = n.walk();
        let children: Vec<Node<'_>> = n.children(&mut c).collect();
        for child in children.into_iter().rev() {
            stack.push((child, inner.clone()));
        }
    }
    out.sort_by_key(|f| (f.line, f.end_line));
    (out, errors)
}

/// Counts one function's body.
fn measure(lang: Language, f: Node<'_>, src: &[u8], name: String) -> Function {
    let mut cyclomatic = 1u32;
    let mut cognitive = 0u32;
    // (node, nesting depth for cognitive complexity)
    let mut stack: Vec<(Node<'_>, u32)> = Vec::new();
    let mut c = f.walk();
    for child in f.children(&mut c) {
        stack.push((child, 0));
    }
    while let Some((n, nesting)) = stack.pop() {
        if rules::is_function(lang, n) {
            continue; // measured on its own
        }
        cyclomatic += rules::decisions(lang, n, src);
        cognitive += logical_sequences(lang, n, src);
        let inner = match rules::cognitive(lang, n) {
            Cognitive::Nesting => {
                cognitive += 1 + nesting;
                nesting + 1
            }
            Cognitive::Flat => {
                cognitive += 1;
                nesting
            }
            Cognitive::None if rules::is_closure(lang, n) => nesting + 1,
            Cognitive::None => nesting,
        };
        if lang == Language::Ada {
            cognitive += rules::ada_else_count(n);
        }
        let mut c = n.walk();
        for child in n.children(&mut c) {
            stack.push((child, inner));
        }
    }
    Function {
        name,
        line: f.start_position().row as u32 + 1,
        end_line: f.end_position().row as u32 + 1,
        cyclomatic,
        cognitive,
    }
}

/// Cognitive +1 for each sequence of like short-circuit operators:
/// `a && b && c` is one sequence, `a && b || c` two.
fn logical_sequences(lang: Language, n: Node<'_>, src: &[u8]) -> u32 {
    if lang == Language::Ada {
        let ops = rules::ada_short_circuits(n);
        return ops.windows(2).filter(|w| w[0] != w[1]).count() as u32 + u32::from(!ops.is_empty());
    }
    let Some(op) = rules::short_circuit(lang, n, src) else {
        return 0;
    };
    let continues = n
        .parent()
        .and_then(|p| rules::short_circuit(lang, p, src))
        .is_some_and(|p| p == op);
    u32::from(!continues)
}
