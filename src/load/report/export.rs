//! The load report in the harness' common forms: one [`Entry`] per server
//! (latency from the HDR histogram), the goal and gate judged by
//! [`crate::judge::judge`] (the p95 ratio per round, with an interval over
//! rounds: see [`super::rounds`]), and the exports: results.json, BMF and
//! the Prometheus text format.

use super::rounds::{latency_intervals, NOT_JUDGED};
use super::{Report, ServerResult};
use crate::id::{BenchId, Operation};
use crate::judge::{judge, Evidence, Gate, GoalSpec};
use crate::results::{Entry, Judgement, Meta, Results};
use crate::stats::{Latency, BUCKETS_NS};
use crate::workload::Class;
use hdrhistogram::Histogram;
use std::fmt::Write as _;

/// The gate's threshold (the seed's "block merge if >5% regression").
const GATE_THRESHOLD: f64 = 0.05;

fn id(r: &Report, s: &ServerResult) -> BenchId {
    BenchId::new(Operation::Load, &s.server, &r.scenario)
}

/// At most `cap` values drawn evenly from the histogram's distribution
/// (each recorded value in proportion to its count): what the request-level
/// bootstrap used to judge on (tests compare against it).
#[cfg(test)]
pub(super) fn samples(h: &Histogram<u64>, cap: u64) -> Vec<u64> {
    let total = h.len();
    if total == 0 {
        return Vec::new();
    }
    let k = (cap as f64 / total as f64).min(1.0);
    let mut out = Vec::with_capacity(cap.min(total) as usize);
    let mut seen = 0u64;
    for v in h.iter_recorded() {
        let before = (seen as f64 * k).floor() as u64;
        seen += v.count_at_value();
        let after = (seen as f64 * k).floor() as u64;
        let n = after.saturating_sub(before).min(cap);
        out.extend(std::iter::repeat_n(v.value_iterated_to(), n as usize));
    }
    out
}

fn latency(h: &Histogram<u64>) -> Option<Latency> {
    if h.is_empty() {
        return None;
    }
    let ns = |us: u64| us.saturating_mul(1000);
    Some(Latency {
        samples: h.len(),
        min_ns: ns(h.min()),
        p50_ns: ns(h.value_at_quantile(0.50)),
        p95_ns: ns(h.value_at_quantile(0.95)),
        p99_ns: ns(h.value_at_quantile(0.99)),
        max_ns: ns(h.max()),
        mean_ns: h.mean() * 1000.0,
    })
}

fn entry(r: &Report, s: &ServerResult) -> Entry {
    let h = s.latency();
    let mut e = Entry::new(id(r, s), Class::Other, 0);
    e.latency = latency(&h);
    e.latency_buckets = BUCKETS_NS
        .iter()
        .map(|&le| (le, h.count_between(0, le / 1000)))
        .collect();
    e.note = Some(format!(
        "giopbench load: {:.0} RPS, {:.3}% errors, max RSS {} KiB",
        s.rps(),
        s.error_percent(),
        s.rss_max()
    ));
    e
}

/// Every refactored server (all but the first) judged against the first,
/// on rounds. With fewer than 3 rounds the latency intervals are `None`:
/// the goal is `NotMeasured`, there is no latency gate and the gate is
/// `NotJudged` (in results.json too); the report says "not judged" and the
/// exit code stays the thresholds'.
pub(super) fn judgements(r: &Report) -> Vec<Judgement> {
    let Some(base) = r.servers.first() else {
        return Vec::new();
    };
    let goal = GoalSpec::default();
    r.servers[1..]
        .iter()
        .map(|s| {
            let (p95, goal_ratio) = latency_intervals(base, s, &goal);
            let mut j = judge(Evidence {
                path: format!("load/{}", r.scenario),
                class: Class::Other,
                baseline: base.server.clone(),
                refactored: s.server.clone(),
                goal,
                p95_ratio: p95,
                goal_ratio,
                instructions_ratio: None,
                threshold: GATE_THRESHOLD,
                headroom: None,
                memcpy_fraction: None,
                noisy: false,
            });
            if j.latency_gate.is_none() && j.instructions_gate.is_none() {
                j.gate = Gate::NotJudged;
            }
            j
        })
        .collect()
}

/// The goal and gate verdicts as the report prints them: "not judged"
/// when the rounds gave no interval.
pub(super) fn verdicts(j: &Judgement) -> (&'static str, &'static str) {
    match (j.goal_ratio, j.p95_ratio) {
        (None, None) => (NOT_JUDGED, NOT_JUDGED),
        _ => (j.goal_verdict.as_str(), j.gate.as_str()),
    }
}

/// "0.512 (0.470–0.560, 75% coverage)".
pub(super) fn interval_text(j: &Judgement) -> Option<String> {
    j.p95_ratio.map(|iv| {
        format!(
            "{:.3} ({:.3}–{:.3}, {:.0}% coverage)",
            iv.ratio,
            iv.low,
            iv.high,
            iv.confidence * 100.0
        )
    })
}

