#![forbid(unsafe_code)]
//! GIOP 1.0, 1.1 and 1.2 messages, IORs and fragmentation (CORBA 3.x Part 2,
//! §9.4 GIOP messages, §9.7 IIOP profiles; IOP module types from §7.6), on
//! top of [`corba_cdr`].
//!
//! * [`Header`] — the 12-octet message header, checked against [`Limits`].
//! * [`GiopMessage`] / [`Message`] — the eight message types with their
//!   per-version field orders; decode and re-encode byte for byte.
//! * [`ServiceContext`] — kept as octets, decoded on demand
//!   ([`KnownContext`]).
//! * [`Ior`], [`IiopProfile`], [`TaggedComponent`], [`Corbaloc`] —
//!   references, stringified (`IOR:`) and `corbaloc:iiop:` forms.
//! * [`fragment::split`], [`Reassembler`], [`MessageReader`] — outgoing
//!   fragmentation, reassembly and a chunk-fed stream reader;
//!   [`Frame::reader_at`] and [`parse_reply_frame`] read a reassembled
//!   GIOP 1.1 body with alignment restarting in each Fragment (§9.4.9), as
//!   omniORB marshals it.
//! * [`RequestBuilder`] and [`parse_reply`] — the small API the harness
//!   uses: a Request for an object key and operation with marshalled
//!   arguments, and a Reply's status and body reader; [`ReplyBuilder`]
//!   for the other direction.
//!
//! Every error is an [`Error`] with a kind and an offset;
//! [`Error::requires_message_error`] says when the specification calls for
//! a MessageError reply.

mod cdrx;
pub mod corbaloc;
mod error;
pub mod fragment;
mod header;
mod ids;
pub mod ior;
mod message;
pub mod service;
mod stream;

pub use corbaloc::{Corbaloc, IiopAddress};
pub use error::{Error, ErrorKind, Result};
pub use fragment::{Pushed, Reassembler};
pub use header::{Header, Limits, FLAG_LITTLE_ENDIAN, FLAG_MORE_FRAGMENTS, HEADER_LEN, MAGIC};
pub use ids::{
    response_flags, AddressingDisposition, CompletionStatus, ComponentId, LocateStatus, MsgType,
    OrbType, ProfileId, ReplyStatus, ServiceId,
};
pub use ior::{
    CodeSetComponent, CodeSetComponentInfo, IiopProfile, IiopVersion, Ior, TaggedComponent,
    TaggedProfile,
};
pub use message::{
    CancelRequest, Fragment, GiopMessage, LocateReply, LocateRequest, Message, Reply, Request,
    SystemException, TargetAddress,
};
pub use service::{CodeSetContext, KnownContext, ListenPoint, ServiceContext};
pub use stream::{Frame, MessageReader};

use corba_cdr::{ByteOrder, Encoding, FragmentSink, GiopVersion, Reader, Writer};
use message::{body_reader_at, finish_header, read_reply_fields};

/// Builds Request messages for the harness and the interop tests: an
/// object key, an operation and marshalled arguments, in any version and
/// byte order.
#[derive(Clone, Copy, Debug)]
pub struct RequestBuilder<'a> {
    pub version: GiopVersion,
    pub order: ByteOrder,
    pub request_id: u32,
    pub object_key: &'a [u8],
    pub operation: &'a str,
    /// A two-way call (GIOP 1.0/1.1 `response_expected`; GIOP 1.2
    /// `response_flags` SYNC_WITH_TARGET, or NONE when false).
    pub response_expected: bool,
    /// GIOP 1.2 only: send `response_flags` SYNC_WITH_SERVER (0x01) instead
    /// of SYNC_WITH_TARGET for a two-way call (§9.4.2.1: the server replies
    /// before invoking the target). GIOP 1.0/1.1 have no such flag: the
    /// request is sent with `response_expected` TRUE, as for any call that
    /// waits for a Reply.
    pub sync_with_server: bool,
    /// GIOP 1.0/1.1 `requesting_principal` (§9.4.2.1, deprecated; empty by
    /// default). Not encoded in GIOP 1.2.
    pub requesting_principal: &'a [u8],
    pub service_context: &'a [ServiceContext],
}

