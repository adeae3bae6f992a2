//! What a run measured, serialised as `results.json`, and the exports.

use crate::flame::Profile;
use crate::judge::{Gate, GoalSpec, GoalVerdict, Headroom};
use crate::measure::{Allocations, Throughput};
use crate::noise::Noise;
use crate::prepared::BenchId;
use crate::stats::{Latency, RatioInterval};
use crate::workload::Class;
use serde::{Deserialize, Serialize};
use std::fmt::Write as _;
use std::process::Command;

/// The machine and software a run measured on.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct Meta {
    pub timestamp: String,
    pub git_revision: String,
    pub rustc: String,
    pub valgrind: String,
    pub glibc: String,
    pub cpu_model: String,
    pub cores: usize,
    pub os: String,
    pub command: String,
    /// What "baseline" and "refactored" mean in this run: two backends
    /// (legacy vs rust) or two revisions.
    pub baseline: String,
    pub refactored: String,
}

fn first_line(cmd: &str, args: &[&str]) -> String {
    Command::new(cmd)
        .args(args)
        .output()
        .ok()
        .and_then(|o| {
            let s = if o.stdout.is_empty() {
                o.stderr
            } else {
                o.stdout
            };
            String::from_utf8(s).ok()
        })
        .and_then(|s| s.lines().next().map(str::to_owned))
        .unwrap_or_else(|| "unknown".into())
}

impl Meta {
    pub fn collect(baseline: &str, refactored: &str) -> Meta {
        let cpu_model = std::fs::read_to_string("/proc/cpuinfo")
            .ok()
            .and_then(|s| {
                s.lines()
                    .find(|l| l.starts_with("model name"))
                    .and_then(|l| l.split(':').nth(1))
                    .map(|s| s.trim().to_owned())
            })
            .unwrap_or_else(|| "unknown".into());
        Meta {
            timestamp: timestamp(),
            git_revision: first_line("git", &["rev-parse", "HEAD"]),
            rustc: first_line("rustc", &["--version"]),
            valgrind: first_line("valgrind", &["--version"]),
            glibc: first_line("ldd", &["--version"]),
            cpu_model,
            cores: std::thread::available_parallelism().map_or(1, |n| n.get()),
            os: std::fs::read_to_string("/etc/debian_version")
                .map(|v| format!("Debian {}", v.trim()))
                .unwrap_or_else(|_| std::env::consts::OS.into()),
            command: std::env::args().collect::<Vec<_>>().join(" "),
            baseline: baseline.into(),
            refactored: refactored.into(),
        }
    }
}

/// UTC time as `YYYYMMDDTHHMMSSZ` (also the report directory's name).
pub fn timestamp() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let (days, rem) = (secs / 86_400, secs % 86_400);
    // Civil-from-days (proleptic Gregorian), for a dependency-free stamp.
    let z = days as i64 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!(
        "{y:04}{m:02}{d:02}T{:02}{:02}{:02}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

/// Everything measured for one bench id.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Entry {
    pub id: BenchId,
    pub class: Class,
    /// CDR bytes per call.
    pub bytes: usize,
    pub throughput: Option<Throughput>,
    pub latency: Option<Latency>,
    pub instructions: Option<f64>,
    pub allocations: Option<Allocations>,
    /// Why something could not be measured.
    pub note: Option<String>,
    /// Where the instructions go (from the callgrind run).
    #[serde(default)]
    pub profile: Option<Profile>,
    /// Allocation sites of live-heap growth, when it grew.
    #[serde(default)]
    pub growth_sites: Vec<String>,
    /// Flamegraph file, relative to the report.
    #[serde(default)]
    pub flamegraph: Option<String>,
    /// Cumulative latency histogram: (upper bound ns, samples at or under
    /// it), on [`crate::stats::BUCKETS_NS`].
    #[serde(default)]
    pub latency_buckets: Vec<(u64, u64)>,
}

impl Entry {
    /// An entry with nothing measured yet.
    pub fn new(id: BenchId, class: Class, bytes: usize) -> Entry {
        Entry {
            id,
            class,
            bytes,
            throughput: None,
            latency: None,
            instructions: None,
            allocations: None,
            note: None,
            profile: None,
            growth_sites: Vec::new(),
            flamegraph: None,
            latency_buckets: Vec::new(),
        }
    }

    /// An entry that could not be measured, and why.
    pub fn skipped(id: BenchId, class: Class, why: &str) -> Entry {
        let mut e = Entry::new(id, class, 0);
        e.note = Some(why.to_owned());
        e
    }

    /// Sets the latency percentiles and histogram from raw samples (ns).
    pub fn with_latency_samples(mut self, samples: &[u64]) -> Entry {
        self.latency = crate::stats::latency_of(samples);
        self.latency_buckets = crate::stats::cumulative_buckets(samples, crate::stats::BUCKETS_NS);
        self
    }
}

/// One hot path judged: refactored against baseline, on the goal and on
/// the gate separately (see [`crate::judge`]).
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Judgement {
    /// `{operation}/{payload}`.
    pub path: String,
    pub class: Class,
    pub baseline: String,
    pub refactored: String,
    /// refactored p95 / baseline p95, with its bootstrap interval.
    pub p95_ratio: Option<RatioInterval>,
    /// refactored instructions / baseline instructions.
    pub instructions_ratio: Option<f64>,
    pub goal: GoalSpec,
    /// The interval of the goal's own metric (p50/p95/p99) when it is a
    /// latency goal.
    pub goal_ratio: Option<RatioInterval>,
    /// The goal, judged on its metric.
    pub goal_verdict: GoalVerdict,
    /// The same goal ratio, judged on instruction counts.
    pub instructions_goal: GoalVerdict,
    pub latency_gate: Option<Gate>,
    pub instructions_gate: Option<Gate>,
    /// The worse of the two gates.
    pub gate: Gate,
    /// Internal targets (memcpy fractions, 2×): shown, deciding nothing.
    pub headroom: Option<Headroom>,
    /// For bulk paths: refactored throughput / memcpy throughput.
    pub memcpy_fraction: Option<f64>,
    /// The machine was busy while this path's latencies were taken.
    #[serde(default)]
    pub noisy: bool,
}

