//! The plan's transcoder and checker: a value read from one stream and
//! written to another (or to a sizer, to skip it) without a [`Value`].

use super::{bound_err, Disc, Node, Plan, Run, Scalar, Step, RUN_MAX};
use crate::codec::ior::{read_ior, write_ior};
use crate::codec::state::{Dec, Enc};
use crate::ctx;
use crate::error::{TcError, TcErrorKind, TcResult};
use crate::prim::PrimKind;
use crate::tcio::{self, read_label};
use corba_cdr::{ByteOrder, CharCodeSet, ErrorKind, Reader, Sink, Writer};

macro_rules! get {
    ($t:ty, $b:expr, $off:expr, $big:expr) => {{
        let mut a = [0u8; core::mem::size_of::<$t>()];
        a.copy_from_slice(&$b[$off..$off + core::mem::size_of::<$t>()]);
        if $big {
            <$t>::from_be_bytes(a)
        } else {
            <$t>::from_le_bytes(a)
        }
    }};
}

impl Plan {
    // ------------------------------------------------------------ transcode

    pub(super) fn xc<S: Sink>(
        &self,
        r: &mut Reader<'_>,
        w: &mut Writer<S>,
        n: u32,
        x: &mut Xcode<'_, '_>,
        depth: u32,
    ) -> TcResult<()> {
        let at = r.absolute_position();
        let max = x.dec.opts.max_depth;
        match &self.nodes[n as usize] {
            Node::Scalar(s) => xc_scalar(r, w, *s),
            Node::Struct {
                steps,
                names,
                except_id,
            } => self.xc_struct(r, w, steps, names, except_id.as_deref(), x, depth),
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
                w.write_ulong(cnt);
                self.xc_elems(r, w, *elem, cnt as usize, *prim, *min, x, depth, at)
            }
            Node::Array {
                elem,
                length,
                prim,
                min,
            } => {
                ctx::enter(depth, max, at)?;
                self.xc_elems(r, w, *elem, *length as usize, *prim, *min, x, depth, at)
            }
            Node::Union {
                disc,
                disc_kind,
                labels,
                default,
                members,
                names,
                ..
            } => {
                ctx::enter(depth, max, at)?;
                let mut probe = r.clone();
                let label = read_label(&mut probe, *disc_kind).map_err(|e| e.member("_d"))?;
                match disc {
                    Disc::Scalar(s) => xc_scalar(r, w, *s)?,
                    Disc::WChar => w.write_wchar(r.read_wchar()?)?,
                }
                let sel = labels
                    .iter()
                    .find(|(l, _)| *l == label)
                    .map(|(_, i)| *i)
                    .or(*default);
                match sel {
                    Some(i) => self
                        .xc(r, w, members[i as usize], x, depth + 1)
                        .map_err(|e| e.member(&names[i as usize])),
                    None => Ok(()),
                }
            }
            Node::String { bound } => {
                let at = r.absolute_position();
                let b = r.read_string_bytes()?;
                if *bound != 0 {
                    let n = match r.encoding().char_code_set {
                        CharCodeSet::Iso8859_1 => b.len(),
                        CharCodeSet::Utf8 => b.len(),
                    };
                    if n > *bound as usize {
                        return Err(bound_err(n, *bound, at));
                    }
                }
                if r.encoding().char_code_set == CharCodeSet::Utf8
                    && core::str::from_utf8(b).is_err()
                {
                    return Err(TcError::new(TcErrorKind::Cdr(ErrorKind::InvalidUtf8), at));
                }
                w.write_string_bytes(b);
                Ok(())
            }
            Node::Nothing { .. } => x.dec.count_empty(at),
            Node::LongDouble
            | Node::WChar
            | Node::WString { .. }
            | Node::Fixed { .. }
            | Node::Principal
            | Node::ObjRef
            | Node::TypeCode
            | Node::Any => self.xc_leaf(r, w, n, x, depth),
            // Valuetypes: decoded and encoded again (the indirection
            // tables are positions in each stream).
            Node::Value { .. } | Node::ValueBox { .. } | Node::AbstractInterface => {
                let v = self.dec_node(r, n, &mut x.dec, depth)?;
                self.enc_node(w, n, &v, &mut x.enc, depth)
            }
        }
    }

    /// A struct or exception: the repository id checked and added or
    /// dropped as the two sides' options say, runs copied as blocks.
    #[allow(clippy::too_many_arguments)]
    fn xc_struct<S: Sink>(
        &self,
        r: &mut Reader<'_>,
        w: &mut Writer<S>,
        steps: &[Step],
        names: &[Box<str>],
        except_id: Option<&str>,
        x: &mut Xcode<'_, '_>,
        depth: u32,
    ) -> TcResult<()> {
        let at = r.absolute_position();
        let max = x.dec.opts.max_depth;
        ctx::enter(depth, max, at)?;
        if let Some(id) = except_id {
            if x.dec.opts.except_repo_id {
                let got = r.read_string_bytes()?;
                if got != id.as_bytes() {
                    return Err(TcError::new(
                        TcErrorKind::Mismatch {
                            expected: "the exception's repository id",
                            found: "another repository id",
                        },
                        at,
                    ));
                }
            }
            // Transcoding may add or drop the id (spec <-> omniORB).
            if x.enc.opts.except_repo_id {
                w.write_string_bytes(id.as_bytes());
            }
        }
        if steps.is_empty() {
            x.dec.count_empty(at)?;
        }
        for step in steps.iter() {
            match step {
                Step::Member { index, node } => self
                    .xc(r, w, *node, x, depth + 1)
                    .map_err(|e| e.member(&names[*index as usize]))?,
                Step::Run(run) | Step::One { run, .. } => {
                    xc_run(r, w, run).map_err(|e| e.member(&names[run.first as usize]))?
                }
            }
        }
        Ok(())
    }

    /// The kinds rare in hot paths that are not valuetypes.
    fn xc_leaf<S: Sink>(
        &self,
        r: &mut Reader<'_>,
        w: &mut Writer<S>,
        n: u32,
        x: &mut Xcode<'_, '_>,
        depth: u32,
    ) -> TcResult<()> {
        let at = r.absolute_position();
        let max = x.dec.opts.max_depth;
        match &self.nodes[n as usize] {
            Node::LongDouble => {
                w.write_long_double(r.read_long_double()?);
                Ok(())
            }
            Node::WChar => {
                w.write_wchar(r.read_wchar()?)?;
                Ok(())
            }
            Node::WString { bound } => {
                let s = r.read_wstring()?;
                if *bound != 0 && s.chars().count() > *bound as usize {
                    return Err(bound_err(s.chars().count(), *bound, at));
                }
                w.write_wstring(&s)?;
                Ok(())
            }
            Node::Fixed { digits, scale } => {
                w.write_fixed(&r.read_fixed(*digits, *scale)?);
                Ok(())
            }
            Node::Principal => {
                w.write_octet_sequence(r.read_octet_sequence()?);
                Ok(())
            }
            Node::ObjRef => write_ior(w, &read_ior(r)?),
            Node::TypeCode => {
                let tc = tcio::decode_typecode_at(r, x.dec.opts, depth + 1)?;
                tcio::encode_typecode(w, &tc, &x.enc.opts.typecode)
            }
            Node::Any => {
                ctx::enter(depth, max, at)?;
                let tc = tcio::decode_typecode_at(r, x.dec.opts, depth + 1)?;
                tcio::encode_typecode(w, &tc, &x.enc.opts.typecode)?;
                let p = Plan::compile(&tc)?;
                p.xc(r, w, p.root, x, depth + 1).map_err(|e| p.add_root(e))
            }
            _ => Err(TcError::new(TcErrorKind::Malformed("not a leaf node"), at)),
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn xc_elems<S: Sink>(
        &self,
        r: &mut Reader<'_>,
        w: &mut Writer<S>,
        elem: u32,
        cnt: usize,
        prim: Option<PrimKind>,
        min: u64,
        x: &mut Xcode<'_, '_>,
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
            if cnt == 0 {
                return Ok(());
            }
            let size = pk.size();
            r.align(size)?;
            let b = r.take(cnt * size)?;
            w.align(size);
            if pk == PrimKind::Boolean {
                if let Some(i) = b.iter().position(|&x| x > 1) {
                    return Err(TcError::new(
                        TcErrorKind::Cdr(ErrorKind::InvalidBoolean(b[i])),
                        at,
                    ));
                }
            }
            if size == 1 || r.order() == w.order() {
                w.write_bytes(b);
            } else {
                swap_copy(w, b, size);
            }
            return Ok(());
        }
        for i in 0..cnt {
            self.xc(r, w, elem, x, depth + 1).map_err(|e| e.index(i))?;
        }
        Ok(())
    }
}

