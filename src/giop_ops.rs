//! GIOP hot paths: they are message framing, not marshalling, so they are
//! not in the common operation set; the `rust` backend runs them through
//! `corba-giop`, and reassembly has a memcpy floor beside it.
//!
//! * `encode_request` — a Request with a 16-octet key, the CodeSets and
//!   BI_DIR_IIOP service contexts and a small body (a long and a string),
//!   into a reused buffer.
//! * `decode_reply` — parse a Reply and read its body (a long, a double).
//! * `reassemble` — a message of `count` octets split into 64 KiB
//!   fragments, through header checks and the reassembler.

use crate::prepared::{memcpy_of, BenchId, Operation, Prepared, MEMCPY};
use crate::workload::{Kind, Workload};
use corba_cdr::{CodeSetId, Encoding, Writer};
use corba_giop::fragment::split;
use corba_giop::{
    parse_reply, CodeSetContext, GiopMessage, Header, Limits, ListenPoint, Message, Pushed,
    Reassembler, Reply, ReplyStatus, Request, RequestBuilder, ServiceContext, TargetAddress,
    HEADER_LEN,
};
use std::hint::black_box;

const FRAGMENT: usize = 64 * 1024;
const KEY: [u8; 16] = *b"\xff\x00\x95\x04\x0a\x6b\x01\x00\x1e\x48\x00\x00\x00\x09\x00\x01";

fn e(x: impl std::fmt::Display) -> String {
    x.to_string()
}

/// `None` for workloads that are not GIOP ones.
pub fn prepare(w: &Workload, operation: Operation) -> Option<Result<Vec<Prepared>, String>> {
    let order = w.params.order;
    let version = w.params.giop;
    let id = |backend: &str| BenchId::new(operation, backend, &w.payload);
    Some(match w.kind {
        Kind::GiopRequest => {
            let sc = vec![
                ServiceContext::code_sets(
                    order,
                    CodeSetContext {
                        char_data: CodeSetId::ISO_8859_1,
                        wchar_data: CodeSetId::UTF_16,
                    },
                ),
                ServiceContext::bi_dir_iiop(
                    order,
                    &[ListenPoint {
                        host: "127.0.0.1".into(),
                        port: 2809,
                    }],
                ),
            ];
            let mut buf = Vec::with_capacity(256);
            let mut request_id = 0u32;
            let size = RequestBuilder::new(version, order, 0, &KEY, "echo_struct")
                .with_service_context(&sc)
                .encode_with(Vec::new(), |w| {
                    w.write_long(42);
                    w.write_string_bytes(b"hello");
                })
                .len();
            #[allow(unused_mut)]
            let mut ps = Vec::new();
            #[cfg(feature = "ada")]
            match ada::request(id("ada"), w, &sc) {
                Ok(p) => ps.push(p),
                Err(err) => return Some(Err(err)),
            }
            ps.insert(
                0,
                Prepared::new(
                    id("rust"),
                    size,
                    Box::new(move || {
                        request_id = request_id.wrapping_add(1);
                        let mut b =
                            RequestBuilder::new(version, order, request_id, &KEY, "echo_struct")
                                .with_service_context(&sc);
                        b.response_expected = true;
                        buf = b.encode_with(std::mem::take(&mut buf), |w| {
                            w.write_long(black_box(42));
                            w.write_string_bytes(black_box(b"hello"));
                        });
                        black_box(buf.len());
                        Ok(())
                    }),
                ),
            );
            Ok(ps)
        }
        Kind::GiopReply => reply_message(w).map(|bytes| {
            let limits = Limits::DEFAULT;
            let n = bytes.len();
            #[allow(unused_mut)]
            let mut ps = Vec::new();
            #[cfg(feature = "ada")]
            ps.push(ada::reply(id("ada"), bytes.clone()));
            ps.insert(
                0,
                Prepared::new(
                    id("rust"),
                    n,
                    Box::new(move || {
                        let v = parse_reply(black_box(&bytes), &limits).map_err(e)?;
                        let mut r = v.body_reader();
                        let a = r.read_long().map_err(e)?;
                        let d = r.read_double().map_err(e)?;
                        black_box((v.request_id, v.reply_status, a, d));
                        Ok(())
                    }),
                ),
            );
            ps
        }),
        Kind::Reassemble => reassembly(w, operation),
        _ => return None,
    })
}

