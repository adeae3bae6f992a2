//! Instruction counts of the hot paths on every backend, with gungraun
//! (callgrind). gungraun ids cannot contain `/`, so the id
//! `{operation}/{backend}/{payload}` appears as group `{operation}`,
//! bench `{backend}_{payload}`; the same ids as criterion and `giopbench`.
//! Set-up (building values, preparing the backend) runs in gungraun's
//! `setup` and is not counted. Run: `cargo bench --bench instructions`
//! (needs `gungraun-runner`, installed by `ci/install-deps.sh`).

// Bench names carry the payload names (`long_64Ki_le`) unchanged.
#![allow(non_snake_case)]

use giopbench::prepared::{BenchId, Prepared};
use gungraun::{library_benchmark, library_benchmark_group, main, LibraryBenchmarkConfig};
use std::hint::black_box;

fn prepare(id: &str) -> Prepared {
    let bid = BenchId::parse(id).expect("valid id");
    let workloads =
        giopbench::load_workloads_for(&giopbench::default_manifest(), &bid).expect("corpus loads");
    let mut p = giopbench::run::prepare_one(&workloads, &bid).expect("id prepares");
    p.call().expect("first call"); // one-time initialisation stays out of the count
    p
}

fn call(mut p: Prepared) {
    black_box(p.call().expect("measured call"));
}

#[library_benchmark]
#[bench::rust_long_64Ki_le(args = ("encode_seq/rust/long_64Ki_le"), setup = prepare)]
#[bench::omniorb_long_64Ki_le(args = ("encode_seq/omniorb/long_64Ki_le"), setup = prepare)]
#[bench::ada_long_64Ki_le(args = ("encode_seq/ada/long_64Ki_le"), setup = prepare)]
#[bench::rust_long_64Ki_be(args = ("encode_seq/rust/long_64Ki_be"), setup = prepare)]
#[bench::omniorb_long_64Ki_be(args = ("encode_seq/omniorb/long_64Ki_be"), setup = prepare)]
#[bench::ada_long_64Ki_be(args = ("encode_seq/ada/long_64Ki_be"), setup = prepare)]
fn encode_seq(p: Prepared) {
    call(p)
}

#[library_benchmark]
#[bench::rust_long_64Ki_be(args = ("decode_seq/rust/long_64Ki_be"), setup = prepare)]
#[bench::omniorb_long_64Ki_be(args = ("decode_seq/omniorb/long_64Ki_be"), setup = prepare)]
#[bench::ada_long_64Ki_be(args = ("decode_seq/ada/long_64Ki_be"), setup = prepare)]
fn decode_seq(p: Prepared) {
    call(p)
}

#[library_benchmark]
#[bench::rust_record_x1000_le(args = ("encode_any/rust/record_x1000_le"), setup = prepare)]
#[bench::omniorb_record_x1000_le(args = ("encode_any/omniorb/record_x1000_le"), setup = prepare)]
#[bench::ada_record_x1000_le(args = ("encode_any/ada/record_x1000_le"), setup = prepare)]
fn encode_any(p: Prepared) {
    call(p)
}

#[library_benchmark]
#[bench::rust_record_x1000_le(args = ("decode_any/rust/record_x1000_le"), setup = prepare)]
#[bench::omniorb_record_x1000_le(args = ("decode_any/omniorb/record_x1000_le"), setup = prepare)]
#[bench::ada_record_x1000_le(args = ("decode_any/ada/record_x1000_le"), setup = prepare)]
fn decode_any(p: Prepared) {
    call(p)
}

#[library_benchmark]
#[bench::rust_node_recursive_le(args = ("encode_typecode/rust/node_recursive_le"), setup = prepare)]
#[bench::omniorb_node_recursive_le(args = ("encode_typecode/omniorb/node_recursive_le"), setup = prepare)]
#[bench::ada_node_recursive_le(args = ("encode_typecode/ada/node_recursive_le"), setup = prepare)]
#[bench::rust_wide50_le(args = ("encode_typecode/rust/wide50_le"), setup = prepare)]
#[bench::omniorb_wide50_le(args = ("encode_typecode/omniorb/wide50_le"), setup = prepare)]
#[bench::ada_wide50_le(args = ("encode_typecode/ada/wide50_le"), setup = prepare)]
fn encode_typecode(p: Prepared) {
    call(p)
}

#[library_benchmark]
#[bench::rust_node_recursive_le(args = ("decode_typecode/rust/node_recursive_le"), setup = prepare)]
#[bench::omniorb_node_recursive_le(args = ("decode_typecode/omniorb/node_recursive_le"), setup = prepare)]
#[bench::ada_node_recursive_le(args = ("decode_typecode/ada/node_recursive_le"), setup = prepare)]
#[bench::rust_wide50_le(args = ("decode_typecode/rust/wide50_le"), setup = prepare)]
#[bench::omniorb_wide50_le(args = ("decode_typecode/omniorb/wide50_le"), setup = prepare)]
#[bench::ada_wide50_le(args = ("decode_typecode/ada/wide50_le"), setup = prepare)]
fn decode_typecode(p: Prepared) {
    call(p)
}

#[library_benchmark]
#[bench::rust_record_x1000_le(args = ("encode_static/rust/record_x1000_le"), setup = prepare)]
#[bench::omniorb_record_x1000_le(args = ("encode_static/omniorb/record_x1000_le"), setup = prepare)]
#[bench::ada_record_x1000_le(args = ("encode_static/ada/record_x1000_le"), setup = prepare)]
fn encode_static(p: Prepared) {
    call(p)
}

#[library_benchmark]
#[bench::rust_giop12_2ctx_le(args = ("encode_request/rust/giop12_2ctx_le"), setup = prepare)]
fn encode_request(p: Prepared) {
    call(p)
}

library_benchmark_group!(
    name = hot_paths;
    benchmarks = encode_seq, decode_seq, encode_any, decode_any, encode_typecode, decode_typecode, encode_static, encode_request
);

main!(
    config = LibraryBenchmarkConfig::default()
        .env("GLIBC_TUNABLES", giopbench::measure::GLIBC_TUNABLES);
    library_benchmark_groups = hot_paths
);
