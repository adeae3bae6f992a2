//! Load results: per server and round, with the latency histogram in HDR's
//! V2 serialized form (hex in load.json) so that generators' results merge;
//! the Performance Report's Latency, Throughput and Resources tables with
//! the goal (p95 -20%) and gate (p95 regression > 5%) judgments.

mod export;
mod rounds;
mod soak;

use super::client::{new_histogram, ErrorKind, Outcome};
use super::procmon::Sample;
use super::scenario::{Mode, Scenario, Threshold};
use crate::results::Judgement;
use hdrhistogram::serialization::{Deserializer, Serializer, V2Serializer};
use hdrhistogram::Histogram;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

#[derive(Debug, Serialize, Deserialize)]
pub struct RoundResult {
    pub round: usize,
    pub ok: u64,
    pub errors: BTreeMap<String, u64>,
    pub elapsed_s: f64,
    pub connections_opened: u64,
    pub connections_failed: u64,
    pub baseline_rss_kib: u64,
    pub samples: Vec<Sample>,
    /// HDR V2 serialization of the latency histogram (µs), hex.
    pub histogram_hex: String,
    #[serde(skip, default = "new_histogram")]
    pub latency: Histogram<u64>,
    /// Soak mode: the round's latency by time window.
    #[serde(default)]
    pub windows: Vec<Window>,
}

/// One time window of a soak round.
#[derive(Debug, Serialize, Deserialize)]
pub struct Window {
    pub start_s: f64,
    pub end_s: f64,
    /// HDR V2 serialization (µs), hex.
    pub histogram_hex: String,
    #[serde(skip, default = "new_histogram")]
    pub latency: Histogram<u64>,
}

impl RoundResult {
    pub fn from_outcome(
        round: usize,
        o: Outcome,
        baseline_rss_kib: u64,
        samples: Vec<Sample>,
    ) -> Self {
        let errors = o
            .errors
            .iter()
            .map(|(k, n)| (k.name().to_owned(), *n))
            .collect();
        let len = o.clock.len.as_secs_f64();
        let windows = o
            .windows
            .into_iter()
            .enumerate()
            .map(|(i, h)| Window {
                start_s: i as f64 * len,
                end_s: (i + 1) as f64 * len,
                histogram_hex: to_hex(&h),
                latency: h,
            })
            .collect();
        RoundResult {
            round,
            ok: o.ok,
            errors,
            elapsed_s: o.elapsed.as_secs_f64(),
            connections_opened: o.connections_opened,
            connections_failed: o.connections_failed,
            baseline_rss_kib,
            samples,
            histogram_hex: to_hex(&o.latency),
            latency: o.latency,
            windows,
        }
    }
    pub fn error_total(&self) -> u64 {
        self.errors.values().sum()
    }
}

#[derive(Debug, Serialize, Deserialize)]
pub struct ServerResult {
    pub server: String,
    pub rounds: Vec<RoundResult>,
}

