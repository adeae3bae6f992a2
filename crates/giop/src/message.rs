//! The eight GIOP messages with their per-version field orders (§9.4.2 to
//! §9.4.9 of CORBA 3.x Part 2).
//!
//! | message        | GIOP 1.0 / 1.1 header fields                          | GIOP 1.2 header fields                        |
//! |----------------|-------------------------------------------------------|-----------------------------------------------|
//! | Request        | service_context, request_id, response_expected, (1.1: reserved[3]), object_key, operation, requesting_principal | request_id, response_flags, reserved[3], target, operation, service_context |
//! | Reply          | service_context, request_id, reply_status             | request_id, reply_status, service_context     |
//! | CancelRequest  | request_id                                            | request_id                                    |
//! | LocateRequest  | request_id, object_key                                | request_id, target                            |
//! | LocateReply    | request_id, locate_status                             | request_id, locate_status                     |
//! | Fragment (1.1+)| (data only)                                           | request_id, then data                         |
//!
//! In GIOP 1.2 the bodies of Request and Reply start on an 8-octet boundary
//! of the message (§9.4.2.2, §9.4.3.2); when a body is empty no padding is
//! written ("there is no padding after the reply header when an
//! unfragmented reply message body is empty"). A LocateReply body follows
//! its header immediately in every version (§9.4.6.2), at offset 20. In
//! 1.0/1.1 a body follows the last header field directly, so its alignment
//! depends on that field's end: [`GiopMessage::body_offset`] gives the
//! offset to align from.

use crate::cdrx::{read_latin1, write_latin1};
use crate::error::{Error, ErrorKind, Result};
use crate::header::{Header, Limits, HEADER_LEN};
use crate::ids::{AddressingDisposition, CompletionStatus, LocateStatus, MsgType, ReplyStatus};
use crate::ior::{Ior, TaggedProfile};
use crate::service::{read_service_contexts, write_service_contexts, ServiceContext};
use corba_cdr::{ByteOrder, Encoding, GiopVersion, Reader, Sink, Writer};

/// `GIOP::TargetAddress` (§9.4.2): how a GIOP 1.2 Request or LocateRequest
/// names its target. GIOP 1.0/1.1 messages carry an object key only.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum TargetAddress {
    /// `KeyAddr`: the object key.
    Key(Vec<u8>),
    /// `ProfileAddr`: the profile the client chose.
    Profile(TaggedProfile),
    /// `ReferenceAddr`: the whole IOR and the index of the chosen profile.
    Reference {
        selected_profile_index: u32,
        ior: Ior,
    },
}

impl TargetAddress {
    pub fn disposition(&self) -> AddressingDisposition {
        match self {
            TargetAddress::Key(_) => AddressingDisposition::KEY_ADDR,
            TargetAddress::Profile(_) => AddressingDisposition::PROFILE_ADDR,
            TargetAddress::Reference { .. } => AddressingDisposition::REFERENCE_ADDR,
        }
    }

    pub fn read(r: &mut Reader<'_>) -> Result<TargetAddress> {
        let at = r.absolute_position();
        let d = AddressingDisposition(r.read_short()?);
        Ok(match d {
            AddressingDisposition::KEY_ADDR => {
                TargetAddress::Key(r.read_octet_sequence()?.to_vec())
            }
            AddressingDisposition::PROFILE_ADDR => TargetAddress::Profile(TaggedProfile::read(r)?),
            AddressingDisposition::REFERENCE_ADDR => {
                let selected_profile_index = r.read_ulong()?;
                let ior = Ior::read(r)?;
                TargetAddress::Reference {
                    selected_profile_index,
                    ior,
                }
            }
            _ => return Err(Error::new(ErrorKind::InvalidAddressingDisposition(d), at)),
        })
    }