fn default_threshold() -> f64 {
    5.0
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Results {
    pub meta: Meta,
    pub entries: Vec<Entry>,
    pub judgements: Vec<Judgement>,
    /// The gate's threshold: a regression above it fails (percent).
    #[serde(default = "default_threshold")]
    pub threshold_pct: f64,
    /// Interleaved latency rounds pooled per group.
    #[serde(default)]
    pub rounds: usize,
    /// Machine load before and after each group.
    #[serde(default)]
    pub noise: Vec<Noise>,
    /// A regression accepted by hand (`--allow-regression "reason"`).
    #[serde(default)]
    pub allowed_regression: Option<String>,
    /// Hot paths joined to the complexity of the functions carrying their
    /// instructions (`giopbench run` with callgrind profiles).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub complexity: Option<crate::complexity::RunComplexity>,
    /// What each backend encodes from and decodes into, per operation
    /// family the run measured (`giopbench run`; empty elsewhere).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub native_forms: Vec<NativeFormRow>,
}

/// One backend's [`bench_ops::NativeForm`] for one operation family.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NativeFormRow {
    pub backend: String,
    /// `seq`, `string`, `typecode`, `any` or `static`.
    pub family: String,
    pub encodes_from: String,
    pub decodes_into: String,
}

impl Results {
    /// The one way results are put together (run, latency, compare, load):
    /// the measured entries and judgements with the default gate (5%), one
    /// round, no noise log, no override and no complexity join; set those
    /// fields after when they exist.
    pub fn new(meta: Meta, entries: Vec<Entry>, judgements: Vec<Judgement>) -> Results {
        Results {
            meta,
            entries,
            judgements,
            threshold_pct: default_threshold(),
            rounds: 1,
            noise: Vec::new(),
            allowed_regression: None,
            complexity: None,
            native_forms: Vec::new(),
        }
    }

    pub fn entry(&self, id: &BenchId) -> Option<&Entry> {
        self.entries.iter().find(|e| &e.id == id)
    }

    /// The entry of a judged path on one side. Paths are
    /// `{operation}/{payload}` in a run; in a comparison they are whole ids
    /// and the sides are `{backend}@base` / `{backend}@head`.
    pub fn side(&self, path: &str, backend: &str) -> Option<&Entry> {
        self.entries.iter().find(|e| {
            e.id.backend == backend
                && (e.id.path() == path || {
                    let plain = backend.split('@').next().unwrap_or(backend);
                    format!("{}/{plain}/{}", e.id.operation, e.id.payload) == path
                })
        })
    }

    pub fn to_csv(&self) -> String {
        let mut s = String::from(
            "id,operation,backend,payload,bytes,ns_per_op,ops_per_s,mb_per_s,p50_ns,p95_ns,p99_ns,instructions,allocs_per_op,bytes_alloc_per_op,peak_bytes,heap_growth_bytes_per_op\n",
        );
        let f = |v: Option<f64>| v.map_or(String::new(), |x| format!("{x:.3}"));
        let u = |v: Option<u64>| v.map_or(String::new(), |x| x.to_string());
        for e in &self.entries {
            let _ = writeln!(
                s,
                "{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{}",
                e.id,
                e.id.operation,
                e.id.backend,
                e.id.payload,
                e.bytes,
                f(e.throughput.map(|t| t.ns_per_op)),
                f(e.throughput.map(|t| t.ops_per_s)),
                f(e.throughput.map(|t| t.mb_per_s)),
                u(e.latency.map(|l| l.p50_ns)),
                u(e.latency.map(|l| l.p95_ns)),
                u(e.latency.map(|l| l.p99_ns)),
                f(e.instructions),
                f(e.allocations.map(|a| a.allocs_per_op)),
                f(e.allocations.map(|a| a.bytes_per_op)),
                e.allocations
                    .map_or(String::new(), |a| a.peak_bytes.to_string()),
                f(e.allocations.map(|a| a.heap_growth_per_op)),
            );
        }
        s
    }

    /// Bencher Metric Format: `{ id: { measure: { value } } }`.
    pub fn to_bmf(&self) -> serde_json::Value {
        let mut root = serde_json::Map::new();
        for e in &self.entries {
            let mut m = serde_json::Map::new();
            let mut put = |k: &str, v: Option<f64>| {
                if let Some(v) = v {
                    m.insert(k.into(), serde_json::json!({ "value": v }));
                }
            };
            put("latency", e.throughput.map(|t| t.ns_per_op));
            put("throughput", e.throughput.map(|t| t.mb_per_s));
            put("p95-latency", e.latency.map(|l| l.p95_ns as f64));
            put("instructions", e.instructions);
            put("allocations", e.allocations.map(|a| a.allocs_per_op));
            root.insert(e.id.to_string(), serde_json::Value::Object(m));
        }
        if let Some(c) = &self.complexity {
            c.add_bmf(&mut root);
        }
        serde_json::Value::Object(root)
    }
}
