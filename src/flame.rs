//! Flamegraphs from callgrind output: instruction counts per call path of
//! one hot path's measured loop, rendered with `inferno`.
//!
//! Callgrind records self costs per function and inclusive costs per
//! caller→callee edge, not whole stacks, so stacks are rebuilt from the
//! measured loop downwards, splitting each function's cost among the paths
//! that reach it in proportion to their calls' inclusive costs (the usual
//! approximation for callgrind flamegraphs).

use serde::{Deserialize, Serialize};
use std::collections::HashMap;

#[derive(Default, Debug)]
struct Graph {
    names: Vec<String>,
    self_cost: HashMap<usize, u64>,
    edges: HashMap<usize, Vec<(usize, u64)>>,
    /// Calls along each edge, in the order of `edges`.
    calls: HashMap<usize, Vec<u64>>,
}

/// Parses the first event (Ir) of a callgrind output file.
fn parse(text: &str) -> Graph {
    let mut g = Graph::default();
    let mut ids: HashMap<String, usize> = HashMap::new();
    let mut intern = |g: &mut Graph, spec: &str| -> usize {
        // `(n) name` defines n, `(n)` refers to it, a bare name is itself.
        let spec = spec.trim();
        let (key, name) = match spec.strip_prefix('(').and_then(|r| r.split_once(')')) {
            Some((n, rest)) if !rest.trim().is_empty() => {
                (format!("#{n}"), Some(rest.trim().to_owned()))
            }
            Some((n, _)) => (format!("#{n}"), None),
            None => (spec.to_owned(), Some(spec.to_owned())),
        };
        if let Some(&i) = ids.get(&key) {
            return i;
        }
        let i = g.names.len();
        g.names.push(name.unwrap_or_else(|| key.clone()));
        ids.insert(key, i);
        i
    };
    let mut current = None;
    let mut callee = None;
    let mut in_call = false;
    let mut n_calls = 0u64;
    for line in text.lines() {
        if let Some(rest) = line.strip_prefix("fn=") {
            current = Some(intern(&mut g, rest));
        } else if let Some(rest) = line.strip_prefix("cfn=") {
            callee = Some(intern(&mut g, rest));
        } else if let Some(rest) = line.strip_prefix("calls=") {
            in_call = true;
            n_calls = rest
                .split_whitespace()
                .next()
                .and_then(|t| t.parse::<u64>().ok())
                .unwrap_or(0);
        } else if line.starts_with(|c: char| c.is_ascii_digit() || c == '+' || c == '-' || c == '*')
        {
            let ir: u64 = line
                .split_whitespace()
                .nth(1)
                .and_then(|t| t.parse().ok())
                .unwrap_or(0);
            if let Some(f) = current {
                if in_call {
                    if let Some(c) = callee {
                        g.edges.entry(f).or_default().push((c, ir));
                        g.calls.entry(f).or_default().push(n_calls);
                    }
                    in_call = false;
                } else {
                    *g.self_cost.entry(f).or_default() += ir;
                }
            }
        }
    }
    g
}

/// Folded stacks (`a;b;c count`) under the first function whose name
/// contains `root`.
pub fn folded(callgrind: &str, root: &str) -> Vec<String> {
    let g = parse(callgrind);
    let Some(start) = g.names.iter().position(|n| n.contains(root)) else {
        return Vec::new();
    };
    let inclusive = |f: usize| -> u64 {
        g.self_cost.get(&f).copied().unwrap_or(0)
            + g.edges.get(&f).map_or(0, |es| es.iter().map(|e| e.1).sum())
    };
    let mut out: HashMap<String, u64> = HashMap::new();
    let mut stack: Vec<usize> = Vec::new();
    walk(
        &g,
        start,
        inclusive(start) as f64,
        &mut stack,
        &mut out,
        &inclusive,
    );
    let mut lines: Vec<String> = out
        .into_iter()
        .filter(|(_, c)| *c > 0)
        .map(|(s, c)| format!("{s} {c}"))
        .collect();
    lines.sort();
    lines
}

fn walk(
    g: &Graph,
    f: usize,
    budget: f64,
    stack: &mut Vec<usize>,
    out: &mut HashMap<String, u64>,
    inclusive: &dyn Fn(usize) -> u64,
) {
    let total = inclusive(f).max(1) as f64;
    let scale = (budget / total).min(1.0);
    stack.push(f);
    let path = stack
        .iter()
        .map(|&i| g.names[i].replace(';', ":"))
        .collect::<Vec<_>>()
        .join(";");
    let mut own = g.self_cost.get(&f).copied().unwrap_or(0) as f64 * scale;
    for &(c, cost) in g.edges.get(&f).map_or(&[][..], |v| v.as_slice()) {
        let part = cost as f64 * scale;
        if stack.contains(&c) || stack.len() >= 48 {
            own += part; // recursion or too deep: charge to the caller
        } else if part >= 1.0 {
            walk(g, c, part, stack, out, inclusive);
        }
    }
    *out.entry(path).or_default() += own.round() as u64;
    stack.pop();
}

