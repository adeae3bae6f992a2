//! Faults against the Rust GIOP server (crates/server) while a well-behaved
//! client keeps calling: each fault must end in MessageError or a closed
//! connection, and the good client must see no error.

use corba_cdr::{ByteOrder, GiopVersion, Writer};
use corba_giop::{parse_reply, Header, Limits, MsgType, ReplyStatus, RequestBuilder};
use giop_server::probe::{self, read_message};
use giop_server::{Config, RunningServer, Server, OBJECT_KEY};
use giopbench::load::faults::{self, Response};
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};

fn start(config: Config) -> RunningServer {
    probe::start_local(config, Server::spawn)
}

fn echo_request(id: u32, s: &[u8]) -> Vec<u8> {
    probe::echo_request(OBJECT_KEY, id, s)
}

/// One echo call on a fresh connection; panics on any error.
fn good_call(addr: SocketAddr, id: u32) {
    let mut c = probe::connect(addr);
    c.write_all(&echo_request(id, b"still fine")).unwrap();
    let msg = read_message(&mut c).unwrap();
    let r = parse_reply(&msg, &Limits::DEFAULT).unwrap();
    assert_eq!(r.request_id, id);
    assert_eq!(r.reply_status, ReplyStatus::NO_EXCEPTION);
    assert_eq!(r.body_reader().read_string_bytes().unwrap(), b"still fine");
}

#[test]
fn garbage_header_gets_message_error_and_others_are_served() {
    let s = start(Config::default());
    let mut bad = TcpStream::connect(s.addr).unwrap();
    bad.write_all(b"HTTP/1.1 GET / junk junk junk").unwrap();
    let mut h = [0u8; 12];
    bad.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
    bad.read_exact(&mut h).unwrap();
    assert_eq!(&h[..4], b"GIOP");
    assert_eq!(h[7], MsgType::MESSAGE_ERROR.0, "MessageError (§9.4.8)");
    assert_eq!(
        bad.read(&mut h).unwrap_or(0),
        0,
        "then the connection is closed"
    );
    good_call(s.addr, 1);
    assert!(s.stats().message_errors_sent.load(Ordering::Relaxed) >= 1);
}

#[test]
fn oversized_header_is_refused_without_reading_the_body() {
    let s = start(Config::default());
    let mut bad = TcpStream::connect(s.addr).unwrap();
    let mut h = Header::new(GiopVersion::V1_2, ByteOrder::LittleEndian, MsgType::REQUEST);
    h.size = u32::MAX - 12; // 4 GiB declared, far over Limits::max_message_size
    bad.write_all(&h.to_bytes()).unwrap();
    let mut reply = [0u8; 12];
    bad.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
    bad.read_exact(&mut reply).unwrap();
    assert_eq!(reply[7], MsgType::MESSAGE_ERROR.0);
    good_call(s.addr, 2);
}

#[test]
fn disconnect_mid_message_leaves_the_server_serving() {
    let s = start(Config::default());
    for i in 0..20 {
        let mut c = TcpStream::connect(s.addr).unwrap();
        let req = echo_request(i, &[b'x'; 300]);
        c.write_all(&req[..req.len() / 2]).unwrap();
        drop(c);
    }
    good_call(s.addr, 3);
    let deadline = Instant::now() + Duration::from_secs(5);
    while s.stats().connections_open.load(Ordering::Relaxed) > 0 && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(10));
    }
    assert_eq!(
        s.stats().connections_open.load(Ordering::Relaxed),
        0,
        "every connection thread ended"
    );
}

#[test]
fn slow_client_is_cut_off_after_the_message_timeout() {
    let s = start(Config {
        message_timeout: Duration::from_millis(300),
        ..Config::default()
    });
    let mut slow = TcpStream::connect(s.addr).unwrap();
    let req = echo_request(9, b"slow");
    let started = Instant::now();
    let mut closed = false;
    // One octet every 50 ms (a byte a second, scaled down): the message
    // would take 2.5 s, the server allows 300 ms.
    for b in &req {
        if slow.write_all(&[*b]).is_err() {
            closed = true;
            break;
        }
        good_call(s.addr, 10);
        std::thread::sleep(Duration::from_millis(50));
        if started.elapsed() > Duration::from_secs(5) {
            break;
        }
    }
    if !closed {
        slow.set_read_timeout(Some(Duration::from_secs(2))).unwrap();
        let mut buf = [0u8; 16];
        closed = matches!(slow.read(&mut buf), Ok(0) | Err(_));
    }
    assert!(closed, "the slow connection was closed");
    assert!(s.stats().timeouts.load(Ordering::Relaxed) >= 1);
}

