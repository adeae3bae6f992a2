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

mod raw {
    extern "C" {
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

    #[test]
    fn counts_rust_allocations_and_frees() {
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
