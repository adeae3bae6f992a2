//! `giopbench compare --base REV`: the before/after view. Builds the base
//! revision in a git worktree and the current tree, counts instructions of
//! every hot path with both builds in one run, optionally interleaves their
//! latencies, and fails when a path regresses by more than the threshold.

use crate::measure::count_instructions;
use crate::prepared::{BenchId, MEMCPY};
use crate::results::{Entry, Judgement, Meta, Results};
use crate::stats::{bootstrap_p95_ratio, RatioInterval, Verdict};
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
}

impl Row {
    /// Relative change in instructions, head vs base.
    pub fn change(&self) -> Option<f64> {
        Some(self.head? / self.base? - 1.0)
    }
}

/// Runs the comparison; `Ok(true)` when some hot path regressed beyond
/// the threshold.
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
    let base_ids = match list_ids(&base_exe, &o.manifest, filter) {
        Ok(ids) => ids,
        Err(e) => {
            eprintln!("compare: base cannot read the current manifest ({e}); using its own");
            list_ids(&base_exe, &wt.join("corpus/workloads.toml"), filter)?
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
    let mut rows = Vec::new();
    for (i, id) in ids.iter().enumerate() {
        eprintln!("[{}/{}] {id}", i + 1, ids.len());
        let head = count_instructions(&head_exe, id, o.iterations, &o.manifest).ok();
        let base = if base_ids.contains(id) {
            count_instructions(&base_exe, id, o.iterations, &o.manifest)
                .map_err(|e| eprintln!("  base: {e}"))
                .ok()
        } else {
            None
        };
        let latency = if o.latency && base.is_some() {
            // Alternate the two builds in short bursts so drift hits both.
            let (mut b, mut h) = (Vec::new(), Vec::new());
            for _ in 0..5 {
                b.extend(latency_samples(&base_exe, &o.manifest, id, 400)?);
                h.extend(latency_samples(&head_exe, &o.manifest, id, 400)?);
            }
            bootstrap_p95_ratio(&b, &h, 1000, 0x5EED)
        } else {
            None
        };
        rows.push(Row {
            id: (*id).clone(),
            base,
            head,
            latency,
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
    let results = to_results(&rows, &sha, o);
    let dir = o
        .out
        .clone()
        .unwrap_or_else(|| work.join(format!("compare-{}", results.meta.timestamp)));
    let report = crate::run::write_outputs(&results, &dir, &[])?;
    println!("report: {}", report.display());
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
    } else {
        println!("compare: ok (no hot path above +{}%)", o.threshold_pct);
    }
    Ok(failed)
}

fn to_results(rows: &[Row], sha: &str, o: &Options) -> Results {
    let mut entries = Vec::new();
    let mut judgements = Vec::new();
    for r in rows {
        let Some(id) = BenchId::parse(&r.id) else {
            continue;
        };
        for (side, v) in [("base", r.base), ("head", r.head)] {
            entries.push(Entry {
                id: BenchId::new(
                    &id.operation,
                    &format!("{}@{side}", id.backend),
                    &id.payload,
                ),
                class: Class::Other,
                bytes: 0,
                throughput: None,
                latency: None,
                instructions: v,
                allocations: None,
                note: None,
            });
        }
        let change = r.change();
        let regression = change.is_some_and(|c| c > o.threshold_pct / 100.0);
        let verdict = match (regression, r.latency) {
            (true, _) => Verdict::Fail,
            (false, Some(iv)) => Verdict::judge(&iv, 0.8),
            (false, None) => Verdict::Pass,
        };
        judgements.push(Judgement {
            path: r.id.clone(),
            class: Class::Other,
            baseline: format!("{}@base", id.backend),
            refactored: format!("{}@head", id.backend),
            p95_ratio: r.latency,
            instructions_ratio: change.map(|c| 1.0 + c),
            goal: 0.8,
            goal_text: format!("instructions ≤ +{}%", o.threshold_pct),
            verdict,
            memcpy_fraction: None,
        });
    }
    Results {
        meta: Meta::collect(&format!("base {}", &sha[..12]), "working tree"),
        entries,
        judgements,
        complexity: None,
    }
}
