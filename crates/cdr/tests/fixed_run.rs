//! `Writer::fixed_run` writes the same octets, padding ranges included,
//! as the same primitives written one by one (§9.3.1.1 alignment), in
//! both byte orders, from every start offset, and across GIOP 1.1
//! Fragment boundaries whose padding overflows the run's block.

use corba_cdr::{ByteOrder, Encoding, FragmentGrid, GiopVersion, Writer};

fn one_by_one<S: corba_cdr::Sink>(w: &mut Writer<S>, k: u8) {
    w.write_bool(k % 2 == 1);
    w.write_double(f64::from(k) * 1.5);
    w.write_short(-i16::from(k));
    w.write_octet(k);
    w.write_long(i32::from(k) << 20);
    w.write_ulonglong(u64::from(k) << 40);
}

fn as_run<S: corba_cdr::Sink>(w: &mut Writer<S>, k: u8) {
    // Worst case: sum of (2 * size - 1) over the members.
    let mut run = w.fixed_run::<{ 1 + 15 + 3 + 1 + 7 + 15 }>();
    run.put_bool(k % 2 == 1);
    run.put(f64::from(k) * 1.5);
    run.put(-i16::from(k));
    run.put(k);
    run.put(i32::from(k) << 20);
    run.put(u64::from(k) << 40);
    run.finish();
}

#[test]
fn a_run_writes_what_single_writes_write() {
    for order in [ByteOrder::BigEndian, ByteOrder::LittleEndian] {
        let enc = Encoding::new(order, GiopVersion::V1_2);
        for lead in 0..8u8 {
            let mut a = Writer::new(enc).track_padding();
            let mut b = Writer::new(enc).track_padding();
            for k in 0..lead {
                a.write_octet(k);
                b.write_octet(k);
            }
            for k in 0..5 {
                one_by_one(&mut a, k + lead);
                as_run(&mut b, k + lead);
            }
            assert_eq!(a.padding(), b.padding(), "lead {lead}");
            assert_eq!(a.into_inner(), b.into_inner(), "lead {lead}");
        }
    }
}

#[test]
fn a_run_across_fragment_boundaries_matches_single_writes() {
    let enc = Encoding::new(ByteOrder::LittleEndian, GiopVersion::V1_1);
    for data_len in [8usize, 16, 24, 40] {
        let grid = FragmentGrid {
            first_len: 24 + data_len / 2,
            data_len,
            header_len: 12,
        };
        let mut a = Writer::new(enc).with_fragment_grid(grid);
        let mut b = Writer::new(enc).with_fragment_grid(grid);
        for k in 0..20 {
            one_by_one(&mut a, k);
            as_run(&mut b, k);
        }
        assert_eq!(a.into_inner(), b.into_inner(), "data_len {data_len}");
    }
}
