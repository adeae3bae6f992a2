//! The leak check on operations whose heap behaviour is known: one that
//! keeps 64 bytes per call reads 64 B/call growth and names the function
//! that allocated them; one that frees memory it got before the
//! measurement (a cache drained) reads 0, never a negative leak.

use giopbench::measure::allocations;
use giopbench::prepared::{BenchId, Operation, Prepared};
use std::cell::RefCell;
use std::rc::Rc;

/// The allocation counters are process-wide: one test at a time.
static SERIAL: std::sync::Mutex<()> = std::sync::Mutex::new(());

// One heap block per call is the point: a Vec<[u8; 64]> would grow in
// doubling steps instead.
#[allow(clippy::vec_box)]
#[inline(never)]
fn keep_64_bytes(store: &RefCell<Vec<Box<[u8; 64]>>>) {
    store
        .borrow_mut()
        .push(std::hint::black_box(Box::new([7u8; 64])));
}

#[test]
fn a_steady_leak_is_measured_and_located() {
    let _one = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let store = Rc::new(RefCell::new(Vec::with_capacity(100_000)));
    let s = store.clone();
    let mut p = Prepared::new(
        BenchId::new(Operation::EncodeSeq, "leaky", "x"),
        64,
        Box::new(move || {
            keep_64_bytes(&s);
            Ok(())
        }),
    );
    let a = allocations(&mut p, 200).unwrap();
    // malloc's usable size for 64 bytes is 72 on glibc x86-64.
    assert!(
        (64.0..=80.0).contains(&a.heap_growth_per_op),
        "growth {a:?}"
    );
    let sites = giopbench::leak::growth_sites(&mut p, 200);
    assert!(!sites.is_empty());
    assert!(
        sites[0].contains("in 200 blocks") && sites[0].contains("leak_check"),
        "{sites:?}"
    );
}

#[test]
fn freeing_older_memory_does_not_read_as_a_negative_leak() {
    let _one = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    // A cache filled before measuring, drained one entry per call.
    let cache: Rc<RefCell<Vec<Vec<u8>>>> =
        Rc::new(RefCell::new((0..2000).map(|_| vec![0u8; 256]).collect()));
    let c = cache.clone();
    let mut p = Prepared::new(
        BenchId::new(Operation::DecodeSeq, "drain", "x"),
        0,
        Box::new(move || {
            drop(c.borrow_mut().pop());
            Ok(())
        }),
    );
    let a = allocations(&mut p, 100).unwrap();
    assert_eq!(a.heap_growth_per_op, 0.0, "{a:?}");
    assert_eq!(a.allocs_per_op, 0.0, "{a:?}");
}
