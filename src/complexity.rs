//! Complexity beside performance: `giopbench complexity` (cyclomatic and
//! cognitive complexity per function of the source sets in
//! `corpus/complexity.toml`, before/after any git revision) and the
//! report's "Complexity and performance" section, which joins each hot
//! path's callgrind profile to the functions carrying its instructions.
//!
//! A hot path's complexity is the cyclomatic complexity of the functions
//! its calls run through, weighted by the instructions each carries (self
//! Ir from callgrind, inlined code counted where it was written). The
//! refactored backend's figure is compared with a legacy backend's on the
//! same hot path, like the latency goal; the RDB goal is met where the
//! ratio is at most the manifest's `goal` (0.70: 30% lower).

use crate::prepared::BenchId;
use crate::results::Results;
use giop_complexity::{self as cx, Comparison, Manifest, MappedProfile, Profile, Snapshot};
use serde::{Deserialize, Serialize};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

/// A profile whose instructions lie less than this much in measured
/// sources does not say how complex its hot path is.
pub const MIN_COVERAGE: f64 = 0.5;

/// `corpus/complexity.toml` beside this crate.
pub fn default_sources() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/complexity.toml")
}

/// The repository a source manifest belongs to (its paths are relative to
/// it): git's top level above the manifest, else the manifest's parent's
/// parent (`corpus/..`).
fn repo_of(manifest: &Path) -> PathBuf {
    let dir = manifest.parent().unwrap_or(Path::new("."));
    let top = Command::new("git")
        .current_dir(dir)
        .args(["rev-parse", "--show-toplevel"])
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|o| PathBuf::from(String::from_utf8_lossy(&o.stdout).trim()));
    top.unwrap_or_else(|| dir.parent().unwrap_or(dir).to_path_buf())
}

fn describe(repo: &Path, rev: &str) -> String {
    Command::new("git")
        .current_dir(repo)
        .args(["rev-parse", "--short=12", &format!("{rev}^{{commit}}")])
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map_or(rev.to_owned(), |o| {
            format!("{rev} ({})", String::from_utf8_lossy(&o.stdout).trim())
        })
}

/// What `giopbench complexity` was asked (its command-line arguments).
#[derive(Clone, Debug, clap::Args)]
pub struct Options {
    /// Git revision to compare against (e.g. HEAD~20, main).
    #[arg(long)]
    pub base: Option<String>,
    /// Source-set manifest.
    #[arg(long, default_value_os_t = default_sources())]
    pub sources: PathBuf,
    /// Measure these globs instead of the manifest's sets (repeatable).
    #[arg(long = "path")]
    pub paths: Vec<String>,
    /// Directory (or git checkout) the --path globs are relative to.
    #[arg(long)]
    pub root: Option<PathBuf>,
    /// The backend the --path sources belong to.
    #[arg(long, default_value = "rust")]
    pub backend: String,
    /// How many worst functions and largest changes to list.
    #[arg(long, default_value_t = 15)]
    pub top: usize,
    /// A `giopbench run` output directory: also join its hot paths.
    #[arg(long)]
    pub run: Option<PathBuf>,
    /// Output directory (default target/giopbench/complexity-<timestamp>).
    #[arg(long)]
    pub out: Option<PathBuf>,
}

fn load_sets(o: &Options) -> Result<Manifest, String> {
    let mut m = Manifest::load(&o.sources).map_err(|e| e.to_string())?;
    if !o.paths.is_empty() {
        m.sets = vec![cx::SourceSet {
            name: "cli".into(),
            backend: o.backend.clone(),
            paths: o.paths.clone(),
            exclude: Vec::new(),
            root: o.root.clone(),
        }];
    }
    Ok(m)
}

