//! Heap allocation counts for the whole process, whoever allocates: Rust's
//! global allocator, omniORB's `operator new` and GNAT's runtime all end in
//! `malloc`, which `c/alloc_count.c` defines in the executable and forwards
//! to glibc. Only linking this crate turns the counting on; reading is
//! [`snapshot`].

use std::ops::Sub;

#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    pub allocations: u64,
    pub frees: u64,
    pub bytes_allocated: u64,
    pub bytes_freed: u64,
    pub live_bytes: i64,
    pub peak_live_bytes: i64,
}

/// One live block seen by site tracking.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct Block {
    pub ptr: usize,
    pub size: u64,
    pub generation: u32,
    pub frames: u32,
    /// Return addresses, innermost first (the allocator's own frames too).
    pub pc: [usize; 12],
}

mod raw {
    extern "C" {
        pub fn alloc_count_track(on: std::ffi::c_int);
        pub fn alloc_count_checkpoint() -> u32;
        pub fn alloc_count_live_since(gen: u32, out: *mut super::Block, cap: usize) -> usize;
        pub fn alloc_count_untracked() -> u64;
        pub fn alloc_count_snapshot(out: *mut super::Counts);
        pub fn alloc_count_reset_peak();
        pub fn alloc_count_enable(on: std::ffi::c_int);
    }
}

/// The counters now.
pub fn snapshot() -> Counts {
    let mut c = Counts::default();
    // SAFETY: `c` is a valid, writable `Counts` with the C struct's layout
    // (`#[repr(C)]`, same field order and types); the C side only writes it.
    unsafe { raw::alloc_count_snapshot(&mut c) };
    c
}

/// Turns counting on or off (off at start). While off, every allocator
/// call costs one extra load.
pub fn set_enabled(on: bool) {
    // SAFETY: takes a plain integer and only stores to a process-wide atomic.
    unsafe { raw::alloc_count_enable(std::ffi::c_int::from(on)) }
}

/// Counts allocations while `f` runs; returns its result and the change.
pub fn counting<R>(f: impl FnOnce() -> R) -> (R, Counts) {
    set_enabled(true);
    reset_peak();
    let before = snapshot();
    let r = f();
    let d = snapshot() - before;
    set_enabled(false);
    (r, d)
}

/// Turns allocation-site tracking on (emptying its table) or off. While on,
/// every allocation (with counting enabled) records its call stack: slow,
/// for the leak check's diagnosis only.
pub fn set_tracking(on: bool) {
    // SAFETY: takes a plain integer; the C side locks its own table.
    unsafe { raw::alloc_count_track(std::ffi::c_int::from(on)) }
}

/// Starts a new generation of tracked blocks and returns its number.
pub fn checkpoint() -> u32 {
    // SAFETY: no arguments; an atomic increment on the C side.
    unsafe { raw::alloc_count_checkpoint() }
}

/// Fills `out` (up to its capacity, allocated by the caller beforehand so
/// that it is not itself a new block) with the tracked blocks still live
/// that were allocated in generation `gen` or later; returns how many
/// blocks the table had no room for.
pub fn live_since(gen: u32, out: &mut Vec<Block>) -> u64 {
    out.clear();
    let cap = out.capacity();
    // SAFETY: `out` has room for `cap` `Block`s (same `#[repr(C)]` layout
    // as the C struct: pointer, u64, two u32, 12 pointers); the C side
    // writes at most `cap` and returns how many, which is then the length.
    unsafe {
        let n = raw::alloc_count_live_since(gen, out.as_mut_ptr(), cap);
        out.set_len(n.min(cap));
    }
    // SAFETY: reads an atomic counter.
    unsafe { raw::alloc_count_untracked() }
}

/// Starts a new peak measurement from the current live bytes.
pub fn reset_peak() {
    // SAFETY: takes no arguments and only stores to process-wide atomics.
    unsafe { raw::alloc_count_reset_peak() }
}

impl Sub for Counts {
    type Output = Counts;
    /// The change between two snapshots; the peak is kept from `self`
    /// relative to the earlier live bytes.
    fn sub(self, before: Counts) -> Counts {
        Counts {
            allocations: self.allocations - before.allocations,
            frees: self.frees - before.frees,
            bytes_allocated: self.bytes_allocated - before.bytes_allocated,
            bytes_freed: self.bytes_freed - before.bytes_freed,
            live_bytes: self.live_bytes - before.live_bytes,
            peak_live_bytes: self.peak_live_bytes - before.live_bytes,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The counters are process-wide: one test at a time touches them.
    static SERIAL: std::sync::Mutex<()> = std::sync::Mutex::new(());

    #[test]
    fn tracking_finds_blocks_still_live_and_forgets_freed_ones() {
        let _one = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
        set_enabled(true);
        set_tracking(true);
        let mut live = Vec::with_capacity(1024);
        let gen = checkpoint();
        let kept: Vec<u8> = Vec::with_capacity(3000);
        let freed: Vec<u8> = Vec::with_capacity(5000);
        drop(freed);
        let untracked = live_since(gen, &mut live);
        set_tracking(false);
        set_enabled(false);
        assert_eq!(untracked, 0);
        let kept_block = live.iter().find(|b| b.ptr == kept.as_ptr() as usize);
        let kept_block = kept_block.unwrap_or_else(|| panic!("kept block not live: {live:?}"));
        assert!(
            kept_block.size >= 3000 && kept_block.frames >= 3,
            "{kept_block:?}"
        );
        assert!(
            !live.iter().any(|b| (5000..5100).contains(&b.size)),
            "a freed block is still listed: {live:?}"
        );
        drop(kept);
    }

    #[test]
    fn counts_rust_allocations_and_frees() {
        let _one = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
        set_enabled(true);
        let before = snapshot();
        let v: Vec<u8> = Vec::with_capacity(4096);
        let mid = snapshot() - before;
        drop(v);
        let after = snapshot() - before;
        set_enabled(false);
        assert!(mid.allocations >= 1, "{mid:?}");
        assert!(mid.bytes_allocated >= 4096, "{mid:?}");
        assert!(after.frees >= 1, "{after:?}");
        assert!(after.peak_live_bytes >= 4096, "{after:?}");
    }
}
