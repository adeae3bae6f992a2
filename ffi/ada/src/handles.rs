//! Owned handles over the raw ABI (`legacy-ada-sys`). The only module of
//! this crate with `unsafe`: every block is small and says why it is sound.
//! The contract relied on is the one documented in `ffi/ada/abi/glb.h`.

#![allow(unsafe_code)]

use crate::error::{AdaError, Status};
use legacy_ada_sys as sys;
use std::ffi::c_void;
use std::ptr::NonNull;
use std::sync::Once;

static ELABORATE: Once = Once::new();

/// The synchronous signals whose handlers GNAT's runtime initialisation
/// installs (it turns them into Ada exceptions). In a Rust process they
/// belong to Rust (stack overflow reports) and to the other libraries.
const SIGNALS: [libc::c_int; 4] = [libc::SIGILL, libc::SIGBUS, libc::SIGFPE, libc::SIGSEGV];

/// Runs the Ada library's elaboration exactly once, before first use, and
/// gives the synchronous signals back to whoever handled them before.
pub(crate) fn init() {
    ELABORATE.call_once(|| {
        // SAFETY: sigaction with a null new action only reads the current
        // one into `saved`, which is valid, zero-initialised memory.
        let mut saved: [libc::sigaction; 4] = unsafe { std::mem::zeroed() };
        for (sig, old) in SIGNALS.iter().zip(saved.iter_mut()) {
            // SAFETY: as above.
            unsafe { libc::sigaction(*sig, std::ptr::null(), old) };
        }
        // SAFETY: `glbinit` is the library's elaboration routine; `Once`
        // guarantees it runs exactly once, before any other call (every
        // handle constructor and free function calls `init` first).
        unsafe { sys::glbinit() }
        for (sig, old) in SIGNALS.iter().zip(saved.iter()) {
            // SAFETY: restores the action read above for the same signal.
            unsafe { libc::sigaction(*sig, old, std::ptr::null_mut()) };
        }
    });
}

/// The ABI version the linked library implements.
pub fn abi_version() -> u32 {
    init();
    // SAFETY: no arguments; the library is elaborated.
    unsafe { sys::glb_abi_version() }
}

fn check(st: sys::glb_status) -> Result<(), AdaError> {
    match Status::from_raw(st) {
        Status::Ok => Ok(()),
        s => Err(AdaError::new(s, None)),
    }
}

fn check_at(st: sys::glb_status, offset: usize) -> Result<usize, AdaError> {
    match Status::from_raw(st) {
        Status::Ok => Ok(offset),
        s => Err(AdaError::new(s, Some(offset))),
    }
}

/// Calls an encoder that writes into caller-owned memory, growing `out`
/// when the library says how much it needs. `out` is cleared first.
fn write_into(
    out: &mut Vec<u8>,
    mut call: impl FnMut(*mut u8, usize, &mut usize) -> sys::glb_status,
) -> Result<(), AdaError> {
    out.clear();
    loop {
        let cap = out.capacity();
        let mut len = 0usize;
        let st = call(out.as_mut_ptr(), cap, &mut len);
        match Status::from_raw(st) {
            Status::Ok if len <= cap => {
                // SAFETY: on GLB_OK the library wrote `len` bytes (checked
                // <= capacity) from the start of the buffer.
                unsafe { out.set_len(len) };
                return Ok(());
            }
            Status::BufferTooSmall if len > cap => out.reserve(len),
            Status::Ok | Status::BufferTooSmall => {
                return Err(AdaError::new(Status::Internal, Some(len)))
            }
            s => return Err(AdaError::new(s, None)),
        }
    }
}

/// Copies `len` elements of `T` from a pointer returned by a walker. The
/// pointer may be unaligned.
fn copy_out<T: Copy + Default>(data: *const c_void, len: usize) -> Vec<T> {
    let mut v = vec![T::default(); len];
    if len > 0 && !data.is_null() {
        // SAFETY: the walker returned `data` pointing at `len` elements of
        // `T` inside the handle, valid until the handle changes (it cannot
        // while borrowed here); `v` has room for `len` elements and the
        // regions do not overlap. Copying bytes needs no alignment.
        unsafe {
            std::ptr::copy_nonoverlapping(
                data.cast::<u8>(),
                v.as_mut_ptr().cast::<u8>(),
                len * std::mem::size_of::<T>(),
            )
        };
    }
    v
}

