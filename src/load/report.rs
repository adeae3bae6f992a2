//! Load results: per server and round, with the latency histogram in HDR's
//! V2 serialized form (hex in load.json) so that generators' results merge;
//! the Performance Report's Latency, Throughput and Resources tables with
//! the goal (p95 -20%) and gate (p95 regression > 5%) judgments.

use super::client::{new_histogram, ErrorKind, Outcome};
use super::procmon::Sample;
use super::scenario::{Scenario, Threshold};
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
    fn latency(&self) -> Histogram<u64> {
        let mut h = new_histogram();
        for r in &self.rounds {
            let _ = h.add(&r.latency);
        }
        h
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
    fn rps(&self) -> f64 {
        // Generators merged from several machines ran at the same time:
        // their elapsed times overlap, so a round's rate is its own.
        let t: f64 = self.rounds.iter().map(|r| r.elapsed_s).sum();
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

#[derive(Debug, Serialize, Deserialize)]
pub struct Report {
    pub scenario: String,
    pub thresholds: Vec<String>,
    pub servers: Vec<ServerResult>,
}

fn change(base: f64, new: f64) -> String {
    if base == 0.0 {
        return "n/a".into();
    }
    let c = (new - base) / base * 100.0;
    format!("{}{:.1}%", if c < 0.0 { "↓" } else { "↑" }, c.abs())
}

impl Report {
    pub fn new(s: &Scenario, servers: Vec<ServerResult>) -> Report {
        Report {
            scenario: s.name.clone(),
            thresholds: s.thresholds.clone(),
            servers,
        }
    }

    /// Threshold verdicts for every server: (server, threshold, observed, pass).
    fn verdicts(&self) -> Vec<(String, String, f64, bool)> {
        let mut v = Vec::new();
        for s in &self.servers {
            let h = s.latency();
            for t in self
                .thresholds
                .iter()
                .filter_map(|t| Threshold::parse(t).ok())
            {
                let observed = match t.metric.as_str() {
                    "p50" => h.value_at_quantile(0.50) as f64,
                    "p95" => h.value_at_quantile(0.95) as f64,
                    "p99" => h.value_at_quantile(0.99) as f64,
                    "max" => h.max() as f64,
                    "errors" => s.error_percent(),
                    _ => s.rps(),
                };
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

    pub fn markdown(&self, command: &str) -> String {
        let mut m = String::new();
        let _ = writeln!(
            m,
            "# Load report: scenario `{}` ({command})\n",
            self.scenario
        );
        let (base, refac) = match self.servers.as_slice() {
            [b, r, ..] => (b, Some(r)),
            [b] => (b, None),
            [] => return m,
        };
        let names = match refac {
            Some(r) => format!("Baseline ({}) | Refactored ({})", base.server, r.server),
            None => base.server.clone(),
        };
        let row =
            |m: &mut String, name: &str, b: f64, r: Option<f64>, fmt: &dyn Fn(f64) -> String| {
                let _ = match r {
                    Some(r) => {
                        writeln!(m, "| {name} | {} | {} | {} |", fmt(b), fmt(r), change(b, r))
                    }
                    None => writeln!(m, "| {name} | {} |", fmt(b)),
                };
            };
        let head = |m: &mut String, title: &str| {
            let _ = writeln!(m, "\n### {title}\n");
            let _ = match refac {
                Some(_) => writeln!(m, "| Metric | {names} | Change |\n|---|---|---|---|"),
                None => writeln!(m, "| Metric | {names} |\n|---|---|"),
            };
        };
        let (hb, hr) = (base.latency(), refac.map(ServerResult::latency));
        head(&mut m, "Latency (µs, from intended send time)");
        for (name, q) in [("p50", 0.5), ("p95", 0.95), ("p99", 0.99)] {
            let f = |h: &Histogram<u64>| h.value_at_quantile(q) as f64;
            row(&mut m, name, f(&hb), hr.as_ref().map(f), &|v| {
                format!("{v:.0}")
            });
        }
        row(
            &mut m,
            "max",
            hb.max() as f64,
            hr.as_ref().map(|h| h.max() as f64),
            &|v| format!("{v:.0}"),
        );
        head(&mut m, "Throughput");
        row(
            &mut m,
            "RPS",
            base.rps(),
            refac.map(ServerResult::rps),
            &|v| format!("{v:.0}"),
        );
        row(
            &mut m,
            "Errors",
            base.error_percent(),
            refac.map(ServerResult::error_percent),
            &|v| format!("{v:.3}%"),
        );
        head(&mut m, "Resources (server process, /proc)");
        row(
            &mut m,
            "CPU",
            base.cpu_mean(),
            refac.map(ServerResult::cpu_mean),
            &|v| format!("{v:.1}%"),
        );
        row(
            &mut m,
            "Memory (max RSS)",
            base.rss_max() as f64,
            refac.map(|r| r.rss_max() as f64),
            &|v| format!("{:.1}Mi", v / 1024.0),
        );
        if let (Some(r), Some(hr)) = (refac, hr.as_ref()) {
            let (b95, r95) = (
                hb.value_at_quantile(0.95) as f64,
                hr.value_at_quantile(0.95) as f64,
            );
            let c = if b95 > 0.0 {
                (r95 - b95) / b95 * 100.0
            } else {
                0.0
            };
            let _ = writeln!(
                m,
                "\nGoal (p95 ↓20%): {} ({c:+.1}%). Gate (p95 regression > 5% blocks): {}.",
                if c <= -20.0 { "MET" } else { "NOT MET" },
                if c > 5.0 { "FAIL" } else { "PASS" }
            );
            let _ = r;
        }
        let _ = writeln!(
            m,
            "\n### Errors by kind and connections\n\n| Server | {} | connections opened | failed |",
            ErrorKind::ALL.map(|k| k.name()).join(" | ")
        );
        let _ = writeln!(m, "|---|{}---|---|", "---|".repeat(ErrorKind::ALL.len()));
        for s in &self.servers {
            let count = |k: ErrorKind| {
                s.rounds
                    .iter()
                    .map(|r| r.errors.get(k.name()).copied().unwrap_or(0))
                    .sum::<u64>()
            };
            let _ = writeln!(
                m,
                "| {} | {} | {} | {} |",
                s.server,
                ErrorKind::ALL.map(|k| count(k).to_string()).join(" | "),
                s.rounds.iter().map(|r| r.connections_opened).sum::<u64>(),
                s.rounds.iter().map(|r| r.connections_failed).sum::<u64>()
            );
        }
        let _ = writeln!(m, "\n### Over time (RSS and p95 drift, per round)\n\n| Server | round | p95 µs | RSS start KiB | RSS end KiB | CPU mean |\n|---|---|---|---|---|---|");
        for s in &self.servers {
            for r in &s.rounds {
                let cpu = r.samples.iter().map(|x| x.cpu_percent).sum::<f64>()
                    / r.samples.len().max(1) as f64;
                let _ = writeln!(
                    m,
                    "| {} | {} | {} | {} | {} | {cpu:.1}% |",
                    s.server,
                    r.round,
                    r.latency.value_at_quantile(0.95),
                    r.baseline_rss_kib,
                    r.samples.last().map(|x| x.rss_kib).unwrap_or(0)
                );
            }
        }
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
        m
    }

    /// Writes load.json and report.md under `dir`, prints the report;
    /// true when every threshold passes.
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