pub(super) struct Xcode<'a, 'b> {
    pub(super) dec: Dec<'a>,
    pub(super) enc: Enc<'b>,
}

fn swap_copy<S: Sink>(w: &mut Writer<S>, b: &[u8], size: usize) {
    let mut buf = [0u8; 512];
    for chunk in b.chunks(512) {
        let out = &mut buf[..chunk.len()];
        for (o, i) in out.chunks_exact_mut(size).zip(chunk.chunks_exact(size)) {
            for k in 0..size {
                o[k] = i[size - 1 - k];
            }
        }
        w.write_bytes(out);
    }
}

fn xc_scalar<S: Sink>(r: &mut Reader<'_>, w: &mut Writer<S>, s: Scalar) -> TcResult<()> {
    let at = r.absolute_position();
    match s {
        Scalar::Prim(PrimKind::Short) | Scalar::Prim(PrimKind::UShort) => {
            w.write_ushort(r.read_ushort()?)
        }
        Scalar::Prim(PrimKind::Long)
        | Scalar::Prim(PrimKind::ULong)
        | Scalar::Prim(PrimKind::Float) => w.write_ulong(r.read_ulong()?),
        Scalar::Prim(PrimKind::LongLong)
        | Scalar::Prim(PrimKind::ULongLong)
        | Scalar::Prim(PrimKind::Double) => w.write_ulonglong(r.read_ulonglong()?),
        Scalar::Prim(PrimKind::Boolean) => w.write_bool(r.read_bool()?),
        Scalar::Prim(PrimKind::Char) | Scalar::Prim(PrimKind::Octet) => {
            w.write_octet(r.read_octet()?)
        }
        Scalar::Enum(n) => {
            let e = r.read_enum()?;
            if e >= n {
                return Err(TcError::new(
                    TcErrorKind::EnumOutOfRange { value: e, count: n },
                    at,
                ));
            }
            w.write_enum(e)
        }
    }
    Ok(())
}

