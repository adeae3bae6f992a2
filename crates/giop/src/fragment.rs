//! Fragmentation (§9.4.9): splitting an outgoing message and reassembling
//! incoming ones.
//!
//! A fragmented message is sent as its first part, with the more-fragments
//! flag set, then Fragment messages; the last has the flag clear. GIOP 1.1
//! allows Request and Reply to be fragmented and has no way to interleave
//! two fragmented messages; GIOP 1.2 adds LocateRequest and LocateReply and
//! starts every Fragment with a `FragmentHeader_1_2` carrying the request
//! id, so fragments of several requests may interleave.
//!
//! Alignment. GIOP 1.2: every part but the last is a multiple of 8 octets
//! (the first including its header, each Fragment counting the data after
//! its 16-octet header), so the reassembled message — the first part
//! followed by every Fragment's data — aligns exactly as the unfragmented
//! message, and a split at 8-octet positions never cuts a primitive. This
//! splitter and reassembler follow that rule; omniORB does too (8192-octet
//! parts, tested against its captured traffic in `corpus/giop/v12-*`).
//!
//! GIOP 1.1 is different: "the data in a fragment is marshaled with
//! alignment relative to its position in the fragment" (§9.4.9), and the
//! data starts at offset 12 of a Fragment. The reassembled message is the
//! plain concatenation, and the reassembler records where each Fragment's
//! data starts ([`Reassembler::last_fragment_starts`],
//! [`crate::Frame::fragment_starts`]). A plain reader of the concatenation
//! is exact only when every Fragment's data lands at an offset ≡ 12 ≡ 4
//! (mod 8) of the whole message ([`crate::Frame::alignment_exact`]).
//! omniORB 4.2.5's 8192-octet 1.1 parts land at ≡ 0, and omniORB aligns in
//! each Fragment relative to its header, padding at the end of one part and
//! again at the start of the next where a double or long long does not
//! fit: a plain reader misreads such messages (captures in
//! `corpus/giop/frag11`). Read them with [`crate::Frame::reader_at`] or
//! [`crate::parse_reply_frame`], whose readers align per Fragment
//! ([`corba_cdr::Segments`]); the captured `sequence<Record>` and
//! `sequence<double>` requests and replies then decode exactly.
//!
//! This splitter cuts already-marshalled octets, so for GIOP 1.1 it lands
//! every Fragment at ≡ 4 (mod 8): each Fragment's alignment then equals the
//! whole message's and either reader is exact, at the price that an
//! 8-octet item may be split across two parts (the spec says one "should
//! never be"). It cannot reproduce omniORB's layout, which needs the
//! types while marshalling: [`crate::RequestBuilder::encode_fragmented_with`]
//! and [`crate::ReplyBuilder::encode_fragmented_with`] do that, marshalling
//! with a [`corba_cdr::FragmentGrid`] ([`giop11_grid`]) and cutting with
//! [`cut_giop11`]; their 8192-octet parts of the captured records Request
//! and Reply equal omniORB's octet for octet, uninitialised padding aside.

use crate::error::{Error, ErrorKind, Result};
use crate::header::{Header, Limits, FLAG_MORE_FRAGMENTS, HEADER_LEN};
use crate::ids::MsgType;
use corba_cdr::ByteOrder;

fn read_u32(b: &[u8], at: usize, order: ByteOrder) -> Result<u32> {
    match b.get(at..at + 4) {
        Some(s) => {
            let a = [s[0], s[1], s[2], s[3]];
            Ok(match order {
                ByteOrder::BigEndian => u32::from_be_bytes(a),
                ByteOrder::LittleEndian => u32::from_le_bytes(a),
            })
        }
        None => Err(Error::new(
            ErrorKind::Cdr(corba_cdr::ErrorKind::Truncated {
                needed: 4,
                available: b.len().saturating_sub(at),
            }),
            at,
        )),
    }
}

