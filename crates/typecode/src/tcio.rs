//! TypeCode CDR encoding and decoding (CORBA 3.x Part 2 §9.3.5.1):
//! TCKind, then an empty, simple or complex (encapsulated, §9.3.3)
//! parameter list, or an indirection (0xffffffff and a negative offset
//! measured from the offset's own position).

use crate::error::{TcError, TcErrorKind, TcResult};
use crate::options::{DecodeOptions, DefaultLabel, TcWriteOptions};
use crate::{
    Name, StructMember, TCKind, TypeCode, TypeDesc, UnionMember, ValueMember, ValueModifier,
    Visibility,
};
use corba_cdr::{Encoding, Reader, Sink, Writer};

pub(crate) const INDIRECTION: u32 = 0xffff_ffff;

/// True for kinds with an empty parameter list (§9.3.5.1, Table 9-13).
pub fn is_empty_param_kind(k: TCKind) -> bool {
    matches!(k.0, 0..=13 | 23..=26)
}

/// True for kinds that may contain themselves (through a sequence).
pub(crate) fn can_recurse(k: TCKind) -> bool {
    matches!(
        k,
        TCKind::STRUCT | TCKind::EXCEPT | TCKind::UNION | TCKind::VALUE | TCKind::EVENT
    )
}

/// Kinds a union may be discriminated by (§9.3.5.1, IDL switch types).
pub(crate) fn is_discriminator_kind(k: TCKind) -> bool {
    matches!(
        k,
        TCKind::SHORT
            | TCKind::LONG
            | TCKind::USHORT
            | TCKind::ULONG
            | TCKind::LONGLONG
            | TCKind::ULONGLONG
            | TCKind::BOOLEAN
            | TCKind::CHAR
            | TCKind::WCHAR
            | TCKind::ENUM
    )
}

/// Follows aliases (a finite chain: a TypeCode is a finite tree).
pub(crate) fn strip_alias(tc: &TypeCode) -> &TypeCode {
    let mut t = tc;
    while let TypeDesc::Alias { content, .. } = t.desc() {
        t = content;
    }
    t
}

// ---------------------------------------------------------------- writing

struct WriteCtx<'t> {
    opts: TcWriteOptions,
    /// Enclosing TypeCodes being written that can be recursion targets.
    enclosing: Vec<(&'t str, usize)>,
    /// Complete TypeCodes already written (for repeated indirections).
    written: std::collections::HashMap<*const TypeDesc, usize>,
    /// TypeCodes written so far: a TypeCode that shares sub-TypeCodes (as
    /// decoded indirections give) can expand exponentially without
    /// repeated indirections, so the writer stops at [`MAX_WRITTEN`].
    count: usize,
}

/// Most TypeCodes (nodes) written for one outermost TypeCode.
pub const MAX_WRITTEN: usize = 1 << 20;

/// Writes `tc` at the writer's position (aligned on 4). Fails on a
/// `Recursive` placeholder with no enclosing TypeCode of its id, a `Basic`
/// of a kind that has parameters, a union label that does not fit its
/// discriminator type, or a string the code set cannot represent.
pub fn encode_typecode<S: Sink>(
    w: &mut Writer<S>,
    tc: &TypeCode,
    opts: &TcWriteOptions,
) -> TcResult<()> {
    let mut ctx = WriteCtx {
        opts: *opts,
        enclosing: Vec::new(),
        written: Default::default(),
        count: 0,
    };
    write_tc(w, tc, &mut ctx)
}

/// `tc` alone as a CDR stream in `enc` starting at alignment origin 0.
pub fn typecode_to_bytes(tc: &TypeCode, enc: Encoding, opts: &TcWriteOptions) -> TcResult<Vec<u8>> {
    let mut w = Writer::new(enc);
    encode_typecode(&mut w, tc, opts)?;
    Ok(w.into_inner())
}

fn write_indirection<S: Sink>(w: &mut Writer<S>, target: usize) {
    w.write_ulong(INDIRECTION);
    let here = w.len() as i64;
    let off = target as i64 - here;
    w.write_long(i32::try_from(off).unwrap_or(i32::MIN));
}

