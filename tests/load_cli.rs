//! `giopbench load` end to end: starts both servers itself (omniORB, the
//! baseline, then the Rust one), runs a one-second scenario against each,
//! checks every reply, writes load.json with HDR histograms that
//! `load merge` adds up; a failing threshold sets the exit code. One round
//! each (`--rounds 1`): the goal and gate are then not judged.

#[path = "common/cli.rs"]
mod cli;

use cli::{giopbench, json, scenario_dir};

const SCENARIO: &str = r#"
name = "tiny"
mode = "open"
connections = 2
thresholds = ["errors < 0.1%"]
stages = [{ duration = "1s", target = 100 }]
mix = [
  { op = "echo_string", weight = 2, size = 16 },
  { op = "sum_longs", size = 64 },
  { op = "echo_records", size = 3, seed = 4 },
  { op = "echo_any", size = 2, seed = 5 },
]
"#;

#[test]
fn load_runs_checks_replies_and_merges() {
    let (dir, scenario) = scenario_dir("load", SCENARIO);
    let sc = scenario.to_str().unwrap();
    for (name, mode) in [("a", "open"), ("b", "closed")] {
        let text = SCENARIO
            .replace("mode = \"open\"", &format!("mode = \"{mode}\""))
            .replace(
                "target = 100",
                if mode == "open" {
                    "target = 100"
                } else {
                    "target = 2"
                },
            );
        std::fs::write(&scenario, text).unwrap();
        let out = dir.join(name);
        let o = giopbench(&[
            "load",
            "--rounds",
            "1",
            "--scenario",
            sc,
            "--out",
            out.to_str().unwrap(),
        ]);
        assert!(
            o.status.success(),
            "{mode}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        let j = json(&out.join("load.json"));
        // Both servers by default, the omniORB baseline first.
        let servers = j["servers"].as_array().unwrap();
        let names: Vec<&str> = servers
            .iter()
            .map(|s| s["server"].as_str().unwrap())
            .collect();
        assert_eq!(names, ["omniorb", "rust"], "{mode}");
        for server in servers {
            let round = &server["rounds"][0];
            let name = &server["server"];
            assert!(round["ok"].as_u64().unwrap() > 20, "{mode} {name}: {round}");
            assert!(
                round["errors"].as_object().unwrap().is_empty(),
                "{mode} {name}: {}",
                round["errors"]
            );
            assert!(!round["histogram_hex"].as_str().unwrap().is_empty());
        }
        // One round: no goal or gate verdict, in the report and the JSON.
        let md = std::fs::read_to_string(out.join("report.md")).unwrap();
        assert!(
            md.contains("| not judged (needs ≥ 3 rounds) | not judged (needs ≥ 3 rounds) |"),
            "{md}"
        );
        let r = json(&out.join("results.json"));
        let jd = &r["judgements"][0];
        assert!(jd["p95_ratio"].is_null(), "{jd}");
        assert_eq!(jd["goal_verdict"], "NotMeasured", "{jd}");
        assert!(jd["latency_gate"].is_null(), "{jd}");
        assert_eq!(jd["gate"], "NotJudged", "{jd}");
    }
    let merged = dir.join("m");
    let o = giopbench(&[
        "load",
        "merge",
        dir.join("a/load.json").to_str().unwrap(),
        dir.join("b/load.json").to_str().unwrap(),
        "--out",
        merged.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let m = json(&merged.join("load.json"));
    for server in m["servers"].as_array().unwrap() {
        let rounds = server["rounds"].as_array().unwrap();
        assert_eq!(rounds.len(), 2, "both generators' rounds kept: {server}");
    }
    // An impossible threshold fails the run.
    let o = giopbench(&[
        "load",
        "--rounds",
        "1",
        "--scenario",
        sc,
        "--threshold",
        "p50 < 1us",
        "--out",
        dir.join("c").to_str().unwrap(),
    ]);
    assert!(!o.status.success(), "p50 < 1us cannot pass");
    let _ = std::fs::remove_dir_all(&dir);
}
