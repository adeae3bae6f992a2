//! `giopbench run`: every workload × operation × backend, side by side.

use crate::backends;
use crate::measure::{self, allocations, interleaved_latencies, throughput};
use crate::prepared::{has_memcpy_row, prepare, prepare_memcpy, BenchId, Prepared, MEMCPY};
use crate::results::{Entry, Judgement, Meta, Results};
use crate::stats::{bootstrap_p95_ratio, latency_of, Verdict};
use crate::workload::{Class, Workload};
use bench_ops::Backend;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// How hard to measure.
#[derive(Clone, Debug)]
pub struct Effort {
    pub latency_samples: usize,
    pub throughput_budget: Duration,
    pub alloc_iterations: u64,
    /// Calls counted under callgrind per id (0: no instruction counts).
    pub callgrind_iterations: u64,
}

impl Effort {
    pub fn full() -> Effort {
        Effort {
            latency_samples: 2000,
            throughput_budget: Duration::from_millis(600),
            alloc_iterations: 50,
            callgrind_iterations: 5,
        }
    }
    pub fn quick() -> Effort {
        Effort {
            latency_samples: 300,
            throughput_budget: Duration::from_millis(150),
            alloc_iterations: 10,
            callgrind_iterations: 2,
        }
    }
}

/// Every prepared operation of one workload's operation, one per backend
/// (plus the memcpy row for bulk data). Backends that cannot do it give a
/// note instead.
pub struct Group {
    pub workload: Workload,
    pub operation: String,
    pub prepared: Vec<Prepared>,
    pub skipped: Vec<(BenchId, String)>,
}

impl std::fmt::Debug for Group {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Group")
            .field("payload", &self.workload.payload)
            .field("operation", &self.operation)
            .field("prepared", &self.prepared)
            .finish()
    }
}

pub fn matches(filter: Option<&str>, id: &BenchId) -> bool {
    filter.is_none_or(|f| id.to_string().contains(f))
}

/// Prepares one group. `only` restricts to one backend name.
pub fn prepare_group(
    w: &Workload,
    operation: &str,
    backends: &[Box<dyn Backend>],
    filter: Option<&str>,
) -> Group {
    let reference = backends::reference();
    let mut g = Group {
        workload: w.clone(),
        operation: operation.to_owned(),
        prepared: Vec::new(),
        skipped: Vec::new(),
    };
    if let Some(special) = crate::giop_ops::prepare(w, operation) {
        match special {
            Ok(ps) => g
                .prepared
                .extend(ps.into_iter().filter(|p| matches(filter, &p.id))),
            Err(e) => g
                .skipped
                .push((BenchId::new(operation, "rust", &w.payload), e)),
        }
        return g;
    }
    for b in backends {
        let id = BenchId::new(operation, b.name(), &w.payload);
        if !matches(filter, &id) {
            continue;
        }
        match prepare(w, operation, b.as_ref(), reference.as_ref()) {
            Ok(p) => g.prepared.push(p),
            Err(e) => g.skipped.push((id, e)),
        }
    }
    let id = BenchId::new(operation, MEMCPY, &w.payload);
    if has_memcpy_row(w) && matches(filter, &id) {
        match prepare_memcpy(w, operation, reference.as_ref()) {
            Ok(p) => g.prepared.push(p),
            Err(e) => g.skipped.push((id, e)),
        }
    }
    g
}

/// Finds and prepares exactly one id (for `exec` under callgrind).
pub fn prepare_one(workloads: &[Workload], id: &BenchId) -> Result<Prepared, String> {
    let w = workloads
        .iter()
        .find(|w| w.payload == id.payload && w.operations().contains(&id.operation))
        .ok_or_else(|| format!("no workload gives {id}"))?;
    let all = backends::all();
    let exact = id.to_string();
    let mut g = prepare_group(w, &id.operation, &all, None);
    if let Some(i) = g.prepared.iter().position(|p| p.id == *id) {
        return Ok(g.prepared.swap_remove(i));
    }
    match g.skipped.into_iter().find(|(s, _)| s == id) {
        Some((_, why)) => Err(format!("{exact}: {why}")),
        None => Err(format!("unknown id {exact}")),
    }
}