/// A member name: an inline [`Name`] is ASCII, the same octets in every
/// char code set, so it is written as it is.
#[inline]
fn wname<S: Sink>(w: &mut Writer<S>, n: &Name) -> TcResult<()> {
    match n.inline_ascii() {
        Some(b) => {
            crate::interp::write_string_octets(w, b);
            Ok(())
        }
        None => wstr(w, n),
    }
}

fn wstr<S: Sink>(w: &mut Writer<S>, s: &str) -> TcResult<()> {
    crate::interp::write_string_fast(w, s)
}

fn write_tc<'t, S: Sink>(
    w: &mut Writer<S>,
    tc: &'t TypeCode,
    ctx: &mut WriteCtx<'t>,
) -> TcResult<()> {
    w.align(4);
    let start = w.len();
    ctx.count += 1;
    if ctx.count > MAX_WRITTEN {
        return Err(TcError::new(
            TcErrorKind::Unsupported(
                "TypeCode larger than MAX_WRITTEN nodes (write repeated indirections)",
            ),
            start,
        ));
    }
    let desc = tc.desc();
    if let TypeDesc::Recursive { id } = desc {
        return match ctx.enclosing.iter().rev().find(|(i, _)| *i == id.as_str()) {
            Some(&(_, at)) => {
                write_indirection(w, at);
                Ok(())
            }
            None => Err(TcError::new(
                TcErrorKind::UnresolvedRecursion(id.clone()),
                start,
            )),
        };
    }
    let complex = !matches!(
        desc,
        TypeDesc::Basic(_)
            | TypeDesc::String { .. }
            | TypeDesc::WString { .. }
            | TypeDesc::Fixed { .. }
    );
    if complex && ctx.opts.repeated_indirection {
        let p = Arc_ptr(tc);
        if let Some(&at) = ctx.written.get(&p) {
            write_indirection(w, at);
            return Ok(());
        }
    }
    let Some(kind) = tc.kind() else {
        return Err(TcError::new(TcErrorKind::Malformed("no kind"), start));
    };
    match desc {
        TypeDesc::Basic(k) => {
            if !is_empty_param_kind(*k) {
                return Err(TcError::new(TcErrorKind::IllegalKind(*k), start));
            }
            w.write_ulong(k.0);
            return Ok(());
        }
        TypeDesc::String { bound } | TypeDesc::WString { bound } => {
            w.write_ulong(kind.0);
            w.write_ulong(*bound);
            return Ok(());
        }
        TypeDesc::Fixed { digits, scale } => {
            w.write_ulong(kind.0);
            w.write_ushort(*digits);
            w.write_short(*scale);
            return Ok(());
        }
        _ => {}
    }
    w.write_ulong(kind.0);
    let order = ctx.opts.encapsulation_order.resolve(w.order());
    let pushed = if can_recurse(kind) {
        if let Some(id) = tc.id() {
            ctx.enclosing.push((id, start));
            true
        } else {
            false
        }
    } else {
        false
    };
    let r = w.write_encapsulation(order, |w| write_params(w, desc, kind, ctx));
    if pushed {
        ctx.enclosing.pop();
    }
    r?;
    if ctx.opts.repeated_indirection {
        ctx.written.insert(Arc_ptr(tc), start);
    }
    Ok(())
}

#[allow(non_snake_case)]
fn Arc_ptr(tc: &TypeCode) -> *const TypeDesc {
    std::sync::Arc::as_ptr(&tc.0)
}

