#!/usr/bin/env bash
# Installs what a fresh Debian 12 machine lacks for this project: the legacy
# ORBs' toolchains (omniORB 4.2 for the C++ backend, GNAT 12 for the Ada
# backend), libclang for bindgen, valgrind for instruction counts and
# memcheck; with --gungraun also the gungraun runner matching the library
# version in Cargo.lock (for `cargo bench --bench instructions`; it takes a
# few minutes to build, and nothing else needs it).
# Idempotent: skips what is already there.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(
    libomniorb4-dev omniidl omniorb-idl   # omniORB 4.2 headers, libs, IDL compiler, CORBA services IDL
    gnat-12 gprbuild                       # Ada backend
    libclang-dev                           # bindgen
    valgrind                               # callgrind instruction counts, memcheck
    pkg-config g++
    chromium                               # ci/browser.sh: the HTML report in headless Chromium
    tshark wireshark-common                # ci/tshark-check.sh (tshark, text2pcap)
)

missing=()
for p in "${APT_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
    echo "install-deps: apt-get install ${missing[*]}"
    SUDO=""
    [ "$(id -u)" = 0 ] || SUDO="sudo"
    $SUDO apt-get update -qq
    # wireshark-common asks whether non-root users may capture; answer no.
    echo "wireshark-common wireshark-common/install-setuid boolean false" | $SUDO debconf-set-selections
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# The gungraun runner must match the library version exactly.
if [ "${1:-}" = "--gungraun" ]; then
    want=$(awk '/^name = "gungraun"$/{getline; gsub(/version = |"/, ""); print; exit}' Cargo.lock)
    have=$(gungraun-runner --version 2>/dev/null | awk '{print $2}' || true)
    if [ "$want" != "$have" ]; then
        echo "install-deps: cargo install gungraun-runner $want (takes a few minutes)"
        cargo install gungraun-runner --version "$want" --locked --quiet
    fi
fi
echo "install-deps: ok"
