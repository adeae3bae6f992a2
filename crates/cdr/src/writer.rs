use crate::codeset::{CharCodeSet, Utf16Style};
use crate::text;
use crate::{ByteOrder, Encoding, Error, ErrorKind, Fixed, GiopVersion, LongDouble, Primitive};
use core::ops::Range;

/// Where a [`Writer`] puts its bytes. `Vec<u8>` stores them; [`Counter`]
/// only counts, so the same encoding code computes `encoded_len`.
pub trait Sink {
    /// Bytes written so far.
    fn len(&self) -> usize;
    fn is_empty(&self) -> bool {
        self.len() == 0
    }
    fn put(&mut self, bytes: &[u8]);
    fn put_zeros(&mut self, n: usize);
    /// Overwrites bytes already written (back-patched lengths).
    fn patch(&mut self, at: usize, bytes: &[u8]);
    /// Appends `values` with every element byte-swapped.
    fn put_swapped<T: Primitive>(&mut self, values: &[T]);
    /// Octets of padding before an item aligned on `n` (a power of two) at
    /// stream position `p`: plain CDR alignment (§9.3.1.1), except in a
    /// [`FragmentSink`] with a grid, which aligns per GIOP 1.1 Fragment.
    #[inline(always)]
    fn pad(&self, p: usize, n: usize) -> usize {
        p.wrapping_neg() & (n - 1)
    }
    /// Appends `head`, `body` and `tail` (a string's length, octets and
    /// NUL): a buffer reserves once for the three.
    #[inline(always)]
    fn put_framed(&mut self, head: &[u8], body: &[u8], tail: &[u8]) {
        self.put(head);
        self.put(body);
        self.put(tail);
    }
    /// Appends the first `n` octets of `block` (`n <= N`): a buffer
    /// appends the whole fixed-size block and cuts it back, one
    /// constant-size copy instead of a `memcpy` call of `n` octets.
    #[inline(always)]
    fn put_block<const N: usize>(&mut self, block: &[u8; N], n: usize) {
        self.put(&block[..n]);
    }
}

impl Sink for Vec<u8> {
    #[inline(always)]
    fn len(&self) -> usize {
        Vec::len(self)
    }
    #[inline(always)]
    fn put(&mut self, bytes: &[u8]) {
        // A primitive's few octets (a length known where this is inlined):
        // a plain append, no call.
        if bytes.len() <= 16 {
            self.extend_from_slice(bytes);
        } else {
            crate::bulk::append(self, bytes);
        }
    }
    #[inline(always)]
    fn put_zeros(&mut self, n: usize) {
        // Alignment padding is at most 7 octets: one 8-octet store cut back
        // to `n`, where `resize` (or a copy of `n` zeros, which the
        // compiler turns into the same call) calls `memset`.
        let len = Vec::len(self);
        if n <= 8 {
            self.extend_from_slice(&[0u8; 8]);
            self.truncate(len + n);
        } else {
            self.resize(len + n, 0);
        }
    }
    #[inline(always)]
    fn put_framed(&mut self, head: &[u8], body: &[u8], tail: &[u8]) {
        self.reserve(head.len() + body.len() + tail.len());
        self.extend_from_slice(head);
        crate::bulk::append(self, body);
        self.extend_from_slice(tail);
    }
    #[inline(always)]
    fn put_block<const N: usize>(&mut self, block: &[u8; N], n: usize) {
        // Up to 64 octets a constant-size copy is a few vector moves.
        if N <= 64 {
            let len = Vec::len(self);
            self.extend_from_slice(block);
            self.truncate(len + n);
        } else {
            self.put(&block[..n]);
        }
    }
    fn patch(&mut self, at: usize, bytes: &[u8]) {
        self[at..at + bytes.len()].copy_from_slice(bytes);
    }
    fn put_swapped<T: Primitive>(&mut self, values: &[T]) {
        crate::bulk::append_swapped(self, values);
    }
}

/// A [`Sink`] that stores nothing and counts bytes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counter(pub usize);