fn write_params<'t, S: Sink>(
    w: &mut Writer<S>,
    desc: &'t TypeDesc,
    kind: TCKind,
    ctx: &mut WriteCtx<'t>,
) -> TcResult<()> {
    match desc {
        TypeDesc::Interface { id, name, .. } => {
            if !matches!(
                kind,
                TCKind::OBJREF
                    | TCKind::NATIVE
                    | TCKind::ABSTRACT_INTERFACE
                    | TCKind::LOCAL_INTERFACE
                    | TCKind::COMPONENT
                    | TCKind::HOME
            ) {
                return Err(TcError::new(TcErrorKind::IllegalKind(kind), w.len()));
            }
            wstr(w, id)?;
            wstr(w, name)?;
        }
        TypeDesc::Struct {
            id, name, members, ..
        } => {
            if kind != TCKind::STRUCT && kind != TCKind::EXCEPT {
                return Err(TcError::new(TcErrorKind::IllegalKind(kind), w.len()));
            }
            wstr(w, id)?;
            wstr(w, name)?;
            w.write_ulong(members.len() as u32);
            for m in members {
                wname(w, &m.name)?;
                write_tc(w, &m.tc, ctx).map_err(|e| e.member(&m.name))?;
            }
        }
        TypeDesc::Union {
            id,
            name,
            discriminator,
            default_index,
            members,
        } => {
            wstr(w, id)?;
            wstr(w, name)?;
            write_tc(w, discriminator, ctx)?;
            w.write_long(*default_index);
            w.write_ulong(members.len() as u32);
            let dk = disc_kind(discriminator, w.len())?;
            for (i, m) in members.iter().enumerate() {
                if i as i64 == i64::from(*default_index) {
                    match ctx.opts.default_label {
                        DefaultLabel::ZeroOctet => w.write_octet(0),
                        DefaultLabel::ZeroOfDiscriminator => write_label(w, dk, 0)?,
                    }
                } else {
                    write_label(w, dk, m.label).map_err(|e| e.member(&m.name))?;
                }
                wname(w, &m.name)?;
                write_tc(w, &m.tc, ctx).map_err(|e| e.member(&m.name))?;
            }
        }
        TypeDesc::Enum { id, name, members } => {
            wstr(w, id)?;
            wstr(w, name)?;
            w.write_ulong(members.len() as u32);
            for m in members {
                wname(w, m)?;
            }
        }
        TypeDesc::Sequence { element, bound } => {
            write_tc(w, element, ctx)?;
            w.write_ulong(*bound);
        }
        TypeDesc::Array { element, length } => {
            write_tc(w, element, ctx)?;
            w.write_ulong(*length);
        }
        TypeDesc::Alias { id, name, content } | TypeDesc::ValueBox { id, name, content } => {
            wstr(w, id)?;
            wstr(w, name)?;
            write_tc(w, content, ctx)?;
        }
        TypeDesc::Value {
            id,
            name,
            modifier,
            concrete_base,
            members,
            ..
        } => {
            wstr(w, id)?;
            wstr(w, name)?;
            w.write_short(modifier.0);
            match concrete_base {
                Some(b) => write_tc(w, b, ctx)?,
                None => w.write_ulong(TCKind::NULL.0),
            }
            w.write_ulong(members.len() as u32);
            for m in members {
                wname(w, &m.name)?;
                write_tc(w, &m.tc, ctx).map_err(|e| e.member(&m.name))?;
                w.write_short(m.visibility.0);
            }
        }
        TypeDesc::Basic(_)
        | TypeDesc::String { .. }
        | TypeDesc::WString { .. }
        | TypeDesc::Fixed { .. }
        | TypeDesc::Recursive { .. } => {
            unreachable_params(kind);
        }
    }
    Ok(())
}

#[cold]
fn unreachable_params(_k: TCKind) {
    // Handled by the caller before opening an encapsulation.
}

