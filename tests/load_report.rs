//! The load report end to end: `--servers rust,rust` gives a baseline and a
//! refactored side (distinct names), the Performance Report sections, the
//! goal and gate from the harness' judge on the default 3 rounds (an
//! interval over the rounds' p95 ratios), and the exports (results.json,
//! BMF, Prometheus); `load merge` adds the generators' HDR histograms.

#[path = "common/cli.rs"]
mod cli;

use cli::{giopbench, json, read, scenario_dir};

const SCENARIO: &str = r#"
name = "tiny"
mode = "open"
connections = 2
thresholds = ["p95 < 5s", "errors < 0.1%"]
stages = [{ duration = "1s", target = 150 }]
mix = [
  { op = "echo_string", weight = 2, size = 16 },
  { op = "sum_longs", size = 64 },
]
"#;

#[test]
fn report_judges_the_refactored_side_and_exports() {
    let (dir, scenario) = scenario_dir("loadrep", SCENARIO);
    let sc = scenario.to_str().unwrap();
    let (a, b) = (dir.join("a"), dir.join("b"));
    for out in [&a, &b] {
        let o = giopbench(&[
            "load",
            "--servers",
            "rust,rust",
            "--scenario",
            sc,
            "--out",
            out.to_str().unwrap(),
        ]);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    }
    let md = read(&a.join("report.md"));
    for section in [
        "## Summary",
        "## Test Configuration",
        "### Latency",
        "| p95 |",
        "### Throughput",
        "| RPS |",
        "Errors: timeout",
        "Errors: COMM_FAILURE",
        "Errors: MessageError",
        "Errors: wrong reply",
        "### Resources",
        "Memory (max RSS)",
        "Connections opened",
        "### Goal and gate",
        "## Conclusion",
    ] {
        assert!(md.contains(section), "report lacks {section:?}:\n{md}");
    }
    assert!(md.contains("| Metric | Baseline (rust) | Refactored (rust#2) | Change | Target |"));
    // The p95 threshold is the Target of the p95 row.
    assert!(md.contains("| <5000000 |"), "{md}");

    let results = json(&a.join("results.json"));
    let entries = results["entries"].as_array().unwrap();
    let backends: Vec<&str> = entries
        .iter()
        .map(|e| e["id"]["backend"].as_str().unwrap())
        .collect();
    assert_eq!(backends, ["rust", "rust#2"]);
    let j = &results["judgements"].as_array().unwrap()[0];
    assert_eq!(j["baseline"], "rust");
    assert_eq!(j["refactored"], "rust#2");
    assert!(j["p95_ratio"]["ratio"].as_f64().unwrap() > 0.0, "{j}");
    // Three rounds: min..max of the rounds' ratios, 75% coverage.
    assert_eq!(j["p95_ratio"]["confidence"].as_f64(), Some(0.75), "{j}");
    assert!(md.contains("interval over rounds"), "{md}");
    assert!(
        ["Pass", "Warn", "Fail"].contains(&j["gate"].as_str().unwrap()),
        "{j}"
    );
    let load = json(&a.join("load.json"));
    let ok = |load: &serde_json::Value, i: usize| -> u64 {
        let rounds = load["servers"][i]["rounds"].as_array().unwrap();
        assert_eq!(rounds.len(), 3, "the default is 3 rounds");
        rounds.iter().map(|r| r["ok"].as_u64().unwrap()).sum()
    };
    let ok_a: Vec<u64> = (0..2).map(|i| ok(&load, i)).collect();
    for (e, ok) in entries.iter().zip(&ok_a) {
        assert_eq!(e["latency"]["samples"].as_u64(), Some(*ok), "{e}");
    }

    let bmf = json(&a.join("bmf.json"));
    for m in ["rps", "error-rate", "rss-max", "p95-latency"] {
        assert!(
            bmf["load/rust#2/tiny"][m]["value"].as_f64().is_some(),
            "bmf lacks {m}: {bmf}"
        );
    }
    let prom = read(&a.join("metrics.prom"));
    assert!(prom.contains("giopbench_latency_seconds_bucket{operation=\"load\",backend=\"rust\""));
    assert!(
        prom.contains("giopbench_load_requests_per_second{operation=\"load\",backend=\"rust#2\"")
    );
    assert!(prom.contains("kind=\"COMM_FAILURE\"} 0"), "{prom}");

    // Two generators merged: the HDR histograms add up, server by server.
    let m = dir.join("m");
    let o = giopbench(&[
        "load",
        "merge",
        a.join("load.json").to_str().unwrap(),
        b.join("load.json").to_str().unwrap(),
        "--out",
        m.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let lb = json(&b.join("load.json"));
    let merged = json(&m.join("results.json"));
    for i in 0..2 {
        let ok_b = ok(&lb, i);
        assert_eq!(
            merged["entries"][i]["latency"]["samples"].as_u64(),
            Some(ok_a[i] + ok_b),
            "server {i}"
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}
