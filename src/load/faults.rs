//! `giopbench load faults`: faults under load (issue 13, item 3). For each
//! server and each fault a fresh server is started, a small closed-loop load
//! (the other clients) runs while one raw socket misbehaves, and the row
//! records the server's answer to the bad peer, the other clients' requests
//! and errors during the fault, and the server's RSS before, at its peak and
//! after. The raw-socket faults are public so that tests/load_faults.rs
//! drives the same code against an in-process server.
//!
//! Every loop is bounded in count and in time, every socket goes to
//! 127.0.0.1 and every server started is stopped (ServerProcess's drop).

use super::client::{self, ErrorKind};
use super::payload;
use super::procmon;
use super::scenario::{MixEntry, Mode, Scenario, Stage};
use super::{start_server, ServerProcess};
use corba_cdr::{ByteOrder, GiopVersion};
use corba_giop::{
    parse_reply, CancelRequest, GiopMessage, Header, Limits, Message, MsgType, ReplyStatus,
};
use serde::Serialize;
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// The faults, in table order.
pub const FAULTS: [&str; 7] = [
    "garbage header",
    "oversized header",
    "disconnect mid-message",
    "slow client",
    "fragment flood",
    "connection churn",
    "cancel queued requests",
];

/// RSS the server may keep after a fault over its RSS before it: thread
/// stacks touched once and allocator arenas that glibc keeps for reuse
/// after a burst of connections are not a leak; one buffer per dropped
/// connection (10,000 x 64 KiB = 625 MiB) or a kept fragment flood
/// (2 MiB and more) would exceed it.
pub const RSS_SLACK_KIB: u64 = 8 * 1024;

/// Connections opened and dropped by the churn fault (the figure).
pub const CHURN_CONNECTIONS: usize = 10_000;

/// What the server did to the misbehaving peer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub enum Response {
    /// A GIOP MessageError (§9.4.8), then (or not) a close.
    MessageError,
    /// The connection closed (EOF or reset) without a MessageError.
    Closed,
    /// Nothing within the bounded wait; the connection stayed open.
    NoAnswer(Duration),
    /// Something else was sent (a description).
    Other(String),
}

impl Response {
    pub fn text(&self) -> String {
        match self {
            Response::MessageError => "MessageError".into(),
            Response::Closed => "closed".into(),
            Response::NoAnswer(d) => format!("no answer within {:.1} s", d.as_secs_f64()),
            Response::Other(s) => s.clone(),
        }
    }
}

pub use giop_server::probe::{echo_request, read_message};

/// Waits at most `wait` for the server's answer on `c`: MessageError,
/// a close, nothing, or something else (at most 4 KiB read).
pub fn observe(c: &mut TcpStream, wait: Duration) -> Response {
    let deadline = Instant::now() + wait;
    let mut got = Vec::new();
    let mut buf = [0u8; 512];
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() || c.set_read_timeout(Some(left)).is_err() {
            return classify(&got, Response::NoAnswer(wait));
        }
        match c.read(&mut buf) {
            Ok(0) => return classify(&got, Response::Closed),
            Ok(n) => got.extend_from_slice(&buf[..n]),
            Err(e)
                if matches!(
                    e.kind(),
                    std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                ) =>
            {
                return classify(&got, Response::NoAnswer(wait));
            }
            Err(_) => return classify(&got, Response::Closed),
        }
        if got.len() >= 12 && &got[..4] == b"GIOP" && got[7] == MsgType::MESSAGE_ERROR.0 {
            return Response::MessageError;
        }
        if got.len() > 4096 {
            return Response::Other(format!("{} octets, no MessageError", got.len()));
        }
    }
}

fn classify(got: &[u8], otherwise: Response) -> Response {
    if got.is_empty() {
        otherwise
    } else if got.len() >= 12 && &got[..4] == b"GIOP" && got[7] == MsgType::MESSAGE_ERROR.0 {
        Response::MessageError
    } else {
        Response::Other(format!("{} octets, then {}", got.len(), otherwise.text()))
    }
}

fn connect(addr: SocketAddr) -> std::io::Result<TcpStream> {
    if !addr.ip().is_loopback() {
        return Err(std::io::Error::other("faults go to 127.0.0.1 only"));
    }
    let c = TcpStream::connect_timeout(&addr, Duration::from_secs(5))?;
    c.set_write_timeout(Some(Duration::from_secs(5)))?;
    Ok(c)
}