impl Sink for Counter {
    fn len(&self) -> usize {
        self.0
    }
    fn put(&mut self, bytes: &[u8]) {
        self.0 += bytes.len();
    }
    fn put_zeros(&mut self, n: usize) {
        self.0 += n;
    }
    fn patch(&mut self, _at: usize, _bytes: &[u8]) {}
    fn put_swapped<T: Primitive>(&mut self, values: &[T]) {
        self.0 += values.len() * T::SIZE;
    }
}

/// A buffer for a GIOP message that may be cut into GIOP 1.1 Fragments
/// (`corba_giop`'s fragmenting encoders): with a grid, alignment restarts
/// in each Fragment as [`crate::FragmentGrid::pad`] says (CORBA 3.x Part 2,
/// §9.4.9); without one it is a plain `Vec<u8>`. Only this sink pays for
/// the grid: [`Writer::align`] on any other aligns with one mask.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FragmentSink {
    pub buf: Vec<u8>,
    pub grid: Option<crate::FragmentGrid>,
}

impl Sink for FragmentSink {
    #[inline(always)]
    fn len(&self) -> usize {
        self.buf.len()
    }
    #[inline(always)]
    fn put(&mut self, bytes: &[u8]) {
        self.buf.put(bytes);
    }
    #[inline(always)]
    fn put_zeros(&mut self, n: usize) {
        self.buf.put_zeros(n);
    }
    #[inline(always)]
    fn put_framed(&mut self, head: &[u8], body: &[u8], tail: &[u8]) {
        self.buf.put_framed(head, body, tail);
    }
    fn patch(&mut self, at: usize, bytes: &[u8]) {
        self.buf.patch(at, bytes);
    }
    fn put_swapped<T: Primitive>(&mut self, values: &[T]) {
        self.buf.put_swapped(values);
    }
    #[inline]
    fn pad(&self, p: usize, n: usize) -> usize {
        match &self.grid {
            None => p.wrapping_neg() & (n - 1),
            Some(g) => g.pad(p, n),
        }
    }
}

/// A reserved `unsigned long` to be filled in later with the number of
/// bytes written after it ([`Writer::begin_length`]).
#[derive(Debug, PartialEq, Eq)]
#[must_use = "a reserved length must be closed with end_length"]
pub struct LengthMark {
    at: usize,
}

/// CDR encoder. Writing primitives cannot fail; padding octets are written
/// as zeros (the spec leaves their value undefined, §9.3.1.1).
#[derive(Debug)]
pub struct Writer<S: Sink = Vec<u8>> {
    sink: S,
    enc: Encoding,
    /// Index in `sink` of the current alignment origin.
    base: usize,
    /// Stream position of `sink[base]`, for alignment only.
    origin: usize,
    /// Ranges of `sink` that are alignment padding, when asked for.
    padding: Option<Vec<Range<usize>>>,
}

impl Writer<Vec<u8>> {
    /// A writer into a new buffer, aligned from position 0.
    pub fn new(enc: Encoding) -> Self {
        Self::into_buffer(Vec::new(), enc)
    }

    /// A writer that reuses `buf` (cleared, capacity kept): no allocation
    /// while the capacity suffices.
    pub fn into_buffer(mut buf: Vec<u8>, enc: Encoding) -> Self {
        buf.clear();
        Writer {
            sink: buf,
            enc,
            base: 0,
            origin: 0,
            padding: None,
        }
    }

    /// The bytes written so far.
    pub fn as_bytes(&self) -> &[u8] {
        &self.sink
    }

    /// Gives the buffer back.
    pub fn into_inner(self) -> Vec<u8> {
        self.sink
    }

    /// Aligns per GIOP 1.1 Fragment of a fixed-size grid (stream positions
    /// as for [`Writer::with_origin`]); cut the result with the same grid.
    pub fn with_fragment_grid(self, grid: crate::FragmentGrid) -> Writer<FragmentSink> {
        Writer {
            sink: FragmentSink {
                buf: self.sink,
                grid: Some(grid),
            },
            enc: self.enc,
            base: self.base,
            origin: self.origin,
            padding: self.padding,
        }
    }
}

