//! The two judgments of the seed's validation workflow, kept apart:
//!
//! * the **goal**: did the refactored side reach the goal against the
//!   baseline (MET / NOT MET), e.g. the RDB's "↓20% p95 latency";
//! * the **gate**: "improved or no change" passes, "regressed < threshold"
//!   passes with a warning, "regressed > threshold" fails (default 5%).
//!
//! Internal targets (fractions of memcpy, 2× on TypeCode paths) are
//! *headroom*: shown beside the verdicts, deciding neither.

use crate::results::Judgement;
use crate::stats::{bootstrap_quantile_ratio, RatioInterval};
use crate::workload::Class;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// What a goal is measured on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Metric {
    P50,
    P95,
    P99,
    Instructions,
}

impl Metric {
    /// The latency quantile, or `None` for instructions.
    pub fn quantile(self) -> Option<f64> {
        match self {
            Metric::P50 => Some(0.50),
            Metric::P95 => Some(0.95),
            Metric::P99 => Some(0.99),
            Metric::Instructions => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Metric::P50 => "p50",
            Metric::P95 => "p95",
            Metric::P99 => "p99",
            Metric::Instructions => "instructions",
        }
    }
}

/// A goal such as `p95=-20%`: refactored / baseline of `metric` must be at
/// most `ratio` (0.80).
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct GoalSpec {
    pub metric: Metric,
    pub ratio: f64,
}

impl Default for GoalSpec {
    /// The RDB's goal: ↓20% p95 latency.
    fn default() -> GoalSpec {
        GoalSpec {
            metric: Metric::P95,
            ratio: 0.80,
        }
    }
}

impl FromStr for GoalSpec {
    type Err = String;
    /// `p95=-20%`, `p50=-10%`, `instructions=-30%` (a change in percent,
    /// negative for "lower").
    fn from_str(s: &str) -> Result<GoalSpec, String> {
        let bad = || format!("bad goal {s:?}: want METRIC=CHANGE%, e.g. p95=-20%");
        let (m, c) = s.split_once('=').ok_or_else(bad)?;
        let metric = match m.trim().to_ascii_lowercase().as_str() {
            "p50" => Metric::P50,
            "p95" => Metric::P95,
            "p99" => Metric::P99,
            "instructions" | "ir" => Metric::Instructions,
            _ => return Err(bad()),
        };
        let pct: f64 = c.trim().trim_end_matches('%').parse().map_err(|_| bad())?;
        if !(-100.0..1000.0).contains(&pct) || pct == -100.0 {
            return Err(format!("goal {s:?}: change must be above -100%"));
        }
        Ok(GoalSpec {
            metric,
            ratio: 1.0 + pct / 100.0,
        })
    }
}

impl fmt::Display for GoalSpec {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} {:+.0}%",
            self.metric.as_str(),
            (self.ratio - 1.0) * 100.0
        )
    }
}

/// Did the refactored side reach the goal?
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum GoalVerdict {
    /// The whole interval (or the exact count) is at or under the goal.
    Met,
    NotMet,
    NotMeasured,
}

impl GoalVerdict {
    pub fn as_str(self) -> &'static str {
        match self {
            GoalVerdict::Met => "MET",
            GoalVerdict::NotMet => "NOT MET",
            GoalVerdict::NotMeasured => "–",
        }
    }

    /// Latency: met only when the interval's upper end is at or under the
    /// goal, so noise cannot claim a goal.
    pub fn of_interval(iv: Option<&RatioInterval>, goal: f64) -> GoalVerdict {
        match iv {
            Some(iv) if iv.high <= goal => GoalVerdict::Met,
            Some(_) => GoalVerdict::NotMet,
            None => GoalVerdict::NotMeasured,
        }
    }

    /// Instructions are exact: the ratio itself decides.
    pub fn of_ratio(ratio: Option<f64>, goal: f64) -> GoalVerdict {
        match ratio {
            Some(r) if r <= goal => GoalVerdict::Met,
            Some(_) => GoalVerdict::NotMet,
            None => GoalVerdict::NotMeasured,
        }
    }
}

/// Latency changes within this fraction count as no change for the gate.
pub const LATENCY_DEAD_BAND: f64 = 0.02;

/// Instruction-count changes within this fraction count as no change for
/// the gate. Counts are not exactly repeatable on every path: four runs of
/// the same binary gave decode_typecode/rust/wide50_le 41,134..41,406
/// instructions per call (0.66%; omniorb 65,086..65,296, ada exact), with
/// `run --quick`'s two iterations.
pub const INSTRUCTIONS_DEAD_BAND: f64 = 0.01;

