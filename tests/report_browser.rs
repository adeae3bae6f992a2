//! The HTML report as a person sees it: a synthetic run's report.html
//! loaded in headless Chromium (`--dump-dom`, the DOM after rendering),
//! checked for the verdict table (a row per hot path, goal and gate
//! columns), its charts (a whisker per row, the instruction chart) and
//! links that all resolve (anchors to elements, files to files).
//!
//! Needs Debian's `chromium`; ignored by default, run by `ci/browser.sh`.

mod report_fixture;

use std::path::Path;
use std::process::Command;

fn chromium() -> Option<&'static str> {
    ["chromium", "chromium-browser", "google-chrome"]
        .into_iter()
        .find(|c| {
            Command::new(c)
                .arg("--version")
                .output()
                .is_ok_and(|o| o.status.success())
        })
}

fn dump_dom(browser: &str, page: &Path) -> String {
    let profile = std::env::temp_dir().join(format!("giopbench-chromium-{}", std::process::id()));
    let o = Command::new("timeout")
        .arg("120")
        .arg(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--window-size=1300,2400",
            "--dump-dom",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg(format!("file://{}", page.display()))
        .output()
        .expect("run chromium");
    let _ = std::fs::remove_dir_all(&profile);
    assert!(
        o.status.success(),
        "chromium failed: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// Values of `attr="..."` in a serialised DOM (Chromium writes double
/// quotes and escapes `"` inside values).
fn attrs<'a>(dom: &'a str, attr: &str) -> Vec<&'a str> {
    let key = format!(" {attr}=\"");
    dom.match_indices(&key)
        .filter_map(|(i, _)| {
            let rest = &dom[i + key.len()..];
            rest.find('"').map(|e| &rest[..e])
        })
        .collect()
}

fn between<'a>(dom: &'a str, start: &str, end: &str) -> &'a str {
    let i = dom
        .find(start)
        .unwrap_or_else(|| panic!("no {start} in the DOM"));
    let rest = &dom[i..];
    &rest[..rest.find(end).map_or(rest.len(), |e| e + end.len())]
}

#[test]
#[ignore = "loads report.html in headless chromium; run by ci/browser.sh"]
fn report_html_renders_verdicts_charts_and_working_links() {
    let browser = chromium().expect("chromium not found: apt-get install -y chromium");
    let dir = std::env::temp_dir().join(format!("giopbench-browser-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let r = report_fixture::write_report(&dir, true);
    let page = dir.join("report.html");
    let dom = dump_dom(browser, &page);

    // The verdict table comes first, before any other table.
    let table = between(&dom, "<table id=\"verdicts\"", "</table>");
    assert!(
        dom.find("<table id=\"verdicts\"") < dom.find("<table>"),
        "the verdict table is not first"
    );
    let rows = table.matches("<tr class=\"gate-").count();
    assert_eq!(rows, r.judgements.len(), "{table}");
    for head in [
        "goal (latency)",
        "goal (instructions)",
        "gate",
        "headroom",
        "allocations/call",
    ] {
        assert!(table.contains(head), "no {head} column");
    }
    // decode_any is 30% slower with 30% more instructions: FAIL, NOT MET;
    // encode_typecode is 3x faster: PASS, MET.
    assert!(
        table.contains("gate-fail") && table.contains(">FAIL<"),
        "{table}"
    );
    assert!(
        table.contains("gate-pass") && table.contains(">MET<"),
        "{table}"
    );
    assert!(table.contains("⚠ busy"), "the busy group is not marked");

    // Charts: a whisker per row, with its interval and goal line drawn.
    let whiskers = table.matches("<svg class=\"whisker\"").count();
    assert_eq!(whiskers, r.judgements.len());
    assert_eq!(table.matches("class=\"ci\"").count(), r.judgements.len());
    let chart = between(&dom, "<svg id=\"instructions-chart\"", "</svg>");
    assert_eq!(
        chart.matches("<rect").count(),
        r.judgements.len(),
        "{chart}"
    );

    // Every link resolves: anchors name an element, files exist.
    let ids: Vec<&str> = attrs(&dom, "id");
    let hrefs = attrs(&dom, "href");
    assert!(hrefs.len() >= 8, "too few links: {hrefs:?}");
    let mut analyses = 0;
    for h in &hrefs {
        if let Some(anchor) = h.strip_prefix('#') {
            assert!(ids.contains(&anchor), "link #{anchor} has no target");
            analyses += usize::from(anchor.starts_with("bottleneck-analysis"));
        } else {
            assert!(!h.contains("://"), "external link {h}");
            assert!(dir.join(h).is_file(), "link {h} does not resolve");
        }
    }
    assert!(analyses >= 1, "no link to a bottleneck analysis");
    // The failing path's analysis is there, filled from the profile.
    let fail = "bottleneck-analysis-giopbench-decode-any-record-x100-le";
    assert!(ids.contains(&fail), "no analysis for the failing path");
    assert!(dom.contains("allocation-bound"), "root cause not derived");
    if std::env::var_os("GIOPBENCH_KEEP_REPORT").is_none() {
        let _ = std::fs::remove_dir_all(&dir);
    } else {
        eprintln!("report kept in {}", dir.display());
    }
}
