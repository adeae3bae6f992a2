//! Soak mode: `--duration` runs one steady stage and reports p95 and RSS in
//! ten time windows with their drift; every reply lands in one window.

use std::process::Command;

const SCENARIO: &str = r#"
name = "soak"
mode = "open"
connections = 2
thresholds = ["errors < 0.1%"]
stages = [{ duration = "1s", target = 50 }, { duration = "1s", target = 200 }]
mix = [{ op = "echo_string", size = 32 }]
"#;

#[test]
fn soak_reports_windows_and_drift() {
    let dir = std::env::temp_dir().join(format!("giopbench-soak-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let scenario = dir.join("soak.toml");
    std::fs::write(&scenario, SCENARIO).unwrap();
    let out = dir.join("out");
    let o = Command::new(env!("CARGO_BIN_EXE_giopbench"))
        .args(["load", "--scenario", scenario.to_str().unwrap()])
        .args(["--duration", "4s", "--out", out.to_str().unwrap()])
        .output()
        .expect("giopbench runs");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let load: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("load.json")).unwrap()).unwrap();
    // One steady stage at the peak (200/s) for 4 s.
    assert_eq!(load["load"]["peak_target"].as_f64(), Some(200.0));
    assert_eq!(load["load"]["duration_s"].as_f64(), Some(4.0));
    let round = &load["servers"][0]["rounds"][0];
    let windows = round["windows"].as_array().unwrap();
    assert_eq!(windows.len(), 10);
    for (i, w) in windows.iter().enumerate() {
        let (s, e) = (w["start_s"].as_f64().unwrap(), w["end_s"].as_f64().unwrap());
        assert!(
            (s - i as f64 * 0.4).abs() < 1e-6 && (e - s - 0.4).abs() < 1e-6,
            "{w}"
        );
    }
    let md = std::fs::read_to_string(out.join("report.md")).unwrap();
    let rows: Vec<Vec<&str>> = md
        .lines()
        .filter(|l| l.starts_with("| rust | 0 | ") && l.matches('|').count() == 9)
        .map(|l| l.split('|').map(str::trim).collect())
        .collect();
    assert_eq!(rows.len(), 10, "{md}");
    let requests: u64 = rows.iter().map(|r| r[5].parse::<u64>().unwrap()).sum();
    assert_eq!(
        Some(requests),
        round["ok"].as_u64(),
        "every reply in a window"
    );
    assert!(
        rows.iter().all(|r| r[5].parse::<u64>().unwrap() > 0),
        "{md}"
    );
    assert!(md.contains("### Soak: drift"), "{md}");
    let drift = md
        .lines()
        .skip_while(|l| !l.starts_with("### Soak: drift"))
        .find(|l| l.starts_with("| rust | 0 |"))
        .unwrap_or_else(|| panic!("no drift row:\n{md}"));
    let cells: Vec<&str> = drift.split('|').map(str::trim).collect();
    // p95 and RSS: first → last window.
    assert!(cells[3].contains('→') && cells[5].contains('→'), "{drift}");
    let _ = std::fs::remove_dir_all(&dir);
}
