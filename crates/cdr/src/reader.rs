use crate::codeset::{CharCodeSet, Utf16Style};
use crate::text;
use crate::{
    ByteOrder, Encoding, Error, ErrorKind, Fixed, GiopVersion, LongDouble, Primitive, Result,
};

mod run;
pub use run::FixedRead;

/// CDR decoder: a cursor over a byte slice that knows its position, byte
/// order and alignment origin. Nothing it returns borrows beyond `'a`, and
/// every length read from the wire is checked against the bytes left before
/// anything is allocated.
///
/// The hot paths ([`Reader::align`], [`Reader::take`]) are plain CDR: one
/// mask for the padding and one comparison with the end of `cur`. GIOP 1.1
/// Fragment-relative alignment ([`Reader::with_segments`]) costs them
/// nothing: `cur` then ends where the current segment ends, so an item
/// that runs past the boundary, or an alignment at or past it, fails that
/// comparison, and the cold path applies [`crate::Segments`]' rule and
/// moves to the next segment.
#[derive(Clone, Debug)]
pub struct Reader<'a> {
    /// The whole slice.
    buf: &'a [u8],
    /// `buf` up to the end of the current segment (all of `buf` without
    /// segments). Invariant: `pos <= cur.len()`. At `pos == cur.len()` the
    /// next alignment goes the cold way (its comparison is strict), which
    /// moves to the next segment before anything aligned is read.
    cur: &'a [u8],
    pos: usize,
    /// Stream position of `buf[0]`, for alignment only.
    origin: usize,
    /// What alignment counts from: `origin` less the current segment's
    /// base (wrapping; only its low bits matter), so `pos + align_origin`
    /// is the position to align.
    align_origin: usize,
    /// Offset of `buf[0]` in the outermost input, for error offsets and
    /// indirections.
    abs: usize,
    enc: Encoding,
    /// GIOP 1.1 fragment-relative alignment, see [`crate::Segments`].
    segments: Option<crate::Segments<'a>>,
}

impl<'a> Reader<'a> {
    /// A reader over `buf`, aligned from position 0.
    pub fn new(buf: &'a [u8], enc: Encoding) -> Self {
        Reader {
            buf,
            cur: buf,
            pos: 0,
            origin: 0,
            align_origin: 0,
            abs: 0,
            enc,
            segments: None,
        }
    }

    /// Sets the stream position of `buf[0]` for alignment (for example 12
    /// for a GIOP body that follows its header, §9.4).
    pub fn with_origin(mut self, origin: usize) -> Self {
        self.origin = origin;
        self.enter_segment();
        self
    }

    /// Aligns per segment (GIOP 1.1 Fragment data, see [`crate::Segments`]);
    /// the segments' positions are in the coordinates of
    /// [`Reader::with_origin`]. Encapsulations read from this reader align
    /// from their own start, as always.
    pub fn with_segments(mut self, segments: crate::Segments<'a>) -> Self {
        self.segments = Some(segments);
        self.enter_segment();
        self
    }

    /// Sets `cur` and `align_origin` for the segment holding the current
    /// position (the whole slice, aligned from `origin`, without segments).
    fn enter_segment(&mut self) {
        let Some(s) = &self.segments else {
            self.cur = self.buf;
            self.align_origin = self.origin;
            return;
        };
        let (base, next) = s.around(self.pos + self.origin);
        self.align_origin = self.origin.wrapping_sub(base);
        let end = next.map_or(self.buf.len(), |n| (n - self.origin).min(self.buf.len()));
        self.cur = &self.buf[..end];
    }

    /// Sets the offset of `buf[0]` within the outermost input, so errors and
    /// absolute positions refer to that input.
    pub fn with_absolute_offset(mut self, abs: usize) -> Self {
        self.abs = abs;
        self
    }

    pub fn encoding(&self) -> Encoding {
        self.enc
    }
    pub fn order(&self) -> ByteOrder {
        self.enc.order
    }
    pub fn giop(&self) -> GiopVersion {
        self.enc.giop
    }
    /// Changes the byte order for what follows (GIOP fragments each carry
    /// their own flag).
    pub fn set_order(&mut self, order: ByteOrder) {
        self.enc.order = order;
    }

