//! The instruction-count gate is only worth something if counts are
//! reproducible: the same binary, inputs and environment give the same
//! count, run after run.

use giopbench::measure::count_instructions;
use std::path::Path;

fn exe() -> &'static Path {
    Path::new(env!("CARGO_BIN_EXE_giopbench"))
}

#[test]
fn three_runs_of_the_same_build_count_the_same_instructions() {
    let manifest = giopbench::default_manifest();
    for id in [
        "encode_seq/rust/long_1Ki_be",
        "encode_typecode/rust/node_recursive_le",
    ] {
        let counts: Vec<f64> = (0..3)
            .map(|_| {
                count_instructions(exe(), id, 2, &manifest).unwrap_or_else(|e| panic!("{id}: {e}"))
            })
            .collect();
        assert!(counts[0] > 100.0, "{id}: implausible count {counts:?}");
        assert_eq!(counts[0], counts[1], "{id}: {counts:?}");
        assert_eq!(counts[1], counts[2], "{id}: {counts:?}");
    }
}

#[test]
fn counts_scale_with_the_work_measured() {
    // Only the measured loop is counted: set-up is outside, so twice the
    // elements cost clearly more and the 64 Ki payload far more.
    let manifest = giopbench::default_manifest();
    let small = count_instructions(exe(), "encode_seq/rust/long_1Ki_be", 2, &manifest).unwrap();
    let large = count_instructions(exe(), "encode_seq/rust/long_64Ki_be", 2, &manifest).unwrap();
    assert!(large > 20.0 * small, "1Ki: {small}, 64Ki: {large}");
}
