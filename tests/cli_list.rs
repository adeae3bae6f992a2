//! `giopbench list` on a closed pipe (`giopbench list | head`) stops
//! quietly with success, as Unix tools do, instead of panicking.

#[path = "common/cli.rs"]
mod cli;

use std::io::Read;
use std::process::{Command, Stdio};

#[test]
fn list_into_a_closed_pipe_exits_quietly() {
    // Its output on an open pipe: the ids, one a line.
    let full = cli::giopbench(&["list"]);
    assert!(full.status.success());
    assert!(full.stdout.split(|&b| b == b'\n').count() > 1);

    // The reader goes away before the first line is written: every write
    // fails with EPIPE (Rust ignores SIGPIPE).
    let mut child = Command::new(env!("CARGO_BIN_EXE_giopbench"))
        .arg("list")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("giopbench runs");
    drop(child.stdout.take());
    let mut err = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut err)
        .unwrap();
    let status = child.wait().unwrap();
    assert!(status.success(), "{status}: {err}");
    assert!(err.is_empty(), "nothing on stderr: {err}");
}
