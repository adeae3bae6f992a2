//! Decoding without a value tree: a plan walks the input once, checks it
//! exactly as [`Plan::decode`] would (same errors, depth and zero-size
//! value budgets), and records what it found in a flat *tape* of 16-byte
//! cells (simd-json's tape is the precedent). Strings and primitive
//! sequences are not copied: their cells hold offsets into the input.
//!
//! A tape is reused from one decode to the next, so once its vector has
//! grown to the size of the values decoded, decoding allocates nothing
//! (only kinds that are rare in hot paths, such as nested `any`s,
//! TypeCodes, wide strings, fixed and valuetypes, are kept as owned
//! [`Value`]s beside the cells).
//!
//! Reading is through a [`TapeView`] over the tape and the same input:
//! scalars and strings in O(1), members and elements by hopping over whole
//! subtrees (each container cell records its span), and
//! [`TapeView::to_value`] for an owned [`Value`].

use super::{bound_err, members_depth, Disc, Node, Plan, Run, Scalar, Step};
use crate::codec::state::Dec;
use crate::ctx;
use crate::error::{TcError, TcErrorKind, TcResult};
use crate::options::DecodeOptions;
use crate::prim::PrimKind;
use crate::{tcio, PrimSeq, TypeCode, Value};
use corba_cdr::{ByteOrder, CharCodeSet, Encoding, ErrorKind, GiopVersion, Reader};
use std::borrow::Cow;

/// What a cell holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Tag {
    Short,
    Long,
    UShort,
    ULong,
    LongLong,
    ULongLong,
    Float,
    Double,
    Boolean,
    Char,
    Octet,
    Enum,
    Nothing,
    /// `data`: offset of the string's octets (after the length), `len`:
    /// their number without the NUL.
    Str,
    /// `len`: members, `data`: span (cells of the subtree, this one
    /// included).
    Struct,
    /// Sequence or array of non-primitive elements; `len`: elements,
    /// `data`: span.
    Seq,
    /// Sequence or array of primitives, left in the input: `len`:
    /// elements, `data`: offset of the first.
    Prim(PrimKind),
    /// `len`: index of the selected member or `NO_MEMBER`, `data`: span;
    /// followed by the discriminator's cell and the member's subtree.
    Union,
    /// `data`: index in [`Tape::owned`].
    Owned,
}

const NO_MEMBER: u32 = u32::MAX;

#[derive(Clone, Copy, Debug)]
struct Cell {
    tag: Tag,
    len: u32,
    data: u64,
}

/// A decoded value as a flat tape of cells referring to the input octets.
/// Reuse one between decodes; see the module documentation.
#[derive(Clone, Debug)]
pub struct Tape {
    cells: Vec<Cell>,
    owned: Vec<Value>,
    enc: Encoding,
    /// Length of the input the offsets refer to.
    input_len: usize,
    /// The `any`'s TypeCode when it was not the plan's own.
    tc: Option<TypeCode>,
}

impl Default for Tape {
    fn default() -> Self {
        Tape::new()
    }
}

impl Tape {
    pub fn new() -> Tape {
        Tape {
            cells: Vec::new(),
            owned: Vec::new(),
            enc: Encoding::new(ByteOrder::LittleEndian, GiopVersion::V1_2),
            input_len: 0,
            tc: None,
        }
    }

    fn reset(&mut self, r: &Reader<'_>) {
        self.cells.clear();
        self.owned.clear();
        self.enc = r.encoding();
        self.input_len = r.buffer().len();
        self.tc = None;
    }

    /// Number of cells (a size measure; one per scalar, string, container
    /// and primitive run).
    pub fn len(&self) -> usize {
        self.cells.len()
    }

    pub fn is_empty(&self) -> bool {
        self.cells.is_empty()
    }

    /// The TypeCode of the `any` last decoded by [`Plan::decode_any_tape`]
    /// when it was another than the plan's; `None` when it was the plan's.
    pub fn foreign_typecode(&self) -> Option<&TypeCode> {
        self.tc.as_ref()
    }