/// Not a GIOP header at all (bad magic).
pub fn garbage_header(addr: SocketAddr, wait: Duration) -> std::io::Result<Response> {
    let mut c = connect(addr)?;
    c.write_all(b"HTTP/1.1 GET / junk junk junk")?;
    Ok(observe(&mut c, wait))
}

/// A Request header declaring a 4 GiB body; the body never comes.
pub fn oversized_header(addr: SocketAddr, wait: Duration) -> std::io::Result<Response> {
    let mut c = connect(addr)?;
    let mut h = Header::new(GiopVersion::V1_2, ByteOrder::LittleEndian, MsgType::REQUEST);
    h.size = u32::MAX - 12;
    c.write_all(&h.to_bytes())?;
    Ok(observe(&mut c, wait))
}

/// `n` connections (at most 1,000) that send half a Request and vanish;
/// the last one half-closes instead, and its answer is returned.
pub fn disconnect_mid_message(
    addr: SocketAddr,
    key: &[u8],
    n: usize,
    wait: Duration,
) -> std::io::Result<Response> {
    let req = echo_request(key, 1, &[b'x'; 300]);
    for _ in 1..n.clamp(1, 1000) {
        let mut c = connect(addr)?;
        c.write_all(&req[..req.len() / 2])?;
    }
    let mut c = connect(addr)?;
    c.write_all(&req[..req.len() / 2])?;
    c.shutdown(std::net::Shutdown::Write)?;
    Ok(observe(&mut c, wait))
}

/// One octet of a Request every `every` for at most `window`; then a
/// final wait of `every`. The answer says when the server cut it off.
pub fn slow_client(
    addr: SocketAddr,
    key: &[u8],
    every: Duration,
    window: Duration,
) -> std::io::Result<Response> {
    let mut c = connect(addr)?;
    let req = echo_request(key, 9, b"slow");
    let start = Instant::now();
    for b in &req {
        if start.elapsed() >= window {
            break;
        }
        if c.write_all(&[*b]).is_err() {
            return Ok(Response::Closed);
        }
        // Each pause doubles as the wait for the server's answer.
        match observe(&mut c, every) {
            Response::NoAnswer(_) => {}
            r => return Ok(r),
        }
    }
    Ok(Response::NoAnswer(start.elapsed()))
}

/// A GIOP 1.2 Request with more_fragments set, then up to `max` Fragments
/// of 1 KiB (request id 7) that never end, for at most `window`.
pub fn fragment_flood(
    addr: SocketAddr,
    key: &[u8],
    max: usize,
    window: Duration,
) -> std::io::Result<Response> {
    let mut c = connect(addr)?;
    let mut first = echo_request(key, 7, b"start");
    first[6] |= corba_giop::FLAG_MORE_FRAGMENTS;
    c.write_all(&first)?;
    let mut frag = Header::new(
        GiopVersion::V1_2,
        ByteOrder::LittleEndian,
        MsgType::FRAGMENT,
    );
    frag.more_fragments = true;
    frag.size = 4 + 1024;
    let mut body = frag.to_bytes().to_vec();
    body.extend_from_slice(&7u32.to_le_bytes());
    body.extend_from_slice(&[0xAB; 1024]);
    let start = Instant::now();
    for _ in 0..max.min(100_000) {
        if start.elapsed() >= window || c.write_all(&body).is_err() {
            break;
        }
    }
    Ok(observe(&mut c, Duration::from_secs(2)))
}

/// Opens and drops `n` connections (at most 100,000) within `window`;
/// returns (opened, failed to open).
pub fn connection_churn(addr: SocketAddr, n: usize, window: Duration) -> (usize, usize) {
    let start = Instant::now();
    let (mut opened, mut failed) = (0, 0);
    for _ in 0..n.min(100_000) {
        if start.elapsed() >= window {
            break;
        }
        match connect(addr) {
            Ok(c) => {
                opened += 1;
                drop(c);
            }
            Err(_) => failed += 1,
        }
    }
    (opened, failed)
}