impl Writer<FragmentSink> {
    /// A writer into `buf` (cleared, capacity kept) that aligns per GIOP
    /// 1.1 Fragment of `grid`, or plainly without one.
    pub fn fragmenting(mut buf: Vec<u8>, enc: Encoding, grid: Option<crate::FragmentGrid>) -> Self {
        buf.clear();
        Writer {
            sink: FragmentSink { buf, grid },
            enc,
            base: 0,
            origin: 0,
            padding: None,
        }
    }

    /// The bytes written so far.
    pub fn as_bytes(&self) -> &[u8] {
        &self.sink.buf
    }

    /// Gives the buffer back.
    pub fn into_inner(self) -> Vec<u8> {
        self.sink.buf
    }
}

impl Writer<Counter> {
    /// A writer that only counts bytes: `encoded_len` through the same code
    /// that writes, so the two cannot disagree.
    pub fn sizer(enc: Encoding) -> Self {
        Writer {
            sink: Counter(0),
            enc,
            base: 0,
            origin: 0,
            padding: None,
        }
    }
}

impl<S: Sink> Writer<S> {
    /// Sets the stream position of the first byte written, so alignment
    /// follows an enclosing message (GIOP bodies align relative to the start
    /// of the message header, §9.4). Call before writing.
    pub fn with_origin(mut self, origin: usize) -> Self {
        self.base = self.sink.len();
        self.origin = origin;
        self
    }

    /// Records the ranges of padding bytes, so that comparisons with ORBs
    /// that leave padding uninitialised can mask them.
    pub fn track_padding(mut self) -> Self {
        self.padding = Some(Vec::new());
        self
    }

    /// Padding byte ranges written so far (indices into the output), if
    /// tracking was enabled.
    pub fn padding(&self) -> &[Range<usize>] {
        self.padding.as_deref().unwrap_or(&[])
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

    /// Bytes written (the length of the output).
    pub fn len(&self) -> usize {
        self.sink.len()
    }

    pub fn is_empty(&self) -> bool {
        self.sink.is_empty()
    }

    pub fn sink(&self) -> &S {
        &self.sink
    }

    /// Position used for alignment: relative to the current origin.
    #[inline(always)]
    pub fn stream_position(&self) -> usize {
        self.sink.len() - self.base + self.origin
    }

    /// Writes the padding needed to align the next item on `n` (a power of
    /// two) (§9.3.1.1).
    #[inline(always)]
    pub fn align(&mut self, n: usize) {
        let pad = self.sink.pad(self.stream_position(), n);
        if pad != 0 {
            let at = self.sink.len();
            self.sink.put_zeros(pad);
            if let Some(p) = &mut self.padding {
                p.push(at..at + pad);
            }
        }
    }

    /// Writes one aligned primitive in the stream's byte order (§9.3.1.2,
    /// §9.3.1.3).
    #[inline(always)]
    pub fn write<T: Primitive>(&mut self, v: T) {
        self.align(T::SIZE);
        let v = v.to_order(self.enc.order);
        self.sink.put(bytemuck::bytes_of(&v));
    }

    #[inline]
    pub fn write_octet(&mut self, v: u8) {
        self.sink.put(&[v]);
    }
    /// Starts a run of fixed-size primitives (generated code writes the
    /// members between two strings or sequences this way): they are laid
    /// out in an `N`-octet stack block, each aligned on its size (§9.3.1.1)
    /// from the stream position the run starts at, and appended at
    /// [`FixedRun::finish`] with one bounds check. `N` is the run's
    /// worst-case size (each member's size plus its size less one for
    /// padding); a member that does not fit (only behind a GIOP 1.1
    /// Fragment boundary, whose padding can be longer) flushes the block
    /// and is written directly.
    #[inline(always)]
    pub fn fixed_run<const N: usize>(&mut self) -> FixedRun<'_, S, N> {
        let p = self.stream_position();
        FixedRun {
            w: self,
            buf: [0; N],
            n: 0,
            p,
        }
    }