/// Measures the working tree (and `--base`), prints the before/after
/// tables and writes complexity.{md,json,csv} and bmf.json.
pub fn command(o: &Options, out_default: &Path) -> Result<(), String> {
    let m = load_sets(o)?;
    let repo = repo_of(&o.sources);
    let head = cx::analyze_set(&m.sets, &repo, None).map_err(|e| e.to_string())?;
    let before = match &o.base {
        Some(b) => {
            let mut s = cx::analyze_set(&m.sets, &repo, Some(b)).map_err(|e| e.to_string())?;
            s.revision = describe(&repo, b);
            s
        }
        None => Snapshot {
            revision: "none".into(),
            ..Snapshot::default()
        },
    };
    for why in head.skipped.iter().chain(&before.skipped) {
        eprintln!("complexity: skipped {why}");
    }
    let cmp = Comparison::new(&before, &head);
    let mut md = comparison_markdown(&cmp, m.goal, o.top, o.base.is_some());
    let recovered: Vec<String> = head
        .files
        .iter()
        .filter(|(_, f)| f.parse_errors > 0)
        .map(|(_, f)| format!("`{}` ({})", f.path, f.parse_errors))
        .collect();
    if !recovered.is_empty() {
        let _ = writeln!(
            md,
            "\nSyntax the parser recovered from (counts near it may be low): {}",
            recovered.join(", ")
        );
    }
    if let Some(run) = &o.run {
        let text = std::fs::read_to_string(run.join("results.json"))
            .map_err(|e| format!("{}: {e}", run.join("results.json").display()))?;
        let mut r: Results = serde_json::from_str(&text).map_err(|e| e.to_string())?;
        r.complexity = Some(for_run(
            &r,
            &run.join("callgrind"),
            &o.sources,
            o.base.as_deref(),
        )?);
        md.push_str(&report_section(&r));
    }
    print!("{md}");
    let dir = o.out.clone().unwrap_or_else(|| out_default.to_path_buf());
    std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let w = |name: &str, text: &str| {
        std::fs::write(dir.join(name), text).map_err(|e| format!("cannot write {name}: {e}"))
    };
    w("complexity.md", &md)?;
    w(
        "complexity.json",
        &serde_json::to_string_pretty(&cmp).map_err(|e| e.to_string())?,
    )?;
    w("complexity.csv", &functions_csv(&cmp))?;
    w(
        "bmf.json",
        &serde_json::to_string_pretty(&comparison_bmf(&cmp)).map_err(|e| e.to_string())?,
    )?;
    println!(
        "\ncomplexity: wrote {}",
        dir.join("complexity.md").display()
    );
    Ok(())
}

fn arrow_u(b: u64, a: u64, has_base: bool) -> String {
    if has_base {
        format!("{b} → {a}")
    } else {
        a.to_string()
    }
}

fn arrow_f(b: f64, a: f64, has_base: bool) -> String {
    if has_base {
        format!("{b:.2} → {a:.2}")
    } else {
        format!("{a:.2}")
    }
}

fn change(b: f64, a: f64) -> String {
    if b > 0.0 {
        format!("{:+.1}%", (a / b - 1.0) * 100.0)
    } else {
        "–".into()
    }
}

