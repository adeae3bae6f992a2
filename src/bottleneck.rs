//! Bottleneck analyses in the seed's template (Symptom; Profiling Data;
//! Flamegraph; Root Cause; Recommendation; Expected Impact; Next Steps),
//! filled from the run's own data: callgrind's per-function counts on both
//! sides, allocations per call, memcpy instructions against the memcpy row.
//! Every sentence is derived from a measured figure; where a figure is
//! missing the analysis says so instead of guessing.

use crate::flame::Profile;
use crate::judge::{Gate, GoalVerdict};
use crate::prepared::MEMCPY;
use crate::results::{Entry, Judgement, Results};
use std::fmt::Write as _;

/// A cost kind that dominates a path.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cause {
    AllocationBound,
    CopyBound,
    ValidationBound,
    CallOverhead,
    /// Instructions are not the problem (fewer than the baseline's) but
    /// latency is: memory stalls or the machine's noise.
    NotInstructions,
    /// None of the above: computation in the hottest function.
    Compute,
}

impl Cause {
    pub fn as_str(self) -> &'static str {
        match self {
            Cause::AllocationBound => "allocation-bound",
            Cause::CopyBound => "copy-bound",
            Cause::ValidationBound => "validation-bound",
            Cause::CallOverhead => "call overhead",
            Cause::NotInstructions => "not instruction-bound",
            Cause::Compute => "compute-bound",
        }
    }
}

/// Shares of instructions above which a kind of cost is called dominant.
const ALLOC_SHARE: f64 = 0.20;
const COPY_SHARE: f64 = 0.30;
const VALIDATION_SHARE: f64 = 0.15;
/// Fewer instructions than this per function call means the path is mostly
/// calls and returns.
const CALL_OVERHEAD_IR_PER_CALL: f64 = 30.0;

/// The causes the profile shows, strongest first.
pub fn causes(p: &Profile, instructions_ratio: Option<f64>) -> Vec<(Cause, f64)> {
    let total = p.total_per_op.max(1.0);
    let mut v = Vec::new();
    for (c, share, min) in [
        (Cause::AllocationBound, p.alloc_per_op / total, ALLOC_SHARE),
        (Cause::CopyBound, p.copy_per_op / total, COPY_SHARE),
        (
            Cause::ValidationBound,
            p.validation_per_op / total,
            VALIDATION_SHARE,
        ),
    ] {
        if share >= min {
            v.push((c, share));
        }
    }
    v.sort_by(|a, b| b.1.total_cmp(&a.1));
    if p.calls_per_op > 0.0 && total / p.calls_per_op < CALL_OVERHEAD_IR_PER_CALL {
        v.push((Cause::CallOverhead, total / p.calls_per_op));
    }
    if v.is_empty() {
        if instructions_ratio.is_some_and(|r| r < 1.0) {
            v.push((Cause::NotInstructions, instructions_ratio.unwrap_or(1.0)));
        } else {
            v.push((
                Cause::Compute,
                p.exclusive.first().map_or(0.0, |f| f.pct / 100.0),
            ));
        }
    }
    v
}

/// The paths that get an analysis: every gate FAIL or WARN, and every
/// goal NOT MET. A path that could not be judged (too little evidence)
/// has no symptom to analyse.
pub fn needs_analysis(j: &Judgement) -> bool {
    matches!(j.gate, Gate::Warn | Gate::Fail) || j.goal_verdict == GoalVerdict::NotMet
}

/// The heading (and HTML anchor text) of a path's analysis.
pub fn heading(path: &str) -> String {
    format!("Bottleneck Analysis: giopbench - {path}")
}

fn pct(x: f64) -> String {
    format!("{:+.1}%", (x - 1.0) * 100.0)
}

fn num(x: f64) -> String {
    if x >= 1e6 {
        format!("{:.2} M", x / 1e6)
    } else if x >= 1e4 {
        format!("{:.1} k", x / 1e3)
    } else {
        format!("{x:.0}")
    }
}

/// Instructions memcpy spends per byte, from a memcpy row: the same path's
/// when it has one, else the largest in the run.
fn memcpy_ir_per_byte(r: &Results, path: &str) -> Option<(f64, String)> {
    let rows = r
        .entries
        .iter()
        .filter(|e| e.id.backend == MEMCPY && e.bytes > 0);
    let row = rows
        .clone()
        .find(|e| e.id.path() == path)
        .or_else(|| rows.max_by_key(|e| e.bytes))?;
    let copy = row.profile.as_ref()?.copy_per_op;
    (copy > 0.0).then(|| (copy / row.bytes as f64, row.id.to_string()))
}

