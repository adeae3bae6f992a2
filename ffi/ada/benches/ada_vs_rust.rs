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

criterion_group!(benches, bench);
criterion_main!(benches);