/// The fraction of the memcpy row's throughput a bulk path must reach:
/// 80% when the elements are copied as they are, 50% when every element
/// must be byte-swapped (the CDR issue's targets).
pub fn bulk_goal(w: &Workload) -> f64 {
    let swapped = w.params.order != corba_cdr::ByteOrder::NATIVE
        && matches!(
            w.kind,
            crate::workload::Kind::SeqLong | crate::workload::Kind::SeqDouble
        );
    if swapped {
        0.5
    } else {
        0.8
    }
}

/// Goal for a hot path (refactored/baseline p95 must be at most this).
pub fn goal(class: Class, operation: &str) -> (f64, &'static str) {
    match class {
        Class::Any => (0.5, "≥ 2× faster"),
        Class::Typecode if operation.starts_with("decode") => (0.5, "≥ 2× faster"),
        Class::Bulk => (0.8, "≥ 80% of memcpy; p95 ≤ 0.80×"),
        _ => (0.8, "p95 ≤ 0.80× (20% lower)"),
    }
}

#[derive(Debug)]
pub struct RunConfig<'a> {
    pub effort: Effort,
    pub filter: Option<&'a str>,
    pub exe: &'a Path,
    pub manifest: &'a Path,
    pub refactored: &'a str,
    pub progress: bool,
    /// Where to write a flamegraph per id (from the callgrind runs).
    pub flamegraph_dir: Option<&'a Path>,
    /// Where to keep each id's callgrind output (for the complexity join).
    pub profile_dir: Option<&'a Path>,
}

/// Writes `flamegraphs/<id>.svg` under `dir`; returns its path relative to
/// `dir` (for links in the report).
fn write_flamegraph(dir: &Path, id: &BenchId, callgrind: &str) -> Result<String, String> {
    let folded = crate::flame::folded(callgrind, "giopbench_measured_loop");
    if folded.is_empty() {
        return Err("no measured loop in the callgrind output".into());
    }
    let svg = crate::flame::svg(&format!("{id} (instructions)"), &folded)?;
    let rel = format!("flamegraphs/{}.svg", id.to_string().replace('/', "__"));
    std::fs::create_dir_all(dir.join("flamegraphs")).map_err(|e| e.to_string())?;
    std::fs::write(dir.join(&rel), svg).map_err(|e| e.to_string())?;
    Ok(rel)
}

/// Runs every group and judges the refactored backend against the fastest
/// legacy one per hot path.
pub fn run(
    workloads: &[Workload],
    cfg: &RunConfig<'_>,
) -> Result<(Results, Vec<(String, String)>), String> {
    let mut flamegraphs = Vec::new();
    let backends = backends::all();
    let legacy: Vec<&str> = backends
        .iter()
        .map(|b| b.name())
        .filter(|n| *n != cfg.refactored)
        .collect();
    let mut entries = Vec::new();
    let mut judgements = Vec::new();
    let groups: Vec<(usize, String)> = workloads
        .iter()
        .enumerate()
        .flat_map(|(i, w)| w.operations().into_iter().map(move |o| (i, o)))
        .collect();
    let total = groups.len();
    for (n, (wi, op)) in groups.into_iter().enumerate() {
        let w = &workloads[wi];
        let mut g = prepare_group(w, &op, &backends, cfg.filter);
        if g.prepared.is_empty() && g.skipped.is_empty() {
            continue;
        }
        if cfg.progress {
            eprintln!(
                "[{}/{total}] {op}/*/{}: {} backends",
                n + 1,
                w.payload,
                g.prepared.len()
            );
        }
        for (id, why) in &g.skipped {
            entries.push(Entry {
                id: id.clone(),
                class: w.class,
                bytes: 0,
                throughput: None,
                latency: None,
                instructions: None,
                allocations: None,
                note: Some(why.clone()),
            });
        }
        let mut refs: Vec<&mut Prepared> = g.prepared.iter_mut().collect();
        let samples = interleaved_latencies(&mut refs, cfg.effort.latency_samples)?;
        let mut group_entries = Vec::new();
        for (p, s) in g.prepared.iter_mut().zip(&samples) {
            let t = throughput(p, cfg.effort.throughput_budget)?;
            let a = allocations(p, cfg.effort.alloc_iterations)?;
            let instructions = if cfg.effort.callgrind_iterations > 0 {
                match measure::count_instructions_keeping(
                    cfg.exe,
                    &p.id.to_string(),
                    cfg.effort.callgrind_iterations,
                    cfg.manifest,
                ) {
                    Ok((i, callgrind)) => {
                        if let Some(dir) = cfg.profile_dir {
                            crate::complexity::save_profile(dir, &p.id, &callgrind);
                        }
                        if let Some(dir) = cfg.flamegraph_dir {
                            match write_flamegraph(dir, &p.id, &callgrind) {
                                Ok(f) => flamegraphs.push((p.id.to_string(), f)),
                                Err(e) => eprintln!("  {}: no flamegraph: {e}", p.id),
                            }
                        }
                        Some(i)
                    }
                    Err(e) => {
                        eprintln!("  {}: no instruction count: {e}", p.id);
                        None
                    }
                }
            } else {
                None
            };
            group_entries.push(Entry {
                id: p.id.clone(),
                class: w.class,
                bytes: p.bytes,
                throughput: Some(t),
                latency: latency_of(s),
                instructions,
                allocations: Some(a),
                note: None,
            });
        }
        if let Some(j) = judge(
            w,
            &op,
            cfg.refactored,
            &legacy,
            &g.prepared,
            &samples,
            &group_entries,
        ) {
            judgements.push(j);
        }
        entries.extend(group_entries);
    }
    let baseline = if legacy.is_empty() {
        "none".to_owned()
    } else {
        format!("fastest of {} per hot path", legacy.join(", "))
    };
    let results = Results {
        meta: Meta::collect(&baseline, cfg.refactored),
        entries,
        judgements,
        complexity: None,
    };
    Ok((results, flamegraphs))
}

