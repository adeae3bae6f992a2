//! Prints each GIOP message file given on the command line, decoded.
//! `cargo run -p corba-giop --example giop_dump -- corpus/giop/v12-list/*.giop`
use corba_giop::{GiopMessage, Ior, Limits, Message, ReplyStatus};

fn main() {
    for path in std::env::args().skip(1) {
        let bytes = match std::fs::read(&path) {
            Ok(b) => b,
            Err(e) => {
                eprintln!("{path}: {e}");
                continue;
            }
        };
        println!("== {path} ({} octets)", bytes.len());
        let m = match GiopMessage::decode(&bytes, &Limits::DEFAULT) {
            Ok(m) => m,
            Err(e) => {
                println!("   error: {e}");
                continue;
            }
        };
        let same = m.encode().map(|b| b == bytes).unwrap_or(false);
        println!(
            "   GIOP {} {:?} more_fragments={} re-encodes={same}",
            m.version, m.order, m.more_fragments
        );
        if let Some(p) = &m.padding {
            let ranges = m.padding_ranges().unwrap_or_default();
            println!("   non-zero padding {p:02x?} at {ranges:?}");
        }
        match &m.message {
            Message::Request(r) => {
                println!(
                    "   Request id={} flags={} target={:?} op={:?} principal={:?} sc={:?} body={} at {}",
                    r.request_id,
                    r.response_flags,
                    r.target,
                    r.operation,
                    r.requesting_principal,
                    r.service_context,
                    r.body.len(),
                    m.body_offset().unwrap_or(0)
                );
            }
            Message::Reply(r) => {
                println!(
                    "   Reply id={} status={:?} sc={:?} body={} at {}",
                    r.request_id,
                    r.reply_status,
                    r.service_context,
                    r.body.len(),
                    m.body_offset().unwrap_or(0)
                );
                if let Ok(Some(mut rd)) = m.body_reader() {
                    if r.reply_status == ReplyStatus::LOCATION_FORWARD {
                        if let Ok(ior) = Ior::read(&mut rd) {
                            println!("   forward {ior:?}");
                        }
                    }
                }
            }
            other => println!("   {other:?}"),
        }
        if let Some(b) = m.message.body() {
            let n = b.len().min(64);
            println!("   body[..{n}] = {:02x?}", &b[..n]);
        }
    }
}