/// The before/after tables: per set, per file, worst functions, largest
/// changes; the RDB goal judged on the mean per function.
pub fn comparison_markdown(c: &Comparison, goal: f64, top: usize, has_base: bool) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "# Complexity: {} → {}\n", c.before, c.after);
    let _ = writeln!(
        s,
        "Cyclomatic (McCabe) and cognitive complexity per function (tree-sitter parsers). \
         Figures are before → after; p95 is the 95th percentile over functions.\n"
    );
    let _ = writeln!(
        s,
        "| set | functions | cyclomatic total | mean | change | p95 | max | cognitive mean |\n\
         | --- | --- | --- | --- | --- | --- | --- | --- |"
    );
    for ch in &c.sets {
        let (b, a) = (&ch.before, &ch.after);
        let _ = writeln!(
            s,
            "| {} | {} | {} | {} | {} | {} | {} | {} |",
            ch.set,
            arrow_u(b.functions as u64, a.functions as u64, has_base),
            arrow_u(b.total, a.total, has_base),
            arrow_f(b.mean, a.mean, has_base),
            change(b.mean, a.mean),
            arrow_u(u64::from(b.p95), u64::from(a.p95), has_base),
            arrow_u(u64::from(b.max), u64::from(a.max), has_base),
            arrow_f(b.cognitive_mean, a.cognitive_mean, has_base),
        );
    }
    if let Some(all) = c.sets.iter().find(|x| x.set == "all") {
        let verdict = match all.mean_ratio() {
            Some(r) if r <= goal => format!("{r:.3} → **MET**"),
            Some(r) => format!("{r:.3} → **NOT MET**"),
            None => "no base revision → **NOT JUDGED**".into(),
        };
        let _ = writeln!(
            s,
            "\nRDB goal (mean cyclomatic complexity per function ≤ {goal:.2}× the base, ↓{:.0}%): {verdict}\n",
            (1.0 - goal) * 100.0
        );
    }
    let files: Vec<_> = c
        .files
        .iter()
        .filter(|f| !has_base || f.before != f.after)
        .collect();
    let _ = writeln!(
        s,
        "## Files{}\n\n| set | file | functions | total | change | p95 | max |\n| --- | --- | --- | --- | --- | --- | --- |",
        if has_base { " that changed" } else { "" }
    );
    for f in files {
        let (b, a) = (&f.before, &f.after);
        let _ = writeln!(
            s,
            "| {} | `{}` | {} | {} | {} | {} | {} |",
            f.set,
            f.file,
            arrow_u(b.functions as u64, a.functions as u64, has_base),
            arrow_u(b.total, a.total, has_base),
            change(b.total as f64, a.total as f64),
            arrow_u(u64::from(b.p95), u64::from(a.p95), has_base),
            arrow_u(u64::from(b.max), u64::from(a.max), has_base),
        );
    }
    let row = |s: &mut String, f: &cx::FunctionChange| {
        let v = |x: Option<(u32, u32)>, i: usize| {
            x.map_or("–".into(), |t| if i == 0 { t.0 } else { t.1 }.to_string())
        };
        let _ = writeln!(
            s,
            "| `{}` | `{}` | {} | {} | {:+} | {} | {} |",
            f.name,
            f.file,
            v(f.before, 0),
            v(f.after, 0),
            f.delta(),
            v(f.before, 1),
            v(f.after, 1),
        );
    };
    let head = "| function | file | cc before | cc after | Δ | cognitive before | after |\n\
                | --- | --- | --- | --- | --- | --- | --- |";
    let _ = writeln!(
        s,
        "\n## Worst {top} functions (cyclomatic, after)\n\n{head}"
    );
    for f in c.worst(top) {
        row(&mut s, f);
    }
    if has_base {
        let _ = writeln!(s, "\n## Largest {top} changes\n\n{head}");
        for f in c.largest_changes(top) {
            row(&mut s, f);
        }
    }
    s
}

fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_owned()
    }
}

/// Per function: set,file,function,cyclomatic_before,cyclomatic_after,
/// cognitive_before,cognitive_after (empty where it does not exist).
pub fn functions_csv(c: &Comparison) -> String {
    let mut s = String::from(
        "set,file,function,cyclomatic_before,cyclomatic_after,cognitive_before,cognitive_after\n",
    );
    let o = |v: Option<(u32, u32)>, i: usize| {
        v.map_or(String::new(), |t| {
            if i == 0 { t.0 } else { t.1 }.to_string()
        })
    };
    for f in &c.functions {
        let _ = writeln!(
            s,
            "{},{},{},{},{},{},{}",
            csv_field(&f.set),
            csv_field(&f.file),
            csv_field(&f.name),
            o(f.before, 0),
            o(f.after, 0),
            o(f.before, 1),
            o(f.after, 1)
        );
    }
    s
}

/// Bencher Metric Format: one benchmark per set, `complexity/<set>`, with
/// the after figures as measures.
pub fn comparison_bmf(c: &Comparison) -> serde_json::Value {
    let mut root = serde_json::Map::new();
    for ch in &c.sets {
        let a = &ch.after;
        root.insert(
            format!("complexity/{}", ch.set),
            serde_json::json!({
                "cyclomatic-mean": { "value": a.mean },
                "cyclomatic-p95": { "value": a.p95 },
                "cyclomatic-total": { "value": a.total },
                "cognitive-mean": { "value": a.cognitive_mean },
                "functions": { "value": a.functions },
            }),
        );
    }
    serde_json::Value::Object(root)
}

// ---------------------------------------------------------------------
// Hot paths: callgrind profiles of a run joined to source functions.

