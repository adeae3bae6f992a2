//! A synthetic `Results` for the report's tests: two hot paths (one whose
//! gate fails and whose profile is allocation-bound, one that passes), with
//! latency samples, instruction profiles, allocations and flamegraphs, so
//! every part of the report is exercised without a benchmark run.

#![allow(dead_code)]

use giopbench::flame::{FnCost, Profile};
use giopbench::judge::{Evidence, GoalSpec, Headroom};
use giopbench::measure::{Allocations, Throughput};
use giopbench::noise::{Load, Noise};
use giopbench::prepared::{BenchId, Operation};
use giopbench::results::{Entry, Meta, Results};
use giopbench::stats::{cumulative_buckets, latency_of, BUCKETS_NS};
use giopbench::values::Rng;
use giopbench::workload::Class;

fn samples(seed: u64, centre: u64, n: usize) -> Vec<u64> {
    let mut r = Rng::new(seed);
    (0..n).map(|_| centre + r.below(centre / 5 + 1)).collect()
}

fn profile(total: f64, alloc: f64, hot: &str) -> Profile {
    Profile {
        total_per_op: total,
        exclusive: vec![
            FnCost {
                name: hot.into(),
                instructions_per_op: total * 0.4,
                pct: 40.0,
            },
            FnCost {
                name: "_int_malloc".into(),
                instructions_per_op: alloc,
                pct: alloc / total * 100.0,
            },
        ],
        inclusive: vec![FnCost {
            name: format!("{hot}_outer"),
            instructions_per_op: total * 0.9,
            pct: 90.0,
        }],
        copy_per_op: total * 0.05,
        alloc_per_op: alloc,
        validation_per_op: 0.0,
        calls_per_op: total / 80.0,
        calls_in_file: 0,
    }
}

fn entry(
    op: Operation,
    backend: &str,
    payload: &str,
    lat: &[u64],
    instr: f64,
    p: Profile,
) -> Entry {
    let mut e = Entry::new(BenchId::new(op, backend, payload), Class::Any, 4096);
    e.latency = latency_of(lat);
    e.latency_buckets = cumulative_buckets(lat, BUCKETS_NS);
    e.instructions = Some(instr);
    e.allocations = Some(Allocations {
        allocs_per_op: if backend == "rust" { 12.0 } else { 3.0 },
        bytes_per_op: 2048.0,
        peak_bytes: 8192,
        heap_growth_per_op: 0.0,
    });
    e.throughput = Some(Throughput {
        ns_per_op: lat[0] as f64,
        ops_per_s: 1e9 / lat[0] as f64,
        mb_per_s: 4096.0 / lat[0] as f64 * 1e3,
        batches: 10,
    });
    e.profile = Some(p);
    e.flamegraph = Some(format!(
        "flamegraphs/{}.svg",
        e.id.to_string().replace('/', "__")
    ));
    e
}

/// The synthetic results; `noisy` marks the machine busy in one group.
pub fn results(noisy: bool) -> Results {
    let mut entries = Vec::new();
    let mut judgements = Vec::new();
    for (i, (op, payload, base_ns, new_ns, base_ir, new_ir)) in [
        (
            Operation::DecodeAny,
            "record_x100_le",
            2000u64,
            2600u64,
            100_000.0,
            130_000.0,
        ),
        (
            Operation::EncodeTypecode,
            "record_le",
            3000,
            1000,
            60_000.0,
            20_000.0,
        ),
    ]
    .into_iter()
    .enumerate()
    {
        let b = samples(10 + i as u64, base_ns, 2000);
        let x = samples(20 + i as u64, new_ns, 2000);
        let alloc = if i == 0 { 0.35 * new_ir } else { 0.05 * new_ir };
        entries.push(entry(
            op,
            "omniorb",
            payload,
            &b,
            base_ir,
            profile(base_ir, 0.1 * base_ir, "tcParser::copy"),
        ));
        entries.push(entry(
            op,
            "rust",
            payload,
            &x,
            new_ir,
            profile(new_ir, alloc, "decode_value"),
        ));
        let evidence = Evidence::new(&format!("{op}/{payload}"), Class::Any, "omniorb", "rust")
            .goal(GoalSpec::default())
            .latency_samples(&b, &x);
        let headroom = evidence
            .p95_ratio
            .map(|iv| Headroom::speed_up(iv.ratio, 2.0, "omniorb"));
        judgements.push(
            evidence
                .instructions(Some(new_ir / base_ir))
                .headroom(headroom, None)
                .noisy(noisy && i == 0)
                .judge(),
        );
    }
    let load = Load {
        load1: 0.5,
        running: 1,
    };
    let meta = Meta {
        timestamp: "20261202T120000Z".into(),
        baseline: "fastest of omniorb per hot path".into(),
        refactored: "rust".into(),
        valgrind: "valgrind-3.19.0".into(),
        ..Meta::default()
    };
    let mut r = Results::new(meta, entries, judgements);
    r.noise = vec![Noise {
        group: "decode_any/*/record_x100_le".into(),
        before: load,
        after: load,
        other_cpu_cores: if noisy { 1.2 } else { 0.0 },
        steal_pct: 0.0,
        busy: noisy,
    }];
    r
}

/// Writes the report for `results(noisy)` into `dir`, with a small SVG for
/// every flamegraph the report links.
pub fn write_report(dir: &std::path::Path, noisy: bool) -> Results {
    let r = results(noisy);
    let mut flames = Vec::new();
    for e in &r.entries {
        if let Some(f) = &e.flamegraph {
            flames.push((e.id.to_string(), f.clone()));
        }
    }
    for j in &r.judgements {
        flames.push((
            format!("{}/diff", j.path),
            format!("flamegraphs/{}__diff.svg", j.path.replace('/', "__")),
        ));
    }
    std::fs::create_dir_all(dir.join("flamegraphs")).unwrap();
    for (id, f) in &flames {
        std::fs::write(
            dir.join(f),
            format!("<svg xmlns='http://www.w3.org/2000/svg' width='10' height='10'><title>{id}</title></svg>"),
        )
        .unwrap();
    }
    giopbench::run::write_outputs(&r, dir, &flames).unwrap();
    r
}