    /// A view of the decoded value over `input`, the buffer of the reader
    /// that was decoded (`None` when it cannot be: an empty tape or an
    /// input of another length).
    pub fn view<'a>(&'a self, input: &'a [u8]) -> Option<TapeView<'a>> {
        if self.cells.is_empty() || input.len() != self.input_len {
            return None;
        }
        Some(TapeView {
            tape: self,
            input,
            at: 0,
        })
    }

    #[inline(always)]
    fn push(&mut self, tag: Tag, len: u32, data: u64) {
        self.cells.push(Cell { tag, len, data });
    }

    /// Opens a container cell; [`Tape::close`] records its span.
    #[inline(always)]
    fn open(&mut self, tag: Tag, len: u32) -> usize {
        self.push(tag, len, 0);
        self.cells.len() - 1
    }

    #[inline(always)]
    fn close(&mut self, at: usize) {
        let span = (self.cells.len() - at) as u64;
        if let Some(c) = self.cells.get_mut(at) {
            c.data = span;
        }
    }
}

fn scalar_tag(s: Scalar) -> Tag {
    match s {
        Scalar::Prim(PrimKind::Short) => Tag::Short,
        Scalar::Prim(PrimKind::Long) => Tag::Long,
        Scalar::Prim(PrimKind::UShort) => Tag::UShort,
        Scalar::Prim(PrimKind::ULong) => Tag::ULong,
        Scalar::Prim(PrimKind::LongLong) => Tag::LongLong,
        Scalar::Prim(PrimKind::ULongLong) => Tag::ULongLong,
        Scalar::Prim(PrimKind::Float) => Tag::Float,
        Scalar::Prim(PrimKind::Double) => Tag::Double,
        Scalar::Prim(PrimKind::Boolean) => Tag::Boolean,
        Scalar::Prim(PrimKind::Char) => Tag::Char,
        Scalar::Prim(PrimKind::Octet) => Tag::Octet,
        Scalar::Enum(_) => Tag::Enum,
    }
}

/// The union label a discriminator cell stands for (as `disc_label` for
/// values: kinds that cannot be labels count as 0).
fn cell_label(c: Cell) -> i128 {
    match c.tag {
        Tag::Short => i128::from(c.data as u16 as i16),
        Tag::Long => i128::from(c.data as u32 as i32),
        Tag::LongLong => i128::from(c.data as i64),
        Tag::UShort | Tag::ULong | Tag::ULongLong | Tag::Boolean | Tag::Char | Tag::Enum => {
            i128::from(c.data)
        }
        _ => 0,
    }
}

/// The `size`-octet item at `off` of `b` as bits (`b` holds a whole run,
/// laid out when the plan was compiled, so the item is always inside).
#[inline(always)]
fn load(b: &[u8], off: usize, size: usize, big: bool) -> u64 {
    fn arr<const N: usize>(b: &[u8], off: usize) -> [u8; N] {
        b.get(off..off + N)
            .and_then(|s| <[u8; N]>::try_from(s).ok())
            .unwrap_or([0; N])
    }
    match (size, big) {
        (1, _) => b.get(off).copied().map_or(0, u64::from),
        (2, false) => u64::from(u16::from_le_bytes(arr(b, off))),
        (2, true) => u64::from(u16::from_be_bytes(arr(b, off))),
        (4, false) => u64::from(u32::from_le_bytes(arr(b, off))),
        (4, true) => u64::from(u32::from_be_bytes(arr(b, off))),
        (_, false) => u64::from_le_bytes(arr(b, off)),
        (_, true) => u64::from_be_bytes(arr(b, off)),
    }
}

fn enum_range(e: u32, n: u32, at: usize) -> TcResult<()> {
    if e >= n {
        return Err(TcError::new(
            TcErrorKind::EnumOutOfRange { value: e, count: n },
            at,
        ));
    }
    Ok(())
}

