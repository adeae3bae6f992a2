#!/usr/bin/env bash
# Complexity before/after: `giopbench complexity --base` against twenty
# commits back (or the parent commit on a shorter history). Parsing the
# source sets takes seconds; the tables go to the log and to
# target/giopbench/ci-complexity/.
set -euo pipefail
cd "$(dirname "$0")/.."
base=HEAD~20
git rev-parse --verify --quiet "$base^{commit}" >/dev/null || base=HEAD~1
cargo run --locked --quiet --bin giopbench -- complexity --base "$base" --out target/giopbench/ci-complexity
