#![forbid(unsafe_code)]
//! `giopbench`: side-by-side CORBA marshalling benchmarks, the
//! instruction-count gate and the performance report.

use clap::{Parser, Subcommand, ValueEnum};
use giopbench::judge::{Evidence, GoalSpec};
use giopbench::measure::{giopbench_measured_loop, interleaved_latencies};
use giopbench::prepared::BenchId;
use giopbench::results::{Meta, Results};
use giopbench::run::{self, Effort, RunConfig};
use giopbench::stats::latency_of;
use giopbench::workload::{giop_named, order_named, Overrides};
use giopbench::{compare, load_workloads, results};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser, Debug)]
#[command(
    name = "giopbench",
    version,
    about = "Side-by-side CORBA marshalling benchmarks (rust, omniorb, ada): reports, latency verdicts and an instruction-count gate",
    long_about = "Bench ids are {operation}/{backend}/{payload}, the same in criterion, gungraun and every report.\n\
                  The workloads come from corpus/workloads.toml (IDL types from corpus/idl/bench.idl)."
)]
struct Cli {
    /// Workload manifest.
    #[arg(long, global = true, default_value_os_t = giopbench::default_manifest())]
    manifest: PathBuf,
    /// Benchmark a type from your own IDL file instead of the corpus (with
    /// --type): its `any` and TypeCode marshalling on every backend.
    #[arg(long, global = true, requires = "type_name")]
    idl: Option<PathBuf>,
    /// The scoped name of the type in --idl (e.g. `Shop::Order`).
    #[arg(long = "type", global = true, requires = "idl")]
    type_name: Option<String>,
    /// Elements of the outermost sequence in generated values (--idl).
    #[arg(long, global = true, default_value_t = 100)]
    count: usize,
    /// Run every workload in this GIOP version (1.0, 1.1, 1.2) instead of
    /// the manifest's `giop`.
    #[arg(long, global = true, value_parser = giop_named)]
    giop: Option<corba_cdr::GiopVersion>,
    /// Run every workload in these byte orders (le, be; repeatable or
    /// comma-separated) instead of the manifest's `orders`.
    #[arg(long = "order", global = true, value_delimiter = ',', value_parser = order_named)]
    orders: Vec<corba_cdr::ByteOrder>,
    #[command(subcommand)]
    command: Cmd,
}