/// Splits one encoded message into parts of at most `fragment_size` octets
/// each (headers included), following the GIOP 1.1/1.2 rules. A message
/// that fits is returned unchanged as the only part. Fails for GIOP 1.0,
/// for types that cannot be fragmented in their version, and for sizes
/// below 24 (a GIOP 1.2 fragment header plus 8 data octets).
pub fn split(message: &[u8], fragment_size: usize) -> Result<Vec<Vec<u8>>> {
    let unlimited = Limits {
        max_message_size: usize::MAX,
        ..Limits::DEFAULT
    };
    let h = Header::parse(message, &unlimited)?;
    if message.len() != h.message_len() {
        return Err(Error::new(
            ErrorKind::SizeMismatch {
                declared: h.size,
                actual: message.len().saturating_sub(HEADER_LEN),
            },
            8,
        ));
    }
    if message.len() <= fragment_size {
        return Ok(vec![message.to_vec()]);
    }
    let minor = h.version.minor;
    if h.msg_type == MsgType::FRAGMENT || !h.msg_type.fragmentable(minor) {
        return Err(Error::new(
            ErrorKind::CannotFragment {
                msg_type: h.msg_type,
                minor,
            },
            7,
        ));
    }
    if fragment_size < 24 {
        return Err(Error::new(
            ErrorKind::FragmentSizeTooSmall(fragment_size),
            0,
        ));
    }
    let frag_header = if minor >= 2 {
        HEADER_LEN + 4
    } else {
        HEADER_LEN
    };
    // GIOP 1.2: every part but the last a multiple of 8 octets. GIOP 1.1:
    // each Fragment's data must start where the whole message had the same
    // alignment as offset 12 of the Fragment (module docs), so the first
    // part ends at an offset ≡ 4 (mod 8) and every Fragment carries a
    // multiple of 8 data octets.
    let (first_len, data_len) = if minor >= 2 {
        (fragment_size & !7, (fragment_size - frag_header) & !7)
    } else {
        (
            ((fragment_size - 4) & !7) + 4,
            (fragment_size - frag_header) & !7,
        )
    };
    let request_id = if minor >= 2 {
        Some(read_u32(message, HEADER_LEN, h.order)?)
    } else {
        None
    };

    let rest = &message[first_len..];
    let mut parts = Vec::with_capacity(1 + rest.len().div_ceil(data_len));
    let mut first = message[..first_len].to_vec();
    let mut fh = h;
    fh.more_fragments = true;
    fh.size = crate::ior::len_u32(first_len - HEADER_LEN);
    first[..HEADER_LEN].copy_from_slice(&fh.to_bytes());
    parts.push(first);

    let mut chunks = rest.chunks(data_len).peekable();
    while let Some(chunk) = chunks.next() {
        let more = chunks.peek().is_some();
        let mut part = Vec::with_capacity(frag_header + chunk.len());
        let hdr = Header {
            version: h.version,
            order: h.order,
            more_fragments: more,
            msg_type: MsgType::FRAGMENT,
            size: crate::ior::len_u32(frag_header - HEADER_LEN + chunk.len()),
        };
        part.extend_from_slice(&hdr.to_bytes());
        if let Some(id) = request_id {
            part.extend_from_slice(&match h.order {
                ByteOrder::BigEndian => id.to_be_bytes(),
                ByteOrder::LittleEndian => id.to_le_bytes(),
            });
        }
        part.extend_from_slice(chunk);
        parts.push(part);
    }
    Ok(parts)
}

#[derive(Debug)]
struct Partial {
    /// `Some(request id)` for GIOP 1.2, `None` for the one GIOP 1.1 message.
    key: Option<u32>,
    order: ByteOrder,
    fragments: usize,
    buf: Vec<u8>,
    /// GIOP 1.1: offsets in `buf` where each Fragment's data starts.
    starts: Vec<usize>,
}

/// What [`Reassembler::push`] made of a message.
#[derive(Debug, PartialEq, Eq)]
pub enum Pushed {
    /// The message was not fragmented: use it as it is.
    Whole,
    /// Part of a fragmented message, stored; nothing to deliver yet.
    Pending,
    /// The last fragment arrived: the whole message, with its header's size
    /// set to the total and the more-fragments flag clear.
    Complete(Vec<u8>),
}