    pub fn write<S: Sink>(&self, w: &mut Writer<S>) {
        w.write_short(self.disposition().0);
        match self {
            TargetAddress::Key(k) => w.write_octet_sequence(k),
            TargetAddress::Profile(p) => p.write(w),
            TargetAddress::Reference {
                selected_profile_index,
                ior,
            } => {
                w.write_ulong(*selected_profile_index);
                ior.write(w);
            }
        }
    }

    fn key_for_old_giop(&self) -> Result<&[u8]> {
        match self {
            TargetAddress::Key(k) => Ok(k),
            _ => Err(Error::new(ErrorKind::TargetNeedsGiop12, 0)),
        }
    }
}

/// A Request (§9.4.2).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Request {
    pub request_id: u32,
    /// GIOP 1.0/1.1: the `response_expected` boolean (0 or 1). GIOP 1.2:
    /// `response_flags` (see [`crate::response_flags`]).
    pub response_flags: u8,
    /// The reserved octets of GIOP 1.1 and 1.2 (zero when sent; kept as
    /// received). Not encoded in 1.0.
    pub reserved: [u8; 3],
    /// GIOP 1.0/1.1 accept only [`TargetAddress::Key`].
    pub target: TargetAddress,
    pub operation: String,
    /// GIOP 1.0/1.1 `requesting_principal`; not encoded in 1.2.
    pub requesting_principal: Vec<u8>,
    pub service_context: Vec<ServiceContext>,
    /// The marshalled arguments, aligned from [`GiopMessage::body_offset`].
    pub body: Vec<u8>,
}

/// A Reply (§9.4.3).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reply {
    pub request_id: u32,
    pub reply_status: ReplyStatus,
    pub service_context: Vec<ServiceContext>,
    pub body: Vec<u8>,
}

/// A CancelRequest (§9.4.4).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CancelRequest {
    pub request_id: u32,
}

/// A LocateRequest (§9.4.5). GIOP 1.0/1.1 accept only a key target.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LocateRequest {
    pub request_id: u32,
    pub target: TargetAddress,
}

/// A LocateReply (§9.4.6); the body holds an IOR for OBJECT_FORWARD(_PERM),
/// a system exception for LOC_SYSTEM_EXCEPTION and an addressing
/// disposition for LOC_NEEDS_ADDRESSING_MODE.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LocateReply {
    pub request_id: u32,
    pub locate_status: LocateStatus,
    pub body: Vec<u8>,
}

/// A Fragment (§9.4.9): GIOP 1.2 fragments start with the request id.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fragment {
    /// `Some` in GIOP 1.2, `None` in 1.1.
    pub request_id: Option<u32>,
    pub data: Vec<u8>,
}

/// One GIOP message, by type.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Message {
    Request(Request),
    Reply(Reply),
    CancelRequest(CancelRequest),
    LocateRequest(LocateRequest),
    LocateReply(LocateReply),
    CloseConnection,
    MessageError,
    Fragment(Fragment),
}

impl Message {
    pub fn msg_type(&self) -> MsgType {
        match self {
            Message::Request(_) => MsgType::REQUEST,
            Message::Reply(_) => MsgType::REPLY,
            Message::CancelRequest(_) => MsgType::CANCEL_REQUEST,
            Message::LocateRequest(_) => MsgType::LOCATE_REQUEST,
            Message::LocateReply(_) => MsgType::LOCATE_REPLY,
            Message::CloseConnection => MsgType::CLOSE_CONNECTION,
            Message::MessageError => MsgType::MESSAGE_ERROR,
            Message::Fragment(_) => MsgType::FRAGMENT,
        }
    }

    /// The request id, for the types that carry one in this version.
    pub fn request_id(&self) -> Option<u32> {
        match self {
            Message::Request(m) => Some(m.request_id),
            Message::Reply(m) => Some(m.request_id),
            Message::CancelRequest(m) => Some(m.request_id),
            Message::LocateRequest(m) => Some(m.request_id),
            Message::LocateReply(m) => Some(m.request_id),
            Message::Fragment(m) => m.request_id,
            Message::CloseConnection | Message::MessageError => None,
        }
    }

