//! The per-thread cache of decoded outermost TypeCodes. Sound because an
//! outermost TypeCode is self-contained (§9.3.5.1: its indirections resolve
//! inside it, relative to their own position; its encapsulation carries its
//! own byte order and alignment origin), so its value depends only on its
//! bytes, the stream's encoding (code sets for names, wchar labels), the
//! decode options read here and the depth already used. Only successful
//! decodes are stored; a TypeCode is immutable, so sharing it is invisible.

use super::{is_empty_param_kind, INDIRECTION};
use crate::options::{DecodeOptions, DefaultLabel};
use crate::{TCKind, TypeCode};
use corba_cdr::{Encoding, Reader};
use std::cell::RefCell;

/// Largest encapsulation (in bytes) of a TypeCode kept in the per-thread
/// cache of decoded TypeCodes.
pub const TC_CACHE_MAX_BYTES: usize = 16 * 1024;
/// TypeCodes kept in the per-thread cache (replaced round-robin).
pub const TC_CACHE_ENTRIES: usize = 32;

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
    /// A copy of the encapsulation (the key), in a buffer the cache reuses.
    bytes: Vec<u8>,
    tc: TypeCode,
}

#[derive(Default)]
struct Cache {
    entries: Vec<Entry>,
    next: usize,
    /// Key buffers of cleared entries, reused by the next insertions so a
    /// clear-then-decode loop does not allocate for keys (at most
    /// [`TC_CACHE_ENTRIES`] of at most [`TC_CACHE_MAX_BYTES`] each).
    spare: Vec<Vec<u8>>,
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
        let c = &mut *c;
        let slot = if c.entries.len() < TC_CACHE_ENTRIES {
            None
        } else {
            let i = c.next % TC_CACHE_ENTRIES;
            c.next = i + 1;
            Some(i)
        };
        // The replaced entry's key buffer, else a spare one, else new.
        let mut bytes = match slot {
            Some(i) => core::mem::take(&mut c.entries[i].bytes),
            None => c.spare.pop().unwrap_or_default(),
        };
        bytes.clear();
        bytes.extend_from_slice(p.body);
        let e = Entry {
            kind: p.kind,
            enc,
            max_depth: opts.max_depth,
            default_label: opts.default_label,
            depth,
            bytes,
            tc: tc.clone(),
        };
        match slot {
            Some(i) => c.entries[i] = e,
            None => c.entries.push(e),
        }
    });
}

pub(super) fn clear() {
    let _ = CACHE.try_with(|c| {
        if let Ok(mut c) = c.try_borrow_mut() {
            // Drops the TypeCodes, keeps the table's storage and the key
            // buffers (bounded, and a clear-then-decode loop need not
            // allocate them again).
            let c = &mut *c;
            for e in c.entries.drain(..) {
                c.spare.push(e.bytes);
            }
            c.next = 0;
        }
    });
}
