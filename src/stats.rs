//! Percentiles, HDR histograms and bootstrap confidence intervals.

use crate::values::Rng;
use hdrhistogram::Histogram;
use serde::{Deserialize, Serialize};

/// Nearest-rank percentile of sorted samples (`q` in 0..=1): the smallest
/// sample with at least `q` of the samples at or below it.
pub fn percentile_sorted(sorted: &[u64], q: f64) -> Option<u64> {
    if sorted.is_empty() {
        return None;
    }
    let rank = (q.clamp(0.0, 1.0) * sorted.len() as f64).ceil() as usize;
    Some(sorted[rank.clamp(1, sorted.len()) - 1])
}

/// p50/p95/p99 and friends of a set of single-call latencies (ns).
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Latency {
    pub samples: u64,
    pub min_ns: u64,
    pub p50_ns: u64,
    pub p95_ns: u64,
    pub p99_ns: u64,
    pub max_ns: u64,
    pub mean_ns: f64,
}

/// Summarises latencies through an HDR histogram (3 significant digits).
pub fn latency_of(samples: &[u64]) -> Option<Latency> {
    let mut h = Histogram::<u64>::new(3).ok()?;
    for &s in samples {
        h.record(s.max(1)).ok()?;
    }
    if h.is_empty() {
        return None;
    }
    Some(Latency {
        samples: h.len(),
        min_ns: h.min(),
        p50_ns: h.value_at_quantile(0.50),
        p95_ns: h.value_at_quantile(0.95),
        p99_ns: h.value_at_quantile(0.99),
        max_ns: h.max(),
        mean_ns: h.mean(),
    })
}

/// Upper bounds (ns) of the latency histogram buckets exported to
/// Prometheus: 1-2-5 steps from 50 ns to 100 ms.
pub const BUCKETS_NS: &[u64] = &[
    50,
    100,
    200,
    500,
    1_000,
    2_000,
    5_000,
    10_000,
    20_000,
    50_000,
    100_000,
    200_000,
    500_000,
    1_000_000,
    2_000_000,
    5_000_000,
    10_000_000,
    20_000_000,
    50_000_000,
    100_000_000,
];

/// Cumulative counts of `samples` at or under each of `bounds`.
pub fn cumulative_buckets(samples: &[u64], bounds: &[u64]) -> Vec<(u64, u64)> {
    let mut sorted = samples.to_vec();
    sorted.sort_unstable();
    bounds
        .iter()
        .map(|&b| (b, sorted.partition_point(|&x| x <= b) as u64))
        .collect()
}

/// A confidence interval on the ratio of `refactored`'s to `baseline`'s
/// p95, by percentile bootstrap (resampling both sides with replacement).
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct RatioInterval {
    pub ratio: f64,
    pub low: f64,
    pub high: f64,
    pub confidence: f64,
}

pub fn bootstrap_p95_ratio(
    baseline: &[u64],
    refactored: &[u64],
    rounds: usize,
    seed: u64,
) -> Option<RatioInterval> {
    bootstrap_quantile_ratio(baseline, refactored, 0.95, rounds, seed)
}