#[inline(always)]
fn tape_scalar(r: &mut Reader<'_>, s: Scalar, t: &mut Tape) -> TcResult<()> {
    // `Reader::read` is inlined; the named readers are calls.
    let bits = match s {
        Scalar::Prim(PrimKind::Short) | Scalar::Prim(PrimKind::UShort) => {
            u64::from(r.read::<u16>()?)
        }
        Scalar::Prim(PrimKind::Long)
        | Scalar::Prim(PrimKind::ULong)
        | Scalar::Prim(PrimKind::Float) => u64::from(r.read::<u32>()?),
        Scalar::Prim(PrimKind::LongLong)
        | Scalar::Prim(PrimKind::ULongLong)
        | Scalar::Prim(PrimKind::Double) => r.read::<u64>()?,
        Scalar::Prim(PrimKind::Boolean) => u64::from(r.read_bool()?),
        Scalar::Prim(PrimKind::Char) | Scalar::Prim(PrimKind::Octet) => u64::from(r.read::<u8>()?),
        Scalar::Enum(n) => {
            let at = r.absolute_position();
            let e = r.read::<u32>()?;
            enum_range(e, n, at)?;
            u64::from(e)
        }
    };
    t.push(scalar_tag(s), 0, bits);
    Ok(())
}

/// A run of scalars: one bounds check, one cell each.
#[inline(always)]
fn tape_run(r: &mut Reader<'_>, run: &Run, t: &mut Tape) -> TcResult<()> {
    r.align(usize::from(run.align))?;
    let at = r.absolute_position();
    let b = r.take(usize::from(run.total))?;
    let big = r.order() == ByteOrder::BigEndian;
    for &(s, off) in run.items.iter() {
        let off = usize::from(off);
        let bits = load(b, off, s.size(), big);
        match s {
            Scalar::Prim(PrimKind::Boolean) if bits > 1 => {
                return Err(TcError::new(
                    TcErrorKind::Cdr(ErrorKind::InvalidBoolean(bits as u8)),
                    at + off,
                ))
            }
            Scalar::Enum(n) => enum_range(bits as u32, n, at + off)?,
            _ => {}
        }
        t.push(scalar_tag(s), 0, bits);
    }
    Ok(())
}

/// A `string` (§9.3.2.7) checked as `read_string_fast` does (bound in
/// octets, UTF-8 validity), its octets left in the input.
#[inline(always)]
fn tape_string(r: &mut Reader<'_>, bound: u32, t: &mut Tape) -> TcResult<()> {
    let at = r.absolute_position();
    let b = r.read_string_bytes()?;
    if bound != 0 && b.len() > bound as usize {
        return Err(bound_err(b.len(), bound, at));
    }
    if r.encoding().char_code_set == CharCodeSet::Utf8 && core::str::from_utf8(b).is_err() {
        return Err(TcError::new(TcErrorKind::Cdr(ErrorKind::InvalidUtf8), at));
    }
    // The octets end one before the NUL just read.
    let start = r.position() - 1 - b.len();
    t.push(Tag::Str, b.len() as u32, start as u64);
    Ok(())
}

impl Plan {
    /// Decodes one value into `tape` (cleared first), checking it exactly
    /// as [`Plan::decode`] does. View it with `tape.view(r.buffer())`.
    pub fn decode_tape(
        &self,
        r: &mut Reader<'_>,
        opts: &DecodeOptions,
        tape: &mut Tape,
    ) -> TcResult<()> {
        self.decode_tape_budgeted(r, opts, tape, r.remaining())
    }

    /// [`Plan::decode_tape`] with the zero-size value budget of
    /// `budget_from` input bytes (an `any` counts from its TypeCode).
    pub(crate) fn decode_tape_budgeted(
        &self,
        r: &mut Reader<'_>,
        opts: &DecodeOptions,
        tape: &mut Tape,
        budget_from: usize,
    ) -> TcResult<()> {
        tape.reset(r);
        let mut dec = Dec::new(opts, budget_from);
        self.tape(r, self.root, tape, &mut dec, 0)
            .map_err(|e| self.add_root(e))
    }

    /// Decodes an `any` into `tape`: the TypeCode as [`Plan::decode_any`]
    /// reads it (not parsed again when it is this plan's; otherwise decoded
    /// and compiled, and kept in [`Tape::foreign_typecode`]), then the value.
    pub fn decode_any_tape(
        &self,
        r: &mut Reader<'_>,
        opts: &DecodeOptions,
        tape: &mut Tape,
    ) -> TcResult<()> {
        if self.take_own_typecode(r)? {
            return self.decode_tape(r, opts, tape);
        }
        let tc = tcio::decode_typecode(r, opts)?;
        Plan::compile(&tc)?.decode_tape(r, opts, tape)?;
        tape.tc = Some(tc);
        Ok(())
    }

