#!/usr/bin/env bash
# The main job: installs what is missing, builds the harness in release
# mode, runs every workload on every backend side by side and writes the
# performance report. Extra arguments go to `giopbench run` (e.g. --quick,
# --filter encode_any).
set -euo pipefail
cd "$(dirname "$0")/.."
bash ci/install-deps.sh
cargo build --release --locked --bin giopbench
exec ./target/release/giopbench run "$@"
