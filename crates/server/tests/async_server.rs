//! The async (tokio) variant answers like the threaded one: echo_string,
//! MessageError to a garbage header, CloseConnection over the limit.
#![cfg(feature = "async")]

use corba_giop::{parse_reply, Limits, MsgType, ReplyStatus};
use giop_server::probe::{self, connect};
use giop_server::{Config, RunningServer, Server, OBJECT_KEY};
use std::io::{Read, Write};
use std::net::TcpStream;
use std::sync::atomic::Ordering;
use std::time::Duration;

fn start(config: Config) -> RunningServer {
    probe::start_local(config, Server::spawn_async)
}

fn echo_request(id: u32, s: &[u8]) -> Vec<u8> {
    probe::echo_request(OBJECT_KEY, id, s)
}

fn read_message(c: &mut TcpStream) -> Vec<u8> {
    probe::read_message(c).unwrap()
}

#[test]
fn async_server_echoes_strings_in_order_on_one_connection() {
    let s = start(Config::default());
    let mut c = connect(s.addr);
    // Two requests in one write: both answered, in order.
    let mut both = echo_request(7, b"first");
    both.extend_from_slice(&echo_request(8, b"second"));
    c.write_all(&both).unwrap();
    for (id, text) in [(7, &b"first"[..]), (8, b"second")] {
        let msg = read_message(&mut c);
        let r = parse_reply(&msg, &Limits::DEFAULT).unwrap();
        assert_eq!(r.request_id, id);
        assert_eq!(r.reply_status, ReplyStatus::NO_EXCEPTION);
        assert_eq!(r.body_reader().read_string_bytes().unwrap(), text);
    }
    assert_eq!(s.stats().requests.load(Ordering::Relaxed), 2);
}

#[test]
fn async_server_answers_garbage_header_with_message_error_and_closes() {
    let s = start(Config::default());
    let mut bad = connect(s.addr);
    bad.write_all(b"HTTP/1.1 GET / junk junk junk").unwrap();
    let mut h = [0u8; 12];
    bad.read_exact(&mut h).unwrap();
    assert_eq!(&h[..4], b"GIOP");
    assert_eq!(h[7], MsgType::MESSAGE_ERROR.0, "MessageError (§9.4.8)");
    assert_eq!(
        bad.read(&mut h).unwrap_or(0),
        0,
        "then the connection is closed"
    );
    // Others are still served.
    let mut c = connect(s.addr);
    c.write_all(&echo_request(1, b"still fine")).unwrap();
    let msg = read_message(&mut c);
    let r = parse_reply(&msg, &Limits::DEFAULT).unwrap();
    assert_eq!(r.body_reader().read_string_bytes().unwrap(), b"still fine");
    assert_eq!(s.stats().message_errors_sent.load(Ordering::Relaxed), 1);
}

#[test]
fn async_server_sends_close_connection_over_the_connection_limit() {
    let s = start(Config {
        max_connections: 1,
        ..Config::default()
    });
    let mut first = connect(s.addr);
    first.write_all(&echo_request(1, b"a")).unwrap();
    let _ = read_message(&mut first);
    let mut second = connect(s.addr);
    let mut h = [0u8; 12];
    second.read_exact(&mut h).unwrap();
    assert_eq!(
        h[7],
        MsgType::CLOSE_CONNECTION.0,
        "CloseConnection (§9.4.6)"
    );
    assert_eq!(s.stats().connections_refused.load(Ordering::Relaxed), 1);
}

#[test]
fn async_server_cuts_off_a_stalled_partial_message() {
    let s = start(Config {
        message_timeout: Duration::from_millis(200),
        ..Config::default()
    });
    let mut c = connect(s.addr);
    // Half a request, then nothing: closed after the message timeout.
    let req = echo_request(1, b"never finished");
    c.write_all(&req[..req.len() / 2]).unwrap();
    let mut buf = [0u8; 16];
    assert_eq!(c.read(&mut buf).unwrap_or(0), 0, "closed without a reply");
    assert_eq!(s.stats().timeouts.load(Ordering::Relaxed), 1);
}