    fn tape(
        &self,
        r: &mut Reader<'_>,
        n: u32,
        t: &mut Tape,
        dec: &mut Dec<'_>,
        depth: u32,
    ) -> TcResult<()> {
        let at = r.absolute_position();
        let max = dec.opts.max_depth;
        match &self.nodes[n as usize] {
            Node::Scalar(s) => tape_scalar(r, *s, t),
            Node::String { bound } => tape_string(r, *bound, t),
            Node::Struct {
                steps,
                names,
                except_id,
            } => self.tape_struct(r, steps, names, except_id.as_deref(), t, dec, depth),
            Node::Sequence {
                elem,
                bound,
                prim,
                min,
            } => {
                ctx::enter(depth, max, at)?;
                let cnt = r.read_ulong()?;
                if *bound != 0 && cnt > *bound {
                    return Err(bound_err(cnt as usize, *bound, at));
                }
                self.tape_elems(r, *elem, cnt as usize, *prim, *min, t, dec, depth, at)
            }
            Node::Array {
                elem,
                length,
                prim,
                min,
            } => {
                ctx::enter(depth, max, at)?;
                self.tape_elems(r, *elem, *length as usize, *prim, *min, t, dec, depth, at)
            }
            Node::Union {
                disc,
                labels,
                default,
                members,
                names,
                ..
            } => {
                ctx::enter(depth, max, at)?;
                members_depth(depth, max, at).map_err(|e| e.member("_d"))?;
                let me = t.open(Tag::Union, NO_MEMBER);
                let label = match disc {
                    Disc::Scalar(s) => {
                        tape_scalar(r, *s, t).map_err(|e| e.member("_d"))?;
                        t.cells.last().map_or(0, |c| cell_label(*c))
                    }
                    // Kept as an owned value: wchar cells would widen the
                    // public `ViewKind` for a kind rare in hot paths.
                    Disc::WChar => {
                        let c = r.read_wchar().map_err(|e| TcError::from(e).member("_d"))?;
                        t.push(Tag::Owned, 0, t.owned.len() as u64);
                        t.owned.push(Value::WChar(c));
                        i128::from(c)
                    }
                };
                let sel = labels
                    .iter()
                    .find(|(l, _)| *l == label)
                    .map(|(_, i)| *i)
                    .or(*default);
                if let Some(i) = sel {
                    t.cells[me].len = i;
                    self.tape(r, members[i as usize], t, dec, depth + 1)
                        .map_err(|e| e.member(&names[i as usize]))?;
                }
                t.close(me);
                Ok(())
            }
            Node::Nothing { .. } => {
                dec.count_empty(at)?;
                t.push(Tag::Nothing, 0, 0);
                Ok(())
            }
            // Rare in hot paths: an owned value beside the tape.
            _ => {
                let v = self.dec_node(r, n, dec, depth)?;
                t.push(Tag::Owned, 0, t.owned.len() as u64);
                t.owned.push(v);
                Ok(())
            }
        }
    }

    /// A struct or exception: its steps in order (inlined where a sequence
    /// of structs loops, so each element costs no dispatch).
    #[allow(clippy::too_many_arguments)]
    #[inline(always)]
    fn tape_struct(
        &self,
        r: &mut Reader<'_>,
        steps: &[Step],
        names: &[Box<str>],
        except_id: Option<&str>,
        t: &mut Tape,
        dec: &mut Dec<'_>,
        depth: u32,
    ) -> TcResult<()> {
        let at = r.absolute_position();
        let max = dec.opts.max_depth;
        ctx::enter(depth, max, at)?;
        if let Some(id) = except_id.filter(|_| dec.opts.except_repo_id) {
            if r.read_string_bytes()? != id.as_bytes() {
                return Err(TcError::new(
                    TcErrorKind::Mismatch {
                        expected: "the exception's repository id",
                        found: "another repository id",
                    },
                    at,
                ));
            }
        }
        if steps.is_empty() {
            dec.count_empty(at)?;
        } else {
            members_depth(depth, max, r.absolute_position()).map_err(|e| e.member(&names[0]))?;
        }
        let me = t.open(Tag::Struct, names.len() as u32);
        for step in steps.iter() {
            match step {
                Step::Member { index, node } => {
                    let res = match &self.nodes[*node as usize] {
                        Node::String { bound } => tape_string(r, *bound, t),
                        _ => self.tape(r, *node, t, dec, depth + 1),
                    };
                    res.map_err(|e| e.member(&names[*index as usize]))?;
                }
                Step::One { index, scalar, .. } => {
                    tape_scalar(r, *scalar, t).map_err(|e| e.member(&names[*index as usize]))?
                }
                Step::Run(run) => {
                    tape_run(r, run, t).map_err(|e| e.member(&names[run.first as usize]))?
                }
            }
        }
        t.close(me);
        Ok(())
    }