fn judge(
    w: &Workload,
    op: &str,
    refactored: &str,
    legacy: &[&str],
    prepared: &[Prepared],
    samples: &[Vec<u64>],
    entries: &[Entry],
) -> Option<Judgement> {
    let idx = |name: &str| prepared.iter().position(|p| p.id.backend == name);
    let r = idx(refactored)?;
    let (goal, goal_text) = goal(w.class, op);
    let goal_text = if w.class == Class::Bulk {
        format!("≥ {:.0}% of memcpy", bulk_goal(w) * 100.0)
    } else {
        goal_text.to_owned()
    };
    let memcpy_fraction = idx(MEMCPY).and_then(|m| {
        let t = |i: usize| entries[i].throughput.map(|t| t.ns_per_op);
        Some(t(m)? / t(r)?)
    });
    // The fastest legacy backend by p95 is the baseline.
    let base = legacy
        .iter()
        .filter_map(|n| idx(n))
        .min_by_key(|&i| entries[i].latency.map_or(u64::MAX, |l| l.p95_ns));
    let (baseline, p95_ratio, instructions_ratio) = match base {
        Some(b) => (
            prepared[b].id.backend.clone(),
            bootstrap_p95_ratio(&samples[b], &samples[r], 1000, 0x5EED),
            entries[r]
                .instructions
                .zip(entries[b].instructions)
                .map(|(x, y)| x / y),
        ),
        None => ("none".to_owned(), None, None),
    };
    let verdict = match (w.class, memcpy_fraction, p95_ratio) {
        (Class::Bulk, Some(f), _) => {
            if f >= bulk_goal(w) {
                Verdict::Pass
            } else {
                Verdict::Fail
            }
        }
        (_, _, Some(iv)) => Verdict::judge(&iv, goal),
        _ => return None,
    };
    Some(Judgement {
        path: format!("{op}/{}", w.payload),
        class: w.class,
        baseline,
        refactored: refactored.to_owned(),
        p95_ratio,
        instructions_ratio,
        goal,
        goal_text,
        verdict,
        memcpy_fraction,
    })
}

/// Writes results.json, report.md, report.html, results.csv and bmf.json
/// under `dir`.
pub fn write_outputs(
    r: &Results,
    dir: &Path,
    flamegraphs: &[(String, String)],
) -> Result<PathBuf, String> {
    std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    let w = |name: &str, text: &str| {
        std::fs::write(dir.join(name), text).map_err(|e| format!("cannot write {name}: {e}"))
    };
    w(
        "results.json",
        &serde_json::to_string_pretty(r).map_err(|e| e.to_string())?,
    )?;
    let md = crate::report::markdown(r);
    w("report.md", &md)?;
    w("report.html", &crate::report::html(r, &md, flamegraphs))?;
    w("results.csv", &r.to_csv())?;
    if let Some(c) = &r.complexity {
        w("complexity.csv", &c.to_csv())?;
    }
    w(
        "bmf.json",
        &serde_json::to_string_pretty(&r.to_bmf()).map_err(|e| e.to_string())?,
    )?;
    Ok(dir.join("report.md"))
}