/// The discriminator kind after alias stripping, checked.
pub(crate) fn disc_kind(d: &TypeCode, at: usize) -> TcResult<DiscKind> {
    let t = strip_alias(d);
    match t.desc() {
        TypeDesc::Enum { members, .. } => Ok(DiscKind::Enum(members.len() as u32)),
        TypeDesc::Basic(k) if is_discriminator_kind(*k) => Ok(DiscKind::Prim(*k)),
        _ => Err(TcError::new(
            TcErrorKind::IllegalDiscriminator(t.kind().unwrap_or(TCKind(u32::MAX))),
            at,
        )),
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum DiscKind {
    Prim(TCKind),
    Enum(u32),
}

fn label_range(at: usize) -> TcError {
    TcError::new(
        TcErrorKind::Malformed("union label out of range of its discriminator"),
        at,
    )
}

pub(crate) fn write_label<S: Sink>(w: &mut Writer<S>, dk: DiscKind, v: i128) -> TcResult<()> {
    let at = w.len();
    macro_rules! conv {
        ($t:ty) => {
            <$t>::try_from(v).map_err(|_| label_range(at))?
        };
    }
    match dk {
        DiscKind::Enum(n) => {
            let x = conv!(u32);
            if x >= n {
                return Err(TcError::new(
                    TcErrorKind::EnumOutOfRange { value: x, count: n },
                    at,
                ));
            }
            w.write_ulong(x)
        }
        DiscKind::Prim(k) => match k {
            TCKind::SHORT => w.write_short(conv!(i16)),
            TCKind::USHORT => w.write_ushort(conv!(u16)),
            TCKind::LONG => w.write_long(conv!(i32)),
            TCKind::ULONG => w.write_ulong(conv!(u32)),
            TCKind::LONGLONG => w.write_longlong(conv!(i64)),
            TCKind::ULONGLONG => w.write_ulonglong(conv!(u64)),
            TCKind::BOOLEAN => {
                if !(0..=1).contains(&v) {
                    return Err(label_range(at));
                }
                w.write_bool(v == 1)
            }
            TCKind::CHAR => w.write_char(conv!(u8)),
            TCKind::WCHAR => w.write_wchar(conv!(u16))?,
            _ => return Err(TcError::new(TcErrorKind::IllegalDiscriminator(k), at)),
        },
    }
    Ok(())
}

pub(crate) fn read_label(r: &mut Reader<'_>, dk: DiscKind) -> TcResult<i128> {
    let at = r.absolute_position();
    Ok(match dk {
        DiscKind::Enum(n) => {
            let x = r.read_ulong()?;
            if x >= n {
                return Err(TcError::new(
                    TcErrorKind::EnumOutOfRange { value: x, count: n },
                    at,
                ));
            }
            i128::from(x)
        }
        DiscKind::Prim(k) => match k {
            TCKind::SHORT => r.read_short()?.into(),
            TCKind::USHORT => r.read_ushort()?.into(),
            TCKind::LONG => r.read_long()?.into(),
            TCKind::ULONG => r.read_ulong()?.into(),
            TCKind::LONGLONG => r.read_longlong()?.into(),
            TCKind::ULONGLONG => r.read_ulonglong()?.into(),
            TCKind::BOOLEAN => i128::from(u8::from(r.read_bool()?)),
            TCKind::CHAR => r.read_char()?.into(),
            TCKind::WCHAR => r.read_wchar()?.into(),
            _ => return Err(TcError::new(TcErrorKind::IllegalDiscriminator(k), at)),
        },
    })
}

// ---------------------------------------------------------------- reading

enum Slot<'a> {
    /// A complex TypeCode being decoded, with its repository id's octets
    /// once read (converted only for a recursive reference).
    InProgress {
        kind: TCKind,
        id: Option<&'a [u8]>,
    },
    Done(TypeCode),
}

struct ReadCtx<'o, 'a> {
    opts: &'o DecodeOptions,
    /// TypeCode starts in increasing absolute position.
    starts: Vec<(usize, Slot<'a>)>,
}

/// Reads one TypeCode (an outermost one: indirections resolve only inside
/// it) with the depth budget of `opts`.
pub fn decode_typecode(r: &mut Reader<'_>, opts: &DecodeOptions) -> TcResult<TypeCode> {
    decode_typecode_at(r, opts, 0)
}

/// Reads one outermost TypeCode at nesting level `depth` of the shared
/// budget (an Any nested in a value continues its budget).
///
/// Complex TypeCodes (with an encapsulated parameter list) of at most
/// [`TC_CACHE_MAX_BYTES`] are remembered per thread, keyed by their exact
/// bytes, the stream's encoding, the options that decoding reads and
/// `depth`: the same bytes decoded again give the same (shared, immutable)
/// TypeCode without parsing them (see [`clear_typecode_cache`]).
pub fn decode_typecode_at(
    r: &mut Reader<'_>,
    opts: &DecodeOptions,
    depth: u32,
) -> TcResult<TypeCode> {
    let probe = cache::probe(r);
    if let Some(p) = &probe {
        if let Some(tc) = cache::lookup(p, r.encoding(), opts, depth) {
            *r = p.after.clone();
            return Ok(tc);
        }
    }
    // Every TypeCode in an encapsulation takes at least 12 bytes but the
    // first (a member name and a kind), so this is enough without growing.
    let cap = probe
        .as_ref()
        .map_or(4, |p| p.body.len() / 12 + 2)
        .min(1024);
    let mut ctx = ReadCtx {
        opts,
        starts: Vec::with_capacity(cap),
    };
    let tc = read_tc(r, &mut ctx, depth)?;
    if let Some(p) = probe {
        // Decoding the same bytes consumed exactly the probed extent.
        if r.absolute_position() == p.after.absolute_position() {
            cache::insert(&p, r.encoding(), opts, depth, &tc);
        }
    }
    Ok(tc)
}

/// Largest encapsulation (in bytes) of a TypeCode kept in the per-thread
/// cache of decoded TypeCodes.
pub const TC_CACHE_MAX_BYTES: usize = 16 * 1024;
/// TypeCodes kept in the per-thread cache (replaced round-robin).
pub const TC_CACHE_ENTRIES: usize = 32;

/// Forgets the TypeCodes this thread's decoder remembers (to measure the
/// parsing path, or to release them).
pub fn clear_typecode_cache() {
    cache::clear();
}

/// The per-thread cache of decoded outermost TypeCodes. Sound because an
/// outermost TypeCode is self-contained (§9.3.5.1: its indirections resolve
/// inside it, relative to their own position; its encapsulation carries its
/// own byte order and alignment origin), so its value depends only on its
/// bytes, the stream's encoding (code sets for names, wchar labels), the
/// decode options read here and the depth already used. Only successful
/// decodes are stored; a TypeCode is immutable, so sharing it is invisible.
mod cache {
    use super::*;
    use std::cell::RefCell;

    pub(super) struct Probe<'a> {
        kind: u32,
        pub(super) body: &'a [u8],
        pub(super) after: Reader<'a>,
    }

    struct Entry {
        kind: u32,
        enc: Encoding,
        max_depth: u32,
        default_label: DefaultLabel,
        depth: u32,
        bytes: Box<[u8]>,
        tc: TypeCode,
    }

    #[derive(Default)]
    struct Cache {
        entries: Vec<Entry>,
        next: usize,
    }

    thread_local! {
        static CACHE: RefCell<Cache> = RefCell::new(Cache::default());
    }

    /// The extent of a complex TypeCode at `r` (kind, encapsulation), or
    /// `None` for anything else (the decoder then reports what is wrong).
    #[inline]
    pub(super) fn probe<'a>(r: &Reader<'a>) -> Option<Probe<'a>> {
        let mut p = r.clone();
        p.align(4).ok()?;
        let kind = p.read_ulong().ok()?;
        let k = TCKind(kind);
        if kind == INDIRECTION
            || k.name().is_none()
            || is_empty_param_kind(k)
            || matches!(k, TCKind::STRING | TCKind::WSTRING | TCKind::FIXED)
        {
            return None;
        }
        let len = p.read_ulong().ok()? as usize;
        if len == 0 || len > TC_CACHE_MAX_BYTES {
            return None;
        }
        let body = p.take(len).ok()?;
        Some(Probe {
            kind,
            body,
            after: p,
        })
    }

    fn same(e: &Entry, p: &Probe<'_>, enc: Encoding, opts: &DecodeOptions, depth: u32) -> bool {
        e.bytes.len() == p.body.len()
            && e.kind == p.kind
            && e.enc == enc
            && e.depth == depth
            && e.max_depth == opts.max_depth
            && e.default_label == opts.default_label
            && *e.bytes == *p.body
    }

    pub(super) fn lookup(
        p: &Probe<'_>,
        enc: Encoding,
        opts: &DecodeOptions,
        depth: u32,
    ) -> Option<TypeCode> {
        CACHE
            .try_with(|c| {
                let c = c.try_borrow().ok()?;
                c.entries
                    .iter()
                    .find(|e| same(e, p, enc, opts, depth))
                    .map(|e| e.tc.clone())
            })
            .ok()
            .flatten()
    }

    pub(super) fn insert(
        p: &Probe<'_>,
        enc: Encoding,
        opts: &DecodeOptions,
        depth: u32,
        tc: &TypeCode,
    ) {
        let _ = CACHE.try_with(|c| {
            let Ok(mut c) = c.try_borrow_mut() else {
                return;
            };
            let e = Entry {
                kind: p.kind,
                enc,
                max_depth: opts.max_depth,
                default_label: opts.default_label,
                depth,
                bytes: p.body.into(),
                tc: tc.clone(),
            };
            if c.entries.len() < TC_CACHE_ENTRIES {
                c.entries.push(e);
            } else {
                let i = c.next % TC_CACHE_ENTRIES;
                c.entries[i] = e;
                c.next = i + 1;
            }
        });
    }

    pub(super) fn clear() {
        let _ = CACHE.try_with(|c| {
            if let Ok(mut c) = c.try_borrow_mut() {
                // Drops the entries, keeps the table's storage (it is
                // small, and a clear-then-decode loop need not regrow it).
                c.entries.clear();
                c.next = 0;
            }
        });
    }
}