/// A 95% percentile-bootstrap interval on refactored's `q`-quantile over
/// baseline's (`q` = 0.5 for p50, 0.99 for p99).
pub fn bootstrap_quantile_ratio(
    baseline: &[u64],
    refactored: &[u64],
    q: f64,
    rounds: usize,
    seed: u64,
) -> Option<RatioInterval> {
    if baseline.is_empty() || refactored.is_empty() {
        return None;
    }
    let quantile = |v: &[u64]| {
        let mut s = v.to_vec();
        s.sort_unstable();
        percentile_sorted(&s, q).map(|x| x.max(1) as f64)
    };
    let ratio = quantile(refactored)? / quantile(baseline)?;
    let mut rng = Rng::new(seed);
    let mut resample = |v: &[u64], buf: &mut Vec<u64>| {
        buf.clear();
        buf.extend((0..v.len()).map(|_| v[rng.below(v.len() as u64) as usize]));
        buf.sort_unstable();
        percentile_sorted(buf, q).map_or(1.0, |x| x.max(1) as f64)
    };
    let (mut a, mut b) = (Vec::new(), Vec::new());
    let mut ratios: Vec<f64> = (0..rounds.max(10))
        .map(|_| resample(refactored, &mut b) / resample(baseline, &mut a))
        .collect();
    ratios.sort_by(f64::total_cmp);
    let at =
        |q: f64| ratios[((q * (ratios.len() - 1) as f64).round() as usize).min(ratios.len() - 1)];
    Some(RatioInterval {
        ratio,
        low: at(0.025),
        high: at(0.975),
        confidence: 0.95,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nearest_rank_on_a_uniform_sequence() {
        let v: Vec<u64> = (1..=100).collect();
        assert_eq!(percentile_sorted(&v, 0.50), Some(50));
        assert_eq!(percentile_sorted(&v, 0.95), Some(95));
        assert_eq!(percentile_sorted(&v, 0.99), Some(99));
        assert_eq!(percentile_sorted(&v, 1.0), Some(100));
        assert_eq!(percentile_sorted(&v, 0.0), Some(1));
        assert_eq!(percentile_sorted(&[], 0.5), None);
    }

    #[test]
    fn hdr_percentiles_of_known_distributions() {
        // Uniform 1..=10_000: p50 = 5000, p95 = 9500, p99 = 9900 within
        // the histogram's 3 significant digits.
        let v: Vec<u64> = (1..=10_000).collect();
        let l = latency_of(&v).unwrap();
        let close = |a: u64, b: u64| (a as f64 - b as f64).abs() / b as f64 <= 0.001;
        assert!(close(l.p50_ns, 5000), "{l:?}");
        assert!(close(l.p95_ns, 9500), "{l:?}");
        assert!(close(l.p99_ns, 9900), "{l:?}");
        assert_eq!(l.samples, 10_000);
        // Exponential with mean 1000 ns: p50 = ln 2 * 1000, p95 = ln 20 *
        // 1000, p99 = ln 100 * 1000 (inverse CDF on an even grid).
        let n = 100_000;
        let v: Vec<u64> = (0..n)
            .map(|i| (-(1.0 - (i as f64 + 0.5) / n as f64).ln() * 1000.0).round() as u64)
            .collect();
        let l = latency_of(&v).unwrap();
        let near = |a: u64, b: f64| (a as f64 - b).abs() / b < 0.01;
        assert!(near(l.p50_ns, 693.1), "{l:?}");
        assert!(near(l.p95_ns, 2995.7), "{l:?}");
        assert!(near(l.p99_ns, 4605.2), "{l:?}");
    }

    #[test]
    fn buckets_are_cumulative() {
        let b = cumulative_buckets(&[10, 100, 150, 600, 5000], &[100, 500, 1000]);
        assert_eq!(b, vec![(100, 2), (500, 3), (1000, 4)]);
    }

    #[test]
    fn bootstrap_separates_a_real_speed_up_from_noise() {
        let mut r = Rng::new(7);
        let base: Vec<u64> = (0..2000).map(|_| 1000 + r.below(200)).collect();
        let fast: Vec<u64> = (0..2000).map(|_| 500 + r.below(100)).collect();
        let same: Vec<u64> = (0..2000).map(|_| 1000 + r.below(200)).collect();
        let iv = bootstrap_p95_ratio(&base, &fast, 500, 1).unwrap();
        assert!(iv.high < 0.6 && iv.low > 0.4, "{iv:?}");
        let iv = bootstrap_p95_ratio(&base, &same, 500, 1).unwrap();
        assert!(iv.low < 1.0 && iv.high > 0.97, "{iv:?}");
        let slow: Vec<u64> = base.iter().map(|x| x * 2).collect();
        let iv = bootstrap_p95_ratio(&base, &slow, 500, 1).unwrap();
        assert!(iv.low > 1.8 && iv.high < 2.2, "{iv:?}");
        let iv = bootstrap_quantile_ratio(&base, &fast, 0.5, 500, 1).unwrap();
        assert!((iv.ratio - 0.5).abs() < 0.03, "{iv:?}");
    }
}