    /// `boolean`: one octet, 1 for TRUE, 0 for FALSE (§9.3.1.5).
    #[inline]
    pub fn write_bool(&mut self, v: bool) {
        self.sink.put(&[u8::from(v)]);
    }
    /// `char`: one octet in the transmission code set (§9.3.1.6).
    #[inline]
    pub fn write_char(&mut self, v: u8) {
        self.sink.put(&[v]);
    }
    #[inline]
    pub fn write_short(&mut self, v: i16) {
        self.write(v)
    }
    #[inline]
    pub fn write_ushort(&mut self, v: u16) {
        self.write(v)
    }
    #[inline]
    pub fn write_long(&mut self, v: i32) {
        self.write(v)
    }
    #[inline]
    pub fn write_ulong(&mut self, v: u32) {
        self.write(v)
    }
    #[inline]
    pub fn write_longlong(&mut self, v: i64) {
        self.write(v)
    }
    #[inline]
    pub fn write_ulonglong(&mut self, v: u64) {
        self.write(v)
    }
    #[inline]
    pub fn write_float(&mut self, v: f32) {
        self.write(v)
    }
    #[inline]
    pub fn write_double(&mut self, v: f64) {
        self.write(v)
    }

    /// `long double`: 16 octets aligned on 8 (§9.3.1.1, §9.3.1.3).
    pub fn write_long_double(&mut self, v: LongDouble) {
        self.align(8);
        let bytes = match self.enc.order {
            ByteOrder::BigEndian => v.0.to_be_bytes(),
            ByteOrder::LittleEndian => v.0.to_le_bytes(),
        };
        self.sink.put(&bytes);
    }

    /// `fixed`: packed decimal, no alignment (§9.3.2.8).
    pub fn write_fixed(&mut self, v: &Fixed) {
        let mut buf = [0u8; 16];
        let n = Fixed::encoded_len(v.digits());
        v.write_packed(&mut buf[..n]);
        self.sink.put(&buf[..n]);
    }

    /// An enum value: an `unsigned long` (§9.3.2.6).
    #[inline]
    pub fn write_enum(&mut self, v: u32) {
        self.write(v)
    }

    /// `string` from octets already in the transmission code set: length
    /// including the NUL, the octets, NUL (§9.3.2.7).
    #[inline]
    pub fn write_string_bytes(&mut self, bytes: &[u8]) {
        self.align(4);
        let len = len_u32(bytes.len() + 1).to_order(self.enc.order);
        self.sink.put_framed(bytemuck::bytes_of(&len), bytes, &[0]);
    }

    /// `string` converted to the transmission code set (§9.3.2.7). Fails
    /// only when a character is not representable (ISO-8859-1 stops at
    /// U+00FF).
    ///
    /// Short text whose octets are already the transmission code set's
    /// (any text in UTF-8, ASCII in ISO-8859-1) is framed in one small stack
    /// block (length, octets, NUL) appended at once: inlined at the call
    /// site, that is cheaper than the length, octets and NUL appended by a
    /// call (callgrind, `encode_any/rust/record_x1000_le`). Text of up to
    /// 59 octets is copied into the block in words ([`copy_words`]), which
    /// also tells whether it is ASCII: one pass, no `memcpy` call
    /// (callgrind, `encode_static/rust/record_x1000_le`).
    #[inline(always)]
    pub fn write_string(&mut self, s: &str) -> Result<(), Error> {
        let b = s.as_bytes();
        if b.len() <= 59 {
            let mut buf = [0u8; 64];
            let seen = copy_words(&mut buf[4..4 + b.len()], b);
            if seen & ASCII_HIGH_BITS == 0 || self.enc.char_code_set == CharCodeSet::Utf8 {
                let len = len_u32(b.len() + 1).to_order(self.enc.order);
                buf[..4].copy_from_slice(bytemuck::bytes_of(&len));
                self.align(4);
                self.sink.put_block(&buf, b.len() + 5);
                return Ok(());
            }
        } else if b.len() <= 251 && (self.enc.char_code_set == CharCodeSet::Utf8 || b.is_ascii()) {
            self.write_string_block::<256>(b);
            return Ok(());
        }
        self.write_string_converted(s)
    }

