//! The client side that tests and `giopbench load faults` drive the server
//! with: a server on a free local port, a connection with a read timeout,
//! one `echo_string` Request, one whole GIOP message read back (§9.4.1: the
//! 12-octet header carries the message size).

use crate::{Config, RunningServer, Server};
use corba_cdr::{ByteOrder, GiopVersion, Writer};
use corba_giop::{Header, Limits, RequestBuilder};
use std::io::{self, Read};
use std::net::{SocketAddr, TcpStream};
use std::time::Duration;

/// A server on 127.0.0.1 (a free port) spawned by `spawn`
/// ([`Server::spawn`], or [`Server::spawn_async`] with feature `async`).
pub fn start_local(
    config: Config,
    spawn: fn(Server) -> io::Result<RunningServer>,
) -> RunningServer {
    let server =
        Server::bind(SocketAddr::from(([127, 0, 0, 1], 0)), config).expect("bind 127.0.0.1:0");
    spawn(server).expect("spawn the server")
}

/// A connection to `addr` whose reads give up after 5 s.
pub fn connect(addr: SocketAddr) -> TcpStream {
    let c = TcpStream::connect(addr).expect("connect");
    c.set_read_timeout(Some(Duration::from_secs(5)))
        .expect("set a read timeout");
    c
}

/// A GIOP 1.2 little-endian `echo_string` Request for `key`.
pub fn echo_request(key: &[u8], id: u32, s: &[u8]) -> Vec<u8> {
    RequestBuilder::new(
        GiopVersion::V1_2,
        ByteOrder::LittleEndian,
        id,
        key,
        "echo_string",
    )
    .encode_with(Vec::new(), |w: &mut Writer| w.write_string_bytes(s))
}

/// Reads one GIOP message (header-declared length, within
/// [`Limits::DEFAULT`], checked before the body is allocated).
pub fn read_message(c: &mut TcpStream) -> io::Result<Vec<u8>> {
    let mut h = [0u8; 12];
    c.read_exact(&mut h)?;
    let header =
        Header::parse(&h, &Limits::DEFAULT).map_err(|e| io::Error::other(format!("{e:?}")))?;
    let mut msg = h.to_vec();
    msg.resize(header.message_len(), 0);
    c.read_exact(&mut msg[12..])?;
    Ok(msg)
}