impl ServerResult {
    pub fn new(name: &str) -> Self {
        ServerResult {
            server: name.to_owned(),
            rounds: Vec::new(),
        }
    }
    /// What a threshold on `metric` is judged on: µs for latencies, % for
    /// errors, requests per second for `rps`.
    fn observed(&self, metric: &str) -> f64 {
        let h = self.latency();
        match metric {
            "p50" => h.value_at_quantile(0.50) as f64,
            "p95" => h.value_at_quantile(0.95) as f64,
            "p99" => h.value_at_quantile(0.99) as f64,
            "max" => h.max() as f64,
            "errors" => self.error_percent(),
            _ => self.rps(),
        }
    }
    fn error_count(&self, kind: &str) -> u64 {
        self.rounds
            .iter()
            .map(|r| r.errors.get(kind).copied().unwrap_or(0))
            .sum()
    }
    fn threads_max(&self) -> u64 {
        self.samples().map(|s| s.threads).max().unwrap_or(0)
    }
    fn cpu_max(&self) -> f64 {
        self.samples().map(|s| s.cpu_percent).fold(0.0, f64::max)
    }
    fn latency(&self) -> Histogram<u64> {
        let mut h = new_histogram();
        for r in &self.rounds {
            let _ = h.add(&r.latency);
        }
        h
    }
    /// Each round index's latency: rounds with the same index come from
    /// generators that ran at the same time (`load merge`) and add up.
    fn round_latencies(&self) -> BTreeMap<usize, Histogram<u64>> {
        let mut by_round: BTreeMap<usize, Histogram<u64>> = BTreeMap::new();
        for r in &self.rounds {
            let _ = by_round
                .entry(r.round)
                .or_insert_with(new_histogram)
                .add(&r.latency);
        }
        by_round
    }
    fn ok(&self) -> u64 {
        self.rounds.iter().map(|r| r.ok).sum()
    }
    fn errors(&self) -> u64 {
        self.rounds.iter().map(RoundResult::error_total).sum()
    }
    fn error_percent(&self) -> f64 {
        let all = self.ok() + self.errors();
        if all == 0 {
            100.0
        } else {
            self.errors() as f64 * 100.0 / all as f64
        }
    }
    /// Correct replies per second. Rounds with the same index come from
    /// generators that ran at the same time (`load merge`): their replies
    /// add up over the longest of their elapsed times.
    fn rps(&self) -> f64 {
        let mut by_round: BTreeMap<usize, f64> = BTreeMap::new();
        for r in &self.rounds {
            let t = by_round.entry(r.round).or_default();
            *t = t.max(r.elapsed_s);
        }
        let t: f64 = by_round.values().sum();
        if t > 0.0 {
            self.ok() as f64 / t
        } else {
            0.0
        }
    }
    fn samples(&self) -> impl Iterator<Item = &Sample> {
        self.rounds.iter().flat_map(|r| r.samples.iter())
    }
    fn cpu_mean(&self) -> f64 {
        let (n, s) = self
            .samples()
            .fold((0usize, 0.0), |(n, s), x| (n + 1, s + x.cpu_percent));
        if n == 0 {
            0.0
        } else {
            s / n as f64
        }
    }
    fn rss_max(&self) -> u64 {
        self.samples().map(|s| s.rss_kib).max().unwrap_or(0)
    }
}

fn to_hex(h: &Histogram<u64>) -> String {
    let mut buf = Vec::new();
    if V2Serializer::new().serialize(h, &mut buf).is_err() {
        return String::new();
    }
    buf.iter()
        .fold(String::with_capacity(buf.len() * 2), |mut s, b| {
            let _ = write!(s, "{b:02x}");
            s
        })
}

fn from_hex(s: &str) -> Result<Histogram<u64>, String> {
    if s.len() % 2 != 0 || !s.is_ascii() {
        return Err("histogram: odd or non-ASCII hex".into());
    }
    let bytes: Result<Vec<u8>, _> = (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&s[i..i + 2], 16))
        .collect();
    let bytes = bytes.map_err(|e| format!("histogram hex: {e}"))?;
    Deserializer::new()
        .deserialize(&mut bytes.as_slice())
        .map_err(|e| format!("histogram: {e:?}"))
}
/// What the scenario asked for (the report's Test Configuration).
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct Load {
    pub mode: String,
    pub connections: usize,
    /// Peak stage target: requests per second (open) or virtual users
    /// (closed).
    pub peak_target: f64,
    pub duration_s: f64,
    pub windows: usize,
}

#[derive(Debug, Serialize, Deserialize)]
pub struct Report {
    pub scenario: String,
    pub thresholds: Vec<String>,
    #[serde(default)]
    pub load: Load,
    /// UTC, `YYYYMMDDTHHMMSSZ`.
    #[serde(default)]
    pub date: String,
    /// The first is the baseline, the others are refactored.
    pub servers: Vec<ServerResult>,
}

fn change(base: f64, new: f64) -> String {
    if base == 0.0 {
        return "n/a".into();
    }
    let c = (new - base) / base * 100.0;
    format!("{}{:.1}%", if c < 0.0 { "↓" } else { "↑" }, c.abs())
}

type Metric<'a> = &'a dyn Fn(&ServerResult) -> f64;
type Format<'a> = &'a dyn Fn(f64) -> String;
type Boxed = Box<dyn Fn(&ServerResult) -> f64>;
/// A table row: name, threshold metric (for the Target column), value, format.
type Row<'a> = (&'a str, &'a str, Metric<'a>, Format<'a>);

/// Servers keep their names; a repeated name (`--servers rust,rust`)
/// gets `#2`, `#3`, so that rounds and merges never mix two servers.
fn distinct_names(servers: &mut [ServerResult]) {
    let mut seen: Vec<String> = Vec::new();
    for s in servers.iter_mut() {
        let base = s.server.clone();
        let mut k = 1;
        while seen.contains(&s.server) {
            k += 1;
            s.server = format!("{base}#{k}");
        }
        seen.push(s.server.clone());
    }
}

