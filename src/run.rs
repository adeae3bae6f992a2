//! `giopbench run`: every workload × operation × backend, side by side.

use crate::backends;
use crate::judge::{Evidence, GoalSpec, Headroom};
use crate::measure::{self, allocations, interleaved_latencies, throughput};
use crate::noise::{self, Noise};
use crate::prepared::{
    has_memcpy_row, prepare, prepare_memcpy, BenchId, Operation, Prepared, MEMCPY,
};
use crate::results::{Entry, Judgement, Meta, Results};
use crate::workload::{Class, Workload};
use bench_ops::Backend;
use std::collections::HashMap;
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
    pub operation: Operation,
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
    operation: Operation,
    backends: &[Box<dyn Backend>],
    filter: Option<&str>,
) -> Group {
    let reference = backends::reference();
    let mut g = Group {
        workload: w.clone(),
        operation,
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
    let mut g = prepare_group(w, id.operation, &all, None);
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

/// The internal target of a hot path, shown as headroom (it decides
/// nothing): bulk paths against the memcpy row, TypeCode-driven paths 2×
/// (1.25× on TypeCode marshal), as the manifest's header lists them.
pub fn headroom(
    w: &Workload,
    operation: Operation,
    memcpy_fraction: Option<f64>,
    p95_ratio: Option<f64>,
    baseline: &str,
) -> Option<Headroom> {
    match w.class {
        Class::Bulk => memcpy_fraction.map(|f| Headroom::memcpy(f, bulk_goal(w))),
        Class::Any => p95_ratio.map(|r| Headroom::speed_up(r, 2.0, baseline)),
        Class::Typecode if operation.is_decode() => {
            p95_ratio.map(|r| Headroom::speed_up(r, 2.0, baseline))
        }
        Class::Typecode => p95_ratio.map(|r| Headroom::speed_up(r, 1.25, baseline)),
        Class::Other => None,
    }
}

/// Per-workload goals from the manifest (`goal = "p95=-20%"`), by
/// workload name (the payload without its byte order).
pub fn manifest_goals(manifest: &Path) -> Result<HashMap<String, GoalSpec>, String> {
    let m = crate::workload::load_manifest(manifest)?;
    let mut out = HashMap::new();
    for spec in &m.workload {
        if let Some(g) = &spec.goal {
            let goal = g
                .parse()
                .map_err(|e| format!("{}: workload {}: {e}", manifest.display(), spec.name))?;
            out.insert(spec.name.clone(), goal);
        }
    }
    Ok(out)
}

/// The goal of one path: the command line's, else the manifest's, else
/// the RDB's ↓20% p95.
pub fn goal_for(
    payload: &str,
    cli: Option<GoalSpec>,
    manifest: &HashMap<String, GoalSpec>,
) -> GoalSpec {
    let name = payload.rsplit_once('_').map_or(payload, |(n, _)| n);
    cli.or_else(|| manifest.get(name).copied())
        .unwrap_or_default()
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
    /// `--goal`: overrides the manifest's goals.
    pub goal: Option<GoalSpec>,
    /// The gate's threshold in percent.
    pub threshold_pct: f64,
    /// Interleaved latency rounds per group, pooled.
    pub rounds: usize,
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

/// Writes `flamegraphs/<path>__diff.svg`: baseline against refactored.
fn write_differential(
    dir: &Path,
    path: &str,
    before: &[String],
    after: &[String],
) -> Result<String, String> {
    let svg = crate::flame::differential_svg(
        &format!("{path}: baseline → refactored (red: more instructions)"),
        before,
        after,
    )?;
    let rel = format!("flamegraphs/{}__diff.svg", path.replace('/', "__"));
    std::fs::create_dir_all(dir.join("flamegraphs")).map_err(|e| e.to_string())?;
    std::fs::write(dir.join(&rel), svg).map_err(|e| e.to_string())?;
    Ok(rel)
}

/// Folded stacks per call: each count divided by the iterations, so two
/// sides counted with different iterations compare.
fn per_call(folded: Vec<String>, iterations: u64) -> Vec<String> {
    folded
        .into_iter()
        .filter_map(|l| {
            let (stack, n) = l.rsplit_once(' ')?;
            let n: u64 = n.parse().ok()?;
            let per = n / iterations.max(1);
            (per > 0).then(|| format!("{stack} {per}"))
        })
        .collect()
}

/// Latencies of a group in `rounds` interleaved rounds, pooled; each round
/// starts the interleaving at another backend so no one always goes first.
fn pooled_latencies(
    prepared: &mut [Prepared],
    samples: usize,
    rounds: usize,
) -> Result<Vec<Vec<u64>>, String> {
    let n = prepared.len();
    let mut pooled: Vec<Vec<u64>> = vec![Vec::new(); n];
    for round in 0..rounds.max(1) {
        let order: Vec<usize> = (0..n).map(|i| (i + round) % n.max(1)).collect();
        let mut refs: Vec<&mut Prepared> = prepared.iter_mut().collect();
        refs.rotate_left(round % n.max(1));
        let s = interleaved_latencies(&mut refs, samples)?;
        for (k, v) in order.into_iter().zip(s) {
            pooled[k].extend(v);
        }
    }
    Ok(pooled)
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
    let goals = manifest_goals(cfg.manifest)?;
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let mut entries = Vec::new();
    let mut judgements = Vec::new();
    let mut noise_log = Vec::new();
    let groups: Vec<(usize, Operation)> = workloads
        .iter()
        .enumerate()
        .flat_map(|(i, w)| w.operations().into_iter().map(move |o| (i, o)))
        .collect();
    let total = groups.len();
    for (n, (wi, op)) in groups.into_iter().enumerate() {
        let w = &workloads[wi];
        let mut g = prepare_group(w, op, &backends, cfg.filter);
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
            entries.push(Entry::skipped(id.clone(), w.class, why));
        }
        let before = noise::snapshot();
        let samples = pooled_latencies(&mut g.prepared, cfg.effort.latency_samples, cfg.rounds)?;
        let mut group_entries = Vec::new();
        let mut folded: HashMap<String, Vec<String>> = HashMap::new();
        for (p, s) in g.prepared.iter_mut().zip(&samples) {
            let e = measure_one(p, w.class, cfg, &mut folded)?.with_latency_samples(s);
            if let Some(f) = &e.flamegraph {
                flamegraphs.push((p.id.to_string(), f.clone()));
            }
            group_entries.push(e);
        }
        let group_noise = before
            .zip(noise::snapshot())
            .map(|(b, a)| Noise::between(&format!("{op}/*/{}", w.payload), b, a, cores));
        let noisy = group_noise.as_ref().is_some_and(|x| x.busy);
        noise_log.extend(group_noise);
        let input = GroupInput {
            w,
            op,
            refactored: cfg.refactored,
            legacy: &legacy,
            prepared: &g.prepared,
            samples: &samples,
            entries: &group_entries,
        };
        let goal = goal_for(&w.payload, cfg.goal, &goals);
        let judged = judge(&input, goal, cfg.threshold_pct / 100.0, noisy);
        if let Some(j) = judged
            .as_ref()
            .filter(|j| crate::bottleneck::needs_analysis(j))
        {
            for e in group_entries
                .iter_mut()
                .filter(|e| e.id.backend == j.baseline || e.id.backend == j.refactored)
            {
                measure_calls(e, cfg);
            }
        }
        if let Some(j) = judged {
            if let Some(dir) = cfg.flamegraph_dir {
                let side = |b: &str| folded.get(b).filter(|v| !v.is_empty());
                if let (Some(x), Some(y)) = (side(&j.baseline), side(&j.refactored)) {
                    match write_differential(dir, &j.path, x, y) {
                        Ok(f) => flamegraphs.push((format!("{}/diff", j.path), f)),
                        Err(e) => eprintln!("  {}: no differential flamegraph: {e}", j.path),
                    }
                }
            }
            judgements.push(j);
        }
        entries.extend(group_entries);
    }
    let baseline = if legacy.is_empty() {
        "none".to_owned()
    } else {
        format!("fastest of {} per hot path", legacy.join(", "))
    };
    let mut results = Results::new(
        Meta::collect(&baseline, cfg.refactored),
        entries,
        judgements,
    );
    results.threshold_pct = cfg.threshold_pct;
    results.rounds = cfg.rounds.max(1);
    results.noise = noise_log;
    let ids: Vec<BenchId> = results.entries.iter().map(|e| e.id.clone()).collect();
    results.native_forms = crate::backends::native_forms(&ids);
    Ok((results, flamegraphs))
}

/// Throughput, allocations, instructions, profile and flamegraph of one
/// prepared id; keeps its per-call folded stacks in `folded` by backend.
fn measure_one(
    p: &mut Prepared,
    class: Class,
    cfg: &RunConfig<'_>,
    folded: &mut HashMap<String, Vec<String>>,
) -> Result<Entry, String> {
    let mut e = Entry::new(p.id.clone(), class, p.bytes);
    e.throughput = Some(throughput(p, cfg.effort.throughput_budget)?);
    let a = allocations(p, cfg.effort.alloc_iterations)?;
    if a.heap_growth_per_op > 0.0 {
        e.growth_sites = crate::leak::growth_sites(p, cfg.effort.alloc_iterations);
    }
    e.allocations = Some(a);
    let iterations = cfg.effort.callgrind_iterations;
    if iterations == 0 {
        return Ok(e);
    }
    match measure::count_instructions_keeping(cfg.exe, &p.id.to_string(), iterations, cfg.manifest)
    {
        Ok((i, callgrind)) => {
            e.instructions = Some(i);
            if let Some(dir) = cfg.profile_dir {
                crate::complexity::save_profile(dir, &p.id, &callgrind);
            }
            e.profile = crate::flame::profile(&callgrind, "giopbench_measured_loop", iterations, 8);
            let stacks = crate::flame::folded(&callgrind, "giopbench_measured_loop");
            if let Some(dir) = cfg.flamegraph_dir {
                match write_flamegraph(dir, &p.id, &callgrind) {
                    Ok(f) => e.flamegraph = Some(f),
                    Err(err) => eprintln!("  {}: no flamegraph: {err}", p.id),
                }
            }
            folded.insert(p.id.backend.clone(), per_call(stacks, iterations));
        }
        Err(err) => eprintln!("  {}: no instruction count: {err}", p.id),
    }
    Ok(e)
}

/// Calls per operation of an analysed id: a second callgrind run with
/// twice the iterations, so that set-up calls (which callgrind counts even
/// outside the toggled loop) cancel out.
fn measure_calls(e: &mut Entry, cfg: &RunConfig<'_>) {
    let n = cfg.effort.callgrind_iterations;
    let Some(p) = e.profile.as_mut() else { return };
    match measure::count_instructions_keeping(cfg.exe, &e.id.to_string(), 2 * n, cfg.manifest) {
        Ok((_, text)) => {
            p.calls_per_op =
                crate::flame::calls_per_op(p.calls_in_file, crate::flame::calls_in_file(&text), n);
        }
        Err(err) => eprintln!("  {}: no call count: {err}", e.id),
    }
}

/// One group's measurements, for [`judge`].
struct GroupInput<'a> {
    w: &'a Workload,
    op: Operation,
    refactored: &'a str,
    legacy: &'a [&'a str],
    prepared: &'a [Prepared],
    samples: &'a [Vec<u64>],
    entries: &'a [Entry],
}

