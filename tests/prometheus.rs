//! `export --format prometheus` read back by a real parser
//! (`prometheus-parse`), plus the format's own rules the parser is lenient
//! about: every sample line is `name{labels} value`, histogram buckets are
//! cumulative and end in `+Inf` = `_count`.

mod report_fixture;

use prometheus_parse::{Scrape, Value};

fn scrape(text: &str) -> Scrape {
    Scrape::parse(text.lines().map(|l| Ok(l.to_owned()))).expect("parses")
}

#[test]
fn export_parses_with_histograms_gauges_and_labels() {
    let r = report_fixture::results(false);
    let text = giopbench::prometheus::exposition(&r);
    let s = scrape(&text);

    // Latency: one histogram per (operation, backend, payload).
    let hists: Vec<_> = s
        .samples
        .iter()
        .filter(|x| x.metric == "giopbench_latency_seconds")
        .filter_map(|x| match &x.value {
            Value::Histogram(h) => Some((x, h)),
            _ => None,
        })
        .collect();
    assert_eq!(hists.len(), r.entries.len(), "{text}");
    for (sample, h) in &hists {
        for k in ["operation", "backend", "payload"] {
            assert!(sample.labels.get(k).is_some(), "no {k} label: {sample:?}");
        }
        assert!(h.windows(2).all(|w| w[0].less_than < w[1].less_than));
        assert!(h.windows(2).all(|w| w[0].count <= w[1].count), "{h:?}");
        let last = h.last().unwrap();
        assert!(last.less_than.is_infinite());
        assert_eq!(last.count, 2000.0);
    }
    // The rust decode_any samples sit at 2.6-3.1 µs: all under 5 µs, none
    // under 2 µs.
    let (_, h) = hists
        .iter()
        .find(|(x, _)| {
            x.labels.get("backend") == Some("rust")
                && x.labels.get("operation") == Some("decode_any")
        })
        .unwrap();
    let at = |le: f64| {
        h.iter()
            .find(|b| (b.less_than - le).abs() < 1e-12)
            .unwrap()
            .count
    };
    assert_eq!(at(2e-6), 0.0);
    assert_eq!(at(5e-6), 2000.0);

    // Gauges.
    let gauge = |name: &str, backend: &str, op: &str| {
        s.samples
            .iter()
            .find(|x| {
                x.metric == name
                    && x.labels.get("backend") == Some(backend)
                    && x.labels.get("operation") == Some(op)
            })
            .map(|x| x.value.clone())
    };
    assert_eq!(
        gauge("giopbench_instructions_per_call", "rust", "decode_any"),
        Some(Value::Gauge(130_000.0))
    );
    assert_eq!(
        gauge(
            "giopbench_allocations_per_call",
            "omniorb",
            "encode_typecode"
        ),
        Some(Value::Gauge(3.0))
    );
    let ratio = s
        .samples
        .iter()
        .find(|x| x.metric == "giopbench_p95_ratio" && x.labels.get("payload") == Some("record_le"))
        .expect("ratio gauge");
    match ratio.value {
        Value::Gauge(v) => assert!(v > 0.25 && v < 0.45, "{v}"),
        ref v => panic!("not a gauge: {v:?}"),
    }
    assert_eq!(ratio.labels.get("refactored"), Some("rust"));

    // Strictness the parser does not check: every line is a comment or
    // `name{labels} value` with a number the format allows.
    let mut sample_lines = 0;
    for line in text.lines() {
        if line.starts_with("# HELP ") || line.starts_with("# TYPE ") {
            continue;
        }
        let (head, value) = line.rsplit_once(' ').unwrap_or_else(|| panic!("{line}"));
        assert!(
            value == "+Inf" || value == "NaN" || value.parse::<f64>().is_ok(),
            "bad value in {line}"
        );
        let name = head.split('{').next().unwrap();
        assert!(
            name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'),
            "bad name in {line}"
        );
        assert!(head.ends_with('}'), "labels in {line}");
        sample_lines += 1;
    }
    // Every sample line landed somewhere in the parse: bucket lines fold
    // into one sample per series; this parser keeps `_sum` and `_count` as
    // samples of their own.
    for suffix in ["_sum", "_count"] {
        let name = format!("giopbench_latency_seconds{suffix}");
        let n = s.samples.iter().filter(|x| x.metric == name).count();
        assert_eq!(n, r.entries.len(), "{name}");
    }
    let hist_lines: usize = hists.iter().map(|(_, h)| h.len()).sum();
    let other = s.samples.len() - hists.len();
    assert_eq!(sample_lines, hist_lines + other, "{text}");
}