/// Where `giopbench run` keeps each id's callgrind output.
pub fn profile_file(dir: &Path, id: &BenchId) -> PathBuf {
    dir.join(format!("{}.callgrind", id.to_string().replace('/', "__")))
}

/// Keeps one id's callgrind output for the complexity join (a failure only
/// loses that join, so it is reported, not fatal).
pub fn save_profile(dir: &Path, id: &BenchId, callgrind: &str) {
    let r = std::fs::create_dir_all(dir)
        .and_then(|()| std::fs::write(profile_file(dir, id), callgrind));
    if let Err(e) = r {
        eprintln!("  {id}: callgrind profile not kept: {e}");
    }
}

/// A function carrying part of a hot path's instructions.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct HotFunction {
    pub name: String,
    pub file: String,
    /// Its self instructions / the profile's instructions.
    pub share: f64,
    pub cyclomatic: u32,
    pub cognitive: u32,
    /// At the base revision (`--complexity-base`), where it existed.
    pub base_cyclomatic: Option<u32>,
}

/// One hot path's complexity beside its performance.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct HotPath {
    pub path: String,
    pub refactored: String,
    /// The legacy backend compared with (the judged baseline when its
    /// profile lies in measured sources, else the best-covered legacy one).
    pub partner: Option<String>,
    /// Instruction-weighted mean cyclomatic complexity.
    pub refactored_cc: Option<f64>,
    pub partner_cc: Option<f64>,
    /// refactored / partner.
    pub ratio: Option<f64>,
    /// Mapped / non-runtime instructions of the refactored profile.
    pub coverage: f64,
    pub partner_coverage: Option<f64>,
    /// Runtime (allocator, libc, std) instructions / all, refactored.
    #[serde(default)]
    pub runtime_share: f64,
    /// The heaviest ORB symbols of the refactored profile outside the
    /// measured sources, with their share.
    #[serde(default)]
    pub unmapped: Vec<(String, f64)>,
    /// refactored / partner, from the same run's entries.
    pub instructions_ratio: Option<f64>,
    pub p95_ratio: Option<f64>,
    /// MET, NOT MET or NOT MEASURED.
    pub verdict: String,
    pub note: Option<String>,
    pub functions: Vec<HotFunction>,
    pub partner_functions: Vec<HotFunction>,
}

impl HotPath {
    /// Enough of both profiles lies in measured sources to judge it.
    pub fn is_measured(&self) -> bool {
        self.verdict != "NOT MEASURED"
    }
}

/// The run's complexity join (kept in results.json).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RunComplexity {
    pub goal: f64,
    /// The sources measured (the working tree) and the optional base.
    pub sources: String,
    pub base: Option<String>,
    pub paths: Vec<HotPath>,
    /// Spearman's ρ across measured hot paths: complexity ratio against
    /// the p95 ratio, and against the instruction ratio.
    pub spearman_p95: Option<f64>,
    pub spearman_instructions: Option<f64>,
    pub verdict: String,
}

fn hot_functions(m: &MappedProfile, base: Option<&Snapshot>, n: usize) -> Vec<HotFunction> {
    let base_cc = |file: &str, name: &str| {
        let (_, fm) = base?.files.iter().find(|(_, f)| f.path == file)?;
        fm.functions
            .iter()
            .find(|f| f.name == name)
            .map(|f| f.cyclomatic)
    };
    m.functions
        .iter()
        .take(n)
        .map(|f| HotFunction {
            name: f.name.clone(),
            file: f.file.clone(),
            share: f.self_ir as f64 / m.total_ir.max(1) as f64,
            cyclomatic: f.cyclomatic,
            cognitive: f.cognitive,
            base_cyclomatic: base_cc(&f.file, &f.name),
        })
        .collect()
}

fn load_mapped(dir: &Path, id: &BenchId, snap: &Snapshot) -> Option<MappedProfile> {
    let text = std::fs::read_to_string(profile_file(dir, id)).ok()?;
    Some(cx::map_profile(&Profile::parse(&text), snap))
}

