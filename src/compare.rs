//! `giopbench compare --base REV`: the before/after view. Builds the base
//! revision in a git worktree and the current tree, counts instructions of
//! every hot path with both builds in one run, optionally interleaves their
//! latencies, and fails when a path regresses by more than the threshold.

use crate::judge::Evidence;
use crate::measure::count_instructions_keeping;
use crate::prepared::{BenchId, MEMCPY};
use crate::results::{Entry, Meta, Results};
use crate::stats::{bootstrap_p95_ratio, RatioInterval};
use crate::workload::Class;
use std::path::{Path, PathBuf};
use std::process::Command;

#[derive(Clone, Debug)]
pub struct Options {
    pub base: String,
    pub threshold_pct: f64,
    pub latency: bool,
    pub filter: Option<String>,
    pub rust_only: bool,
    pub iterations: u64,
    pub manifest: PathBuf,
    pub out: Option<PathBuf>,
    /// Accept a regression over the threshold, with this justification.
    pub allow_regression: Option<String>,
}

fn git(dir: &Path, args: &[&str]) -> Result<String, String> {
    let o = Command::new("git")
        .current_dir(dir)
        .args(args)
        .output()
        .map_err(|e| format!("cannot run git: {e}"))?;
    if !o.status.success() {
        return Err(format!(
            "git {}: {}",
            args.join(" "),
            String::from_utf8_lossy(&o.stderr).trim()
        ));
    }
    Ok(String::from_utf8_lossy(&o.stdout).trim().to_owned())
}

/// Builds `giopbench` in release mode from the tree at `src` into
/// `target`, returning the binary's path.
fn build(src: &Path, target: &Path, rust_only: bool) -> Result<PathBuf, String> {
    eprintln!("compare: building {} ...", src.display());
    let mut cmd = Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()));
    cmd.current_dir(src)
        .args(["build", "--release", "--quiet", "--bin", "giopbench"])
        .env("CARGO_TARGET_DIR", target);
    if rust_only {
        cmd.arg("--no-default-features");
    }
    let st = cmd.status().map_err(|e| format!("cannot run cargo: {e}"))?;
    if !st.success() {
        return Err(format!("building {} failed", src.display()));
    }
    Ok(target.join("release").join("giopbench"))
}

fn list_ids(exe: &Path, manifest: &Path, filter: Option<&str>) -> Result<Vec<String>, String> {
    let mut cmd = Command::new(exe);
    cmd.arg("list").arg("--manifest").arg(manifest);
    if let Some(f) = filter {
        cmd.args(["--filter", f]);
    }
    let o = cmd
        .output()
        .map_err(|e| format!("cannot run {}: {e}", exe.display()))?;
    if !o.status.success() {
        return Err(format!(
            "{} list: {}",
            exe.display(),
            String::from_utf8_lossy(&o.stderr).trim()
        ));
    }
    Ok(String::from_utf8_lossy(&o.stdout)
        .lines()
        .map(str::to_owned)
        .filter(|l| !l.is_empty())
        .collect())
}

fn latency_samples(exe: &Path, manifest: &Path, id: &str, n: usize) -> Result<Vec<u64>, String> {
    let o = Command::new(exe)
        .args([
            "exec",
            "--id",
            id,
            "--latency-samples",
            &n.to_string(),
            "--manifest",
        ])
        .arg(manifest)
        .output()
        .map_err(|e| format!("cannot run {}: {e}", exe.display()))?;
    if !o.status.success() {
        return Err(String::from_utf8_lossy(&o.stderr).trim().to_owned());
    }
    Ok(String::from_utf8_lossy(&o.stdout)
        .lines()
        .filter_map(|l| l.trim().parse().ok())
        .collect())
}

/// One id's comparison.
#[derive(Clone, Debug)]
pub struct Row {
    pub id: String,
    pub base: Option<f64>,
    pub head: Option<f64>,
    pub latency: Option<RatioInterval>,
    /// The machine's load while the latencies were taken.
    pub noise: Option<crate::noise::Noise>,
    /// Profiles and flamegraphs of base and head.
    pub sides: [Side; 2],
}

/// One build's profile of an id, and its flamegraph file.
#[derive(Clone, Debug, Default)]
pub struct Side {
    pub profile: Option<crate::flame::Profile>,
    pub flamegraph: Option<String>,
}

