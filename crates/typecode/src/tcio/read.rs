//! Reading TypeCodes (CORBA 3.x Part 2 §9.3.5.1), indirections included:
//! 0xffffffff and a negative offset measured from the offset's own
//! position, resolving only inside the outermost TypeCode.

use super::cache;
use super::{can_recurse, disc_kind, is_empty_param_kind, read_label, INDIRECTION};
use crate::error::{TcError, TcErrorKind, TcResult};
use crate::options::{DecodeOptions, DefaultLabel};
use crate::{
    Name, StructMember, TCKind, TypeCode, TypeDesc, UnionMember, ValueMember, ValueModifier,
    Visibility,
};
use corba_cdr::{text, Reader};

enum Slot<'a> {
    /// A complex TypeCode being decoded, with its repository id's octets
    /// once read (converted only for a recursive reference).
    InProgress {
        kind: TCKind,
        id: Option<&'a [u8]>,
    },
    Done(TypeCode),
    /// A TypeCode that decoding shares rather than builds (an empty
    /// parameter list kind, unbounded `string` or `wstring`): no reference
    /// count to keep for a slot an indirection rarely targets.
    Shared(TCKind),
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
/// [`TC_CACHE_MAX_BYTES`](crate::TC_CACHE_MAX_BYTES) are remembered per thread, keyed by their exact
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

/// Forgets the TypeCodes this thread's decoder remembers (to measure the
/// parsing path, or to release them).
pub fn clear_typecode_cache() {
    cache::clear();
}

/// A TypeCode from a whole CDR stream in `enc` (all bytes must be used).
pub fn typecode_from_bytes(
    bytes: &[u8],
    enc: corba_cdr::Encoding,
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
        return read_indirection(r, ctx, start);
    }
    let kind = TCKind(raw);
    if kind.name().is_none() {
        return Err(TcError::new(TcErrorKind::UnknownKind(raw), start));
    }
    if is_empty_param_kind(kind) {
        ctx.starts.push((start, Slot::Shared(kind)));
        return Ok(shared_basic(kind));
    }
    let tc = match kind {
        TCKind::STRING | TCKind::WSTRING => match r.read_ulong()? {
            0 => {
                ctx.starts.push((start, Slot::Shared(kind)));
                return Ok(shared_unbounded(kind));
            }
            bound if kind == TCKind::STRING => TypeCode::new(TypeDesc::String { bound }),
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
    };
    ctx.starts.push((start, Slot::Done(tc.clone())));
    Ok(tc)
}

/// An indirection (§9.3.5.1) whose kind word at `start` has been read: a
/// TypeCode that began before it, or a recursive reference to an
/// enclosing struct, union or value type still being decoded.
fn read_indirection<'a>(
    r: &mut Reader<'a>,
    ctx: &mut ReadCtx<'_, 'a>,
    start: usize,
) -> TcResult<TypeCode> {
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
    match &ctx.starts[i].1 {
        Slot::Done(tc) => Ok(tc.clone()),
        Slot::Shared(k) if is_empty_param_kind(*k) => Ok(shared_basic(*k)),
        Slot::Shared(k) => Ok(shared_unbounded(*k)),
        Slot::InProgress { kind, id } => match id {
            Some(id) if can_recurse(*kind) => Ok(TypeCode::new(TypeDesc::Recursive {
                id: string_at(id, r, p)?,
            })),
            _ => Err(TcError::new(TcErrorKind::IllegalRecursion(*kind), p)),
        },
    }
}

/// `string` octets `b` in the stream's char code set (§9.3.2.7); `at` is
/// where the string began, for the error.
fn string_at(b: &[u8], r: &Reader<'_>, at: usize) -> TcResult<String> {
    let mut s = String::new();
    text::string_into(b, r.encoding().char_code_set, &mut s)
        .map_err(|k| TcError::new(TcErrorKind::Cdr(k), at))?;
    Ok(s)
}