impl<'a> RequestBuilder<'a> {
    /// A two-way request with no service contexts.
    pub fn new(
        version: GiopVersion,
        order: ByteOrder,
        request_id: u32,
        object_key: &'a [u8],
        operation: &'a str,
    ) -> Self {
        RequestBuilder {
            version,
            order,
            request_id,
            object_key,
            operation,
            response_expected: true,
            sync_with_server: false,
            requesting_principal: &[],
            service_context: &[],
        }
    }

    /// A two-way GIOP 1.2 request with `response_flags` SYNC_WITH_SERVER.
    pub fn sync_with_server(mut self) -> Self {
        self.response_expected = true;
        self.sync_with_server = true;
        self
    }

    /// Sets the GIOP 1.0/1.1 `requesting_principal` octets.
    pub fn with_principal(mut self, principal: &'a [u8]) -> Self {
        self.requesting_principal = principal;
        self
    }

    pub fn with_service_context(mut self, sc: &'a [ServiceContext]) -> Self {
        self.service_context = sc;
        self
    }

    pub fn oneway(mut self) -> Self {
        self.response_expected = false;
        self
    }

    fn flags(&self) -> u8 {
        match (self.version.minor, self.response_expected) {
            (0 | 1, e) => u8::from(e),
            (_, true) if self.sync_with_server => response_flags::SYNC_WITH_SERVER,
            (_, true) => response_flags::SYNC_WITH_TARGET,
            (_, false) => response_flags::NONE,
        }
    }

    fn write_fields<S: corba_cdr::Sink>(&self, w: &mut Writer<S>) {
        debug_assert_eq!(w.len(), 0, "the fields start the message");
        if self.version.minor >= 2 {
            // The hot path: lay the fields out on the stack and write them
            // at once when they fit.
            let mut tmp = [0u8; FAST_FIELDS];
            if let Some(n) = self.fields_giop12(&mut tmp) {
                w.write_bytes(&tmp[..n]);
                return;
            }
        }
        w.write_bytes(&[0; HEADER_LEN]);
        if self.version.minor < 2 {
            service::write_service_contexts(w, self.service_context);
            w.write_ulong(self.request_id);
            w.write_octet(self.flags());
            if self.version.minor == 1 {
                w.write_bytes(&[0; 3]);
            }
            w.write_octet_sequence(self.object_key);
            w.write_string_bytes(self.operation.as_bytes());
            w.write_octet_sequence(self.requesting_principal);
        } else {
            w.write_ulong(self.request_id);
            w.write_octet(self.flags());
            w.write_bytes(&[0; 3]);
            w.write_short(AddressingDisposition::KEY_ADDR.0);
            w.write_octet_sequence(self.object_key);
            w.write_string_bytes(self.operation.as_bytes());
            service::write_service_contexts(w, self.service_context);
        }
    }

    /// The GIOP 1.2 header fields (12 placeholder octets first, no body
    /// padding) laid out in `buf`, padding zero; `None` if they do not fit.
    fn fields_giop12(&self, buf: &mut [u8; FAST_FIELDS]) -> Option<usize> {
        let o = self.order;
        let mut n = HEADER_LEN;
        let mut put = |n: &mut usize, b: &[u8]| -> Option<()> {
            buf.get_mut(*n..*n + b.len())?.copy_from_slice(b);
            *n += b.len();
            Some(())
        };
        let align4 = |n: usize| (n + 3) & !3;
        put(&mut n, &u32_in(o, self.request_id))?;
        put(&mut n, &[self.flags(), 0, 0, 0])?;
        // KeyAddr (short 0), 2 octets of padding, then the key's length.
        put(&mut n, &[0, 0, 0, 0])?;
        put(&mut n, &u32_in(o, ior::len_u32(self.object_key.len())))?;
        put(&mut n, self.object_key)?;
        n = align4(n);
        let op = self.operation.as_bytes();
        put(&mut n, &u32_in(o, ior::len_u32(op.len() + 1)))?;
        put(&mut n, op)?;
        put(&mut n, &[0])?;
        n = align4(n);
        put(&mut n, &u32_in(o, ior::len_u32(self.service_context.len())))?;
        for c in self.service_context {
            n = align4(n);
            put(&mut n, &u32_in(o, c.id.0))?;
            put(&mut n, &u32_in(o, ior::len_u32(c.data.len())))?;
            put(&mut n, &c.data)?;
        }
        (n <= FAST_FIELDS).then_some(n)
    }

