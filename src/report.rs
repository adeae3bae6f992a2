//! The performance report, in the template users already use: Summary;
//! Test Configuration; Latency; Throughput; Resources; Analysis;
//! Recommendations; Conclusion. Markdown and HTML (with SVG charts).

use crate::results::{Judgement, Results};
use crate::stats::Verdict;
use crate::workload::Class;
use std::fmt::Write as _;

/// PASS / PASS WITH WARNING / FAIL over all judged hot paths.
pub fn conclusion(r: &Results) -> &'static str {
    if r.judgements.iter().any(|j| j.verdict == Verdict::Fail) {
        "FAIL"
    } else if r.judgements.iter().any(|j| j.verdict == Verdict::Warn) || r.judgements.is_empty() {
        "PASS WITH WARNING"
    } else {
        "PASS"
    }
}

fn ns(v: Option<u64>) -> String {
    v.map_or("–".into(), |x| {
        if x >= 1_000_000 {
            format!("{:.2} ms", x as f64 / 1e6)
        } else if x >= 1_000 {
            format!("{:.2} µs", x as f64 / 1e3)
        } else {
            format!("{x} ns")
        }
    })
}

fn pct_change(ratio: f64) -> String {
    format!("{:+.1}%", (ratio - 1.0) * 100.0)
}

fn count(v: Option<f64>) -> String {
    v.map_or("–".into(), |x| {
        if x >= 1e6 {
            format!("{:.2} M", x / 1e6)
        } else if x >= 1e3 {
            format!("{:.1} k", x / 1e3)
        } else {
            format!("{x:.1}")
        }
    })
}

/// The judgements, worst first (highest ratio against its goal).
fn worst_first(r: &Results) -> Vec<&Judgement> {
    let mut v: Vec<&Judgement> = r.judgements.iter().collect();
    let badness = |j: &Judgement| {
        let verdict = match j.verdict {
            Verdict::Fail => 2.0,
            Verdict::Warn => 1.0,
            Verdict::Pass => 0.0,
        };
        verdict * 100.0 + j.p95_ratio.map_or(0.0, |i| i.ratio / j.goal)
    };
    v.sort_by(|a, b| badness(b).total_cmp(&badness(a)));
    v
}