    #[allow(clippy::too_many_arguments)]
    fn tape_elems(
        &self,
        r: &mut Reader<'_>,
        elem: u32,
        cnt: usize,
        prim: Option<PrimKind>,
        min: u64,
        t: &mut Tape,
        dec: &mut Dec<'_>,
        depth: u32,
        at: usize,
    ) -> TcResult<()> {
        if min == 0 {
            return Err(TcError::new(
                TcErrorKind::Malformed("sequence or array of a zero-size element"),
                at,
            ));
        }
        if (cnt as u64).saturating_mul(min) > r.remaining() as u64 {
            return Err(TcError::new(
                TcErrorKind::Cdr(ErrorKind::LengthTooLarge {
                    length: cnt as u64,
                    available: r.remaining(),
                }),
                at,
            ));
        }
        if let Some(pk) = prim {
            return tape_prims(r, pk, cnt, t);
        }
        let me = t.open(Tag::Seq, cnt as u32);
        if let Node::Struct {
            steps,
            names,
            except_id,
        } = &self.nodes[elem as usize]
        {
            for i in 0..cnt {
                self.tape_struct(r, steps, names, except_id.as_deref(), t, dec, depth + 1)
                    .map_err(|e| e.index(i))?;
            }
            t.close(me);
            return Ok(());
        }
        if cnt > 0 {
            members_depth(depth, dec.opts.max_depth, r.absolute_position())
                .map_err(|e| e.index(0))?;
        }
        for i in 0..cnt {
            self.tape(r, elem, t, dec, depth + 1)
                .map_err(|e| e.index(i))?;
        }
        t.close(me);
        Ok(())
    }
}

/// A run of `n` primitives left in the input, checked as `read_prim_seq`
/// checks them (alignment only when there are elements; booleans 0 or 1).
fn tape_prims(r: &mut Reader<'_>, pk: PrimKind, n: usize, t: &mut Tape) -> TcResult<()> {
    let size = pk.size();
    if size > 1 && n > 0 {
        r.align(size)?;
        if n * size > r.remaining() {
            return Err(r
                .error(ErrorKind::LengthTooLarge {
                    length: n as u64,
                    available: r.remaining(),
                })
                .into());
        }
    }
    let at = r.absolute_position();
    let start = r.position();
    let b = r.take(n * size)?;
    if pk == PrimKind::Boolean {
        if let Some(i) = b.iter().position(|&x| x > 1) {
            return Err(TcError::new(
                TcErrorKind::Cdr(ErrorKind::InvalidBoolean(b[i])),
                at + i,
            ));
        }
    }
    t.push(Tag::Prim(pk), n as u32, start as u64);
    Ok(())
}

/// What a [`TapeView`] points at.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ViewKind {
    Short,
    Long,
    UShort,
    ULong,
    LongLong,
    ULongLong,
    Float,
    Double,
    Boolean,
    Char,
    Octet,
    Enum,
    Nothing,
    String,
    Struct,
    /// A sequence or array of non-primitive elements.
    Sequence,
    /// A sequence or array of primitives (read with
    /// [`TapeView::primitive_octets`] or [`TapeView::element`]).
    Primitives,
    Union,
    /// Another kind, held as an owned [`Value`] ([`TapeView::owned`]).
    Other,
}

/// A position in a decoded [`Tape`] and the input it refers to.
#[derive(Clone, Copy, Debug)]
pub struct TapeView<'a> {
    tape: &'a Tape,
    input: &'a [u8],
    at: usize,
}

