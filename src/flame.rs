//! Flamegraphs from callgrind output: instruction counts per call path of
//! one hot path's measured loop, rendered with `inferno`.
//!
//! Callgrind records self costs per function and inclusive costs per
//! caller→callee edge, not whole stacks, so stacks are rebuilt from the
//! measured loop downwards, splitting each function's cost among the paths
//! that reach it in proportion to their calls' inclusive costs (the usual
//! approximation for callgrind flamegraphs).

use std::collections::HashMap;

#[derive(Default, Debug)]
struct Graph {
    names: Vec<String>,
    self_cost: HashMap<usize, u64>,
    edges: HashMap<usize, Vec<(usize, u64)>>,
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
    for line in text.lines() {
        if let Some(rest) = line.strip_prefix("fn=") {
            current = Some(intern(&mut g, rest));
        } else if let Some(rest) = line.strip_prefix("cfn=") {
            callee = Some(intern(&mut g, rest));
        } else if line.starts_with("calls=") {
            in_call = true;
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
}
