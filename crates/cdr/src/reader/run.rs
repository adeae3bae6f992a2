//! Reading a run of fixed-size primitives with one bounds check
//! ([`Reader::fixed_run`]), the counterpart of [`crate::FixedRun`].

use super::Reader;
use crate::{Error, ErrorKind, Primitive, Result};

/// A run of fixed-size primitives being read ([`Reader::fixed_run`]).
/// When the current segment holds the run's worst-case `N` octets, every
/// member is read from them with no further bounds check; otherwise each
/// is read as alone, with the same values and errors.
#[derive(Debug)]
pub struct FixedRead<'r, 'a, const N: usize> {
    r: &'r mut Reader<'a>,
    /// The `N` octets from the run's start, when the segment holds them.
    block: Option<&'a [u8; N]>,
    /// Where the run started (`r.pos` then).
    start: usize,
    /// Octets of `block` read.
    n: usize,
}

impl<'a> Reader<'a> {
    /// Starts reading a run of fixed-size primitives (generated code reads
    /// a struct's consecutive primitive members this way). `N` is the
    /// run's worst-case size, each member's size plus its size less one
    /// for padding. Each member is aligned on its size (§9.3.1.1) as it
    /// would be alone: every member of a run that fits lies strictly
    /// inside the current segment, where [`Reader::align`] and
    /// [`Reader::take`] take their fast paths, so the block computes the
    /// same positions.
    #[inline(always)]
    pub fn fixed_run<const N: usize>(&mut self) -> FixedRead<'_, 'a, N> {
        let cur: &'a [u8] = self.cur;
        let block = cur.get(self.pos..).and_then(|rest| rest.first_chunk::<N>());
        let start = self.pos;
        FixedRead {
            r: self,
            block,
            start,
            n: 0,
        }
    }
}

impl<const N: usize> FixedRead<'_, '_, N> {
    /// Offset in `block` of the next member of `size` octets, after its
    /// padding; advances past it.
    #[inline(always)]
    fn next_at(&mut self, size: usize) -> usize {
        let p = self.start + self.n;
        let pad = p.wrapping_add(self.r.align_origin).wrapping_neg() & (size - 1);
        let at = self.n + pad;
        self.n = at + size;
        self.r.pos = self.start + self.n;
        at
    }

    /// The absolute offset of the next member, before its padding (where
    /// [`Reader::absolute_position`] would be).
    #[inline(always)]
    pub fn absolute_position(&self) -> usize {
        self.r.absolute_position()
    }

    /// One primitive aligned on its size, in the stream's byte order
    /// (§9.3.1.1 to §9.3.1.3).
    #[inline(always)]
    pub fn get<T: Primitive>(&mut self) -> Result<T> {
        match self.block {
            Some(block) => {
                let at = self.next_at(T::SIZE);
                Ok(T::from_order(&block[at..at + T::SIZE], self.r.enc.order))
            }
            None => {
                // As `read`, or `read_octet` for one octet (no alignment).
                if T::SIZE > 1 {
                    self.r.align(T::SIZE)?;
                }
                let b = self.r.take(T::SIZE)?;
                Ok(T::from_order(b, self.r.enc.order))
            }
        }
    }

    /// `boolean`: only 0 and 1 are valid (§9.3.1.5).
    #[inline(always)]
    pub fn get_bool(&mut self) -> Result<bool> {
        match self.block {
            Some(block) => {
                let at = self.next_at(1);
                match block[at] {
                    0 => Ok(false),
                    1 => Ok(true),
                    b => Err(Error::new(
                        ErrorKind::InvalidBoolean(b),
                        self.r.abs + self.start + at,
                    )),
                }
            }
            None => self.r.read_bool(),
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::{ByteOrder, Encoding, GiopVersion, Reader, Result, Segments};

    /// The members of the run under test: octet, boolean, short, long,
    /// long long, double (the worst case: 1 + 1 + 3 + 7 + 15 + 15).
    const N: usize = 42;
    type Members = (u8, bool, i16, i32, i64, f64);

    fn one_by_one(r: &mut Reader<'_>) -> Result<Members> {
        Ok((
            r.read_octet()?,
            r.read_bool()?,
            r.read_short()?,
            r.read_long()?,
            r.read_longlong()?,
            r.read_double()?,
        ))
    }

    fn as_run(r: &mut Reader<'_>) -> Result<Members> {
        let mut run = r.fixed_run::<N>();
        Ok((
            run.get::<u8>()?,
            run.get_bool()?,
            run.get::<i16>()?,
            run.get::<i32>()?,
            run.get::<i64>()?,
            run.get::<f64>()?,
        ))
    }

    /// A run reads what the members read one by one do, with the same
    /// errors and end position: at every start offset, for every
    /// truncation, with a bad boolean, and across a segment boundary at
    /// every place.
    #[test]
    fn a_run_reads_as_its_members_one_by_one() {
        let mut bytes: Vec<u8> = (0u8..64).map(|i| i.wrapping_mul(37)).collect();
        for order in [ByteOrder::BigEndian, ByteOrder::LittleEndian] {
            let enc = Encoding::new(order, GiopVersion::V1_1);
            // 1 is a valid boolean, 7 is not.
            for boolean in [1, 7] {
                bytes[1..9].fill(boolean);
                for skip in 0..8 {
                    for end in skip..bytes.len() {
                        for boundary in [None, Some(skip + 1), Some(skip + 3), Some(skip + 9)] {
                            let starts = boundary.map(|b| [b]);
                            let reader = || {
                                let r = Reader::new(&bytes[..end], enc);
                                let mut r = match &starts {
                                    Some(s) => r.with_segments(Segments::new(s, 12)),
                                    None => r,
                                };
                                r.take(skip).map(|_| r)
                            };
                            let (Ok(mut a), Ok(mut b)) = (reader(), reader()) else {
                                continue;
                            };
                            let expected = one_by_one(&mut a);
                            let got = as_run(&mut b);
                            let what =
                                format!("{order:?} skip {skip} end {end} boundary {boundary:?}");
                            assert_eq!(format!("{got:?}"), format!("{expected:?}"), "{what}");
                            if expected.is_ok() {
                                assert_eq!(b.position(), a.position(), "{what}");
                            }
                        }
                    }
                }
            }
        }
    }
}