fn len_ptr(s: &[u8]) -> (*const std::ffi::c_char, usize) {
    (s.as_ptr().cast(), s.len())
}

/// What a TypeCode node says (`glb_tc_info`), with owned strings.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TcInfo {
    pub kind: u32,
    pub member_count: u32,
    pub bound: u32,
    pub content: u32,
    pub default_index: i32,
    pub digits: u16,
    pub scale: i16,
    pub id: String,
    pub name: String,
}

/// A TypeCode member (`glb_tc_member`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TcMember {
    pub name: String,
    pub ty: u32,
    pub label: i64,
}

fn text(p: *const std::ffi::c_char, len: usize) -> String {
    // Ids and names are ISO-8859-1 octets.
    copy_out::<u8>(p.cast(), len)
        .into_iter()
        .map(char::from)
        .collect()
}

/// An Ada-side TypeCode graph (`glb_tc`).
#[derive(Debug)]
pub struct TcGraph(NonNull<sys::glb_tc>);

impl Drop for TcGraph {
    fn drop(&mut self) {
        // SAFETY: the pointer came from glb_tc_new and is freed once.
        unsafe { sys::glb_tc_free(self.0.as_ptr()) }
    }
}

impl TcGraph {
    pub fn new() -> Result<TcGraph, AdaError> {
        init();
        // SAFETY: no arguments; NULL (out of memory) is handled.
        let p = unsafe { sys::glb_tc_new() };
        NonNull::new(p)
            .map(TcGraph)
            .ok_or(AdaError::new(Status::Internal, None))
    }

    fn p(&self) -> *mut sys::glb_tc {
        self.0.as_ptr()
    }

    pub fn basic(&mut self, kind: u32) -> Result<u32, AdaError> {
        let mut n = 0;
        // SAFETY: valid handle, `n` is a valid out pointer.
        check(unsafe { sys::glb_tc_basic(self.p(), kind, &mut n) })?;
        Ok(n)
    }

    pub fn string(&mut self, kind: u32, bound: u32) -> Result<u32, AdaError> {
        let mut n = 0;
        // SAFETY: valid handle, `n` is a valid out pointer.
        check(unsafe { sys::glb_tc_string(self.p(), kind, bound, &mut n) })?;
        Ok(n)
    }

    pub fn fixed(&mut self, digits: u16, scale: i16) -> Result<u32, AdaError> {
        let mut n = 0;
        // SAFETY: valid handle, `n` is a valid out pointer.
        check(unsafe { sys::glb_tc_fixed(self.p(), digits, scale, &mut n) })?;
        Ok(n)
    }

    pub fn named(
        &mut self,
        kind: u32,
        id: &[u8],
        name: &[u8],
        content: u32,
    ) -> Result<u32, AdaError> {
        let mut n = 0;
        let (ip, il) = len_ptr(id);
        let (np, nl) = len_ptr(name);
        // SAFETY: valid handle; (pointer, length) pairs from live slices,
        // copied by the callee; `n` is a valid out pointer.
        check(unsafe { sys::glb_tc_named(self.p(), kind, ip, il, np, nl, content, &mut n) })?;
        Ok(n)
    }

    pub fn union(
        &mut self,
        id: &[u8],
        name: &[u8],
        discriminator: u32,
        default_index: i32,
    ) -> Result<u32, AdaError> {
        let mut n = 0;
        let (ip, il) = len_ptr(id);
        let (np, nl) = len_ptr(name);
        // SAFETY: as in `named`.
        check(unsafe {
            sys::glb_tc_union(
                self.p(),
                ip,
                il,
                np,
                nl,
                discriminator,
                default_index,
                &mut n,
            )
        })?;
        Ok(n)
    }

