#!/usr/bin/env bash
# The project's test command: installs what is missing, then runs formatting,
# lints, the whole test suite (property tests at 1,000 cases each), the
# instruction-count gate's own test, and the gate itself against the parent
# commit (rust hot paths, reduced to fit CI's time).
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
echo "== complexity before/after (giopbench complexity --base)"
bash ci/complexity.sh
echo "== tshark dissects the project's GIOP messages (issue 15)"
bash ci/tshark-check.sh
echo "== valgrind memcheck over the omniORB suites"
bash ci/memcheck.sh
echo "== the HTML report in headless Chromium"
bash ci/browser.sh
echo "== load: fault tests and a short load run with thresholds"
bash ci/load.sh
echo "== the gate's own test (a 6% regression fails, a no-op passes)"
cargo test --release --locked --test gate -- --ignored
echo "== instruction-count gate against the parent commit"
bash ci/gate.sh HEAD~1