/// Profiles of both builds, their flamegraphs and the differential one
/// (before → after) under `dir/flamegraphs`.
fn profiles(
    dir: &Path,
    id: &str,
    base: Option<&(f64, String)>,
    head: Option<&(f64, String)>,
    iterations: u64,
) -> [Side; 2] {
    const ROOT: &str = "giopbench_measured_loop";
    let name = id.replace('/', "__");
    let fg = dir.join("flamegraphs");
    let mut folded = Vec::new();
    let mut sides: [Side; 2] = Default::default();
    for (k, (which, side)) in [("base", base), ("head", head)].into_iter().enumerate() {
        let Some((_, text)) = side else {
            folded.push(Vec::new());
            continue;
        };
        sides[k].profile = crate::flame::profile(text, ROOT, iterations, 8);
        let stacks = crate::flame::folded(text, ROOT);
        let rel = format!("flamegraphs/{name}@{which}.svg");
        let svg = crate::flame::svg(&format!("{id} @{which} (instructions)"), &stacks);
        if let Ok(svg) = svg {
            if std::fs::create_dir_all(&fg).is_ok() && std::fs::write(dir.join(&rel), svg).is_ok() {
                sides[k].flamegraph = Some(rel);
            }
        }
        folded.push(stacks);
    }
    if !folded[0].is_empty() && !folded[1].is_empty() {
        // Both sides ran the same iterations: counts compare as they are.
        let title = format!("{id}: base → head (red: more instructions)");
        if let Ok(svg) = crate::flame::differential_svg(&title, &folded[0], &folded[1]) {
            let _ = std::fs::write(fg.join(format!("{name}__diff.svg")), svg);
        }
    }
    sides
}

impl Row {
    /// Relative change in instructions, head vs base.
    pub fn change(&self) -> Option<f64> {
        Some(self.head? / self.base? - 1.0)
    }
}

/// Runs the comparison; `Ok(true)` when some hot path regressed beyond
/// the threshold and no `--allow-regression` accepted it. Errors (bad
/// revision, failed build) are `Err` and exit with 2.
pub fn compare(o: &Options) -> Result<bool, String> {
    let top = PathBuf::from(git(Path::new("."), &["rev-parse", "--show-toplevel"])?);
    let sha = git(
        &top,
        &["rev-parse", "--verify", &format!("{}^{{commit}}", o.base)],
    )?;
    if git(&top, &["cat-file", "-e", &format!("{sha}:src/main.rs")]).is_err() {
        println!(
            "compare: base {} has no giopbench; nothing to compare against (gate passes)",
            &sha[..12]
        );
        return Ok(false);
    }
    let work = top.join("target").join("giopbench");
    let wt = work.join("worktrees").join(&sha[..12]);
    if !wt.join("Cargo.toml").exists() {
        let _ = std::fs::remove_dir_all(&wt);
        let _ = git(&top, &["worktree", "prune"]);
        git(
            &top,
            &[
                "worktree",
                "add",
                "--detach",
                "--force",
                &wt.to_string_lossy(),
                &sha,
            ],
        )?;
    }
    let base_exe = build(&wt, &work.join("base-target"), o.rust_only)?;
    let head_exe = build(&top, &work.join("head-target"), o.rust_only)?;

    let filter = o.filter.as_deref();
    let head_ids = list_ids(&head_exe, &o.manifest, filter)?;
    // An older base may not know the current manifest's fields (e.g. the
    // top-level `giop`/`orders`): it then runs its own manifest, for its
    // ids and its measurements alike.
    let (base_ids, base_manifest) = match list_ids(&base_exe, &o.manifest, filter) {
        Ok(ids) => (ids, o.manifest.clone()),
        Err(e) => {
            eprintln!("compare: base cannot read the current manifest ({e}); using its own");
            let own = wt.join("corpus/workloads.toml");
            (list_ids(&base_exe, &own, filter)?, own)
        }
    };
    let ids: Vec<&String> = head_ids
        .iter()
        .filter(|id| !id.contains(&format!("/{MEMCPY}/")))
        .collect();
    eprintln!(
        "compare: {} ids, base {}, head working tree",
        ids.len(),
        &sha[..12]
    );
    let dir = o
        .out
        .clone()
        .unwrap_or_else(|| work.join(format!("compare-{}", crate::results::timestamp())));
    let mut rows = Vec::new();
    for (i, id) in ids.iter().enumerate() {
        eprintln!("[{}/{}] {id}", i + 1, ids.len());
        let head = count_instructions_keeping(&head_exe, id, o.iterations, &o.manifest).ok();
        let base = if base_ids.contains(id) {
            count_instructions_keeping(&base_exe, id, o.iterations, &base_manifest)
                .map_err(|e| eprintln!("  base: {e}"))
                .ok()
        } else {
            None
        };
        let sides = profiles(&dir, id, base.as_ref(), head.as_ref(), o.iterations);
        let (base, head) = (base.map(|b| b.0), head.map(|h| h.0));
        let mut noise = None;
        let latency = if o.latency && base.is_some() {
            // Alternate the two builds in short bursts so drift hits both.
            let before = crate::noise::snapshot();
            let (mut b, mut h) = (Vec::new(), Vec::new());
            for _ in 0..5 {
                b.extend(latency_samples(&base_exe, &base_manifest, id, 400)?);
                h.extend(latency_samples(&head_exe, &o.manifest, id, 400)?);
            }
            let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
            noise = before
                .zip(crate::noise::snapshot())
                .map(|(x, y)| crate::noise::Noise::between(id, x, y, cores));
            bootstrap_p95_ratio(&b, &h, 1000, 0x5EED)
        } else {
            None
        };
        rows.push(Row {
            id: (*id).clone(),
            base,
            head,
            latency,
            noise,
            sides,
        });
    }
    let limit = o.threshold_pct / 100.0;
    let mut failed = false;
    println!(
        "{:<56} {:>14} {:>14} {:>9}  verdict",
        "id", "base instr", "head instr", "change"
    );
    for r in &rows {
        let verdict = match r.change() {
            Some(c) if c > limit => {
                failed = true;
                "REGRESSION"
            }
            Some(_) => "ok",
            None if r.base.is_none() => "new",
            None => "not measured",
        };
        println!(
            "{:<56} {:>14} {:>14} {:>9}  {verdict}",
            r.id,
            r.base.map_or("-".into(), |x| format!("{x:.0}")),
            r.head.map_or("-".into(), |x| format!("{x:.0}")),
            r.change()
                .map_or("-".into(), |c| format!("{:+.2}%", c * 100.0)),
        );
    }
    let mut results = to_results(&rows, &sha, o);
    results.allowed_regression = o.allow_regression.clone().filter(|_| failed);
    let report = crate::run::write_outputs(&results, &dir, &[])?;
    println!("report: {}", report.display());
    let summary = crate::report::pr_summary(&results);
    println!("\n{summary}");
    if let Some(path) = std::env::var_os("GITHUB_STEP_SUMMARY") {
        if let Err(e) = append_step_summary(Path::new(&path), &summary) {
            eprintln!("compare: cannot append to GITHUB_STEP_SUMMARY ({path:?}): {e}");
        }
    }
    if failed {
        let worse: Vec<&str> = rows
            .iter()
            .filter(|r| r.change().is_some_and(|c| c > limit))
            .map(|r| r.id.as_str())
            .collect();
        println!(
            "compare: FAIL: instruction count up by more than {}% on {} hot path(s): {}",
            o.threshold_pct,
            worse.len(),
            worse.join(", ")
        );
        if let Some(reason) = &o.allow_regression {
            println!("compare: regression allowed by override: {reason}");
            return Ok(false);
        }
    } else {
        println!("compare: ok (no hot path above +{}%)", o.threshold_pct);
    }
    Ok(failed)
}

