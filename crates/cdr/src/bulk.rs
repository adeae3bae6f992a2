//! Bulk copies of primitive runs: the inner loops of sequences and arrays
//! (§9.3.2.5 sequences, §9.3.2.4 arrays: the elements follow one another,
//! each aligned on its size, so a run in native order is one copy).
//!
//! Facts measured on this project's machines (glibc 2.36) shape this code:
//! * On one AMD EPYC host glibc's `memcpy` switches to `rep movsb` above
//!   about 2 KiB, which ran 14x slower (1.39 µs against 76 ns for 4 KiB)
//!   when source and destination differ in alignment, as they do when a
//!   sequence's elements follow its 4-octet count. Copying in 1 KiB pieces
//!   avoids it there. On an Intel Xeon host the same unaligned copy ran at
//!   0.98x of an aligned one, and the pieces cost about 20% more
//!   instructions. Which host this is cannot be known when compiling, so
//!   [`copies_in_pieces`] decides once, at first use, by timing both ways
//!   (see there).
//! * The byte-swapping loops only vectorise well with SSSE3/AVX2 shuffles,
//!   which the baseline x86-64 target lacks; `pulp` picks the best
//!   instruction set at run time behind a safe interface (the unsafe
//!   dispatch lives in that crate, not here).

use crate::Primitive;
use std::sync::OnceLock;
use std::time::{Duration, Instant};

/// Piece size when large copies go in pieces: below glibc's `rep movsb`
/// threshold on every host measured.
const PIECE: usize = 1024;

/// Whether large unaligned copies go in [`PIECE`]-sized pieces on this
/// host. Decided once per process, at the first large copy: one 64 KiB
/// copy from a source misaligned by 4 (the layout of a sequence after its
/// count) is timed whole and in pieces, best of 8 rounds each,
/// interleaved. Pieces win only when the whole copy is more than 1.5x
/// slower: the slow `rep movsb` seen on AMD costs 14x, while on hosts
/// without it the two are within a few percent and one copy takes fewer
/// instructions. The probe takes about 50 µs.
pub fn copies_in_pieces() -> bool {
    static DECIDED: OnceLock<bool> = OnceLock::new();
    *DECIDED.get_or_init(whole_copy_is_slow)
}

fn whole_copy_is_slow() -> bool {
    const N: usize = 64 * 1024;
    let src: Vec<u8> = (0..N + 8).map(|i| i as u8).collect();
    let src = &src[4..N + 4];
    let mut dst: Vec<u8> = Vec::with_capacity(N);
    let mut best = [Duration::MAX; 2];
    for _ in 0..8 {
        for (pieces, best) in [false, true].into_iter().zip(&mut best) {
            dst.clear();
            let t = Instant::now();
            if pieces {
                for p in src.chunks(PIECE) {
                    dst.extend_from_slice(p);
                }
            } else {
                dst.extend_from_slice(src);
            }
            std::hint::black_box(&mut dst);
            *best = (*best).min(t.elapsed());
        }
    }
    best[0].as_nanos() * 2 > best[1].as_nanos() * 3
}

/// Appends `src` to `dst`: one copy, or pieces where that is faster (see
/// [`copies_in_pieces`]).
#[inline]
pub(crate) fn append(dst: &mut Vec<u8>, src: &[u8]) {
    if src.len() <= PIECE || !copies_in_pieces() {
        dst.extend_from_slice(src);
        return;
    }
    dst.reserve(src.len());
    for piece in src.chunks(PIECE) {
        dst.extend_from_slice(piece);
    }
}

/// Appends `values` with every element byte-swapped: the output is
/// zero-filled, then swapped into in place. Safe Rust cannot write into a
/// vector's uninitialised capacity, and the zero-fill-free alternative
/// (swap runs of 256 elements into a stack buffer, append each) measured
/// 100,210 instructions for `encode_seq/rust/long_64Ki_be` against 59,704
/// for this (callgrind, `giopbench exec`): glibc's `memset` is cheaper than
/// the extra copy. Re-measured with 4 KiB blocks (u64-aligned, swapped by
/// one `pulp` dispatch, each block appended with one copy): 84,366 against
/// 59,687; the block copies alone (`memcpy`, loads and stores) cost about
/// as much as the whole native-order row.
#[inline]
pub(crate) fn append_swapped<T: Primitive>(dst: &mut Vec<u8>, values: &[T]) {
    let start = dst.len();
    dst.resize(start + values.len() * T::SIZE, 0);
    let out = &mut dst[start..];
    let arch = pulp::Arch::new();
    match bytemuck::try_cast_slice_mut::<u8, T>(out) {
        Ok(out) => arch.dispatch(
            #[inline(always)]
            || {
                for (d, s) in out.iter_mut().zip(values) {
                    *d = s.swap();
                }
            },
        ),
        Err(_) => arch.dispatch(
            #[inline(always)]
            || {
                for (chunk, v) in out.chunks_exact_mut(T::SIZE).zip(values) {
                    chunk.copy_from_slice(bytemuck::bytes_of(&v.swap()));
                }
            },
        ),
    }
}

/// Appends the elements encoded in `bytes` (a whole number of elements),
/// swapping each when `swap` is set.
#[inline]
pub(crate) fn extend_from_bytes<T: Primitive>(out: &mut Vec<T>, bytes: &[u8], swap: bool) {
    out.reserve(bytes.len() / T::SIZE);
    let arch = pulp::Arch::new();
    match (bytemuck::try_cast_slice::<u8, T>(bytes), swap) {
        (Ok(src), false) if bytes.len() <= PIECE || !copies_in_pieces() => {
            out.extend_from_slice(src)
        }
        (Ok(src), false) => {
            for piece in src.chunks(PIECE / T::SIZE) {
                out.extend_from_slice(piece);
            }
        }
        (Ok(src), true) => arch.dispatch(
            #[inline(always)]
            || out.extend(src.iter().map(|v| v.swap())),
        ),
        (Err(_), false) => arch.dispatch(
            #[inline(always)]
            || out.extend(bytes.chunks_exact(T::SIZE).map(T::from_native)),
        ),
        (Err(_), true) => arch.dispatch(
            #[inline(always)]
            || {
                out.extend(
                    bytes
                        .chunks_exact(T::SIZE)
                        .map(|c| T::from_native(c).swap()),
                )
            },
        ),
    }
}