pub(super) fn judgement_table(js: &[Judgement], m: &mut String) {
    if js.is_empty() {
        return;
    }
    let _ = writeln!(
        m,
        "\n### Goal and gate (refactored vs baseline)\n\n\
         The p95 ratio is the median of the rounds' ratios (refactored p95 / baseline p95 \
         of the same round); its interval is over rounds, with its coverage of the median \
         (min..max for few rounds). Judged from {} rounds on.\n\n\
         | Refactored | Baseline | p95 ratio (interval over rounds) | Goal | Goal verdict | Gate (>{:.0}% regression fails) |\n\
         |---|---|---|---|---|---|",
        super::rounds::MIN_ROUNDS,
        GATE_THRESHOLD * 100.0
    );
    for j in js {
        let ratio = interval_text(j).unwrap_or_else(|| "–".into());
        let (goal, gate) = verdicts(j);
        let _ = writeln!(
            m,
            "| {} | {} | {ratio} | {} | {goal} | {gate} |",
            j.refactored, j.baseline, j.goal,
        );
    }
}

/// The report as the harness' [`Results`] (results.json).
pub(super) fn results(r: &Report) -> Results {
    let name = |i: usize| r.servers.get(i).map_or("", |s| s.server.as_str());
    let mut results = Results::new(
        Meta::collect(name(0), name(1)),
        r.servers.iter().map(|s| entry(r, s)).collect(),
        judgements(r),
    );
    results.threshold_pct = GATE_THRESHOLD * 100.0;
    results.rounds = r.servers.first().map_or(0, |s| s.rounds.len());
    results
}

/// Load figures per server: (BMF measure, Prometheus gauge, help, value).
fn figures(s: &ServerResult) -> [(&'static str, &'static str, &'static str, f64); 4] {
    [
        (
            "rps",
            "giopbench_load_requests_per_second",
            "Correct replies per second.",
            s.rps(),
        ),
        (
            "error-rate",
            "giopbench_load_error_ratio",
            "Failed requests / all requests.",
            s.error_percent() / 100.0,
        ),
        (
            "cpu",
            "giopbench_load_server_cpu_ratio",
            "Server CPU time / wall time, mean over /proc samples.",
            s.cpu_mean() / 100.0,
        ),
        (
            "rss-max",
            "giopbench_load_server_rss_bytes",
            "Server peak RSS (/proc VmRSS).",
            s.rss_max() as f64 * 1024.0,
        ),
    ]
}

/// BMF: the harness' measures (p95-latency) plus the load figures.
pub(super) fn bmf(r: &Report, results: &Results) -> serde_json::Value {
    let mut root = results.to_bmf();
    for s in &r.servers {
        let key = id(r, s).to_string();
        let Some(serde_json::Value::Object(m)) = root.get_mut(&key) else {
            continue;
        };
        for (measure, _, _, v) in figures(s) {
            m.insert(measure.into(), serde_json::json!({ "value": v }));
        }
    }
    root
}

fn label(v: &str) -> String {
    v.replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('\n', "\\n")
}

/// The harness' exposition (latency histogram, judgements) plus the load
/// gauges and the error counters by kind.
pub(super) fn prometheus(r: &Report, results: &Results) -> String {
    let mut s = crate::prometheus::exposition(results);
    let labels = |x: &ServerResult| {
        format!(
            "operation=\"load\",backend=\"{}\",payload=\"{}\"",
            label(&x.server),
            label(&r.scenario)
        )
    };
    let Some(first) = r.servers.first() else {
        return s;
    };
    for (i, (_, name, help, _)) in figures(first).into_iter().enumerate() {
        let _ = writeln!(s, "# HELP {name} {help}\n# TYPE {name} gauge");
        for x in &r.servers {
            let _ = writeln!(s, "{name}{{{}}} {}", labels(x), figures(x)[i].3);
        }
    }
    let name = "giopbench_load_errors_total";
    let _ = writeln!(
        s,
        "# HELP {name} Failed requests by kind.\n# TYPE {name} counter"
    );
    for x in &r.servers {
        for k in super::ErrorKind::ALL {
            let _ = writeln!(
                s,
                "{name}{{{},kind=\"{}\"}} {}",
                labels(x),
                label(k.name()),
                x.error_count(k.name())
            );
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn samples_follow_the_distribution_within_the_cap() {
        let mut h = crate::load::client::new_histogram();
        for v in 1..=10_000u64 {
            h.record(v).unwrap();
        }
        let s = samples(&h, 1000);
        assert!((990..=1000).contains(&s.len()), "{}", s.len());
        let mut sorted = s.clone();
        sorted.sort_unstable();
        let p95 = sorted[(sorted.len() * 95) / 100];
        assert!((9400..=9600).contains(&p95), "p95 {p95}");
        // Under the cap every recorded value is kept.
        let mut small = crate::load::client::new_histogram();
        small.record_n(7, 3).unwrap();
        assert_eq!(samples(&small, 1000), vec![7, 7, 7]);
    }
}
