//! GIOP interop on loopback (issue 5, item 5), both directions, GIOP 1.0,
//! 1.1 and 1.2; every connection and call is bounded in time.
//!
//! * omniORB client → Rust server: an omniORB DII request goes to a
//!   `corbaloc:iiop:1.X@127.0.0.1` reference served by a Rust GIOP endpoint
//!   started here (corba-giop for messages, corba-typecode for the
//!   arguments). Rust decodes the Request, answers with a changed value,
//!   and omniORB's decoded result is checked.
//! * Rust client → omniORB servant: a DSI servant in omniORB's RootPOA
//!   (endpoint on 127.0.0.1) publishes an IOR; Rust parses it, sends a
//!   Request in each GIOP version and both byte orders, and checks the
//!   Reply omniORB marshalled.

use corba_cdr::{ByteOrder, GiopVersion};
use corba_giop::{
    parse_reply, GiopMessage, Ior, Limits, Message, MessageReader, ReplyBuilder, ReplyStatus,
    RequestBuilder, TargetAddress,
};
use corba_typecode::gen::Rng;
use corba_typecode::{
    corpus, decode_value, encode_value, Any, DecodeOptions, EncodeOptions, TypeCode, Value,
};
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::mpsc;
use std::thread;
use std::time::Duration;

const KEY: &[u8] = b"giopbench";
const OP: &str = "bump";

/// What the Rust server saw.
#[derive(Debug)]
struct Seen {
    version: GiopVersion,
    order: ByteOrder,
    operation: String,
    key: Vec<u8>,
    arg: Value,
}

/// The server's answer: the record with its `id` (member 0) plus one.
fn bump(v: &Value) -> Value {
    let Value::Struct(ms) = v else {
        panic!("not a struct: {v:?}")
    };
    let mut ms = ms.clone();
    let Value::Long(id) = ms[0] else {
        panic!("id is not a long: {v:?}")
    };
    ms[0] = Value::Long(id.wrapping_add(1));
    Value::Struct(ms)
}

/// Serves one connection: every Request is answered (a Reply with
/// `bump(arg)`) until the peer closes or goes quiet for 10 s.
fn serve_one(listener: TcpListener, tc: TypeCode, seen: mpsc::Sender<Seen>) -> std::io::Result<()> {
    let (mut conn, _) = listener.accept()?;
    conn.set_read_timeout(Some(Duration::from_secs(10)))?;
    conn.set_write_timeout(Some(Duration::from_secs(10)))?;
    let mut reader = MessageReader::new(Limits::default());
    let mut buf = vec![0u8; 64 * 1024];
    loop {
        let n = match conn.read(&mut buf) {
            Ok(0) | Err(_) => return Ok(()),
            Ok(n) => n,
        };
        reader.feed(&buf[..n]);
        while let Some(frame) = reader.next_frame().map_err(std::io::Error::other)? {
            let msg = GiopMessage::decode(&frame.bytes, &Limits::default())
                .map_err(std::io::Error::other)?;
            match &msg.message {
                Message::Request(req) => {
                    let mut r = msg
                        .body_reader()
                        .map_err(std::io::Error::other)?
                        .expect("a request has a body");
                    let arg = decode_value(&mut r, &tc, &DecodeOptions::spec())
                        .map_err(std::io::Error::other)?;
                    let key = match &req.target {
                        TargetAddress::Key(k) => k.clone(),
                        other => panic!("target {other:?}"),
                    };
                    let answer = bump(&arg);
                    let _ = seen.send(Seen {
                        version: msg.version,
                        order: msg.order,
                        operation: req.operation.clone(),
                        key,
                        arg,
                    });
                    let reply = ReplyBuilder::new(
                        msg.version,
                        msg.order,
                        req.request_id,
                        ReplyStatus::NO_EXCEPTION,
                    )
                    .encode_with(Vec::new(), |w| {
                        encode_value(w, &tc, &answer, &EncodeOptions::spec()).expect("encodable")
                    });
                    conn.write_all(&reply)?;
                }
                Message::CloseConnection => return Ok(()),
                _ => {}
            }
        }
    }
}