    /// Offset of the arguments in the message: encode them with a writer
    /// whose origin is this offset (in GIOP 1.2 it is a multiple of 8, so
    /// origin 0 gives the same alignment).
    pub fn body_offset(&self) -> usize {
        body_offset(self)
    }

    /// The whole Request, the arguments written by `args` in place (so
    /// they align as in the message). `out` is cleared and reused.
    pub fn encode_with(&self, out: Vec<u8>, args: impl FnOnce(&mut Writer)) -> Vec<u8> {
        encode_with(self, out, args)
    }

    /// The Request in parts of at most `fragment_size` octets. GIOP 1.1:
    /// marshalled as omniORB does, alignment restarting in each Fragment
    /// (§9.4.9) and an aligned primitive that does not fit moved to the
    /// next part ([`fragment::giop11_grid`]); GIOP 1.2:
    /// [`fragment::split`] of the whole message. GIOP 1.0 cannot fragment
    /// (an error when the message does not fit).
    pub fn encode_fragmented_with(
        &self,
        fragment_size: usize,
        args: impl FnOnce(&mut Writer<FragmentSink>),
    ) -> Result<Vec<Vec<u8>>> {
        encode_fragmented_with(self, fragment_size, args)
    }

    /// The whole Request with `body` copied in as the arguments. `body`
    /// must have been marshalled for [`RequestBuilder::body_offset`].
    pub fn encode(&self, body: &[u8]) -> Vec<u8> {
        self.encode_with(Vec::with_capacity(self.body_offset() + body.len()), |w| {
            w.write_bytes(body)
        })
    }
}

/// Builds Reply messages (for a Rust server side in interop tests): status,
/// service contexts and the marshalled results or exception.
#[derive(Clone, Copy, Debug)]
pub struct ReplyBuilder<'a> {
    pub version: GiopVersion,
    pub order: ByteOrder,
    pub request_id: u32,
    pub reply_status: ReplyStatus,
    pub service_context: &'a [ServiceContext],
}

impl<'a> ReplyBuilder<'a> {
    pub fn new(
        version: GiopVersion,
        order: ByteOrder,
        request_id: u32,
        reply_status: ReplyStatus,
    ) -> Self {
        ReplyBuilder {
            version,
            order,
            request_id,
            reply_status,
            service_context: &[],
        }
    }

    pub fn with_service_context(mut self, sc: &'a [ServiceContext]) -> Self {
        self.service_context = sc;
        self
    }

    fn write_fields<S: corba_cdr::Sink>(&self, w: &mut Writer<S>) {
        w.write_bytes(&[0; HEADER_LEN]);
        if self.version.minor < 2 {
            service::write_service_contexts(w, self.service_context);
            w.write_ulong(self.request_id);
            w.write_ulong(self.reply_status.0);
        } else {
            w.write_ulong(self.request_id);
            w.write_ulong(self.reply_status.0);
            service::write_service_contexts(w, self.service_context);
        }
    }

    /// Offset of the body in the message (see
    /// [`RequestBuilder::body_offset`]).
    pub fn body_offset(&self) -> usize {
        body_offset(self)
    }

    /// The whole Reply, the body written by `body` in place. `out` is
    /// cleared and reused.
    pub fn encode_with(&self, out: Vec<u8>, body: impl FnOnce(&mut Writer)) -> Vec<u8> {
        encode_with(self, out, body)
    }

    /// The Reply in parts of at most `fragment_size` octets (see
    /// [`RequestBuilder::encode_fragmented_with`]).
    pub fn encode_fragmented_with(
        &self,
        fragment_size: usize,
        body: impl FnOnce(&mut Writer<FragmentSink>),
    ) -> Result<Vec<Vec<u8>>> {
        encode_fragmented_with(self, fragment_size, body)
    }

    /// A SYSTEM_EXCEPTION reply carrying `ex` (the status is taken from
    /// this builder; set it to [`ReplyStatus::SYSTEM_EXCEPTION`]).
    pub fn encode_system_exception(&self, ex: &SystemException) -> Vec<u8> {
        self.encode_with(Vec::new(), |w| ex.write(w))
    }
}

/// What the Request and Reply builders share: a message is the 12-octet
/// header, the message's fields, then (GIOP 1.2, §9.4.2.3 and §9.4.3.1) the
/// body aligned on an 8-octet boundary, or no padding at all when the body
/// is empty.
trait MessageFields {
    const MSG_TYPE: MsgType;
    fn version(&self) -> GiopVersion;
    fn order(&self) -> ByteOrder;
    /// The 12 header octets (placeholders) and the message's fields.
    fn write_fields<S: corba_cdr::Sink>(&self, w: &mut Writer<S>);
}