    pub fn add_member(
        &mut self,
        parent: u32,
        name: &[u8],
        ty: u32,
        label: i64,
    ) -> Result<(), AdaError> {
        let (np, nl) = len_ptr(name);
        // SAFETY: valid handle; the name slice is live and copied.
        check(unsafe { sys::glb_tc_add_member(self.p(), parent, np, nl, ty, label) })
    }

    pub fn sequence(&mut self, kind: u32, element: u32, bound: u32) -> Result<u32, AdaError> {
        let mut n = 0;
        // SAFETY: valid handle, `n` is a valid out pointer.
        check(unsafe { sys::glb_tc_sequence(self.p(), kind, element, bound, &mut n) })?;
        Ok(n)
    }

    pub fn set_root(&mut self, node: u32) -> Result<(), AdaError> {
        // SAFETY: valid handle.
        check(unsafe { sys::glb_tc_set_root(self.p(), node) })
    }

    pub fn root(&self) -> Result<u32, AdaError> {
        let mut n = 0;
        // SAFETY: valid handle, `n` is a valid out pointer.
        check(unsafe { sys::glb_tc_root(self.p(), &mut n) })?;
        Ok(n)
    }

    pub fn info(&self, node: u32) -> Result<TcInfo, AdaError> {
        let mut i = sys::glb_tc_info::default();
        // SAFETY: valid handle; `i` is a valid out pointer. The strings it
        // points at are copied before the handle can change.
        check(unsafe { sys::glb_tc_info_of(self.p(), node, &mut i) })?;
        Ok(TcInfo {
            kind: i.kind,
            member_count: i.member_count,
            bound: i.bound,
            content: i.content,
            default_index: i.default_index,
            digits: i.digits,
            scale: i.scale,
            id: text(i.id, i.id_len),
            name: text(i.name, i.name_len),
        })
    }

    pub fn member(&self, node: u32, index: u32) -> Result<TcMember, AdaError> {
        let mut m = sys::glb_tc_member::default();
        // SAFETY: as in `info`.
        check(unsafe { sys::glb_tc_member_of(self.p(), node, index, &mut m) })?;
        Ok(TcMember {
            name: text(m.name, m.name_len),
            ty: m.type_,
            label: m.label,
        })
    }

    /// Marshals the root TypeCode into `out` (cleared first).
    pub fn encode(&self, p: crate::Wire, out: &mut Vec<u8>) -> Result<(), AdaError> {
        write_into(out, |buf, cap, len| {
            // SAFETY: `buf` has room for `cap` bytes; `len` is a valid out
            // pointer; the handle is valid.
            unsafe { sys::glb_typecode_encode(self.p(), p.order, p.minor, p.style, buf, cap, len) }
        })
    }

    /// Replaces the graph with the TypeCode in `bytes` (which it must fill).
    pub fn decode(&mut self, p: crate::Wire, bytes: &[u8]) -> Result<usize, AdaError> {
        let mut off = 0;
        // SAFETY: `bytes` is live for the call; the callee reads only
        // [ptr, ptr + len); `off` is a valid out pointer.
        let st = unsafe {
            sys::glb_typecode_decode(
                self.p(),
                bytes.as_ptr(),
                bytes.len(),
                p.order,
                p.minor,
                p.style,
                &mut off,
            )
        };
        check_at(st, off)
    }
}

/// What a value node says (`glb_value_info`); the payload is copied out by
/// the accessors below.
#[derive(Clone, Copy, Debug)]
pub struct ValInfo {
    pub shape: u32,
    pub kind: u32,
    pub bits: u64,
    pub bits2: u64,
    pub count: u32,
    pub digits: u16,
    pub scale: i16,
    data: *const c_void,
    len: usize,
}

/// An Ada-side value tree (`glb_value`).
#[derive(Debug)]
pub struct ValTree(NonNull<sys::glb_value>);

