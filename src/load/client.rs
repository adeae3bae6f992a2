//! The generator's connections: open loop (a sender on a schedule and a
//! receiver per connection, latency from the intended send time) and
//! closed loop (virtual users, one connection each).

use super::payload::Prepared;
use super::scenario::{Mode, Scenario};
use corba_giop::{parse_reply, Limits, MessageReader, MsgType, ReplyStatus};
use hdrhistogram::Histogram;
use std::collections::HashMap;
use std::io::{ErrorKind as IoKind, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Error kinds, as the report names them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ErrorKind {
    Timeout,
    CommFailure,
    MessageError,
    WrongReply,
    SystemException,
}

impl ErrorKind {
    pub const ALL: [ErrorKind; 5] = [
        ErrorKind::Timeout,
        ErrorKind::CommFailure,
        ErrorKind::MessageError,
        ErrorKind::WrongReply,
        ErrorKind::SystemException,
    ];
    pub fn name(self) -> &'static str {
        match self {
            ErrorKind::Timeout => "timeout",
            ErrorKind::CommFailure => "COMM_FAILURE",
            ErrorKind::MessageError => "MessageError",
            ErrorKind::WrongReply => "wrong reply",
            ErrorKind::SystemException => "system exception",
        }
    }
}

/// Time windows of a soak run: the latency of each reply is also recorded
/// in the window of its intended send time.
#[derive(Clone, Copy, Debug)]
pub struct Windows {
    pub start: Instant,
    pub len: Duration,
    /// 0: no windows.
    pub count: usize,
}

impl Windows {
    pub fn new(s: &Scenario, start: Instant) -> Windows {
        let count = s.windows.min(super::scenario::MAX_WINDOWS);
        Windows {
            start,
            len: s.duration() / count.max(1) as u32,
            count,
        }
    }

    /// The window `t` falls in (the last one for anything after the end).
    pub fn index(&self, t: Instant) -> Option<usize> {
        if self.count == 0 {
            return None;
        }
        let i = t.saturating_duration_since(self.start).as_secs_f64()
            / self.len.as_secs_f64().max(1e-9);
        Some((i as usize).min(self.count - 1))
    }
}

/// What one generator measured against one server.
#[derive(Debug)]
pub struct Outcome {
    /// Latency of correct replies, microseconds.
    pub latency: Histogram<u64>,
    /// The same latencies split by time window (soak mode; else empty).
    pub windows: Vec<Histogram<u64>>,
    pub clock: Windows,
    pub ok: u64,
    pub errors: HashMap<ErrorKind, u64>,
    pub connections_opened: u64,
    pub connections_failed: u64,
    pub elapsed: Duration,
}

impl Outcome {
    fn new(clock: Windows) -> Outcome {
        Outcome {
            latency: new_histogram(),
            windows: (0..clock.count).map(|_| new_histogram()).collect(),
            clock,
            ok: 0,
            errors: HashMap::new(),
            connections_opened: 0,
            connections_failed: 0,
            elapsed: Duration::ZERO,
        }
    }
    fn error(&mut self, k: ErrorKind, n: u64) {
        *self.errors.entry(k).or_default() += n;
    }
    fn absorb(&mut self, o: Outcome) {
        let _ = self.latency.add(&o.latency);
        for (w, o) in self.windows.iter_mut().zip(&o.windows) {
            let _ = w.add(o);
        }
        self.ok += o.ok;
        for (k, n) in o.errors {
            self.error(k, n);
        }
        self.connections_opened += o.connections_opened;
        self.connections_failed += o.connections_failed;
    }
}

/// 1 µs to 100 s, 3 significant digits.
pub fn new_histogram() -> Histogram<u64> {
    Histogram::new_with_bounds(1, 100_000_000, 3).expect("valid histogram bounds")
}

/// Requests outstanding on one connection before the sender counts new
/// ones as timeouts instead of queueing them without bound.
const MAX_OUTSTANDING: usize = 4096;

