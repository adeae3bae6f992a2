//! The oracle's valuetypes (§9.3.4): value tags, repository ids, null and
//! indirections, chunking, end tags and truncation.

use super::{resolve, Scope};
use crate::codec::mismatch;
use crate::codec::state::{modifier_of, value_chain, Dec, Enc, VALUE_TAG_MIN};
use crate::ctx;
use crate::error::{TcError, TcErrorKind, TcResult};
use crate::options::Chunking;
use crate::tcio::{self, strip_alias};
use crate::{TCKind, TypeCode, TypeDesc, Value, ValueInstance, ValueModifier};
use corba_cdr::{Reader, Sink, Writer};
use std::sync::Arc;

impl Enc<'_> {
    pub(super) fn encode_valuetype<'s, S: Sink>(
        &mut self,
        w: &mut Writer<S>,
        formal: Option<&'s TypeCode>,
        v: &'s Value,
        scope: Option<&Scope<'s>>,
        depth: u32,
    ) -> TcResult<()> {
        let at = w.len();
        let Value::ValueType(inst) = v else {
            return Err(mismatch("valuetype", v, at));
        };
        let Some(inst) = inst else {
            self.leaf(w);
            w.write_long(0);
            return Ok(());
        };
        let ptr = Arc::as_ptr(inst);
        if let Some(&(_, tag_at)) = self.values.iter().find(|(p, _)| *p == ptr) {
            self.leaf(w);
            w.write_ulong(tcio::INDIRECTION);
            let here = w.len() as i64;
            w.write_long(i32::try_from(tag_at as i64 - here).unwrap_or(i32::MIN));
            return Ok(());
        }
        let itc = resolve(&inst.tc, scope, at)?;
        let is_box = matches!(itc.desc(), TypeDesc::ValueBox { .. });
        // Conformance of the actual type to the formal one.
        if let Some(f) = formal {
            conforms(f, itc, at)?;
        }
        let chain = if is_box {
            vec![itc]
        } else {
            value_chain(itc, at)?
        };
        let m = modifier_of(itc);
        if m == ValueModifier::CUSTOM {
            return Err(TcError::new(
                TcErrorKind::Unsupported("custom-marshalled valuetypes"),
                at,
            ));
        }
        if m == ValueModifier::ABSTRACT {
            return Err(mismatch("a concrete valuetype", v, at));
        }
        let truncatable = m == ValueModifier::TRUNCATABLE;
        let chunked = self.chunk_level > 0
            || truncatable
            || (!is_box && self.opts.chunking == Chunking::Always);
        let total: usize = if is_box {
            1
        } else {
            chain
                .iter()
                .map(|t| match t.desc() {
                    TypeDesc::Value { members, .. } => members.len(),
                    _ => 0,
                })
                .sum()
        };
        if inst.members.len() != total {
            return Err(TcError::new(
                TcErrorKind::WrongLength {
                    expected: total,
                    found: inst.members.len(),
                },
                at,
            ));
        }
        self.close_chunk(w);
        w.align(4);
        self.values.push((ptr, w.len()));
        let mut tag = VALUE_TAG_MIN;
        if chunked {
            tag |= 0x08;
        }
        write_ids(w, tag, &chain, truncatable)?;
        if chunked {
            self.chunk_level += 1;
        }
        let r = self.encode_state(w, &chain, inst, scope, depth);
        if chunked {
            self.close_chunk(w);
            let lvl = self.chunk_level;
            self.chunk_level -= 1;
            r?;
            w.write_long(-(lvl as i32));
            Ok(())
        } else {
            r
        }
    }

    fn encode_state<'s, S: Sink>(
        &mut self,
        w: &mut Writer<S>,
        chain: &[&'s TypeCode],
        inst: &'s ValueInstance,
        scope: Option<&Scope<'s>>,
        depth: u32,
    ) -> TcResult<()> {
        let top = chain[0];
        if let TypeDesc::ValueBox { content, .. } = top.desc() {
            let inner = Scope {
                tc: top,
                parent: scope,
            };
            return self.encode(w, content, &inst.members[0], Some(&inner), depth + 1);
        }
        let mut k = 0;
        for t in chain.iter().rev() {
            let inner = Scope {
                tc: t,
                parent: scope,
            };
            let inner2 = Scope {
                tc: top,
                parent: Some(&inner),
            };
            if let TypeDesc::Value { members, .. } = t.desc() {
                for m in members {
                    self.encode(w, &m.tc, &inst.members[k], Some(&inner2), depth + 1)
                        .map_err(|e| e.member(&m.name))?;
                    k += 1;
                }
            }
        }
        Ok(())
    }
}

