//! Writes the project's GIOP messages of every type, version and byte
//! order as text2pcap input (one TCP segment per message) plus the fields
//! tshark must show for each, for `ci/tshark-check.sh`.
//!
//! `cargo run -p corba-giop --example tshark_messages -- OUT_DIR` writes
//! `OUT_DIR/messages.txt` and `OUT_DIR/expect.tsv` (frame number, request
//! id or `-`, operation or `-`, `known` when a listed tshark limit applies).

use corba_cdr::{ByteOrder, GiopVersion};
use corba_giop::{
    fragment::split, AddressingDisposition, CancelRequest, CompletionStatus, GiopMessage,
    IiopProfile, IiopVersion, Ior, LocateReply, LocateRequest, LocateStatus, Message, ReplyBuilder,
    ReplyStatus, RequestBuilder, SystemException, TargetAddress,
};
use std::fmt::Write as _;

struct Out {
    text: String,
    expect: String,
    frame: usize,
}

impl Out {
    /// One TCP segment; `id`/`op` are what tshark must print for it.
    fn push(&mut self, bytes: &[u8], id: Option<u32>, op: Option<&str>, known: bool) {
        self.frame += 1;
        for (i, line) in bytes.chunks(16).enumerate() {
            let _ = write!(self.text, "{:06x}", i * 16);
            for b in line {
                let _ = write!(self.text, " {b:02x}");
            }
            self.text.push('\n');
        }
        self.text.push('\n');
        let id = id.map_or("-".to_string(), |i| i.to_string());
        let known = if known { "known" } else { "-" };
        let _ = writeln!(
            self.expect,
            "{}\t{id}\t{}\t{known}",
            self.frame,
            op.unwrap_or("-")
        );
    }
}

fn ior() -> Ior {
    Ior {
        type_id: "IDL:giopbench.org/Bench/Echo:1.0".into(),
        profiles: vec![IiopProfile {
            version: IiopVersion { major: 1, minor: 2 },
            host: "127.0.0.1".into(),
            port: 2809,
            object_key: b"forwarded".to_vec(),
            components: vec![],
        }
        .to_profile(ByteOrder::BigEndian)],
    }
}

fn msg(v: GiopVersion, o: ByteOrder, m: Message) -> Vec<u8> {
    GiopMessage::new(v, o, m).encode().expect("encodable")
}

