//! Measurements of prepared operations: wall-clock throughput, interleaved
//! single-call latencies, heap allocations, and instruction counts under
//! callgrind.

use crate::prepared::Prepared;
use serde::{Deserialize, Serialize};
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

/// The loop callgrind counts: `--toggle-collect` names this function, so
/// only the measured calls (and what they call) are counted, not set-up.
#[inline(never)]
pub fn giopbench_measured_loop(p: &mut Prepared, iterations: u64) -> Result<(), String> {
    for _ in 0..iterations {
        p.call()?;
    }
    Ok(())
}

/// The symbol pattern passed to callgrind's `--toggle-collect`.
pub const TOGGLE_PATTERN: &str = "*giopbench_measured_loop*";

/// Wall-clock throughput from batches of calls.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Throughput {
    /// Median over batches of the time per call.
    pub ns_per_op: f64,
    pub ops_per_s: f64,
    pub mb_per_s: f64,
    pub batches: u32,
}

/// Runs batches of `p` for about `budget`, returning the median batch's
/// time per call.
pub fn throughput(p: &mut Prepared, budget: Duration) -> Result<Throughput, String> {
    // Calibrate a batch to about 1/30 of the budget.
    let t = Instant::now();
    p.call()?;
    let one = t.elapsed().max(Duration::from_nanos(20));
    let per_batch = ((budget.as_nanos() / 30) / one.as_nanos()).clamp(1, 1 << 24) as u64;
    let mut per_op = Vec::new();
    let start = Instant::now();
    while per_op.len() < 5 || (start.elapsed() < budget && per_op.len() < 200) {
        let t = Instant::now();
        for _ in 0..per_batch {
            p.call()?;
        }
        per_op.push(t.elapsed().as_nanos() as f64 / per_batch as f64);
    }
    per_op.sort_by(f64::total_cmp);
    let ns = per_op[per_op.len() / 2].max(0.001);
    Ok(Throughput {
        ns_per_op: ns,
        ops_per_s: 1e9 / ns,
        mb_per_s: p.bytes as f64 / ns * 1e3,
        batches: per_op.len() as u32,
    })
}

/// Single-call latencies of several prepared operations, interleaved call
/// by call (A, B, C, A, B, C, ...) so that drift in the machine hits all
/// of them alike. Returns one sample vector (ns) per operation.
pub fn interleaved_latencies(
    ps: &mut [&mut Prepared],
    samples: usize,
) -> Result<Vec<Vec<u64>>, String> {
    let mut out: Vec<Vec<u64>> = ps.iter().map(|_| Vec::with_capacity(samples)).collect();
    for p in ps.iter_mut() {
        for _ in 0..3 {
            p.call()?; // warm caches and lazy initialisation
        }
    }
    for _ in 0..samples {
        for (p, o) in ps.iter_mut().zip(out.iter_mut()) {
            let t = Instant::now();
            p.call()?;
            o.push(t.elapsed().as_nanos() as u64);
        }
    }
    Ok(out)
}

/// Heap use of one call, counted over every allocator in the process.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Allocations {
    pub allocs_per_op: f64,
    pub bytes_per_op: f64,
    /// Highest live heap above the starting point during the calls.
    pub peak_bytes: i64,
    /// Growth of the live heap per call in steady state: the smaller of
    /// (live after 2N - live after N) and (after 3N - after 2N), over N,
    /// and never below zero. A leak grows in both intervals; memory freed
    /// that was allocated before counting (a cache replaced, a buffer
    /// shrunk) does not read as a negative leak.
    pub heap_growth_per_op: f64,
}

/// Live-heap growth per call from live bytes after N, 2N and 3N calls.
pub fn heap_growth(live_n: i64, live_2n: i64, live_3n: i64, n: u64) -> f64 {
    let first = live_2n - live_n;
    let second = live_3n - live_2n;
    (first.min(second).max(0)) as f64 / n.max(1) as f64
}

pub fn allocations(p: &mut Prepared, iterations: u64) -> Result<Allocations, String> {
    // Warm up: lazily grown buffers and one-time initialisation are not
    // per-call costs.
    for _ in 0..3 {
        p.call()?;
    }
    let n = iterations.max(1);
    alloc_count::set_enabled(true);
    alloc_count::reset_peak();
    let start = alloc_count::snapshot();
    let mut live = [0i64; 3];
    let mut result = Ok(());
    'outer: for slot in &mut live {
        for _ in 0..n {
            if let Err(e) = p.call() {
                result = Err(e);
                break 'outer;
            }
        }
        *slot = alloc_count::snapshot().live_bytes;
    }
    let d = alloc_count::snapshot() - start;
    alloc_count::set_enabled(false);
    result?;
    let calls = (3 * n) as f64;
    Ok(Allocations {
        allocs_per_op: d.allocations as f64 / calls,
        bytes_per_op: d.bytes_allocated as f64 / calls,
        peak_bytes: d.peak_live_bytes,
        heap_growth_per_op: heap_growth(live[0], live[1], live[2], n),
    })
}

