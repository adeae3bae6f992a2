#!/usr/bin/env bash
# Short load run (well under 2 minutes): corpus/load/ci.toml (default.toml
# with a loose p95 for shared CI cores, errors < 0.1%) scaled to 5 s against
# BOTH servers, the omniORB baseline and the Rust GIOP server interleaved in
# 3 rounds (the fewest the goal and gate are judged on; about 35 s with
# startup); the exit code is the thresholds' verdict. The fault
# scenarios and the omniORB server's reply checks are ordinary tests
# (tests/load_faults.rs, tests/load_omniorb.rs).
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --bin giopbench
cargo test --test load_faults --test load_omniorb
./target/release/giopbench load --servers omniorb,rust --scenario corpus/load/ci.toml \
  --rounds 3 --scale-to 5s --out target/giopbench/load-ci