pub fn markdown(r: &Results) -> String {
    let m = &r.meta;
    let mut s = String::new();
    let verdict = conclusion(r);
    let _ = writeln!(s, "# Performance Report\n");
    let _ = writeln!(s, "## Summary\n");
    let (p, w, f) = r
        .judgements
        .iter()
        .fold((0, 0, 0), |(p, w, f), j| match j.verdict {
            Verdict::Pass => (p + 1, w, f),
            Verdict::Warn => (p, w + 1, f),
            Verdict::Fail => (p, w, f + 1),
        });
    let _ = writeln!(
        s,
        "Baseline: **{}**. Refactored: **{}**. {} hot paths judged: {p} PASS, {w} WARN, {f} FAIL. \
         Conclusion: **{verdict}**.\n",
        m.baseline,
        m.refactored,
        r.judgements.len()
    );
    let _ = writeln!(s, "## Test Configuration\n");
    let _ = writeln!(s, "| item | value |\n| --- | --- |");
    for (k, v) in [
        ("timestamp (UTC)", &m.timestamp),
        ("git revision", &m.git_revision),
        ("command", &m.command),
        ("rustc", &m.rustc),
        ("valgrind", &m.valgrind),
        ("glibc", &m.glibc),
        ("CPU", &m.cpu_model),
        ("OS", &m.os),
    ] {
        let _ = writeln!(s, "| {k} | `{v}` |");
    }
    let _ = writeln!(s, "| cores | {} |", m.cores);
    let _ = writeln!(
        s,
        "\nLatency: single calls timed with `Instant`, backends interleaved call by call, \
         summarised in HDR histograms; the interval is a 95% percentile bootstrap of the p95 \
         ratio. Instructions: callgrind, counted only inside the measured loop, glibc's CPU \
         dispatch pinned (`GLIBC_TUNABLES`). Allocations: every `malloc` in the process \
         (Rust, C++ and Ada alike).\n"
    );

    let _ = writeln!(s, "## Latency\n");
    let _ = writeln!(
        s,
        "| hot path | baseline | p50 | p95 | p99 | refactored p50 | p95 | p99 | p95 change (95% CI) | target | verdict |"
    );
    let _ = writeln!(
        s,
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"
    );
    for j in &r.judgements {
        let b = find(r, &j.path, &j.baseline).and_then(|e| e.latency);
        let x = find(r, &j.path, &j.refactored).and_then(|e| e.latency);
        let change = j.p95_ratio.map_or("–".into(), |i| {
            format!(
                "{} ({} .. {})",
                pct_change(i.ratio),
                pct_change(i.low),
                pct_change(i.high)
            )
        });
        let _ = writeln!(
            s,
            "| `{}` | {} | {} | {} | {} | {} | {} | {} | {} | {} | **{}** |",
            j.path,
            j.baseline,
            ns(b.map(|l| l.p50_ns)),
            ns(b.map(|l| l.p95_ns)),
            ns(b.map(|l| l.p99_ns)),
            ns(x.map(|l| l.p50_ns)),
            ns(x.map(|l| l.p95_ns)),
            ns(x.map(|l| l.p99_ns)),
            change,
            j.goal_text,
            j.verdict.as_str()
        );
    }

    let _ = writeln!(s, "\n## Throughput\n");
    let _ = writeln!(
        s,
        "| id | bytes/op | time/op | ops/s | MB/s |\n| --- | --- | --- | --- | --- |"
    );
    for e in &r.entries {
        if let Some(t) = e.throughput {
            let _ = writeln!(
                s,
                "| `{}` | {} | {} | {} | {:.1} |",
                e.id,
                e.bytes,
                ns(Some(t.ns_per_op.round() as u64)),
                count(Some(t.ops_per_s)),
                t.mb_per_s
            );
        }
    }

    let _ = writeln!(s, "\n## Resources\n");
    let _ = writeln!(
        s,
        "| id | instructions/op | allocations/op | bytes allocated/op | peak heap | leaked/op |\n| --- | --- | --- | --- | --- | --- |"
    );
    for e in &r.entries {
        let a = e.allocations;
        let _ = writeln!(
            s,
            "| `{}` | {} | {} | {} | {} | {} |",
            e.id,
            count(e.instructions),
            a.map_or("–".into(), |a| format!("{:.2}", a.allocs_per_op)),
            count(a.map(|a| a.bytes_per_op)),
            a.map_or("–".into(), |a| format!("{} B", a.peak_bytes)),
            a.map_or("–".into(), |a| format!("{:.1} B", a.leaked_bytes_per_op)),
        );
    }
    let notes: Vec<_> = r
        .entries
        .iter()
        .filter_map(|e| e.note.as_ref().map(|n| (e, n)))
        .collect();
    if !notes.is_empty() {
        let _ = writeln!(s, "\nNot measured:\n");
        for (e, n) in notes {
            let _ = writeln!(s, "- `{}`: {n}", e.id);
        }
    }

    let _ = writeln!(s, "\n## Analysis\n");
    let _ = writeln!(s, "The biggest changes, worst first:\n");
    for j in worst_first(r).iter().take(12) {
        let lat = j.p95_ratio.map_or("no latency".into(), |i| {
            format!("p95 {}", pct_change(i.ratio))
        });
        let ins = j.instructions_ratio.map_or(String::new(), |x| {
            format!(", instructions {}", pct_change(x))
        });
        let mc = j.memcpy_fraction.map_or(String::new(), |x| {
            format!(", {:.0}% of memcpy throughput", x * 100.0)
        });
        let _ = writeln!(
            s,
            "- **{}** `{}` ({} vs {}): {lat}{ins}{mc}; target {}.",
            j.verdict.as_str(),
            j.path,
            j.refactored,
            j.baseline,
            j.goal_text
        );
    }
    let leaks: Vec<_> = r
        .entries
        .iter()
        .filter(|e| e.allocations.is_some_and(|a| a.leaked_bytes_per_op > 0.5))
        .collect();
    if leaks.is_empty() {
        let _ = writeln!(
            s,
            "\nLeak check: no operation left heap memory live after its calls."
        );
    } else {
        let _ = writeln!(s, "\nLeak check: heap still live after the calls:");
        for e in leaks {
            let _ = writeln!(
                s,
                "- `{}`: {:.1} B per call",
                e.id,
                e.allocations.map_or(0.0, |a| a.leaked_bytes_per_op)
            );
        }
    }

    s.push_str(&crate::complexity::report_section(r));
    let _ = writeln!(s, "\n## Recommendations\n");
    let mut any = false;
    for j in worst_first(r) {
        if j.verdict == Verdict::Pass {
            continue;
        }
        any = true;
        let what = match (j.verdict, j.class) {
            (Verdict::Warn, _) => "the change is within noise: re-run with more samples (`giopbench latency --samples 20000`) or look at instruction counts, which are exact".to_string(),
            (_, Class::Bulk) => "bulk path below its goal: check that the native-order path is one copy and the swapped path vectorises (instruction counts per function in the flamegraph)".to_string(),
            _ => "profile this path (flamegraph, callgrind per-function counts) and remove the dominant cost".to_string(),
        };
        let _ = writeln!(s, "- `{}`: {what}.", j.path);
    }
    if !any {
        let _ = writeln!(
            s,
            "- Every judged hot path meets its goal; keep the instruction-count gate in CI."
        );
    }
    let _ = writeln!(s, "\n## Conclusion\n\n**{verdict}**");
    s
}