/// What the cancel fault saw: replies to the 50 queued requests (all
/// correct echoes) and whether every uncancelled one was answered.
#[derive(Clone, Debug, Serialize)]
pub struct CancelOutcome {
    pub answered: Vec<u32>,
    pub wrong_replies: usize,
    pub final_reply: bool,
}

/// Requests 1..=50 and a CancelRequest for every even one in one write,
/// then request 999; reads replies until 999's (bounded by `wait`).
pub fn cancel_queued(
    addr: SocketAddr,
    key: &[u8],
    wait: Duration,
) -> std::io::Result<CancelOutcome> {
    let mut c = connect(addr)?;
    let mut batch = Vec::new();
    for id in 1..=50u32 {
        batch.extend_from_slice(&echo_request(key, id, b"q"));
    }
    for id in (2..=50u32).step_by(2) {
        let m = GiopMessage::new(
            GiopVersion::V1_2,
            ByteOrder::LittleEndian,
            Message::CancelRequest(CancelRequest { request_id: id }),
        );
        batch.extend_from_slice(
            &m.encode()
                .map_err(|e| std::io::Error::other(format!("{e:?}")))?,
        );
    }
    batch.extend_from_slice(&echo_request(key, 999, b"q"));
    c.write_all(&batch)?;
    c.set_read_timeout(Some(wait))?;
    let deadline = Instant::now() + wait;
    let mut out = CancelOutcome {
        answered: Vec::new(),
        wrong_replies: 0,
        final_reply: false,
    };
    // 51 replies at most; a few more tolerated, then give up. A read
    // error (timeout, close) ends it.
    for _ in 0..64 {
        if Instant::now() >= deadline {
            break;
        }
        let Ok(msg) = read_message(&mut c) else {
            break;
        };
        let Ok(r) = parse_reply(&msg, &Limits::DEFAULT) else {
            out.wrong_replies += 1;
            continue;
        };
        let body_ok = r.reply_status == ReplyStatus::NO_EXCEPTION
            && r.body_reader().read_string_bytes().ok() == Some(&b"q"[..]);
        if !body_ok {
            out.wrong_replies += 1;
        }
        if r.request_id == 999 {
            // A server that dispatches a connection's requests in
            // parallel (omniORB's thread pool) may answer 999 before
            // earlier ones: drain what is left for at most 300 ms more.
            out.final_reply = true;
            c.set_read_timeout(Some(Duration::from_millis(300)))?;
            continue;
        }
        out.answered.push(r.request_id);
        if out.final_reply && out.answered.len() >= 50 {
            break;
        }
    }
    Ok(out)
}

impl CancelOutcome {
    /// The response column: answered / not answered, and what is wrong.
    pub fn text(&self) -> String {
        let n = self.answered.len().min(50);
        let mut t = format!("{n} of 50 answered, {} not (cancelled)", 50 - n);
        if self.correct() {
            t.push_str("; correct");
            return t;
        }
        let missing: Vec<u32> = (1..=50u32)
            .step_by(2)
            .filter(|id| !self.answered.contains(id))
            .collect();
        t.push_str(&format!(
            "; WRONG: uncancelled unanswered {missing:?}, {} wrong replies, request 999 {}",
            self.wrong_replies,
            if self.final_reply {
                "answered"
            } else {
                "unanswered"
            }
        ));
        t
    }

    /// Every odd (uncancelled) request answered, no reply wrong, no id
    /// answered twice, and the connection still served request 999.
    pub fn correct(&self) -> bool {
        let mut ids = self.answered.clone();
        ids.sort_unstable();
        ids.dedup();
        self.final_reply
            && self.wrong_replies == 0
            && ids.len() == self.answered.len()
            && (1..=50u32).step_by(2).all(|id| ids.contains(&id))
            && ids.iter().all(|id| (1..=50).contains(id))
    }
}

/// One row of the fault table.
#[derive(Clone, Debug, Serialize)]
pub struct FaultRow {
    pub server: String,
    pub fault: String,
    pub response: String,
    pub others_requests: u64,
    pub others_errors: u64,
    pub others_error_rate_percent: f64,
    /// The other clients' errors by kind (client.rs's names).
    pub others_errors_by_kind: std::collections::BTreeMap<String, u64>,
    pub rss_before_kib: u64,
    pub rss_peak_kib: u64,
    pub rss_after_kib: u64,
    pub fault_seconds: f64,
    pub pass: bool,
}

