#!/usr/bin/env bash
# The omniORB equivalence and interop suites once under valgrind memcheck:
# no invalid access, no use of uninitialised values, and no leak attributable
# to our shim. omniORB's own static state, its connection cache and the
# uninitialised padding it sends are suppressed, with reasons, in
# ci/omniorb-memcheck.supp.
set -euo pipefail
cd "$(dirname "$0")/.."
export PROPTEST_CASES="${PROPTEST_CASES:-1000}"
for t in omniorb_equivalence omniorb_interop; do
    bin=$(cargo test --locked -p giopbench --test "$t" --no-run --message-format=json 2>/dev/null |
        grep -o '"executable":"[^"]*'"$t"'[^"]*"' | cut -d'"' -f4 | tail -n 1)
    [ -n "$bin" ] || { echo "memcheck: no test binary for $t"; exit 1; }
    echo "== memcheck $t"
    valgrind --tool=memcheck --leak-check=full --show-leak-kinds=definite,indirect,possible \
        --errors-for-leak-kinds=definite,indirect,possible --suppressions=ci/omniorb-memcheck.supp \
        --error-exitcode=99 -q "$bin"
done
echo "memcheck: clean"
