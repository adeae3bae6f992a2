//! The async (tokio) variant of the accept loop and connection handler,
//! behind the `async` feature: the measured alternative to the
//! thread-per-connection design (see the crate docs). The per-message
//! logic is conn.rs's [`Session`]; only the socket I/O differs.

use crate::conn::{poll_interval, End, Session};
use crate::{Config, Server, Stats};
use corba_cdr::{ByteOrder, GiopVersion};
use corba_giop::{Header, MsgType};
use std::io;
use std::sync::atomic::Ordering;
use std::sync::Arc;
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::time::timeout;

/// Worker threads of the runtime (the machine measured has 2 cores).
const WORKERS: usize = 2;

/// Octets read from the socket at a time (smaller than the threaded
/// loop's: every connection's buffer stays allocated while it waits).
const READ_CHUNK: usize = 16 << 10;

/// Accepts and serves connections until stopped, on a tokio runtime with
/// [`WORKERS`] threads.
pub(crate) fn run(server: Server) -> io::Result<()> {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(WORKERS)
        .thread_name("giop-async")
        .enable_io()
        .enable_time()
        .build()?;
    server.listener.set_nonblocking(true)?;
    rt.block_on(async move {
        let listener = TcpListener::from_std(server.listener)?;
        loop {
            let accepted = listener.accept().await;
            if server.stop.load(Ordering::Acquire) {
                return Ok(());
            }
            let Ok((stream, _)) = accepted else {
                // EMFILE and friends: back off instead of spinning.
                tokio::time::sleep(Duration::from_millis(10)).await;
                continue;
            };
            admit(stream, &server.config, &server.stats);
        }
    })
}

fn admit(stream: TcpStream, config: &Arc<Config>, stats: &Arc<Stats>) {
    Stats::bump(&stats.connections_accepted);
    let open = stats.connections_open.fetch_add(1, Ordering::AcqRel);
    let config = Arc::clone(config);
    let stats = Arc::clone(stats);
    if open >= config.max_connections {
        stats.connections_open.fetch_sub(1, Ordering::AcqRel);
        Stats::bump(&stats.connections_refused);
        tokio::spawn(refuse(stream));
        return;
    }
    tokio::spawn(async move {
        serve(stream, &config, &stats).await;
        stats.connections_open.fetch_sub(1, Ordering::AcqRel);
    });
}

/// CloseConnection to a connection over the limit (§9.4.6).
async fn refuse(mut stream: TcpStream) {
    let close = Header::new(
        GiopVersion::V1_0,
        ByteOrder::BigEndian,
        MsgType::CLOSE_CONNECTION,
    );
    let _ = timeout(Duration::from_secs(1), stream.write_all(&close.to_bytes())).await;
    let _ = stream.shutdown().await;
}

async fn serve(mut stream: TcpStream, config: &Config, stats: &Stats) {
    let _ = stream.set_nodelay(true);
    let end = serve_until_end(&mut stream, config, stats).await;
    if let Some(bytes) = end.farewell(stats) {
        let _ = timeout(config.message_timeout, stream.write_all(&bytes)).await;
    }
    let _ = stream.shutdown().await;
}

async fn serve_until_end(stream: &mut TcpStream, config: &Config, stats: &Stats) -> End {
    let poll = poll_interval(config);
    let mut session = Session::new(config);
    let mut chunk = vec![0u8; READ_CHUNK];
    let mut replies = Vec::new();
    loop {
        match timeout(poll, stream.read(&mut chunk)).await {
            Ok(Ok(0)) => return End::Peer,
            Ok(Ok(n)) => session.feed(&chunk[..n]),
            Ok(Err(e)) if e.kind() == io::ErrorKind::Interrupted => {}
            Ok(Err(_)) => return End::Peer,
            // Nothing within the poll interval: check the timers.
            Err(_) => {}
        }
        let answered = session.answer_all(config, stats, &mut replies);
        if !replies.is_empty() {
            let written = timeout(config.message_timeout, stream.write_all(&replies)).await;
            if !matches!(written, Ok(Ok(()))) {
                return End::Peer;
            }
            replies.clear();
        }
        if let Err(end) = answered.and_then(|()| session.check_timers(config)) {
            return end;
        }
    }
}