/// The other clients: 2 closed-loop virtual users calling echo_string
/// (64 octets) for `d`.
pub fn other_clients(d: Duration) -> Scenario {
    Scenario {
        name: "faults-background".into(),
        mode: Mode::Closed,
        connections: 2,
        giop: "1.2".into(),
        order: "le".into(),
        timeout: Duration::from_secs(2),
        stages: vec![Stage {
            duration: d,
            target: 2.0,
        }],
        mix: vec![MixEntry {
            op: "echo_string".into(),
            weight: 1,
            size: 64,
            seed: 1,
        }],
        thresholds: Vec::new(),
        windows: 0,
    }
}

/// Runs fault `fault` against `addr` (a server of key `key`) bounded by
/// `window`; returns the response column.
pub fn inject(fault: &str, addr: SocketAddr, key: &[u8], window: Duration) -> String {
    let r = match fault {
        "garbage header" => garbage_header(addr, window).map(|r| r.text()),
        "oversized header" => oversized_header(addr, window).map(|r| r.text()),
        "disconnect mid-message" => disconnect_mid_message(addr, key, 20, window)
            .map(|r| format!("20 dropped; {}", r.text())),
        "slow client" => {
            let t = Instant::now();
            slow_client(addr, key, Duration::from_secs(1), window).map(|r| match r {
                Response::NoAnswer(_) => format!("1 B/s: {}", r.text()),
                r => format!(
                    "1 B/s: {} after {:.1} s",
                    r.text(),
                    t.elapsed().as_secs_f64()
                ),
            })
        }
        "fragment flood" => fragment_flood(addr, key, 4096, window).map(|r| r.text()),
        "connection churn" => {
            // 10,000 within a time bound of 10 x the window (10..=60 s).
            let bound = (window * 10).clamp(Duration::from_secs(10), Duration::from_secs(60));
            let (opened, failed) = connection_churn(addr, CHURN_CONNECTIONS, bound);
            let cut = if opened + failed < CHURN_CONNECTIONS {
                format!(" (time bound {} s)", bound.as_secs())
            } else {
                String::new()
            };
            Ok(format!(
                "{opened} opened and dropped, {failed} refused{cut}"
            ))
        }
        "cancel queued requests" => {
            cancel_queued(addr, key, window.max(Duration::from_secs(2))).map(|o| o.text())
        }
        other => Ok(format!("unknown fault {other:?}")),
    };
    r.unwrap_or_else(|e| format!("fault not injected: {e}"))
}