    /// Position within this reader's slice.
    pub fn position(&self) -> usize {
        self.pos
    }
    /// Position within the outermost input.
    pub fn absolute_position(&self) -> usize {
        self.abs + self.pos
    }
    /// Offset of this reader's first byte in the outermost input.
    pub fn absolute_start(&self) -> usize {
        self.abs
    }
    pub fn remaining(&self) -> usize {
        self.buf.len() - self.pos
    }
    pub fn is_empty(&self) -> bool {
        self.remaining() == 0
    }
    /// The whole slice this reader walks.
    pub fn buffer(&self) -> &'a [u8] {
        self.buf
    }
    /// The bytes not yet read.
    pub fn rest(&self) -> &'a [u8] {
        &self.buf[self.pos..]
    }

    /// An error of `kind` at the current position.
    pub fn error(&self, kind: ErrorKind) -> Error {
        Error::new(kind, self.absolute_position())
    }

    /// Moves to `pos` within this slice (for example to resolve an
    /// indirection already checked by the caller).
    pub fn seek(&mut self, pos: usize) -> Result<()> {
        if pos > self.buf.len() {
            return Err(self.error(ErrorKind::Truncated {
                needed: pos - self.pos.min(pos),
                available: self.remaining(),
            }));
        }
        self.pos = pos;
        self.enter_segment();
        Ok(())
    }

    /// Fails unless every byte was consumed.
    pub fn finish(&self) -> Result<()> {
        match self.remaining() {
            0 => Ok(()),
            n => Err(self.error(ErrorKind::TrailingBytes(n))),
        }
    }

    /// Takes the next `n` bytes as a sub-slice.
    #[inline(always)]
    pub fn take(&mut self, n: usize) -> Result<&'a [u8]> {
        if n <= self.cur.len() - self.pos {
            let s = &self.cur[self.pos..self.pos + n];
            self.pos += n;
            return Ok(s);
        }
        self.take_cold(n)
    }

    /// [`Reader::take`] reaching the end of the slice or of a segment: an
    /// item that starts in one segment is read where it starts, even when
    /// it runs into the next (see [`crate::Segments`]).
    #[cold]
    #[inline(never)]
    fn take_cold(&mut self, n: usize) -> Result<&'a [u8]> {
        if n > self.remaining() {
            return Err(self.error(ErrorKind::Truncated {
                needed: n,
                available: self.remaining(),
            }));
        }
        let s = &self.buf[self.pos..self.pos + n];
        self.pos += n;
        self.enter_segment();
        Ok(s)
    }

    /// Skips the padding before an item aligned on `n` (a power of two)
    /// (§9.3.1.1): `(pos + n - 1) & !(n - 1)` relative to the origin.
    /// Padding values are undefined, so they are not checked.
    #[inline(always)]
    pub fn align(&mut self, n: usize) -> Result<()> {
        let pad = (self.pos.wrapping_add(self.align_origin)).wrapping_neg() & (n - 1);
        // Strict: aligning at a segment's end is aligning in the next one.
        if pad < self.cur.len() - self.pos {
            self.pos += pad;
            return Ok(());
        }
        self.align_cold(n)
    }

    /// [`Reader::align`] whose padding reaches the end of the slice or of a
    /// segment: there the padding continues in the next segment, aligned
    /// relative to it ([`crate::Segments::pad`]).
    #[cold]
    #[inline(never)]
    fn align_cold(&mut self, n: usize) -> Result<()> {
        let p = self.pos + self.origin;
        let pad = match &self.segments {
            None => p.wrapping_neg() & (n - 1),
            Some(s) => s.pad(p, n),
        };
        if pad > self.remaining() {
            return Err(self.error(ErrorKind::Truncated {
                needed: pad,
                available: self.remaining(),
            }));
        }
        self.pos += pad;
        self.enter_segment();
        Ok(())
    }

    /// One aligned primitive in the stream's byte order.
    #[inline(always)]
    pub fn read<T: Primitive>(&mut self) -> Result<T> {
        self.align(T::SIZE)?;
        let b = self.take(T::SIZE)?;
        Ok(T::from_order(b, self.enc.order))
    }

    #[inline]
    pub fn read_octet(&mut self) -> Result<u8> {
        Ok(self.take(1)?[0])
    }
    /// `boolean`: only 0 and 1 are valid (§9.3.1.5).
    #[inline]
    pub fn read_bool(&mut self) -> Result<bool> {
        match self.read_octet()? {
            0 => Ok(false),
            1 => Ok(true),
            b => Err(Error::new(
                ErrorKind::InvalidBoolean(b),
                self.absolute_position() - 1,
            )),
        }
    }
    #[inline]
    pub fn read_char(&mut self) -> Result<u8> {
        self.read_octet()
    }
    #[inline]
    pub fn read_short(&mut self) -> Result<i16> {
        self.read()
    }
    #[inline]
    pub fn read_ushort(&mut self) -> Result<u16> {
        self.read()
    }
    #[inline]
    pub fn read_long(&mut self) -> Result<i32> {
        self.read()
    }
    #[inline]
    pub fn read_ulong(&mut self) -> Result<u32> {
        self.read()
    }
    #[inline]
    pub fn read_longlong(&mut self) -> Result<i64> {
        self.read()
    }
    #[inline]
    pub fn read_ulonglong(&mut self) -> Result<u64> {
        self.read()
    }
    #[inline]
    pub fn read_float(&mut self) -> Result<f32> {
        self.read()
    }
    #[inline]
    pub fn read_double(&mut self) -> Result<f64> {
        self.read()
    }
    #[inline]
    pub fn read_enum(&mut self) -> Result<u32> {
        self.read()
    }

    /// `long double`: 16 octets aligned on 8 (§9.3.1.1).
    pub fn read_long_double(&mut self) -> Result<LongDouble> {
        self.align(8)?;
        let b: [u8; 16] = self.take(16)?.try_into().unwrap_or([0; 16]);
        Ok(LongDouble(match self.enc.order {
            ByteOrder::BigEndian => u128::from_be_bytes(b),
            ByteOrder::LittleEndian => u128::from_le_bytes(b),
        }))
    }

    /// `fixed<digits, scale>`: packed decimal (§9.3.2.8).
    pub fn read_fixed(&mut self, digits: u16, scale: u16) -> Result<Fixed> {
        let at = self.absolute_position();
        if digits > crate::fixed::MAX_FIXED_DIGITS || scale > digits {
            return Err(Error::new(ErrorKind::FixedTooManyDigits(digits), at));
        }
        let b = self.take(Fixed::encoded_len(digits))?;
        Fixed::read_packed(b, digits, scale).map_err(|k| Error::new(k, at))
    }

    /// Reads an `unsigned long` count of elements that each take at least
    /// `min_size` bytes, and checks (with checked arithmetic) that they can
    /// fit in what is left, before the caller allocates anything.
    #[inline(always)]
    pub fn read_count(&mut self, min_size: usize) -> Result<usize> {
        let at = self.absolute_position();
        let n = self.read_ulong()?;
        self.check_count(n, min_size).map_err(|k| Error::new(k, at))
    }

    /// Checks that `n` elements of at least `min_size` bytes each can fit in
    /// the bytes left.
    #[inline(always)]
    pub fn check_count(&self, n: u32, min_size: usize) -> core::result::Result<usize, ErrorKind> {
        let n = n as usize;
        let need = n.checked_mul(min_size);
        match need {
            Some(need) if need <= self.remaining() => Ok(n),
            _ => Err(ErrorKind::LengthTooLarge {
                length: n as u64,
                available: self.remaining(),
            }),
        }
    }

    /// `string` octets without the NUL, not converted (§9.3.2.7): the
    /// length counts the terminating NUL, so 0 is invalid.
    ///
    /// One comparison on the fast path covers the length's range (not 0,
    /// within the current segment); the cold path reports what is wrong.
    #[inline(always)]
    pub fn read_string_bytes(&mut self) -> Result<&'a [u8]> {
        let at = self.absolute_position();
        let n = match self.read_ulong() {
            Ok(n) => n as usize,
            Err(e) => return Err(Error::new(e.kind, at)),
        };
        // 1 <= n <= the octets left in the segment.
        if n.wrapping_sub(1) < self.cur.len() - self.pos {
            let b = &self.cur[self.pos..self.pos + n];
            if let Some((0, body)) = b.split_last() {
                self.pos += n;
                return Ok(body);
            }
        }
        self.string_bytes_cold(at, n)
    }

    /// [`Reader::read_string_bytes`] after its length `n` (read at `at`),
    /// for everything but a terminated string inside the current segment.
    #[cold]
    #[inline(never)]
    fn string_bytes_cold(&mut self, at: usize, n: usize) -> Result<&'a [u8]> {
        let n = u32::try_from(n).unwrap_or(u32::MAX);
        let n = self.check_count(n, 1).map_err(|k| Error::new(k, at))?;
        if n == 0 {
            return Err(Error::new(ErrorKind::StringLengthZero, at));
        }
        let b = self.take(n)?;
        match b.split_last() {
            Some((0, body)) => Ok(body),
            _ => Err(Error::new(
                ErrorKind::StringNotTerminated,
                self.absolute_position() - 1,
            )),
        }
    }

    /// `string` converted from the transmission code set (§9.3.2.7).
    #[inline]
    pub fn read_string(&mut self) -> Result<String> {
        let mut s = String::new();
        self.read_string_into(&mut s)?;
        Ok(s)
    }

    /// [`Reader::read_string`] into `out` (replaced; its capacity is reused,
    /// so decoding into an existing value does not allocate while it
    /// suffices). One pass over the octets for ASCII text.
    #[inline(always)]
    pub fn read_string_into(&mut self, out: &mut String) -> Result<()> {
        let at = self.absolute_position();
        let b = self.read_string_bytes()?;
        match self.enc.char_code_set {
            CharCodeSet::Utf8 => text::utf8_into(b, out).map_err(|k| Error::new(k, at)),
            CharCodeSet::Iso8859_1 => {
                text::latin1_into(b, out);
                Ok(())
            }
        }
    }

    /// A `string` in ISO-8859-1 whatever the negotiated code set (GIOP
    /// header fields such as operation names and repository ids, which
    /// code set negotiation does not cover, §13.10.2.6): every octet is one
    /// character, so any input is accepted.
    #[inline]
    pub fn read_latin1_string_into(&mut self, out: &mut String) -> Result<()> {
        let b = self.read_string_bytes()?;
        text::latin1_into(b, out);
        Ok(())
    }

    /// A bounded `string<bound>`; the bound counts characters without the
    /// NUL (§9.3.2.7), which for both code sets here is the octet count
    /// (ISO-8859-1: one octet a character; UTF-8: the bound counts octets,
    /// as the TypeCode-driven decoder does).
    pub fn read_string_bounded(&mut self, bound: u32) -> Result<String> {
        let mut s = String::new();
        self.read_string_bounded_into(bound, &mut s)?;
        Ok(s)
    }

    /// [`Reader::read_string_bounded`] into `out` (see
    /// [`Reader::read_string_into`]).
    pub fn read_string_bounded_into(&mut self, bound: u32, out: &mut String) -> Result<()> {
        let at = self.absolute_position();
        let b = self.read_string_bytes()?;
        match self.enc.char_code_set {
            CharCodeSet::Utf8 => text::utf8_into(b, out).map_err(|k| Error::new(k, at))?,
            CharCodeSet::Iso8859_1 => text::latin1_into(b, out),
        }
        let n = b.len();
        if bound != 0 && n > bound as usize {
            return Err(Error::new(
                ErrorKind::BoundExceeded {
                    length: n as u64,
                    bound,
                },
                at,
            ));
        }
        Ok(())
    }

    fn wide_allowed(&self) -> Result<()> {
        if self.enc.giop == GiopVersion::V1_0 {
            Err(self.error(ErrorKind::WideCharInGiop10))
        } else {
            Ok(())
        }
    }

    fn unmarked_order(&self) -> ByteOrder {
        match self.enc.utf16 {
            Utf16Style::Spec | Utf16Style::OmniOrb => ByteOrder::BigEndian,
            Utf16Style::StreamOrder => self.enc.order,
        }
    }

    /// A leading BOM decides the order of the units after it; without one
    /// the style's rule applies. Returns the order and the units' bytes.
    fn split_bom<'b>(&self, b: &'b [u8]) -> (ByteOrder, &'b [u8]) {
        match b {
            [0xFE, 0xFF, rest @ ..] => (ByteOrder::BigEndian, rest),
            [0xFF, 0xFE, rest @ ..] => (ByteOrder::LittleEndian, rest),
            _ => (self.unmarked_order(), b),
        }
    }

    /// `wchar` as one UTF-16 unit, by GIOP version (§9.3.1.6).
    pub fn read_wchar(&mut self) -> Result<u16> {
        self.wide_allowed()?;
        if self.enc.giop == GiopVersion::V1_1 {
            return self.read_ushort();
        }
        let at = self.absolute_position();
        let n = self.read_octet()?;
        if n != 2 && n != 4 {
            return Err(Error::new(ErrorKind::InvalidWcharLength(n), at));
        }
        let b = self.take(usize::from(n))?;
        if n == 2 {
            // Two octets are the unit itself, even if they look like a BOM.
            return Ok(u16::from_order(b, self.unmarked_order()));
        }
        match self.split_bom(b) {
            (order, unit) if unit.len() == 2 => Ok(u16::from_order(unit, order)),
            _ => Err(Error::new(ErrorKind::InvalidWcharLength(n), at)),
        }
    }

    /// `wstring` in UTF-16, by GIOP version (§9.3.2.7).
    #[inline]
    pub fn read_wstring(&mut self) -> Result<String> {
        let mut s = String::new();
        self.read_wstring_into(&mut s)?;
        Ok(s)
    }

    /// [`Reader::read_wstring`] into `out` (replaced, capacity reused).
    pub fn read_wstring_into(&mut self, out: &mut String) -> Result<()> {
        self.wide_allowed()?;
        let at = self.absolute_position();
        if self.enc.giop == GiopVersion::V1_1 {
            // GIOP 1.1: a count of units including a NUL unit, units in
            // stream order (§9.3.2.7).
            let n = self.read_count(2)?;
            if n == 0 {
                return Err(Error::new(ErrorKind::StringLengthZero, at));
            }
            let b = self.take(2 * n)?;
            let (body, nul) = b.split_at(2 * n - 2);
            if nul != [0, 0] {
                return Err(Error::new(
                    ErrorKind::StringNotTerminated,
                    self.absolute_position() - 2,
                ));
            }
            return text::utf16_into(body, self.enc.order, out).map_err(|k| Error::new(k, at));
        }
        // GIOP 1.2: an octet count, no NUL, an optional BOM (§9.3.2.7).
        let len = self.read_ulong()?;
        let n = self.check_count(len, 1).map_err(|k| Error::new(k, at))?;
        if n % 2 != 0 {
            return Err(Error::new(ErrorKind::OddWstringLength(len), at));
        }
        let b = self.take(n)?;
        let (order, units) = self.split_bom(b);
        text::utf16_into(units, order, out).map_err(|k| Error::new(k, at))
    }

    /// `count` primitive elements in bulk, appended to `out`: one copy in
    /// native order, one swapping pass otherwise. The byte count is checked
    /// before `out` grows.
    #[inline]
    pub fn read_slice_into<T: Primitive>(&mut self, count: usize, out: &mut Vec<T>) -> Result<()> {
        if count == 0 {
            return Ok(());
        }
        self.align(T::SIZE)?;
        let nbytes = match count.checked_mul(T::SIZE) {
            Some(n) if n <= self.remaining() => n,
            _ => {
                return Err(self.error(ErrorKind::LengthTooLarge {
                    length: count as u64,
                    available: self.remaining(),
                }))
            }
        };
        let bytes = self.take(nbytes)?;
        crate::bulk::extend_from_bytes(out, bytes, !self.enc.order.is_native());
        Ok(())
    }

    /// `sequence<T>` of a primitive (§9.3.2.5).
    pub fn read_sequence<T: Primitive>(&mut self) -> Result<Vec<T>> {
        let n = self.read_count(T::SIZE)?;
        let mut v = Vec::with_capacity(n);
        self.read_slice_into(n, &mut v)?;
        Ok(v)
    }

    /// `sequence<boolean>`, each element validated.
    pub fn read_bool_sequence(&mut self) -> Result<Vec<bool>> {
        let n = self.read_count(1)?;
        let mut v = Vec::with_capacity(n);
        for _ in 0..n {
            v.push(self.read_bool()?);
        }
        Ok(v)
    }

    /// `sequence<octet>`, borrowed.
    #[inline]
    pub fn read_octet_sequence(&mut self) -> Result<&'a [u8]> {
        let n = self.read_count(1)?;
        self.take(n)
    }

    /// An encapsulation (§9.3.3): returns a reader over its content, with
    /// the byte order from its first octet and alignment counted from that
    /// octet. The outer reader moves past the encapsulation.
    pub fn read_encapsulation(&mut self) -> Result<Reader<'a>> {
        let at = self.absolute_position();
        let len = self.read_ulong()?;
        if len as usize > self.remaining() || len == 0 {
            return Err(Error::new(
                ErrorKind::EncapsulationOverrun {
                    length: len,
                    available: self.remaining(),
                },
                at,
            ));
        }
        let start = self.absolute_position();
        let body = self.take(len as usize)?;
        let order = ByteOrder::from_flag(body[0])
            .ok_or_else(|| Error::new(ErrorKind::InvalidByteOrder(body[0]), start))?;
        let mut r = Reader::new(body, self.enc.with_order(order)).with_absolute_offset(start);
        r.pos = 1;
        Ok(r)
    }
}