#[test]
fn fragment_flood_that_never_completes_is_bounded() {
    let limits = Limits {
        max_reassembled_size: 64 << 10,
        ..Limits::DEFAULT
    };
    let s = start(Config {
        limits,
        message_timeout: Duration::from_secs(2),
        ..Config::default()
    });
    // A Request with more_fragments set, then 1 KiB Fragments that keep
    // the flag forever (the library's fault, as `giopbench load faults`).
    let r = faults::fragment_flood(s.addr, OBJECT_KEY, 1000, Duration::from_secs(10)).unwrap();
    assert!(
        matches!(r, Response::MessageError | Response::Closed),
        "{r:?}"
    );
    good_call(s.addr, 11);
}

#[test]
fn many_connections_opened_and_dropped() {
    let s = start(Config::default());
    good_call(s.addr, 1);
    let rss_before = rss_kib();
    // 2,000 by default to stay in seconds; LOAD_FAULT_CONNECTIONS=10000
    // runs the figure.
    let n: usize = std::env::var("LOAD_FAULT_CONNECTIONS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(2000)
        .min(100_000);
    for _ in 0..n {
        let c = TcpStream::connect(s.addr).unwrap();
        drop(c);
    }
    let deadline = Instant::now() + Duration::from_secs(10);
    while s.stats().connections_open.load(Ordering::Relaxed) > 0 && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(20));
    }
    assert_eq!(s.stats().connections_open.load(Ordering::Relaxed), 0);
    good_call(s.addr, 2);
    let rss_after = rss_kib();
    // This test shares its process with the server: the RSS may grow by
    // allocator caches, not by one buffer per dropped connection
    // (2,000 x 64 KiB read buffers would be 125 MiB).
    eprintln!("{n} connections dropped: RSS {rss_before} -> {rss_after} KiB");
    assert!(
        rss_after < rss_before + 32 * 1024,
        "RSS {rss_before} -> {rss_after} KiB"
    );
}

#[test]
fn cancel_request_for_queued_requests_drops_them() {
    let s = start(Config::default());
    // Requests 1..=50 and a CancelRequest for every even one, in one write:
    // the server drops the cancelled ones it has not started and answers
    // the rest; either way no reply is wrong and the connection survives.
    let o = faults::cancel_queued(s.addr, OBJECT_KEY, Duration::from_secs(5)).unwrap();
    assert!(o.final_reply, "request 999 answered: {o:?}");
    assert_eq!(o.wrong_replies, 0, "{o:?}");
    for id in (1..=50u32).step_by(2) {
        assert!(
            o.answered.contains(&id),
            "request {id} was not cancelled and must be answered"
        );
    }
    assert!(o.correct(), "{o:?}");
    let cancelled = s.stats().cancelled.load(Ordering::Relaxed) as usize;
    assert_eq!(
        o.answered.len() + cancelled,
        50,
        "each request answered or cancelled, never both"
    );
}

#[test]
fn bad_arguments_get_marshal_and_unknown_operation_bad_operation() {
    let s = start(Config::default());
    let mut c = TcpStream::connect(s.addr).unwrap();
    c.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
    let bad_args = RequestBuilder::new(
        GiopVersion::V1_2,
        ByteOrder::BigEndian,
        1,
        OBJECT_KEY,
        "echo_string",
    )
    .encode_with(Vec::new(), |w: &mut Writer| w.write_ulong(1_000_000));
    c.write_all(&bad_args).unwrap();
    let msg = read_message(&mut c).unwrap();
    let r = parse_reply(&msg, &Limits::DEFAULT).unwrap();
    assert_eq!(r.reply_status, ReplyStatus::SYSTEM_EXCEPTION);
    assert_eq!(
        r.system_exception().unwrap().exception_id,
        "IDL:omg.org/CORBA/MARSHAL:1.0"
    );
    let unknown = RequestBuilder::new(
        GiopVersion::V1_0,
        ByteOrder::LittleEndian,
        2,
        OBJECT_KEY,
        "nope",
    )
    .encode(&[]);
    c.write_all(&unknown).unwrap();
    let msg = read_message(&mut c).unwrap();
    let r = parse_reply(&msg, &Limits::DEFAULT).unwrap();
    assert_eq!(
        r.system_exception().unwrap().exception_id,
        "IDL:omg.org/CORBA/BAD_OPERATION:1.0"
    );
}

fn rss_kib() -> u64 {
    giopbench::load::procmon::rss_kib(std::process::id()).unwrap_or(0)
}
