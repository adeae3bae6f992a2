//! `compare`'s outputs for a pipeline, without building two revisions (the
//! slow path is tests/gate.rs): exit code 2 on usage and revision errors,
//! the PR summary's content, its append to `$GITHUB_STEP_SUMMARY`, and the
//! override recorded in the report.

mod report_fixture;

use std::process::Command;

fn giopbench(args: &[&str]) -> (i32, String, String) {
    let o = Command::new(env!("CARGO_BIN_EXE_giopbench"))
        .args(args)
        .output()
        .expect("run giopbench");
    (
        o.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&o.stdout).into_owned(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

#[test]
fn usage_and_revision_errors_exit_with_2() {
    // No --base: a usage error.
    let (code, _, err) = giopbench(&["compare"]);
    assert_eq!(code, 2, "{err}");
    // A revision that does not exist: an error before any build.
    let (code, _, err) = giopbench(&["compare", "--base", "no-such-revision-0123456789"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("no-such-revision"), "{err}");
    // A bad goal is a usage error too.
    let (code, _, err) = giopbench(&["run", "--goal", "p95=fast", "--filter", "x"]);
    assert_eq!(code, 2, "{err}");
}

#[test]
fn pr_summary_names_the_verdicts_and_lands_in_the_step_summary() {
    let mut r = report_fixture::results(false);
    let s = giopbench::report::pr_summary(&r);
    assert!(s.starts_with("### giopbench: ❌ FAIL"), "{s}");
    // Worst first: the failing path is the first row.
    let rows: Vec<&str> = s.lines().filter(|l| l.starts_with("| `")).collect();
    assert_eq!(rows.len(), 2, "{s}");
    assert!(
        rows[0].contains("decode_any/record_x100_le") && rows[0].contains("❌ FAIL"),
        "{s}"
    );
    assert!(rows[1].contains("✅ PASS"), "{s}");
    assert!(rows[0].contains("+30.0%"), "instruction change shown: {s}");

    // Appends, never truncates: a job summary collects several steps.
    let file = std::env::temp_dir().join(format!("giopbench-step-summary-{}", std::process::id()));
    std::fs::write(&file, "earlier step\n").unwrap();
    giopbench::compare::append_step_summary(&file, &s).unwrap();
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(
        text.starts_with("earlier step\n### giopbench: ❌ FAIL"),
        "{text}"
    );
    let _ = std::fs::remove_file(&file);

    // The override is part of the summary, the report and the conclusion.
    r.allowed_regression = Some("decode_any trades speed for bounds checks (ticket 42)".into());
    let s = giopbench::report::pr_summary(&r);
    assert!(
        s.contains("**Regression allowed by override:** decode_any trades"),
        "{s}"
    );
    let md = giopbench::report::markdown(&r);
    assert!(
        md.contains("**Manual override:** regression accepted: decode_any trades"),
        "{md}"
    );
    assert!(
        md.contains("Manual override recorded: decode_any trades"),
        "{md}"
    );
    assert_eq!(
        giopbench::report::conclusion(&r),
        "FAIL (regression allowed: decode_any trades speed for bounds checks (ticket 42))"
    );
}

#[test]
fn export_writes_prometheus_from_a_results_file() {
    let dir = std::env::temp_dir().join(format!("giopbench-export-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    report_fixture::write_report(&dir, false);
    let input = dir.join("results.json");
    let (code, out, err) = giopbench(&[
        "export",
        "--input",
        &input.to_string_lossy(),
        "--format",
        "prometheus",
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("# TYPE giopbench_latency_seconds histogram"),
        "{out}"
    );
    assert!(out.contains("giopbench_instructions_per_call{operation=\"decode_any\",backend=\"rust\",payload=\"record_x100_le\"} 130000"), "{out}");
    let (code, _, err) = giopbench(&["export", "--input", "/nonexistent.json", "--format", "csv"]);
    assert_eq!(code, 2, "{err}");
    let _ = std::fs::remove_dir_all(&dir);
}