/// Reassembles fragmented messages of one connection, within [`Limits`]:
/// at most `max_partial_messages` in progress, each at most
/// `max_reassembled_size` octets and `max_fragments_per_message` parts.
/// After an error the connection should be closed (most errors call for a
/// MessageError first, see [`Error::requires_message_error`]); the message
/// in error is dropped.
#[derive(Debug)]
pub struct Reassembler {
    limits: Limits,
    partial: Vec<Partial>,
    /// A buffer given back with [`Reassembler::recycle`], used for the next
    /// fragmented message.
    spare: Option<Vec<u8>>,
    /// Fragment data starts of the message last completed (GIOP 1.1).
    last_starts: Vec<usize>,
}

impl Reassembler {
    pub fn new(limits: Limits) -> Reassembler {
        Reassembler {
            limits,
            partial: Vec::new(),
            spare: None,
            last_starts: Vec::new(),
        }
    }

    /// Gives back a buffer (typically a [`Pushed::Complete`] message the
    /// caller is done with) to hold the next fragmented message, so a
    /// connection that keeps receiving large messages does not grow a new
    /// buffer each time. Buffers larger than twice the reassembly limit
    /// are dropped instead.
    pub fn recycle(&mut self, buf: Vec<u8>) {
        if buf.capacity() <= self.limits.max_reassembled_size.saturating_mul(2) {
            self.spare = Some(buf);
        }
    }

    /// For the message last returned as [`Pushed::Complete`]: the offsets
    /// where each GIOP 1.1 Fragment's data starts (alignment restarts there,
    /// see the module docs). Empty for GIOP 1.2, whose fragments continue
    /// the message's alignment.
    pub fn last_fragment_starts(&self) -> &[usize] {
        &self.last_starts
    }

    /// Takes the recycled buffer, if any, cleared.
    pub(crate) fn take_spare(&mut self) -> Option<Vec<u8>> {
        self.spare.take().map(|mut b| {
            b.clear();
            b
        })
    }

    /// Messages in progress.
    pub fn partial_count(&self) -> usize {
        self.partial.len()
    }

    /// Octets held for messages in progress.
    pub fn buffered(&self) -> usize {
        self.partial.iter().map(|p| p.buf.len()).sum()
    }

    /// Takes one whole GIOP message (`msg`, whose header `h` was parsed by
    /// [`Header::parse`]).
    pub fn push(&mut self, h: &Header, msg: &[u8]) -> Result<Pushed> {
        let minor = h.version.minor;
        if h.msg_type != MsgType::FRAGMENT {
            if !h.more_fragments {
                return Ok(Pushed::Whole);
            }
            let key = if minor >= 2 {
                Some(read_u32(msg, HEADER_LEN, h.order)?)
            } else {
                None
            };
            if self.partial.iter().any(|p| p.key == key) {
                return Err(Error::new(
                    ErrorKind::DuplicateFragmentedMessage { request_id: key },
                    HEADER_LEN,
                ));
            }
            if self.partial.len() >= self.limits.max_partial_messages {
                return Err(Error::new(
                    ErrorKind::TooManyPartialMessages {
                        limit: self.limits.max_partial_messages,
                    },
                    0,
                ));
            }
            if msg.len() > self.limits.max_reassembled_size {
                return Err(Error::new(
                    ErrorKind::ReassembledTooLarge {
                        size: msg.len() as u64,
                        limit: self.limits.max_reassembled_size,
                    },
                    8,
                ));
            }
            let mut buf = self.take_spare().unwrap_or_default();
            buf.extend_from_slice(msg);
            self.partial.push(Partial {
                key,
                order: h.order,
                fragments: 0,
                buf,
                starts: Vec::new(),
            });
            return Ok(Pushed::Pending);
        }

        let (key, data_start) = if minor >= 2 {
            (Some(read_u32(msg, HEADER_LEN, h.order)?), HEADER_LEN + 4)
        } else {
            (None, HEADER_LEN)
        };
        let Some(i) = self.partial.iter().position(|p| p.key == key) else {
            return Err(Error::new(
                ErrorKind::UnknownFragment { request_id: key },
                HEADER_LEN,
            ));
        };
        let p = &mut self.partial[i];
        if p.order != h.order {
            self.partial.swap_remove(i);
            return Err(Error::new(ErrorKind::FragmentByteOrderChanged, 6));
        }
        p.fragments += 1;
        if p.fragments > self.limits.max_fragments_per_message {
            self.partial.swap_remove(i);
            return Err(Error::new(
                ErrorKind::TooManyFragments {
                    limit: self.limits.max_fragments_per_message,
                },
                0,
            ));
        }
        let data = &msg[data_start.min(msg.len())..];
        let total = p.buf.len() as u64 + data.len() as u64;
        if total > self.limits.max_reassembled_size as u64 {
            self.partial.swap_remove(i);
            return Err(Error::new(
                ErrorKind::ReassembledTooLarge {
                    size: total,
                    limit: self.limits.max_reassembled_size,
                },
                8,
            ));
        }
        if key.is_none() {
            p.starts.push(p.buf.len());
        }
        p.buf.extend_from_slice(data);
        if h.more_fragments {
            return Ok(Pushed::Pending);
        }
        let done = self.partial.swap_remove(i);
        self.last_starts = done.starts;
        let mut buf = done.buf;
        buf[6] &= !FLAG_MORE_FRAGMENTS;
        let size = crate::ior::len_u32(buf.len() - HEADER_LEN);
        buf[8..HEADER_LEN].copy_from_slice(&match h.order {
            ByteOrder::BigEndian => size.to_be_bytes(),
            ByteOrder::LittleEndian => size.to_le_bytes(),
        });
        Ok(Pushed::Complete(buf))
    }
}