fn symptom(s: &mut String, j: &Judgement) {
    let lat = j.p95_ratio.map_or("latency not measured".into(), |i| {
        format!(
            "p95 {} (95% CI {} .. {})",
            pct(i.ratio),
            pct(i.low),
            pct(i.high)
        )
    });
    let ins = j
        .instructions_ratio
        .map_or("instructions not counted".into(), |x| {
            format!("instructions {}", pct(x))
        });
    let _ = writeln!(
        s,
        "#### Symptom\n\n`{}` ({}) against {}: {lat}, {ins}. Gate **{}**; goal {} **{}**{}.\n",
        j.path,
        j.refactored,
        j.baseline,
        j.gate.as_str(),
        j.goal,
        j.goal_verdict.as_str(),
        if j.noisy {
            " (latency taken while the machine was busy)"
        } else {
            ""
        }
    );
}

fn profile_table(s: &mut String, side: &str, p: &Profile) {
    let _ = writeln!(
        s,
        "{side}: {} instructions per call{}.\n\n| rank | exclusive (self) | instr/call | % | inclusive | instr/call | % |\n| --- | --- | --- | --- | --- | --- | --- |",
        num(p.total_per_op),
        if p.calls_per_op > 0.0 {
            format!(", {:.1} function calls per call", p.calls_per_op)
        } else {
            String::new()
        }
    );
    for i in 0..p.exclusive.len().max(p.inclusive.len()).min(5) {
        let cell = |v: &[crate::flame::FnCost]| {
            v.get(i).map_or("| | | ".to_string(), |f| {
                format!(
                    "| `{}` | {} | {:.1}% ",
                    short(&f.name),
                    num(f.instructions_per_op),
                    f.pct
                )
            })
        };
        let _ = writeln!(
            s,
            "| {} {}{}|",
            i + 1,
            cell(&p.exclusive),
            cell(&p.inclusive)
        );
    }
    s.push('\n');
}

/// Function names without their argument lists and long paths, for tables.
fn short(name: &str) -> String {
    let n = name.split('(').next().unwrap_or(name).trim();
    let n = n.replace('|', "/");
    if n.chars().count() > 70 {
        let tail: String = n
            .chars()
            .rev()
            .take(67)
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        format!("…{tail}")
    } else {
        n
    }
}

/// Appends one path's analysis.
pub fn analysis(s: &mut String, r: &Results, j: &Judgement) {
    let _ = writeln!(s, "### {}\n", heading(&j.path));
    symptom(s, j);
    let x = r.side(&j.path, &j.refactored);
    let b = r.side(&j.path, &j.baseline);
    let xp = x.and_then(|e| e.profile.as_ref());
    let bp = b.and_then(|e| e.profile.as_ref());
    let _ = writeln!(s, "#### Profiling Data\n");
    let _ = writeln!(
        s,
        "**Tool**: callgrind ({}), instructions counted inside the measured loop only, glibc dispatch pinned",
        r.meta.valgrind
    );
    match xp.and_then(|p| p.exclusive.first()) {
        Some(f) => {
            let _ = writeln!(
                s,
                "**Hot Function**: `{}` ({})\n**% of Total**: {:.1}% of the path's instructions (exclusive)\n",
                short(&f.name),
                j.refactored,
                f.pct
            );
        }
        None => {
            let _ = writeln!(
                s,
                "**Hot Function**: not available (no callgrind profile for {}; run without --no-instructions)\n",
                j.refactored
            );
        }
    }
    if let Some(p) = xp {
        profile_table(s, &format!("Refactored ({})", j.refactored), p);
    }
    if let Some(p) = bp {
        profile_table(s, &format!("Baseline ({})", j.baseline), p);
    }
    let alloc = |e: Option<&Entry>| {
        e.and_then(|e| e.allocations).map_or("–".into(), |a| {
            format!(
                "{:.2} allocations, {} B",
                a.allocs_per_op,
                num(a.bytes_per_op)
            )
        })
    };
    let _ = writeln!(
        s,
        "Allocations per call: refactored {}; baseline {}.\n",
        alloc(x),
        alloc(b)
    );
    let per_byte = memcpy_ir_per_byte(r, &j.path);
    let copied = |p: Option<&Profile>| -> String {
        match (p, &per_byte) {
            (Some(p), Some((ipb, _))) => format!("≈ {} B", num(p.copy_per_op / ipb)),
            (Some(p), None) => format!("{} instructions in memcpy", num(p.copy_per_op)),
            _ => "–".into(),
        }
    };
    let bytes = x.map_or(0, |e| e.bytes);
    let _ = writeln!(
        s,
        "Bytes copied per call (memcpy/memmove instructions over {}): refactored {}, baseline {}; the call moves {bytes} B of CDR.\n",
        per_byte
            .as_ref()
            .map_or("no memcpy row in this run".to_string(), |(_, id)| format!(
                "`{id}`'s instructions per byte"
            )),
        copied(xp),
        copied(bp)
    );
    let link = |e: Option<&Entry>, what: &str| {
        e.and_then(|e| e.flamegraph.as_ref())
            .map(|f| format!("[{what}]({f})"))
    };
    let diff = format!("flamegraphs/{}__diff.svg", j.path.replace('/', "__"));
    let links: Vec<String> = [
        link(x, &format!("refactored ({})", j.refactored)),
        link(b, &format!("baseline ({})", j.baseline)),
        (xp.is_some() && bp.is_some())
            .then(|| format!("[differential, baseline → refactored]({diff})")),
    ]
    .into_iter()
    .flatten()
    .collect();
    let _ = writeln!(
        s,
        "**Flamegraph**: {}\n",
        if links.is_empty() {
            "none in this run".to_string()
        } else {
            links.join(" · ")
        }
    );
    conclusions(s, r, j, xp, bp, x);
}

