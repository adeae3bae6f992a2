//! Bulk primitive sequences through the Rust CDR core, beside a plain copy
//! of the same bytes. Ids are `{operation}/{backend}/{payload}`.

use corba_cdr::{ByteOrder, Encoding, GiopVersion, Primitive, Reader, Writer};
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use std::hint::black_box;

fn payload_name(elem: &str, n: usize, order: ByteOrder) -> String {
    let o = match order {
        ByteOrder::BigEndian => "be",
        ByteOrder::LittleEndian => "le",
    };
    format!("seq_{elem}_{}Ki_{o}", n / 1024)
}

fn bench_type<T: Primitive>(c: &mut Criterion, elem: &str, make: fn(usize) -> T) {
    for n in [1024usize, 65536] {
        let values: Vec<T> = (0..n).map(make).collect();
        for order in [ByteOrder::LittleEndian, ByteOrder::BigEndian] {
            let enc = Encoding::new(order, GiopVersion::V1_2);
            let payload = payload_name(elem, n, order);
            let mut w = Writer::new(enc);
            w.write_sequence(&values);
            let bytes = w.into_inner();

            let mut g = c.benchmark_group("encode");
            g.throughput(Throughput::Bytes(bytes.len() as u64));
            let mut buf = Vec::with_capacity(bytes.len());
            g.bench_function(BenchmarkId::new("rust", &payload), |b| {
                b.iter(|| {
                    let mut w = Writer::into_buffer(std::mem::take(&mut buf), enc);
                    w.write_sequence(black_box(&values));
                    buf = w.into_inner();
                })
            });
            let mut dst = Vec::with_capacity(bytes.len());
            g.bench_function(BenchmarkId::new("memcpy", &payload), |b| {
                b.iter(|| {
                    dst.clear();
                    dst.extend_from_slice(black_box(&bytes));
                })
            });
            g.finish();

            let mut g = c.benchmark_group("decode");
            g.throughput(Throughput::Bytes(bytes.len() as u64));
            let mut out: Vec<T> = Vec::with_capacity(n);
            g.bench_function(BenchmarkId::new("rust", &payload), |b| {
                b.iter(|| {
                    let mut r = Reader::new(black_box(&bytes), enc);
                    out.clear();
                    let count = r.read_count(T::SIZE).expect("count");
                    r.read_slice_into(count, &mut out).expect("elements");
                })
            });
            let mut dst = Vec::with_capacity(bytes.len());
            g.bench_function(BenchmarkId::new("memcpy", &payload), |b| {
                b.iter(|| {
                    dst.clear();
                    dst.extend_from_slice(black_box(&bytes));
                })
            });
            g.finish();
        }
    }
}

fn sequences(c: &mut Criterion) {
    bench_type::<i32>(c, "long", |i| {
        (i as i32).wrapping_mul(2_654_435_761u32 as i32)
    });
    bench_type::<f64>(c, "double", |i| i as f64 * 0.5);
    bench_type::<u8>(c, "octet", |i| i as u8);
}

criterion_group!(benches, sequences);
criterion_main!(benches);