fn xc_run<S: Sink>(r: &mut Reader<'_>, w: &mut Writer<S>, run: &Run) -> TcResult<()> {
    r.align(usize::from(run.align))?;
    let at = r.absolute_position();
    let b = r.take(usize::from(run.total))?;
    // Validate booleans and enums.
    let big = r.order() == ByteOrder::BigEndian;
    for (s, off) in run.items.iter() {
        let off = usize::from(*off);
        match s {
            Scalar::Prim(PrimKind::Boolean) if b[off] > 1 => {
                return Err(TcError::new(
                    TcErrorKind::Cdr(ErrorKind::InvalidBoolean(b[off])),
                    at + off,
                ))
            }
            Scalar::Enum(n) => {
                let e = get!(u32, b, off, big);
                if e >= *n {
                    return Err(TcError::new(
                        TcErrorKind::EnumOutOfRange {
                            value: e,
                            count: *n,
                        },
                        at + off,
                    ));
                }
            }
            _ => {}
        }
    }
    w.align(usize::from(run.align));
    if r.order() == w.order() {
        w.write_bytes(b);
    } else {
        let mut buf = [0u8; RUN_MAX];
        let out = &mut buf[..b.len()];
        for (s, off) in run.items.iter() {
            let off = usize::from(*off);
            let n = s.size();
            for k in 0..n {
                out[off + k] = b[off + n - 1 - k];
            }
        }
        w.write_bytes(out);
    }
    Ok(())
}