fn reply_message(w: &Workload) -> Result<Vec<u8>, String> {
    let mut m = GiopMessage::new(
        w.params.giop,
        w.params.order,
        Message::Reply(Reply {
            request_id: 7,
            reply_status: ReplyStatus::NO_EXCEPTION,
            service_context: vec![],
            body: vec![0],
        }),
    );
    let off = m.body_offset().map_err(e)?;
    let mut bw = Writer::new(Encoding::new(w.params.order, w.params.giop)).with_origin(off);
    bw.write_long(42);
    bw.write_double(2.5);
    if let Message::Reply(r) = &mut m.message {
        r.body = bw.into_inner();
    }
    m.encode().map_err(e)
}

fn reassembly(w: &Workload, operation: Operation) -> Result<Vec<Prepared>, String> {
    let body: Vec<u8> = (0..w.count.saturating_sub(64)).map(|i| i as u8).collect();
    let msg = GiopMessage::new(
        w.params.giop,
        w.params.order,
        Message::Request(Request {
            request_id: 9,
            response_flags: 3,
            reserved: [0; 3],
            target: TargetAddress::Key(b"bench".to_vec()),
            operation: "put".into(),
            requesting_principal: vec![],
            service_context: vec![],
            body,
        }),
    )
    .encode()
    .map_err(e)?;
    let parts = split(&msg, FRAGMENT).map_err(e)?;
    let limits = Limits::DEFAULT;
    let total = msg.len();
    let mut ra = Reassembler::new(limits);
    let rust_parts = parts.clone();
    let rust = Prepared::new(
        BenchId::new(operation, "rust", &w.payload),
        total,
        Box::new(move || {
            for p in &rust_parts {
                let h = Header::parse(p, &limits).map_err(e)?;
                if let Pushed::Complete(v) = ra.push(&h, p).map_err(e)? {
                    if v.len() != total {
                        return Err(format!("reassembled {} octets, expected {total}", v.len()));
                    }
                    black_box(v.len());
                    // A connection hands the buffer back once the message
                    // is handled, as the reassembler's API intends.
                    ra.recycle(v);
                }
            }
            Ok(())
        }),
    );
    // The floor: the fragments' payloads copied into one buffer.
    let mut joined = Vec::with_capacity(total);
    joined.extend_from_slice(&parts[0]);
    for p in &parts[1..] {
        joined.extend_from_slice(&p[HEADER_LEN + 4..]);
    }
    let floor = memcpy_of(BenchId::new(operation, MEMCPY, &w.payload), joined);
    Ok(vec![rust, floor])
}

/// The Ada backend's GIOP rows. Its request encoder takes the arguments
/// already marshalled (prepared outside the measured call, where the Rust
/// row marshals its two arguments inside); its reply decoder parses the
/// header and copies the body out without reading it.
#[cfg(feature = "ada")]
mod ada {
    use super::*;

    pub(super) fn request(
        id: BenchId,
        w: &Workload,
        sc: &[ServiceContext],
    ) -> Result<Prepared, String> {
        let order = w.params.order;
        let mut body = Writer::new(Encoding::new(order, w.params.giop));
        body.write_long(42);
        body.write_string_bytes(b"hello");
        let mut req = legacy_ada::Request {
            request_id: 0,
            response_flags: 3,
            object_key: KEY.to_vec(),
            operation: "echo_struct".into(),
            service_contexts: sc.iter().map(|c| (c.id.0, c.data.clone())).collect(),
            service_context_count: 0,
            body: body.into_inner(),
        };
        let (flag, minor) = (order.flag(), w.params.giop.minor);
        let mut out = Vec::with_capacity(256);
        legacy_ada::giop_request_encode(&req, flag, minor, &mut out).map_err(e)?;
        let size = out.len();
        Ok(Prepared::new(
            id,
            size,
            Box::new(move || {
                req.request_id = req.request_id.wrapping_add(1);
                legacy_ada::giop_request_encode(&req, flag, minor, &mut out).map_err(e)?;
                black_box(out.len());
                Ok(())
            }),
        ))
    }

    pub(super) fn reply(id: BenchId, bytes: Vec<u8>) -> Prepared {
        let n = bytes.len();
        Prepared::new(
            id,
            n,
            Box::new(move || {
                let (r, _, _) = legacy_ada::giop_reply_decode(black_box(&bytes)).map_err(e)?;
                black_box((r.request_id, r.reply_status, r.body.len()));
                Ok(())
            }),
        )
    }
}
