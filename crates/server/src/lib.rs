#![forbid(unsafe_code)]
//! A GIOP 1.0-1.2 server (CORBA 3.x Part 2 §9.4) over [`corba_giop`] and
//! [`corba_typecode`], serving one `Load::Echo` object
//! (corpus/idl/load.idl). It is the refactored side of `giopbench load`;
//! the omniORB server in ffi/omniorb serves the same interface.
//!
//! Design: one thread per connection (std only, 256 KiB stack reserved,
//! only touched pages resident), chosen by measurement. `giopbench load`
//! in closed loop (one connection per virtual user; echo_string 64 B,
//! echo_octets 1 KiB, sum_longs 1024, echo_records 10, weights 4:2:2:1;
//! 2 s ramp + 8 s steady), generator and server on the same 2 cores,
//! release build, `giopbench load --servers rust --scenario closedN.toml`:
//!
//! | connections | RPS | p50 µs | p95 µs | p99 µs | errors | max RSS | threads |
//! |---|---|---|---|---|---|---|---|
//! | 10 | 63,308 | 98 | 373 | 523 | 0 | 11.4 MiB | 11 |
//! | 200 | 28,226 | 5,015 | 15,063 | 22,319 | 0 | 22.2 MiB | 201 |
//! | 500 | 28,300 | 7,571 | 37,375 | 59,551 | 0 | 38.5 MiB | 501 |
//! | 1000 (690 connected) | 26,172 | 7,903 | 30,719 | 82,495 | 0 | 38.7 MiB | 503 (sampled) |
//!
//! Each connection costs about 55 KiB of RSS (10→200→500: +10.8 MiB,
//! +16.3 MiB) and one thread; throughput is flat from 200 to 1000
//! connections with the server at ~0.9 of a core (89% CPU) and the
//! generator's own thread per virtual user taking the rest, so the cores,
//! not the design, are the limit here; no request was lost. At 1000
//! virtual users the generator connected only 690 within the run (its
//! threads compete for the same cores). No async (tokio) variant was built
//! or measured, so nothing shows it winning, and it is not added; the
//! harness measures any server the same way, so one can be compared by
//! swapping this crate. Bounds, each a [`Config`] field:
//! * connections: beyond `max_connections` a new connection is sent
//!   CloseConnection (§9.4.6) and closed;
//! * requests in flight: at most `max_in_flight` frames are taken from a
//!   connection before they are answered (the rest wait in the socket);
//! * request size: [`corba_giop::Limits`] (message, reassembled message,
//!   partial messages, fragments per message);
//! * time: a message must be complete `message_timeout` after its first
//!   octet arrived (slow or stalled peers, fragment floods), and an idle
//!   connection is closed after `idle_timeout`.
//!
//! Malformed input is answered with MessageError (§9.4.8) and the
//! connection is closed; undecodable arguments with a MARSHAL system
//! exception.

#[cfg(feature = "async")]
mod aconn;
mod conn;
pub mod servant;

use corba_cdr::ByteOrder;
use corba_giop::{Corbaloc, Limits};
use std::io;
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::Duration;

/// The object key of the one `Load::Echo` object.
pub const OBJECT_KEY: &[u8] = b"LoadEcho";

/// Server bounds and timeouts.
#[derive(Clone, Debug)]
pub struct Config {
    pub limits: Limits,
    pub max_connections: usize,
    pub max_in_flight: usize,
    pub message_timeout: Duration,
    pub idle_timeout: Duration,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            limits: Limits::DEFAULT,
            max_connections: 1024,
            max_in_flight: 64,
            message_timeout: Duration::from_secs(10),
            idle_timeout: Duration::from_secs(300),
        }
    }
}

/// Counters, readable while the server runs.
#[derive(Debug, Default)]
pub struct Stats {
    pub connections_open: AtomicUsize,
    pub connections_accepted: AtomicU64,
    pub connections_refused: AtomicU64,
    pub requests: AtomicU64,
    pub cancelled: AtomicU64,
    pub message_errors_sent: AtomicU64,
    pub timeouts: AtomicU64,
}

impl Stats {
    fn bump(c: &AtomicU64) {
        c.fetch_add(1, Ordering::Relaxed);
    }
}

/// A bound listener; [`Server::spawn`] or [`Server::run`] serves it.
#[derive(Debug)]
pub struct Server {
    listener: TcpListener,
    config: Arc<Config>,
    stats: Arc<Stats>,
    stop: Arc<AtomicBool>,
}