impl Dec<'_> {
    pub(super) fn decode_valuetype<'s>(
        &mut self,
        r: &mut Reader<'_>,
        formal: Option<&'s TypeCode>,
        scope: Option<&Scope<'s>>,
        depth: u32,
    ) -> TcResult<Value> {
        r.align(4)?;
        ctx::enter(depth, self.opts.max_depth, r.absolute_position())?;
        let mut in_chunk = false;
        if self.chunk_level > 0 {
            if self.pending_close.is_some() {
                return Err(self.closed_error(r));
            }
            in_chunk = self.chunk_end.is_some_and(|e| r.absolute_position() < e);
        }
        let mut tag_at = r.absolute_position();
        let mut tag = r.read_ulong()?;
        if self.chunk_level > 0 && !in_chunk && tag != 0 && tag < VALUE_TAG_MIN && (tag as i32) > 0
        {
            // A new chunk that starts with a null or an indirection.
            r.seek(r.position() - 4)?;
            self.open_chunk(r)?;
            in_chunk = true;
            r.align(4)?;
            tag_at = r.absolute_position();
            tag = r.read_ulong()?;
        }
        if tag == 0 {
            self.exit_leaf(r)?;
            return Ok(Value::ValueType(None));
        }
        if tag == tcio::INDIRECTION {
            let p = r.absolute_position();
            let off = r.read_long()?;
            self.exit_leaf(r)?;
            let target = p as i64 + i64::from(off);
            return usize::try_from(target)
                .ok()
                .filter(|&t| t < tag_at)
                .and_then(|t| self.values.get(&t))
                .map(|v| Value::ValueType(Some(v.clone())))
                .ok_or_else(|| TcError::new(TcErrorKind::BadValueIndirection { offset: off }, p));
        }
        if !(VALUE_TAG_MIN..=0x7fff_ffff).contains(&tag) {
            if self.chunk_level > 0 && (tag as i32) < 0 {
                return Err(TcError::new(
                    TcErrorKind::BadEndTag {
                        tag: tag as i32,
                        level: self.chunk_level,
                    },
                    tag_at,
                ));
            }
            return Err(TcError::new(TcErrorKind::BadValueTag(tag), tag_at));
        }
        let flags = tag & 0xff;
        let chunked = flags & 0x08 != 0;
        if in_chunk
            || flags & 0xf0 != 0
            || flags & 0x06 == 0x04
            || (self.chunk_level > 0 && !chunked)
        {
            return Err(TcError::new(TcErrorKind::BadValueTag(tag), tag_at));
        }
        let ids = self.read_ids(r, flags)?;
        // Choose the type to read.
        let (tc, truncated) = self.choose(&ids, formal, tag_at)?;
        if truncated && !chunked {
            return Err(TcError::new(
                TcErrorKind::UnknownValueType(ids[0].clone()),
                tag_at,
            ));
        }
        let is_box = matches!(tc.desc(), TypeDesc::ValueBox { .. });
        if let Some(f) = formal {
            if matches!(f.desc(), TypeDesc::ValueBox { .. }) != is_box {
                return Err(TcError::new(
                    TcErrorKind::UnknownValueType(ids.first().cloned().unwrap_or_default()),
                    tag_at,
                ));
            }
        }
        let m = modifier_of(&tc);
        if m == ValueModifier::CUSTOM || m == ValueModifier::ABSTRACT {
            return Err(TcError::new(
                TcErrorKind::UnknownValueType(tc.id().unwrap_or("").to_owned()),
                tag_at,
            ));
        }
        if chunked {
            self.chunk_level += 1;
            self.chunk_end = None;
        }
        let members = self.decode_state(r, &tc, scope, depth, tag_at)?;
        if chunked {
            if truncated {
                self.skip_to_end_tag(r, depth)?;
            } else {
                self.finish_chunked(r)?;
            }
            self.chunk_level -= 1;
            self.chunk_end = None;
        }
        let inst = Arc::new(ValueInstance { tc, members });
        self.values.insert(tag_at, inst.clone());
        Ok(Value::ValueType(Some(inst)))
    }

    fn decode_state<'s>(
        &mut self,
        r: &mut Reader<'_>,
        tc: &TypeCode,
        scope: Option<&Scope<'s>>,
        depth: u32,
        at: usize,
    ) -> TcResult<Vec<Value>> {
        if let TypeDesc::ValueBox { content, .. } = tc.desc() {
            let inner = Scope { tc, parent: scope };
            return Ok(vec![self.decode(r, content, Some(&inner), depth + 1)?]);
        }
        let chain = value_chain(tc, at)?;
        let mut out = Vec::new();
        for t in chain.iter().rev() {
            let inner = Scope {
                tc: t,
                parent: scope,
            };
            let inner2 = Scope {
                tc,
                parent: Some(&inner),
            };
            if let TypeDesc::Value { members, .. } = t.desc() {
                for m in members {
                    out.push(
                        self.decode(r, &m.tc, Some(&inner2), depth + 1)
                            .map_err(|e| e.member(&m.name))?,
                    );
                }
            }
        }
        Ok(out)
    }

    /// The codebase (skipped) and repository ids after a value tag.
    fn read_ids(&mut self, r: &mut Reader<'_>, flags: u32) -> TcResult<Vec<String>> {
        if flags & 0x01 != 0 {
            let _codebase = self.read_header_string(r)?;
        }
        Ok(match flags & 0x06 {
            0 => Vec::new(),
            0x02 => vec![self.read_header_string(r)?],
            _ => {
                let n = r.read_count(8)?;
                let mut v = Vec::with_capacity(n);
                for _ in 0..n {
                    v.push(self.read_header_string(r)?);
                }
                v
            }
        })
    }

    /// The type to read and whether that truncates the value.
    fn choose(
        &self,
        ids: &[String],
        formal: Option<&TypeCode>,
        tag_at: usize,
    ) -> TcResult<(TypeCode, bool)> {
        let formal_id = formal.and_then(|f| f.id());
        let mut chosen = None;
        for (k, id) in ids.iter().enumerate() {
            if Some(id.as_str()) == formal_id {
                chosen = formal.map(|f| (f.clone(), k > 0));
                break;
            }
            if let Some(t) = self
                .opts
                .value_types
                .iter()
                .find(|t| strip_alias(t).id() == Some(id.as_str()))
            {
                chosen = Some((strip_alias(t).clone(), k > 0));
                break;
            }
        }
        Ok(match chosen {
            Some(c) => c,
            None if ids.is_empty() && formal.is_some() => (
                formal
                    .cloned()
                    .unwrap_or_else(|| TypeCode::basic(TCKind::NULL)),
                false,
            ),
            None => {
                return Err(TcError::new(
                    TcErrorKind::UnknownValueType(ids.first().cloned().unwrap_or_default()),
                    tag_at,
                ))
            }
        })
    }
}

