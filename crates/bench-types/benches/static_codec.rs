//! The generated (static) marshalling against the TypeCode-driven
//! marshalling (compiled plans, through the one-shot API), on the same corpus values: criterion ids
//! `{operation}/{backend}/{payload}` with backends `rust-static` and
//! `rust-typecode`. `cargo bench -p bench-types --bench static_codec`.

use bench_types::{Bench, IdlType};
use corba_cdr::{ByteOrder, Encoding, GiopVersion, Reader, Writer};
use corba_typecode::{
    corpus, decode_value, encode_value, DecodeOptions, EncodeOptions, TypeCode, Value,
};
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use std::hint::black_box;
use std::time::Duration;

fn pair<T: IdlType>(c: &mut Criterion, payload: &str, tc: &TypeCode, value: &Value) {
    let enc = Encoding::new(ByteOrder::LittleEndian, GiopVersion::V1_2);
    let native = T::from_value(value).expect("corpus value fits the generated type");
    let bytes = native.to_bytes(enc).expect("encodes");
    let eopts = EncodeOptions::spec();
    let dopts = DecodeOptions::spec();
    let mut buf = Vec::with_capacity(bytes.len());

    let mut g = c.benchmark_group("encode");
    g.throughput(Throughput::Bytes(bytes.len() as u64))
        .warm_up_time(Duration::from_millis(300))
        .measurement_time(Duration::from_secs(2));
    g.bench_function(BenchmarkId::new("rust-static", payload), |b| {
        b.iter(|| {
            let mut w = Writer::into_buffer(std::mem::take(&mut buf), enc);
            black_box(&native).encode(&mut w).expect("encodes");
            buf = w.into_inner();
            black_box(buf.len())
        })
    });
    g.bench_function(BenchmarkId::new("rust-typecode", payload), |b| {
        b.iter(|| {
            let mut w = Writer::into_buffer(std::mem::take(&mut buf), enc);
            encode_value(&mut w, tc, black_box(value), &eopts).expect("encodes");
            buf = w.into_inner();
            black_box(buf.len())
        })
    });
    g.finish();

    let mut g = c.benchmark_group("decode");
    g.throughput(Throughput::Bytes(bytes.len() as u64))
        .warm_up_time(Duration::from_millis(300))
        .measurement_time(Duration::from_secs(2));
    g.bench_function(BenchmarkId::new("rust-static", payload), |b| {
        b.iter(|| T::decode(&mut Reader::new(black_box(&bytes), enc)).expect("decodes"))
    });
    g.bench_function(BenchmarkId::new("rust-typecode", payload), |b| {
        b.iter(|| {
            decode_value(&mut Reader::new(black_box(&bytes), enc), tc, &dopts).expect("decodes")
        })
    });
    g.finish();
}

fn static_codec(c: &mut Criterion) {
    let t = corpus::types();
    pair::<Bench::RecordSeq>(
        c,
        "RecordSeq-1000",
        &t.record_seq,
        &corpus::record_seq(1000, 7),
    );
    pair::<Bench::Wide50>(c, "Wide50", &t.wide50, &corpus::wide50(7));
    pair::<Bench::Node>(c, "Node-d6f3", &t.node, &corpus::node_tree(6, 3, 7));
}

criterion_group!(benches, static_codec);
criterion_main!(benches);