/// The regression gate.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Gate {
    /// No evidence to judge on (a load run with fewer rounds than an
    /// interval needs). Ordered first: any real verdict is worse.
    NotJudged,
    /// Improved or no significant change.
    Pass,
    /// Regressed, by less than the threshold.
    Warn,
    /// Regressed by more than the threshold.
    Fail,
}

impl Gate {
    pub fn as_str(self) -> &'static str {
        match self {
            Gate::NotJudged => "NOT JUDGED",
            Gate::Pass => "PASS",
            Gate::Warn => "PASS WITH WARNING",
            Gate::Fail => "FAIL",
        }
    }

    /// With the template's marks (✅ ⚠️ ❌).
    pub fn marked(self) -> &'static str {
        match self {
            Gate::NotJudged => "➖ NOT JUDGED",
            Gate::Pass => "✅ PASS",
            Gate::Warn => "⚠️ PASS WITH WARNING",
            Gate::Fail => "❌ FAIL",
        }
    }

    /// Latency: a regression counts only when significant (the interval's
    /// lower end above 1.0); its size is the point estimate.
    /// Changes under [`LATENCY_DEAD_BAND`] are "no change" even when the
    /// interval excludes 1.0: a p95 from a few thousand samples on a shared
    /// machine does not resolve them, and the same code run twice must get
    /// the same verdict.
    pub fn of_interval(iv: &RatioInterval, threshold: f64) -> Gate {
        if iv.low <= 1.0 || iv.ratio <= 1.0 + LATENCY_DEAD_BAND {
            Gate::Pass
        } else if iv.ratio <= 1.0 + threshold {
            Gate::Warn
        } else {
            Gate::Fail
        }
    }

    /// Instructions: changes under [`INSTRUCTIONS_DEAD_BAND`] are no
    /// change.
    pub fn of_ratio(ratio: f64, threshold: f64) -> Gate {
        if ratio <= 1.0 + INSTRUCTIONS_DEAD_BAND {
            Gate::Pass
        } else if ratio <= 1.0 + threshold {
            Gate::Warn
        } else {
            Gate::Fail
        }
    }

    /// The worse of the gates present (`Pass` when none is).
    pub fn worst(gates: impl IntoIterator<Item = Option<Gate>>) -> Gate {
        gates.into_iter().flatten().max().unwrap_or(Gate::Pass)
    }
}

/// An internal target, shown as headroom: how far the refactored side is
/// from it. Decides nothing.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Headroom {
    /// What the target is, e.g. "≥ 80% of memcpy" or "≥ 2× vs omniorb".
    pub target: String,
    /// What was reached, in the target's terms, e.g. "63% of memcpy".
    pub reached: String,
    pub met: bool,
}

impl Headroom {
    /// Bulk paths: throughput as a fraction of the memcpy row's.
    pub fn memcpy(fraction: f64, needed: f64) -> Headroom {
        Headroom {
            target: format!("≥ {:.0}% of memcpy", needed * 100.0),
            reached: format!("{:.0}% of memcpy", fraction * 100.0),
            met: fraction >= needed,
        }
    }

    /// Speed-up targets (e.g. 2× on TypeCode paths), on the p95 ratio.
    pub fn speed_up(ratio: f64, times: f64, baseline: &str) -> Headroom {
        Headroom {
            target: format!("≥ {times}× vs {baseline}"),
            reached: format!("{:.2}×", 1.0 / ratio.max(1e-9)),
            met: ratio <= 1.0 / times,
        }
    }
}

/// What one hot path's judgement is made of.
#[derive(Clone, Debug)]
pub struct Evidence {
    pub path: String,
    pub class: Class,
    pub baseline: String,
    pub refactored: String,
    pub goal: GoalSpec,
    pub p95_ratio: Option<RatioInterval>,
    /// The interval of the goal's quantile (the same as `p95_ratio` for a
    /// p95 goal; `None` for an instructions goal).
    pub goal_ratio: Option<RatioInterval>,
    pub instructions_ratio: Option<f64>,
    /// The gate's threshold as a fraction (0.05).
    pub threshold: f64,
    pub headroom: Option<Headroom>,
    pub memcpy_fraction: Option<f64>,
    pub noisy: bool,
}

/// The one way judgements are built (run, latency, compare, load):
/// `Evidence::new(path, class, baseline, refactored)` with the RDB goal and
/// the 5% gate, then the measurements that exist, then [`Evidence::judge`].
impl Evidence {
    pub fn new(path: &str, class: Class, baseline: &str, refactored: &str) -> Evidence {
        Evidence {
            path: path.into(),
            class,
            baseline: baseline.into(),
            refactored: refactored.into(),
            goal: GoalSpec::default(),
            p95_ratio: None,
            goal_ratio: None,
            instructions_ratio: None,
            threshold: 0.05,
            headroom: None,
            memcpy_fraction: None,
            noisy: false,
        }
    }

