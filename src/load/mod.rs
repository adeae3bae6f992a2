//! `giopbench load`: a GIOP load generator (k6/wrk2-style) against servers
//! the harness starts on 127.0.0.1 and stops, the results as HDR
//! histograms (mergeable), JSON and the Performance Report tables.

pub mod client;
pub mod faults;
pub mod payload;
pub mod procmon;
pub mod report;
pub mod scenario;

use clap::{Args, Subcommand};
use corba_giop::{IiopProfile, Ior};
use report::{RoundResult, ServerResult};
use scenario::Scenario;
use std::io::{BufRead, BufReader};
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitCode, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

#[derive(Args, Debug)]
pub struct LoadArgs {
    #[command(subcommand)]
    pub action: Option<LoadAction>,
    /// Scenario file (default corpus/load/default.toml).
    #[arg(long)]
    pub scenario: Option<PathBuf>,
    /// Servers to measure, in order; the first is the baseline: by default
    /// omniORB (the legacy ORB), then the refactored Rust server.
    #[arg(long, value_delimiter = ',', default_value = "omniorb,rust")]
    pub servers: Vec<String>,
    /// Rounds; each round runs the scenario once against every server, the
    /// order alternating from round to round. The goal and gate are judged
    /// on the rounds' p95 ratios and need at least 3. Default: 3, or 1 with
    /// `--duration` (a soak is about drift over time, and 3 rounds of a 10m
    /// soak against two servers would take an hour).
    #[arg(long)]
    pub rounds: Option<usize>,
    /// Soak: one steady stage of this length at the scenario's peak target
    /// (e.g. 10m); the report adds RSS and p95 drift.
    #[arg(long)]
    pub duration: Option<String>,
    /// Scale the scenario's stages to this total length (CI: 10s).
    #[arg(long)]
    pub scale_to: Option<String>,
    /// Extra thresholds (`p95 < 2ms`), added to the scenario's.
    #[arg(long)]
    pub threshold: Vec<String>,
    /// Output directory (default target/giopbench/load-<unix time>).
    #[arg(long)]
    pub out: Option<PathBuf>,
}

#[derive(Subcommand, Debug)]
pub enum LoadAction {
    /// Serve Load::Echo on 127.0.0.1 (port 0: an ephemeral port) with the
    /// Rust server or the omniORB one; print the IOR on the first line of
    /// stdout.
    Serve {
        #[arg(long, default_value_t = 0)]
        port: u16,
        /// `rust` (crates/server), `rust-async` (its tokio variant, feature
        /// `server-async`) or `omniorb` (ffi/omniorb's load server).
        #[arg(long, default_value = "rust")]
        server: String,
    },
    /// Merge load.json files of several generators (their HDR histograms
    /// and counts, server by server) into one report.
    Merge {
        inputs: Vec<PathBuf>,
        #[arg(long)]
        out: PathBuf,
    },
    /// Faults under load: each fault against a fresh server while other
    /// clients call; prints the fault table, writes faults.json/faults.md.
    Faults {
        #[arg(long, value_delimiter = ',', default_value = "omniorb,rust")]
        servers: Vec<String>,
        /// Time bound of each fault (slow client, floods, waits), 1..=60.
        #[arg(long, default_value_t = 5)]
        seconds: u64,
        #[arg(long)]
        out: Option<PathBuf>,
    },
}

pub fn main(args: LoadArgs) -> ExitCode {
    let r = match &args.action {
        Some(LoadAction::Serve { port, server }) => match server.as_str() {
            "rust" => serve(*port, false),
            #[cfg(feature = "server-async")]
            "rust-async" => serve(*port, true),
            "omniorb" => serve_omniorb(*port),
            other => Err(format!(
                "unknown server {other:?} (rust, rust-async, omniorb)"
            )),
        },
        Some(LoadAction::Merge { inputs, out }) => {
            report::merge(inputs, out).map(|_| ExitCode::SUCCESS)
        }
        Some(LoadAction::Faults {
            servers,
            seconds,
            out,
        }) => faults::main(servers, *seconds, out.as_deref()),
        None => run(&args),
    };
    r.unwrap_or_else(|e| {
        eprintln!("giopbench load: {e}");
        ExitCode::FAILURE
    })
}

/// `tokio`: the async variant (feature `server-async`).
fn serve(port: u16, tokio: bool) -> Result<ExitCode, String> {
    let addr = SocketAddr::from(([127, 0, 0, 1], port));
    let server = giop_server::Server::bind(addr, giop_server::Config::default())
        .map_err(|e| format!("bind {addr}: {e}"))?;
    println!("{}", server.ior().map_err(|e| e.to_string())?);
    use std::io::Write;
    let _ = std::io::stdout().flush();
    if tokio {
        #[cfg(feature = "server-async")]
        server.run_async().map_err(|e| e.to_string())?;
    } else {
        server.run();
    }
    Ok(ExitCode::SUCCESS)
}

#[cfg(feature = "omniorb")]
fn serve_omniorb(port: u16) -> Result<ExitCode, String> {
    legacy_omniorb::load::serve(port).map_err(|e| e.to_string())?;
    Ok(ExitCode::SUCCESS)
}

#[cfg(not(feature = "omniorb"))]
fn serve_omniorb(_port: u16) -> Result<ExitCode, String> {
    Err("built without the omniorb feature: no omniORB load server".into())
}