    /// The body octets (arguments, results, fragment data), if this type
    /// has a body.
    pub fn body(&self) -> Option<&[u8]> {
        match self {
            Message::Request(m) => Some(&m.body),
            Message::Reply(m) => Some(&m.body),
            Message::LocateReply(m) => Some(&m.body),
            Message::Fragment(m) => Some(&m.data),
            _ => None,
        }
    }
}

/// A whole GIOP message: version, byte order, more-fragments flag and the
/// message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GiopMessage {
    pub version: GiopVersion,
    pub order: ByteOrder,
    pub more_fragments: bool,
    pub message: Message,
    /// The octets found in the alignment padding of the header fields
    /// (the padding before a GIOP 1.2 body included), in order, when they
    /// were not all zero: omniORB leaves some padding uninitialised (see
    /// `corpus/known_divergences.md`). [`GiopMessage::encode`] writes them
    /// back when the layout still has that much padding, so a decoded
    /// message re-encodes byte for byte; `None` writes zeros.
    pub padding: Option<Vec<u8>>,
}

/// `SystemExceptionReplyBody` (§9.4.3.2).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct SystemException {
    pub exception_id: String,
    pub minor_code_value: u32,
    pub completion_status: CompletionStatus,
}

impl SystemException {
    pub fn read(r: &mut Reader<'_>) -> Result<SystemException> {
        Ok(SystemException {
            exception_id: read_latin1(r)?,
            minor_code_value: r.read_ulong()?,
            completion_status: CompletionStatus(r.read_ulong()?),
        })
    }
    pub fn write<S: Sink>(&self, w: &mut Writer<S>) {
        write_latin1(w, &self.exception_id);
        w.write_ulong(self.minor_code_value);
        w.write_ulong(self.completion_status.0);
    }
}

/// Skips to the 8-aligned start of a GIOP 1.2 body, unless nothing
/// follows (an empty body has no padding).
fn skip_body_padding(r: &mut Reader<'_>) -> Result<()> {
    if !r.is_empty() {
        r.align(8)?;
    }
    Ok(())
}

/// Reads a GIOP 1.0/1.1 boolean `response_expected`.
fn read_response_expected(r: &mut Reader<'_>) -> Result<u8> {
    Ok(u8::from(r.read_bool()?))
}

fn read_reserved(r: &mut Reader<'_>) -> Result<[u8; 3]> {
    let b = r.take(3)?;
    Ok([b[0], b[1], b[2]])
}

/// Reads the header fields of a Reply; the reader is left at the body.
pub(crate) fn read_reply_fields(
    r: &mut Reader<'_>,
    minor: u8,
) -> Result<(u32, ReplyStatus, Vec<ServiceContext>)> {
    if minor < 2 {
        let sc = read_service_contexts(r)?;
        let id = r.read_ulong()?;
        let st = ReplyStatus(r.read_ulong()?);
        Ok((id, st, sc))
    } else {
        let id = r.read_ulong()?;
        let st = ReplyStatus(r.read_ulong()?);
        let sc = read_service_contexts(r)?;
        skip_body_padding(r)?;
        Ok((id, st, sc))
    }
}

fn no_more(r: &Reader<'_>, msg_type: MsgType) -> Result<()> {
    match r.remaining() {
        0 => Ok(()),
        extra => Err(Error::new(
            ErrorKind::UnexpectedBody { msg_type, extra },
            r.absolute_position(),
        )),
    }
}

/// A reader over a message's octets after the header, aligned and offset
/// as in the whole message.
pub(crate) fn body_reader_at(msg: &[u8], start: usize, enc: Encoding) -> Reader<'_> {
    Reader::new(&msg[start..], enc)
        .with_origin(start)
        .with_absolute_offset(start)
}

impl GiopMessage {
    pub fn new(version: GiopVersion, order: ByteOrder, message: Message) -> GiopMessage {
        GiopMessage {
            version,
            order,
            more_fragments: false,
            message,
            padding: None,
        }
    }

