//! One connection: read, reassemble (corba_giop::MessageReader), answer in
//! order; CancelRequest drops a request not yet started (§9.4.4).

use crate::servant::{self, Failure};
use crate::{Config, Stats, OBJECT_KEY};
use corba_cdr::{ByteOrder, Encoding, GiopVersion, Reader};
use corba_giop::{
    CompletionStatus, Frame, GiopMessage, Header, LocateReply, LocateStatus, Message,
    MessageReader, MsgType, ReplyBuilder, ReplyStatus, Request, SystemException, TargetAddress,
};
use std::collections::VecDeque;
use std::io::{ErrorKind as IoKind, Read, Write};
use std::net::{Shutdown, TcpStream};
use std::time::{Duration, Instant};

/// Octets read from the socket at a time.
const READ_CHUNK: usize = 64 << 10;

/// Tells a connection over the limit that it will be closed (§9.4.6: the
/// server may send CloseConnection at any time it has no pending replies).
pub(crate) fn refuse(mut stream: TcpStream) {
    let _ = stream.set_write_timeout(Some(Duration::from_secs(1)));
    let close = Header::new(
        GiopVersion::V1_0,
        ByteOrder::BigEndian,
        MsgType::CLOSE_CONNECTION,
    );
    let _ = stream.write_all(&close.to_bytes());
    let _ = stream.shutdown(Shutdown::Both);
}

/// Why a connection ends.
pub(crate) enum End {
    /// The peer closed, sent CloseConnection or MessageError, or the
    /// socket failed.
    Peer,
    /// Malformed input: answered with MessageError in this version.
    Malformed(GiopVersion, ByteOrder),
    /// A message was not completed in time, or the connection was idle too
    /// long.
    Timeout,
}

impl End {
    /// Counts the end in `stats`; returns what to send before closing
    /// (§9.4.8: MessageError has no body; its header carries the version
    /// we could make out, 1.0 when the header was bad).
    pub(crate) fn farewell(&self, stats: &Stats) -> Option<[u8; 12]> {
        match *self {
            End::Malformed(version, order) => {
                Stats::bump(&stats.message_errors_sent);
                Some(Header::new(version, order, MsgType::MESSAGE_ERROR).to_bytes())
            }
            End::Timeout => {
                Stats::bump(&stats.timeouts);
                None
            }
            End::Peer => None,
        }
    }
}

/// The poll interval of a connection's reads: how often the timeouts are
/// checked while nothing arrives.
pub(crate) fn poll_interval(config: &Config) -> Duration {
    (config.message_timeout / 4).clamp(Duration::from_millis(5), Duration::from_millis(250))
}

/// One connection's state apart from its socket: reassembly, the batch
/// of frames in flight and the timers. Both the thread-per-connection loop
/// below and the async one (aconn.rs) drive it: they feed what they read,
/// write what [`Session::answer_all`] produced, and stop on an [`End`].
pub(crate) struct Session {
    reader: MessageReader,
    batch: VecDeque<Frame>,
    scratch: Vec<u8>,
    partial_since: Option<Instant>,
    last_activity: Instant,
}

impl Session {
    pub(crate) fn new(config: &Config) -> Session {
        Session {
            reader: MessageReader::new(config.limits),
            batch: VecDeque::with_capacity(config.max_in_flight),
            scratch: Vec::new(),
            partial_since: None,
            last_activity: Instant::now(),
        }
    }

    /// Octets read from the socket.
    pub(crate) fn feed(&mut self, bytes: &[u8]) {
        self.reader.feed(bytes);
        self.last_activity = Instant::now();
    }

