//! Requests of the mix, built once (the request id patched per call), and
//! the check of each reply against the value the operation must return.

use super::scenario::{MixEntry, Scenario};
use bench_types::{Bench, IdlType};
use corba_cdr::{ByteOrder, Encoding, GiopVersion, Reader, Writer};
use corba_giop::RequestBuilder;
use corba_typecode::{decode_any, encode_any, Any, DecodeOptions, EncodeOptions};

/// What a correct reply body holds.
#[derive(Clone, Debug)]
enum Expected {
    /// The reply body, re-encoded by us at origin 0, equals these octets
    /// (the echoes: padding is not compared, values are).
    Echo(Vec<u8>),
    /// `sum_longs`: one long long.
    Sum(i64),
}

/// Writes one request's arguments.
type ArgWriter = Box<dyn Fn(&mut Writer)>;

/// One operation of the mix, ready to send.
#[derive(Clone, Debug)]
pub struct Prepared {
    pub op: String,
    pub weight: u32,
    /// The whole Request message (request id 0).
    pub request: Vec<u8>,
    /// Offset of the request id in `request`.
    pub id_offset: usize,
    pub order: ByteOrder,
    expected: Expected,
    /// The echoes' expected octets in the other byte order (empty for
    /// `sum_longs`).
    expected_swapped: Vec<u8>,
}

pub fn version_of(s: &Scenario) -> Result<GiopVersion, String> {
    match s.giop.as_str() {
        "1.0" => Ok(GiopVersion::V1_0),
        "1.1" => Ok(GiopVersion::V1_1),
        "1.2" => Ok(GiopVersion::V1_2),
        v => Err(format!("giop {v:?}: expected 1.0, 1.1 or 1.2")),
    }
}

pub fn order_of(s: &Scenario) -> Result<ByteOrder, String> {
    match s.order.as_str() {
        "le" => Ok(ByteOrder::LittleEndian),
        "be" => Ok(ByteOrder::BigEndian),
        o => Err(format!("order {o:?}: expected le or be")),
    }
}

/// Builds every mix entry's request for the object `key`.
pub fn prepare(s: &Scenario, key: &[u8]) -> Result<Vec<Prepared>, String> {
    let version = version_of(s)?;
    let order = order_of(s)?;
    s.mix
        .iter()
        .map(|m| prepare_one(m, version, order, key))
        .collect()
}

fn records(m: &MixEntry) -> Result<Bench::RecordSeq, String> {
    let tc = Bench::RecordSeq::type_code();
    let v = crate::values::generate(&tc, m.seed, m.size);
    Bench::RecordSeq::from_value(&v).map_err(|e| format!("{}: {e:?}", m.op))
}

fn ascii(seed: u64, len: usize) -> Vec<u8> {
    let mut x = seed
        .wrapping_mul(6364136223846793005)
        .wrapping_add(1442695040888963407);
    (0..len)
        .map(|_| {
            x = x
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            b'a' + ((x >> 33) % 26) as u8
        })
        .collect()
}

