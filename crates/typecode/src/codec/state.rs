//! The state an encoder or decoder carries through one value: the
//! valuetypes already written or read (indirections, §9.3.4.1), repository
//! id strings read (header string indirections), and chunking (§9.3.4.6:
//! nesting level, the open chunk, where the current chunk ends, end tags
//! that closed enclosing levels early), plus the zero-size value budget.

use crate::ctx::{self, EmptyBudget};
use crate::error::{TcError, TcErrorKind, TcResult};
use crate::options::{DecodeOptions, EncodeOptions};
use crate::tcio::{self, strip_alias};
use crate::{TypeCode, TypeDesc, ValueInstance, ValueModifier};
use corba_cdr::{LengthMark, Reader, Sink, Writer};
use std::collections::HashMap;
use std::sync::Arc;

/// First value tag (§9.3.4.1): tags are 0x7fffff00..=0x7fffffff.
pub(crate) const VALUE_TAG_MIN: u32 = 0x7fff_ff00;

/// The valuetype chain of `tc`, most derived first (concrete bases follow).
pub(crate) fn value_chain(tc: &TypeCode, at: usize) -> TcResult<Vec<&TypeCode>> {
    let mut chain = vec![tc];
    let mut t = tc;
    while let TypeDesc::Value {
        concrete_base: Some(b),
        ..
    } = t.desc()
    {
        let b = strip_alias(b);
        if !matches!(b.desc(), TypeDesc::Value { .. }) || chain.len() > 64 {
            return Err(TcError::new(
                TcErrorKind::Malformed("concrete base is not a valuetype"),
                at,
            ));
        }
        chain.push(b);
        t = b;
    }
    Ok(chain)
}

pub(crate) fn modifier_of(tc: &TypeCode) -> ValueModifier {
    match tc.desc() {
        TypeDesc::Value { modifier, .. } => *modifier,
        _ => ValueModifier::NONE,
    }
}

pub(crate) struct Enc<'o> {
    pub opts: &'o EncodeOptions,
    pub(crate) values: Vec<(*const ValueInstance, usize)>,
    pub(crate) chunk_level: u32,
    pub(crate) open_chunk: Option<LengthMark>,
}

impl<'o> Enc<'o> {
    pub(crate) fn new(opts: &'o EncodeOptions) -> Self {
        Enc {
            opts,
            values: Vec::new(),
            chunk_level: 0,
            open_chunk: None,
        }
    }

    /// Opens a chunk before data when inside a chunked value.
    #[inline(always)]
    pub(crate) fn leaf<S: Sink>(&mut self, w: &mut Writer<S>) {
        if self.chunk_level > 0 && self.open_chunk.is_none() {
            self.open_chunk = Some(w.begin_length());
        }
    }

    pub(crate) fn close_chunk<S: Sink>(&mut self, w: &mut Writer<S>) {
        if let Some(m) = self.open_chunk.take() {
            w.end_length(m);
        }
    }
}

pub(crate) struct Dec<'o> {
    pub opts: &'o DecodeOptions,
    pub(crate) values: HashMap<usize, Arc<ValueInstance>>,
    pub(crate) strings: HashMap<usize, String>,
    pub(crate) chunk_level: u32,
    pub(crate) chunk_end: Option<usize>,
    pub(crate) pending_close: Option<u32>,
    /// Zero-size values still allowed (see [`crate::ctx::empty_value_budget`]).
    pub(crate) empty: EmptyBudget,
}

impl<'o> Dec<'o> {
    /// A decoder whose zero-size value budget comes from the `remaining`
    /// input bytes.
    pub(crate) fn new(opts: &'o DecodeOptions, remaining: usize) -> Self {
        Dec {
            opts,
            values: HashMap::new(),
            strings: HashMap::new(),
            chunk_level: 0,
            chunk_end: None,
            pending_close: None,
            empty: EmptyBudget::new(remaining),
        }
    }

    /// Counts one zero-size value against the budget.
    #[inline(always)]
    pub(crate) fn count_empty(&mut self, at: usize) -> TcResult<()> {
        self.empty.count(at)
    }

    pub(crate) fn closed_error(&self, r: &Reader<'_>) -> TcError {
        TcError::new(
            TcErrorKind::BadEndTag {
                tag: -(self.pending_close.unwrap_or(0) as i32),
                level: self.chunk_level,
            },
            r.absolute_position(),
        )
    }

    /// Inside a chunked value, makes sure a chunk is open before data.
    #[inline(always)]
    pub(crate) fn enter_leaf(&mut self, r: &mut Reader<'_>) -> TcResult<()> {
        if self.chunk_level == 0 {
            return Ok(());
        }
        self.enter_leaf_slow(r)
    }

    #[cold]
    pub(crate) fn enter_leaf_slow(&mut self, r: &mut Reader<'_>) -> TcResult<()> {
        if self.pending_close.is_some() {
            return Err(self.closed_error(r));
        }
        match self.chunk_end {
            Some(e) if r.absolute_position() < e => Ok(()),
            _ => self.open_chunk(r),
        }
    }

