//! Writing TypeCodes (CORBA 3.x Part 2 §9.3.5.1): kind, then the
//! parameter list, encapsulated (§9.3.3) for the complex kinds; a repeated
//! or recursive TypeCode as an indirection.

use super::{can_recurse, disc_kind, is_empty_param_kind, write_label, INDIRECTION};
use crate::error::{TcError, TcErrorKind, TcResult};
use crate::options::{DefaultLabel, TcWriteOptions};
use crate::{Name, TCKind, TypeCode, TypeDesc};
use corba_cdr::{Encoding, Sink, Writer};

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
    // One append of the framed block (§9.3.2.7) instead of a reserve and
    // three appends (length, octets, NUL): callgrind,
    // `encode_typecode/rust/wide50_le`.
    match n.inline_frame(w.order()) {
        Some((block, len)) => {
            w.align(4);
            w.write_bytes(&block[..len]);
            Ok(())
        }
        None => wstr(w, n),
    }
}

fn wstr<S: Sink>(w: &mut Writer<S>, s: &str) -> TcResult<()> {
    Ok(w.write_string(s)?)
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