/// Picks mix entries by weight, deterministically (a weighted round robin).
struct Picker {
    order: Vec<usize>,
    next: usize,
}

impl Picker {
    fn new(mix: &[Prepared], offset: usize) -> Picker {
        let order: Vec<usize> = mix
            .iter()
            .enumerate()
            .flat_map(|(i, p)| std::iter::repeat_n(i, p.weight as usize))
            .collect();
        Picker {
            next: offset % order.len().max(1),
            order,
        }
    }
    fn pick(&mut self) -> usize {
        let i = self.order[self.next];
        self.next = (self.next + 1) % self.order.len();
        i
    }
}

/// Runs the scenario against `addr` once and returns what it measured.
pub fn run(s: &Scenario, addr: SocketAddr, mix: &[Prepared]) -> Outcome {
    let start = Instant::now();
    let clock = Windows::new(s, start);
    let mut total = Outcome::new(clock);
    let workers = match s.mode {
        Mode::Open => s.connections,
        Mode::Closed => s
            .stages
            .iter()
            .map(|st| st.target.ceil() as usize)
            .max()
            .unwrap_or(0)
            .min(super::scenario::MAX_CONNECTIONS),
    };
    std::thread::scope(|scope| {
        let handles: Vec<_> = (0..workers)
            .map(|i| {
                scope.spawn(move || match s.mode {
                    Mode::Open => open_connection(s, addr, mix, i, workers, clock),
                    Mode::Closed => virtual_user(s, addr, mix, i, clock),
                })
            })
            .collect();
        for h in handles {
            if let Ok(o) = h.join() {
                total.absorb(o);
            }
        }
    });
    total.elapsed = start.elapsed();
    total
}

fn connect(addr: SocketAddr, timeout: Duration) -> Option<TcpStream> {
    let s = TcpStream::connect_timeout(&addr, timeout).ok()?;
    let _ = s.set_nodelay(true);
    Some(s)
}

/// The pending requests of one open-loop connection: id -> (mix index,
/// intended send time).
type Pending = Arc<Mutex<HashMap<u32, (usize, Instant)>>>;

fn open_connection(
    s: &Scenario,
    addr: SocketAddr,
    mix: &[Prepared],
    index: usize,
    connections: usize,
    clock: Windows,
) -> Outcome {
    let mut out = Outcome::new(clock);
    let Some(stream) = connect(addr, s.timeout) else {
        out.connections_failed = 1;
        return out;
    };
    out.connections_opened = 1;
    let Ok(read_half) = stream.try_clone() else {
        out.connections_failed = 1;
        return out;
    };
    let pending: Pending = Arc::new(Mutex::new(HashMap::new()));
    let sending_done = Arc::new(AtomicBool::new(false));
    let recv = {
        let pending = Arc::clone(&pending);
        let done = Arc::clone(&sending_done);
        let timeout = s.timeout;
        let mix = mix.to_vec();
        std::thread::spawn(move || receive(read_half, &mix, &pending, &done, timeout, clock))
    };
    let sent_errors = send_on_schedule(s, stream, mix, index, connections, &pending);
    sending_done.store(true, Ordering::Release);
    if let Ok(r) = recv.join() {
        out.absorb(r);
    }
    for (k, n) in sent_errors {
        out.error(k, n);
    }
    out
}

