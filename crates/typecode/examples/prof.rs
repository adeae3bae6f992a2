//! Drives one operation on the 1,000-record corpus value in a loop, for
//! profiling under valgrind (`callgrind`):
//! `cargo build --release --example prof -p corba-typecode`, then
//! `valgrind --tool=callgrind target/release/examples/prof encode_plan 20`.

use corba_cdr::{ByteOrder, Encoding, GiopVersion, Reader, Writer};
use corba_typecode::corpus::{self, types};
use corba_typecode::*;
use std::hint::black_box;

fn main() {
    let mut args = std::env::args().skip(1);
    let op = args.next().unwrap_or_else(|| "encode_plan".into());
    let n: usize = args.next().and_then(|s| s.parse().ok()).unwrap_or(20);
    let enc = Encoding::new(ByteOrder::LittleEndian, GiopVersion::V1_2);
    let any = Any {
        tc: types().record_seq.clone(),
        value: corpus::record_seq(1000, 42),
    };
    let eo = EncodeOptions::omniorb();
    let ro = DecodeOptions::omniorb();
    let plan = Plan::compile_with(&any.tc, eo.typecode).expect("compile");
    let bytes = any_to_bytes(&any, enc, &eo).expect("encode");
    let mut buf = Vec::with_capacity(bytes.len());
    let wide50 = typecode_to_bytes(&types().wide50, enc, &eo.typecode).expect("tc");
    let node = typecode_to_bytes(&types().node, enc, &eo.typecode).expect("tc");
    let t = std::time::Instant::now();
    for _ in 0..n {
        match op.as_str() {
            "encode_plan" => {
                let mut w = Writer::into_buffer(std::mem::take(&mut buf), enc);
                plan.encode_any(&mut w, black_box(&any.value), &eo)
                    .expect("encode");
                buf = w.into_inner();
            }
            "encode_oneshot" => {
                let mut w = Writer::into_buffer(std::mem::take(&mut buf), enc);
                encode_any(&mut w, black_box(&any), &eo).expect("encode");
                buf = w.into_inner();
            }
            "decode_plan" => {
                black_box(
                    plan.decode_any(&mut Reader::new(&bytes, enc), &ro)
                        .expect("decode"),
                );
            }
            "decode_raw" => {
                black_box(
                    plan.decode_any_raw(&mut Reader::new(&bytes, enc), &ro)
                        .expect("decode"),
                );
            }
            "decode_oneshot" => {
                black_box(decode_any(&mut Reader::new(&bytes, enc), &ro).expect("decode"));
            }
            "transcode" => {
                let mut w = Writer::into_buffer(
                    std::mem::take(&mut buf),
                    enc.with_order(ByteOrder::BigEndian),
                );
                transcode_any(&mut Reader::new(&bytes, enc), &mut w, &ro, &eo).expect("transcode");
                buf = w.into_inner();
            }
            "decode_tc_wide50" => {
                black_box(decode_typecode(&mut Reader::new(&wide50, enc), &ro).expect("decode"));
            }
            "decode_tc_wide50_cold" => {
                clear_typecode_cache();
                black_box(decode_typecode(&mut Reader::new(&wide50, enc), &ro).expect("decode"));
            }
            "decode_tc_node_cold" => {
                clear_typecode_cache();
                black_box(decode_typecode(&mut Reader::new(&node, enc), &ro).expect("decode"));
            }
            "decode_tc_node" => {
                black_box(decode_typecode(&mut Reader::new(&node, enc), &ro).expect("decode"));
            }
            _ => panic!("unknown op {op}"),
        }
    }
    eprintln!(
        "{op}: {} bytes, {:?} per iteration",
        bytes.len(),
        t.elapsed() / n as u32
    );
}
