//! The gate's own test. In a temporary clone of this repository:
//! * a commit that changes nothing measured passes `giopbench compare`;
//! * a commit that adds about 6% instructions to one hot path
//!   (`encode_seq/rust/long_1Ki_be`) makes it fail and names that path.
//!
//! It builds the clone twice in release mode, so it is slow: it is ignored
//! by default and run by `ci/test.sh` (`cargo test --release --test gate --
//! --ignored`).

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const PATH: &str = "encode_seq/rust/long_1Ki_be";

fn run(dir: &Path, cmd: &str, args: &[&str]) -> Output {
    let o = Command::new(cmd)
        .current_dir(dir)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("cannot run {cmd}: {e}"));
    o
}

fn ok(dir: &Path, cmd: &str, args: &[&str]) -> String {
    let o = run(dir, cmd, args);
    assert!(
        o.status.success(),
        "{cmd} {args:?} failed:\n{}\n{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn commit(dir: &Path, msg: &str) {
    ok(
        dir,
        "git",
        &[
            "-c",
            "user.name=gate",
            "-c",
            "user.email=gate@test",
            "commit",
            "-qam",
            msg,
        ],
    );
}

/// Runs compare in the clone against `base`; returns (exit code, stdout,
/// instruction change of PATH in percent).
fn compare(dir: &Path, base: &str) -> (i32, String, f64) {
    compare_with(dir, base, &[])
}

fn compare_with(dir: &Path, base: &str, extra: &[&str]) -> (i32, String, f64) {
    let out_dir = dir.join("target").join("gate-report");
    let out_arg = out_dir.to_string_lossy().into_owned();
    let mut args = vec![
        "run",
        "--quiet",
        "--release",
        "--no-default-features",
        "--bin",
        "giopbench",
        "--",
        "compare",
        "--base",
        base,
        "--rust-only",
        "--filter",
        PATH,
        "--iterations",
        "2",
        "--out",
        &out_arg,
    ];
    args.extend_from_slice(extra);
    let o = run(dir, "cargo", &args);
    let stdout = String::from_utf8_lossy(&o.stdout).into_owned();
    let code = o.status.code().unwrap_or(-1);
    assert!(
        code == 0 || code == 1,
        "compare did not run:\n{stdout}\n{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let results: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(out_dir.join("results.json")).expect("results.json"),
    )
    .expect("valid json");
    let ratio = results["judgements"]
        .as_array()
        .and_then(|js| js.iter().find(|j| j["path"] == PATH))
        .and_then(|j| j["instructions_ratio"].as_f64())
        .unwrap_or_else(|| panic!("no instruction ratio for {PATH}:\n{stdout}"));
    (code, stdout, (ratio - 1.0) * 100.0)
}

/// The instruction count of PATH on one side (`base` or `head`) in the
/// last comparison's results.
fn instructions(dir: &Path, side: &str) -> f64 {
    let text =
        std::fs::read_to_string(dir.join("target/gate-report/results.json")).expect("results.json");
    let v: serde_json::Value = serde_json::from_str(&text).expect("json");
    let backend = format!("rust@{side}");
    v["entries"]
        .as_array()
        .and_then(|es| {
            es.iter().find(|e| {
                e["id"]["backend"] == backend.as_str()
                    && e["id"]["operation"] == "encode_seq"
                    && e["id"]["payload"] == "long_1Ki_be"
            })
        })
        .and_then(|e| e["instructions"].as_f64())
        .unwrap_or_else(|| panic!("no {side} count in {text}"))
}

/// Adds `iterations` of an opaque loop to the big-endian `sequence<long>`
/// encoder of the rust backend, and nowhere else.
fn inject(dir: &Path, iterations: u64) {
    let file = dir.join("crates/backend-rust/src/lib.rs");
    let src = std::fs::read_to_string(&file).expect("crates/backend-rust/src/lib.rs");
    let anchor = "Subject::SeqLong(v) => w.write_sequence(v),";
    assert!(
        src.contains(anchor),
        "injection point moved: update this test"
    );
    // An opaque trip count and a dependent chain through black_box keep
    // the compiler from folding or unrolling the loop into something whose
    // cost does not grow linearly with `iterations`.
    let injected = format!(
        "Subject::SeqLong(v) => {{\n            if w.order() == corba_cdr::ByteOrder::BigEndian {{\n                let mut x = std::hint::black_box(1u64);\n                for _ in 0..std::hint::black_box({iterations}u64) {{\n                    x = std::hint::black_box(x.wrapping_mul(3) ^ 5);\n                }}\n            }}\n            w.write_sequence(v)\n        }}"
    );
    std::fs::write(&file, src.replacen(anchor, &injected, 1))
        .expect("write crates/backend-rust/src/lib.rs");
}

fn restore(dir: &Path) {
    ok(
        dir,
        "git",
        &["checkout", "--", "crates/backend-rust/src/lib.rs"],
    );
}

#[test]
#[ignore = "builds a clone twice in release mode; run by ci/test.sh"]
fn compare_catches_a_six_percent_regression_and_passes_a_no_op() {
    let top = PathBuf::from(
        ok(
            Path::new(env!("CARGO_MANIFEST_DIR")),
            "git",
            &["rev-parse", "--show-toplevel"],
        )
        .trim(),
    );
    let tmp = std::env::temp_dir().join(format!("giopbench-gate-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&tmp);
    ok(
        Path::new("/"),
        "git",
        &[
            "clone",
            "--quiet",
            &top.to_string_lossy(),
            &tmp.to_string_lossy(),
        ],
    );
    let base = ok(&tmp, "git", &["rev-parse", "HEAD"]).trim().to_owned();

    // A commit that changes nothing measured.
    std::fs::write(tmp.join("GATE_NOTE.md"), "no-op\n").expect("write");
    ok(&tmp, "git", &["add", "GATE_NOTE.md"]);
    commit(&tmp, "no-op");
    let (code, out, change) = compare(&tmp, &base);
    assert_eq!(code, 0, "a no-op commit must pass:\n{out}");
    assert!(
        change.abs() < 0.5,
        "no-op changed {PATH} by {change:.2}%:\n{out}"
    );

    // Calibrate the loop's cost per iteration with a first injection of
    // about the final size (assuming ~5 instructions an iteration), then
    // scale it to 6%.
    let base_count = instructions(&tmp, "base");
    let target = 6.0;
    let probe = ((base_count * target / 100.0 / 5.0).round() as u64).max(4);
    inject(&tmp, probe);
    commit(&tmp, "probe");
    let (_, out, probe_change) = compare(&tmp, &base);
    assert!(probe_change > 0.5, "the probe loop added nothing:\n{out}");
    let iterations = ((probe as f64) * target / probe_change).round() as u64;
    ok(&tmp, "git", &["reset", "--quiet", "--hard", "HEAD~1"]);
    restore(&tmp);

    // The regression: about 6% more instructions on one hot path.
    inject(&tmp, iterations);
    commit(&tmp, "regress encode_seq by about 6%");
    let (code, out, change) = compare(&tmp, &base);
    assert!(
        (5.4..7.5).contains(&change),
        "injected {change:.2}%, wanted about 6%:\n{out}"
    );
    assert_eq!(
        code, 1,
        "a {change:.2}% regression must fail the gate:\n{out}"
    );
    // Table rows: `<id> <base> <head> <change> <verdict>`.
    let flagged: Vec<&str> = out
        .lines()
        .filter(|l| l.split_whitespace().last() == Some("REGRESSION"))
        .collect();
    assert_eq!(flagged.len(), 1, "exactly one path flagged:\n{out}");
    assert!(
        flagged[0].starts_with(PATH),
        "the flagged path is named:\n{out}"
    );
    assert!(
        out.lines()
            .any(|l| l.starts_with("compare: FAIL") && l.ends_with(PATH)),
        "the summary names the path:\n{out}"
    );
    // The PR summary is printed, worst path first.
    assert!(
        out.contains("### giopbench: ❌ FAIL"),
        "no PR summary:\n{out}"
    );

    // The seed's manual override: exit 0, the reason in the report.
    let reason = "accepted for the gate test";
    let (code, out, _) = compare_with(&tmp, &base, &["--allow-regression", reason]);
    assert_eq!(code, 0, "an allowed regression passes:\n{out}");
    let md = std::fs::read_to_string(tmp.join("target/gate-report/report.md")).expect("report.md");
    assert!(md.contains(reason), "the override is not recorded:\n{md}");
    let _ = std::fs::remove_dir_all(&tmp);
}