/// A server process the harness started; dropping it kills and reaps it
/// (also when the harness fails or panics).
#[derive(Debug)]
pub struct ServerProcess {
    pub name: String,
    pub child: Child,
    pub addr: SocketAddr,
    pub object_key: Vec<u8>,
}

impl Drop for ServerProcess {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// How long a starting server may take to print its IOR.
const IOR_TIMEOUT: Duration = Duration::from_secs(30);

/// Starts server `name` (a child `giopbench load serve --server NAME` of
/// this executable) and reads its IOR (first line of its stdout).
pub fn start_server(name: &str) -> Result<ServerProcess, String> {
    let exe = std::env::current_exe().map_err(|e| e.to_string())?;
    start_server_with(&exe, name)
}

/// [`start_server`] with the `giopbench` executable `exe` (tests pass
/// `CARGO_BIN_EXE_giopbench`).
pub fn start_server_with(exe: &Path, name: &str) -> Result<ServerProcess, String> {
    if !matches!(name, "rust" | "rust-async" | "omniorb") {
        return Err(format!(
            "unknown server {name:?} (rust, rust-async, omniorb)"
        ));
    }
    let mut cmd = Command::new(exe);
    cmd.args(["load", "serve", "--server", name]);
    let child = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .map_err(|e| format!("start {name} server: {e}"))?;
    let mut proc = ServerProcess {
        name: name.to_owned(),
        child,
        addr: SocketAddr::from(([127, 0, 0, 1], 0)),
        object_key: Vec::new(),
    };
    let stdout = proc.child.stdout.take().ok_or("no stdout")?;
    // Bounded in time: a server that never prints its IOR is killed (by
    // `proc`'s drop, which also ends the reader thread with EOF).
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let mut line = String::new();
        let r = BufReader::new(stdout).read_line(&mut line).map(|_| line);
        let _ = tx.send(r);
    });
    let line = match rx.recv_timeout(IOR_TIMEOUT) {
        Ok(r) => r.map_err(|e| format!("{name} server: {e}"))?,
        Err(_) => return Err(format!("{name} server printed no IOR in {IOR_TIMEOUT:?}")),
    };
    let ior = Ior::from_ior_string(line.trim()).map_err(|e| format!("{name} server IOR: {e:?}"))?;
    let profile: IiopProfile = ior
        .iiop_profiles()
        .next()
        .ok_or("IOR without an IIOP profile")?
        .map_err(|e| format!("{e:?}"))?;
    if profile.host != "127.0.0.1" && profile.host != "localhost" {
        return Err(format!(
            "{name} server listens on {}, not loopback",
            profile.host
        ));
    }
    proc.addr = SocketAddr::from(([127, 0, 0, 1], profile.port));
    proc.object_key = profile.object_key.clone();
    Ok(proc)
}

fn run(args: &LoadArgs) -> Result<ExitCode, String> {
    let path = args.scenario.clone().unwrap_or_else(|| {
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("corpus/load/default.toml")
    });
    let mut s = Scenario::load(&path)?;
    if let Some(d) = &args.duration {
        s.with_duration(scenario::parse_duration(d).ok_or("bad --duration")?);
    }
    if let Some(d) = &args.scale_to {
        s.scale_to(scenario::parse_duration(d).ok_or("bad --scale-to")?);
    }
    s.thresholds.extend(args.threshold.iter().cloned());
    s.check()?;
    let soak = if args.duration.is_some() { 1 } else { 3 };
    let rounds = args.rounds.unwrap_or(soak).clamp(1, 100);
    let mut servers = Vec::new();
    for name in &args.servers {
        servers.push(start_server(name)?);
    }
    let mut results: Vec<ServerResult> =
        servers.iter().map(|p| ServerResult::new(&p.name)).collect();
    for round in 0..rounds {
        let mut order: Vec<usize> = (0..servers.len()).collect();
        if round % 2 == 1 {
            order.reverse();
        }
        for &i in &order {
            let r = run_round(&s, &servers[i], round)?;
            eprintln!(
                "round {round} {}: {} ok, {} errors, p95 {} µs",
                servers[i].name,
                r.ok,
                r.error_total(),
                r.latency.value_at_quantile(0.95)
            );
            results[i].rounds.push(r);
        }
    }
    drop(servers);
    let out = args.out.clone().unwrap_or_else(|| {
        let ts = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs())
            .unwrap_or(0);
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(format!("target/giopbench/load-{ts}"))
    });
    let report = report::Report::new(&s, results);
    let passed = report.write(&out, &path.display().to_string())?;
    Ok(if passed {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

fn run_round(s: &Scenario, server: &ServerProcess, round: usize) -> Result<RoundResult, String> {
    let mix = payload::prepare(s, &server.object_key)?;
    let pid = server.child.id();
    let baseline_rss = procmon::rss_kib(pid).unwrap_or(0);
    let stop = Arc::new(AtomicBool::new(false));
    let sampler = {
        let stop = Arc::clone(&stop);
        std::thread::spawn(move || procmon::sample(pid, Duration::from_millis(250), stop, 100_000))
    };
    let outcome = client::run(s, server.addr, &mix);
    stop.store(true, Ordering::Release);
    let samples = sampler.join().unwrap_or_default();
    Ok(RoundResult::from_outcome(
        round,
        outcome,
        baseline_rss,
        samples,
    ))
}