#[derive(Subcommand, Debug)]
enum Cmd {
    /// The main job: run every workload on every backend side by side and
    /// write results.json, report.md, report.html, results.csv and bmf.json
    /// under target/giopbench/<timestamp>/.
    Run {
        /// Fewer samples and shorter timings (for CI and a first look).
        #[arg(long)]
        quick: bool,
        /// Only ids containing this text.
        #[arg(long)]
        filter: Option<String>,
        /// Skip the callgrind instruction counts (and flamegraphs).
        #[arg(long)]
        no_instructions: bool,
        /// Skip the flamegraphs (drawn from the callgrind runs).
        #[arg(long)]
        no_flamegraphs: bool,
        /// The backend judged as "refactored" (the others are baselines).
        #[arg(long, default_value = "rust")]
        refactored: String,
        /// Output directory (default target/giopbench/<timestamp>).
        #[arg(long)]
        out: Option<PathBuf>,
        /// The goal against the baseline for every hot path, e.g.
        /// `p95=-20%` (metrics p50, p95, p99, instructions); overrides the
        /// manifest's per-workload `goal`. Default: the RDB's p95 -20%.
        #[arg(long)]
        goal: Option<GoalSpec>,
        /// The gate: a regression above this (percent) fails, below it warns.
        #[arg(long, default_value_t = 5.0)]
        threshold: f64,
        /// Interleaved latency rounds per group, judged on the pooled samples.
        #[arg(long, default_value_t = 1)]
        rounds: usize,
        /// Also show each hot function's complexity at this git revision.
        #[arg(long)]
        complexity_base: Option<String>,
    },
    /// GIOP load generator against servers started on 127.0.0.1 (scenario,
    /// thresholds, HDR results; `load serve`, `load merge`).
    Load(giopbench::load::LoadArgs),
    /// Time single calls of two backends, interleaved, and judge the p95
    /// ratio with a bootstrap interval (PASS: upper end <= 0.80).
    Latency {
        #[arg(long, default_value = "omniorb")]
        baseline: String,
        #[arg(long, default_value = "rust")]
        refactored: String,
        #[arg(long)]
        filter: Option<String>,
        #[arg(long, default_value_t = 5000)]
        samples: usize,
        /// The goal, e.g. `p95=-20%`.
        #[arg(long, default_value = "p95=-20%")]
        goal: GoalSpec,
    },
    /// Build a base revision in a worktree and the current tree, measure
    /// both, and fail when a hot path regresses by more than the threshold.
    Compare {
        /// Git revision to compare against (e.g. HEAD~1, main).
        #[arg(long)]
        base: String,
        /// Allowed instruction-count regression, in percent.
        #[arg(long, default_value_t = 5.0)]
        threshold: f64,
        /// Also measure latency (interleaving the two builds).
        #[arg(long)]
        latency: bool,
        /// Only ids containing this text.
        #[arg(long)]
        filter: Option<String>,
        /// Build without the legacy backends (faster; compares rust only).
        #[arg(long)]
        rust_only: bool,
        /// Calls counted per id.
        #[arg(long, default_value_t = 3)]
        iterations: u64,
        /// Where the comparison's report goes (default target/giopbench/compare-<timestamp>).
        #[arg(long)]
        out: Option<PathBuf>,
        /// Accept a regression above the threshold (exit 0), with the
        /// justification recorded in the report (the seed's manual override).
        #[arg(long, value_name = "REASON")]
        allow_regression: Option<String>,
    },
    /// Cyclomatic and cognitive complexity per function of the source sets
    /// (Rust, C++, Ada; corpus/complexity.toml), before/after a git revision:
    /// per set, per file, worst functions, the RDB goal (mean ↓30%).
    Complexity(#[command(flatten)] giopbench::complexity::Options),
    /// List the bench ids of the workloads on the compiled-in backends.
    List {
        #[arg(long)]
        filter: Option<String>,
    },
    /// Convert a results.json to another format.
    Export {
        #[arg(long)]
        input: PathBuf,
        #[arg(long, value_enum)]
        format: Format,
    },
    /// Run one id's measured loop (used under callgrind and by compare).
    #[command(hide = true)]
    Exec {
        #[arg(long)]
        id: String,
        #[arg(long, default_value_t = 1)]
        iterations: u64,
        /// Instead: print this many single-call latencies (ns), one a line.
        #[arg(long)]
        latency_samples: Option<usize>,
    },
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum Format {
    Json,
    Csv,
    Bmf,
    /// Prometheus text exposition format (histograms, gauges).
    Prometheus,
    /// The hot paths' complexity join (empty without one).
    ComplexityCsv,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match real_main(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("giopbench: error: {e}");
            ExitCode::from(2)
        }
    }
}

fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target"))
}