impl Drop for ValTree {
    fn drop(&mut self) {
        // SAFETY: the pointer came from glb_value_new and is freed once.
        unsafe { sys::glb_value_free(self.0.as_ptr()) }
    }
}

impl ValTree {
    pub fn new() -> Result<ValTree, AdaError> {
        init();
        // SAFETY: no arguments; NULL is handled.
        let p = unsafe { sys::glb_value_new() };
        NonNull::new(p)
            .map(ValTree)
            .ok_or(AdaError::new(Status::Internal, None))
    }

    fn p(&self) -> *mut sys::glb_value {
        self.0.as_ptr()
    }

    pub fn clear(&mut self) -> Result<(), AdaError> {
        // SAFETY: valid handle.
        check(unsafe { sys::glb_value_clear(self.p()) })
    }

    pub fn nothing(&mut self) -> Result<(), AdaError> {
        // SAFETY: valid handle.
        check(unsafe { sys::glb_value_nothing(self.p()) })
    }

    pub fn scalar(&mut self, kind: u32, bits: u64) -> Result<(), AdaError> {
        // SAFETY: valid handle.
        check(unsafe { sys::glb_value_scalar(self.p(), kind, bits) })
    }

    pub fn long_double(&mut self, bits: u128) -> Result<(), AdaError> {
        // SAFETY: valid handle.
        check(unsafe { sys::glb_value_long_double(self.p(), (bits >> 64) as u64, bits as u64) })
    }

    pub fn string(&mut self, octets: &[u8]) -> Result<(), AdaError> {
        // SAFETY: valid handle; the slice is live and copied by the callee.
        check(unsafe { sys::glb_value_string(self.p(), octets.as_ptr(), octets.len()) })
    }

    pub fn wstring(&mut self, units: &[u16]) -> Result<(), AdaError> {
        // SAFETY: valid handle; the slice is live and copied by the callee.
        check(unsafe { sys::glb_value_wstring(self.p(), units.as_ptr(), units.len()) })
    }

    pub fn fixed(
        &mut self,
        digits: u16,
        scale: i16,
        negative: bool,
        chars: &[u8],
    ) -> Result<(), AdaError> {
        if chars.len() != usize::from(digits) {
            return Err(AdaError::new(Status::BadArgument, None));
        }
        // SAFETY: valid handle; `chars` holds exactly `digits` octets
        // (checked above) and is copied by the callee.
        check(unsafe {
            sys::glb_value_fixed(self.p(), digits, scale, i32::from(negative), chars.as_ptr())
        })
    }

    /// A compact run of primitives. `T` must be the host representation
    /// of `kind` (i16 for short, u8 for boolean/char/octet, ...).
    pub fn prims<T: Copy>(&mut self, kind: u32, elems: &[T]) -> Result<(), AdaError> {
        if crate::prim_size(kind) != Some(std::mem::size_of::<T>()) {
            return Err(AdaError::new(Status::BadArgument, None));
        }
        // SAFETY: valid handle; `elems` is live and holds `len` elements of
        // the size the callee expects for `kind` (checked above).
        check(unsafe { sys::glb_value_prims(self.p(), kind, elems.as_ptr().cast(), elems.len()) })
    }

    pub fn begin(&mut self, shape: u32) -> Result<(), AdaError> {
        // SAFETY: valid handle.
        check(unsafe { sys::glb_value_begin(self.p(), shape) })
    }

    pub fn end(&mut self) -> Result<(), AdaError> {
        // SAFETY: valid handle.
        check(unsafe { sys::glb_value_end(self.p()) })
    }

    pub fn root(&self) -> Result<u32, AdaError> {
        let mut n = 0;
        // SAFETY: valid handle, valid out pointer.
        check(unsafe { sys::glb_value_root(self.p(), &mut n) })?;
        Ok(n)
    }

    pub fn info(&self, node: u32) -> Result<ValInfo, AdaError> {
        let mut i = sys::glb_value_info::default();
        // SAFETY: valid handle, valid out pointer.
        check(unsafe { sys::glb_value_info_of(self.p(), node, &mut i) })?;
        Ok(ValInfo {
            shape: i.shape,
            kind: i.kind,
            bits: i.bits,
            bits2: i.bits2,
            count: i.count,
            digits: i.digits,
            scale: i.scale,
            data: i.data,
            len: i.len,
        })
    }