impl Report {
    pub fn new(s: &Scenario, mut servers: Vec<ServerResult>) -> Report {
        distinct_names(&mut servers);
        let mode = match s.mode {
            Mode::Open => "open loop (constant arrival rate)",
            Mode::Closed => "closed loop (virtual users)",
        };
        Report {
            scenario: s.name.clone(),
            thresholds: s.thresholds.clone(),
            load: Load {
                mode: mode.into(),
                connections: s.connections,
                peak_target: s.stages.iter().map(|x| x.target).fold(0.0, f64::max),
                duration_s: s.duration().as_secs_f64(),
                windows: s.windows,
            },
            date: crate::results::timestamp(),
            servers,
        }
    }

    /// Threshold verdicts for every server: (server, threshold, observed, pass).
    fn verdicts(&self) -> Vec<(String, String, f64, bool)> {
        let mut v = Vec::new();
        for s in &self.servers {
            for t in self
                .thresholds
                .iter()
                .filter_map(|t| Threshold::parse(t).ok())
            {
                let observed = s.observed(&t.metric);
                v.push((
                    s.server.clone(),
                    t.text.clone(),
                    observed,
                    t.passes(observed),
                ));
            }
        }
        v
    }

    /// The thresholds on `metric`, as the Target column shows them.
    fn target(&self, metric: &str) -> String {
        let t: Vec<String> = self
            .thresholds
            .iter()
            .filter_map(|t| Threshold::parse(t).ok())
            .filter(|t| t.metric == metric)
            .map(|t| {
                let op = if t.less { "<" } else { ">" };
                match metric {
                    "errors" => format!("{op}{}%", t.value),
                    "rps" => format!("{op}{}", t.value),
                    _ => format!("{op}{:.0}", t.value),
                }
            })
            .collect();
        if t.is_empty() {
            "–".into()
        } else {
            t.join(", ")
        }
    }

