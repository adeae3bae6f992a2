#!/usr/bin/env bash
# Short load run (well under 2 minutes): the default scenario scaled to 10 s
# against the Rust GIOP server, with the scenario's thresholds plus a
# lenient CI p95 (shared CI cores); the exit code is the thresholds' verdict.
# The fault scenarios are ordinary tests (tests/load_faults.rs).
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --bin giopbench
cargo test --test load_faults
./target/release/giopbench load --servers rust --scale-to 10s \
  --threshold "p99 < 50ms" --out target/giopbench/load-ci