/// Joins every judged hot path of `r` to the complexity of the functions
/// carrying its instructions (profiles under `profile_dir`, sources from
/// `sources` in the working tree, `base` optional for per-function change).
pub fn for_run(
    r: &Results,
    profile_dir: &Path,
    sources: &Path,
    base: Option<&str>,
) -> Result<RunComplexity, String> {
    let m = Manifest::load(sources).map_err(|e| e.to_string())?;
    let repo = repo_of(sources);
    let head = cx::analyze_set(&m.sets, &repo, None).map_err(|e| e.to_string())?;
    let base_snap = match base {
        Some(b) => Some(cx::analyze_set(&m.sets, &repo, Some(b)).map_err(|e| e.to_string())?),
        None => None,
    };
    let mut paths = Vec::new();
    for j in &r.judgements {
        let ids: Vec<&BenchId> = r
            .entries
            .iter()
            .map(|e| &e.id)
            .filter(|id| id.path() == j.path)
            .collect();
        let Some(rid) = ids.iter().find(|id| id.backend == j.refactored) else {
            continue;
        };
        paths.push(hot_path(
            r,
            j,
            rid,
            &ids,
            profile_dir,
            &head,
            base_snap.as_ref(),
            m.goal,
        ));
    }
    let measured: Vec<&HotPath> = paths.iter().filter(|p| p.is_measured()).collect();
    let pairs = |f: fn(&HotPath) -> Option<f64>| -> (Vec<f64>, Vec<f64>) {
        measured
            .iter()
            .filter_map(|p| Some((p.ratio?, f(p)?)))
            .unzip()
    };
    let (a, b) = pairs(|p| p.p95_ratio);
    let (c, d) = pairs(|p| p.instructions_ratio);
    let verdict = if measured.is_empty() {
        "NOT MEASURED"
    } else if measured.iter().all(|p| p.verdict == "MET") {
        "MET"
    } else {
        "NOT MET"
    };
    Ok(RunComplexity {
        goal: m.goal,
        sources: head.revision.clone(),
        base: base.map(|b| describe(&repo, b)),
        spearman_p95: cx::spearman(&a, &b),
        spearman_instructions: cx::spearman(&c, &d),
        verdict: verdict.into(),
        paths,
    })
}

#[allow(clippy::too_many_arguments)]
fn hot_path(
    r: &Results,
    j: &crate::results::Judgement,
    rid: &BenchId,
    ids: &[&BenchId],
    dir: &Path,
    head: &Snapshot,
    base: Option<&Snapshot>,
    goal: f64,
) -> HotPath {
    let mut row = HotPath {
        path: j.path.clone(),
        refactored: j.refactored.clone(),
        partner: None,
        refactored_cc: None,
        partner_cc: None,
        ratio: None,
        coverage: 0.0,
        partner_coverage: None,
        runtime_share: 0.0,
        unmapped: Vec::new(),
        instructions_ratio: None,
        p95_ratio: None,
        verdict: "NOT MEASURED".into(),
        note: None,
        functions: Vec::new(),
        partner_functions: Vec::new(),
    };
    let Some(mine) = load_mapped(dir, rid, head) else {
        row.note = Some("no callgrind profile".into());
        return row;
    };
    row.coverage = mine.coverage();
    let total = mine.total_ir.max(1) as f64;
    row.runtime_share = mine.runtime_ir as f64 / total;
    row.unmapped = mine
        .unmapped
        .iter()
        .filter(|(sym, _)| !cx::is_runtime(sym, ""))
        .take(3)
        .map(|(sym, ir)| (sym.clone(), *ir as f64 / total))
        .collect();
    row.refactored_cc = mine.weighted_cyclomatic();
    row.functions = hot_functions(&mine, base, 5);
    // The judged baseline first, then the other legacy backends.
    let mut legacy: Vec<&BenchId> = ids
        .iter()
        .copied()
        .filter(|id| id.backend != j.refactored && id.backend != crate::prepared::MEMCPY)
        .collect();
    legacy.sort_by_key(|id| id.backend != j.baseline);
    let profiles: Vec<(&BenchId, MappedProfile)> = legacy
        .into_iter()
        .filter_map(|id| Some((id, load_mapped(dir, id, head)?)))
        .collect();
    let best = profiles
        .iter()
        .find(|(_, p)| p.coverage() >= MIN_COVERAGE)
        .or_else(|| {
            profiles
                .iter()
                .max_by(|a, b| a.1.coverage().total_cmp(&b.1.coverage()))
        });
    let Some((pid, theirs)) = best else {
        row.note = Some("no legacy profile".into());
        return row;
    };
    row.partner = Some(pid.backend.clone());
    row.partner_coverage = Some(theirs.coverage());
    row.partner_cc = theirs.weighted_cyclomatic();
    row.partner_functions = hot_functions(theirs, None, 5);
    let entry = |id: &BenchId| r.entry(id);
    row.instructions_ratio = entry(rid)
        .and_then(|e| e.instructions)
        .zip(entry(pid).and_then(|e| e.instructions))
        .map(|(a, b)| a / b);
    row.p95_ratio = entry(rid)
        .and_then(|e| e.latency)
        .zip(entry(pid).and_then(|e| e.latency))
        .map(|(a, b)| a.p95_ns as f64 / b.p95_ns.max(1) as f64);
    row.ratio = row.refactored_cc.zip(row.partner_cc).map(|(a, b)| a / b);
    if row.coverage < MIN_COVERAGE || theirs.coverage() < MIN_COVERAGE {
        row.note = Some(format!(
            "only {:.0}% ({}) and {:.0}% ({}) of the instructions lie in measured sources (need {:.0}%)",
            row.coverage * 100.0,
            j.refactored,
            theirs.coverage() * 100.0,
            pid.backend,
            MIN_COVERAGE * 100.0
        ));
        return row;
    }
    if let Some(ratio) = row.ratio {
        row.verdict = if ratio <= goal { "MET" } else { "NOT MET" }.into();
    }
    row
}

