//! Load scenarios (TOML, e.g. corpus/load/default.toml): the operation mix
//! with payload sizes, connections, stages and thresholds, k6-style.

use serde::Deserialize;
use std::path::Path;
use std::time::Duration;

/// How requests are issued.
#[derive(Clone, Copy, Debug, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum Mode {
    /// Constant arrival rate (wrk2): requests leave on a schedule whatever
    /// the replies do; latency counts from the intended send time.
    Open,
    /// Virtual users (k6 `vus`): each sends, waits for its reply, repeats.
    Closed,
}

/// One stage: the target (requests per second when open, virtual users
/// when closed) moves linearly from the previous stage's target to this
/// one over `duration` (k6 `stages`).
#[derive(Clone, Debug, Deserialize)]
pub struct Stage {
    #[serde(with = "duration_text")]
    pub duration: Duration,
    pub target: f64,
}

/// One operation of the mix: `Load::Echo` operation, relative weight and
/// payload size (string/octet length, or element count for sequences).
#[derive(Clone, Debug, Deserialize)]
pub struct MixEntry {
    pub op: String,
    #[serde(default = "one")]
    pub weight: u32,
    pub size: usize,
    #[serde(default)]
    pub seed: u64,
}

fn one() -> u32 {
    1
}

#[derive(Clone, Debug, Deserialize)]
pub struct Scenario {
    pub name: String,
    pub mode: Mode,
    /// Connections per generator (open mode; closed mode opens one per
    /// virtual user).
    #[serde(default = "one_usize")]
    pub connections: usize,
    /// "1.0", "1.1" or "1.2".
    #[serde(default = "giop12")]
    pub giop: String,
    /// "le" or "be".
    #[serde(default = "le")]
    pub order: String,
    #[serde(default = "timeout_default", with = "duration_text")]
    pub timeout: Duration,
    pub stages: Vec<Stage>,
    pub mix: Vec<MixEntry>,
    #[serde(default)]
    pub thresholds: Vec<String>,
    /// Soak mode: time windows that RSS and latency are reported in
    /// (0: none; `--duration` sets [`SOAK_WINDOWS`]).
    #[serde(default)]
    pub windows: usize,
}

fn one_usize() -> usize {
    1
}
fn giop12() -> String {
    "1.2".into()
}
fn le() -> String {
    "le".into()
}
fn timeout_default() -> Duration {
    Duration::from_secs(2)
}

/// Upper bounds that keep every loop bounded in count and time.
pub const MAX_CONNECTIONS: usize = 20_000;
pub const MAX_TARGET: f64 = 1_000_000.0;
pub const MAX_TOTAL: Duration = Duration::from_secs(24 * 3600);
pub const MAX_WINDOWS: usize = 1000;
/// Windows of a `--duration` soak run.
pub const SOAK_WINDOWS: usize = 10;

impl Scenario {
    pub fn load(path: &Path) -> Result<Scenario, String> {
        let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
        let s: Scenario = toml::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
        s.check().map_err(|e| format!("{}: {e}", path.display()))?;
        Ok(s)
    }

    pub fn check(&self) -> Result<(), String> {
        if self.stages.is_empty() {
            return Err("no stages".into());
        }
        if self.mix.is_empty() || self.mix.iter().all(|m| m.weight == 0) {
            return Err("the mix has no operation with a weight".into());
        }
        if self.connections == 0 || self.connections > MAX_CONNECTIONS {
            return Err(format!("connections must be 1..={MAX_CONNECTIONS}"));
        }
        if self
            .stages
            .iter()
            .any(|s| !(0.0..=MAX_TARGET).contains(&s.target))
        {
            return Err(format!("stage targets must be 0..={MAX_TARGET}"));
        }
        if self.windows > MAX_WINDOWS {
            return Err(format!("windows must be 0..={MAX_WINDOWS}"));
        }
        if self.duration() > MAX_TOTAL {
            return Err("the stages last more than a day".into());
        }
        for t in &self.thresholds {
            Threshold::parse(t)?;
        }
        Ok(())
    }

    pub fn duration(&self) -> Duration {
        self.stages.iter().map(|s| s.duration).sum()
    }

    /// The target at `t` after the start (0 after the last stage).
    pub fn target_at(&self, t: Duration) -> f64 {
        let mut start = Duration::ZERO;
        let mut from = 0.0;
        for s in &self.stages {
            let end = start + s.duration;
            if t < end {
                let frac = (t - start).as_secs_f64() / s.duration.as_secs_f64().max(1e-9);
                return from + (s.target - from) * frac;
            }
            from = s.target;
            start = end;
        }
        0.0
    }