    /// The length (counting the NUL), `b` and the NUL through one `N`-octet
    /// block; `b.len() + 5 <= N`.
    #[inline(always)]
    fn write_string_block<const N: usize>(&mut self, b: &[u8]) {
        let mut buf = [0u8; N];
        let len = len_u32(b.len() + 1).to_order(self.enc.order);
        buf[..4].copy_from_slice(bytemuck::bytes_of(&len));
        buf[4..4 + b.len()].copy_from_slice(b);
        self.align(4);
        self.sink.put(&buf[..b.len() + 5]);
    }

    /// [`Writer::write_string`] for long or non-ASCII text.
    fn write_string_converted(&mut self, s: &str) -> Result<(), Error> {
        match self.enc.char_code_set {
            CharCodeSet::Utf8 => {
                self.write_string_bytes(s.as_bytes());
                Ok(())
            }
            CharCodeSet::Iso8859_1 => self.write_latin1_string(s),
        }
    }

    /// A `string` in ISO-8859-1 whatever the negotiated code set (GIOP
    /// header fields, §13.10.2.6). Fails, having written nothing, when a
    /// character is above U+00FF.
    #[inline]
    pub fn write_latin1_string(&mut self, s: &str) -> Result<(), Error> {
        if s.is_ascii() {
            self.write_string_bytes(s.as_bytes());
            return Ok(());
        }
        let n = text::latin1_len(s)
            .map_err(|c| Error::new(ErrorKind::Unrepresentable(c), self.sink.len()))?;
        self.write_ulong(len_u32(n + 1));
        text::latin1_pieces(s, |b| self.sink.put(b));
        self.sink.put(&[0]);
        Ok(())
    }

    fn wide_allowed(&self) -> Result<(), Error> {
        if self.enc.giop == GiopVersion::V1_0 {
            Err(Error::new(ErrorKind::WideCharInGiop10, self.sink.len()))
        } else {
            Ok(())
        }
    }

    fn put_unit(&mut self, unit: u16, order: ByteOrder) {
        self.sink.put(&text::unit_bytes(unit, order));
    }

    /// Byte order of UTF-16 units for GIOP 1.2 values without a BOM.
    fn unmarked_order(&self) -> ByteOrder {
        match self.enc.utf16 {
            Utf16Style::Spec | Utf16Style::OmniOrb => ByteOrder::BigEndian,
            Utf16Style::StreamOrder => self.enc.order,
        }
    }

    /// `wchar` as one UTF-16 code unit. GIOP 1.0: error (no encoding is
    /// defined); 1.1: an aligned 2-octet value in stream order; 1.2: an octet
    /// count (2) and the unit (§9.3.1.6).
    pub fn write_wchar(&mut self, unit: u16) -> Result<(), Error> {
        self.wide_allowed()?;
        if self.enc.giop == GiopVersion::V1_1 {
            self.write_ushort(unit);
        } else {
            self.write_octet(2);
            self.put_unit(unit, self.unmarked_order());
        }
        Ok(())
    }

    /// `wstring` in UTF-16. GIOP 1.1: length in code units including a NUL
    /// unit, units in stream order; 1.2: length in octets, no NUL, an
    /// optional BOM by [`Utf16Style`] (§9.3.2.7). Fails only in GIOP 1.0.
    pub fn write_wstring(&mut self, s: &str) -> Result<(), Error> {
        self.wide_allowed()?;
        let (units, ascii) = text::utf16_len(s);
        if self.enc.giop == GiopVersion::V1_1 {
            self.write_ulong(len_u32(units + 1));
            let order = self.enc.order;
            text::utf16_pieces(s, ascii, order, |b| self.sink.put(b));
            self.put_unit(0, order);
            return Ok(());
        }
        // A string that itself starts with U+FEFF or U+FFFE would be taken
        // for a BOM by a reader, so it gets an explicit one in every style.
        let looks_marked = !ascii && matches!(s.encode_utf16().next(), Some(0xFEFF | 0xFFFE));
        let omni = self.enc.utf16 == Utf16Style::OmniOrb && units > 0;
        let bom = omni || looks_marked;
        self.write_ulong(len_u32(2 * (units + usize::from(bom))));
        let order = if omni {
            ByteOrder::NATIVE
        } else {
            self.unmarked_order()
        };
        if bom {
            self.put_unit(0xFEFF, order);
        }
        text::utf16_pieces(s, ascii, order, |b| self.sink.put(b));
        Ok(())
    }