    /// The payload of a node as `len` elements of `T` (octets of a string,
    /// units of a wstring, elements of a compact run).
    pub fn payload<T: Copy + Default>(&self, info: &ValInfo) -> Vec<T> {
        // `info` came from this handle, which `&self` keeps unchanged.
        copy_out(info.data, info.len)
    }

    pub fn child(&self, node: u32, index: u32) -> Result<u32, AdaError> {
        let mut c = 0;
        // SAFETY: valid handle, valid out pointer.
        check(unsafe { sys::glb_value_child(self.p(), node, index, &mut c) })?;
        Ok(c)
    }

    /// Plain CDR (no TypeCode) of a subject (`GLB_SUBJECT_*`).
    pub fn cdr_encode(
        &self,
        subject: u32,
        p: crate::Wire,
        out: &mut Vec<u8>,
    ) -> Result<(), AdaError> {
        write_into(out, |buf, cap, len| {
            // SAFETY: `buf` has room for `cap` bytes, `len` is valid.
            unsafe {
                sys::glb_cdr_encode(self.p(), subject, p.order, p.minor, p.style, buf, cap, len)
            }
        })
    }

    pub fn cdr_decode(
        &mut self,
        subject: u32,
        p: crate::Wire,
        bytes: &[u8],
    ) -> Result<usize, AdaError> {
        let mut off = 0;
        // SAFETY: `bytes` is live; the callee reads only within it.
        let st = unsafe {
            sys::glb_cdr_decode(
                self.p(),
                subject,
                bytes.as_ptr(),
                bytes.len(),
                p.order,
                p.minor,
                p.style,
                &mut off,
            )
        };
        check_at(st, off)
    }

    /// The value alone, driven by `tc`.
    pub fn value_encode(
        &self,
        tc: &TcGraph,
        p: crate::Wire,
        out: &mut Vec<u8>,
    ) -> Result<(), AdaError> {
        write_into(out, |buf, cap, len| {
            // SAFETY: both handles valid; `buf` has room for `cap` bytes.
            unsafe {
                sys::glb_value_encode(tc.p(), self.p(), p.order, p.minor, p.style, buf, cap, len)
            }
        })
    }

    pub fn value_decode(
        &mut self,
        tc: &TcGraph,
        p: crate::Wire,
        bytes: &[u8],
    ) -> Result<usize, AdaError> {
        let mut off = 0;
        // SAFETY: both handles valid; `bytes` is live.
        let st = unsafe {
            sys::glb_value_decode(
                tc.p(),
                self.p(),
                bytes.as_ptr(),
                bytes.len(),
                p.order,
                p.minor,
                p.style,
                &mut off,
            )
        };
        check_at(st, off)
    }

    /// An `any`: `tc` then this value.
    pub fn any_encode(
        &self,
        tc: &TcGraph,
        p: crate::Wire,
        out: &mut Vec<u8>,
    ) -> Result<(), AdaError> {
        write_into(out, |buf, cap, len| {
            // SAFETY: both handles valid; `buf` has room for `cap` bytes.
            unsafe {
                sys::glb_any_encode(tc.p(), self.p(), p.order, p.minor, p.style, buf, cap, len)
            }
        })
    }

    /// Decodes an `any` into `tc` and this value.
    pub fn any_decode(
        &mut self,
        tc: &mut TcGraph,
        p: crate::Wire,
        bytes: &[u8],
    ) -> Result<usize, AdaError> {
        let mut off = 0;
        // SAFETY: both handles valid and distinct; `bytes` is live.
        let st = unsafe {
            sys::glb_any_decode(
                tc.p(),
                self.p(),
                bytes.as_ptr(),
                bytes.len(),
                p.order,
                p.minor,
                p.style,
                &mut off,
            )
        };
        check_at(st, off)
    }
}

