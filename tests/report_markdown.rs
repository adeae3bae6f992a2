//! The markdown report's structure and judgements on a synthetic run: the
//! seed's template sections in order, a filled Bottleneck Analysis for the
//! failing path only, the noise note only when the machine was busy, and
//! headroom that decides nothing.

mod report_fixture;

use giopbench::judge::{judge, Evidence, Gate, GoalVerdict, Headroom};

#[test]
fn sections_follow_the_template_in_order() {
    let md = giopbench::report::markdown(&report_fixture::results(false));
    let order = [
        "## Summary",
        "## Test Configuration",
        "## Results",
        "### Verdicts",
        "### Latency",
        "### Throughput",
        "### Resources",
        "## Analysis",
        "### Leak check",
        "## Bottleneck Analyses",
        "## Recommendations",
        "## Conclusion",
    ];
    let mut at = 0;
    for h in order {
        let i = md[at..]
            .find(&format!("{h}\n"))
            .unwrap_or_else(|| panic!("{h} missing or out of order:\n{md}"));
        at += i + h.len();
    }
    assert!(md.contains("## Conclusion\n\n❌ FAIL\n"), "{md}");
}

#[test]
fn only_the_failing_path_gets_a_filled_analysis() {
    let md = giopbench::report::markdown(&report_fixture::results(false));
    let start = md
        .find("### Bottleneck Analysis: giopbench - decode_any/record_x100_le")
        .expect("analysis of the failing path");
    assert!(
        !md.contains("### Bottleneck Analysis: giopbench - encode_typecode/record_le"),
        "a passing path that meets its goal needs no analysis"
    );
    let analysis = &md[start..md.find("## Recommendations").unwrap()];
    for h in [
        "#### Symptom",
        "#### Profiling Data",
        "**Tool**: callgrind",
        "**Hot Function**: `decode_value`",
        "**% of Total**: 40.0%",
        "**Flamegraph**: [refactored (rust)]",
        "#### Root Cause",
        "#### Recommendation",
        "#### Expected Impact",
        "#### Next Steps",
    ] {
        assert!(analysis.contains(h), "{h} missing:\n{analysis}");
    }
    // Derived from the profile: 35% of 130 k instructions in the allocator.
    assert!(
        analysis.contains("**allocation-bound**: 35% of the instructions (45.5 k per call)"),
        "{analysis}"
    );
    assert!(analysis.contains("130.0 k → 84.5 k per call"), "{analysis}");
    assert!(
        !analysis.contains("remove the dominant cost"),
        "boilerplate"
    );
}

#[test]
fn noise_is_reported_only_when_the_machine_was_busy() {
    let quiet = giopbench::report::markdown(&report_fixture::results(false));
    assert!(
        quiet.contains("**Noise:** the machine was quiet"),
        "{quiet}"
    );
    let quiet_row = quiet
        .lines()
        .find(|l| l.starts_with("| `decode_any/record_x100_le` | omniorb | p95 -20%"))
        .expect("verdict row");
    assert!(!quiet_row.contains("busy"), "{quiet_row}");
    let busy_results = report_fixture::results(true);
    let busy = giopbench::report::markdown(&busy_results);
    assert!(
        busy.contains("**Noise:** The machine was busy during 1 of 1 groups"),
        "{busy}"
    );
    let row = busy
        .lines()
        .find(|l| l.starts_with("| `decode_any/record_x100_le` | omniorb | p95 -20%"))
        .expect("verdict row");
    assert!(row.contains("⚠ busy"), "{row}");
}

#[test]
fn goal_gate_and_headroom_are_separate() {
    let r = report_fixture::results(false);
    let fast = r
        .judgements
        .iter()
        .find(|j| j.path == "encode_typecode/record_le")
        .unwrap();
    assert_eq!(fast.goal_verdict, GoalVerdict::Met);
    assert_eq!(fast.gate, Gate::Pass);
    let slow = r
        .judgements
        .iter()
        .find(|j| j.path == "decode_any/record_x100_le")
        .unwrap();
    assert_eq!(slow.goal_verdict, GoalVerdict::NotMet);
    assert_eq!(slow.gate, Gate::Fail);
    // The same evidence judged with the headroom reached, missed or absent
    // gives the same goal and gate.
    let judged = |headroom: Option<Headroom>| {
        let j = judge(Evidence {
            path: slow.path.clone(),
            class: slow.class,
            baseline: slow.baseline.clone(),
            refactored: slow.refactored.clone(),
            goal: slow.goal,
            p95_ratio: slow.p95_ratio,
            goal_ratio: slow.goal_ratio,
            instructions_ratio: slow.instructions_ratio,
            threshold: 0.05,
            headroom,
            memcpy_fraction: None,
            noisy: false,
        });
        (j.goal_verdict, j.instructions_goal, j.gate)
    };
    let reached = Headroom {
        target: "≥ 2× vs omniorb".into(),
        reached: "3.00×".into(),
        met: true,
    };
    let missed = Headroom {
        met: false,
        ..reached.clone()
    };
    let base = judged(None);
    assert_eq!(base, (GoalVerdict::NotMet, GoalVerdict::NotMet, Gate::Fail));
    assert_eq!(judged(Some(reached)), base);
    assert_eq!(judged(Some(missed)), base);
}

/// The run's report says what every measured backend encodes from and
/// decodes into, per family it measured, right after the configuration.
#[test]
fn the_report_says_what_each_backend_marshals() {
    let mut r = report_fixture::results(false);
    let ids: Vec<_> = r.entries.iter().map(|e| e.id.clone()).collect();
    r.native_forms = giopbench::backends::native_forms(&ids);
    for id in &ids {
        let family = id
            .operation
            .family()
            .expect("fixture ids are marshalling ids");
        assert!(
            r.native_forms
                .iter()
                .any(|f| f.backend == id.backend && f.family == family.as_str()),
            "{id}: no native form"
        );
    }
    // Only measured backends, and every phrase is filled in.
    assert!(r
        .native_forms
        .iter()
        .all(|f| ids.iter().any(|i| i.backend == f.backend)));
    assert!(r
        .native_forms
        .iter()
        .all(|f| !f.encodes_from.is_empty() && !f.decodes_into.is_empty()));
    let md = giopbench::report::markdown(&r);
    let section = md
        .find("## What Each Backend Marshals\n")
        .expect("section present");
    let (config, results) = (
        md.find("## Test Configuration").unwrap(),
        md.find("## Results").unwrap(),
    );
    assert!(config < section && section < results, "{md}");
    let omniorb_any = r
        .native_forms
        .iter()
        .find(|f| f.backend == "omniorb" && f.family == "any")
        .expect("omniorb any row");
    assert!(md.contains(&format!(
        "| omniorb | any | {} | {} |",
        omniorb_any.encodes_from, omniorb_any.decodes_into
    )));
    // A report without the rows (latency, compare, load) has no section.
    assert!(
        !giopbench::report::markdown(&report_fixture::results(false))
            .contains("## What Each Backend Marshals")
    );
}