fn conclusions(
    s: &mut String,
    r: &Results,
    j: &Judgement,
    xp: Option<&Profile>,
    bp: Option<&Profile>,
    x: Option<&Entry>,
) {
    let Some(p) = xp else {
        let _ = writeln!(
            s,
            "#### Root Cause\n\nNot determined: this run has no instruction profile for `{}`.\n\n\
             #### Recommendation\n\nRe-run with instruction counts: `giopbench run --filter {}`.\n\n\
             #### Expected Impact\n\nUnknown until profiled.\n\n#### Next Steps\n\n1. Profile the path.\n",
            j.path, j.path
        );
        return;
    };
    let total = p.total_per_op.max(1.0);
    let found = causes(p, j.instructions_ratio);
    let _ = writeln!(s, "#### Root Cause\n");
    let mut recs = Vec::new();
    let mut impact = Vec::new();
    for (c, v) in &found {
        let line = match c {
            Cause::AllocationBound => {
                let a = x.and_then(|e| e.allocations);
                recs.push(format!(
                    "Allocate less per call: reuse the output buffer and decoded containers across calls (the {:.1} allocations per call are the target).",
                    a.map_or(0.0, |a| a.allocs_per_op)
                ));
                impact.push((v * 100.0, "allocator"));
                format!(
                    "**{}**: {:.0}% of the instructions ({} per call) are in the allocator, for {:.2} allocations of {} B per call.",
                    c.as_str(),
                    v * 100.0,
                    num(p.alloc_per_op),
                    a.map_or(0.0, |a| a.allocs_per_op),
                    num(a.map_or(0.0, |a| a.bytes_per_op))
                )
            }
            Cause::CopyBound => {
                recs.push("Copy once: write elements straight into the destination (or hand out a borrowed slice) instead of staging them in an intermediate buffer.".into());
                impact.push((v * 100.0, "memcpy"));
                format!(
                    "**{}**: {:.0}% of the instructions ({} per call) are memcpy/memmove.",
                    c.as_str(),
                    v * 100.0,
                    num(p.copy_per_op)
                )
            }
            Cause::ValidationBound => {
                recs.push("Check in bulk: validate whole runs (one UTF-8 or bounds check per string or sequence) rather than per element.".into());
                impact.push((v * 100.0, "checks"));
                format!(
                    "**{}**: {:.0}% of the instructions ({} per call) are in checking functions (UTF-8, bounds, validation).",
                    c.as_str(),
                    v * 100.0,
                    num(p.validation_per_op)
                )
            }
            Cause::CallOverhead => {
                recs.push(format!(
                    "Inline the per-element path: {:.0} calls per operation average {v:.0} instructions each; a monomorphised loop over the elements removes most of them.",
                    p.calls_per_op
                ));
                format!(
                    "**{}**: {:.0} function calls per operation, {v:.0} instructions per call on average.",
                    c.as_str(),
                    p.calls_per_op
                )
            }
            Cause::NotInstructions => {
                let busy = if j.noisy {
                    "the machine was busy during this group (see Noise), so re-run on a quiet machine or with --rounds 3"
                } else {
                    "the machine was quiet, so look at memory behaviour (cache misses, page faults of fresh buffers)"
                };
                recs.push(format!("Confirm the latency with more samples (`giopbench run --filter {} --rounds 3`); {busy}.", j.path));
                format!(
                    "**{}**: the refactored side runs {} the baseline's instructions ({}), yet its p95 is not lower; the time goes where instructions do not show it: {busy}.",
                    c.as_str(),
                    pct(*v),
                    j.baseline
                )
            }
            Cause::Compute => {
                let f = p.exclusive.first();
                recs.push(format!(
                    "Work on `{}`: it is the largest self cost; compare its per-element instructions with the baseline's hottest function.",
                    f.map_or("?".into(), |f| short(&f.name))
                ));
                impact.push((v * 100.0, "the hottest function"));
                format!(
                    "**{}**: no allocator, copy or check share dominates; `{}` alone takes {:.0}% of the instructions.",
                    c.as_str(),
                    f.map_or("?".into(), |f| short(&f.name)),
                    v * 100.0
                )
            }
        };
        let _ = writeln!(s, "- {line}");
    }
    if let (Some(bp), Some(ratio)) = (bp, j.instructions_ratio) {
        let _ = writeln!(
            s,
            "- Against the baseline: {} instructions per call vs {} ({}).",
            num(total),
            num(bp.total_per_op),
            pct(ratio)
        );
    }
    let _ = writeln!(s, "\n#### Recommendation\n");
    for (i, rec) in recs.iter().enumerate() {
        let _ = writeln!(s, "{}. {rec}", i + 1);
    }
    let _ = writeln!(s, "\n#### Expected Impact\n");
    match impact.first() {
        Some((share, what)) => {
            let after = total * (1.0 - share / 100.0);
            let ratio_after = j.instructions_ratio.map(|x| x * (1.0 - share / 100.0));
            let _ = writeln!(
                s,
                "Removing the {what} cost entirely would take at most {share:.0}% of the instructions off this path ({} → {} per call){}; latency follows instructions only where the path is not memory-bound.",
                num(total),
                num(after),
                ratio_after.map_or(String::new(), |r| format!(
                    ", instructions {} against the baseline",
                    pct(r)
                ))
            );
        }
        None => {
            let _ = writeln!(
                s,
                "No instruction saving is indicated by the profile; the gain, if any, is in latency once the cause above is confirmed."
            );
        }
    }
    let _ = writeln!(
        s,
        "\n#### Next Steps\n\n1. Open the differential flamegraph above (red frames: more instructions than the baseline).\n\
         2. After a fix: `giopbench compare --base main --filter {}` (exit 1 on a regression above {}%).\n\
         3. Confirm latency on pooled rounds: `giopbench run --filter {} --rounds 3`.\n",
        j.path.split('/').next().unwrap_or(&j.path),
        r.threshold_pct,
        j.path
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::flame::FnCost;

    fn profile(alloc: f64, copy: f64, validation: f64, calls: f64) -> Profile {
        Profile {
            total_per_op: 1000.0,
            exclusive: vec![FnCost {
                name: "encode".into(),
                instructions_per_op: 400.0,
                pct: 40.0,
            }],
            inclusive: Vec::new(),
            copy_per_op: copy,
            alloc_per_op: alloc,
            validation_per_op: validation,
            calls_per_op: calls,
            calls_in_file: 0,
        }
    }

    #[test]
    fn only_warn_fail_or_a_missed_goal_get_an_analysis() {
        use crate::judge::Evidence;
        use crate::workload::Class;
        let mut j = Evidence::new("decode_any/x", Class::Any, "omniorb", "rust")
            .instructions(Some(0.9))
            .judge();
        j.goal_verdict = GoalVerdict::Met;
        for (gate, analysed) in [
            (Gate::NotJudged, false),
            (Gate::Pass, false),
            (Gate::Warn, true),
            (Gate::Fail, true),
        ] {
            j.gate = gate;
            assert_eq!(needs_analysis(&j), analysed, "{gate:?}");
        }
        j.gate = Gate::NotJudged;
        j.goal_verdict = GoalVerdict::NotMet;
        assert!(needs_analysis(&j));
    }

    #[test]
    fn causes_follow_the_shares() {
        let c = causes(&profile(300.0, 0.0, 0.0, 10.0), Some(1.2));
        assert_eq!(c[0].0, Cause::AllocationBound);
        assert!((c[0].1 - 0.3).abs() < 1e-9);
        let c = causes(&profile(250.0, 600.0, 0.0, 10.0), Some(1.2));
        assert_eq!(
            c.iter().map(|x| x.0).collect::<Vec<_>>(),
            vec![Cause::CopyBound, Cause::AllocationBound]
        );
        assert_eq!(
            causes(&profile(0.0, 0.0, 200.0, 10.0), None)[0].0,
            Cause::ValidationBound
        );
        // 1000 instructions in 100 calls: 10 a call.
        assert_eq!(
            causes(&profile(0.0, 0.0, 0.0, 100.0), None)[0].0,
            Cause::CallOverhead
        );
        // Fewer instructions than the baseline and nothing dominant.
        assert_eq!(
            causes(&profile(0.0, 0.0, 0.0, 10.0), Some(0.5))[0].0,
            Cause::NotInstructions
        );
        let c = causes(&profile(0.0, 0.0, 0.0, 10.0), Some(1.5));
        assert_eq!(c[0].0, Cause::Compute);
        assert!((c[0].1 - 0.4).abs() < 1e-9);
    }
}
