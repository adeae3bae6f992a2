#!/usr/bin/env bash
# CI's instruction-count gate, reduced to fit CI's time: the rust backend's
# hot paths, built without the legacy backends, against the parent commit.
# Fails (exit 1) when a hot path's instruction count grows by more than 5%.
set -euo pipefail
cd "$(dirname "$0")/.."
base="${1:-HEAD~1}"
if ! git rev-parse --verify --quiet "$base^{commit}" >/dev/null; then
    echo "gate: no $base to compare against; skipped"
    exit 0
fi
cargo build --release --locked --no-default-features --bin giopbench
./target/release/giopbench compare --base "$base" --rust-only --filter /rust/ --threshold 5 --iterations 2