impl MessageFields for RequestBuilder<'_> {
    const MSG_TYPE: MsgType = MsgType::REQUEST;
    fn version(&self) -> GiopVersion {
        self.version
    }
    fn order(&self) -> ByteOrder {
        self.order
    }
    fn write_fields<S: corba_cdr::Sink>(&self, w: &mut Writer<S>) {
        RequestBuilder::write_fields(self, w)
    }
}

impl MessageFields for ReplyBuilder<'_> {
    const MSG_TYPE: MsgType = MsgType::REPLY;
    fn version(&self) -> GiopVersion {
        self.version
    }
    fn order(&self) -> ByteOrder {
        self.order
    }
    fn write_fields<S: corba_cdr::Sink>(&self, w: &mut Writer<S>) {
        ReplyBuilder::write_fields(self, w)
    }
}

fn body_offset(m: &impl MessageFields) -> usize {
    let mut w = Writer::sizer(Encoding::new(m.order(), m.version()));
    m.write_fields(&mut w);
    if m.version().minor >= 2 {
        w.align(8);
    }
    w.len()
}

fn encode_with(m: &impl MessageFields, out: Vec<u8>, body: impl FnOnce(&mut Writer)) -> Vec<u8> {
    let mut w = Writer::into_buffer(out, Encoding::new(m.order(), m.version()));
    let body_start = write_all(m, &mut w, body);
    finish(m, w.into_inner(), body_start)
}

fn encode_fragmented_with(
    m: &impl MessageFields,
    fragment_size: usize,
    body: impl FnOnce(&mut Writer<FragmentSink>),
) -> Result<Vec<Vec<u8>>> {
    let grid = (m.version().minor == 1).then(|| fragment::giop11_grid(fragment_size));
    let enc = Encoding::new(m.order(), m.version());
    let mut w = Writer::fragmenting(Vec::new(), enc, grid);
    let body_start = write_all(m, &mut w, body);
    let buf = finish(m, w.into_inner(), body_start);
    match grid {
        Some(grid) => fragment::cut_giop11(&buf, grid),
        None => fragment::split(&buf, fragment_size),
    }
}

/// The fields, the padding before a GIOP 1.2 body and the body: returns
/// where the fields ended and where the body starts.
fn write_all<S: corba_cdr::Sink>(
    m: &impl MessageFields,
    w: &mut Writer<S>,
    body: impl FnOnce(&mut Writer<S>),
) -> (usize, usize) {
    m.write_fields(w);
    let unpadded = w.len();
    if m.version().minor >= 2 {
        w.align(8);
    }
    let body_start = w.len();
    body(w);
    (unpadded, body_start)
}

fn finish<M: MessageFields>(
    m: &M,
    mut buf: Vec<u8>,
    (unpadded, body_start): (usize, usize),
) -> Vec<u8> {
    if buf.len() == body_start {
        // No body: an empty GIOP 1.2 body has no padding.
        buf.truncate(unpadded);
    }
    finish_header(&mut buf, Header::new(m.version(), m.order(), M::MSG_TYPE));
    buf
}

/// Largest GIOP 1.2 Request header laid out on the stack.
const FAST_FIELDS: usize = 256;

fn u32_in(order: ByteOrder, v: u32) -> [u8; 4] {
    match order {
        ByteOrder::BigEndian => v.to_be_bytes(),
        ByteOrder::LittleEndian => v.to_le_bytes(),
    }
}

/// A Reply parsed in place: its status, service contexts and a view of its
/// body.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReplyView<'a> {
    pub header: Header,
    pub request_id: u32,
    pub reply_status: ReplyStatus,
    pub service_context: Vec<ServiceContext>,
    /// The body octets (results, exception, forward IOR...).
    pub body: &'a [u8],
    /// Offset of `body` in the message, for alignment.
    pub body_offset: usize,
    message: &'a [u8],
    /// GIOP 1.1 Fragment data starts of a reassembled message (alignment
    /// restarts there); empty otherwise.
    fragment_starts: &'a [usize],
}

