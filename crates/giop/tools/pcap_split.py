#!/usr/bin/env python3
"""Split a loopback pcap of GIOP/IIOP traffic into one file per GIOP message.

Usage: pcap_split.py CAPTURE.pcap SERVER_PORT OUT_DIR STEP_NAME...

Standard library only. Reads a classic pcap file (tcpdump -w), linktypes
Ethernet (1), Linux cooked (113), Linux cooked v2 (276), BSD loopback (0),
raw IPv4 (101). Each TCP connection to SERVER_PORT is one step, in the order
their SYNs appear; STEP_NAMEs name them. The payload of each direction is put
in sequence-number order (retransmissions dropped) and cut into GIOP messages
by the 12-byte header's size field (CORBA 3.x Part 2, 9.4.1). Writes
OUT_DIR/<step>/<c2s|s2c>-<NN>-<MsgType>.giop and appends one line per message
to OUT_DIR/MANIFEST.tsv.
"""
import os
import struct
import sys

MSG_TYPES = ["Request", "Reply", "CancelRequest", "LocateRequest",
             "LocateReply", "CloseConnection", "MessageError", "Fragment"]


def packets(path):
    with open(path, "rb") as f:
        data = f.read()
    magic = data[:4]
    if magic in (b"\xd4\xc3\xb2\xa1", b"\x4d\x3c\xb2\xa1"):
        e = "<"
    elif magic in (b"\xa1\xb2\xc3\xd4", b"\xa1\xb2\x3c\x4d"):
        e = ">"
    else:
        raise SystemExit("not a classic pcap file")
    linktype = struct.unpack(e + "I", data[20:24])[0]
    off = 24
    while off + 16 <= len(data):
        incl = struct.unpack(e + "I", data[off + 8:off + 12])[0]
        frame = data[off + 16:off + 16 + incl]
        off += 16 + incl
        if linktype == 1:
            if frame[12:14] != b"\x08\x00":
                continue
            ip = frame[14:]
        elif linktype == 113:
            if frame[14:16] != b"\x08\x00":
                continue
            ip = frame[16:]
        elif linktype == 276:
            if frame[0:2] != b"\x08\x00":
                continue
            ip = frame[20:]
        elif linktype == 0:
            ip = frame[4:]
        elif linktype == 101:
            ip = frame
        else:
            raise SystemExit("unsupported linktype %d" % linktype)
        if len(ip) < 20 or ip[0] >> 4 != 4 or ip[9] != 6:
            continue
        ihl = (ip[0] & 0xF) * 4
        total = struct.unpack(">H", ip[2:4])[0]
        tcp = ip[ihl:total]
        sport, dport, seq = struct.unpack(">HHI", tcp[:8])
        doff = (tcp[12] >> 4) * 4
        flags = tcp[13]
        yield sport, dport, seq, flags, tcp[doff:]


def main():
    if len(sys.argv) < 4:
        raise SystemExit(__doc__)
    pcap, port, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    steps = sys.argv[4:]
    conns = {}  # client port -> {"c2s": {...}, "s2c": {...}}
    order = []
    for sport, dport, seq, flags, payload in packets(pcap):
        if dport == port:
            client, d = sport, "c2s"
        elif sport == port:
            client, d = dport, "s2c"
        else:
            continue
        c = conns.get(client)
        if c is None:
            if not flags & 0x02 or d != "c2s":  # connection must start with a SYN
                continue
            c = conns[client] = {"c2s": {"isn": None, "segs": {}}, "s2c": {"isn": None, "segs": {}}}
            order.append(client)
        s = c[d]
        if flags & 0x02:  # SYN: payload starts at seq + 1
            s["isn"] = seq + 1
            continue
        if payload and s["isn"] is not None:
            rel = (seq - s["isn"]) & 0xFFFFFFFF
            s["segs"].setdefault(rel, payload)
    if len(order) != len(steps):
        raise SystemExit("found %d connections, expected %d steps" % (len(order), len(steps)))
    manifest = open(os.path.join(out, "MANIFEST.tsv"), "a")
    for step, client in zip(steps, order):
        os.makedirs(os.path.join(out, step), exist_ok=True)
        # Messages are numbered per direction: the n-th request of a
        # connection and the n-th reply usually pair up, but the header's
        # request id is what links them.
        for d in ("c2s", "s2c"):
            n = 0
            s = conns[client][d]
            stream = bytearray()
            for rel in sorted(s["segs"]):
                seg = s["segs"][rel]
                if rel > len(stream):
                    raise SystemExit("gap in %s %s at %d" % (step, d, rel))
                stream += seg[len(stream) - rel:]
            pos = 0
            while pos < len(stream):
                hdr = stream[pos:pos + 12]
                if len(hdr) < 12 or hdr[:4] != b"GIOP":
                    raise SystemExit("not GIOP in %s %s at %d" % (step, d, pos))
                flags = hdr[6]
                size = struct.unpack("<I" if flags & 1 else ">I", hdr[8:12])[0]
                msg = bytes(stream[pos:pos + 12 + size])
                if len(msg) != 12 + size:
                    raise SystemExit("truncated message in %s %s" % (step, d))
                mt = MSG_TYPES[hdr[7]] if hdr[7] < len(MSG_TYPES) else "Type%d" % hdr[7]
                name = "%s-%02d-%s.giop" % (d, n, mt)
                with open(os.path.join(out, step, name), "wb") as f:
                    f.write(msg)
                manifest.write("%s/%s\t%s\t%d.%d\t%s\t%d\n" % (step, name, d, hdr[4], hdr[5], mt, len(msg)))
                n += 1
                pos += 12 + size
    manifest.close()


if __name__ == "__main__":
    main()
