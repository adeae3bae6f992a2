//! Soak mode (`--duration 10m`): RSS and p95 per time window of each
//! round, and their drift (last window against the first, and the
//! least-squares slope over all windows).

use super::{Report, RoundResult};
use std::fmt::Write as _;

/// One window's figures.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct WindowFigures {
    pub start_s: f64,
    pub end_s: f64,
    pub requests: u64,
    pub p95_us: u64,
    /// Highest RSS sampled in the window (0: no sample fell in it).
    pub rss_kib: u64,
    pub cpu_percent: f64,
}

pub fn windows(r: &RoundResult) -> Vec<WindowFigures> {
    r.windows
        .iter()
        .map(|w| {
            let inside = r
                .samples
                .iter()
                .filter(|s| s.t_s >= w.start_s && s.t_s < w.end_s);
            let (n, cpu, rss) = inside.fold((0usize, 0.0, 0u64), |(n, c, m), s| {
                (n + 1, c + s.cpu_percent, m.max(s.rss_kib))
            });
            WindowFigures {
                start_s: w.start_s,
                end_s: w.end_s,
                requests: w.latency.len(),
                p95_us: w.latency.value_at_quantile(0.95),
                rss_kib: rss,
                cpu_percent: if n == 0 { 0.0 } else { cpu / n as f64 },
            }
        })
        .collect()
}

/// Least-squares slope of `y` over `x` (per unit of `x`); 0 for fewer
/// than two points.
pub fn slope(points: &[(f64, f64)]) -> f64 {
    let n = points.len() as f64;
    if points.len() < 2 {
        return 0.0;
    }
    let (mx, my) = points
        .iter()
        .fold((0.0, 0.0), |(a, b), (x, y)| (a + x / n, b + y / n));
    let (num, den) = points.iter().fold((0.0, 0.0), |(a, b), (x, y)| {
        (a + (x - mx) * (y - my), b + (x - mx) * (x - mx))
    });
    if den == 0.0 {
        0.0
    } else {
        num / den
    }
}

/// Drift of one round: (first, last, slope per minute) for p95 (µs) and
/// RSS (KiB), over the windows that have the figure.
pub fn drift(ws: &[WindowFigures]) -> Option<[(f64, f64, f64); 2]> {
    let of = |get: &dyn Fn(&WindowFigures) -> Option<f64>| {
        let pts: Vec<(f64, f64)> = ws
            .iter()
            .filter_map(|w| get(w).map(|v| ((w.start_s + w.end_s) / 120.0, v)))
            .collect();
        Some((pts.first()?.1, pts.last()?.1, slope(&pts)))
    };
    let p95 = of(&|w| (w.requests > 0).then_some(w.p95_us as f64))?;
    let rss = of(&|w| (w.rss_kib > 0).then_some(w.rss_kib as f64))?;
    Some([p95, rss])
}

pub(super) fn markdown(r: &Report, m: &mut String) {
    if !r
        .servers
        .iter()
        .any(|s| s.rounds.iter().any(|x| !x.windows.is_empty()))
    {
        return;
    }
    let _ = writeln!(
        m,
        "\n### Soak: RSS and p95 by time window\n\n\
         | Server | round | window | t (s) | requests | p95 µs | max RSS KiB | CPU mean |\n\
         |---|---|---|---|---|---|---|---|"
    );
    let mut drifts = String::new();
    for s in &r.servers {
        for round in s.rounds.iter().filter(|x| !x.windows.is_empty()) {
            let ws = windows(round);
            for (i, w) in ws.iter().enumerate() {
                let _ = writeln!(
                    m,
                    "| {} | {} | {i} | {:.1}–{:.1} | {} | {} | {} | {:.1}% |",
                    s.server,
                    round.round,
                    w.start_s,
                    w.end_s,
                    w.requests,
                    w.p95_us,
                    w.rss_kib,
                    w.cpu_percent
                );
            }
            let Some([p, rss]) = drift(&ws) else {
                continue;
            };
            let pct = |a: f64, b: f64| {
                if a == 0.0 {
                    "n/a".into()
                } else {
                    format!("{:+.1}%", (b - a) / a * 100.0)
                }
            };
            let _ = writeln!(
                drifts,
                "| {} | {} | {:.0} → {:.0} ({}) | {:+.1} | {:.0} → {:.0} ({}) | {:+.1} |",
                s.server,
                round.round,
                p.0,
                p.1,
                pct(p.0, p.1),
                p.2,
                rss.0,
                rss.1,
                pct(rss.0, rss.1),
                rss.2
            );
        }
    }
    let _ = writeln!(
        m,
        "\n### Soak: drift (first window → last window; least-squares slope)\n\n\
         | Server | round | p95 µs | p95 slope µs/min | RSS KiB | RSS slope KiB/min |\n\
         |---|---|---|---|---|---|\n{drifts}"
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slope_is_least_squares() {
        assert_eq!(slope(&[(0.0, 1.0)]), 0.0);
        assert!((slope(&[(0.0, 1.0), (1.0, 3.0), (2.0, 5.0)]) - 2.0).abs() < 1e-12);
        // Noise around a flat line: slope near zero, not first-vs-last.
        let s = slope(&[(0.0, 10.0), (1.0, 12.0), (2.0, 8.0), (3.0, 10.0)]);
        assert!(s.abs() < 1.0, "{s}");
        assert_eq!(slope(&[(1.0, 1.0), (1.0, 2.0)]), 0.0);
    }

    #[test]
    fn drift_reads_first_and_last_windows() {
        let w = |i: f64, p95: u64, rss: u64| WindowFigures {
            start_s: i * 60.0,
            end_s: (i + 1.0) * 60.0,
            requests: 10,
            p95_us: p95,
            rss_kib: rss,
            cpu_percent: 0.0,
        };
        let [p, r] = drift(&[w(0.0, 100, 1000), w(1.0, 150, 1100), w(2.0, 200, 1200)]).unwrap();
        assert_eq!((p.0, p.1), (100.0, 200.0));
        assert!((p.2 - 50.0).abs() < 1e-9, "{}", p.2);
        assert!((r.2 - 100.0).abs() < 1e-9, "{}", r.2);
        assert!(drift(&[]).is_none());
    }
}