    pub fn goal(mut self, goal: GoalSpec) -> Evidence {
        self.goal = goal;
        self
    }

    /// The p95 interval and the goal metric's (see [`latency_intervals`]).
    pub fn latency(mut self, p95: Option<RatioInterval>, goal: Option<RatioInterval>) -> Evidence {
        self.p95_ratio = p95;
        self.goal_ratio = goal;
        self
    }

    /// The intervals of [`latency_intervals`] over raw samples, on this
    /// evidence's goal (set the goal first).
    pub fn latency_samples(self, baseline: &[u64], refactored: &[u64]) -> Evidence {
        let (p95, g) = latency_intervals(baseline, refactored, &self.goal);
        self.latency(p95, g)
    }

    pub fn instructions(mut self, ratio: Option<f64>) -> Evidence {
        self.instructions_ratio = ratio;
        self
    }

    /// The gate's threshold as a fraction (0.05 = 5%).
    pub fn threshold(mut self, fraction: f64) -> Evidence {
        self.threshold = fraction;
        self
    }

    pub fn headroom(mut self, headroom: Option<Headroom>, memcpy: Option<f64>) -> Evidence {
        self.headroom = headroom;
        self.memcpy_fraction = memcpy;
        self
    }

    pub fn noisy(mut self, noisy: bool) -> Evidence {
        self.noisy = noisy;
        self
    }

    pub fn judge(self) -> Judgement {
        judge(self)
    }
}

/// The p95 interval and the goal metric's interval from raw samples.
pub fn latency_intervals(
    baseline: &[u64],
    refactored: &[u64],
    goal: &GoalSpec,
) -> (Option<RatioInterval>, Option<RatioInterval>) {
    let p95 = bootstrap_quantile_ratio(baseline, refactored, 0.95, 1000, 0x5EED);
    let g = match goal.metric {
        Metric::P95 => p95,
        Metric::Instructions => None,
        m => m
            .quantile()
            .and_then(|q| bootstrap_quantile_ratio(baseline, refactored, q, 1000, 0x5EED)),
    };
    (p95, g)
}

/// A path's gate: the worse of its latency and instruction gates, except
/// that a latency verdict taken while the machine was busy does not decide
/// when the (load-independent) instruction count is there: on a busy
/// machine the same code flipped between PASS and FAIL run to run, its
/// instruction count did not.
pub fn overall_gate(latency: Option<Gate>, instructions: Option<Gate>, noisy: bool) -> Gate {
    if noisy && instructions.is_some() {
        Gate::worst([instructions])
    } else {
        Gate::worst([latency, instructions])
    }
}