/// A TypeCode from a whole CDR stream in `enc` (all bytes must be used).
pub fn typecode_from_bytes(
    bytes: &[u8],
    enc: Encoding,
    opts: &DecodeOptions,
) -> TcResult<TypeCode> {
    let mut r = Reader::new(bytes, enc);
    let tc = decode_typecode(&mut r, opts)?;
    r.finish()?;
    Ok(tc)
}

fn read_tc<'a>(r: &mut Reader<'a>, ctx: &mut ReadCtx<'_, 'a>, depth: u32) -> TcResult<TypeCode> {
    r.align(4)?;
    let start = r.absolute_position();
    if depth >= ctx.opts.max_depth {
        return Err(TcError::new(
            TcErrorKind::DepthExceeded(ctx.opts.max_depth),
            start,
        ));
    }
    let raw = r.read_ulong()?;
    if raw == INDIRECTION {
        let p = r.absolute_position();
        let off = r.read_long()?;
        let target = p as i64 + i64::from(off);
        let bad = || TcError::new(TcErrorKind::BadIndirection { offset: off }, p);
        if target < 0 || target >= start as i64 {
            return Err(bad());
        }
        let target = target as usize;
        let i = ctx
            .starts
            .binary_search_by_key(&target, |s| s.0)
            .map_err(|_| bad())?;
        return match &ctx.starts[i].1 {
            Slot::Done(tc) => Ok(tc.clone()),
            Slot::InProgress { kind, id } => match id {
                Some(id) if can_recurse(*kind) => Ok(TypeCode::new(TypeDesc::Recursive {
                    id: crate::interp::string_from(id, r.encoding().char_code_set, p)?,
                })),
                _ => Err(TcError::new(TcErrorKind::IllegalRecursion(*kind), p)),
            },
        };
    }
    let kind = TCKind(raw);
    if kind.name().is_none() {
        return Err(TcError::new(TcErrorKind::UnknownKind(raw), start));
    }
    let tc = if is_empty_param_kind(kind) {
        shared_basic(kind)
    } else {
        match kind {
            TCKind::STRING => match r.read_ulong()? {
                0 => shared_unbounded(kind),
                bound => TypeCode::new(TypeDesc::String { bound }),
            },
            TCKind::WSTRING => match r.read_ulong()? {
                0 => shared_unbounded(kind),
                bound => TypeCode::new(TypeDesc::WString { bound }),
            },
            TCKind::FIXED => {
                let digits = r.read_ushort()?;
                let scale = r.read_short()?;
                if digits > 31 || i32::from(scale) > i32::from(digits) {
                    return Err(TcError::new(
                        TcErrorKind::Cdr(corba_cdr::ErrorKind::FixedTooManyDigits(digits)),
                        start,
                    ));
                }
                TypeCode::new(TypeDesc::Fixed { digits, scale })
            }
            _ => {
                let slot = ctx.starts.len();
                ctx.starts
                    .push((start, Slot::InProgress { kind, id: None }));
                let mut e = r.read_encapsulation()?;
                let desc = read_params(&mut e, kind, ctx, slot, depth + 1)?;
                let tc = TypeCode::new(desc);
                ctx.starts[slot].1 = Slot::Done(tc.clone());
                return Ok(tc);
            }
        }
    };
    ctx.starts.push((start, Slot::Done(tc.clone())));
    Ok(tc)
}