/// Sends at the scenario's arrival rate (this connection's share), each
/// request at its intended time; a late sender does not push the schedule
/// back (no coordinated omission).
fn send_on_schedule(
    s: &Scenario,
    mut stream: TcpStream,
    mix: &[Prepared],
    index: usize,
    connections: usize,
    pending: &Pending,
) -> Vec<(ErrorKind, u64)> {
    let mut errors = Vec::new();
    let total = s.duration();
    let start = Instant::now();
    let mut picker = Picker::new(mix, index);
    let mut buf = Vec::new();
    // Stagger connections over the first interval.
    let mut t = Duration::from_secs_f64(index as f64 * 1e-4);
    let mut id: u32 = 0;
    let _ = stream.set_write_timeout(Some(s.timeout));
    // Arrivals are the integral of the (ramping) rate: a request is due
    // each time the accumulated credit reaches one.
    let mut credit = 0.0f64;
    while t < total {
        let rate = s.target_at(t) / connections as f64;
        let dt = if rate > 100.0 { 1.0 / rate } else { 0.01 };
        credit += rate * dt;
        t += Duration::from_secs_f64(dt);
        if credit < 1.0 {
            continue;
        }
        credit -= 1.0;
        let intended = start + t;
        let now = Instant::now();
        if intended > now {
            std::thread::sleep(intended - now);
        }
        let which = picker.pick();
        id = id.wrapping_add(1);
        {
            let mut p = pending.lock().unwrap_or_else(|e| e.into_inner());
            if p.len() >= MAX_OUTSTANDING {
                errors.push((ErrorKind::Timeout, 1));
                continue;
            }
            p.insert(id, (which, intended));
        }
        mix[which].request_with_id(id, &mut buf);
        if stream.write_all(&buf).is_err() {
            // Everything still unsent fails too; count what was scheduled.
            let left = remaining_sends(s, t, connections);
            errors.push((ErrorKind::CommFailure, 1 + left));
            pending
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .remove(&id);
            break;
        }
    }
    errors
}

/// Requests the schedule still holds after `t` (to count them as failed
/// when the connection is lost).
fn remaining_sends(s: &Scenario, mut t: Duration, connections: usize) -> u64 {
    let mut credit = 0.0f64;
    let total = s.duration();
    let mut steps = 0u64;
    while t < total && steps < 100_000_000 {
        let rate = s.target_at(t) / connections as f64;
        let dt = if rate > 100.0 { 1.0 / rate } else { 0.01 };
        credit += rate * dt;
        t += Duration::from_secs_f64(dt);
        steps += 1;
    }
    credit as u64
}

/// Reads replies until the sender is done and nothing is pending (or the
/// last pending request timed out).
fn receive(
    mut stream: TcpStream,
    mix: &[Prepared],
    pending: &Pending,
    sending_done: &AtomicBool,
    timeout: Duration,
    clock: Windows,
) -> Outcome {
    let mut out = Outcome::new(clock);
    let mut reader = MessageReader::new(Limits::DEFAULT);
    let mut chunk = vec![0u8; 64 << 10];
    let _ = stream.set_read_timeout(Some(Duration::from_millis(20)));
    let mut broken = false;
    loop {
        if !broken {
            match stream.read(&mut chunk) {
                Ok(0) => broken = true,
                Ok(n) => reader.feed(&chunk[..n]),
                Err(e) if matches!(e.kind(), IoKind::WouldBlock | IoKind::TimedOut) => {}
                Err(_) => broken = true,
            }
        }
        loop {
            match reader.next_frame() {
                Ok(Some(f)) => {
                    let now = Instant::now();
                    if f.header.msg_type == MsgType::MESSAGE_ERROR {
                        out.error(ErrorKind::MessageError, 1);
                        broken = true;
                        break;
                    }
                    judge_reply(&f.bytes, mix, pending, now, &mut out);
                    reader.recycle(f.bytes);
                }
                Ok(None) => break,
                Err(_) => {
                    out.error(ErrorKind::CommFailure, 1);
                    broken = true;
                    break;
                }
            }
        }
        let now = Instant::now();
        let mut p = pending.lock().unwrap_or_else(|e| e.into_inner());
        let before = p.len();
        p.retain(|_, (_, intended)| broken || now.duration_since(*intended) < timeout);
        let expired = (before - p.len()) as u64;
        if expired > 0 {
            out.error(
                if broken {
                    ErrorKind::CommFailure
                } else {
                    ErrorKind::Timeout
                },
                expired,
            );
        }
        if sending_done.load(Ordering::Acquire) && p.is_empty() {
            return out;
        }
        drop(p);
        if broken {
            std::thread::sleep(Duration::from_millis(5));
        }
    }
}

