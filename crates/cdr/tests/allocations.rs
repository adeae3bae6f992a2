//! Encoding into a reused buffer allocates nothing; decoding into a reused
//! vector allocates nothing. Counted with a counting global allocator.
//!
//! The counts are process-wide, so this file runs without libtest
//! (`harness = false` in Cargo.toml): libtest's own thread allocates now
//! and then (seen: 4 allocations, 900 bytes, on a loaded machine), which
//! would be counted against the code under test. Here the checks run on
//! the only thread there is.

use corba_cdr::{ByteOrder, Encoding, GiopVersion, Reader, Writer};
use stats_alloc::{Region, StatsAlloc, INSTRUMENTED_SYSTEM};
use std::alloc::System;

#[global_allocator]
static GLOBAL: &StatsAlloc<System> = &INSTRUMENTED_SYSTEM;

fn main() {
    reused_buffers_make_no_allocations();
    println!("allocations: reused buffers and strings make no allocations: ok");
}

fn reused_buffers_make_no_allocations() {
    // The one-time probe that decides how large copies go (it allocates
    // its test buffers) runs before counting, as at an ORB's start.
    let _ = corba_cdr::copies_in_pieces();
    let longs: Vec<i32> = (0..65536).collect();
    let doubles: Vec<f64> = (0..4096).map(f64::from).collect();
    for order in [ByteOrder::LittleEndian, ByteOrder::BigEndian] {
        let enc = Encoding::new(order, GiopVersion::V1_2);
        let mut buf = Vec::with_capacity(1 << 20);
        let mut out_l: Vec<i32> = Vec::with_capacity(longs.len());
        let mut out_d: Vec<f64> = Vec::with_capacity(doubles.len());

        let region = Region::new(GLOBAL);
        for _ in 0..3 {
            let mut w = Writer::into_buffer(std::mem::take(&mut buf), enc);
            w.write_sequence(&longs);
            w.write_sequence(&doubles);
            w.write_string("no allocation here").unwrap();
            w.write_encapsulation(order.opposite(), |w| w.write_wstring("wide").unwrap());
            buf = w.into_inner();

            let mut r = Reader::new(&buf, enc);
            out_l.clear();
            out_d.clear();
            let n = r.read_count(4).unwrap();
            r.read_slice_into(n, &mut out_l).unwrap();
            let n = r.read_count(8).unwrap();
            r.read_slice_into(n, &mut out_d).unwrap();
            assert_eq!(r.read_string_bytes().unwrap(), b"no allocation here");
        }
        let stats = region.change();
        assert_eq!(stats.allocations, 0, "{order:?}: {stats:?}");
        assert_eq!(stats.reallocations, 0, "{order:?}: {stats:?}");
        assert_eq!(out_l, longs);
        assert_eq!(out_d, doubles);
    }
    strings_decoded_into_existing_values_make_no_allocations();
}

/// Strings and wide strings decoded into existing `String`s reuse their
/// capacity: after the first decode, none of the paths (ASCII, ISO-8859-1
/// beyond ASCII, UTF-16 ASCII, UTF-16 BMP) allocates.
fn strings_decoded_into_existing_values_make_no_allocations() {
    let texts = ["short", "a longer ascii string with more text", "café"];
    let wide = ["plain", "日本語テキスト"];
    for order in [ByteOrder::LittleEndian, ByteOrder::BigEndian] {
        let enc = Encoding::new(order, GiopVersion::V1_2);
        let mut w = Writer::new(enc);
        for t in texts {
            w.write_string(t).unwrap();
        }
        for t in wide {
            w.write_wstring(t).unwrap();
        }
        let buf = w.into_inner();
        let mut outs: Vec<String> = vec![String::new(); texts.len() + wide.len()];
        let decode = |outs: &mut Vec<String>| {
            let mut r = Reader::new(&buf, enc);
            for o in outs.iter_mut().take(texts.len()) {
                r.read_string_into(o).unwrap();
            }
            for o in outs.iter_mut().skip(texts.len()) {
                r.read_wstring_into(o).unwrap();
            }
            r.finish().unwrap();
        };
        decode(&mut outs);
        let region = Region::new(GLOBAL);
        for _ in 0..3 {
            decode(&mut outs);
        }
        let stats = region.change();
        assert_eq!(stats.allocations, 0, "{order:?}: {stats:?}");
        assert_eq!(stats.reallocations, 0, "{order:?}: {stats:?}");
        let want: Vec<&str> = texts.iter().chain(wide.iter()).copied().collect();
        assert_eq!(outs, want);
    }
}