fn judge(g: &GroupInput<'_>, goal: GoalSpec, threshold: f64, noisy: bool) -> Option<Judgement> {
    let idx = |name: &str| g.prepared.iter().position(|p| p.id.backend == name);
    let r = idx(g.refactored)?;
    let memcpy_fraction = idx(MEMCPY).and_then(|m| {
        let t = |i: usize| g.entries[i].throughput.map(|t| t.ns_per_op);
        Some(t(m)? / t(r)?)
    });
    // The fastest legacy backend by p95 is the baseline.
    let b = g
        .legacy
        .iter()
        .filter_map(|n| idx(n))
        .min_by_key(|&i| g.entries[i].latency.map_or(u64::MAX, |l| l.p95_ns))?;
    let evidence = Evidence::new(
        &format!("{}/{}", g.op, g.w.payload),
        g.w.class,
        &g.prepared[b].id.backend,
        g.refactored,
    )
    .goal(goal)
    .latency_samples(&g.samples[b], &g.samples[r]);
    let instructions_ratio = g.entries[r]
        .instructions
        .zip(g.entries[b].instructions)
        .map(|(x, y)| x / y);
    let baseline = g.prepared[b].id.backend.clone();
    let p95 = evidence.p95_ratio.map(|i| i.ratio);
    let headroom = headroom(g.w, g.op, memcpy_fraction, p95, &baseline);
    Some(
        evidence
            .instructions(instructions_ratio)
            .threshold(threshold)
            .headroom(headroom, memcpy_fraction)
            .noisy(noisy)
            .judge(),
    )
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
    w("report.html", &crate::html::html(r, &md, flamegraphs))?;
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