/// The actual type `itc` is the formal type `f` or derives from it.
fn conforms(f: &TypeCode, itc: &TypeCode, at: usize) -> TcResult<()> {
    let ok = match (f.desc(), itc.desc()) {
        (TypeDesc::ValueBox { id: a, .. }, TypeDesc::ValueBox { id: b, .. }) => a == b,
        (
            TypeDesc::Value {
                id: fid, modifier, ..
            },
            TypeDesc::Value { .. },
        ) => {
            *modifier == ValueModifier::ABSTRACT
                || value_chain(itc, at)?
                    .iter()
                    .any(|t| t.id() == Some(fid.as_str()))
        }
        _ => false,
    };
    if !ok {
        return Err(TcError::new(
            TcErrorKind::Mismatch {
                expected: "a value of the formal valuetype or a type derived from it",
                found: "another valuetype",
            },
            at,
        ));
    }
    Ok(())
}

/// The tag and repository ids: the actual type, then its truncatable bases.
fn write_ids<S: Sink>(
    w: &mut Writer<S>,
    tag: u32,
    chain: &[&TypeCode],
    truncatable: bool,
) -> TcResult<()> {
    if truncatable {
        let mut ids: Vec<&str> = Vec::new();
        for t in chain {
            ids.push(t.id().unwrap_or(""));
            if modifier_of(t) != ValueModifier::TRUNCATABLE {
                break;
            }
        }
        w.write_ulong(tag | 0x06);
        w.write_long(ids.len() as i32);
        for id in ids {
            w.write_string(id)?;
        }
    } else {
        w.write_ulong(tag | 0x02);
        w.write_string(chain[0].id().unwrap_or(""))?;
    }
    Ok(())
}