fn opt_pct(v: Option<f64>) -> String {
    v.map_or("–".into(), |x| format!("{:+.1}%", (x - 1.0) * 100.0))
}

fn fn_list(fs: &[HotFunction]) -> String {
    if fs.is_empty() {
        return "–".into();
    }
    fs.iter()
        .map(|f| {
            let was = f
                .base_cyclomatic
                .filter(|&b| b != f.cyclomatic)
                .map_or(String::new(), |b| format!(", was {b}"));
            format!(
                "`{}` {:.0}% cc {}{was} cog {}",
                f.name,
                f.share * 100.0,
                f.cyclomatic,
                f.cognitive
            )
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// The report's "Complexity and performance" section (markdown; the HTML
/// report renders it like the others).
pub fn report_section(r: &Results) -> String {
    let mut s = String::from("\n## Complexity and performance\n\n");
    let Some(c) = &r.complexity else {
        s.push_str(
            "Not computed: this run kept no callgrind profiles (`giopbench run` without \
             `--no-instructions` keeps them).\n",
        );
        return s;
    };
    let measured = c.paths.iter().filter(|p| p.is_measured()).count();
    let met = c.paths.iter().filter(|p| p.verdict == "MET").count();
    let _ = writeln!(
        s,
        "A hot path's complexity is the cyclomatic complexity of the functions carrying its \
         instructions (callgrind self instructions mapped to source functions), weighted by \
         those instructions; refactored against the legacy backend on the same path. \
         \"In measured sources\": the share of the non-runtime instructions (not the allocator, \
         libc, Rust's std or GNAT's runtime) that map to measured functions, refactored / \
         legacy; below {:.0}% a path is not judged. Sources: \
         {}{}. RDB goal: ≤ {:.2}× (↓{:.0}%) on every measured hot path: **{}** ({met} of \
         {measured} measured meet it; {} not measured).\n",
        MIN_COVERAGE * 100.0,
        c.sources,
        c.base
            .as_ref()
            .map_or(String::new(), |b| format!(", functions also at base {b}")),
        c.goal,
        (1.0 - c.goal) * 100.0,
        c.verdict,
        c.paths.len() - measured
    );
    let _ = writeln!(
        s,
        "| hot path | refactored | vs | weighted cc (legacy → refactored) | complexity change | instructions change | p95 change | in measured sources | goal |\n\
         | --- | --- | --- | --- | --- | --- | --- | --- | --- |"
    );
    for p in &c.paths {
        let cc = |v: Option<f64>| v.map_or("–".into(), |x| format!("{x:.2}"));
        let _ = writeln!(
            s,
            "| `{}` | {} | {} | {} → {} | {} | {} | {} | {:.0}% / {} | **{}** |",
            p.path,
            p.refactored,
            p.partner.as_deref().unwrap_or("–"),
            cc(p.partner_cc),
            cc(p.refactored_cc),
            opt_pct(p.ratio),
            opt_pct(p.instructions_ratio),
            opt_pct(p.p95_ratio),
            p.coverage * 100.0,
            p.partner_coverage
                .map_or("–".into(), |x| format!("{:.0}%", x * 100.0)),
            p.verdict
        );
    }
    let rho = |v: Option<f64>| {
        v.map_or("– (fewer than 3 measured paths)".into(), |x| {
            format!("{x:+.2}")
        })
    };
    let _ = writeln!(
        s,
        "\nSpearman ρ across the {measured} measured hot paths: complexity change against p95 \
         change {}, against instruction change {}.\n",
        rho(c.spearman_p95),
        rho(c.spearman_instructions)
    );
    let _ = writeln!(
        s,
        "Functions carrying the instructions (share, cyclomatic, cognitive):\n"
    );
    for p in &c.paths {
        let _ = write!(
            s,
            "- `{}` {}: {}",
            p.path,
            p.refactored,
            fn_list(&p.functions)
        );
        if let Some(partner) = &p.partner {
            let _ = write!(s, " — {partner}: {}", fn_list(&p.partner_functions));
        }
        if !p.unmapped.is_empty() {
            let u: Vec<String> = p
                .unmapped
                .iter()
                .map(|(sym, share)| format!("`{sym}` {:.0}%", share * 100.0))
                .collect();
            let _ = write!(s, "; not in measured sources: {}", u.join(", "));
        }
        let _ = write!(
            s,
            "; runtime (allocator, libc, std) {:.0}%",
            p.runtime_share * 100.0
        );
        if let Some(n) = &p.note {
            let _ = write!(s, " ({n})");
        }
        s.push('\n');
    }
    s
}

impl RunComplexity {
    /// Per hot path, for `complexity.csv` and `export --format complexity-csv`.
    pub fn to_csv(&self) -> String {
        let mut s = String::from(
            "path,refactored,partner,refactored_cc,partner_cc,complexity_ratio,instructions_ratio,p95_ratio,coverage,partner_coverage,verdict\n",
        );
        let f = |v: Option<f64>| v.map_or(String::new(), |x| format!("{x:.4}"));
        for p in &self.paths {
            let _ = writeln!(
                s,
                "{},{},{},{},{},{},{},{},{:.4},{},{}",
                csv_field(&p.path),
                p.refactored,
                p.partner.as_deref().unwrap_or(""),
                f(p.refactored_cc),
                f(p.partner_cc),
                f(p.ratio),
                f(p.instructions_ratio),
                f(p.p95_ratio),
                p.coverage,
                f(p.partner_coverage),
                p.verdict
            );
        }
        s
    }

    /// Adds `cyclomatic-weighted` to each hot path's refactored and partner
    /// ids in a BMF object.
    pub fn add_bmf(&self, root: &mut serde_json::Map<String, serde_json::Value>) {
        for p in &self.paths {
            let Some((op, payload)) = p.path.split_once('/') else {
                continue;
            };
            let Ok(op) = op.parse() else {
                continue;
            };
            let sides = [
                (Some(p.refactored.as_str()), p.refactored_cc),
                (p.partner.as_deref(), p.partner_cc),
            ];
            for (backend, cc) in sides {
                let (Some(b), Some(cc)) = (backend, cc) else {
                    continue;
                };
                let key = BenchId::new(op, b, payload).to_string();
                let entry = root
                    .entry(key)
                    .or_insert_with(|| serde_json::Value::Object(serde_json::Map::new()));
                if let Some(m) = entry.as_object_mut() {
                    m.insert(
                        "cyclomatic-weighted".into(),
                        serde_json::json!({ "value": cc }),
                    );
                }
            }
        }
    }
}
