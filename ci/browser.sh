#!/usr/bin/env bash
# The HTML report in a real browser: a synthetic run's report.html loaded in
# headless Chromium (Debian's `chromium`, from ci/install-deps.sh), checking
# the verdict table, its charts and that every link resolves. About 10 s
# after the test build.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo test --locked --test report_browser -- --ignored