    pub(crate) fn open_chunk(&mut self, r: &mut Reader<'_>) -> TcResult<()> {
        r.align(4)?;
        let at = r.absolute_position();
        let n = r.read_long()?;
        if n <= 0 || n as u32 >= VALUE_TAG_MIN || n as usize > r.remaining() {
            return Err(TcError::new(TcErrorKind::BadChunk(n), at));
        }
        self.chunk_end = Some(r.absolute_position() + n as usize);
        Ok(())
    }

    #[inline(always)]
    pub(crate) fn exit_leaf(&mut self, r: &Reader<'_>) -> TcResult<()> {
        if self.chunk_level == 0 {
            return Ok(());
        }
        match self.chunk_end {
            Some(e) if r.absolute_position() > e => Err(TcError::new(
                TcErrorKind::Unsupported("data split across chunk boundaries"),
                e,
            )),
            _ => Ok(()),
        }
    }

    /// A string that may be an indirection to an earlier one (repository
    /// ids and codebase URLs in value headers, §9.3.4.1).
    pub(crate) fn read_header_string(&mut self, r: &mut Reader<'_>) -> TcResult<String> {
        r.align(4)?;
        let at = r.absolute_position();
        let n = r.read_ulong()?;
        if n == tcio::INDIRECTION {
            let p = r.absolute_position();
            let off = r.read_long()?;
            let target = p as i64 + i64::from(off);
            return usize::try_from(target)
                .ok()
                .and_then(|t| self.strings.get(&t))
                .cloned()
                .ok_or_else(|| TcError::new(TcErrorKind::BadIndirection { offset: off }, p));
        }
        r.seek(r.position() - 4)?;
        let s = r.read_string()?;
        self.strings.insert(at, s.clone());
        Ok(s)
    }

    /// After the state of a chunked value: the end tag (§9.3.4.6).
    pub(crate) fn finish_chunked(&mut self, r: &mut Reader<'_>) -> TcResult<()> {
        let level = self.chunk_level;
        if let Some(k) = self.pending_close {
            if k <= level {
                if k == level {
                    self.pending_close = None;
                }
                return Ok(());
            }
        }
        if let Some(e) = self.chunk_end {
            if r.absolute_position() != e {
                return Err(TcError::new(
                    TcErrorKind::BadChunk((e - r.absolute_position().min(e)) as i32),
                    r.absolute_position(),
                ));
            }
        }
        r.align(4)?;
        let at = r.absolute_position();
        let t = r.read_long()?;
        self.end_tag(t, at)
    }

    pub(crate) fn end_tag(&mut self, t: i32, at: usize) -> TcResult<()> {
        let level = self.chunk_level;
        let k = -i64::from(t);
        if k < 1 || k > i64::from(level) {
            return Err(TcError::new(TcErrorKind::BadEndTag { tag: t, level }, at));
        }
        if (k as u32) < level {
            self.pending_close = Some(k as u32);
        }
        Ok(())
    }

    /// Skips the rest of a truncated value's state: whole chunks and nested
    /// chunked values, up to the end tag that closes this level.
    pub(crate) fn skip_to_end_tag(&mut self, r: &mut Reader<'_>, depth: u32) -> TcResult<()> {
        loop {
            let level = self.chunk_level;
            if let Some(k) = self.pending_close {
                if k <= level {
                    if k == level {
                        self.pending_close = None;
                    }
                    return Ok(());
                }
            }
            if let Some(e) = self.chunk_end.take() {
                let pos = r.absolute_position();
                if pos < e {
                    r.take(e - pos)?;
                }
            }
            r.align(4)?;
            let at = r.absolute_position();
            let t = r.read_long()?;
            let u = t as u32;
            if t > 0 && u < VALUE_TAG_MIN {
                if t as usize > r.remaining() {
                    return Err(TcError::new(TcErrorKind::BadChunk(t), at));
                }
                self.chunk_end = Some(r.absolute_position() + t as usize);
            } else if t > 0 {
                ctx::enter(depth + 1, self.opts.max_depth, at)?;
                let flags = u & 0xff;
                if flags & 0x08 == 0 || flags & 0xf0 != 0 || flags & 0x06 == 0x04 {
                    return Err(TcError::new(TcErrorKind::BadValueTag(u), at));
                }
                if flags & 0x01 != 0 {
                    self.read_header_string(r)?;
                }
                match flags & 0x06 {
                    0 => {}
                    0x02 => {
                        self.read_header_string(r)?;
                    }
                    _ => {
                        let n = r.read_count(8)?;
                        for _ in 0..n {
                            self.read_header_string(r)?;
                        }
                    }
                }
                self.chunk_level += 1;
                self.skip_to_end_tag(r, depth + 1)?;
                self.chunk_level -= 1;
            } else if t == 0 {
                // A null value between chunks.
            } else {
                return self.end_tag(t, at);
            }
        }
    }
}
