//! Server CPU % and RSS over time, sampled from /proc/<pid>/stat and
//! /proc/<pid>/status (Linux).

use serde::{Deserialize, Serialize};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Sample {
    pub t_s: f64,
    pub cpu_percent: f64,
    pub rss_kib: u64,
    /// Threads of the server process (/proc/<pid>/status `Threads:`).
    #[serde(default)]
    pub threads: u64,
}

/// utime + stime in clock ticks (fields 14 and 15 of /proc/<pid>/stat).
fn cpu_ticks(pid: u32) -> Option<u64> {
    let s = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // The command name (field 2) may hold spaces: count from the ')'.
    let rest = &s[s.rfind(')')? + 2..];
    let f: Vec<&str> = rest.split_whitespace().collect();
    Some(f.get(11)?.parse::<u64>().ok()? + f.get(12)?.parse::<u64>().ok()?)
}

/// A number field of /proc/<pid>/status (`VmRSS:`, `Threads:`).
fn status_field(pid: u32, field: &str) -> Option<u64> {
    let s = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = s.lines().find(|l| l.starts_with(field))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

pub fn rss_kib(pid: u32) -> Option<u64> {
    status_field(pid, "VmRSS:")
}

pub fn threads(pid: u32) -> Option<u64> {
    status_field(pid, "Threads:")
}

/// Linux reports /proc times in USER_HZ, 100 on every architecture Rust
/// supports for Linux.
const TICKS_PER_SECOND: f64 = 100.0;

/// Samples `pid` every `every` until `stop` is set (bounded by `max`).
pub fn sample(pid: u32, every: Duration, stop: Arc<AtomicBool>, max: usize) -> Vec<Sample> {
    let start = Instant::now();
    let mut out = Vec::new();
    let mut last = (Instant::now(), cpu_ticks(pid).unwrap_or(0));
    while !stop.load(Ordering::Acquire) && out.len() < max {
        std::thread::sleep(every);
        let (Some(ticks), Some(rss)) = (cpu_ticks(pid), rss_kib(pid)) else {
            break;
        };
        let now = Instant::now();
        let dt = now.duration_since(last.0).as_secs_f64().max(1e-6);
        let cpu = (ticks.saturating_sub(last.1)) as f64 / TICKS_PER_SECOND / dt * 100.0;
        out.push(Sample {
            t_s: now.duration_since(start).as_secs_f64(),
            cpu_percent: cpu,
            rss_kib: rss,
            threads: threads(pid).unwrap_or(0),
        });
        last = (now, ticks);
    }
    out
}
