#!/usr/bin/env bash
# Captures real omniORB GIOP traffic into corpus/giop/ (issue 4).
#
# Starts omniNames on 127.0.0.1 on a free port, drives it with nameclt (bind,
# list, resolve, unbind, in GIOP 1.0, 1.1 and 1.2), records loopback with
# tcpdump and splits each TCP connection into one file per GIOP message with
# crates/giop/tools/pcap_split.py (python3 standard library only).
#
# Needs: omniorb-nameserver omniorb (nameclt) tcpdump python3; run as root
# (tcpdump on lo). Tests never run this: they read the committed files.
#
# Usage: ci/capture-giop.sh [OUT_DIR]   (default: corpus/giop)
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
out=${1:-$root/corpus/giop}
work=$(mktemp -d)
pids=()
cleanup() {
    for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
    for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
    rm -rf "$work"
}
trap cleanup EXIT

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
echo "omniNames on 127.0.0.1:$port, work dir $work"

timeout 300 tcpdump -i lo -U -s 0 -w "$work/cap.pcap" "tcp port $port" 2>"$work/tcpdump.log" &
pids+=($!)
for _ in $(seq 50); do grep -q "listening on" "$work/tcpdump.log" && break; sleep 0.1; done
grep -q "listening on" "$work/tcpdump.log" || { cat "$work/tcpdump.log"; exit 1; }

timeout 300 omniNames -start "$port" -always -datadir "$work" \
    -ORBendPoint "giop:tcp:127.0.0.1:$port" >"$work/omniNames.log" 2>&1 &
pids+=($!)
for _ in $(seq 50); do grep -q "Root context is" "$work/omniNames.log" && break; sleep 0.1; done

steps=()
# One nameclt process per step: each is one TCP connection. The caller
# records the step name (a $(...) subshell could not append to steps).
clt() {
    local ver=$1
    shift 2
    timeout 20 nameclt -ORBInitRef "NameService=corbaloc:iiop:$ver@127.0.0.1:$port/NameService" \
        -ORBmaxGIOPVersion "$ver" "$@"
}

# A name long enough that its Request exceeds omniORB's 8 KiB buffer, to see
# whether omniORB fragments it (GIOP 1.1/1.2) or not (1.0).
long=$(python3 -c 'print("n" * 20000)')

for ver in 1.0 1.1 1.2; do
    v=v${ver/./}
    steps+=("$v-bind_new_context" "$v-bind" "$v-list" "$v-resolve" "$v-resolve_missing"
        "$v-unbind" "$v-bind_long" "$v-unbind_long")
    ctx_ior=$(clt "$ver" "$v-bind_new_context" bind_new_context "ctx$v.dir")
    clt "$ver" "$v-bind" bind "ctx$v.dir/obj.kind" "$ctx_ior"
    clt "$ver" "$v-list" list "ctx$v.dir" >/dev/null
    clt "$ver" "$v-resolve" resolve "ctx$v.dir/obj.kind" >/dev/null
    clt "$ver" "$v-resolve_missing" resolve "ctx$v.dir/missing.kind" >/dev/null 2>&1 || true
    clt "$ver" "$v-unbind" unbind "ctx$v.dir/obj.kind"
    clt "$ver" "$v-bind_long" bind "ctx$v.dir/$long.kind" "$ctx_ior"
    clt "$ver" "$v-unbind_long" unbind "ctx$v.dir/$long.kind"
done

sleep 0.5
kill "${pids[1]}" 2>/dev/null || true   # omniNames: closes its connections
sleep 0.5
kill -INT "${pids[0]}" 2>/dev/null || true # tcpdump: flush
wait "${pids[0]}" 2>/dev/null || true

rm -rf "$out"/v1*
mkdir -p "$out"
printf 'file\tdirection\tversion\ttype\tbytes\n' >"$out/MANIFEST.tsv"
python3 "$root/crates/giop/tools/pcap_split.py" "$work/cap.pcap" "$port" "$out" "${steps[@]}"
echo "captured $(($(wc -l <"$out/MANIFEST.tsv") - 1)) messages into $out"