fn rstr(r: &mut Reader<'_>) -> TcResult<String> {
    Ok(r.read_string()?)
}

/// A member name (§9.3.5.1: a `string`). ASCII reads the same in every
/// char code set, so it goes straight into a [`Name`] (no allocation for a
/// short one); anything else is converted by the reader as any string.
fn rname(r: &mut Reader<'_>) -> TcResult<Name> {
    let before = r.clone();
    let b = r.read_string_bytes()?;
    if let (true, Ok(s)) = (b.is_ascii(), core::str::from_utf8(b)) {
        return Ok(Name::with_ascii(s, true));
    }
    *r = before;
    Ok(Name::from(r.read_string()?))
}

/// Shared TypeCodes of the kinds with empty parameter lists, so decoding
/// them allocates nothing.
fn shared_basic(k: TCKind) -> TypeCode {
    static BASIC: std::sync::OnceLock<Vec<TypeCode>> = std::sync::OnceLock::new();
    let all = BASIC.get_or_init(|| (0..=26u32).map(|k| TypeCode::basic(TCKind(k))).collect());
    match all.get(k.0 as usize) {
        Some(t) if is_empty_param_kind(k) => t.clone(),
        _ => TypeCode::basic(k),
    }
}

/// Shared TypeCodes of the unbounded `string` and `wstring` (the usual
/// ones), so decoding them allocates nothing either.
fn shared_unbounded(k: TCKind) -> TypeCode {
    static STRINGS: std::sync::OnceLock<[TypeCode; 2]> = std::sync::OnceLock::new();
    let [s, ws] = STRINGS.get_or_init(|| {
        [
            TypeCode::new(TypeDesc::String { bound: 0 }),
            TypeCode::new(TypeDesc::WString { bound: 0 }),
        ]
    });
    if k == TCKind::WSTRING {
        ws.clone()
    } else {
        s.clone()
    }
}