impl<'a> TapeView<'a> {
    fn cell(&self) -> Cell {
        self.tape.cells.get(self.at).copied().unwrap_or(Cell {
            tag: Tag::Nothing,
            len: 0,
            data: 0,
        })
    }

    fn span(&self) -> usize {
        let c = self.cell();
        match c.tag {
            Tag::Struct | Tag::Seq | Tag::Union => c.data as usize,
            _ => 1,
        }
    }

    fn at(&self, at: usize) -> TapeView<'a> {
        TapeView { at, ..*self }
    }

    pub fn kind(&self) -> ViewKind {
        match self.cell().tag {
            Tag::Short => ViewKind::Short,
            Tag::Long => ViewKind::Long,
            Tag::UShort => ViewKind::UShort,
            Tag::ULong => ViewKind::ULong,
            Tag::LongLong => ViewKind::LongLong,
            Tag::ULongLong => ViewKind::ULongLong,
            Tag::Float => ViewKind::Float,
            Tag::Double => ViewKind::Double,
            Tag::Boolean => ViewKind::Boolean,
            Tag::Char => ViewKind::Char,
            Tag::Octet => ViewKind::Octet,
            Tag::Enum => ViewKind::Enum,
            Tag::Nothing => ViewKind::Nothing,
            Tag::Str => ViewKind::String,
            Tag::Struct => ViewKind::Struct,
            Tag::Seq => ViewKind::Sequence,
            Tag::Prim(_) => ViewKind::Primitives,
            Tag::Union => ViewKind::Union,
            Tag::Owned => ViewKind::Other,
        }
    }

    /// An integer, boolean, char, octet or enum ordinal as `i128`.
    pub fn as_integer(&self) -> Option<i128> {
        let c = self.cell();
        match c.tag {
            Tag::Octet => Some(i128::from(c.data)),
            Tag::Float | Tag::Double => None,
            Tag::Short
            | Tag::Long
            | Tag::LongLong
            | Tag::UShort
            | Tag::ULong
            | Tag::ULongLong
            | Tag::Boolean
            | Tag::Char
            | Tag::Enum => Some(cell_label(c)),
            _ => None,
        }
    }

    /// A float or double.
    pub fn as_f64(&self) -> Option<f64> {
        let c = self.cell();
        match c.tag {
            Tag::Float => Some(f64::from(f32::from_bits(c.data as u32))),
            Tag::Double => Some(f64::from_bits(c.data)),
            _ => None,
        }
    }

    /// A string's octets as they are in the input (code set of the
    /// stream), without the NUL.
    pub fn string_octets(&self) -> Option<&'a [u8]> {
        let c = self.cell();
        if c.tag != Tag::Str {
            return None;
        }
        let start = c.data as usize;
        self.input.get(start..start + c.len as usize)
    }

    /// A string as text: borrowed from the input unless it must be
    /// converted (non-ASCII ISO-8859-1).
    pub fn as_str(&self) -> Option<Cow<'a, str>> {
        let b = self.string_octets()?;
        if let Ok(s) = core::str::from_utf8(b) {
            if b.is_ascii() || self.tape.enc.char_code_set == CharCodeSet::Utf8 {
                return Some(Cow::Borrowed(s));
            }
        }
        self.owned_string().map(Cow::Owned)
    }

    /// The string converted by corba-cdr, from its length onwards.
    fn owned_string(&self) -> Option<String> {
        let start = (self.cell().data as usize).checked_sub(4)?;
        let mut r = Reader::new(self.input.get(start..)?, self.tape.enc);
        r.read_string().ok()
    }

    /// Members of a struct, elements of a sequence or array, 0 otherwise.
    pub fn len(&self) -> usize {
        match self.cell().tag {
            Tag::Struct | Tag::Seq | Tag::Prim(_) => self.cell().len as usize,
            _ => 0,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Member `i` of a struct or element `i` of a sequence or array of
    /// non-primitives (hops over `i` subtrees).
    pub fn member(&self, i: usize) -> Option<TapeView<'a>> {
        let c = self.cell();
        if !matches!(c.tag, Tag::Struct | Tag::Seq) || i >= c.len as usize {
            return None;
        }
        let mut at = self.at + 1;
        for _ in 0..i {
            at += self.at(at).span();
        }
        Some(self.at(at))
    }

    /// The members or elements in order.
    pub fn members(&self) -> impl Iterator<Item = TapeView<'a>> + 'a {
        let first = self.member(0);
        let n = self.len();
        let this = *self;
        std::iter::successors(first, move |v| Some(this.at(v.at + v.span()))).take(
            match this.kind() {
                ViewKind::Struct | ViewKind::Sequence => n,
                _ => 0,
            },
        )
    }

    /// A union's discriminator.
    pub fn discriminator(&self) -> Option<TapeView<'a>> {
        (self.cell().tag == Tag::Union).then(|| self.at(self.at + 1))
    }

    /// A union's selected member (`None` when no member is selected).
    pub fn union_member(&self) -> Option<TapeView<'a>> {
        let c = self.cell();
        (c.tag == Tag::Union && c.len != NO_MEMBER).then(|| self.at(self.at + 2))
    }

    /// Index of a union's selected member in its TypeCode.
    pub fn union_member_index(&self) -> Option<usize> {
        let c = self.cell();
        (c.tag == Tag::Union && c.len != NO_MEMBER).then_some(c.len as usize)
    }

    /// The octets of a run of primitives as they are in the input (in the
    /// stream's byte order, [`Tape`]'s encoding).
    pub fn primitive_octets(&self) -> Option<&'a [u8]> {
        match self.cell().tag {
            Tag::Prim(pk) => {
                let start = self.cell().data as usize;
                self.input.get(start..start + self.len() * pk.size())
            }
            _ => None,
        }
    }

    /// The owned value of a kind kept beside the tape.
    pub fn owned(&self) -> Option<&'a Value> {
        let c = self.cell();
        match c.tag {
            Tag::Owned => self.tape.owned.get(c.data as usize),
            _ => None,
        }
    }

    /// The owned [`Value`] (the same as [`Plan::decode`] gives).
    pub fn to_value(&self) -> TcResult<Value> {
        let c = self.cell();
        let broken = || TcError::new(TcErrorKind::Malformed("tape and input disagree"), 0);
        Ok(match c.tag {
            Tag::Short => Value::Short(c.data as u16 as i16),
            Tag::Long => Value::Long(c.data as u32 as i32),
            Tag::UShort => Value::UShort(c.data as u16),
            Tag::ULong => Value::ULong(c.data as u32),
            Tag::LongLong => Value::LongLong(c.data as i64),
            Tag::ULongLong => Value::ULongLong(c.data),
            Tag::Float => Value::Float(f32::from_bits(c.data as u32)),
            Tag::Double => Value::Double(f64::from_bits(c.data)),
            Tag::Boolean => Value::Boolean(c.data != 0),
            Tag::Char => Value::Char(c.data as u8),
            Tag::Octet => Value::Octet(c.data as u8),
            Tag::Enum => Value::Enum(c.data as u32),
            Tag::Nothing => Value::Nothing,
            Tag::Str => Value::String(self.as_str().ok_or_else(broken)?.into_owned()),
            Tag::Struct => Value::Struct(
                self.members()
                    .map(|m| m.to_value())
                    .collect::<TcResult<_>>()?,
            ),
            Tag::Seq => Value::Seq(
                self.members()
                    .map(|m| m.to_value())
                    .collect::<TcResult<_>>()?,
            ),
            Tag::Prim(pk) => Value::Prim(self.prim_seq(pk).ok_or_else(broken)?),
            Tag::Union => Value::Union {
                discriminator: Box::new(self.discriminator().ok_or_else(broken)?.to_value()?),
                member: match self.union_member() {
                    Some(m) => Some(Box::new(m.to_value()?)),
                    None => None,
                },
            },
            Tag::Owned => self.owned().ok_or_else(broken)?.clone(),
        })
    }

    /// The primitive sequence, rebuilt from its octets (checked when the
    /// tape was filled) by the one primitive-sequence reader.
    fn prim_seq(&self, pk: PrimKind) -> Option<PrimSeq> {
        let b = self.primitive_octets()?;
        let mut r = Reader::new(b, self.tape.enc);
        crate::codec::seqs::read_prim_seq(&mut r, pk, self.len()).ok()
    }
}