/// An Ada native record of a corpus type (`glb_static`).
#[derive(Debug)]
pub struct StaticRecord(NonNull<sys::glb_static>);

impl Drop for StaticRecord {
    fn drop(&mut self) {
        // SAFETY: the pointer came from glb_static_new and is freed once.
        unsafe { sys::glb_static_free(self.0.as_ptr()) }
    }
}

impl StaticRecord {
    pub fn new() -> Result<StaticRecord, AdaError> {
        init();
        // SAFETY: no arguments; NULL is handled.
        let p = unsafe { sys::glb_static_new() };
        NonNull::new(p)
            .map(StaticRecord)
            .ok_or(AdaError::new(Status::Internal, None))
    }

    fn p(&self) -> *mut sys::glb_static {
        self.0.as_ptr()
    }

    pub fn load(&mut self, type_id: &str, v: &ValTree) -> Result<(), AdaError> {
        let (ip, il) = len_ptr(type_id.as_bytes());
        // SAFETY: valid handles; the id slice is live.
        check(unsafe { sys::glb_static_load(self.p(), ip, il, v.p()) })
    }

    pub fn encode(&self, p: crate::Wire, out: &mut Vec<u8>) -> Result<(), AdaError> {
        write_into(out, |buf, cap, len| {
            // SAFETY: valid handle; `buf` has room for `cap` bytes.
            unsafe { sys::glb_static_encode(self.p(), p.order, p.minor, p.style, buf, cap, len) }
        })
    }

    pub fn decode(
        &mut self,
        type_id: &str,
        p: crate::Wire,
        bytes: &[u8],
    ) -> Result<usize, AdaError> {
        let mut off = 0;
        let (ip, il) = len_ptr(type_id.as_bytes());
        // SAFETY: valid handle; the id and input slices are live.
        let st = unsafe {
            sys::glb_static_decode(
                self.p(),
                ip,
                il,
                bytes.as_ptr(),
                bytes.len(),
                p.order,
                p.minor,
                p.style,
                &mut off,
            )
        };
        check_at(st, off)
    }

    pub fn store(&self, v: &mut ValTree) -> Result<(), AdaError> {
        // SAFETY: valid, distinct handles.
        check(unsafe { sys::glb_static_store(self.p(), v.p()) })
    }
}

/// GIOP Request header fields (`glb_request`), owned.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Request {
    pub request_id: u32,
    pub response_flags: u8,
    pub object_key: Vec<u8>,
    pub operation: String,
    /// Encoding: the service contexts written (id, context_data).
    /// Decoding: empty (the Ada decoder counts and skips them).
    pub service_contexts: Vec<(u32, Vec<u8>)>,
    /// Decoding: how many service contexts the message carried.
    pub service_context_count: u32,
    pub body: Vec<u8>,
}

/// GIOP Reply header fields (`glb_reply`), owned.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Reply {
    pub request_id: u32,
    pub reply_status: u32,
    /// As in [`Request`].
    pub service_contexts: Vec<(u32, Vec<u8>)>,
    pub service_context_count: u32,
    pub body: Vec<u8>,
}

/// The raw service context entries pointing into `list` (which must
/// outlive their use).
fn raw_contexts(list: &[(u32, Vec<u8>)]) -> Result<Vec<sys::glb_service_context>, AdaError> {
    if u32::try_from(list.len()).is_err() {
        return Err(AdaError::new(Status::BadArgument, None));
    }
    Ok(list
        .iter()
        .map(|(id, data)| sys::glb_service_context {
            context_id: *id,
            data: data.as_ptr(),
            data_len: data.len(),
        })
        .collect())
}

