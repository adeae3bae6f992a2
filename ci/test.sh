#!/usr/bin/env bash
# The project's test command: installs what is missing, then runs formatting,
# lints and the whole test suite (property tests at 1,000 cases each).
set -euo pipefail
cd "$(dirname "$0")/.."
bash ci/install-deps.sh

export PROPTEST_CASES="${PROPTEST_CASES:-1000}"
export CARGO_TERM_COLOR=never

echo "== cargo fmt --check"
cargo fmt --all --check
echo "== cargo clippy"
cargo clippy --workspace --all-targets --locked -- -D warnings
echo "== cargo test (PROPTEST_CASES=$PROPTEST_CASES)"
cargo test --workspace --locked