fn read_id_name<'a>(
    r: &mut Reader<'a>,
    ctx: &mut ReadCtx<'_, 'a>,
    slot: usize,
) -> TcResult<(String, String)> {
    let at = r.absolute_position();
    let raw = r.read_string_bytes()?;
    let id = crate::interp::string_from(raw, r.encoding().char_code_set, at)?;
    if let Some((_, Slot::InProgress { id: s, .. })) = ctx.starts.get_mut(slot) {
        *s = Some(raw);
    }
    let name = rstr(r)?;
    Ok((id, name))
}

fn read_params<'a>(
    r: &mut Reader<'a>,
    kind: TCKind,
    ctx: &mut ReadCtx<'_, 'a>,
    slot: usize,
    depth: u32,
) -> TcResult<TypeDesc> {
    let at = r.absolute_position();
    Ok(match kind {
        TCKind::OBJREF
        | TCKind::NATIVE
        | TCKind::ABSTRACT_INTERFACE
        | TCKind::LOCAL_INTERFACE
        | TCKind::COMPONENT
        | TCKind::HOME => {
            let (id, name) = read_id_name(r, ctx, slot)?;
            TypeDesc::Interface { kind, id, name }
        }
        TCKind::STRUCT | TCKind::EXCEPT => {
            let (id, name) = read_id_name(r, ctx, slot)?;
            let n = r.read_count(8)?;
            let mut members = Vec::with_capacity(n);
            for _ in 0..n {
                let mname = rname(r)?;
                let tc = read_tc(r, ctx, depth).map_err(|e| e.member(&mname))?;
                members.push(StructMember { name: mname, tc });
            }
            TypeDesc::Struct {
                kind,
                id,
                name,
                members,
            }
        }
        TCKind::UNION => {
            let (id, name) = read_id_name(r, ctx, slot)?;
            let discriminator = read_tc(r, ctx, depth)?;
            let dk = disc_kind(&discriminator, at)?;
            let dat = r.absolute_position();
            let mut default_index = r.read_long()?;
            // omniORB writes -2 for a union without a default member whose
            // labels cover the discriminator (`omniorb-union-exhaustive-
            // default-index` in corpus/known_divergences.md): no default.
            if default_index == -2 {
                default_index = -1;
            }
            let n = r.read_count(8)?;
            if n == 0 {
                return Err(TcError::new(
                    TcErrorKind::Malformed("union without members"),
                    dat,
                ));
            }
            if default_index < -1 || default_index >= n as i32 {
                return Err(TcError::new(
                    TcErrorKind::DefaultIndexOutOfRange {
                        index: default_index,
                        count: n as u32,
                    },
                    dat,
                ));
            }
            let mut members = Vec::with_capacity(n);
            for i in 0..n {
                let label = if i as i32 == default_index {
                    match ctx.opts.default_label {
                        DefaultLabel::ZeroOctet => {
                            r.read_octet()?;
                        }
                        DefaultLabel::ZeroOfDiscriminator => {
                            read_label(r, dk)?;
                        }
                    }
                    0
                } else {
                    read_label(r, dk)?
                };
                let mname = rname(r)?;
                let tc = read_tc(r, ctx, depth).map_err(|e| e.member(&mname))?;
                members.push(UnionMember {
                    label,
                    name: mname,
                    tc,
                });
            }
            TypeDesc::Union {
                id,
                name,
                discriminator,
                default_index,
                members,
            }
        }
        TCKind::ENUM => {
            let (id, name) = read_id_name(r, ctx, slot)?;
            let n = r.read_count(5)?;
            if n == 0 {
                return Err(TcError::new(
                    TcErrorKind::Malformed("enum without enumerators"),
                    at,
                ));
            }
            let mut members = Vec::with_capacity(n);
            for _ in 0..n {
                members.push(rname(r)?);
            }
            TypeDesc::Enum { id, name, members }
        }
        TCKind::SEQUENCE => {
            let element = read_tc(r, ctx, depth)?;
            let bound = r.read_ulong()?;
            TypeDesc::Sequence { element, bound }
        }
        TCKind::ARRAY => {
            let element = read_tc(r, ctx, depth)?;
            let lat = r.absolute_position();
            let length = r.read_ulong()?;
            if length == 0 {
                return Err(TcError::new(
                    TcErrorKind::Malformed("array of length 0"),
                    lat,
                ));
            }
            TypeDesc::Array { element, length }
        }
        TCKind::ALIAS | TCKind::VALUE_BOX => {
            let (id, name) = read_id_name(r, ctx, slot)?;
            let content = read_tc(r, ctx, depth)?;
            if kind == TCKind::ALIAS {
                TypeDesc::Alias { id, name, content }
            } else {
                TypeDesc::ValueBox { id, name, content }
            }
        }
        TCKind::VALUE | TCKind::EVENT => {
            let (id, name) = read_id_name(r, ctx, slot)?;
            let modifier = ValueModifier(r.read_short()?);
            let base = read_tc(r, ctx, depth)?;
            let concrete_base = match base.kind() {
                Some(TCKind::NULL) => None,
                Some(TCKind::VALUE) | Some(TCKind::EVENT) => Some(base),
                None => return Err(TcError::new(TcErrorKind::IllegalRecursion(kind), at)),
                Some(k) => return Err(TcError::new(TcErrorKind::IllegalKind(k), at)),
            };
            let n = r.read_count(8)?;
            let mut members = Vec::with_capacity(n);
            for _ in 0..n {
                let mname = rname(r)?;
                let tc = read_tc(r, ctx, depth).map_err(|e| e.member(&mname))?;
                let visibility = Visibility(r.read_short()?);
                members.push(ValueMember {
                    name: mname,
                    tc,
                    visibility,
                });
            }
            TypeDesc::Value {
                kind,
                id,
                name,
                modifier,
                concrete_base,
                members,
            }
        }
        k => return Err(TcError::new(TcErrorKind::IllegalKind(k), at)),
    })
}