/// omniORB's GIOP 1.1 layout for parts of `fragment_size` octets: a first
/// part of that size, then Fragments of that size (12-octet header plus
/// data), alignment restarting in each (module docs).
pub fn giop11_grid(fragment_size: usize) -> corba_cdr::FragmentGrid {
    corba_cdr::FragmentGrid {
        first_len: fragment_size,
        data_len: fragment_size.saturating_sub(HEADER_LEN),
        header_len: HEADER_LEN,
    }
}

/// Cuts a GIOP 1.1 message marshalled with
/// [`corba_cdr::Writer::with_fragment_grid`] (`grid` the same) into its
/// first part and Fragments. A message that fits the first part is
/// returned unchanged.
pub fn cut_giop11(message: &[u8], grid: corba_cdr::FragmentGrid) -> Result<Vec<Vec<u8>>> {
    let unlimited = Limits {
        max_message_size: usize::MAX,
        ..Limits::DEFAULT
    };
    let h = Header::parse(message, &unlimited)?;
    if h.version.minor != 1 || !h.msg_type.fragmentable(1) || h.msg_type == MsgType::FRAGMENT {
        return Err(Error::new(
            ErrorKind::CannotFragment {
                msg_type: h.msg_type,
                minor: h.version.minor,
            },
            7,
        ));
    }
    if grid.first_len < 24 || grid.data_len == 0 {
        return Err(Error::new(
            ErrorKind::FragmentSizeTooSmall(grid.first_len),
            0,
        ));
    }
    if message.len() <= grid.first_len {
        return Ok(vec![message.to_vec()]);
    }
    let mut first = message[..grid.first_len].to_vec();
    let mut fh = h;
    fh.more_fragments = true;
    fh.size = crate::ior::len_u32(grid.first_len - HEADER_LEN);
    first[..HEADER_LEN].copy_from_slice(&fh.to_bytes());
    let mut parts = vec![first];
    let mut chunks = message[grid.first_len..].chunks(grid.data_len).peekable();
    while let Some(chunk) = chunks.next() {
        let hdr = Header {
            version: h.version,
            order: h.order,
            more_fragments: chunks.peek().is_some(),
            msg_type: MsgType::FRAGMENT,
            size: crate::ior::len_u32(chunk.len()),
        };
        let mut part = Vec::with_capacity(HEADER_LEN + chunk.len());
        part.extend_from_slice(&hdr.to_bytes());
        part.extend_from_slice(chunk);
        parts.push(part);
    }
    Ok(parts)
}