fn one_call(version: GiopVersion, seed: u64) {
    let tc = corpus::types().record.clone();
    let value = corpus::record(&mut Rng::new(seed), seed as u32);
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let (tx, rx) = mpsc::channel();
    let server_tc = tc.clone();
    let server = thread::spawn(move || serve_one(listener, server_tc, tx));

    let reference = format!(
        "corbaloc:iiop:{}.{}@127.0.0.1:{port}/{}",
        version.major,
        version.minor,
        std::str::from_utf8(KEY).unwrap()
    );
    let arg = Any {
        tc: tc.clone(),
        value: value.clone(),
    };
    let result = legacy_omniorb::dii_call(&reference, OP, &arg, &tc);

    let seen = rx
        .recv_timeout(Duration::from_secs(15))
        .expect("the Rust server got a request");
    let result = result.unwrap_or_else(|e| panic!("GIOP {version}: omniORB call failed: {e}"));
    assert_eq!(
        seen.version, version,
        "omniORB used the corbaloc's GIOP version"
    );
    assert_eq!(seen.operation, OP);
    assert_eq!(seen.key, KEY);
    assert_eq!(
        seen.arg, value,
        "GIOP {version}: Rust decoded omniORB's request argument"
    );
    assert_eq!(
        result,
        bump(&value),
        "GIOP {version}: omniORB decoded Rust's reply"
    );
    eprintln!(
        "GIOP {version}: omniORB sent {:?}, request and reply agree",
        seen.order
    );
    // omniORB keeps the connection open; the server stops on its own
    // (close or 10 s of silence). Not joined: omniORB closes idle
    // connections only after its scan period.
    drop(server);
}

#[test]
fn omniorb_client_rust_server_giop_1_0() {
    one_call(GiopVersion::V1_0, 1);
}

#[test]
fn omniorb_client_rust_server_giop_1_1() {
    one_call(GiopVersion::V1_1, 2);
}

#[test]
fn omniorb_client_rust_server_giop_1_2() {
    one_call(GiopVersion::V1_2, 3);
}

#[test]
fn omniorb_client_rust_server_many_records() {
    for seed in 10..20 {
        one_call(GiopVersion::V1_2, seed);
    }
}

/// A connection refused is reported as an omniORB exception, not a hang.
#[test]
fn omniorb_client_unreachable_is_an_error() {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    drop(listener);
    let tc = corpus::types().record.clone();
    let arg = Any {
        value: corpus::record(&mut Rng::new(0), 0),
        tc: tc.clone(),
    };
    let r = legacy_omniorb::dii_call(
        &format!("corbaloc:iiop:1.2@127.0.0.1:{port}/x"),
        OP,
        &arg,
        &tc,
    );
    assert!(
        matches!(&r, Err(e) if e.to_string().contains("TRANSIENT")),
        "{r:?}"
    );
    let _ = TcpStream::connect(("127.0.0.1", port)).is_err();
}

/// Sends one Request to the omniORB servant and returns the decoded result.
fn rust_call(
    conn: &mut TcpStream,
    version: GiopVersion,
    order: ByteOrder,
    request_id: u32,
    key: &[u8],
    tc: &TypeCode,
    value: &Value,
) -> Value {
    let req = RequestBuilder::new(version, order, request_id, key, OP)
        .encode_with(Vec::new(), |w| {
            encode_value(w, tc, value, &EncodeOptions::spec()).expect("encodable")
        });
    conn.write_all(&req).unwrap();
    let mut reader = MessageReader::new(Limits::default());
    let mut buf = vec![0u8; 64 * 1024];
    loop {
        if let Some(frame) = reader.next_frame().unwrap() {
            let reply = parse_reply(&frame.bytes, &Limits::default()).unwrap();
            assert_eq!(reply.request_id, request_id);
            assert_eq!(
                reply.header.version, version,
                "omniORB replies in the request's version"
            );
            assert_eq!(
                reply.reply_status,
                ReplyStatus::NO_EXCEPTION,
                "GIOP {version} {order:?}: {:?}",
                reply.system_exception()
            );
            let mut r = reply.body_reader();
            let v = decode_value(&mut r, tc, &DecodeOptions::spec()).unwrap();
            r.finish().unwrap();
            return v;
        }
        let n = conn.read(&mut buf).expect("omniORB answers within 10 s");
        assert!(n > 0, "omniORB closed the connection");
        reader.feed(&buf[..n]);
    }
}

#[test]
fn rust_client_omniorb_servant_all_versions_and_orders() {
    let tc = corpus::types().record.clone();
    let server = legacy_omniorb::BumpServer::start(&tc).unwrap();
    let ior = Ior::from_ior_string(&server.ior()).unwrap();
    let profile = ior
        .iiop_profiles()
        .next()
        .expect("an IIOP profile")
        .unwrap();
    assert_eq!(profile.host, "127.0.0.1");
    let mut conn = TcpStream::connect((profile.host.as_str(), profile.port)).unwrap();
    conn.set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    conn.set_write_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    let mut id = 0;
    for version in GiopVersion::ALL {
        for order in [ByteOrder::BigEndian, ByteOrder::LittleEndian] {
            for seed in 0..3u64 {
                id += 1;
                let value = corpus::record(&mut Rng::new(seed + u64::from(id)), id);
                let got = rust_call(
                    &mut conn,
                    version,
                    order,
                    id,
                    &profile.object_key,
                    &tc,
                    &value,
                );
                assert_eq!(got, bump(&value), "GIOP {version} {order:?}");
            }
        }
    }
    assert_eq!(server.calls(), id);
    eprintln!("omniORB servant answered {id} Rust requests (GIOP 1.0-1.2, both orders)");
}
