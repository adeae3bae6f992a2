//! omniORB 4.2.5's fragmented GIOP 1.1 traffic (corpus/giop/frag11, made
//! with crates/giop/tools/fragcap.cc, see corpus/giop/NOTES.md): a
//! `sequence<Bench::Record>` (200 records, 8192-octet parts) and a
//! `sequence<double>` (3000) echoed, captured in both byte orders: `le` from
//! x86-64 omniORB, `be` from Debian's s390x omniORB under qemu-user-static
//! (client and server both big-endian). Every field of every record is
//! checked against the generator in fragcap.cc, decoding the reassembled
//! bodies with Fragment-relative alignment (§9.4.9).

use corba_cdr::{ByteOrder, Reader};
use corba_giop::{parse_reply_frame, Frame, GiopMessage, Limits, MessageReader, MsgType};
use std::path::PathBuf;

const N_RECORDS: u32 = 200;
const N_DOUBLES: u32 = 3000;

/// The echo captures and the byte order omniORB wrote them in.
const CAPTURES: [(&str, ByteOrder); 2] = [
    ("le", ByteOrder::LittleEndian),
    ("be", ByteOrder::BigEndian),
];

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
    for (name, order) in CAPTURES {
        for chunk in [1 << 20, 4096, 1000, 7] {
            let f = frames(name, "c2s", chunk);
            assert_eq!(f.len(), 3, "{name}: LocateRequest, records, doubles");
            assert!(f.iter().all(|x| x.header.order == order), "{name}");
            assert_eq!(f[1].fragment_starts.len(), 3, "{name}");
            assert!(
                !f[1].alignment_exact(),
                "{name}: the records parts land at ≡ 0 (mod 8)"
            );
            check_records(&mut request_body(&f[1]));
            check_doubles(&mut request_body(&f[2]));
        }
    }
}

