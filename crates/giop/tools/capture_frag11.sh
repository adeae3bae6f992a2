#!/usr/bin/env bash
# Captures omniORB's fragmented GIOP 1.1 traffic into corpus/giop/frag11/le
# (see corpus/giop/NOTES.md). Needs libomniorb4-dev omniidl g++ tcpdump
# python3; run as root (tcpdump on lo). Tests never run this.
set -euo pipefail
root=$(cd "$(dirname "$0")/../../.." && pwd)
work=$(mktemp -d)
pids=()
cleanup() {
    for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
    rm -rf "$work"
}
trap cleanup EXIT
cp "$root/crates/giop/tools/fragcap.cc" "$root/crates/giop/tools/frag.idl" "$root/corpus/idl/bench.idl" "$work/"
cd "$work"
omniidl -bcxx frag.idl
omniidl -bcxx bench.idl
g++ -O1 -o fragcap fragcap.cc fragSK.cc benchSK.cc -I. -lomniORB4 -lomnithread -lomniDynamic4
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
timeout 60 tcpdump -i lo -U -s 0 -w cap.pcap "tcp port $port" 2>tcpdump.log &
pids+=($!)
for _ in $(seq 50); do grep -q "listening on" tcpdump.log && break; sleep 0.1; done
timeout 60 ./fragcap server -ORBendPoint "giop:tcp:127.0.0.1:$port" >ior.txt &
pids+=($!)
for _ in $(seq 50); do [ -s ior.txt ] && break; sleep 0.1; done
timeout 20 ./fragcap client "$(cat ior.txt)" -ORBmaxGIOPVersion 1.1 -ORBgiopMaxMsgSize 8192 || true
timeout 20 ./fragcap client "$(cat ior.txt)" -ORBmaxGIOPVersion 1.1
sleep 1
kill "${pids[@]}" 2>/dev/null || true
wait 2>/dev/null || true
mkdir -p out
python3 "$root/crates/giop/tools/pcap_split.py" cap.pcap "$port" out v11-maxmsg8192 v11-echo_le
rm -rf "$root/corpus/giop/frag11"
mkdir -p "$root/corpus/giop/frag11"
cp -r out/v11-echo_le "$root/corpus/giop/frag11/le"
cp -r out/v11-maxmsg8192 "$root/corpus/giop/frag11/le-maxmsg8192"