    /// Elements of a primitive sequence or array, in bulk: one copy when the
    /// stream is in native order, one swapping pass otherwise. No alignment
    /// is written for zero elements (nothing follows the count).
    #[inline]
    pub fn write_slice<T: Primitive>(&mut self, values: &[T]) {
        if values.is_empty() {
            return;
        }
        self.align(T::SIZE);
        if self.enc.order.is_native() {
            let bytes: &[u8] = bytemuck::cast_slice(values);
            if bytes.len() <= 64 {
                // A short sequence: fixed-size word copies into a block
                // appended at once, no `memcpy` call (see `copy_words`).
                let mut buf = [0u8; 64];
                copy_words(&mut buf[..bytes.len()], bytes);
                self.sink.put_block(&buf, bytes.len());
            } else {
                self.sink.put(bytes);
            }
        } else {
            self.sink.put_swapped(values);
        }
    }

    /// `sequence<T>` of a primitive: count, then the elements (§9.3.2.5).
    #[inline]
    pub fn write_sequence<T: Primitive>(&mut self, values: &[T]) {
        self.write_ulong(len_u32(values.len()));
        self.write_slice(values);
    }

    /// `sequence<boolean>`.
    pub fn write_bool_sequence(&mut self, values: &[bool]) {
        self.write_ulong(len_u32(values.len()));
        for &b in values {
            self.write_bool(b);
        }
    }

    /// Raw octets, no length and no alignment.
    pub fn write_bytes(&mut self, bytes: &[u8]) {
        self.sink.put(bytes);
    }

    /// `sequence<octet>` (also the form of an encapsulation on the wire).
    #[inline]
    pub fn write_octet_sequence(&mut self, bytes: &[u8]) {
        self.write_ulong(len_u32(bytes.len()));
        self.sink.put(bytes);
    }

    /// Reserves an aligned `unsigned long` to be back-patched by
    /// [`Writer::end_length`] with the number of bytes that follow it.
    pub fn begin_length(&mut self) -> LengthMark {
        self.align(4);
        let at = self.sink.len();
        self.sink.put_zeros(4);
        LengthMark { at }
    }

    /// Fills in a reserved length, in the current byte order.
    pub fn end_length(&mut self, mark: LengthMark) {
        let n = len_u32(self.sink.len() - mark.at - 4);
        let v = n.to_order(self.enc.order);
        self.sink.patch(mark.at, bytemuck::bytes_of(&v));
    }

    /// Writes an encapsulation (§9.3.3): a `sequence<octet>` whose first
    /// octet is the byte order of the content, with alignment counted from
    /// that octet. `body` writes the content in `order`; the length is
    /// back-patched.
    pub fn write_encapsulation<R>(
        &mut self,
        order: ByteOrder,
        body: impl FnOnce(&mut Self) -> R,
    ) -> R {
        let mark = self.begin_length();
        let saved = (self.enc.order, self.base, self.origin);
        self.base = self.sink.len();
        self.origin = 0;
        self.enc.order = order;
        self.write_octet(order.flag());
        let r = body(self);
        (self.enc.order, self.base, self.origin) = saved;
        self.end_length(mark);
        r
    }
}

/// The high bit of every octet of a word: clear in all of them exactly
/// when the octets are ASCII.
const ASCII_HIGH_BITS: u64 = 0x8080_8080_8080_8080;