fn main() {
    let dir = std::env::args()
        .nth(1)
        .expect("usage: tshark_messages OUT_DIR");
    let mut out = Out {
        text: String::new(),
        expect: String::new(),
        frame: 0,
    };
    let ex = SystemException {
        exception_id: "IDL:omg.org/CORBA/OBJECT_NOT_EXIST:1.0".into(),
        minor_code_value: 0x4f4d_0001,
        completion_status: CompletionStatus::COMPLETED_NO,
    };
    let mut id = 1000u32;
    for v in [GiopVersion::V1_0, GiopVersion::V1_1, GiopVersion::V1_2] {
        for o in [ByteOrder::BigEndian, ByteOrder::LittleEndian] {
            id += 100;
            let op = format!(
                "echo_{}{}",
                v.minor,
                if o == ByteOrder::BigEndian {
                    "be"
                } else {
                    "le"
                }
            );
            let rq = RequestBuilder::new(v, o, id, b"objkey", &op);
            let req = rq.encode_with(Vec::new(), |w| {
                w.write_ulong(7);
                w.write_double(1.5);
            });
            out.push(&req, Some(id), Some(&op), false);
            let rb = |rid, st| ReplyBuilder::new(v, o, rid, st);
            out.push(
                &rb(id, ReplyStatus::NO_EXCEPTION).encode_with(Vec::new(), |w| w.write_double(2.5)),
                Some(id),
                None,
                false,
            );
            out.push(
                &rb(id + 1, ReplyStatus::SYSTEM_EXCEPTION).encode_system_exception(&ex),
                Some(id + 1),
                None,
                false,
            );
            out.push(
                &rb(id + 2, ReplyStatus::USER_EXCEPTION).encode_with(Vec::new(), |w| {
                    w.write_string_bytes(b"IDL:omg.org/CosNaming/NamingContext/NotFound:1.0");
                    w.write_ulong(1);
                }),
                Some(id + 2),
                None,
                false,
            );
            let fwd = ReplyBuilder::new(v, o, id + 3, ReplyStatus::LOCATION_FORWARD);
            let off = fwd.body_offset();
            out.push(
                &fwd.encode_with(Vec::new(), |w| w.write_bytes(&ior().to_cdr_at(o, off))),
                Some(id + 3),
                None,
                false,
            );
            out.push(
                &msg(
                    v,
                    o,
                    Message::CancelRequest(CancelRequest { request_id: id + 4 }),
                ),
                Some(id + 4),
                None,
                false,
            );
            out.push(
                &msg(
                    v,
                    o,
                    Message::LocateRequest(LocateRequest {
                        request_id: id + 5,
                        target: TargetAddress::Key(b"objkey".to_vec()),
                    }),
                ),
                Some(id + 5),
                None,
                false,
            );
            let lr = |rid, st, body: Vec<u8>| {
                msg(
                    v,
                    o,
                    Message::LocateReply(LocateReply {
                        request_id: rid,
                        locate_status: st,
                        body,
                    }),
                )
            };
            out.push(
                &lr(id + 6, LocateStatus::OBJECT_HERE, vec![]),
                Some(id + 6),
                None,
                false,
            );
            // LocateReply bodies follow the header at offset 20 (§9.4.6.2);
            // tshark aligns 1.2 bodies on 8 (known_divergences.md).
            let known12 = v.minor >= 2;
            out.push(
                &lr(id + 7, LocateStatus::OBJECT_FORWARD, ior().to_cdr_at(o, 20)),
                Some(id + 7),
                None,
                known12,
            );
            if v.minor >= 2 {
                out.push(
                    &lr(
                        id + 8,
                        LocateStatus::OBJECT_FORWARD_PERM,
                        ior().to_cdr_at(o, 20),
                    ),
                    Some(id + 8),
                    None,
                    true,
                );
                let mut w = corba_cdr::Writer::new(corba_cdr::Encoding::new(o, v)).with_origin(20);
                ex.write(&mut w);
                out.push(
                    &lr(id + 9, LocateStatus::LOC_SYSTEM_EXCEPTION, w.into_inner()),
                    Some(id + 9),
                    None,
                    true,
                );
                let mut w = corba_cdr::Writer::new(corba_cdr::Encoding::new(o, v)).with_origin(20);
                w.write_short(AddressingDisposition::PROFILE_ADDR.0);
                out.push(
                    &lr(
                        id + 10,
                        LocateStatus::LOC_NEEDS_ADDRESSING_MODE,
                        w.into_inner(),
                    ),
                    Some(id + 10),
                    None,
                    true,
                );
            }
            out.push(&msg(v, o, Message::CloseConnection), None, None, false);
            out.push(&msg(v, o, Message::MessageError), None, None, false);
            if v.minor >= 1 {
                // A fragmented Request: 1.2 fragments carry the request id;
                // tshark misreads 1.1 Fragment data as a request id (known).
                let fop = format!("{op}_frag");
                let big_rq = RequestBuilder::new(v, o, id + 11, b"objkey", &fop);
                let big = big_rq.encode_with(Vec::new(), |w| {
                    for i in 0..100u32 {
                        w.write_double(f64::from(i));
                    }
                });
                let parts = split(&big, 256).expect("fragmentable");
                for (k, p) in parts.iter().enumerate() {
                    let first = k == 0;
                    let rid = (first || v.minor >= 2).then_some(id + 11);
                    out.push(
                        p,
                        rid,
                        first.then_some(fop.as_str()),
                        v.minor == 1 && !first,
                    );
                }
            }
        }
    }
    std::fs::write(format!("{dir}/messages.txt"), out.text).expect("write messages.txt");
    std::fs::write(format!("{dir}/expect.tsv"), out.expect).expect("write expect.tsv");
}