/// A member name (§9.3.5.1: a `string`). ASCII reads the same in every
/// char code set, so it goes straight into a [`Name`] (no allocation for a
/// short one); anything else is converted as any string.
#[inline]
fn rname(r: &mut Reader<'_>) -> TcResult<Name> {
    let at = r.absolute_position();
    let b = r.read_string_bytes()?;
    match Name::from_ascii_octets(b) {
        Some(n) => Ok(n),
        None => Ok(Name::from(string_at(b, r, at)?)),
    }
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

/// Repository id and name of the complex TypeCode in `slot`; the id's
/// octets are kept in the slot for a recursive reference to it.
fn read_id_name<'a>(
    r: &mut Reader<'a>,
    ctx: &mut ReadCtx<'_, 'a>,
    slot: usize,
) -> TcResult<(String, String)> {
    let at = r.absolute_position();
    let raw = r.read_string_bytes()?;
    let id = string_at(raw, r, at)?;
    if let Some((_, Slot::InProgress { id: s, .. })) = ctx.starts.get_mut(slot) {
        *s = Some(raw);
    }
    let at = r.absolute_position();
    let b = r.read_string_bytes()?;
    let name = string_at(b, r, at)?;
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
            let members = read_members(
                r,
                ctx,
                depth,
                n,
                |_, _| Ok(()),
                |_| Ok(()),
                |(), name, tc, ()| StructMember { name, tc },
            )?;
            TypeDesc::Struct {
                kind,
                id,
                name,
                members,
            }
        }
        TCKind::UNION => read_union(r, ctx, slot, depth)?,
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
        TCKind::VALUE | TCKind::EVENT => read_value(r, kind, ctx, slot, depth)?,
        k => return Err(TcError::new(TcErrorKind::IllegalKind(k), at)),
    })
}

/// A union's parameters (§9.3.5.1): id, name, discriminator type, default
/// index, then label, name and type of each member.
fn read_union<'a>(
    r: &mut Reader<'a>,
    ctx: &mut ReadCtx<'_, 'a>,
    slot: usize,
    depth: u32,
) -> TcResult<TypeDesc> {
    let at = r.absolute_position();
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
    let default_label = ctx.opts.default_label;
    let members = read_members(
        r,
        ctx,
        depth,
        n,
        |r, i| {
            if i as i32 != default_index {
                return read_label(r, dk);
            }
            match default_label {
                DefaultLabel::ZeroOctet => {
                    r.read_octet()?;
                }
                DefaultLabel::ZeroOfDiscriminator => {
                    read_label(r, dk)?;
                }
            }
            Ok(0)
        },
        |_| Ok(()),
        |label, name, tc, ()| UnionMember { label, name, tc },
    )?;
    Ok(TypeDesc::Union {
        id,
        name,
        discriminator,
        default_index,
        members,
    })
}

/// A value or event type's parameters (§9.3.5.1): id, name, modifier,
/// concrete base (`tk_null` for none), then name, type and visibility of
/// each state member.
fn read_value<'a>(
    r: &mut Reader<'a>,
    kind: TCKind,
    ctx: &mut ReadCtx<'_, 'a>,
    slot: usize,
    depth: u32,
) -> TcResult<TypeDesc> {
    let at = r.absolute_position();
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
    let members = read_members(
        r,
        ctx,
        depth,
        n,
        |_, _| Ok(()),
        |r| Ok(Visibility(r.read_short()?)),
        |(), name, tc, visibility| ValueMember {
            name,
            tc,
            visibility,
        },
    )?;
    Ok(TypeDesc::Value {
        kind,
        id,
        name,
        modifier,
        concrete_base,
        members,
    })
}

/// The member list of a struct, exception, union or value TypeCode
/// (§9.3.5.1): `n` members, each what `before` reads (a union's label),
/// a name, a TypeCode and what `after` reads (a value member's
/// visibility), built by `make`. A failure inside a member's TypeCode
/// names the member.
fn read_members<'a, B, A, M>(
    r: &mut Reader<'a>,
    ctx: &mut ReadCtx<'_, 'a>,
    depth: u32,
    n: usize,
    mut before: impl FnMut(&mut Reader<'a>, usize) -> TcResult<B>,
    mut after: impl FnMut(&mut Reader<'a>) -> TcResult<A>,
    make: impl Fn(B, Name, TypeCode, A) -> M,
) -> TcResult<Vec<M>> {
    let mut members = Vec::with_capacity(n);
    for i in 0..n {
        let b = before(r, i)?;
        let name = rname(r)?;
        let tc = read_tc(r, ctx, depth).map_err(|e| e.member(&name))?;
        let a = after(r)?;
        members.push(make(b, name, tc, a));
    }
    Ok(members)
}