    /// Takes at most `max_in_flight` whole buffered messages (so that one
    /// connection's backlog stays bounded), drops the cancelled ones and
    /// appends the replies to `replies`, in order. `Ok(true)`: frames were
    /// taken; write `replies` and call again. `Ok(false)`: nothing whole is
    /// buffered. `Err`: write `replies` (answers to the messages before the
    /// one that ended it), then end the connection.
    fn answer_batch(
        &mut self,
        config: &Config,
        stats: &Stats,
        replies: &mut Vec<u8>,
    ) -> Result<bool, End> {
        while self.batch.len() < config.max_in_flight {
            match self.reader.next_frame() {
                Ok(Some(f)) => self.batch.push_back(f),
                Ok(None) => break,
                Err(_) => return Err(End::Malformed(GiopVersion::V1_0, ByteOrder::BigEndian)),
            }
        }
        if self.batch.is_empty() {
            return Ok(false);
        }
        drop_cancelled(&mut self.batch, stats);
        while let Some(frame) = self.batch.pop_front() {
            if let Some(end) = answer(&frame, stats, &mut self.scratch) {
                return Err(end);
            }
            replies.extend_from_slice(&self.scratch);
            self.scratch.clear();
            self.reader.recycle(frame.bytes);
        }
        Ok(true)
    }

    /// Answers every whole buffered message, batch by batch
    /// ([`Session::answer_batch`]), appending the replies to `replies`: the
    /// replies to what the last read brought (one read chunk of requests),
    /// written at once. The caller writes `replies` in either case; `Err`:
    /// then ends the connection.
    pub(crate) fn answer_all(
        &mut self,
        config: &Config,
        stats: &Stats,
        replies: &mut Vec<u8>,
    ) -> Result<(), End> {
        while self.answer_batch(config, stats, replies)? {}
        Ok(())
    }

    /// The message and idle timeouts, checked after every read or poll.
    pub(crate) fn check_timers(&mut self, config: &Config) -> Result<(), End> {
        let now = Instant::now();
        if self.reader.is_idle() {
            self.partial_since = None;
            if now.duration_since(self.last_activity) > config.idle_timeout {
                return Err(End::Timeout);
            }
        } else {
            let since = *self.partial_since.get_or_insert(now);
            if now.duration_since(since) > config.message_timeout {
                return Err(End::Timeout);
            }
        }
        Ok(())
    }
}

pub(crate) fn serve(mut stream: TcpStream, config: &Config, stats: &Stats) {
    if stream
        .set_read_timeout(Some(poll_interval(config)))
        .is_err()
        || stream
            .set_write_timeout(Some(config.message_timeout))
            .is_err()
    {
        return;
    }
    let _ = stream.set_nodelay(true);
    let end = serve_until_end(&mut stream, config, stats);
    if let Some(bytes) = end.farewell(stats) {
        let _ = stream.write_all(&bytes);
    }
    let _ = stream.shutdown(Shutdown::Both);
}

fn serve_until_end(stream: &mut TcpStream, config: &Config, stats: &Stats) -> End {
    let mut session = Session::new(config);
    let mut chunk = vec![0u8; READ_CHUNK];
    let mut replies = Vec::new();
    loop {
        match stream.read(&mut chunk) {
            Ok(0) => return End::Peer,
            Ok(n) => session.feed(&chunk[..n]),
            Err(e)
                if matches!(
                    e.kind(),
                    IoKind::WouldBlock | IoKind::TimedOut | IoKind::Interrupted
                ) => {}
            Err(_) => return End::Peer,
        }
        let answered = session.answer_all(config, stats, &mut replies);
        if !replies.is_empty() {
            if stream.write_all(&replies).is_err() {
                return End::Peer;
            }
            replies.clear();
        }
        if let Err(end) = answered.and_then(|()| session.check_timers(config)) {
            return end;
        }
    }
}

/// Removes the requests named by CancelRequests in `batch` (they have not
/// started; §9.4.4 lets the server drop them without a reply), and the
/// CancelRequests themselves.
fn drop_cancelled(batch: &mut VecDeque<Frame>, stats: &Stats) {
    let cancelled: Vec<u32> = batch
        .iter()
        .filter(|f| f.header.msg_type == MsgType::CANCEL_REQUEST)
        .filter_map(|f| GiopMessage::decode_with_header(&f.header, &f.bytes).ok())
        .filter_map(|m| match m.message {
            Message::CancelRequest(c) => Some(c.request_id),
            _ => None,
        })
        .collect();
    if cancelled.is_empty() {
        return;
    }
    batch.retain(|f| {
        if f.header.msg_type == MsgType::CANCEL_REQUEST {
            return false;
        }
        if f.header.msg_type == MsgType::REQUEST && f.bytes.len() >= 24 {
            if let Some(id) = request_id_of(f) {
                if cancelled.contains(&id) {
                    Stats::bump(&stats.cancelled);
                    return false;
                }
            }
        }
        true
    });
}

