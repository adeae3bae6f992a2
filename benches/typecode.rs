//! TypeCode and TypeCode-driven (Any) marshalling through the Rust crate,
//! on the workloads of `corpus/workloads.toml`. Ids are
//! `{operation}/{backend}/{payload}` with the manifest's payloads:
//!
//! * `encode_typecode` / `decode_typecode` of every `typecode` workload
//!   (`node_recursive_le`, `wide50_le`);
//! * `encode_any` / `decode_any` of every `any` workload in little-endian
//!   (`record_x1000_le`) through the compiled plan (`rust`); `rust-nocache`
//!   decodes the TypeCode, compiles a plan and decodes with it (no
//!   TypeCode byte cache);
//! * `transcode_any` of the same bytes into the other byte order.
//!
//! Streams use each workload's GIOP version and byte order with omniORB's
//! TypeCode options, like the omniORB backend's.

use bench_ops::Subject;
use corba_cdr::{ByteOrder, Encoding, Reader, Writer};
use corba_typecode::{
    decode_typecode, encode_any, encode_typecode, transcode_any, DecodeOptions, EncodeOptions,
    Plan, TcWriteOptions,
};
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use giopbench::prepared::Operation;
use giopbench::workload::{Kind, Workload};
use std::hint::black_box;

fn workloads(kind: Kind) -> Vec<Workload> {
    let all = giopbench::load_workloads(&giopbench::default_manifest()).expect("corpus loads");
    all.into_iter().filter(|w| w.kind == kind).collect()
}

fn encoding(w: &Workload) -> Encoding {
    Encoding::new(w.params.order, w.params.giop)
}

fn typecodes(c: &mut Criterion) {
    let wo = TcWriteOptions::omniorb();
    let ro = DecodeOptions::omniorb();
    for wl in workloads(Kind::Typecode) {
        let Some(Subject::TypeCode(tc)) = &wl.subject else {
            continue;
        };
        let (payload, enc) = (wl.payload.as_str(), encoding(&wl));
        let mut w = Writer::new(enc);
        encode_typecode(&mut w, tc, &wo).expect("encode");
        let bytes = w.into_inner();

        let mut g = c.benchmark_group(Operation::EncodeTypecode.as_str());
        g.throughput(Throughput::Bytes(bytes.len() as u64));
        let mut buf = Vec::with_capacity(bytes.len());
        g.bench_function(BenchmarkId::new("rust", payload), |b| {
            b.iter(|| {
                let mut w = Writer::into_buffer(std::mem::take(&mut buf), enc);
                encode_typecode(&mut w, black_box(tc), &wo).expect("encode");
                buf = w.into_inner();
            })
        });
        g.finish();

        let mut g = c.benchmark_group(Operation::DecodeTypecode.as_str());
        g.throughput(Throughput::Bytes(bytes.len() as u64));
        g.bench_function(BenchmarkId::new("rust", payload), |b| {
            b.iter(|| {
                let mut r = Reader::new(black_box(&bytes), enc);
                decode_typecode(&mut r, &ro).expect("decode")
            })
        });
        g.finish();
    }
}

fn records(c: &mut Criterion) {
    for wl in workloads(Kind::Any) {
        if wl.params.order == ByteOrder::LittleEndian {
            records_of(c, &wl);
        }
    }
}

fn records_of(c: &mut Criterion, wl: &Workload) {
    let Some(Subject::Any(any)) = &wl.subject else {
        return;
    };
    let (payload, enc) = (wl.payload.as_str(), encoding(wl));
    let eo = EncodeOptions::omniorb();
    let ro = DecodeOptions::omniorb();
    let plan = Plan::compile_with(&any.tc, eo.typecode).expect("compile");
    let mut w = Writer::new(enc);
    encode_any(&mut w, any, &eo).expect("encode");
    let bytes = w.into_inner();

    let mut g = c.benchmark_group(Operation::EncodeAny.as_str());
    g.throughput(Throughput::Bytes(bytes.len() as u64));
    let mut buf = Vec::with_capacity(bytes.len());
    g.bench_function(BenchmarkId::new("rust", payload), |b| {
        b.iter(|| {
            let mut w = Writer::into_buffer(std::mem::take(&mut buf), enc);
            plan.encode_any(&mut w, black_box(&any.value), &eo)
                .expect("encode");
            buf = w.into_inner();
        })
    });
    g.finish();

    let mut g = c.benchmark_group(Operation::DecodeAny.as_str());
    g.throughput(Throughput::Bytes(bytes.len() as u64));
    g.bench_function(BenchmarkId::new("rust", payload), |b| {
        b.iter(|| {
            plan.decode_any(&mut Reader::new(black_box(&bytes), enc), &ro)
                .expect("decode")
        })
    });
    g.bench_function(BenchmarkId::new("rust-nocache", payload), |b| {
        b.iter(|| {
            let mut r = Reader::new(black_box(&bytes), enc);
            let tc = decode_typecode(&mut r, &ro).expect("tc");
            let p = Plan::compile(&tc).expect("compile");
            p.decode(&mut r, &ro).expect("decode")
        })
    });
    g.finish();

    let mut g = c.benchmark_group(Operation::TranscodeAny.as_str());
    g.throughput(Throughput::Bytes(bytes.len() as u64));
    let other = enc.with_order(ByteOrder::BigEndian);
    g.bench_function(BenchmarkId::new("rust", payload), |b| {
        b.iter(|| {
            let mut w = Writer::into_buffer(std::mem::take(&mut buf), other);
            transcode_any(&mut Reader::new(black_box(&bytes), enc), &mut w, &ro, &eo)
                .expect("transcode");
            buf = w.into_inner();
        })
    });
    g.finish();
}

criterion_group!(benches, typecodes, records);
criterion_main!(benches);
