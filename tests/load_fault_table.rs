//! `giopbench load faults --servers rust --seconds 2`: every fault has a
//! row with the server's response filled in, the other clients were served
//! with no error, and faults.json agrees with the printed table.

use std::process::Command;
use std::time::{Duration, Instant};

const FAULTS: [&str; 7] = [
    "garbage header",
    "oversized header",
    "disconnect mid-message",
    "slow client",
    "fragment flood",
    "connection churn",
    "cancel queued requests",
];

#[test]
fn fault_table_has_every_fault_with_no_error_for_the_others() {
    let out = std::env::temp_dir().join(format!("giopbench-faults-{}", std::process::id()));
    let started = Instant::now();
    let mut child = Command::new(env!("CARGO_BIN_EXE_giopbench"))
        .args([
            "load",
            "faults",
            "--servers",
            "rust",
            "--seconds",
            "2",
            "--out",
        ])
        .arg(&out)
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // Bounded in time: killed after 60 s.
    let status = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break s;
        }
        if started.elapsed() > Duration::from_secs(60) {
            let _ = child.kill();
            let _ = child.wait();
            panic!("giopbench load faults took more than 60 s");
        }
        std::thread::sleep(Duration::from_millis(100));
    };
    let mut stdout = String::new();
    use std::io::Read;
    child
        .stdout
        .take()
        .unwrap()
        .read_to_string(&mut stdout)
        .unwrap();
    assert!(status.success(), "exit {status:?}\n{stdout}");
    let rows: Vec<serde_json::Value> =
        serde_json::from_str(&std::fs::read_to_string(out.join("faults.json")).unwrap()).unwrap();
    assert_eq!(rows.len(), FAULTS.len());
    for fault in FAULTS {
        let row = rows
            .iter()
            .find(|r| r["fault"] == fault)
            .unwrap_or_else(|| panic!("no row for {fault}"));
        assert_eq!(row["server"], "rust");
        let response = row["response"].as_str().unwrap();
        assert!(!response.is_empty(), "{fault}: empty response");
        assert!(
            !response.starts_with("fault not injected"),
            "{fault}: {response}"
        );
        assert_eq!(row["others_errors"], 0, "{fault}: {row}");
        assert!(
            row["others_requests"].as_u64().unwrap() > 0,
            "{fault}: {row}"
        );
        assert_eq!(row["pass"], true, "{fault}: {row}");
        let line = stdout
            .lines()
            .find(|l| l.starts_with(&format!("| rust | {fault} |")))
            .unwrap_or_else(|| panic!("no table line for {fault}:\n{stdout}"));
        assert!(line.contains(response), "{line}");
    }
    // The Rust server answers bad headers with MessageError (§9.4.8).
    for fault in ["garbage header", "oversized header", "fragment flood"] {
        let row = rows.iter().find(|r| r["fault"] == fault).unwrap();
        assert_eq!(row["response"], "MessageError", "{fault}");
    }
    let cancel = rows
        .iter()
        .find(|r| r["fault"] == "cancel queued requests")
        .unwrap();
    assert!(
        cancel["response"].as_str().unwrap().ends_with("correct"),
        "{cancel}"
    );
    let _ = std::fs::remove_dir_all(&out);
}
