//! `export --format prometheus`: the Prometheus text exposition format
//! (version 0.0.4), for a textfile collector or a Pushgateway. Latency is a
//! histogram in seconds; instructions, allocations and the judgements are
//! gauges. Labels: operation, backend, payload (and baseline/refactored on
//! the per-path ratios).

use crate::results::Results;
use std::fmt::Write as _;

/// A label value with `\`, `"` and newlines escaped as the format asks.
fn label(v: &str) -> String {
    v.replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('\n', "\\n")
}

fn labels(pairs: &[(&str, &str)]) -> String {
    let inner: Vec<String> = pairs
        .iter()
        .map(|(k, v)| format!("{k}=\"{}\"", label(v)))
        .collect();
    format!("{{{}}}", inner.join(","))
}

/// A float as the format writes it (`+Inf`, `NaN`, or a plain number).
fn num(v: f64) -> String {
    if v.is_nan() {
        "NaN".into()
    } else if v.is_infinite() {
        if v > 0.0 { "+Inf" } else { "-Inf" }.into()
    } else {
        format!("{v}")
    }
}

fn header(s: &mut String, name: &str, kind: &str, help: &str) {
    let _ = writeln!(s, "# HELP {name} {help}\n# TYPE {name} {kind}");
}

pub fn exposition(r: &Results) -> String {
    let mut s = String::new();
    let id_labels = |e: &crate::results::Entry| {
        [
            ("operation", e.id.operation.to_string()),
            ("backend", e.id.backend.clone()),
            ("payload", e.id.payload.clone()),
        ]
    };
    header(
        &mut s,
        "giopbench_latency_seconds",
        "histogram",
        "Single-call latency, backends interleaved call by call.",
    );
    for e in r.entries.iter().filter(|e| !e.latency_buckets.is_empty()) {
        let Some(l) = e.latency else { continue };
        let base = id_labels(e);
        let pairs: Vec<(&str, &str)> = base.iter().map(|(k, v)| (*k, v.as_str())).collect();
        for &(le_ns, n) in &e.latency_buckets {
            let le = num(le_ns as f64 / 1e9);
            let mut p = pairs.clone();
            p.push(("le", &le));
            let _ = writeln!(s, "giopbench_latency_seconds_bucket{} {n}", labels(&p));
        }
        let mut p = pairs.clone();
        p.push(("le", "+Inf"));
        let _ = writeln!(
            s,
            "giopbench_latency_seconds_bucket{} {}",
            labels(&p),
            l.samples
        );
        let _ = writeln!(
            s,
            "giopbench_latency_seconds_sum{} {}",
            labels(&pairs),
            num(l.mean_ns * l.samples as f64 / 1e9)
        );
        let _ = writeln!(
            s,
            "giopbench_latency_seconds_count{} {}",
            labels(&pairs),
            l.samples
        );
    }
    type Getter = fn(&crate::results::Entry) -> Option<f64>;
    let gauges: [(&str, &str, Getter); 6] = [
        (
            "giopbench_p95_latency_seconds",
            "p95 single-call latency (HDR histogram).",
            |e| e.latency.map(|l| l.p95_ns as f64 / 1e9),
        ),
        (
            "giopbench_instructions_per_call",
            "Instructions per call under callgrind (deterministic).",
            |e| e.instructions,
        ),
        (
            "giopbench_allocations_per_call",
            "Heap allocations per call, every allocator in the process.",
            |e| e.allocations.map(|a| a.allocs_per_op),
        ),
        (
            "giopbench_allocated_bytes_per_call",
            "Heap bytes allocated per call.",
            |e| e.allocations.map(|a| a.bytes_per_op),
        ),
        (
            "giopbench_heap_growth_bytes_per_call",
            "Live-heap growth per call in steady state (leak check).",
            |e| e.allocations.map(|a| a.heap_growth_per_op),
        ),
        (
            "giopbench_throughput_bytes_per_second",
            "CDR bytes per second from batched calls.",
            |e| e.throughput.map(|t| t.mb_per_s * 1e6),
        ),
    ];
    for (name, help, get) in gauges {
        header(&mut s, name, "gauge", help);
        for e in &r.entries {
            if let Some(v) = get(e) {
                let base = id_labels(e);
                let pairs: Vec<(&str, &str)> = base.iter().map(|(k, v)| (*k, v.as_str())).collect();
                let _ = writeln!(s, "{name}{} {}", labels(&pairs), num(v));
            }
        }
    }
    header(
        &mut s,
        "giopbench_p95_ratio",
        "gauge",
        "Refactored p95 over baseline p95 per hot path (bootstrap point estimate).",
    );
    ratio_gauges(&mut s, r);
    s
}

fn ratio_gauges(s: &mut String, r: &Results) {
    let pairs_of = |j: &crate::results::Judgement| -> Vec<(String, String)> {
        let (op, payload) = j.path.split_once('/').unwrap_or((&j.path, ""));
        vec![
            ("operation".into(), op.to_owned()),
            ("payload".into(), payload.to_owned()),
            ("baseline".into(), j.baseline.clone()),
            ("refactored".into(), j.refactored.clone()),
        ]
    };
    let line = |s: &mut String, name: &str, p: &[(String, String)], v: f64| {
        let refs: Vec<(&str, &str)> = p.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        let _ = writeln!(s, "{name}{} {}", labels(&refs), num(v));
    };
    for j in &r.judgements {
        if let Some(iv) = j.p95_ratio {
            line(s, "giopbench_p95_ratio", &pairs_of(j), iv.ratio);
        }
    }
    header(
        s,
        "giopbench_instructions_ratio",
        "gauge",
        "Refactored instructions over baseline instructions per hot path.",
    );
    for j in &r.judgements {
        if let Some(x) = j.instructions_ratio {
            line(s, "giopbench_instructions_ratio", &pairs_of(j), x);
        }
    }
    header(
        s,
        "giopbench_gate_failed",
        "gauge",
        "1 when the hot path's regression gate FAILs, else 0.",
    );
    for j in &r.judgements {
        let failed = f64::from(u8::from(j.gate == crate::judge::Gate::Fail));
        line(s, "giopbench_gate_failed", &pairs_of(j), failed);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn label_values_are_escaped() {
        assert_eq!(label("a\"b\\c\nd"), "a\\\"b\\\\c\\nd");
        assert_eq!(num(f64::INFINITY), "+Inf");
        assert_eq!(num(0.5), "0.5");
    }
}