/// Renders folded stacks as an SVG flamegraph.
pub fn svg(title: &str, folded: &[String]) -> Result<Vec<u8>, String> {
    let mut opts = inferno::flamegraph::Options::default();
    opts.title = title.to_owned();
    opts.count_name = "instructions".to_owned();
    let mut out = Vec::new();
    inferno::flamegraph::from_lines(&mut opts, folded.iter().map(String::as_str), &mut out)
        .map_err(|e| e.to_string())?;
    Ok(out)
}

/// A differential flamegraph (inferno's): the shape is `after`'s stacks,
/// red where `after` spends more instructions than `before`, blue where
/// less. Both sides are per-call folded stacks.
pub fn differential_svg(
    title: &str,
    before: &[String],
    after: &[String],
) -> Result<Vec<u8>, String> {
    let join = |v: &[String]| v.join("\n").into_bytes();
    let mut diff = Vec::new();
    inferno::differential::from_readers(
        inferno::differential::Options::default(),
        join(before).as_slice(),
        join(after).as_slice(),
        &mut diff,
    )
    .map_err(|e| e.to_string())?;
    let text = String::from_utf8_lossy(&diff).into_owned();
    let mut opts = inferno::flamegraph::Options::default();
    opts.title = title.to_owned();
    opts.count_name = "instructions".to_owned();
    let mut out = Vec::new();
    inferno::flamegraph::from_lines(&mut opts, text.lines(), &mut out)
        .map_err(|e| e.to_string())?;
    Ok(out)
}

/// One function's cost per call of the measured operation.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FnCost {
    pub name: String,
    pub instructions_per_op: f64,
    /// Percent of the measured loop's instructions.
    pub pct: f64,
}

/// Where a path's instructions go, per call, from its callgrind run.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Profile {
    pub total_per_op: f64,
    /// Top functions by self (exclusive) instructions.
    pub exclusive: Vec<FnCost>,
    /// Top functions by inclusive instructions (the loop itself left out).
    pub inclusive: Vec<FnCost>,
    /// Self instructions in memcpy/memmove/memset.
    pub copy_per_op: f64,
    /// Self instructions in the allocator (malloc, free, operator new ...).
    pub alloc_per_op: f64,
    /// Self instructions in checks (UTF-8, bounds, `valid`/`check` names).
    pub validation_per_op: f64,
    /// Function calls per operation; 0 until measured by
    /// [`calls_per_op`] (callgrind counts calls made outside the toggled
    /// region too, so one file cannot tell them).
    pub calls_per_op: f64,
    /// Every `calls=` count in the file (inside and outside the loop).
    #[serde(default)]
    pub calls_in_file: u64,
}

/// Calls per operation from two callgrind files of the same id run with
/// `n` and `2n` iterations: set-up calls cancel out.
pub fn calls_per_op(calls_n: u64, calls_2n: u64, n: u64) -> f64 {
    calls_2n.saturating_sub(calls_n) as f64 / n.max(1) as f64
}

/// Every `calls=` count of a callgrind file.
pub fn calls_in_file(callgrind: &str) -> u64 {
    callgrind
        .lines()
        .filter_map(|l| l.strip_prefix("calls="))
        .filter_map(|r| r.split_whitespace().next()?.parse::<u64>().ok())
        .sum()
}

/// Which cost a function's name says it is.
fn category(name: &str) -> Option<&'static str> {
    let n = name.to_ascii_lowercase();
    let base = n.rsplit("::").next().unwrap_or(&n);
    if [
        "memcpy",
        "memmove",
        "memset",
        "copy_from_slice",
        "copy_nonoverlapping",
    ]
    .iter()
    .any(|k| n.contains(k))
    {
        Some("copy")
    } else if [
        "malloc",
        "free",
        "realloc",
        "calloc",
        "memalign",
        "tcache",
        "operator new",
        "operator delete",
        "__rust_alloc",
        "__rust_dealloc",
        "__rust_realloc",
        "__rdl_",
        "on_alloc",
        "on_free",
        "usable_size",
        "raw_vec",
        "grow_one",
        "reserve",
    ]
    .iter()
    .any(|k| n.contains(k))
        || base == "cfree"
    {
        Some("alloc")
    } else if ["valid", "check", "utf8", "utf_8", "verify", "bounds"]
        .iter()
        .any(|k| n.contains(k))
    {
        Some("validation")
    } else {
        None
    }
}

/// `root` and every function it reaches through calls that cost something.
fn descendants(g: &Graph, root: usize) -> std::collections::HashSet<usize> {
    let mut seen = std::collections::HashSet::from([root]);
    let mut todo = vec![root];
    while let Some(f) = todo.pop() {
        for &(c, cost) in g.edges.get(&f).map_or(&[][..], |v| v.as_slice()) {
            if cost > 0 && seen.insert(c) {
                todo.push(c);
            }
        }
    }
    seen
}

