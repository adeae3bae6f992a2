//! A segmented reader (GIOP 1.1 Fragment-relative alignment, §9.4.9) moves
//! exactly as [`Segments::pad`] says, whichever of its paths a read takes:
//! the fast one inside a segment or the cold one at a boundary (an item
//! ending exactly at a segment's end, padding reaching the next segment,
//! an item straddling two). A plain reader is the same model without
//! segments. A writer with a [`FragmentGrid`] pads as the grid says and a
//! plain writer as §9.3.1.1.

use corba_cdr::{ByteOrder, Encoding, FragmentGrid, GiopVersion, Reader, Segments, Writer};
use proptest::prelude::*;

#[derive(Clone, Copy, Debug)]
enum Op {
    /// `align(n)` then `take(size)`: what every primitive read does.
    Prim(usize),
    /// A bare `take(n)` (octets, string bodies).
    Take(usize),
    /// A `string` whose body has this many octets (NUL added).
    Str(usize),
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        prop::sample::select(vec![1usize, 2, 4, 8]).prop_map(Op::Prim),
        (0usize..20).prop_map(Op::Take),
        (0usize..12).prop_map(Op::Str),
    ]
}

/// Bytes for `ops` laid out by the model: padding `0xEE`, string lengths
/// in little-endian, every other octet `0x11`. Returns the bytes and the
/// position (in the slice) after each op.
fn layout(ops: &[Op], origin: usize, seg: Option<&Segments<'_>>) -> (Vec<u8>, Vec<usize>) {
    let pad = |p: usize, n: usize| match seg {
        Some(s) => s.pad(p + origin, n),
        None => (p + origin).wrapping_neg() & (n - 1),
    };
    let mut b = Vec::new();
    let mut after = Vec::new();
    for &o in ops {
        match o {
            Op::Prim(n) => {
                b.resize(b.len() + pad(b.len(), n), 0xEE);
                b.resize(b.len() + n, 0x11);
            }
            Op::Take(n) => b.resize(b.len() + n, 0x11),
            Op::Str(n) => {
                b.resize(b.len() + pad(b.len(), 4), 0xEE);
                b.extend_from_slice(&(n as u32 + 1).to_le_bytes());
                b.resize(b.len() + n, b'a');
                b.push(0);
            }
        }
        after.push(b.len());
    }
    (b, after)
}

fn replay(r: &mut Reader<'_>, ops: &[Op], after: &[usize]) {
    for (i, (&o, &want)) in ops.iter().zip(after).enumerate() {
        match o {
            Op::Prim(1) => drop(r.read_octet().unwrap()),
            Op::Prim(2) => drop(r.read_ushort().unwrap()),
            Op::Prim(4) => drop(r.read_ulong().unwrap()),
            Op::Prim(_) => drop(r.read_ulonglong().unwrap()),
            Op::Take(n) => assert_eq!(r.take(n).unwrap().len(), n),
            Op::Str(n) => assert_eq!(r.read_string_bytes().unwrap().len(), n),
        }
        assert_eq!(r.position(), want, "after op {i} ({o:?})");
    }
    assert!(r.is_empty());
    assert!(r.read_octet().is_err());
}

proptest! {
    #[test]
    fn segmented_reads_follow_the_segment_rule(
        ops in prop::collection::vec(op(), 0..80),
        origin in 0usize..24,
        gaps in prop::collection::vec(1usize..40, 0..6),
    ) {
        let enc = Encoding::new(ByteOrder::LittleEndian, GiopVersion::V1_1);
        // Segment starts after the origin, ascending.
        let mut starts = Vec::new();
        let mut at = origin;
        for g in gaps {
            at += g;
            starts.push(at);
        }
        let seg = Segments::new(&starts, 12);
        let (bytes, after) = layout(&ops, origin, Some(&seg));
        let mut r = Reader::new(&bytes, enc).with_origin(origin).with_segments(seg);
        replay(&mut r, &ops, &after);

        let (bytes, after) = layout(&ops, origin, None);
        let mut r = Reader::new(&bytes, enc).with_origin(origin);
        replay(&mut r, &ops, &after);
    }

    #[test]
    fn grid_writer_pads_as_the_grid_and_plain_writer_as_cdr(
        sizes in prop::collection::vec(prop::sample::select(vec![1usize, 2, 4, 8]), 0..200),
        data_len in 8usize..64,
    ) {
        let enc = Encoding::new(ByteOrder::BigEndian, GiopVersion::V1_1);
        let grid = FragmentGrid { first_len: 24 + data_len / 2, data_len, header_len: 12 };
        let mut g = Writer::new(enc).with_fragment_grid(grid);
        let mut p = Writer::new(enc);
        let (mut gl, mut pl) = (0usize, 0usize);
        for &n in &sizes {
            gl += grid.pad(gl, n) + n;
            pl += pl.wrapping_neg() & (n - 1);
            pl += n;
            match n {
                1 => { g.write_octet(1); p.write_octet(1) }
                2 => { g.write_ushort(1); p.write_ushort(1) }
                4 => { g.write_ulong(1); p.write_ulong(1) }
                _ => { g.write_ulonglong(1); p.write_ulonglong(1) }
            }
            prop_assert_eq!(g.len(), gl);
            prop_assert_eq!(p.len(), pl);
        }
    }
}

/// The case the cold path exists for, by hand: a string ending exactly at
/// a segment's end, then an 8-aligned item whose alignment restarts in the
/// next segment (relative to where its header would be).
#[test]
fn string_ending_at_a_boundary_then_a_double() {
    let enc = Encoding::new(ByteOrder::LittleEndian, GiopVersion::V1_1);
    // Segment 2 starts at 16; its alignment counts from 4.
    let starts = [16];
    let seg = Segments::new(&starts, 12);
    let mut b = 12u32.to_le_bytes().to_vec();
    b.extend_from_slice(b"abcdefghijk\0");
    assert_eq!(b.len(), 16);
    b.extend_from_slice(&[0xEE; 4]); // 20 - 4 is a multiple of 8
    b.extend_from_slice(&7u64.to_le_bytes());
    let mut r = Reader::new(&b, enc).with_segments(seg);
    assert_eq!(r.read_string_bytes().unwrap(), b"abcdefghijk");
    assert_eq!(r.position(), 16);
    assert_eq!(r.read_ulonglong().unwrap(), 7);
    assert!(r.is_empty());
    // A plain reader reads the padding as the double.
    let mut plain = Reader::new(&b, enc);
    plain.read_string_bytes().unwrap();
    assert_ne!(plain.read_ulonglong().unwrap(), 7);
}