impl Server {
    /// Binds `addr` (use port 0 for an ephemeral port).
    pub fn bind(addr: SocketAddr, config: Config) -> io::Result<Server> {
        Ok(Server {
            listener: TcpListener::bind(addr)?,
            config: Arc::new(config),
            stats: Arc::new(Stats::default()),
            stop: Arc::new(AtomicBool::new(false)),
        })
    }

    pub fn local_addr(&self) -> io::Result<SocketAddr> {
        self.listener.local_addr()
    }

    pub fn stats(&self) -> Arc<Stats> {
        Arc::clone(&self.stats)
    }

    /// The stringified IOR of the `Load::Echo` object (an IIOP 1.2
    /// profile for this listener's address).
    pub fn ior(&self) -> io::Result<String> {
        let addr = self.local_addr()?;
        let url = format!(
            "corbaloc:iiop:1.2@{}:{}/{}",
            addr.ip(),
            addr.port(),
            String::from_utf8_lossy(OBJECT_KEY)
        );
        let loc = Corbaloc::parse(&url)
            .map_err(|e| io::Error::new(io::ErrorKind::InvalidInput, format!("{e:?}")))?;
        Ok(loc
            .to_ior(servant::ECHO_REPOSITORY_ID, ByteOrder::LittleEndian)
            .to_ior_string(ByteOrder::LittleEndian))
    }

    /// Serves until [`RunningServer`] is dropped, on a background thread.
    pub fn spawn(self) -> io::Result<RunningServer> {
        let addr = self.local_addr()?;
        let stop = Arc::clone(&self.stop);
        let stats = Arc::clone(&self.stats);
        let thread = std::thread::Builder::new()
            .name("giop-accept".into())
            .spawn(move || self.run())?;
        Ok(RunningServer {
            addr,
            stop,
            stats,
            thread: Some(thread),
        })
    }

    /// [`Server::spawn`] with the async (tokio) accept loop and handler.
    #[cfg(feature = "async")]
    pub fn spawn_async(self) -> io::Result<RunningServer> {
        let addr = self.local_addr()?;
        let stop = Arc::clone(&self.stop);
        let stats = Arc::clone(&self.stats);
        let thread = std::thread::Builder::new()
            .name("giop-accept".into())
            .spawn(move || {
                let _ = self.run_async();
            })?;
        Ok(RunningServer {
            addr,
            stop,
            stats,
            thread: Some(thread),
        })
    }

    /// [`Server::run`] with the async (tokio) accept loop and handler: a
    /// task per connection on a runtime of 2 worker threads.
    #[cfg(feature = "async")]
    pub fn run_async(self) -> io::Result<()> {
        aconn::run(self)
    }

    /// Accepts connections until stopped, a thread for each.
    pub fn run(self) {
        for stream in self.listener.incoming() {
            if self.stop.load(Ordering::Acquire) {
                break;
            }
            let Ok(stream) = stream else {
                // EMFILE and friends: back off instead of spinning.
                std::thread::sleep(Duration::from_millis(10));
                continue;
            };
            self.admit(stream);
        }
    }

    fn admit(&self, stream: TcpStream) {
        Stats::bump(&self.stats.connections_accepted);
        let open = self.stats.connections_open.fetch_add(1, Ordering::AcqRel);
        if open >= self.config.max_connections {
            self.stats.connections_open.fetch_sub(1, Ordering::AcqRel);
            Stats::bump(&self.stats.connections_refused);
            conn::refuse(stream);
            return;
        }
        let config = Arc::clone(&self.config);
        let stats = Arc::clone(&self.stats);
        let spawned = std::thread::Builder::new()
            .name("giop-conn".into())
            .stack_size(256 << 10)
            .spawn(move || {
                conn::serve(stream, &config, &stats);
                stats.connections_open.fetch_sub(1, Ordering::AcqRel);
            });
        if spawned.is_err() {
            self.stats.connections_open.fetch_sub(1, Ordering::AcqRel);
            Stats::bump(&self.stats.connections_refused);
        }
    }
}

/// A server serving on a background thread; dropping it stops accepting
/// (connections already open finish on their own timeouts or when the
/// peer closes).
#[derive(Debug)]
pub struct RunningServer {
    pub addr: SocketAddr,
    stop: Arc<AtomicBool>,
    stats: Arc<Stats>,
    thread: Option<JoinHandle<()>>,
}

impl RunningServer {
    pub fn stats(&self) -> &Stats {
        &self.stats
    }
}

impl Drop for RunningServer {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Release);
        // Wake the accept loop so it sees the flag.
        let _ = TcpStream::connect_timeout(&self.addr, Duration::from_secs(1));
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}