/// The environment that makes callgrind's counts the same on every run and
/// every x86-64 CPU: glibc's string functions pinned to one implementation.
pub const GLIBC_TUNABLES: &str =
    "glibc.cpu.hwcaps=-AVX512F,-AVX2,-AVX,-ERMS,-FSRM,-AVX_Fast_Unaligned_Load";

/// Instructions per call of `id`, counted by running `exe exec --id ID
/// --iterations N` under callgrind with collection only inside the
/// measured loop. Deterministic for a given binary and environment.
pub fn count_instructions(
    exe: &Path,
    id: &str,
    iterations: u64,
    manifest: &Path,
) -> Result<f64, String> {
    count_instructions_keeping(exe, id, iterations, manifest).map(|(n, _)| n)
}

/// [`count_instructions`], also returning callgrind's output file (for
/// flamegraphs).
pub fn count_instructions_keeping(
    exe: &Path,
    id: &str,
    iterations: u64,
    manifest: &Path,
) -> Result<(f64, String), String> {
    let dir = tempdir()?;
    let out = dir.join("callgrind.out");
    let mut cmd = Command::new("setarch");
    cmd.args(["-R", "valgrind", "--tool=callgrind", "--collect-atstart=no"])
        .arg(format!("--toggle-collect={TOGGLE_PATTERN}"))
        .arg(format!("--callgrind-out-file={}", out.display()))
        .arg(exe)
        .args([
            "exec",
            "--id",
            id,
            "--iterations",
            &iterations.to_string(),
            "--manifest",
        ])
        .arg(manifest)
        .env("GLIBC_TUNABLES", GLIBC_TUNABLES)
        .env_remove("LD_PRELOAD");
    let o = cmd
        .output()
        .map_err(|e| format!("cannot run valgrind (install it: apt-get install valgrind): {e}"))?;
    if !o.status.success() {
        let _ = std::fs::remove_dir_all(&dir);
        return Err(format!(
            "callgrind run of {id} failed: {}",
            String::from_utf8_lossy(&o.stderr)
                .lines()
                .rev()
                .take(5)
                .collect::<Vec<_>>()
                .join(" | ")
        ));
    }
    let text = std::fs::read_to_string(&out).map_err(|e| format!("no callgrind output: {e}"))?;
    let _ = std::fs::remove_dir_all(&dir);
    let total = parse_callgrind_total(&text).ok_or("callgrind output without totals")?;
    Ok((total as f64 / iterations.max(1) as f64, text))
}

/// The `summary:` (or `totals:`) line of a callgrind output file: the
/// first event, Ir.
pub fn parse_callgrind_total(text: &str) -> Option<u64> {
    text.lines()
        .filter_map(|l| {
            l.strip_prefix("summary:")
                .or_else(|| l.strip_prefix("totals:"))
        })
        .find_map(|rest| rest.split_whitespace().next()?.parse().ok())
}

fn tempdir() -> Result<std::path::PathBuf, String> {
    static N: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let n = N.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let d = std::env::temp_dir().join(format!("giopbench-{}-{n}", std::process::id()));
    std::fs::create_dir_all(&d).map_err(|e| format!("cannot create {}: {e}", d.display()))?;
    Ok(d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn callgrind_totals_are_parsed() {
        let text = "events: Ir\nfn=main\n0 12\nsummary: 123456\ntotals: 123456\n";
        assert_eq!(parse_callgrind_total(text), Some(123_456));
        assert_eq!(parse_callgrind_total("events: Ir\n"), None);
    }

    #[test]
    fn heap_growth_never_reads_negative() {
        // A steady leak of 16 B a call over N = 10 calls.
        assert_eq!(heap_growth(1000, 1160, 1320, 10), 16.0);
        // Memory allocated before counting and freed during it.
        assert_eq!(heap_growth(-480, -480, -480, 10), 0.0);
        assert_eq!(heap_growth(0, -100, -100, 10), 0.0);
        // One-off growth (a buffer grown once) is not a leak.
        assert_eq!(heap_growth(0, 4096, 4096, 10), 0.0);
    }
}
