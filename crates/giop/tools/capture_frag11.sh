#!/usr/bin/env bash
# Captures omniORB's fragmented GIOP 1.1 traffic into corpus/giop/frag11/le*
# (default, x86-64 omniORB) or, with argument `be`, corpus/giop/frag11/be*
# (Debian's s390x omniORB, big-endian, under qemu-user-static; see
# corpus/giop/NOTES.md). Needs libomniorb4-dev omniidl g++ tcpdump python3;
# for `be` also qemu-user-static g++-s390x-linux-gnu and an s390x sysroot in
# $S390X_ROOT (default /tmp/s390x-root: the s390x .debs of libomniorb4-2,
# libomniorb4-dev, libomnithread4(-dev), libssl3, zlib1g, libc6, libgcc-s1,
# libstdc++6 unpacked with `dpkg -x`, nothing installed). Run as root
# (tcpdump on lo). Tests never run this.
set -euo pipefail
order=${1:-le}
sysroot=${S390X_ROOT:-/tmp/s390x-root}
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
run=()
if [ "$order" = be ]; then
    # omniidl's C++ is architecture-independent; only headers and libraries
    # come from the s390x sysroot.
    lib="$sysroot/usr/lib/s390x-linux-gnu"
    s390x-linux-gnu-g++ -O1 -o fragcap fragcap.cc fragSK.cc benchSK.cc -I. \
        -isystem "$sysroot/usr/include" -L"$lib" -Wl,-rpath-link,"$lib" \
        -lomniORB4 -lomnithread -lomniDynamic4
    run=(qemu-s390x-static -L "$sysroot")
else
    g++ -O1 -o fragcap fragcap.cc fragSK.cc benchSK.cc -I. -lomniORB4 -lomnithread -lomniDynamic4
fi
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
timeout 60 tcpdump -i lo -U -s 0 -w cap.pcap "tcp port $port" 2>tcpdump.log &
pids+=($!)
for _ in $(seq 50); do grep -q "listening on" tcpdump.log && break; sleep 0.1; done
timeout 60 "${run[@]}" ./fragcap server -ORBendPoint "giop:tcp:127.0.0.1:$port" >ior.txt &
pids+=($!)
for _ in $(seq 300); do [ -s ior.txt ] && break; sleep 0.1; done
timeout 40 "${run[@]}" ./fragcap client "$(cat ior.txt)" -ORBmaxGIOPVersion 1.1 -ORBgiopMaxMsgSize 8192 || true
timeout 40 "${run[@]}" ./fragcap client "$(cat ior.txt)" -ORBmaxGIOPVersion 1.1
sleep 1
kill "${pids[@]}" 2>/dev/null || true
wait 2>/dev/null || true
mkdir -p out
python3 "$root/crates/giop/tools/pcap_split.py" cap.pcap "$port" out maxmsg8192 echo
mkdir -p "$root/corpus/giop/frag11"
rm -rf "$root/corpus/giop/frag11/$order" "$root/corpus/giop/frag11/$order-maxmsg8192"
cp -r out/echo "$root/corpus/giop/frag11/$order"
cp -r out/maxmsg8192 "$root/corpus/giop/frag11/$order-maxmsg8192"