/// Appends the PR summary to a job summary file (`$GITHUB_STEP_SUMMARY`,
/// which GitHub Actions shows on the run's page).
pub fn append_step_summary(path: &Path, summary: &str) -> std::io::Result<()> {
    use std::io::Write as _;
    let mut f = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)?;
    writeln!(f, "{summary}")
}

fn to_results(rows: &[Row], sha: &str, o: &Options) -> Results {
    let mut entries = Vec::new();
    let mut judgements = Vec::new();
    for r in rows {
        let Ok(id) = BenchId::parse(&r.id) else {
            continue;
        };
        for (k, (side, v)) in [("base", r.base), ("head", r.head)].into_iter().enumerate() {
            let mut e = Entry::new(
                BenchId::new(id.operation, &format!("{}@{side}", id.backend), &id.payload),
                Class::Other,
                0,
            );
            e.instructions = v;
            e.profile = r.sides[k].profile.clone();
            e.flamegraph = r.sides[k].flamegraph.clone();
            entries.push(e);
        }
        let (base, head) = (
            format!("{}@base", id.backend),
            format!("{}@head", id.backend),
        );
        judgements.push(
            Evidence::new(&r.id, Class::Other, &base, &head)
                .latency(r.latency, r.latency)
                .instructions(r.change().map(|c| 1.0 + c))
                .threshold(o.threshold_pct / 100.0)
                .noisy(r.noise.as_ref().is_some_and(|n| n.busy))
                .judge(),
        );
    }
    let meta = Meta::collect(&format!("base {}", &sha[..12]), "working tree");
    let mut results = Results::new(meta, entries, judgements);
    results.threshold_pct = o.threshold_pct;
    results.noise = rows.iter().filter_map(|r| r.noise.clone()).collect();
    results
}