/// A whole GIOP Request message.
pub fn giop_request_encode(
    req: &Request,
    order: u8,
    minor: u8,
    out: &mut Vec<u8>,
) -> Result<(), AdaError> {
    init();
    let contexts = raw_contexts(&req.service_contexts)?;
    let raw = sys::glb_request {
        request_id: req.request_id,
        response_flags: req.response_flags,
        object_key: req.object_key.as_ptr(),
        object_key_len: req.object_key.len(),
        operation: req.operation.as_ptr().cast(),
        operation_len: req.operation.len(),
        service_contexts: contexts.as_ptr(),
        service_context_count: contexts.len() as u32,
        ..Default::default()
    };
    write_into(out, |buf, cap, len| {
        // SAFETY: `raw` points into `req` and `contexts` (whose entries
        // point into `req`), all live for the call; `buf` has room for `cap`
        // bytes; `len` is valid.
        unsafe {
            sys::glb_giop_request_encode(
                &raw,
                req.body.as_ptr(),
                req.body.len(),
                order,
                minor,
                buf,
                cap,
                len,
            )
        }
    })
}

/// Parses a whole GIOP Request message: the fields, byte order and minor.
pub fn giop_request_decode(bytes: &[u8]) -> Result<(Request, u8, u8), AdaError> {
    init();
    let mut raw = sys::glb_request::default();
    let (mut order, mut minor, mut off) = (0u8, 0u8, 0usize);
    // SAFETY: `bytes` is live; every out pointer is valid. The pointers
    // written into `raw` point into `bytes` and are copied below while it
    // is still borrowed.
    let st = unsafe {
        sys::glb_giop_request_decode(
            &mut raw,
            bytes.as_ptr(),
            bytes.len(),
            &mut order,
            &mut minor,
            &mut off,
        )
    };
    check_at(st, off)?;
    let body = bytes
        .get(raw.body_offset..raw.body_offset.saturating_add(raw.body_len))
        .ok_or(AdaError::new(Status::Internal, Some(raw.body_offset)))?;
    Ok((
        Request {
            request_id: raw.request_id,
            response_flags: raw.response_flags,
            object_key: copy_out(raw.object_key.cast(), raw.object_key_len),
            operation: text(raw.operation, raw.operation_len),
            service_contexts: Vec::new(),
            service_context_count: raw.service_context_count,
            body: body.to_vec(),
        },
        order,
        minor,
    ))
}

/// A whole GIOP Reply message.
pub fn giop_reply_encode(
    rep: &Reply,
    order: u8,
    minor: u8,
    out: &mut Vec<u8>,
) -> Result<(), AdaError> {
    init();
    let contexts = raw_contexts(&rep.service_contexts)?;
    let raw = sys::glb_reply {
        request_id: rep.request_id,
        reply_status: rep.reply_status,
        service_contexts: contexts.as_ptr(),
        service_context_count: contexts.len() as u32,
        ..Default::default()
    };
    write_into(out, |buf, cap, len| {
        // SAFETY: `raw`, `contexts` and `rep` (which they point into) are
        // live; `buf` has room for `cap` bytes.
        unsafe {
            sys::glb_giop_reply_encode(
                &raw,
                rep.body.as_ptr(),
                rep.body.len(),
                order,
                minor,
                buf,
                cap,
                len,
            )
        }
    })
}

/// Parses a whole GIOP Reply message.
pub fn giop_reply_decode(bytes: &[u8]) -> Result<(Reply, u8, u8), AdaError> {
    init();
    let mut raw = sys::glb_reply::default();
    let (mut order, mut minor, mut off) = (0u8, 0u8, 0usize);
    // SAFETY: `bytes` is live; every out pointer is valid.
    let st = unsafe {
        sys::glb_giop_reply_decode(
            &mut raw,
            bytes.as_ptr(),
            bytes.len(),
            &mut order,
            &mut minor,
            &mut off,
        )
    };
    check_at(st, off)?;
    let body = bytes
        .get(raw.body_offset..raw.body_offset.saturating_add(raw.body_len))
        .ok_or(AdaError::new(Status::Internal, Some(raw.body_offset)))?;
    Ok((
        Reply {
            request_id: raw.request_id,
            reply_status: raw.reply_status,
            service_contexts: Vec::new(),
            service_context_count: raw.service_context_count,
            body: body.to_vec(),
        },
        order,
        minor,
    ))
}