    fn encoding(&self) -> Encoding {
        Encoding::new(self.order, self.version)
    }

    /// The header this message encodes with (`size` computed).
    pub fn header(&self) -> Result<Header> {
        let mut w = Writer::sizer(self.encoding());
        self.write_all(&mut w)?;
        Ok(Header {
            version: self.version,
            order: self.order,
            more_fragments: self.more_fragments,
            msg_type: self.message.msg_type(),
            size: crate::ior::len_u32(w.len() - HEADER_LEN),
        })
    }

    /// Decodes one whole message: `bytes` must be exactly the header plus
    /// `size` octets.
    pub fn decode(bytes: &[u8], limits: &Limits) -> Result<GiopMessage> {
        let h = Header::parse(bytes, limits)?;
        Self::decode_with_header(&h, bytes)
    }

    /// Decodes a message whose header was already parsed.
    pub fn decode_with_header(h: &Header, bytes: &[u8]) -> Result<GiopMessage> {
        if bytes.len() != h.message_len() {
            return Err(Error::new(
                ErrorKind::SizeMismatch {
                    declared: h.size,
                    actual: bytes.len().saturating_sub(HEADER_LEN),
                },
                8,
            ));
        }
        let enc = Encoding::new(h.order, h.version);
        let mut r = body_reader_at(bytes, HEADER_LEN, enc);
        let minor = h.version.minor;
        let message = match h.msg_type {
            MsgType::REQUEST => Message::Request(if minor < 2 {
                let service_context = read_service_contexts(&mut r)?;
                let request_id = r.read_ulong()?;
                let response_flags = read_response_expected(&mut r)?;
                let reserved = if minor == 1 {
                    read_reserved(&mut r)?
                } else {
                    [0; 3]
                };
                let key = r.read_octet_sequence()?.to_vec();
                let operation = read_latin1(&mut r)?;
                let requesting_principal = r.read_octet_sequence()?.to_vec();
                Request {
                    request_id,
                    response_flags,
                    reserved,
                    target: TargetAddress::Key(key),
                    operation,
                    requesting_principal,
                    service_context,
                    body: r.rest().to_vec(),
                }
            } else {
                let request_id = r.read_ulong()?;
                let response_flags = r.read_octet()?;
                let reserved = read_reserved(&mut r)?;
                let target = TargetAddress::read(&mut r)?;
                let operation = read_latin1(&mut r)?;
                let service_context = read_service_contexts(&mut r)?;
                skip_body_padding(&mut r)?;
                Request {
                    request_id,
                    response_flags,
                    reserved,
                    target,
                    operation,
                    requesting_principal: Vec::new(),
                    service_context,
                    body: r.rest().to_vec(),
                }
            }),
            MsgType::REPLY => {
                let (request_id, reply_status, service_context) = read_reply_fields(&mut r, minor)?;
                Message::Reply(Reply {
                    request_id,
                    reply_status,
                    service_context,
                    body: r.rest().to_vec(),
                })
            }
            MsgType::CANCEL_REQUEST => {
                let request_id = r.read_ulong()?;
                no_more(&r, h.msg_type)?;
                Message::CancelRequest(CancelRequest { request_id })
            }
            MsgType::LOCATE_REQUEST => {
                let request_id = r.read_ulong()?;
                let target = if minor < 2 {
                    TargetAddress::Key(r.read_octet_sequence()?.to_vec())
                } else {
                    TargetAddress::read(&mut r)?
                };
                no_more(&r, h.msg_type)?;
                Message::LocateRequest(LocateRequest { request_id, target })
            }
            MsgType::LOCATE_REPLY => {
                let request_id = r.read_ulong()?;
                let locate_status = LocateStatus(r.read_ulong()?);
                Message::LocateReply(LocateReply {
                    request_id,
                    locate_status,
                    body: r.rest().to_vec(),
                })
            }
            MsgType::CLOSE_CONNECTION => {
                no_more(&r, h.msg_type)?;
                Message::CloseConnection
            }
            MsgType::MESSAGE_ERROR => {
                no_more(&r, h.msg_type)?;
                Message::MessageError
            }
            MsgType::FRAGMENT => {
                let request_id = if minor >= 2 {
                    Some(r.read_ulong()?)
                } else {
                    None
                };
                Message::Fragment(Fragment {
                    request_id,
                    data: r.rest().to_vec(),
                })
            }
            t => return Err(Error::new(ErrorKind::UnknownMessageType(t), 7)),
        };
        let mut m = GiopMessage {
            version: h.version,
            order: h.order,
            more_fragments: h.more_fragments,
            message,
            padding: None,
        };
        m.padding = m.padding_in(bytes);
        Ok(m)
    }

