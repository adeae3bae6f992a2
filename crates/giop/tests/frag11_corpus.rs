//! omniORB 4.2.5's fragmented GIOP 1.1 traffic (corpus/giop/frag11, made
//! with crates/giop/tools/fragcap.cc, see corpus/giop/NOTES.md): a
//! `sequence<Bench::Record>` (200 records, 8192-octet parts) and a
//! `sequence<double>` (3000) echoed. Every field of every record is checked
//! against the generator in fragcap.cc, decoding the reassembled bodies
//! with Fragment-relative alignment (§9.4.9).

use corba_cdr::Reader;
use corba_giop::{parse_reply_frame, Frame, GiopMessage, Limits, MessageReader, MsgType};
use std::path::PathBuf;

const N_RECORDS: u32 = 200;
const N_DOUBLES: u32 = 3000;

fn dir(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../corpus/giop/frag11")
        .join(name)
}

/// The frames of one direction, fed in chunks of `chunk` octets.
fn frames(name: &str, direction: &str, chunk: usize) -> Vec<Frame> {
    let mut files: Vec<_> = std::fs::read_dir(dir(name))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.file_name()
                .unwrap()
                .to_str()
                .unwrap()
                .starts_with(direction)
        })
        .collect();
    files.sort();
    let stream: Vec<u8> = files
        .iter()
        .flat_map(|f| std::fs::read(f).unwrap())
        .collect();
    let mut mr = MessageReader::new(Limits::DEFAULT);
    let mut out = Vec::new();
    for c in stream.chunks(chunk) {
        mr.feed(c);
        while let Some(f) = mr.next_frame().unwrap() {
            out.push(f);
        }
    }
    assert!(mr.is_idle());
    out
}

#[derive(Debug, PartialEq)]
struct Record {
    id: i32,
    name: String,
    hue: u32,
    street: String,
    city: String,
    zip: u16,
    outline: Shape,
    items: Vec<(String, i32, f64)>,
    tags: Vec<i32>,
    active: bool,
    timestamp: i64,
}

#[derive(Debug, PartialEq)]
enum Shape {
    Radius(f64),
    Corner(f64, f64),
    Label(i32, String),
    Code(i32, i32),
}

/// fragcap.cc's `make_record`.
fn expected(i: u32) -> Record {
    let n = i as usize;
    Record {
        id: i as i32,
        name: format!("name-{}{}", "x".repeat(n % 7 + 1), i),
        hue: i % 5,
        street: format!("street {i}"),
        city: format!("city{}", i % 3),
        zip: ((i * 7) % 65536) as u16,
        outline: match i % 5 {
            // omniORB picks the default member's discriminator: the lowest
            // value no case label uses.
            0 => Shape::Code(i32::MIN, i as i32),
            1 => Shape::Radius(f64::from(i) * 0.5),
            2 => Shape::Corner(f64::from(i), -f64::from(i)),
            3 => Shape::Label(3, format!("L{i}")),
            _ => Shape::Label(4, format!("M{i}")),
        },
        items: (0..i % 3)
            .map(|j| {
                (
                    format!("sku-{i}-{j}"),
                    j as i32,
                    f64::from(i) + f64::from(j) / 4.0,
                )
            })
            .collect(),
        tags: (0..i % 4).map(|k| (i * 10 + k) as i32).collect(),
        active: i % 2 == 0,
        timestamp: i64::from(i) * 1_000_000_007,
    }
}

fn read_record(r: &mut Reader<'_>) -> corba_cdr::Result<Record> {
    let id = r.read_long()?;
    let name = r.read_string()?;
    let hue = r.read_enum()?;
    let street = r.read_string()?;
    let city = r.read_string()?;
    let zip = r.read_ushort()?;
    let d = r.read_long()?;
    let outline = match d {
        1 => Shape::Radius(r.read_double()?),
        2 => Shape::Corner(r.read_double()?, r.read_double()?),
        3 | 4 => Shape::Label(d, r.read_string()?),
        _ => Shape::Code(d, r.read_long()?),
    };
    let n = r.read_count(12)?;
    let mut items = Vec::new();
    for _ in 0..n {
        items.push((r.read_string()?, r.read_long()?, r.read_double()?));
    }
    let tags = r.read_sequence::<i32>()?;
    let active = r.read_bool()?;
    let timestamp = r.read_longlong()?;
    Ok(Record {
        id,
        name,
        hue,
        street,
        city,
        zip,
        outline,
        items,
        tags,
        active,
        timestamp,
    })
}