/// The profile of the measured loop (root: first name containing `root`),
/// divided by `iterations` calls.
pub fn profile(callgrind: &str, root: &str, iterations: u64, top: usize) -> Option<Profile> {
    let g = parse(callgrind);
    let start = g.names.iter().position(|n| n.contains(root))?;
    let n = iterations.max(1) as f64;
    let inclusive = |f: usize| -> u64 {
        g.self_cost.get(&f).copied().unwrap_or(0)
            + g.edges.get(&f).map_or(0, |es| es.iter().map(|e| e.1).sum())
    };
    let total = inclusive(start).max(1) as f64;
    let cost = |name: &str, v: u64| FnCost {
        name: name.to_owned(),
        instructions_per_op: v as f64 / n,
        pct: v as f64 / total * 100.0,
    };
    // Only what the measured loop reaches: its callers (main ...) include
    // it, and set-up outside it made calls whose costs were not collected.
    let below = descendants(&g, start);
    let named = |f: &usize| {
        let n = &g.names[*f];
        !n.is_empty() && !n.starts_with("0x")
    };
    let mut ex: Vec<(usize, u64)> = g
        .self_cost
        .iter()
        .filter(|(f, _)| below.contains(f))
        .map(|(&f, &c)| (f, c))
        .collect();
    ex.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let mut inc: Vec<(usize, u64)> = below
        .iter()
        .copied()
        .filter(|&f| f != start && named(&f))
        .map(|f| (f, inclusive(f).min(total as u64)))
        .filter(|x| x.1 > 0)
        .collect();
    inc.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let mut by_cat: HashMap<&str, u64> = HashMap::new();
    for (&f, &c) in g.self_cost.iter().filter(|(f, _)| below.contains(f)) {
        if let Some(k) = category(&g.names[f]) {
            *by_cat.entry(k).or_default() += c;
        }
    }
    let cat = |k: &str| by_cat.get(k).copied().unwrap_or(0) as f64 / n;
    Some(Profile {
        total_per_op: total / n,
        exclusive: ex
            .iter()
            .take(top)
            .map(|&(f, c)| cost(&g.names[f], c))
            .collect(),
        inclusive: inc
            .iter()
            .take(top)
            .map(|&(f, c)| cost(&g.names[f], c))
            .collect(),
        copy_per_op: cat("copy"),
        alloc_per_op: cat("alloc"),
        validation_per_op: cat("validation"),
        calls_per_op: 0.0,
        calls_in_file: calls_in_file(callgrind),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "\
events: Ir
fn=(1) giopbench_measured_loop
1 10
cfn=(2) encode
calls=2 0
1 100
fn=(2)
1 40
cfn=(3) memcpy
calls=2 0
1 60
fn=(3)
1 60
";

    #[test]
    fn stacks_follow_the_call_graph_with_inclusive_costs() {
        let f = folded(SAMPLE, "measured_loop");
        assert_eq!(
            f,
            vec![
                "giopbench_measured_loop 10".to_string(),
                "giopbench_measured_loop;encode 40".to_string(),
                "giopbench_measured_loop;encode;memcpy 60".to_string(),
            ]
        );
        let svg = svg("t", &f).unwrap();
        assert!(String::from_utf8_lossy(&svg).contains("memcpy"));
    }

    #[test]
    fn profile_ranks_functions_and_sorts_costs_into_kinds() {
        let p = profile(SAMPLE, "measured_loop", 2, 5).unwrap();
        assert_eq!(p.total_per_op, 55.0);
        assert_eq!(p.exclusive[0].name, "memcpy");
        assert_eq!(p.exclusive[0].instructions_per_op, 30.0);
        assert!((p.exclusive[0].pct - 60.0 / 110.0 * 100.0).abs() < 1e-9);
        assert_eq!(p.inclusive[0].name, "encode");
        assert_eq!(p.inclusive[0].instructions_per_op, 50.0);
        assert_eq!(p.copy_per_op, 30.0);
        assert_eq!(p.alloc_per_op, 0.0);
        assert_eq!(p.calls_in_file, 4);
        assert_eq!(calls_per_op(45_259, 49_377, 4), 1029.5);
    }

    #[test]
    fn differential_flamegraph_marks_growth() {
        let before = folded(SAMPLE, "measured_loop");
        let after: Vec<String> = before
            .iter()
            .map(|l| l.replace("memcpy 60", "memcpy 120"))
            .collect();
        let svg = differential_svg("d", &before, &after).unwrap();
        let text = String::from_utf8_lossy(&svg);
        assert!(text.contains("memcpy") && text.contains("<svg"), "{text}");
        // inferno colours growth red: some fill has a red component of 255.
        assert!(text.contains("rgb(255,"), "no red frame in {text}");
    }
}
