//! The Ada backend beside the Rust one on the corpus workloads, through the
//! common operation set; ids `{operation}/{backend}/{payload}`. Preparation
//! (building each side's native value) is outside the measured region.
//! The workspace's side-by-side benches construct the Ada backend the same
//! way (`legacy_ada::AdaBackend::new()`).

use bench_ops::rust::RustBackend;
use bench_ops::{Backend, Case, Params, Subject};
use corba_cdr::{ByteOrder, GiopVersion};
use corba_typecode::{corpus, Any};
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use legacy_ada::AdaBackend;
use std::hint::black_box;

fn cases() -> Vec<(String, Case)> {
    let t = corpus::types();
    let p = |order| Params::new(order, GiopVersion::V1_2);
    let native = ByteOrder::NATIVE;
    let swapped = native.opposite();
    let longs: Vec<i32> = (0..65536).map(|i| i * 7 - 3).collect();
    let strings: Vec<String> = (0..1024).map(|i| format!("item-{i:05}")).collect();
    let records = corpus::record_seq(1000, 42);
    vec![
        (
            "seq_long_64Ki_native".into(),
            Case {
                subject: Subject::SeqLong(longs.clone()),
                params: p(native),
            },
        ),
        (
            "seq_long_64Ki_swapped".into(),
            Case {
                subject: Subject::SeqLong(longs),
                params: p(swapped),
            },
        ),
        (
            "seq_string_1Ki".into(),
            Case {
                subject: Subject::SeqString(strings),
                params: p(native),
            },
        ),
        (
            "typecode_node".into(),
            Case {
                subject: Subject::TypeCode(t.node.clone()),
                params: p(native),
            },
        ),
        (
            "typecode_wide50".into(),
            Case {
                subject: Subject::TypeCode(t.wide50.clone()),
                params: p(native),
            },
        ),
        (
            "any_record_x1000".into(),
            Case {
                subject: Subject::Any(Any {
                    tc: t.record_seq.clone(),
                    value: records.clone(),
                }),
                params: p(native),
            },
        ),
        (
            "static_record_x1000".into(),
            Case {
                subject: Subject::Static {
                    type_id: corpus::repo_id("RecordSeq"),
                    value: records,
                },
                params: p(native),
            },
        ),
    ]
}

fn bench(c: &mut Criterion) {
    let backends: [&dyn Backend; 2] = [&RustBackend::default(), &AdaBackend::new()];
    for (payload, case) in cases() {
        let reference = bench_ops::encode_once(&RustBackend::default(), &case)
            .expect("rust encodes every case");
        for op in ["encode", "decode"] {
            let mut g = c.benchmark_group(format!("{op}_{}", case.subject.family()));
            g.throughput(Throughput::Bytes(reference.len() as u64));
            for b in backends {
                let id = BenchmarkId::new(b.name(), &payload);
                if op == "encode" {
                    let Ok(mut e) = b.encoder(&case) else {
                        continue;
                    };
                    let mut out = Vec::new();
                    if e.encode(&mut out).is_err() {
                        continue;
                    }
                    g.bench_function(id, |bch| bch.iter(|| e.encode(black_box(&mut out))));
                } else {
                    let Ok(mut d) = b.decoder(&case) else {
                        continue;
                    };
                    if d.decode(&reference).is_err() {
                        continue;
                    }
                    g.bench_function(id, |bch| bch.iter(|| d.decode(black_box(&reference))));
                }
            }
            g.finish();
        }
    }
}

/// GIOP 1.2 Request encode (16-octet key, two service contexts, a small
/// body) and Reply decode, corba-giop beside the Ada backend.
fn giop(c: &mut Criterion) {
    use corba_giop::{
        GiopMessage, Limits, Message, Reply, ReplyStatus, Request, ServiceContext, ServiceId,
        TargetAddress,
    };
    let key = b"\xff\x00\x95\x04\x0a\x6b\x01\x00\x1e\x48\x00\x00\x00\x09\x00\x01".to_vec();
    let contexts = vec![
        (1u32, vec![1, 0, 0, 0, 1, 0, 1, 0, 9, 1, 1, 0]),
        (5, vec![1, 0, 0, 0, 1, 0, 0, 0]),
    ];
    let body = vec![0, 0, 0, 42, 0, 0, 0, 6, b'h', b'e', b'l', b'l', b'o', 0];
    let order = ByteOrder::LittleEndian;
    let sc: Vec<ServiceContext> = contexts
        .iter()
        .map(|(id, d)| ServiceContext {
            id: ServiceId(*id),
            data: d.clone(),
        })
        .collect();
    let rust_req = GiopMessage::new(
        GiopVersion::V1_2,
        order,
        Message::Request(Request {
            request_id: 7,
            response_flags: 3,
            reserved: [0; 3],
            target: TargetAddress::Key(key.clone()),
            operation: "echo_struct".into(),
            requesting_principal: Vec::new(),
            service_context: sc.clone(),
            body: body.clone(),
        }),
    );
    let ada_req = legacy_ada::Request {
        request_id: 7,
        response_flags: 3,
        object_key: key,
        operation: "echo_struct".into(),
        service_contexts: contexts,
        service_context_count: 0,
        body: body.clone(),
    };
    let mut out = Vec::new();
    let mut g = c.benchmark_group("encode_request");
    g.bench_function(BenchmarkId::new("rust", "giop12_2sc"), |b| {
        b.iter(|| rust_req.encode_into(black_box(&mut out)))
    });
    g.bench_function(BenchmarkId::new("ada", "giop12_2sc"), |b| {
        b.iter(|| legacy_ada::giop_request_encode(black_box(&ada_req), order.flag(), 2, &mut out))
    });
    g.finish();
    let reply = GiopMessage::new(
        GiopVersion::V1_2,
        order,
        Message::Reply(Reply {
            request_id: 7,
            reply_status: ReplyStatus(0),
            service_context: sc,
            body,
        }),
    )
    .encode()
    .expect("reply encodes");
    let mut g = c.benchmark_group("decode_reply");
    g.bench_function(BenchmarkId::new("rust", "giop12_2sc"), |b| {
        b.iter(|| GiopMessage::decode(black_box(&reply), &Limits::default()))
    });
    g.bench_function(BenchmarkId::new("ada", "giop12_2sc"), |b| {
        b.iter(|| legacy_ada::giop_reply_decode(black_box(&reply)))
    });
    g.finish();
}

criterion_group!(benches, bench, giop);
criterion_main!(benches);