#[test]
fn omniorb_fragmented_giop11_replies_decode_exactly() {
    for (name, order) in CAPTURES {
        let f = frames(name, "s2c", 1 << 20);
        assert_eq!(f.len(), 3, "{name}: LocateReply, records, doubles");
        assert!(f.iter().all(|x| x.header.order == order), "{name}");
        assert_eq!(f[1].fragment_starts.len(), 3, "{name}");
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
}

/// With `-ORBgiopMaxMsgSize 8192` omniORB (either order) sends the first
/// 8192-octet part and a short Fragment, then raises MARSHAL in the client
/// and closes: the capture is a message with more fragments set and no end.
#[test]
fn omniorb_maxmsg8192_capture_is_an_unfinished_request() {
    for (name, order) in CAPTURES {
        let name = format!("{name}-maxmsg8192");
        let sizes: Vec<u64> = ["c2s-01-Request.giop", "c2s-02-Fragment.giop"]
            .iter()
            .map(|f| std::fs::metadata(dir(&name).join(f)).unwrap().len())
            .collect();
        assert_eq!(sizes, [8192, 24], "{name}");
        let mut mr = MessageReader::new(Limits::DEFAULT);
        for f in [
            "c2s-00-LocateRequest.giop",
            "c2s-01-Request.giop",
            "c2s-02-Fragment.giop",
        ] {
            mr.feed(&std::fs::read(dir(&name).join(f)).unwrap());
        }
        let locate = mr.next_frame().unwrap().unwrap();
        assert_eq!(locate.header.msg_type, MsgType::LOCATE_REQUEST, "{name}");
        assert_eq!(locate.header.order, order, "{name}");
        assert!(mr.next_frame().unwrap().is_none(), "{name}: no last part");
        assert!(!mr.is_idle(), "{name}");
    }
}

/// The reason for Fragment-relative alignment: a reader of the plain
/// concatenation misreads these records.
#[test]
fn plain_concatenation_misreads_omniorb_giop11_fragments() {
    for (name, _) in CAPTURES {
        let f = frames(name, "c2s", 1 << 20);
        let m = GiopMessage::decode(&f[1].bytes, &Limits::DEFAULT).unwrap();
        let off = m.body_offset().unwrap();
        let enc = corba_cdr::Encoding::new(f[1].header.order, f[1].header.version);
        let mut r = Reader::new(&f[1].bytes[off..], enc).with_origin(off);
        assert_eq!(r.read_ulong().unwrap(), N_RECORDS, "{name}");
        let all_ok = (0..N_RECORDS).all(|i| read_record(&mut r).is_ok_and(|x| x == expected(i)));
        assert!(!all_ok, "{name}");
    }
}

/// This crate's own 1.1 splitter (Fragments at ≡ 4 mod 8, items may
/// straddle) reads back exactly through the same Fragment-aware reader,
/// for every part size and body offset.
#[test]
fn own_giop11_split_reads_back_through_fragment_alignment() {
    use corba_cdr::GiopVersion;
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

fn write_record<S: corba_cdr::Sink>(w: &mut corba_cdr::Writer<S>, r: &Record) {
    w.write_long(r.id);
    w.write_string_bytes(r.name.as_bytes());
    w.write_ulong(r.hue);
    w.write_string_bytes(r.street.as_bytes());
    w.write_string_bytes(r.city.as_bytes());
    w.write_ushort(r.zip);
    match &r.outline {
        Shape::Radius(x) => {
            w.write_long(1);
            w.write_double(*x);
        }
        Shape::Corner(x, y) => {
            w.write_long(2);
            w.write_double(*x);
            w.write_double(*y);
        }
        Shape::Label(d, s) => {
            w.write_long(*d);
            w.write_string_bytes(s.as_bytes());
        }
        Shape::Code(d, c) => {
            w.write_long(*d);
            w.write_long(*c);
        }
    }
    w.write_ulong(r.items.len() as u32);
    for (sku, q, p) in &r.items {
        w.write_string_bytes(sku.as_bytes());
        w.write_long(*q);
        w.write_double(*p);
    }
    w.write_ulong(r.tags.len() as u32);
    for t in &r.tags {
        w.write_long(*t);
    }
    w.write_bool(r.active);
    w.write_longlong(r.timestamp);
}

fn write_records<S: corba_cdr::Sink>(w: &mut corba_cdr::Writer<S>) {
    w.write_ulong(N_RECORDS);
    for i in 0..N_RECORDS {
        write_record(w, &expected(i));
    }
}

fn captured(name: &str, direction: &str, range: std::ops::RangeInclusive<u32>) -> Vec<Vec<u8>> {
    range
        .map(|k| {
            let kind = if k == 1 {
                if direction == "c2s" {
                    "Request"
                } else {
                    "Reply"
                }
            } else {
                "Fragment"
            };
            std::fs::read(dir(name).join(format!("{direction}-{k:02}-{kind}.giop"))).unwrap()
        })
        .collect()
}

/// Our GIOP 1.1 fragmenting writer lays the records Request and Reply out
/// as omniORB did, octet for octet (8192-octet parts, padding at the end of
/// a part and again at the start of the next where a double does not fit).
#[test]
fn giop11_fragmenting_writer_matches_omniorb() {
    for (name, _) in CAPTURES {
        writer_matches_capture(name);
    }
}

fn writer_matches_capture(name: &str) {
    use corba_giop::{Message, ReplyBuilder, RequestBuilder, TargetAddress};
    let f = frames(name, "c2s", 1 << 20);
    let m = GiopMessage::decode(&f[1].bytes, &Limits::DEFAULT).unwrap();
    let Message::Request(req) = &m.message else {
        panic!()
    };
    let TargetAddress::Key(key) = &req.target else {
        panic!()
    };
    let mut b = RequestBuilder::new(m.version, m.order, req.request_id, key, &req.operation)
        .with_service_context(&req.service_context)
        .with_principal(&req.requesting_principal);
    b.response_expected = req.response_flags != 0;
    let ours = b.encode_fragmented_with(8192, write_records).unwrap();
    same_parts(
        &ours,
        &captured(name, "c2s", 1..=4),
        &body_padding(b.body_offset(), m.order),
    );

    let f = frames(name, "s2c", 1 << 20);
    let v = parse_reply_frame(&f[1], &Limits::DEFAULT).unwrap();
    let rb = ReplyBuilder::new(
        v.header.version,
        v.header.order,
        v.request_id,
        v.reply_status,
    )
    .with_service_context(&v.service_context);
    let ours = rb.encode_fragmented_with(8192, write_records).unwrap();
    same_parts(
        &ours,
        &captured(name, "s2c", 1..=4),
        &body_padding(rb.body_offset(), v.header.order),
    );
}

/// The padding octets of the records body in (part, offset in part)
/// coordinates: omniORB leaves padding uninitialised
/// (`omniorb-padding-uninitialised`), so those octets are not compared.
fn body_padding(body_offset: usize, order: corba_cdr::ByteOrder) -> Vec<(usize, usize)> {
    let grid = corba_giop::fragment::giop11_grid(8192);
    let enc = corba_cdr::Encoding::new(order, corba_cdr::GiopVersion::V1_1);
    let mut w = corba_cdr::Writer::new(enc)
        .with_origin(body_offset)
        .with_fragment_grid(grid)
        .track_padding();
    write_records(&mut w);
    let mut at = Vec::new();
    for r in w.padding() {
        for i in r.clone() {
            let p = i + body_offset;
            if p < grid.first_len {
                at.push((0, p));
            } else {
                let k = 1 + (p - grid.first_len) / grid.data_len;
                at.push((k, 12 + p - grid.start(k)));
            }
        }
    }
    at
}

fn same_parts(ours: &[Vec<u8>], theirs: &[Vec<u8>], padding: &[(usize, usize)]) {
    assert_eq!(ours.len(), theirs.len(), "number of parts");
    for (k, (a, b)) in ours.iter().zip(theirs).enumerate() {
        assert_eq!(a.len(), b.len(), "part {k} length");
        let differs = |i: &usize| a[*i] != b[*i] && !(a[*i] == 0 && padding.contains(&(k, *i)));
        if let Some(i) = (0..a.len()).find(differs) {
            let lo = i.saturating_sub(8);
            panic!(
                "part {k} differs at {i}: ours {:?} omniORB {:?}",
                &a[lo..(i + 8).min(a.len())],
                &b[lo..(i + 8).min(b.len())]
            );
        }
    }
}

/// The fragmenting writer in both byte orders and several part sizes reads
/// back exactly through the Fragment-aware reader (the omniORB captures
/// cover 8192 only).
#[test]
fn giop11_fragmenting_writer_round_trips_both_orders() {
    use corba_cdr::GiopVersion;
    use corba_giop::RequestBuilder;
    for order in [ByteOrder::BigEndian, ByteOrder::LittleEndian] {
        for size in [64, 100, 1000, 8192] {
            let b = RequestBuilder::new(GiopVersion::V1_1, order, 9, b"key", "records");
            let parts = b.encode_fragmented_with(size, write_records).unwrap();
            assert!(parts.iter().all(|p| p.len() <= size));
            let mut mr = MessageReader::new(Limits::DEFAULT);
            mr.feed(&parts.concat());
            let f = mr.next_frame().unwrap().unwrap();
            assert_eq!(f.fragment_starts.len(), parts.len() - 1);
            check_records(&mut request_body(&f));
        }
    }
}
