//! Alignment that restarts at each segment of a stream: the data of GIOP 1.1
//! Fragment messages (CORBA 3.x Part 2, §9.4.9: "the data in a fragment is
//! marshaled with alignment relative to its position in the fragment").
//!
//! A reassembled GIOP 1.1 message is the first part followed by each
//! Fragment's data (which starts 12 octets after that Fragment's header).
//! Inside segment `k`, alignment counts from where its Fragment's header
//! would be: `start_k - header_len`. A sender that cannot fit an aligned
//! primitive in the rest of a Fragment (omniORB) ends the Fragment after
//! the padding it had written and pads again at the start of the next one;
//! [`Segments::pad`] reproduces both parts of that padding.
//!
//! Padding that reaches the end of a segment continues in the next one,
//! aligned there; an item that starts before a segment's end is read where
//! it starts, even if it runs into the next segment (a splitter of
//! marshalled octets such as `corba_giop::fragment::split` produces that,
//! with every Fragment's alignment equal to the whole message's). omniORB
//! ends its 1.1 parts at multiples of 8 from their header, so an 8-aligned
//! item of it starts at least 8 octets before the end or at the end; only a
//! 16-octet long double could start within 8 octets of the end, and its
//! move to the next Fragment is not reproduced.

// Cost on the plain path: none. The hooks were first in `Reader::align` and
// `Writer::align` (measured 2026-12-02, callgrind, release, a throwaway
// example writing then reading 100,000 × (octet, ulong, double) in one
// buffer, no segments: 20,735,735 instructions before the hooks, 23,140,360
// with both, +11.6%). Now a reader limits its fast path to the current
// segment (`Reader::take` and `Reader::align` already compare with the end
// of their slice; with segments that slice ends at the boundary, and only
// the cold path consults these rules), and a writer aligns through its
// `Sink`, so only the fragmenting sink (`crate::FragmentSink`) knows of a
// grid.

/// The stream positions where segments start (ascending), and the length
/// of the header each segment's alignment counts from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Segments<'a> {
    starts: &'a [usize],
    header_len: usize,
}

impl<'a> Segments<'a> {
    /// `starts`: stream positions (the same coordinates as a reader's
    /// origin) of each segment after the first, ascending; the first
    /// segment aligns from 0. `header_len`: octets of header before each
    /// later segment's data (12 for GIOP 1.1 Fragments).
    pub fn new(starts: &'a [usize], header_len: usize) -> Segments<'a> {
        Segments { starts, header_len }
    }

    /// Octets to skip at stream position `p` before an item aligned on `n`
    /// (a power of two): the padding relative to the current segment, or,
    /// when that padding reaches the next segment, the rest of this segment
    /// plus the padding at the start of the next.
    pub fn pad(&self, p: usize, n: usize) -> usize {
        let (base, next) = self.around(p);
        pad_at(p, n, base, next, self.header_len)
    }

    /// For stream position `p`: the position the alignment of its segment
    /// counts from, and where the next segment starts (if one does).
    pub(crate) fn around(&self, p: usize) -> (usize, Option<usize>) {
        let k = self.starts.partition_point(|&s| s <= p);
        let base = match k {
            0 => 0,
            _ => self.starts[k - 1].saturating_sub(self.header_len),
        };
        (base, self.starts.get(k).copied())
    }
}

/// The padding rule of [`Segments::pad`] for position `p` in a segment
/// aligned from `base`, the next segment (if any) starting at `next`.
fn pad_at(p: usize, n: usize, base: usize, next: Option<usize>, header_len: usize) -> usize {
    let pad = p.wrapping_sub(base).wrapping_neg() & (n - 1);
    match next {
        Some(next) if p + pad >= next => next - p + (header_len.wrapping_neg() & (n - 1)),
        _ => pad,
    }
}

/// Fixed-size GIOP 1.1 parts for a writer (omniORB's layout): the first
/// part is `first_len` octets, header included, and every Fragment after it
/// carries `data_len` octets after its `header_len`-octet header. Positions
/// are stream positions of the message without the Fragment headers (the
/// concatenation a reassembler builds), so a [`Segments`] reader with the
/// same boundaries reads what a writer with this grid wrote.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FragmentGrid {
    pub first_len: usize,
    pub data_len: usize,
    pub header_len: usize,
}

impl FragmentGrid {
    /// Where segment `k` (1-based: the `k`-th Fragment) starts.
    pub fn start(&self, k: usize) -> usize {
        self.first_len + (k - 1) * self.data_len
    }

    /// As [`Segments::pad`], for this grid's boundaries.
    pub fn pad(&self, p: usize, n: usize) -> usize {
        let k = if p < self.first_len {
            0
        } else {
            1 + (p - self.first_len) / self.data_len.max(1)
        };
        let base = match k {
            0 => 0,
            _ => self.start(k).saturating_sub(self.header_len),
        };
        pad_at(p, n, base, Some(self.start(k + 1)), self.header_len)
    }
}

#[cfg(test)]
mod tests {
    use super::Segments;

    #[test]
    fn pads_relative_to_each_segment() {
        // First part 0..8192, a Fragment's data from 8192 (its header at
        // 8180), the next from 16372 (header at 16360).
        let starts = [8192, 16372];
        let s = Segments::new(&starts, 12);
        assert_eq!(s.pad(8, 8), 0);
        assert_eq!(s.pad(9, 8), 7);
        // Inside the second segment 8-alignment is relative to 8180.
        assert_eq!(s.pad(8192, 8), 4);
        assert_eq!(s.pad(8196, 8), 0);
        assert_eq!(s.pad(8193, 4), 3);
        // A double that does not fit at 8188: 4 octets of padding end the
        // first part, 4 more start the Fragment.
        assert_eq!(s.pad(8188, 8), 8);
        assert_eq!(s.pad(8186, 8), 10);
        // A long at 8188 fits exactly.
        assert_eq!(s.pad(8188, 4), 0);
        // A splitter's Fragments at ≡ 4 (mod 8): an item may straddle.
        let split = [8188];
        let s2 = Segments::new(&split, 12);
        assert_eq!(s2.pad(8184, 8), 0);
        assert_eq!(s2.pad(8186, 8), 6);
        assert_eq!(s2.pad(8190, 8), 2);
        // The same boundaries as a periodic grid.
        let g = super::FragmentGrid {
            first_len: 8192,
            data_len: 8180,
            header_len: 12,
        };
        for p in 8000..16600 {
            for n in [1, 2, 4, 8] {
                assert_eq!(g.pad(p, n), s.pad(p, n), "p {p} n {n}");
            }
        }
        // Past the last start, alignment counts from its header.
        assert_eq!(s.pad(16372, 8), 4);
        assert_eq!(s.pad(16376, 8), 0);
    }
}