fn request_id_of(f: &Frame) -> Option<u32> {
    match GiopMessage::decode_with_header(&f.header, &f.bytes)
        .ok()?
        .message
    {
        Message::Request(r) => Some(r.request_id),
        _ => None,
    }
}

/// Answers one whole message, its reply (if any) left in `out` (empty on
/// entry, its capacity reused); `Some` ends the connection.
fn answer(frame: &Frame, stats: &Stats, out: &mut Vec<u8>) -> Option<End> {
    let h = frame.header;
    let malformed = Some(End::Malformed(h.version, h.order));
    match h.msg_type {
        MsgType::REQUEST | MsgType::LOCATE_REQUEST | MsgType::CANCEL_REQUEST => {}
        MsgType::CLOSE_CONNECTION | MsgType::MESSAGE_ERROR => return Some(End::Peer),
        // A client sends no replies (§9.4: Reply and LocateReply go from
        // server to client).
        _ => return malformed,
    }
    let Ok(msg) = GiopMessage::decode_with_header(&h, &frame.bytes) else {
        return malformed;
    };
    let reply = match &msg.message {
        Message::Request(req) => {
            Stats::bump(&stats.requests);
            if !response_expected(h.version, req.response_flags) {
                return None;
            }
            reply_to(&msg, req, out)
        }
        Message::LocateRequest(loc) => {
            let status = if target_is_ours(&loc.target) {
                LocateStatus::OBJECT_HERE
            } else {
                LocateStatus::UNKNOWN_OBJECT
            };
            let m = Message::LocateReply(LocateReply {
                request_id: loc.request_id,
                locate_status: status,
                body: Vec::new(),
            });
            match GiopMessage::new(h.version, h.order, m).encode() {
                Ok(b) => b,
                Err(_) => return malformed,
            }
        }
        // A cancel for a request already answered (or never sent).
        _ => return None,
    };
    *out = reply;
    None
}

/// GIOP 1.0/1.1 `response_expected`, GIOP 1.2 `response_flags` (§9.4.2.1:
/// the low bit set means the client waits for a reply).
fn response_expected(version: GiopVersion, flags: u8) -> bool {
    if version.minor < 2 {
        flags != 0
    } else {
        flags & 0x01 != 0
    }
}

fn target_is_ours(t: &TargetAddress) -> bool {
    matches!(t, TargetAddress::Key(k) if k == OBJECT_KEY)
}

fn reply_to(msg: &GiopMessage, req: &Request, out: &mut Vec<u8>) -> Vec<u8> {
    let builder = |status| ReplyBuilder::new(msg.version, msg.order, req.request_id, status);
    if !target_is_ours(&req.target) {
        return system_exception(builder, "IDL:omg.org/CORBA/OBJECT_NOT_EXIST:1.0");
    }
    let enc = Encoding::new(msg.order, msg.version);
    let mut args = match msg.body_reader() {
        Ok(Some(r)) => r,
        Ok(None) => Reader::new(&[], enc),
        Err(_) => return system_exception(builder, Failure::BadArguments.exception_id()),
    };
    let ok = builder(ReplyStatus::NO_EXCEPTION);
    let mut failure = None;
    let buf = ok.encode_with(std::mem::take(out), |w| {
        failure = servant::invoke(&req.operation, &mut args, w).err();
    });
    match failure {
        None => buf,
        Some(f) => system_exception(builder, f.exception_id()),
    }
}

fn system_exception(builder: impl Fn(ReplyStatus) -> ReplyBuilder<'static>, id: &str) -> Vec<u8> {
    builder(ReplyStatus::SYSTEM_EXCEPTION).encode_system_exception(&SystemException {
        exception_id: id.to_owned(),
        minor_code_value: 0,
        completion_status: CompletionStatus::COMPLETED_NO,
    })
}