/// Judges one path: goal and gate, apart.
pub fn judge(e: Evidence) -> Judgement {
    let instructions_goal = GoalVerdict::of_ratio(e.instructions_ratio, e.goal.ratio);
    let goal_verdict = match e.goal.metric {
        Metric::Instructions => instructions_goal,
        _ => GoalVerdict::of_interval(e.goal_ratio.as_ref(), e.goal.ratio),
    };
    let latency_gate = e.p95_ratio.map(|iv| Gate::of_interval(&iv, e.threshold));
    let instructions_gate = e.instructions_ratio.map(|r| Gate::of_ratio(r, e.threshold));
    Judgement {
        path: e.path,
        class: e.class,
        baseline: e.baseline,
        refactored: e.refactored,
        p95_ratio: e.p95_ratio,
        instructions_ratio: e.instructions_ratio,
        goal: e.goal,
        goal_ratio: e.goal_ratio,
        goal_verdict,
        instructions_goal,
        latency_gate,
        instructions_gate,
        gate: overall_gate(latency_gate, instructions_gate, e.noisy),
        headroom: e.headroom,
        memcpy_fraction: e.memcpy_fraction,
        noisy: e.noisy,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn iv(ratio: f64, low: f64, high: f64) -> RatioInterval {
        RatioInterval {
            ratio,
            low,
            high,
            confidence: 0.95,
        }
    }

    #[test]
    fn goals_parse_and_print() {
        let g: GoalSpec = "p95=-20%".parse().unwrap();
        assert_eq!(g.metric, Metric::P95);
        assert!((g.ratio - 0.8).abs() < 1e-12);
        assert_eq!(g.to_string(), "p95 -20%");
        let g: GoalSpec = "instructions=-30".parse().unwrap();
        assert_eq!(g.metric, Metric::Instructions);
        assert!((g.ratio - 0.7).abs() < 1e-12);
        assert_eq!("P99=+5%".parse::<GoalSpec>().unwrap().metric, Metric::P99);
        for bad in ["p95", "p96=-20%", "p95=fast", "p95=-100%", "p95=-150%"] {
            assert!(bad.parse::<GoalSpec>().is_err(), "{bad}");
        }
        assert_eq!(GoalSpec::default(), "p95=-20%".parse().unwrap());
    }

    #[test]
    fn goal_needs_the_whole_interval_under_it() {
        assert_eq!(
            GoalVerdict::of_interval(Some(&iv(0.5, 0.45, 0.79)), 0.8),
            GoalVerdict::Met
        );
        // The point estimate is under the goal but the interval is not.
        assert_eq!(
            GoalVerdict::of_interval(Some(&iv(0.75, 0.6, 0.9)), 0.8),
            GoalVerdict::NotMet
        );
        assert_eq!(
            GoalVerdict::of_interval(None, 0.8),
            GoalVerdict::NotMeasured
        );
        assert_eq!(GoalVerdict::of_ratio(Some(0.8), 0.8), GoalVerdict::Met);
        assert_eq!(GoalVerdict::of_ratio(Some(0.81), 0.8), GoalVerdict::NotMet);
    }

    #[test]
    fn gate_follows_the_seed_workflow() {
        let t = 0.05;
        // Improved: pass, even when far from any goal.
        assert_eq!(Gate::of_interval(&iv(0.15, 0.12, 0.18), t), Gate::Pass);
        // No significant change.
        assert_eq!(Gate::of_interval(&iv(1.02, 0.97, 1.08), t), Gate::Pass);
        // Significantly slower, under the threshold.
        assert_eq!(Gate::of_interval(&iv(1.03, 1.01, 1.05), t), Gate::Warn);
        // Significantly slower, above it.
        assert_eq!(Gate::of_interval(&iv(1.20, 1.10, 1.30), t), Gate::Fail);
        assert_eq!(Gate::of_ratio(0.5, t), Gate::Pass);
        assert_eq!(Gate::of_ratio(1.0066, t), Gate::Pass);
        assert_eq!(Gate::of_ratio(1.04, t), Gate::Warn);
        assert_eq!(Gate::of_ratio(1.06, t), Gate::Fail);
        assert_eq!(
            Gate::worst([Some(Gate::Pass), None, Some(Gate::Warn)]),
            Gate::Warn
        );
        assert_eq!(Gate::worst([None, None]), Gate::Pass);
        // Busy machine: the instruction gate decides when there is one.
        assert_eq!(
            overall_gate(Some(Gate::Fail), Some(Gate::Pass), true),
            Gate::Pass
        );
        assert_eq!(
            overall_gate(Some(Gate::Fail), Some(Gate::Pass), false),
            Gate::Fail
        );
        assert_eq!(overall_gate(Some(Gate::Fail), None, true), Gate::Fail);
        assert_eq!(
            overall_gate(Some(Gate::Pass), Some(Gate::Warn), true),
            Gate::Warn
        );
    }

    #[test]
    fn headroom_reports_without_deciding() {
        let h = Headroom::memcpy(0.63, 0.8);
        assert!(!h.met);
        assert_eq!(h.reached, "63% of memcpy");
        let h = Headroom::speed_up(0.25, 2.0, "omniorb");
        assert!(h.met);
        assert_eq!(h.reached, "4.00×");
    }

    #[test]
    fn a_no_op_change_is_judged_as_no_change() {
        // The same code twice: two sample sets from one heavy-tailed
        // distribution (most calls near 1 µs, a few slow ones, as timer
        // interrupts and cache misses give), for many seeds. Each must read
        // as "no change": gate PASS, goal NOT MET, interval around 1.0.
        let draw = |rng: &mut crate::values::Rng, n: usize| -> Vec<u64> {
            (0..n)
                .map(|_| {
                    let base = 1000 + rng.below(120);
                    if rng.below(100) < 3 {
                        base * (2 + rng.below(8))
                    } else {
                        base
                    }
                })
                .collect()
        };
        for seed in 1..=6 {
            let mut rng = crate::values::Rng::new(seed);
            let (a, b) = (draw(&mut rng, 2000), draw(&mut rng, 2000));
            let goal = GoalSpec::default();
            let (p95, g) = latency_intervals(&a, &b, &goal);
            let j = Evidence::new("op/p", Class::Other, "before", "after")
                .goal(goal)
                .latency(p95, g)
                .instructions(Some(1.0))
                .judge();
            let iv = j.p95_ratio.unwrap();
            assert_eq!(j.gate, Gate::Pass, "seed {seed}: {iv:?}");
            assert_eq!(j.goal_verdict, GoalVerdict::NotMet, "seed {seed}");
            assert!(iv.ratio > 0.9 && iv.ratio < 1.1, "seed {seed}: {iv:?}");
        }
    }
}