/// Copies `src` into `dst` (of the same length) and returns the OR of the
/// words copied (its [`ASCII_HIGH_BITS`] are clear exactly when `src` is
/// ASCII). Every copy has a fixed size: 8-octet words, the last one
/// overlapping the one before it; shorter text two 4-octet words or three
/// octets, overlapping likewise. A `copy_from_slice` of a length known only
/// at run time is a `memcpy` call, dearer than these few moves for the
/// short strings of most messages.
#[inline(always)]
fn copy_words(dst: &mut [u8], src: &[u8]) -> u64 {
    let n = src.len();
    let dst = &mut dst[..n];
    if n >= 8 {
        let mut seen = 0;
        let mut copy8 = |at: usize| {
            let mut w = [0u8; 8];
            w.copy_from_slice(&src[at..at + 8]);
            dst[at..at + 8].copy_from_slice(&w);
            seen |= u64::from_ne_bytes(w);
        };
        let mut at = 0;
        while at + 8 < n {
            copy8(at);
            at += 8;
        }
        copy8(n - 8);
        seen
    } else if n >= 4 {
        let mut head = [0u8; 4];
        let mut tail = [0u8; 4];
        head.copy_from_slice(&src[..4]);
        tail.copy_from_slice(&src[n - 4..]);
        dst[..4].copy_from_slice(&head);
        dst[n - 4..].copy_from_slice(&tail);
        u64::from(u32::from_ne_bytes(head) | u32::from_ne_bytes(tail))
    } else if n > 0 {
        let (first, middle, last) = (src[0], src[n / 2], src[n - 1]);
        dst[0] = first;
        dst[n / 2] = middle;
        dst[n - 1] = last;
        u64::from(first | middle | last)
    } else {
        0
    }
}

/// CDR lengths are `unsigned long`. Rust values longer than 4 GiB cannot be
/// marshalled by any ORB; saturating keeps the writer infallible and the
/// reader then rejects the stream.
fn len_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// A run of fixed-size primitives being written ([`Writer::fixed_run`]).
/// Padding octets in the block are zeros, as [`Writer::align`] writes them.
#[derive(Debug)]
#[must_use = "a run's octets are written only by finish"]
pub struct FixedRun<'w, S: Sink, const N: usize> {
    w: &'w mut Writer<S>,
    buf: [u8; N],
    /// Octets of `buf` used.
    n: usize,
    /// Stream position of `buf[0]`.
    p: usize,
}

impl<S: Sink, const N: usize> FixedRun<'_, S, N> {
    /// Appends one primitive aligned on its size, in the stream's byte
    /// order (§9.3.1.1 to §9.3.1.3).
    #[inline(always)]
    pub fn put<T: Primitive>(&mut self, v: T) {
        let pad = self.w.sink.pad(self.p + self.n, T::SIZE);
        let at = self.n + pad;
        let v = v.to_order(self.w.enc.order);
        match self.buf.get_mut(at..at + T::SIZE) {
            Some(dst) => {
                dst.copy_from_slice(bytemuck::bytes_of(&v));
                if pad != 0 {
                    if let Some(ranges) = &mut self.w.padding {
                        let start = self.w.sink.len() + self.n;
                        ranges.push(start..start + pad);
                    }
                }
                self.n = at + T::SIZE;
            }
            None => {
                self.flush();
                self.w.align(T::SIZE);
                self.w.sink.put(bytemuck::bytes_of(&v));
                self.p = self.w.stream_position();
            }
        }
    }

    /// `boolean` in a run: one octet, 1 for TRUE, 0 for FALSE (§9.3.1.5).
    #[inline(always)]
    pub fn put_bool(&mut self, v: bool) {
        self.put(u8::from(v));
    }

    fn flush(&mut self) {
        self.w.sink.put(&self.buf[..self.n]);
        self.buf = [0; N];
        self.n = 0;
    }

    /// Appends the run's octets to the writer.
    #[inline(always)]
    pub fn finish(self) {
        self.w.sink.put_block(&self.buf, self.n);
    }
}

#[cfg(test)]
mod tests;