/// One fault against one fresh server: warm-up, RSS before, fault under
/// load (the load runs in 1 s rounds until the fault ends, at most 90),
/// RSS after (polled for at most 2 s until within the slack).
pub fn run_fault(
    server: &ServerProcess,
    fault: &str,
    window: Duration,
) -> Result<FaultRow, String> {
    let mix = payload::prepare(&other_clients(Duration::from_secs(1)), &server.object_key)?;
    let pid = server.child.id();
    let _ = client::run(
        &other_clients(Duration::from_millis(300)),
        server.addr,
        &mix,
    );
    let rss_before = procmon::rss_kib(pid).unwrap_or(0);
    let stop = Arc::new(AtomicBool::new(false));
    let sampler = {
        let stop = Arc::clone(&stop);
        std::thread::spawn(move || procmon::sample(pid, Duration::from_millis(50), stop, 10_000))
    };
    let fault_done = Arc::new(AtomicBool::new(false));
    let (addr, key) = (server.addr, server.object_key.clone());
    let started = Instant::now();
    let injector = {
        let done = Arc::clone(&fault_done);
        let fault = fault.to_owned();
        std::thread::spawn(move || {
            // Let the other clients connect first.
            std::thread::sleep(Duration::from_millis(200));
            let r = inject(&fault, addr, &key, window);
            done.store(true, Ordering::Release);
            r
        })
    };
    let (mut requests, mut errors) = (0u64, 0u64);
    let mut by_kind = std::collections::BTreeMap::new();
    for _ in 0..90 {
        let o = client::run(&other_clients(Duration::from_secs(1)), server.addr, &mix);
        let e: u64 = ErrorKind::ALL
            .iter()
            .map(|k| o.errors.get(k).copied().unwrap_or(0))
            .sum();
        requests += o.ok + e;
        for (k, n) in &o.errors {
            *by_kind.entry(k.name().to_owned()).or_insert(0) += n;
        }
        // (closed mode counts a failed connect as a COMM_FAILURE error)
        errors += e;
        if fault_done.load(Ordering::Acquire) {
            break;
        }
    }
    let response = injector
        .join()
        .unwrap_or_else(|_| "fault thread panicked".into());
    let fault_seconds = started.elapsed().as_secs_f64();
    stop.store(true, Ordering::Release);
    let samples = sampler.join().unwrap_or_default();
    let mut rss_after = procmon::rss_kib(pid).unwrap_or(0);
    for _ in 0..20 {
        if rss_after <= rss_before + RSS_SLACK_KIB {
            break;
        }
        std::thread::sleep(Duration::from_millis(100));
        rss_after = procmon::rss_kib(pid).unwrap_or(0);
    }
    let rss_peak = samples
        .iter()
        .map(|s| s.rss_kib)
        .chain([rss_before, rss_after])
        .max()
        .unwrap_or(0);
    let rate = if requests == 0 {
        0.0
    } else {
        errors as f64 * 100.0 / requests as f64
    };
    Ok(FaultRow {
        server: server.name.clone(),
        fault: fault.to_owned(),
        response,
        others_requests: requests,
        others_errors: errors,
        others_error_rate_percent: rate,
        others_errors_by_kind: by_kind,
        rss_before_kib: rss_before,
        rss_peak_kib: rss_peak,
        rss_after_kib: rss_after,
        fault_seconds,
        pass: errors == 0 && requests > 0 && rss_after <= rss_before + RSS_SLACK_KIB,
    })
}

/// The Markdown fault table.
pub fn table(rows: &[FaultRow]) -> String {
    let mut t = String::from(
        "| server | fault | server's response | others' requests | others' errors | RSS before / peak / after (KiB) | verdict |\n\
         |---|---|---|---:|---:|---|---|\n",
    );
    for r in rows {
        t.push_str(&format!(
            "| {} | {} | {} | {} | {} ({:.3} %{}) | {} / {} / {} | {} |\n",
            r.server,
            r.fault,
            r.response,
            r.others_requests,
            r.others_errors,
            r.others_error_rate_percent,
            r.others_errors_by_kind
                .iter()
                .map(|(k, n)| format!(", {k} {n}"))
                .collect::<String>(),
            r.rss_before_kib,
            r.rss_peak_kib,
            r.rss_after_kib,
            if r.pass { "pass" } else { "FAIL" }
        ));
    }
    t.push_str(&format!(
        "\nverdict: pass = the other clients saw 0 errors and the RSS after is at most the RSS before + {} KiB.\n",
        RSS_SLACK_KIB
    ));
    t
}

/// `giopbench load faults`.
pub fn main(servers: &[String], seconds: u64, out: Option<&Path>) -> Result<ExitCode, String> {
    let window = Duration::from_secs(seconds.clamp(1, 60));
    let mut rows = Vec::new();
    for name in servers {
        for fault in FAULTS {
            let server = start_server(name)?;
            let row = run_fault(&server, fault, window)?;
            drop(server);
            eprintln!(
                "{name} / {fault}: {} ; others {} req, {} errors; RSS {} -> {} KiB",
                row.response,
                row.others_requests,
                row.others_errors,
                row.rss_before_kib,
                row.rss_after_kib
            );
            rows.push(row);
        }
    }
    let out: PathBuf = out.map(Path::to_path_buf).unwrap_or_else(|| {
        let ts = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs())
            .unwrap_or(0);
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(format!("target/giopbench/faults-{ts}"))
    });
    std::fs::create_dir_all(&out).map_err(|e| format!("{}: {e}", out.display()))?;
    let md = table(&rows);
    print!("{md}");
    std::fs::write(out.join("faults.md"), &md).map_err(|e| e.to_string())?;
    let json = serde_json::to_string_pretty(&rows).map_err(|e| e.to_string())?;
    std::fs::write(out.join("faults.json"), json).map_err(|e| e.to_string())?;
    Ok(if rows.iter().all(|r| r.pass) {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}