fn real_main(mut cli: Cli) -> Result<ExitCode, String> {
    if let (Some(idl), Some(name)) = (&cli.idl, &cli.type_name) {
        cli.manifest = giopbench::workload::user_manifest(
            idl,
            name,
            cli.count,
            &target_dir().join("giopbench"),
        )?;
    }
    let over = Overrides {
        giop: cli.giop,
        orders: cli.orders.clone(),
    };
    cli.manifest =
        giopbench::workload::with_overrides(&cli.manifest, &over, &target_dir().join("giopbench"))?;
    match cli.command {
        Cmd::Run {
            quick,
            filter,
            no_instructions,
            no_flamegraphs,
            refactored,
            out,
            goal,
            threshold,
            rounds,
            complexity_base,
        } => {
            let workloads = load_workloads(&cli.manifest)?;
            let mut effort = if quick {
                Effort::quick()
            } else {
                Effort::full()
            };
            if no_instructions {
                effort.callgrind_iterations = 0;
            }
            let exe = std::env::current_exe().map_err(|e| e.to_string())?;
            let dir =
                out.unwrap_or_else(|| target_dir().join("giopbench").join(results::timestamp()));
            let profiles = dir.join("callgrind");
            let cfg = RunConfig {
                effort,
                filter: filter.as_deref(),
                exe: &exe,
                manifest: &cli.manifest,
                refactored: &refactored,
                progress: true,
                flamegraph_dir: (!no_flamegraphs).then_some(dir.as_path()),
                goal,
                threshold_pct: threshold,
                rounds,
                profile_dir: Some(profiles.as_path()),
            };
            let (mut r, flamegraphs) = run::run(&workloads, &cfg)?;
            if !no_instructions {
                r.complexity = giopbench::complexity::for_run(
                    &r,
                    &profiles,
                    &giopbench::complexity::default_sources(),
                    complexity_base.as_deref(),
                )
                .map_err(|e| eprintln!("giopbench: no complexity join: {e}"))
                .ok();
            }
            let report = run::write_outputs(&r, &dir, &flamegraphs)?;
            println!("{}", giopbench::report::conclusion(&r));
            println!("report: {}", report.display());
            println!("html:   {}", dir.join("report.html").display());
            Ok(ExitCode::SUCCESS)
        }
        Cmd::Load(args) => Ok(giopbench::load::main(args)),
        Cmd::Latency {
            baseline,
            refactored,
            filter,
            samples,
            goal,
        } => latency(
            &cli.manifest,
            &baseline,
            &refactored,
            filter.as_deref(),
            samples,
            goal,
        ),
        Cmd::Compare {
            base,
            threshold,
            latency,
            filter,
            rust_only,
            iterations,
            out,
            allow_regression,
        } => {
            let opts = compare::Options {
                base,
                threshold_pct: threshold,
                latency,
                filter,
                rust_only,
                iterations,
                manifest: cli.manifest.clone(),
                out,
                allow_regression,
            };
            let failed = compare::compare(&opts)?;
            Ok(if failed {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            })
        }
        Cmd::List { filter } => {
            let workloads = load_workloads(&cli.manifest)?;
            let backends = giopbench::backends::all();
            let mut out = std::io::stdout().lock();
            for w in &workloads {
                for op in w.operations() {
                    let g = run::prepare_group(w, op, &backends, filter.as_deref());
                    for p in &g.prepared {
                        // A closed pipe (`giopbench list | head`) ends the
                        // listing quietly, as Unix tools do.
                        match writeln!(out, "{}", p.id) {
                            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {
                                return Ok(ExitCode::SUCCESS)
                            }
                            r => r.map_err(|e| format!("stdout: {e}"))?,
                        }
                    }
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        Cmd::Complexity(opts) => {
            let default_out = target_dir()
                .join("giopbench")
                .join(format!("complexity-{}", results::timestamp()));
            giopbench::complexity::command(&opts, &default_out)?;
            Ok(ExitCode::SUCCESS)
        }
        Cmd::Export { input, format } => {
            let text =
                std::fs::read_to_string(&input).map_err(|e| format!("{}: {e}", input.display()))?;
            let r: Results =
                serde_json::from_str(&text).map_err(|e| format!("{}: {e}", input.display()))?;
            let out = match format {
                Format::Json => serde_json::to_string_pretty(&r).map_err(|e| e.to_string())?,
                Format::Csv => r.to_csv(),
                Format::Bmf => {
                    serde_json::to_string_pretty(&r.to_bmf()).map_err(|e| e.to_string())?
                }
                Format::Prometheus => giopbench::prometheus::exposition(&r),
                Format::ComplexityCsv => r
                    .complexity
                    .as_ref()
                    .map_or_else(String::new, |c| c.to_csv()),
            };
            println!("{out}");
            Ok(ExitCode::SUCCESS)
        }
        Cmd::Exec {
            id,
            iterations,
            latency_samples,
        } => {
            let bid = BenchId::parse(&id)?;
            let workloads = giopbench::load_workloads_for(&cli.manifest, &bid)?;
            let mut p = run::prepare_one(&workloads, &bid)?;
            p.call()?; // one-time initialisation stays out of the count
            match latency_samples {
                Some(n) => {
                    let s = interleaved_latencies(&mut [&mut p], n)?;
                    let text: Vec<String> = s[0].iter().map(u64::to_string).collect();
                    println!("{}", text.join("\n"));
                }
                None => giopbench_measured_loop(&mut p, iterations)?,
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn latency(
    manifest: &std::path::Path,
    baseline: &str,
    refactored: &str,
    filter: Option<&str>,
    samples: usize,
    goal: GoalSpec,
) -> Result<ExitCode, String> {
    let workloads = load_workloads(manifest)?;
    let backends: Vec<_> = giopbench::backends::all()
        .into_iter()
        .filter(|b| b.name() == baseline || b.name() == refactored)
        .collect();
    if backends.len() < 2 && baseline != refactored {
        return Err(format!(
            "need both backends {baseline:?} and {refactored:?}; compiled in: {}",
            giopbench::backends::names().join(", ")
        ));
    }
    let mut judgements = Vec::new();
    let mut entries = Vec::new();
    println!(
        "{:<44} {:>10} {:>10} {:>10} {:>10} {:>10} {:>10}  {:<24} goal / gate",
        "hot path", "base p50", "p95", "p99", "new p50", "p95", "p99", "p95 ratio (95% CI)"
    );
    for w in &workloads {
        for op in w.operations() {
            let mut g = run::prepare_group(w, op, &backends, filter);
            let pos = |n: &str| g.prepared.iter().position(|p| p.id.backend == n);
            let (Some(b), Some(r)) = (pos(baseline), pos(refactored)) else {
                continue;
            };
            let mut refs: Vec<&mut giopbench::prepared::Prepared> = g.prepared.iter_mut().collect();
            let s = interleaved_latencies(&mut refs, samples)?;
            let (lb, lr) = (latency_of(&s[b]), latency_of(&s[r]));
            let path = format!("{op}/{}", w.payload);
            let evidence = Evidence::new(&path, w.class, baseline, refactored)
                .goal(goal)
                .latency_samples(&s[b], &s[r]);
            let Some(iv) = evidence.p95_ratio else {
                continue;
            };
            let j = evidence.judge();
            let f = |l: Option<giopbench::stats::Latency>,
                     q: fn(&giopbench::stats::Latency) -> u64| {
                l.as_ref().map_or("-".into(), |l| q(l).to_string())
            };
            println!(
                "{path:<44} {:>10} {:>10} {:>10} {:>10} {:>10} {:>10}  {:<24} {} ({goal}) / {}",
                f(lb, |l| l.p50_ns),
                f(lb, |l| l.p95_ns),
                f(lb, |l| l.p99_ns),
                f(lr, |l| l.p50_ns),
                f(lr, |l| l.p95_ns),
                f(lr, |l| l.p99_ns),
                format!("{:.3} ({:.3}..{:.3})", iv.ratio, iv.low, iv.high),
                j.goal_verdict.as_str(),
                j.gate.as_str()
            );
            for (i, p) in g.prepared.iter().enumerate() {
                if i == b || i == r {
                    entries.push(
                        results::Entry::new(p.id.clone(), w.class, p.bytes)
                            .with_latency_samples(&s[i]),
                    );
                }
            }
            judgements.push(j);
        }
    }
    let r = Results::new(Meta::collect(baseline, refactored), entries, judgements);
    let dir = target_dir()
        .join("giopbench")
        .join(format!("latency-{}", r.meta.timestamp));
    let report = run::write_outputs(&r, &dir, &[])?;
    println!("{}", giopbench::report::conclusion(&r));
    println!("report: {}", report.display());
    Ok(ExitCode::SUCCESS)
}