    /// A comparison table: the baseline, then each refactored server with
    /// its change against the baseline, and the target.
    fn table(&self, m: &mut String, title: &str, rows: &[Row<'_>]) {
        let Some(base) = self.servers.first() else {
            return;
        };
        let _ = write!(
            m,
            "\n### {title}\n\n| Metric | Baseline ({}) |",
            base.server
        );
        for r in &self.servers[1..] {
            let _ = write!(m, " Refactored ({}) | Change |", r.server);
        }
        let _ = writeln!(
            m,
            " Target |\n|---|---|{}---|",
            "---|---|".repeat(self.servers.len() - 1)
        );
        for (name, metric, get, fmt) in rows {
            let b = get(base);
            let _ = write!(m, "| {name} | {} |", fmt(b));
            for r in &self.servers[1..] {
                let v = get(r);
                let _ = write!(m, " {} | {} |", fmt(v), change(b, v));
            }
            let _ = writeln!(m, " {} |", self.target(metric));
        }
    }

    pub fn markdown(&self, command: &str) -> String {
        let mut m = String::new();
        let judgements = export::judgements(self);
        let _ = writeln!(
            m,
            "# Performance Report: giopbench load `{}` - {}\n",
            self.scenario, self.date
        );
        let _ = writeln!(m, "## Summary\n\n{}\n", self.summary(&judgements));
        let names: Vec<&str> = self.servers.iter().map(|s| s.server.as_str()).collect();
        let _ = writeln!(
            m,
            "## Test Configuration\n\n\
             - **Service**: Load::Echo (corpus/idl/load.idl) over GIOP, servers started by the harness\n\
             - **Version**: baseline `{}` / refactored `{}`\n\
             - **Environment**: 127.0.0.1 loopback, {} cores shared with the generator\n\
             - **Load**: {}, {} connection(s), peak {:.0} {}, {:.1} s per round, {} round(s), servers interleaved\n\
             - **Date**: {}\n- **Command**: `{command}`",
            names.first().copied().unwrap_or("–"),
            names.get(1..).map_or(String::new(), |r| r.join("`, `")),
            std::thread::available_parallelism().map_or(1, |n| n.get()),
            self.load.mode,
            self.load.connections,
            self.load.peak_target,
            if self.load.mode.starts_with("closed") { "virtual users" } else { "requests/s" },
            self.load.duration_s,
            self.servers.first().map_or(0, |s| s.rounds.len()),
            self.date,
        );
        let _ = writeln!(m, "\n## Results");
        let us = |v: f64| format!("{v:.0}");
        let q = |q: f64| move |s: &ServerResult| s.latency().value_at_quantile(q) as f64;
        let (p50, p95, p99) = (q(0.50), q(0.95), q(0.99));
        let max = |s: &ServerResult| s.latency().max() as f64;
        self.table(
            &mut m,
            "Latency (µs, from the intended send time, HDR)",
            &[
                ("p50", "p50", &p50, &us),
                ("p95", "p95", &p95, &us),
                ("p99", "p99", &p99, &us),
                ("max", "max", &max, &us),
            ],
        );
        let kinds: Vec<(String, Boxed)> = ErrorKind::ALL
            .iter()
            .map(|k| {
                let name = k.name();
                let f: Boxed = Box::new(move |s: &ServerResult| s.error_count(name) as f64);
                (format!("Errors: {name}"), f)
            })
            .collect();
        let count = |v: f64| format!("{v:.0}");
        let pct = |v: f64| format!("{v:.3}%");
        let mut rows: Vec<Row<'_>> = vec![
            ("RPS", "rps", &ServerResult::rps, &us),
            ("Errors", "errors", &ServerResult::error_percent, &pct),
        ];
        rows.extend(
            kinds
                .iter()
                .map(|(n, f)| (n.as_str(), "", f.as_ref(), &count as Format<'_>)),
        );
        self.table(&mut m, "Throughput", &rows);
        let mib = |v: f64| format!("{:.1}Mi", v / 1024.0);
        let cpu = |v: f64| format!("{v:.1}%");
        let rss_start =
            |s: &ServerResult| s.rounds.first().map_or(0.0, |r| r.baseline_rss_kib as f64);
        let rss_end = |s: &ServerResult| {
            s.rounds
                .last()
                .and_then(|r| r.samples.last())
                .map_or(0.0, |x| x.rss_kib as f64)
        };
        let opened =
            |s: &ServerResult| s.rounds.iter().map(|r| r.connections_opened).sum::<u64>() as f64;
        let failed =
            |s: &ServerResult| s.rounds.iter().map(|r| r.connections_failed).sum::<u64>() as f64;
        self.table(
            &mut m,
            "Resources (server process, sampled from /proc every 250 ms)",
            &[
                ("CPU (mean)", "", &ServerResult::cpu_mean, &cpu),
                ("CPU (max)", "", &ServerResult::cpu_max, &cpu),
                (
                    "Memory (max RSS)",
                    "",
                    &|s: &ServerResult| s.rss_max() as f64,
                    &mib,
                ),
                ("Memory (RSS before the first round)", "", &rss_start, &mib),
                ("Memory (RSS at the end)", "", &rss_end, &mib),
                (
                    "Threads (max)",
                    "",
                    &|s: &ServerResult| s.threads_max() as f64,
                    &count,
                ),
                ("Connections opened", "", &opened, &count),
                ("Connections failed", "", &failed, &count),
            ],
        );
        self.over_time(&mut m);
        soak::markdown(self, &mut m);
        export::judgement_table(&judgements, &mut m);
        let _ = writeln!(
            m,
            "\n### Thresholds\n\n| Server | Threshold | Observed | Verdict |\n|---|---|---|---|"
        );
        for (s, t, o, pass) in self.verdicts() {
            let _ = writeln!(
                m,
                "| {s} | `{t}` | {o:.3} | {} |",
                if pass { "PASS" } else { "FAIL" }
            );
        }
        let _ = writeln!(m, "\n## Conclusion\n\n{}", self.conclusion(&judgements));
        m
    }

    fn over_time(&self, m: &mut String) {
        let _ = writeln!(m, "\n### Over time (per round)\n\n| Server | round | requests | p95 µs | RSS start KiB | RSS end KiB | CPU mean |\n|---|---|---|---|---|---|---|");
        for s in &self.servers {
            for r in &s.rounds {
                let cpu = r.samples.iter().map(|x| x.cpu_percent).sum::<f64>()
                    / r.samples.len().max(1) as f64;
                let _ = writeln!(
                    m,
                    "| {} | {} | {} | {} | {} | {} | {cpu:.1}% |",
                    s.server,
                    r.round,
                    r.ok + r.error_total(),
                    r.latency.value_at_quantile(0.95),
                    r.baseline_rss_kib,
                    r.samples.last().map_or(0, |x| x.rss_kib)
                );
            }
        }
    }

    fn summary(&self, judgements: &[Judgement]) -> String {
        let Some(base) = self.servers.first() else {
            return "No server was measured.".into();
        };
        let mut s = format!(
            "Baseline `{}`: {:.0} RPS, p95 {} µs, {:.3}% errors.",
            base.server,
            base.rps(),
            base.latency().value_at_quantile(0.95),
            base.error_percent()
        );
        for (r, j) in self.servers[1..].iter().zip(judgements) {
            let _ = write!(
                s,
                " Refactored `{}`: {:.0} RPS, p95 {} µs ({}), {:.3}% errors; goal {} {}, gate {}.",
                r.server,
                r.rps(),
                r.latency().value_at_quantile(0.95),
                change(
                    base.latency().value_at_quantile(0.95) as f64,
                    r.latency().value_at_quantile(0.95) as f64
                ),
                r.error_percent(),
                j.goal,
                export::verdicts(j).0,
                export::verdicts(j).1
            );
        }
        s
    }

    fn conclusion(&self, judgements: &[Judgement]) -> String {
        let failed: Vec<String> = self
            .verdicts()
            .into_iter()
            .filter(|v| !v.3)
            .map(|v| format!("`{}` on {}", v.1, v.0))
            .collect();
        let mut c = String::new();
        if judgements.is_empty() {
            c.push_str("One server only: no goal or gate judgment (run with `--servers BASELINE,REFACTORED`). ");
        }
        for j in judgements {
            let (goal, gate) = export::verdicts(j);
            let _ = write!(
                c,
                "`{}` against `{}`: goal ({}) {goal}, gate {gate}{}. ",
                j.refactored,
                j.baseline,
                j.goal,
                export::interval_text(j).map_or(String::new(), |t| format!(
                    " (p95 ratio per round, median and interval over rounds: {t})"
                ))
            );
        }
        if failed.is_empty() {
            c.push_str("Every threshold passes.");
        } else {
            let _ = write!(c, "Failing thresholds: {}.", failed.join(", "));
        }
        c
    }

    /// Writes load.json (with the HDR histograms), report.md, and the
    /// harness' exports (results.json, bmf.json, metrics.prom) under
    /// `dir`, prints the report; true when every threshold passes.
    pub fn write(&self, dir: &Path, command: &str) -> Result<bool, String> {
        std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        let json = serde_json::to_string_pretty(self).map_err(|e| e.to_string())?;
        let md = self.markdown(command);
        let write = |name: &str, text: &str| {
            let p: PathBuf = dir.join(name);
            std::fs::write(&p, text).map_err(|e| format!("{}: {e}", p.display()))
        };
        write("load.json", &json)?;
        write("report.md", &md)?;
        let results = export::results(self);
        let text =
            |v: &serde_json::Value| serde_json::to_string_pretty(v).map_err(|e| e.to_string());
        write(
            "results.json",
            &serde_json::to_string_pretty(&results).map_err(|e| e.to_string())?,
        )?;
        write("bmf.json", &text(&export::bmf(self, &results))?)?;
        write("metrics.prom", &export::prometheus(self, &results))?;
        println!("{md}\nwritten: {}", dir.join("report.md").display());
        Ok(self.verdicts().iter().all(|v| v.3))
    }

    pub fn read(path: &Path) -> Result<Report, String> {
        let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
        let mut r: Report =
            serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
        for s in &mut r.servers {
            for round in &mut s.rounds {
                round.latency = from_hex(&round.histogram_hex)?;
                for w in &mut round.windows {
                    w.latency = from_hex(&w.histogram_hex)?;
                }
            }
        }
        Ok(r)
    }
}

/// Merges generators' load.json files: rounds of the same server are
/// kept side by side (their histograms add when the report aggregates).
pub fn merge(inputs: &[PathBuf], out: &Path) -> Result<(), String> {
    let mut merged: Option<Report> = None;
    for p in inputs {
        let r = Report::read(p)?;
        match merged.as_mut() {
            None => merged = Some(r),
            Some(m) => {
                for s in r.servers {
                    match m.servers.iter_mut().find(|x| x.server == s.server) {
                        Some(x) => x.rounds.extend(s.rounds),
                        None => m.servers.push(s),
                    }
                }
            }
        }
    }
    let m = merged.ok_or("merge: no inputs")?;
    m.write(out, "merge").map(|_| ())
}
