//! Every workload × operation × backend of the corpus, side by side:
//! criterion ids `{operation}/{backend}/{payload}` (the same ids as
//! `giopbench` and the gungraun benches). Filter as usual:
//! `cargo bench --bench side_by_side -- encode_any`.

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use giopbench::run::prepare_group;
use std::time::Duration;

fn side_by_side(c: &mut Criterion) {
    let workloads = match giopbench::load_workloads(&giopbench::default_manifest()) {
        Ok(w) => w,
        Err(e) => panic!("cannot load the corpus: {e}"),
    };
    let backends = giopbench::backends::all();
    for w in &workloads {
        for op in w.operations() {
            let mut g = prepare_group(w, op, &backends, None);
            for (id, why) in &g.skipped {
                eprintln!("{id}: not run: {why}");
            }
            let mut group = c.benchmark_group(op.as_str());
            group
                .warm_up_time(Duration::from_millis(500))
                .measurement_time(Duration::from_secs(2))
                .sample_size(20);
            for p in &mut g.prepared {
                group.throughput(Throughput::Bytes(p.bytes as u64));
                let id = BenchmarkId::new(p.id.backend.clone(), &p.id.payload);
                group.bench_function(id, |b| b.iter(|| p.call().expect("measured call")));
            }
            group.finish();
        }
    }
}

criterion_group!(benches, side_by_side);
criterion_main!(benches);
