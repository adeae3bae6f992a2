//! How busy the machine was while a group was measured, from `/proc`: the
//! load average, CPU steal (a hypervisor running someone else) and the CPU
//! that other processes used. Wall-clock verdicts taken while the machine
//! was busy are marked; instruction counts do not depend on it.

use serde::{Deserialize, Serialize};

/// CPU time counters at one moment (clock ticks).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct CpuTicks {
    /// All CPUs: time not idle (user, nice, system, irq, softirq).
    pub busy: u64,
    pub steal: u64,
    /// Every counter of the `cpu` line added up.
    pub total: u64,
    /// This process and its waited-for children (callgrind runs).
    pub own: u64,
}

/// The `cpu` line of `/proc/stat`.
pub fn parse_proc_stat(text: &str) -> Option<(u64, u64, u64)> {
    let line = text.lines().find(|l| l.starts_with("cpu "))?;
    let v: Vec<u64> = line
        .split_whitespace()
        .skip(1)
        .filter_map(|t| t.parse().ok())
        .collect();
    let at = |i: usize| v.get(i).copied().unwrap_or(0);
    // user nice system idle iowait irq softirq steal (guest is inside user)
    let busy = at(0) + at(1) + at(2) + at(5) + at(6);
    let total = (0..8).map(at).sum();
    Some((busy, at(7), total))
}

/// utime + stime + cutime + cstime of a `/proc/<pid>/stat` line.
pub fn parse_pid_stat(text: &str) -> Option<u64> {
    // The command name (field 2) is in parentheses and may hold spaces.
    let rest = &text[text.rfind(')')? + 1..];
    let f: Vec<&str> = rest.split_whitespace().collect();
    // After the name: state is field 3, so utime (14) is f[11].
    (11..15).map(|i| f.get(i)?.parse::<u64>().ok()).sum()
}

impl CpuTicks {
    pub fn now() -> Option<CpuTicks> {
        let (busy, steal, total) = parse_proc_stat(&std::fs::read_to_string("/proc/stat").ok()?)?;
        let own = parse_pid_stat(&std::fs::read_to_string("/proc/self/stat").ok()?)?;
        Some(CpuTicks {
            busy,
            steal,
            total,
            own,
        })
    }
}

/// `/proc/loadavg`: 1-minute load and runnable tasks (this one included).
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Load {
    pub load1: f64,
    pub running: u32,
}

pub fn parse_loadavg(text: &str) -> Option<Load> {
    let mut it = text.split_whitespace();
    let load1 = it.next()?.parse().ok()?;
    let running = it.nth(2)?.split('/').next()?.parse().ok()?;
    Some(Load { load1, running })
}

impl Load {
    pub fn now() -> Option<Load> {
        parse_loadavg(&std::fs::read_to_string("/proc/loadavg").ok()?)
    }
}

/// What the machine did while one group was measured.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Noise {
    /// The group, `{operation}/*/{payload}`.
    pub group: String,
    pub before: Load,
    pub after: Load,
    /// Cores' worth of CPU used by other processes over the group.
    pub other_cpu_cores: f64,
    /// Percent of CPU time stolen by the hypervisor over the group.
    pub steal_pct: f64,
    pub busy: bool,
}

/// Others using more than a quarter of the machine, or more than 5% steal,
/// make single-call latencies unreliable (measured here: 18 PASS became 9
/// with five other jobs on two cores).
pub const BUSY_OTHER_FRACTION: f64 = 0.25;
pub const BUSY_STEAL_PCT: f64 = 5.0;

impl Noise {
    /// Judges the interval between two snapshots on a machine of `cores`.
    pub fn between(
        group: &str,
        before: (Load, CpuTicks),
        after: (Load, CpuTicks),
        cores: usize,
    ) -> Noise {
        let (b, a) = (before.1, after.1);
        let elapsed_all = a.total.saturating_sub(b.total).max(1) as f64;
        let busy_all = a.busy.saturating_sub(b.busy) as f64;
        let own = a.own.saturating_sub(b.own) as f64;
        let cores = cores.max(1) as f64;
        // Ticks of all CPUs over the interval, as a fraction of the machine.
        let other_fraction = ((busy_all - own) / elapsed_all).max(0.0);
        let steal_pct = a.steal.saturating_sub(b.steal) as f64 / elapsed_all * 100.0;
        Noise {
            group: group.to_owned(),
            before: before.0,
            after: after.0,
            other_cpu_cores: other_fraction * cores,
            steal_pct,
            busy: other_fraction > BUSY_OTHER_FRACTION || steal_pct > BUSY_STEAL_PCT,
        }
    }
}

/// Snapshot for [`Noise::between`]; `None` where `/proc` is missing.
pub fn snapshot() -> Option<(Load, CpuTicks)> {
    Some((Load::now()?, CpuTicks::now()?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn proc_files_parse() {
        let stat = "cpu  100 5 50 1000 10 2 3 7 0 0\ncpu0 1 2 3 4\n";
        assert_eq!(parse_proc_stat(stat), Some((160, 7, 1177)));
        let pid = "1234 (my prog) R 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16";
        // utime..cstime are fields 14..17: 11 + 12 + 13 + 14.
        assert_eq!(parse_pid_stat(pid), Some(50));
        let l = parse_loadavg("1.50 0.80 0.40 3/211 9999\n").unwrap();
        assert_eq!(
            l,
            Load {
                load1: 1.5,
                running: 3
            }
        );
    }

    fn ticks(busy: u64, steal: u64, total: u64, own: u64) -> CpuTicks {
        CpuTicks {
            busy,
            steal,
            total,
            own,
        }
    }

    #[test]
    fn others_cpu_is_what_this_process_did_not_use() {
        let l = Load::default();
        // 2 cores, 200 ticks elapsed: we used 100 (one core), nobody else.
        let quiet = Noise::between("g", (l, ticks(0, 0, 0, 0)), (l, ticks(100, 0, 200, 100)), 2);
        assert!(!quiet.busy && quiet.other_cpu_cores < 1e-9, "{quiet:?}");
        // Another job kept the other core busy.
        let busy = Noise::between("g", (l, ticks(0, 0, 0, 0)), (l, ticks(200, 0, 200, 100)), 2);
        assert!(
            busy.busy && (busy.other_cpu_cores - 1.0).abs() < 1e-9,
            "{busy:?}"
        );
        // Steal alone marks it busy.
        let stolen = Noise::between(
            "g",
            (l, ticks(0, 0, 0, 0)),
            (l, ticks(100, 20, 200, 100)),
            2,
        );
        assert!(
            stolen.busy && (stolen.steal_pct - 10.0).abs() < 1e-9,
            "{stolen:?}"
        );
    }

    #[test]
    fn this_machine_can_be_read() {
        if std::path::Path::new("/proc/stat").exists() {
            let a = snapshot().expect("snapshot");
            let b = snapshot().expect("snapshot");
            let n = Noise::between("g", a, b, 2);
            assert!(n.steal_pct >= 0.0 && n.other_cpu_cores >= 0.0, "{n:?}");
        }
    }
}