    /// The ranges of the encoded message that are alignment padding,
    /// before the body (the body is opaque octets): for comparisons with
    /// ORBs that leave padding uninitialised, and to locate what
    /// [`GiopMessage::padding`] holds.
    pub fn padding_ranges(&self) -> Result<Vec<core::ops::Range<usize>>> {
        let mut w = Writer::sizer(self.encoding()).track_padding();
        self.write_fields(&mut w)?;
        Ok(w.padding().to_vec())
    }

    /// [`GiopMessage::padding`] with where each piece lies in the encoded
    /// message: one `(range, octets)` per padding run of the header fields,
    /// zeros where `padding` is `None` (or no longer fits the layout, in
    /// which case [`GiopMessage::encode`] writes zeros too).
    pub fn padding_at(&self) -> Result<Vec<(core::ops::Range<usize>, Vec<u8>)>> {
        let ranges = self.padding_ranges()?;
        let total: usize = ranges.iter().map(|r| r.len()).sum();
        let kept = self.padding.as_deref().filter(|p| p.len() == total);
        let mut at = 0;
        Ok(ranges
            .into_iter()
            .map(|r| {
                let octets = match kept {
                    Some(p) => p[at..at + r.len()].to_vec(),
                    None => vec![0; r.len()],
                };
                at += r.len();
                (r, octets)
            })
            .collect())
    }

    /// The padding octets of `bytes` at the places this message's layout
    /// pads, if any is not zero.
    fn padding_in(&self, bytes: &[u8]) -> Option<Vec<u8>> {
        let ranges = self.padding_ranges().ok()?;
        let zero = |r: &core::ops::Range<usize>| {
            bytes
                .get(r.clone())
                .is_some_and(|b| b.iter().all(|&x| x == 0))
        };
        if ranges.iter().all(zero) {
            return None;
        }
        let mut pad = Vec::new();
        for r in ranges {
            pad.extend_from_slice(bytes.get(r)?);
        }
        Some(pad)
    }

