//! TypeCode and TypeCode-driven (Any) marshalling through the Rust crate.
//! Ids are `{operation}/{backend}/{payload}`:
//!
//! * `encode_typecode` / `decode_typecode` of the recursive `Bench::Node`
//!   (`recursive_node`) and the 50-member `Bench::Wide50` (`wide50`);
//! * `encode_any` / `decode_any` of a `Bench::RecordSeq` of 1,000 records
//!   (`record_x1000`) through the compiled plan (`rust`) and through the
//!   interpreter (`rust-interp`); `rust-nocache` decodes the TypeCode,
//!   compiles a plan and decodes with it (no TypeCode byte cache);
//! * `transcode_any` of the same bytes into the other byte order.
//!
//! Streams are little-endian GIOP 1.2 with omniORB's TypeCode options, like
//! the omniORB backend's. The TypeCodes come from `corba_typecode::corpus`
//! (built by hand, repository ids `IDL:giopbench.org/Bench/<Name>:1.0`).

use corba_cdr::{ByteOrder, Encoding, GiopVersion, Reader, Writer};
use corba_typecode::corpus::{self, types};
use corba_typecode::{
    decode_any, decode_typecode, encode_any, encode_typecode, transcode_any, Any, DecodeOptions,
    EncodeOptions, Plan, TcWriteOptions,
};
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use std::hint::black_box;

const ENC: Encoding = Encoding::new(ByteOrder::LittleEndian, GiopVersion::V1_2);

fn typecodes(c: &mut Criterion) {
    let t = types();
    let wo = TcWriteOptions::omniorb();
    let ro = DecodeOptions::omniorb();
    for (payload, tc) in [("recursive_node", &t.node), ("wide50", &t.wide50)] {
        let mut w = Writer::new(ENC);
        encode_typecode(&mut w, tc, &wo).expect("encode");
        let bytes = w.into_inner();

        let mut g = c.benchmark_group("encode_typecode");
        g.throughput(Throughput::Bytes(bytes.len() as u64));
        let mut buf = Vec::with_capacity(bytes.len());
        g.bench_function(BenchmarkId::new("rust", payload), |b| {
            b.iter(|| {
                let mut w = Writer::into_buffer(std::mem::take(&mut buf), ENC);
                encode_typecode(&mut w, black_box(tc), &wo).expect("encode");
                buf = w.into_inner();
            })
        });
        g.finish();

        let mut g = c.benchmark_group("decode_typecode");
        g.throughput(Throughput::Bytes(bytes.len() as u64));
        g.bench_function(BenchmarkId::new("rust", payload), |b| {
            b.iter(|| {
                let mut r = Reader::new(black_box(&bytes), ENC);
                decode_typecode(&mut r, &ro).expect("decode")
            })
        });
        g.finish();
    }
}

fn records(c: &mut Criterion) {
    let t = types();
    let payload = "record_x1000";
    let any = Any {
        tc: t.record_seq.clone(),
        value: corpus::record_seq(1000, 42),
    };
    let eo = EncodeOptions::omniorb();
    let ro = DecodeOptions::omniorb();
    let plan = Plan::compile_with(&any.tc, eo.typecode).expect("compile");
    let mut w = Writer::new(ENC);
    encode_any(&mut w, &any, &eo).expect("encode");
    let bytes = w.into_inner();

    let mut g = c.benchmark_group("encode_any");
    g.throughput(Throughput::Bytes(bytes.len() as u64));
    let mut buf = Vec::with_capacity(bytes.len());
    g.bench_function(BenchmarkId::new("rust", payload), |b| {
        b.iter(|| {
            let mut w = Writer::into_buffer(std::mem::take(&mut buf), ENC);
            plan.encode_any(&mut w, black_box(&any.value), &eo)
                .expect("encode");
            buf = w.into_inner();
        })
    });
    g.bench_function(BenchmarkId::new("rust-interp", payload), |b| {
        b.iter(|| {
            let mut w = Writer::into_buffer(std::mem::take(&mut buf), ENC);
            encode_any(&mut w, black_box(&any), &eo).expect("encode");
            buf = w.into_inner();
        })
    });
    g.finish();

    let mut g = c.benchmark_group("decode_any");
    g.throughput(Throughput::Bytes(bytes.len() as u64));
    g.bench_function(BenchmarkId::new("rust", payload), |b| {
        b.iter(|| {
            plan.decode_any(&mut Reader::new(black_box(&bytes), ENC), &ro)
                .expect("decode")
        })
    });
    g.bench_function(BenchmarkId::new("rust-nocache", payload), |b| {
        b.iter(|| {
            let mut r = Reader::new(black_box(&bytes), ENC);
            let tc = decode_typecode(&mut r, &ro).expect("tc");
            let p = Plan::compile(&tc).expect("compile");
            p.decode(&mut r, &ro).expect("decode")
        })
    });
    g.bench_function(BenchmarkId::new("rust-interp", payload), |b| {
        b.iter(|| decode_any(&mut Reader::new(black_box(&bytes), ENC), &ro).expect("decode"))
    });
    g.finish();

    let mut g = c.benchmark_group("transcode_any");
    g.throughput(Throughput::Bytes(bytes.len() as u64));
    let other = ENC.with_order(ByteOrder::BigEndian);
    g.bench_function(BenchmarkId::new("rust", payload), |b| {
        b.iter(|| {
            let mut w = Writer::into_buffer(std::mem::take(&mut buf), other);
            transcode_any(&mut Reader::new(black_box(&bytes), ENC), &mut w, &ro, &eo)
                .expect("transcode");
            buf = w.into_inner();
        })
    });
    g.finish();
}

criterion_group!(benches, typecodes, records);
criterion_main!(benches);
