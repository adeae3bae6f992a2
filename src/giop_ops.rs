//! GIOP hot paths: message framing, not marshalling, so they go through
//! `bench_ops::GiopBackend` (every registered backend that has GIOP, see
//! `backends::giop`) rather than `Backend`; reassembly is `corba-giop`'s
//! alone, with a memcpy floor beside it.
//!
//! * `encode_request` — a Request with a 16-octet key, the CodeSets and
//!   BI_DIR_IIOP service contexts and a small body (a long and a string),
//!   into a reused buffer.
//! * `decode_reply` — parse a Reply and read its body (a long, a double).
//! * `reassemble` — a message of `count` octets split into 64 KiB
//!   fragments, through header checks and the reassembler.

use crate::backends;
use crate::prepared::{memcpy_of, BenchId, Operation, Prepared, MEMCPY};
use crate::workload::{Kind, Workload};
use bench_ops::GiopRequest;
use corba_cdr::{CodeSetId, Encoding, Writer};
use corba_giop::fragment::split;
use corba_giop::{
    CodeSetContext, GiopMessage, Header, Limits, ListenPoint, Message, Pushed, Reassembler, Reply,
    ReplyStatus, Request, ServiceContext, TargetAddress, HEADER_LEN,
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
    let id = |backend: &str| BenchId::new(operation, backend, &w.payload);
    Some(match w.kind {
        Kind::GiopRequest => {
            let sc = [
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
            let req = GiopRequest {
                params: w.params,
                object_key: KEY.to_vec(),
                operation: "echo_struct".into(),
                service_contexts: sc.iter().map(|c| (c.id.0, c.data.clone())).collect(),
                arg_long: 42,
                arg_string: "hello".into(),
            };
            backends::giop()
                .iter()
                .map(|b| {
                    let mut enc = b.request_encoder(&req).map_err(e)?;
                    let mut out = Vec::with_capacity(256);
                    enc.encode(&mut out).map_err(e)?;
                    let size = out.len();
                    let run = move || {
                        enc.encode(&mut out).map_err(e)?;
                        black_box(out.len());
                        Ok(())
                    };
                    Ok(Prepared::new(id(b.name()), size, Box::new(run)))
                })
                .collect()
        }
        Kind::GiopReply => reply_message(w).and_then(|bytes| {
            let n = bytes.len();
            backends::giop()
                .iter()
                .map(|b| {
                    let mut dec = b.reply_decoder(w.params).map_err(e)?;
                    let bytes = bytes.clone();
                    let run = move || dec.decode(black_box(&bytes)).map_err(e);
                    Ok(Prepared::new(id(b.name()), n, Box::new(run)))
                })
                .collect()
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
