#!/usr/bin/env bash
# Short load run (well under 2 minutes): corpus/load/ci.toml (default.toml
# with a loose p95 for shared CI cores, errors < 0.1%) scaled to 10 s against
# BOTH servers, the omniORB baseline then the Rust GIOP server (about 25 s
# with startup); the exit code is the thresholds' verdict. The fault
# scenarios and the omniORB server's reply checks are ordinary tests
# (tests/load_faults.rs, tests/load_omniorb.rs).
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --bin giopbench
cargo test --test load_faults --test load_omniorb
./target/release/giopbench load --servers omniorb,rust --scenario corpus/load/ci.toml \
  --scale-to 10s --out target/giopbench/load-ci