    /// Writes the header fields of the message (everything before the
    /// body, including a GIOP 1.2 body's padding when the body is not
    /// empty), after 12 placeholder header octets. Fails only for a
    /// non-key target in GIOP 1.0/1.1 or a Fragment in 1.0.
    fn write_fields<S: Sink>(&self, w: &mut Writer<S>) -> Result<()> {
        w.write_bytes(&[0; HEADER_LEN]);
        let minor = self.version.minor;
        match &self.message {
            Message::Request(m) => {
                if minor < 2 {
                    let key = m.target.key_for_old_giop()?;
                    write_service_contexts(w, &m.service_context);
                    w.write_ulong(m.request_id);
                    w.write_octet(m.response_flags);
                    if minor == 1 {
                        w.write_bytes(&m.reserved);
                    }
                    w.write_octet_sequence(key);
                    write_latin1(w, &m.operation);
                    w.write_octet_sequence(&m.requesting_principal);
                } else {
                    w.write_ulong(m.request_id);
                    w.write_octet(m.response_flags);
                    w.write_bytes(&m.reserved);
                    m.target.write(w);
                    write_latin1(w, &m.operation);
                    write_service_contexts(w, &m.service_context);
                    if !m.body.is_empty() {
                        w.align(8);
                    }
                }
            }
            Message::Reply(m) => {
                if minor < 2 {
                    write_service_contexts(w, &m.service_context);
                    w.write_ulong(m.request_id);
                    w.write_ulong(m.reply_status.0);
                } else {
                    w.write_ulong(m.request_id);
                    w.write_ulong(m.reply_status.0);
                    write_service_contexts(w, &m.service_context);
                    if !m.body.is_empty() {
                        w.align(8);
                    }
                }
            }
            Message::CancelRequest(m) => w.write_ulong(m.request_id),
            Message::LocateRequest(m) => {
                w.write_ulong(m.request_id);
                if minor < 2 {
                    w.write_octet_sequence(m.target.key_for_old_giop()?);
                } else {
                    m.target.write(w);
                }
            }
            Message::LocateReply(m) => {
                w.write_ulong(m.request_id);
                // "LocateReply bodies are marshaled immediately following
                // the LocateReply header" (§9.4.6.2), in every version.
                w.write_ulong(m.locate_status.0);
            }
            Message::CloseConnection | Message::MessageError => {}
            Message::Fragment(m) => {
                if minor == 0 {
                    return Err(Error::new(ErrorKind::FragmentInGiop10, 7));
                }
                if minor >= 2 {
                    w.write_ulong(m.request_id.unwrap_or(0));
                }
            }
        }
        Ok(())
    }

    fn write_all<S: Sink>(&self, w: &mut Writer<S>) -> Result<()> {
        self.write_fields(w)?;
        if let Some(b) = self.message.body() {
            w.write_bytes(b);
        }
        Ok(())
    }

    /// Offset of the body in the encoded message: where the arguments,
    /// results or fragment data start, for alignment.
    pub fn body_offset(&self) -> Result<usize> {
        let mut w = Writer::sizer(self.encoding());
        self.write_fields(&mut w)?;
        Ok(w.len())
    }

    /// A reader over the body of the encoded message (arguments, results,
    /// exception, forward IOR), aligned as in the message. `None` for types
    /// without a body.
    pub fn body_reader(&self) -> Result<Option<Reader<'_>>> {
        let off = self.body_offset()?;
        Ok(self.message.body().map(|b| {
            Reader::new(b, self.encoding())
                .with_origin(off)
                .with_absolute_offset(off)
        }))
    }

    /// Encodes the whole message. Fails only for a non-key target in GIOP
    /// 1.0/1.1 or a Fragment in 1.0.
    pub fn encode(&self) -> Result<Vec<u8>> {
        let mut out = Vec::new();
        self.encode_into(&mut out)?;
        Ok(out)
    }

    /// Encodes into `out` (cleared; its capacity is reused).
    pub fn encode_into(&self, out: &mut Vec<u8>) -> Result<()> {
        let mut w = Writer::into_buffer(core::mem::take(out), self.encoding());
        if self.padding.is_some() {
            w = w.track_padding();
        }
        let r = self.write_all(&mut w);
        let ranges: Vec<core::ops::Range<usize>> = w.padding().to_vec();
        *out = w.into_inner();
        r?;
        if let Some(pad) = &self.padding {
            if ranges.iter().map(|r| r.len()).sum::<usize>() == pad.len() {
                let mut src = &pad[..];
                for r in ranges {
                    let (now, rest) = src.split_at(r.len());
                    out[r].copy_from_slice(now);
                    src = rest;
                }
            }
        }
        finish_header(
            out,
            Header {
                version: self.version,
                order: self.order,
                more_fragments: self.more_fragments,
                msg_type: self.message.msg_type(),
                size: 0,
            },
        );
        Ok(())
    }
}

/// Writes `h` (with `size` set from the buffer's length) over the first
/// 12 octets of an encoded message.
pub(crate) fn finish_header(buf: &mut [u8], mut h: Header) {
    h.size = crate::ior::len_u32(buf.len() - HEADER_LEN);
    buf[..HEADER_LEN].copy_from_slice(&h.to_bytes());
}