fn find<'a>(r: &'a Results, path: &str, backend: &str) -> Option<&'a crate::results::Entry> {
    r.entries
        .iter()
        .find(|e| e.id.path() == path && e.id.backend == backend)
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// A horizontal bar chart (SVG) of refactored/baseline p95 ratios, with the
/// goal drawn as a line per bar.
fn ratio_chart(r: &Results) -> String {
    let rows: Vec<&Judgement> = r
        .judgements
        .iter()
        .filter(|j| j.p95_ratio.is_some())
        .collect();
    let h = 24 * rows.len() + 40;
    let scale = 300.0 / 2.0; // 300 px = ratio 2.0
    let mut s = format!(
        "<svg xmlns='http://www.w3.org/2000/svg' width='760' height='{h}' font-family='sans-serif' font-size='12'>"
    );
    let x0 = 330.0;
    let _ = write!(
        s,
        "<line x1='{x}' y1='10' x2='{x}' y2='{}' stroke='#444'/><text x='{x}' y='{}' text-anchor='middle'>1.0</text>",
        h - 20,
        h - 6,
        x = x0 + scale
    );
    for (i, j) in rows.iter().enumerate() {
        let Some(iv) = j.p95_ratio else { continue };
        let y = 14 + 24 * i;
        let w = (iv.ratio.min(2.0) * scale).max(1.0);
        let color = match j.verdict {
            Verdict::Pass => "#2e7d32",
            Verdict::Warn => "#f9a825",
            Verdict::Fail => "#c62828",
        };
        let _ = write!(
            s,
            "<text x='{}' y='{}' text-anchor='end'>{}</text><rect x='{x0}' y='{y}' width='{w:.1}' height='16' fill='{color}'/>\
             <line x1='{g:.1}' y1='{}' x2='{g:.1}' y2='{}' stroke='#000' stroke-dasharray='3,2'/>\
             <text x='{}' y='{}'>{:.2}×</text>",
            x0 - 6.0,
            y + 12,
            esc(&j.path),
            y - 2,
            y + 18,
            x0 + w + 4.0,
            y + 12,
            iv.ratio,
            g = x0 + j.goal * scale,
        );
    }
    s.push_str("</svg>");
    s
}

pub fn html(r: &Results, md: &str, flamegraphs: &[(String, String)]) -> String {
    let mut s = String::from(
        "<!doctype html><html><head><meta charset='utf-8'><title>giopbench performance report</title>\
         <style>body{font-family:sans-serif;max-width:1200px;margin:2em auto;padding:0 1em}\
         table{border-collapse:collapse;font-size:13px}td,th{border:1px solid #ccc;padding:3px 6px}\
         code{font-size:12px}pre{white-space:pre-wrap}</style></head><body>",
    );
    let _ = write!(
        s,
        "<h1>Performance Report: {}</h1><h2>p95 latency, refactored / baseline (dashed: goal)</h2>{}",
        conclusion(r),
        ratio_chart(r)
    );
    if !flamegraphs.is_empty() {
        s.push_str("<h2>Flamegraphs</h2><ul>");
        for (id, file) in flamegraphs {
            let _ = write!(s, "<li><a href='{}'>{}</a></li>", esc(file), esc(id));
        }
        s.push_str("</ul>");
    }
    // The markdown report, rendered simply: tables and headings.
    let mut in_table = false;
    for line in md.lines() {
        if let Some(h) = line.strip_prefix("## ") {
            if in_table {
                s.push_str("</table>");
                in_table = false;
            }
            let _ = write!(s, "<h2>{}</h2>", esc(h));
        } else if line.starts_with("# ") {
            continue;
        } else if line.starts_with('|') {
            if line.contains("| --- ") {
                continue;
            }
            if !in_table {
                s.push_str("<table>");
                in_table = true;
            }
            s.push_str("<tr>");
            for cell in line.trim_matches('|').split(" | ") {
                let c = esc(cell.trim()).replace('`', "");
                let c = c.replace("**", "");
                let _ = write!(s, "<td>{c}</td>");
            }
            s.push_str("</tr>");
        } else {
            if in_table {
                s.push_str("</table>");
                in_table = false;
            }
            if !line.trim().is_empty() {
                let t = esc(line).replace("**", "").replace('`', "");
                let _ = write!(s, "<p>{t}</p>");
            }
        }
    }
    if in_table {
        s.push_str("</table>");
    }
    s.push_str("</body></html>");
    s
}