    /// Replaces the stages by one steady stage of `d` at the highest
    /// target (`--duration`, the soak mode), reported in
    /// [`SOAK_WINDOWS`] time windows.
    pub fn with_duration(&mut self, d: Duration) {
        let peak = self.stages.iter().map(|s| s.target).fold(0.0, f64::max);
        self.stages = vec![Stage {
            duration: d,
            target: peak,
        }];
        self.windows = SOAK_WINDOWS;
    }

    /// Scales every stage's duration so that they total `d` (CI and quick
    /// looks keep the scenario's shape).
    pub fn scale_to(&mut self, d: Duration) {
        let total = self.duration().as_secs_f64().max(1e-9);
        let k = d.as_secs_f64() / total;
        for s in &mut self.stages {
            s.duration = s.duration.mul_f64(k);
        }
    }
}

/// A k6-style threshold: `<metric> <op> <value>`, metrics p50/p95/p99/max
/// (durations: `2ms`, `500us`) and `errors` (a percentage: `0.1%`), and
/// `rps` (a number).
#[derive(Clone, Debug, PartialEq)]
pub struct Threshold {
    pub text: String,
    pub metric: String,
    pub less: bool,
    pub value: f64,
}

impl Threshold {
    pub fn parse(text: &str) -> Result<Threshold, String> {
        let bad =
            || format!("threshold {text:?}: expected `<metric> <|> <value>`, e.g. `p95 < 2ms`");
        let (metric, less, value) = if let Some((m, v)) = text.split_once('<') {
            (m, true, v)
        } else if let Some((m, v)) = text.split_once('>') {
            (m, false, v)
        } else {
            return Err(bad());
        };
        let metric = metric.trim().to_owned();
        let value = value.trim();
        let value = match metric.as_str() {
            "p50" | "p95" | "p99" | "max" => parse_duration(value)
                .map(|d| d.as_secs_f64() * 1e6)
                .ok_or_else(bad)?,
            "errors" => value
                .strip_suffix('%')
                .and_then(|v| v.trim().parse::<f64>().ok())
                .ok_or_else(bad)?,
            "rps" => value.parse::<f64>().map_err(|_| bad())?,
            _ => return Err(bad()),
        };
        Ok(Threshold {
            text: text.to_owned(),
            metric,
            less,
            value,
        })
    }

    /// Whether `observed` (µs for latencies, % for errors) passes.
    pub fn passes(&self, observed: f64) -> bool {
        if self.less {
            observed < self.value
        } else {
            observed > self.value
        }
    }
}

/// `250ms`, `2s`, `10m`, `500us`, `1h`.
pub fn parse_duration(s: &str) -> Option<Duration> {
    let s = s.trim();
    let split = s.find(|c: char| c.is_ascii_alphabetic())?;
    let (num, unit) = s.split_at(split);
    let n: f64 = num.trim().parse().ok()?;
    if !(0.0..=1e9).contains(&n) {
        return None;
    }
    let secs = match unit {
        "us" => n / 1e6,
        "ms" => n / 1e3,
        "s" => n,
        "m" => n * 60.0,
        "h" => n * 3600.0,
        _ => return None,
    };
    Some(Duration::from_secs_f64(secs))
}

mod duration_text {
    use serde::{Deserialize, Deserializer};
    use std::time::Duration;

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Duration, D::Error> {
        let s = String::deserialize(d)?;
        super::parse_duration(&s)
            .ok_or_else(|| serde::de::Error::custom(format!("bad duration {s:?} (e.g. 2s, 250ms)")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thresholds_parse_and_judge() {
        let t = Threshold::parse("p95 < 2ms").unwrap();
        assert_eq!(t.metric, "p95");
        assert!(t.passes(1999.0) && !t.passes(2000.0));
        let e = Threshold::parse("errors < 0.1%").unwrap();
        assert!(e.passes(0.05) && !e.passes(0.1));
        assert!(Threshold::parse("p95 2ms").is_err());
        assert!(Threshold::parse("cpu < 3").is_err());
    }

    #[test]
    fn stages_ramp_linearly() {
        let s: Scenario = toml::from_str(
            r#"name = "t"
mode = "open"
stages = [{ duration = "1s", target = 100 }, { duration = "1s", target = 100 }, { duration = "1s", target = 0 }]
mix = [{ op = "echo_string", size = 8 }]"#,
        )
        .unwrap();
        assert!((s.target_at(Duration::from_millis(500)) - 50.0).abs() < 1e-6);
        assert!((s.target_at(Duration::from_millis(1500)) - 100.0).abs() < 1e-6);
        assert!((s.target_at(Duration::from_millis(2750)) - 25.0).abs() < 1e-6);
        assert_eq!(s.target_at(Duration::from_secs(4)), 0.0);
    }
}
