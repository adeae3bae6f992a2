//! GIOP hot paths (issue 4). Ids are `{operation}/{backend}/{payload}`:
//!
//! * `encode_request/rust/giop12_2ctx` — a GIOP 1.2 Request: 16-octet key,
//!   operation name, CodeSets and BI_DIR_IIOP service contexts, a small
//!   body (a long and a short string), into a reused buffer.
//! * `decode_reply/rust/giop12` — parse a GIOP 1.2 Reply (no service
//!   context, a long and a double in the body) and read its body.
//! * `reassemble/rust/1MiB_64KiB` — a 1 MiB GIOP 1.2 Request arriving as
//!   64 KiB fragments, through the header check and the reassembler, to
//!   the whole message.
//!   The reassembled buffer is given back (`Reassembler::recycle`) after
//!   each message, as a connection loop does.
//! * `reassemble/memcpy/1MiB_64KiB` — the floor for the row above: copy the
//!   same octets into one reused buffer.

use corba_cdr::{ByteOrder, CodeSetId, GiopVersion};
use corba_giop::fragment::split;
use corba_giop::{
    parse_reply, CodeSetContext, GiopMessage, Header, Limits, ListenPoint, Message, Pushed,
    Reassembler, Reply, ReplyStatus, Request, RequestBuilder, ServiceContext, TargetAddress,
    HEADER_LEN,
};
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use std::hint::black_box;

const LE: ByteOrder = ByteOrder::LittleEndian;

fn encode_request(c: &mut Criterion) {
    let key = *b"\xff\x00\x95\x04\x0a\x6b\x01\x00\x1e\x48\x00\x00\x00\x09\x00\x01";
    let sc = [
        ServiceContext::code_sets(
            LE,
            CodeSetContext {
                char_data: CodeSetId::ISO_8859_1,
                wchar_data: CodeSetId::UTF_16,
            },
        ),
        ServiceContext::bi_dir_iiop(
            LE,
            &[ListenPoint {
                host: "127.0.0.1".into(),
                port: 2809,
            }],
        ),
    ];
    let b = RequestBuilder::new(GiopVersion::V1_2, LE, 0, &key, "echo_struct")
        .with_service_context(&sc);
    let sample = b.encode_with(Vec::new(), |w| {
        w.write_long(42);
        w.write_string_bytes(b"hello");
    });
    let mut g = c.benchmark_group("encode_request");
    g.throughput(Throughput::Bytes(sample.len() as u64));
    let mut buf = Vec::with_capacity(256);
    let mut id = 0u32;
    g.bench_function(BenchmarkId::new("rust", "giop12_2ctx"), |bench| {
        bench.iter(|| {
            id = id.wrapping_add(1);
            let mut rb = black_box(b);
            rb.request_id = id;
            buf = rb.encode_with(std::mem::take(&mut buf), |w| {
                w.write_long(black_box(42));
                w.write_string_bytes(black_box(b"hello"));
            });
            black_box(buf.len());
        })
    });
    g.finish();
}

fn decode_reply(c: &mut Criterion) {
    let mut m = GiopMessage::new(
        GiopVersion::V1_2,
        LE,
        Message::Reply(Reply {
            request_id: 7,
            reply_status: ReplyStatus::NO_EXCEPTION,
            service_context: vec![],
            body: vec![0],
        }),
    );
    let off = m.body_offset().unwrap();
    let mut w =
        corba_cdr::Writer::new(corba_cdr::Encoding::new(LE, GiopVersion::V1_2)).with_origin(off);
    w.write_long(42);
    w.write_double(2.5);
    if let Message::Reply(r) = &mut m.message {
        r.body = w.into_inner();
    }
    let bytes = m.encode().unwrap();
    let limits = Limits::DEFAULT;
    let mut g = c.benchmark_group("decode_reply");
    g.throughput(Throughput::Bytes(bytes.len() as u64));
    g.bench_function(BenchmarkId::new("rust", "giop12"), |bench| {
        bench.iter(|| {
            let v = parse_reply(black_box(&bytes), &limits).unwrap();
            let mut r = v.body_reader();
            let a = r.read_long().unwrap();
            let d = r.read_double().unwrap();
            black_box((v.request_id, v.reply_status, a, d));
        })
    });
    g.finish();
}

fn reassemble(c: &mut Criterion) {
    let body: Vec<u8> = (0..(1usize << 20) - 64).map(|i| i as u8).collect();
    let msg = GiopMessage::new(
        GiopVersion::V1_2,
        LE,
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
    .unwrap();
    let parts = split(&msg, 64 * 1024).unwrap();
    let limits = Limits::DEFAULT;
    // Check once that reassembly gives the message back.
    {
        let mut ra = Reassembler::new(limits);
        let mut out = None;
        for p in &parts {
            let h = Header::parse(p, &limits).unwrap();
            if let Pushed::Complete(v) = ra.push(&h, p).unwrap() {
                out = Some(v);
            }
        }
        assert!(out.unwrap() == msg);
    }
    let mut g = c.benchmark_group("reassemble");
    g.throughput(Throughput::Bytes(msg.len() as u64));
    let payload = "1MiB_64KiB";
    let mut ra = Reassembler::new(limits);
    g.bench_function(BenchmarkId::new("rust", payload), |bench| {
        bench.iter(|| {
            let mut out = None;
            for p in black_box(&parts) {
                let h = Header::parse(p, &limits).unwrap();
                if let Pushed::Complete(v) = ra.push(&h, p).unwrap() {
                    out = Some(v);
                }
            }
            let out = out.unwrap();
            black_box(out.len());
            // A connection loop gives the buffer back once the message is
            // handled; the memcpy row reuses its buffer the same way.
            ra.recycle(out);
        })
    });
    let mut dst = Vec::with_capacity(msg.len());
    g.bench_function(BenchmarkId::new("memcpy", payload), |bench| {
        bench.iter(|| {
            let parts = black_box(&parts);
            dst.clear();
            dst.extend_from_slice(&parts[0]);
            for p in &parts[1..] {
                dst.extend_from_slice(&p[HEADER_LEN + 4..]);
            }
            black_box(dst.len());
        })
    });
    g.finish();
}

criterion_group!(benches, encode_request, decode_reply, reassemble);
criterion_main!(benches);
