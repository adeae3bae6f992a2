//! The `giopbench` binary as the CLI tests run it (tests/load_cli.rs,
//! tests/load_report.rs, tests/cli_list.rs): `#[path = "common/cli.rs"] mod cli;`.
#![allow(dead_code)] // each test crate uses its own subset

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// `giopbench args...`, its output collected.
pub fn giopbench(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_giopbench"))
        .args(args)
        .output()
        .expect("giopbench runs")
}

/// A JSON file, parsed.
pub fn json(p: &Path) -> serde_json::Value {
    serde_json::from_str(&read(p)).unwrap()
}

/// A text file.
pub fn read(p: &Path) -> String {
    std::fs::read_to_string(p).unwrap()
}

/// A fresh directory `giopbench-{tag}-{pid}` under the temp dir with the
/// scenario `text` in it as tiny.toml: (directory, scenario file).
pub fn scenario_dir(tag: &str, text: &str) -> (PathBuf, PathBuf) {
    let dir = std::env::temp_dir().join(format!("giopbench-{tag}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let scenario = dir.join("tiny.toml");
    std::fs::write(&scenario, text).unwrap();
    (dir, scenario)
}