fn check_records(r: &mut Reader<'_>) {
    assert_eq!(r.read_ulong().unwrap(), N_RECORDS);
    for i in 0..N_RECORDS {
        assert_eq!(read_record(r).unwrap(), expected(i), "record {i}");
    }
    assert!(r.is_empty(), "{} octets left", r.remaining());
}

fn check_doubles(r: &mut Reader<'_>) {
    let d = r.read_sequence::<f64>().unwrap();
    let want: Vec<f64> = (0..N_DOUBLES).map(|i| f64::from(i) * 1.25 - 7.0).collect();
    assert_eq!(d, want);
    assert!(r.is_empty());
}

fn request_body<'a>(f: &'a Frame) -> Reader<'a> {
    assert_eq!(f.header.msg_type, MsgType::REQUEST);
    let m = GiopMessage::decode(&f.bytes, &Limits::DEFAULT).unwrap();
    f.reader_at(m.body_offset().unwrap())
}

#[test]
fn omniorb_fragmented_giop11_requests_decode_exactly() {
    for chunk in [1 << 20, 4096, 1000, 7] {
        let f = frames("le", "c2s", chunk);
        assert_eq!(f.len(), 3, "LocateRequest, records, doubles");
        assert_eq!(f[1].fragment_starts.len(), 3);
        assert!(
            !f[1].alignment_exact(),
            "the records parts land at ≡ 0 (mod 8)"
        );
        check_records(&mut request_body(&f[1]));
        check_doubles(&mut request_body(&f[2]));
    }
}

#[test]
fn omniorb_fragmented_giop11_replies_decode_exactly() {
    let f = frames("le", "s2c", 1 << 20);
    assert_eq!(f.len(), 3, "LocateReply, records, doubles");
    check_records(
        &mut parse_reply_frame(&f[1], &Limits::DEFAULT)
            .unwrap()
            .body_reader(),
    );
    check_doubles(
        &mut parse_reply_frame(&f[2], &Limits::DEFAULT)
            .unwrap()
            .body_reader(),
    );
}

/// The reason for Fragment-relative alignment: a reader of the plain
/// concatenation misreads these records.
#[test]
fn plain_concatenation_misreads_omniorb_giop11_fragments() {
    let f = frames("le", "c2s", 1 << 20);
    let m = GiopMessage::decode(&f[1].bytes, &Limits::DEFAULT).unwrap();
    let off = m.body_offset().unwrap();
    let enc = corba_cdr::Encoding::new(f[1].header.order, f[1].header.version);
    let mut r = Reader::new(&f[1].bytes[off..], enc).with_origin(off);
    r.read_ulong().unwrap();
    let all_ok = (0..N_RECORDS).all(|i| read_record(&mut r).is_ok_and(|x| x == expected(i)));
    assert!(!all_ok);
}

/// This crate's own 1.1 splitter (Fragments at ≡ 4 mod 8, items may
/// straddle) reads back exactly through the same Fragment-aware reader,
/// for every part size and body offset.
#[test]
fn own_giop11_split_reads_back_through_fragment_alignment() {
    use corba_cdr::{ByteOrder, GiopVersion};
    use corba_giop::{fragment::split, ReplyBuilder, ReplyStatus};
    for order in [ByteOrder::BigEndian, ByteOrder::LittleEndian] {
        for lead in 0..4u32 {
            let b = ReplyBuilder::new(GiopVersion::V1_1, order, 1, ReplyStatus::NO_EXCEPTION);
            let msg = b.encode_with(Vec::new(), |w| {
                for k in 0..lead {
                    w.write_octet(k as u8);
                }
                for i in 0..300u32 {
                    w.write_longlong(i64::from(i) * -3);
                    w.write_octet(i as u8);
                    w.write_double(f64::from(i) / 8.0);
                }
            });
            for size in [24, 31, 64, 100, 250] {
                let parts = split(&msg, size).unwrap();
                let mut mr = MessageReader::new(Limits::DEFAULT);
                mr.feed(&parts.concat());
                let f = mr.next_frame().unwrap().unwrap();
                let mut r = parse_reply_frame(&f, &Limits::DEFAULT)
                    .unwrap()
                    .body_reader();
                for k in 0..lead {
                    assert_eq!(r.read_octet().unwrap(), k as u8);
                }
                for i in 0..300u32 {
                    assert_eq!(r.read_longlong().unwrap(), i64::from(i) * -3, "size {size}");
                    assert_eq!(r.read_octet().unwrap(), i as u8);
                    assert_eq!(r.read_double().unwrap(), f64::from(i) / 8.0);
                }
                assert!(r.is_empty());
            }
        }
    }
}