fn prepare_one(
    m: &MixEntry,
    version: GiopVersion,
    order: ByteOrder,
    key: &[u8],
) -> Result<Prepared, String> {
    let enc = Encoding::new(order, version);
    let mut expect_w = Writer::new(enc);
    let (args, expected): (ArgWriter, Expected) = match m.op.as_str() {
        "echo_string" => {
            let s = ascii(m.seed, m.size);
            expect_w.write_string_bytes(&s);
            (
                Box::new(move |w: &mut Writer| w.write_string_bytes(&s)),
                Expected::Echo(expect_w.into_inner()),
            )
        }
        "echo_octets" => {
            let d = ascii(m.seed, m.size);
            expect_w.write_octet_sequence(&d);
            (
                Box::new(move |w: &mut Writer| w.write_octet_sequence(&d)),
                Expected::Echo(expect_w.into_inner()),
            )
        }
        "sum_longs" => {
            let v: Vec<i32> = (0..m.size)
                .map(|i| (i as i32).wrapping_mul(7919).wrapping_add(m.seed as i32))
                .collect();
            let sum = v.iter().map(|&x| i64::from(x)).sum();
            let seq = Bench::LongSeq(v);
            (
                Box::new(move |w: &mut Writer| {
                    let _ = seq.encode(w);
                }),
                Expected::Sum(sum),
            )
        }
        "echo_records" => {
            let r = records(m)?;
            r.encode(&mut expect_w).map_err(|e| format!("{e:?}"))?;
            (
                Box::new(move |w: &mut Writer| {
                    let _ = r.encode(w);
                }),
                Expected::Echo(expect_w.into_inner()),
            )
        }
        "echo_any" => {
            let r = records(m)?;
            let any = Any {
                tc: Bench::RecordSeq::type_code(),
                value: r.to_value(),
            };
            encode_any(&mut expect_w, &any, &EncodeOptions::default())
                .map_err(|e| format!("{e:?}"))?;
            (
                Box::new(move |w: &mut Writer| {
                    let _ = encode_any(w, &any, &EncodeOptions::default());
                }),
                Expected::Echo(expect_w.into_inner()),
            )
        }
        other => return Err(format!("unknown operation {other:?} in the mix")),
    };
    // §9.4.1: each message's flags give its own byte order, and a server may
    // reply in its native order whatever the request's (omniORB does:
    // little-endian on x86), so an echo is also expected in the other order.
    let expected_swapped = match expected {
        Expected::Echo(_) => {
            let other = match order {
                ByteOrder::BigEndian => ByteOrder::LittleEndian,
                ByteOrder::LittleEndian => ByteOrder::BigEndian,
            };
            let mut w = Writer::new(Encoding::new(other, version));
            args(&mut w);
            w.into_inner()
        }
        Expected::Sum(_) => Vec::new(),
    };
    let b = RequestBuilder::new(version, order, 0, key, &m.op);
    let request = b.encode_with(Vec::new(), |w| args(w));
    // §9.4.2: GIOP 1.2 puts request_id first; 1.0/1.1 after the (empty)
    // service context list.
    let id_offset = if version.minor >= 2 { 12 } else { 16 };
    Ok(Prepared {
        op: m.op.clone(),
        weight: m.weight,
        request,
        id_offset,
        order,
        expected,
        expected_swapped,
    })
}

impl Prepared {
    /// The request with `id` in place.
    pub fn request_with_id(&self, id: u32, out: &mut Vec<u8>) {
        out.clear();
        out.extend_from_slice(&self.request);
        let b = match self.order {
            ByteOrder::BigEndian => id.to_be_bytes(),
            ByteOrder::LittleEndian => id.to_le_bytes(),
        };
        out[self.id_offset..self.id_offset + 4].copy_from_slice(&b);
    }

    /// Whether the reply body holds the right value: decoded with our
    /// decoder and re-encoded at origin 0, it must equal the expected
    /// encoding ("fast but wrong" is an error).
    pub fn reply_is_correct(&self, body: &mut Reader<'_>) -> bool {
        let enc = body.encoding();
        let mut w = Writer::new(enc);
        let ok = match (&self.expected, self.op.as_str()) {
            (Expected::Sum(s), _) => return body.read_longlong().ok() == Some(*s),
            (_, "echo_string") => body
                .read_string_bytes()
                .map(|s| w.write_string_bytes(s))
                .is_ok(),
            (_, "echo_octets") => body
                .read_octet_sequence()
                .map(|d| w.write_octet_sequence(d))
                .is_ok(),
            (_, "echo_records") => Bench::RecordSeq::decode(body)
                .ok()
                .and_then(|r| r.encode(&mut w).ok())
                .is_some(),
            (_, "echo_any") => decode_any(body, &DecodeOptions::spec())
                .ok()
                .and_then(|a| {
                    let tc = Bench::RecordSeq::type_code();
                    // The TypeCode may come back in another form
                    // (indirections, names): compare it by equivalence and
                    // write ours so that the octets compare the value.
                    corba_typecode::equivalent(&a.tc, &tc).then_some(())?;
                    encode_any(
                        &mut w,
                        &Any { tc, value: a.value },
                        &EncodeOptions::default(),
                    )
                    .ok()
                })
                .is_some(),
            _ => false,
        };
        let Expected::Echo(want) = &self.expected else {
            return false;
        };
        let want = if enc.order == self.order {
            want
        } else {
            &self.expected_swapped
        };
        ok && body.is_empty() && w.as_bytes() == want.as_slice()
    }
}