fn judge_reply(msg: &[u8], mix: &[Prepared], pending: &Pending, now: Instant, out: &mut Outcome) {
    let Ok(reply) = parse_reply(msg, &Limits::DEFAULT) else {
        out.error(ErrorKind::WrongReply, 1);
        return;
    };
    let entry = pending
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .remove(&reply.request_id);
    // A reply to a request already counted as timed out is not counted again.
    let Some((which, intended)) = entry else {
        return;
    };
    if reply.reply_status == ReplyStatus::SYSTEM_EXCEPTION {
        out.error(ErrorKind::SystemException, 1);
        return;
    }
    if reply.reply_status != ReplyStatus::NO_EXCEPTION
        || !mix[which].reply_is_correct(&mut reply.body_reader())
    {
        out.error(ErrorKind::WrongReply, 1);
        return;
    }
    let us = now.duration_since(intended).as_micros().max(1) as u64;
    let us = us.min(100_000_000);
    let _ = out.latency.record(us);
    if let Some(w) = out.clock.index(intended) {
        let _ = out.windows[w].record(us);
    }
    out.ok += 1;
}

/// A closed-loop virtual user: active while the stage target exceeds its
/// index; sends, waits for the reply (at most the timeout), repeats.
fn virtual_user(
    s: &Scenario,
    addr: SocketAddr,
    mix: &[Prepared],
    index: usize,
    clock: Windows,
) -> Outcome {
    let start = clock.start;
    let mut out = Outcome::new(clock);
    let total = s.duration();
    let mut picker = Picker::new(mix, index);
    let mut conn: Option<(TcpStream, MessageReader)> = None;
    let mut buf = Vec::new();
    let mut chunk = vec![0u8; 64 << 10];
    let mut id: u32 = 0;
    while start.elapsed() < total {
        if s.target_at(start.elapsed()) <= index as f64 {
            std::thread::sleep(Duration::from_millis(5));
            continue;
        }
        if conn.is_none() {
            match connect(addr, s.timeout) {
                Some(c) => {
                    let _ = c.set_read_timeout(Some(s.timeout));
                    let _ = c.set_write_timeout(Some(s.timeout));
                    out.connections_opened += 1;
                    conn = Some((c, MessageReader::new(Limits::DEFAULT)));
                }
                None => {
                    out.connections_failed += 1;
                    out.error(ErrorKind::CommFailure, 1);
                    std::thread::sleep(Duration::from_millis(50));
                    continue;
                }
            }
        }
        let Some((stream, reader)) = conn.as_mut() else {
            continue;
        };
        let which = picker.pick();
        id = id.wrapping_add(1);
        mix[which].request_with_id(id, &mut buf);
        let sent = Instant::now();
        let pending: Pending = Arc::new(Mutex::new(HashMap::from([(id, (which, sent))])));
        if stream.write_all(&buf).is_err() {
            out.error(ErrorKind::CommFailure, 1);
            conn = None;
            continue;
        }
        let got = loop {
            match reader.next_frame() {
                Ok(Some(f)) => break Ok(f),
                Ok(None) => {}
                Err(_) => break Err(ErrorKind::CommFailure),
            }
            if sent.elapsed() > s.timeout {
                break Err(ErrorKind::Timeout);
            }
            match stream.read(&mut chunk) {
                Ok(0) => break Err(ErrorKind::CommFailure),
                Ok(n) => reader.feed(&chunk[..n]),
                Err(e) if matches!(e.kind(), IoKind::WouldBlock | IoKind::TimedOut) => {
                    break Err(ErrorKind::Timeout)
                }
                Err(_) => break Err(ErrorKind::CommFailure),
            }
        };
        match got {
            Ok(f) if f.header.msg_type == MsgType::MESSAGE_ERROR => {
                out.error(ErrorKind::MessageError, 1);
                conn = None;
            }
            Ok(f) => judge_reply(&f.bytes, mix, &pending, Instant::now(), &mut out),
            Err(k) => {
                out.error(k, 1);
                conn = None;
            }
        }
    }
    out
}