impl<'a> ReplyView<'a> {
    /// A CDR reader over the body, aligned and offset as in the message.
    pub fn body_reader(&self) -> Reader<'a> {
        let r = body_reader_at(
            self.message,
            self.body_offset,
            Encoding::new(self.header.order, self.header.version),
        );
        if self.fragment_starts.is_empty() {
            r
        } else {
            r.with_segments(corba_cdr::Segments::new(self.fragment_starts, HEADER_LEN))
        }
    }

    /// The body of a SYSTEM_EXCEPTION reply.
    pub fn system_exception(&self) -> Result<SystemException> {
        SystemException::read(&mut self.body_reader())
    }

    /// The IOR of a LOCATION_FORWARD or LOCATION_FORWARD_PERM reply.
    pub fn forward_ior(&self) -> Result<Ior> {
        Ior::read(&mut self.body_reader())
    }

    /// The repository id that starts a USER_EXCEPTION reply's body
    /// (§9.4.3.2: "the exception's repository ID ... followed by its
    /// members"), and a reader left at the first member.
    pub fn user_exception(&self) -> Result<(String, Reader<'a>)> {
        let mut r = self.body_reader();
        let id = cdrx::read_latin1(&mut r)?;
        Ok((id, r))
    }

    /// The repository id of a USER_EXCEPTION reply (see
    /// [`ReplyView::user_exception`]).
    pub fn user_exception_id(&self) -> Result<String> {
        Ok(self.user_exception()?.0)
    }

    /// The requested `AddressingDisposition` of a NEEDS_ADDRESSING_MODE
    /// reply.
    pub fn addressing_mode(&self) -> Result<AddressingDisposition> {
        Ok(AddressingDisposition(self.body_reader().read_short()?))
    }
}

/// Parses one whole Reply message (any version), borrowing its body.
/// A message of another type is an error (`UnknownMessageType`). The first
/// part of a fragmented Reply is accepted as [`GiopMessage::decode`]
/// accepts it: `header.more_fragments` is set and `body` holds this part's
/// octets only (reassemble with [`Reassembler`] for the whole body).
pub fn parse_reply<'a>(msg: &'a [u8], limits: &Limits) -> Result<ReplyView<'a>> {
    let header = Header::parse(msg, limits)?;
    if header.msg_type != MsgType::REPLY {
        return Err(Error::new(
            ErrorKind::UnknownMessageType(header.msg_type),
            7,
        ));
    }
    if msg.len() != header.message_len() {
        return Err(Error::new(
            ErrorKind::SizeMismatch {
                declared: header.size,
                actual: msg.len().saturating_sub(HEADER_LEN),
            },
            8,
        ));
    }
    // Fast path: no service context, the common case. The three fields
    // are then at fixed offsets in every version and the body starts at 24
    // (8-aligned in GIOP 1.2 without padding).
    if msg.len() >= 24 {
        let at = |off: usize| {
            let b = [msg[off], msg[off + 1], msg[off + 2], msg[off + 3]];
            match header.order {
                ByteOrder::BigEndian => u32::from_be_bytes(b),
                ByteOrder::LittleEndian => u32::from_le_bytes(b),
            }
        };
        let (count, id, status) = if header.version.minor >= 2 {
            (at(20), at(12), at(16))
        } else {
            (at(12), at(16), at(20))
        };
        if count == 0 {
            return Ok(ReplyView {
                header,
                request_id: id,
                reply_status: ReplyStatus(status),
                service_context: Vec::new(),
                body: &msg[24..],
                body_offset: 24,
                message: msg,
                fragment_starts: &[],
            });
        }
    }
    let mut r = body_reader_at(msg, HEADER_LEN, Encoding::new(header.order, header.version));
    let (request_id, reply_status, service_context) =
        read_reply_fields(&mut r, header.version.minor)?;
    let body_offset = r.absolute_position();
    Ok(ReplyView {
        header,
        request_id,
        reply_status,
        service_context,
        body: r.rest(),
        body_offset,
        message: msg,
        fragment_starts: &[],
    })
}

/// Parses a Reply from a [`MessageReader`] frame: as [`parse_reply`], and
/// for a reassembled GIOP 1.1 Reply the body reader aligns each Fragment's
/// data relative to that Fragment (§9.4.9), as omniORB marshals it.
pub fn parse_reply_frame<'a>(frame: &'a Frame, limits: &Limits) -> Result<ReplyView<'a>> {
    let mut v = parse_reply(&frame.bytes, limits)?;
    v.fragment_starts = &frame.fragment_starts;
    Ok(v)
}
