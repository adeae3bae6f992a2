//! The performance report, in the seed's template: Summary; Test
//! Configuration; Results (verdicts, latency, throughput, resources);
//! Analysis (noise, leak check); Bottleneck Analyses; Recommendations;
//! Conclusion. Markdown here, HTML in [`crate::html`].
//!
//! [`markdown`] is a list of section functions, each appending to the
//! report: a new section is one call there.

use crate::bottleneck;
use crate::judge::{Gate, GoalVerdict};
use crate::results::{Judgement, Results};
use std::fmt::Write as _;

/// The gate over all judged hot paths: FAIL if any fails, PASS WITH
/// WARNING if any warns (or nothing was judged), else PASS.
pub fn overall_gate(r: &Results) -> Gate {
    if r.judgements.is_empty() {
        return Gate::Warn;
    }
    Gate::worst(r.judgements.iter().map(|j| Some(j.gate)))
}

/// The Conclusion's verdict line: PASS / PASS WITH WARNING / FAIL, and the
/// override when one was given.
pub fn conclusion(r: &Results) -> String {
    let g = overall_gate(r);
    match (&r.allowed_regression, g) {
        (Some(why), Gate::Fail) => format!("{} (regression allowed: {why})", g.as_str()),
        _ => g.as_str().to_owned(),
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

/// Paths by how far they are from passing: gate first, then goal.
fn worst_first(r: &Results) -> Vec<&Judgement> {
    let mut v: Vec<&Judgement> = r.judgements.iter().collect();
    let badness = |j: &Judgement| {
        let gate = match j.gate {
            Gate::Fail => 4.0,
            Gate::Warn => 2.0,
            Gate::Pass | Gate::NotJudged => 0.0,
        };
        let goal = if j.goal_verdict == GoalVerdict::NotMet {
            1.0
        } else {
            0.0
        };
        (gate + goal) * 100.0 + j.p95_ratio.map_or(0.0, |i| i.ratio)
    };
    v.sort_by(|a, b| badness(b).total_cmp(&badness(a)));
    v
}

fn count_by<T: PartialEq>(r: &Results, f: impl Fn(&Judgement) -> T, v: T) -> usize {
    r.judgements.iter().filter(|j| f(j) == v).count()
}

/// The whole report.
pub fn markdown(r: &Results) -> String {
    let mut s = String::new();
    title(&mut s, r);
    summary(&mut s, r);
    configuration(&mut s, r);
    native_forms(&mut s, r);
    verdicts(&mut s, r);
    latency(&mut s, r);
    throughput(&mut s, r);
    resources(&mut s, r);
    analysis(&mut s, r);
    bottlenecks(&mut s, r);
    s.push_str(&crate::complexity::report_section(r));
    recommendations(&mut s, r);
    conclusion_section(&mut s, r);
    s
}

fn title(s: &mut String, r: &Results) {
    let _ = writeln!(
        s,
        "# Performance Report: giopbench - {}\n",
        r.meta.timestamp
    );
}

/// Busy groups' count and the worst of them.
fn busy_note(r: &Results) -> Option<String> {
    let busy: Vec<_> = r.noise.iter().filter(|n| n.busy).collect();
    if busy.is_empty() {
        return None;
    }
    let worst = busy
        .iter()
        .max_by(|a, b| a.other_cpu_cores.total_cmp(&b.other_cpu_cores))?;
    Some(format!(
        "The machine was busy during {} of {} groups (others used up to {:.1} cores, steal up to {:.1}%, load {:.2}): \
         latency verdicts of those paths are marked ⚠ busy; instruction counts are unaffected.",
        busy.len(),
        r.noise.len(),
        worst.other_cpu_cores,
        busy.iter().map(|n| n.steal_pct).fold(0.0, f64::max),
        worst.after.load1
    ))
}

fn summary(s: &mut String, r: &Results) {
    let m = &r.meta;
    let n = r.judgements.len();
    let met = count_by(r, |j| j.goal_verdict, GoalVerdict::Met);
    let imet = count_by(r, |j| j.instructions_goal, GoalVerdict::Met);
    let goals: std::collections::BTreeSet<String> =
        r.judgements.iter().map(|j| j.goal.to_string()).collect();
    let goals: Vec<String> = goals.into_iter().collect();
    let _ = writeln!(s, "## Summary\n");
    let _ = writeln!(
        s,
        "{} ({}) against {}: goal ({}) **MET on {met} of {n}** hot paths by latency and on {imet} of {n} by instructions; \
         gate (regression threshold {}%): {} PASS, {} PASS WITH WARNING, {} FAIL. Conclusion: **{}**.\n",
        m.refactored,
        if r.rounds > 1 {
            format!("{} pooled rounds", r.rounds)
        } else {
            "one round".to_string()
        },
        m.baseline,
        if goals.is_empty() { "none".into() } else { goals.join(", ") },
        r.threshold_pct,
        count_by(r, |j| j.gate, Gate::Pass),
        count_by(r, |j| j.gate, Gate::Warn),
        count_by(r, |j| j.gate, Gate::Fail),
        conclusion(r)
    );
    match busy_note(r) {
        Some(note) => {
            let _ = writeln!(s, "**Noise:** {note}\n");
        }
        None if !r.noise.is_empty() => {
            let _ = writeln!(
                s,
                "**Noise:** the machine was quiet during every group (others under {:.0}% of its CPU, no steal above {:.0}%).\n",
                crate::noise::BUSY_OTHER_FRACTION * 100.0,
                crate::noise::BUSY_STEAL_PCT
            );
        }
        None => {}
    }
    if let Some(why) = &r.allowed_regression {
        let _ = writeln!(s, "**Manual override:** regression accepted: {why}\n");
    }
}

fn configuration(s: &mut String, r: &Results) {
    let m = &r.meta;
    let _ = writeln!(s, "## Test Configuration\n");
    let _ = writeln!(s, "| item | value |\n| --- | --- |");
    let _ = writeln!(s, "| Service | giopbench (CDR/GIOP/TypeCode marshalling) |");
    let _ = writeln!(
        s,
        "| Version | baseline: {} / refactored: {} |",
        m.baseline, m.refactored
    );
    for (k, v) in [
        ("Date (UTC)", &m.timestamp),
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
        "\nLoad: single calls, backends interleaved call by call{}, summarised in HDR histograms; intervals are 95% \
         percentile bootstraps of the refactored/baseline ratio. Instructions: callgrind, counted only inside the \
         measured loop, glibc's CPU dispatch pinned (`GLIBC_TUNABLES`). Allocations: every `malloc` in the process \
         (Rust, C++ and Ada alike); heap growth is live heap after 2N calls minus after N (and 3N minus 2N), per call.\n",
        if r.rounds > 1 {
            format!(" in {} rounds (each starting at another backend), pooled", r.rounds)
        } else {
            String::new()
        }
    );
}

/// What each backend's measured calls start from and leave behind: the
/// figures compare different amounts of work where these differ.
fn native_forms(s: &mut String, r: &Results) {
    if r.native_forms.is_empty() {
        return;
    }
    let _ = writeln!(
        s,
        "## What Each Backend Marshals
"
    );
    let _ = writeln!(
        s,
        "Prepared outside the measured call: what `encode` starts from. Measured: what `decode` leaves \
         behind.\n"
    );
    let _ = writeln!(
        s,
        "| backend | family | encodes from | decodes into |\n| --- | --- | --- | --- |"
    );
    for f in &r.native_forms {
        let _ = writeln!(
            s,
            "| {} | {} | {} | {} |",
            f.backend, f.family, f.encodes_from, f.decodes_into
        );
    }
    s.push('\n');
}

fn verdicts(s: &mut String, r: &Results) {
    let _ = writeln!(s, "## Results\n\n### Verdicts\n");
    let _ = writeln!(
        s,
        "Goal: did the refactored side reach the goal against the baseline (MET when the whole interval, or the \
         exact instruction ratio, is at or under it). Gate: PASS when improved or unchanged, PASS WITH WARNING when \
         regressed by less than {}%, FAIL above; the path's gate is the worse of its latency and instruction gates, \
         except that a latency gate taken while the machine was busy (⚠ busy) is shown but does not decide when \
         the instructions were counted. Headroom: internal targets, shown only; they decide nothing.\n",
        r.threshold_pct
    );
    let _ = writeln!(
        s,
        "| hot path | baseline | goal | p95 change (95% CI) | instructions change | goal (latency) | goal (instructions) | gate (latency) | gate (instructions) | gate | headroom |"
    );
    let _ = writeln!(
        s,
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"
    );
    for j in &r.judgements {
        let change = j.p95_ratio.map_or("–".into(), |i| {
            format!(
                "{} ({} .. {})",
                pct_change(i.ratio),
                pct_change(i.low),
                pct_change(i.high)
            )
        });
        let busy = if j.noisy { " ⚠ busy" } else { "" };
        let gate = |g: Option<Gate>| g.map_or("–", Gate::as_str);
        let _ = writeln!(
            s,
            "| `{}` | {} | {} | {}{busy} | {} | {}{busy} | {} | {}{busy} | {} | **{}** | {} |",
            j.path,
            j.baseline,
            j.goal,
            change,
            j.instructions_ratio.map_or("–".into(), pct_change),
            j.goal_verdict.as_str(),
            j.instructions_goal.as_str(),
            gate(j.latency_gate),
            gate(j.instructions_gate),
            j.gate.as_str(),
            j.headroom.as_ref().map_or("–".into(), |h| format!(
                "{}: {} {}",
                h.target,
                h.reached,
                if h.met { "(reached)" } else { "(not yet)" }
            )),
        );
    }
    s.push('\n');
}

fn latency(s: &mut String, r: &Results) {
    let _ = writeln!(s, "### Latency\n");
    let _ = writeln!(
        s,
        "| hot path | baseline | p50 | p95 | p99 | refactored p50 | p95 | p99 | p95 change |"
    );
    let _ = writeln!(s, "| --- | --- | --- | --- | --- | --- | --- | --- | --- |");
    for j in &r.judgements {
        let b = r.side(&j.path, &j.baseline).and_then(|e| e.latency);
        let x = r.side(&j.path, &j.refactored).and_then(|e| e.latency);
        let _ = writeln!(
            s,
            "| `{}` | {} | {} | {} | {} | {} | {} | {} | {} |",
            j.path,
            j.baseline,
            ns(b.map(|l| l.p50_ns)),
            ns(b.map(|l| l.p95_ns)),
            ns(b.map(|l| l.p99_ns)),
            ns(x.map(|l| l.p50_ns)),
            ns(x.map(|l| l.p95_ns)),
            ns(x.map(|l| l.p99_ns)),
            j.p95_ratio.map_or("–".into(), |i| pct_change(i.ratio)),
        );
    }
    s.push('\n');
}

fn throughput(s: &mut String, r: &Results) {
    let _ = writeln!(s, "### Throughput\n");
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
    s.push('\n');
}

fn resources(s: &mut String, r: &Results) {
    let _ = writeln!(s, "### Resources\n");
    let _ = writeln!(
        s,
        "| id | instructions/op | allocations/op | bytes allocated/op | peak heap | heap growth/op |\n| --- | --- | --- | --- | --- | --- |"
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
            a.map_or("–".into(), |a| format!("{:.1} B", a.heap_growth_per_op)),
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
    s.push('\n');
}

fn analysis(s: &mut String, r: &Results) {
    let _ = writeln!(s, "## Analysis\n");
    if !r.noise.is_empty() {
        let _ = writeln!(s, "### Noise\n");
        let _ = writeln!(
            s,
            "| group | load before | load after | runnable before/after | others' CPU (cores) | steal | busy |\n| --- | --- | --- | --- | --- | --- | --- |"
        );
        for n in &r.noise {
            let _ = writeln!(
                s,
                "| `{}` | {:.2} | {:.2} | {}/{} | {:.2} | {:.1}% | {} |",
                n.group,
                n.before.load1,
                n.after.load1,
                n.before.running,
                n.after.running,
                n.other_cpu_cores,
                n.steal_pct,
                if n.busy { "⚠ yes" } else { "no" }
            );
        }
        s.push('\n');
    }
    let _ = writeln!(s, "### Leak check\n");
    let growing: Vec<_> = r
        .entries
        .iter()
        .filter(|e| e.allocations.is_some_and(|a| a.heap_growth_per_op > 0.0))
        .collect();
    if growing.is_empty() {
        let _ = writeln!(
            s,
            "No operation's live heap grew between N and 2N calls (nor between 2N and 3N).\n"
        );
    } else {
        let _ = writeln!(s, "Live heap grew in both intervals (N → 2N → 3N calls):\n");
        for e in growing {
            let _ = writeln!(
                s,
                "- `{}`: {:.1} B per call{}",
                e.id,
                e.allocations.map_or(0.0, |a| a.heap_growth_per_op),
                if e.growth_sites.is_empty() {
                    String::new()
                } else {
                    format!("; allocated at: {}", e.growth_sites.join("; "))
                }
            );
        }
        s.push('\n');
    }
    let _ = writeln!(s, "### Biggest changes\n");
    for j in worst_first(r).iter().take(12) {
        let lat = j.p95_ratio.map_or("no latency".into(), |i| {
            format!("p95 {}", pct_change(i.ratio))
        });
        let ins = j.instructions_ratio.map_or(String::new(), |x| {
            format!(", instructions {}", pct_change(x))
        });
        let _ = writeln!(
            s,
            "- `{}` ({} vs {}): {lat}{ins}; goal {} {}, gate {}.",
            j.path,
            j.refactored,
            j.baseline,
            j.goal,
            j.goal_verdict.as_str(),
            j.gate.as_str()
        );
    }
    s.push('\n');
}

fn bottlenecks(s: &mut String, r: &Results) {
    let paths: Vec<&Judgement> = worst_first(r)
        .into_iter()
        .filter(|j| bottleneck::needs_analysis(j))
        .collect();
    if paths.is_empty() {
        return;
    }
    let _ = writeln!(
        s,
        "## Bottleneck Analyses\n\nOne per path whose gate is not PASS or whose goal is NOT MET, worst first.\n"
    );
    for j in paths {
        bottleneck::analysis(s, r, j);
    }
}

fn recommendations(s: &mut String, r: &Results) {
    let _ = writeln!(s, "## Recommendations\n");
    let mut n = 0;
    for j in worst_first(r) {
        if !bottleneck::needs_analysis(j) {
            continue;
        }
        n += 1;
        let cause = r
            .side(&j.path, &j.refactored)
            .and_then(|e| e.profile.as_ref())
            .map(|p| bottleneck::causes(p, j.instructions_ratio))
            .and_then(|c| c.first().map(|c| c.0.as_str()))
            .unwrap_or("not profiled");
        let _ = writeln!(
            s,
            "{n}. `{}`: {cause}; see [its analysis](#{}).",
            j.path,
            slug(&bottleneck::heading(&j.path))
        );
        if n >= 10 {
            break;
        }
    }
    if n == 0 {
        let _ = writeln!(
            s,
            "1. Every judged hot path meets its goal and passes the gate; keep the instruction-count gate in CI."
        );
    }
    s.push('\n');
}

fn conclusion_section(s: &mut String, r: &Results) {
    let g = overall_gate(r);
    let n = r.judgements.len();
    let met = count_by(r, |j| j.goal_verdict, GoalVerdict::Met);
    let _ = writeln!(s, "## Conclusion\n\n{}\n", g.marked());
    let why = match g {
        Gate::NotJudged => "no hot path could be judged (too little evidence)".to_string(),
        Gate::Pass => "no hot path regressed against the baseline".to_string(),
        Gate::Warn => format!(
            "{} hot path(s) regressed by less than {}%: approve with a warning and investigate",
            count_by(r, |j| j.gate, Gate::Warn),
            r.threshold_pct
        ),
        Gate::Fail => format!(
            "{} hot path(s) regressed by more than {}%: request changes",
            count_by(r, |j| j.gate, Gate::Fail),
            r.threshold_pct
        ),
    };
    let _ = writeln!(
        s,
        "Gate: {why}. Goal: met on {met} of {n} hot paths by latency.{}",
        busy_note(r).map_or(String::new(), |_| {
            " Some latency verdicts were taken on a busy machine (see Noise).".into()
        })
    );
    if let Some(reason) = &r.allowed_regression {
        let _ = writeln!(s, "\nManual override recorded: {reason}");
    }
}

/// A short markdown summary for a PR comment (and GitHub's job summary).
pub fn pr_summary(r: &Results) -> String {
    let mut s = String::new();
    let g = overall_gate(r);
    let _ = writeln!(
        s,
        "### giopbench: {}\n\n{} against {}, threshold {}%.",
        g.marked(),
        r.meta.refactored,
        r.meta.baseline,
        r.threshold_pct
    );
    if let Some(why) = &r.allowed_regression {
        let _ = writeln!(s, "\n**Regression allowed by override:** {why}");
    }
    let _ = writeln!(
        s,
        "\n| hot path | instructions | p95 | gate |\n| --- | --- | --- | --- |"
    );
    let worst = worst_first(r);
    for j in worst.iter().take(10) {
        let _ = writeln!(
            s,
            "| `{}` | {} | {} | {} |",
            j.path,
            j.instructions_ratio.map_or("–".into(), pct_change),
            j.p95_ratio.map_or("–".into(), |i| pct_change(i.ratio)),
            j.gate.marked()
        );
    }
    if worst.len() > 10 {
        let _ = writeln!(s, "\n{} more in the full report.", worst.len() - 10);
    }
    s
}

/// An HTML anchor for a heading (lower case, non-alphanumerics as '-').
pub fn slug(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_matches('-').to_owned()
}
