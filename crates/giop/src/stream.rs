//! A message reader for a byte stream (one TCP connection): it accepts
//! bytes in arbitrary chunks, as read from a socket, and yields whole
//! messages, fragmented ones reassembled.

use crate::error::{Error, Result};
use crate::fragment::{Pushed, Reassembler};
use crate::header::{Header, Limits, HEADER_LEN};

/// One whole message from the stream: its header (for a reassembled
/// message, the total size and no more-fragments flag) and all its octets,
/// header included.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Frame {
    pub header: Header,
    pub bytes: Vec<u8>,
    /// For a reassembled GIOP 1.1 message: the offsets in `bytes` where
    /// each Fragment's data starts (its alignment restarts there, see
    /// [`crate::fragment`]). Empty otherwise.
    pub fragment_starts: Vec<usize>,
}

impl Frame {
    /// Whether a plain reader aligning from the start of `bytes` sees every
    /// item where the sender marshalled it: always, except for a GIOP 1.1
    /// message whose Fragment data starts at an offset ≢ 4 (mod 8), where
    /// items aligned on 8 octets inside those Fragments are shifted. A
    /// reader from [`Frame::reader_at`] is exact in every case.
    pub fn alignment_exact(&self) -> bool {
        self.fragment_starts.iter().all(|&s| s % 8 == 4)
    }

    /// A CDR reader over `bytes[start..]` that aligns as the sender
    /// marshalled: from the message start, and for a reassembled GIOP 1.1
    /// message restarting at each Fragment's data (§9.4.9, see
    /// [`corba_cdr::Segments`]). `start` is clamped to the message length.
    pub fn reader_at(&self, start: usize) -> corba_cdr::Reader<'_> {
        let start = start.min(self.bytes.len());
        let enc = corba_cdr::Encoding::new(self.header.order, self.header.version);
        let r = crate::message::body_reader_at(&self.bytes, start, enc);
        if self.fragment_starts.is_empty() {
            r
        } else {
            r.with_segments(corba_cdr::Segments::new(&self.fragment_starts, HEADER_LEN))
        }
    }
}

/// Buffers a connection's bytes and cuts them into messages.
///
/// The header of each message is checked as soon as its 12 octets arrive,
/// before its body is buffered, so an oversized or malformed message is
/// refused without holding its body. Call [`MessageReader::next_frame`]
/// until it returns `Ok(None)` after every [`MessageReader::feed`]: the
/// buffer then holds at most one incomplete message plus the last chunk.
/// After an error the stream position is lost: every later call returns
/// the same error, and the connection should be closed (after a
/// MessageError when [`Error::requires_message_error`] says so).
#[derive(Debug)]
pub struct MessageReader {
    limits: Limits,
    buf: Vec<u8>,
    start: usize,
    header: Option<Header>,
    reassembler: Reassembler,
    failed: Option<Error>,
    /// Offset in the stream of `buf[0]`, for error offsets.
    consumed: usize,
}

impl MessageReader {
    pub fn new(limits: Limits) -> MessageReader {
        MessageReader {
            limits,
            buf: Vec::new(),
            start: 0,
            header: None,
            reassembler: Reassembler::new(limits),
            failed: None,
            consumed: 0,
        }
    }

    /// Appends bytes read from the connection.
    pub fn feed(&mut self, bytes: &[u8]) {
        if self.start > 0 && (self.start == self.buf.len() || self.start >= self.buf.len() / 2) {
            self.buf.drain(..self.start);
            self.consumed += self.start;
            self.start = 0;
        }
        self.buf.extend_from_slice(bytes);
    }

    /// Gives back the bytes of a frame the caller is done with, to be
    /// reused for a later frame (see [`Reassembler::recycle`]).
    pub fn recycle(&mut self, bytes: Vec<u8>) {
        self.reassembler.recycle(bytes);
    }

    /// Octets received and not yet returned in a frame (including those of
    /// fragmented messages in progress).
    pub fn buffered(&self) -> usize {
        self.buf.len() - self.start + self.reassembler.buffered()
    }

    /// Fragmented messages in progress.
    pub fn partial_messages(&self) -> usize {
        self.reassembler.partial_count()
    }

    /// Whether the stream ended cleanly (no partial message or fragment
    /// pending) if the peer closed the connection now.
    pub fn is_idle(&self) -> bool {
        self.start == self.buf.len() && self.reassembler.partial_count() == 0
    }

    fn fail(&mut self, mut e: Error) -> Error {
        e.offset += self.consumed + self.start;
        self.failed = Some(e);
        e
    }

    /// The next whole message, `Ok(None)` when more bytes are needed.
    /// Error offsets are stream offsets.
    pub fn next_frame(&mut self) -> Result<Option<Frame>> {
        if let Some(e) = self.failed {
            return Err(e);
        }
        loop {
            let avail = &self.buf[self.start..];
            let h = match self.header {
                Some(h) => h,
                None => {
                    if avail.len() < HEADER_LEN {
                        return Ok(None);
                    }
                    match Header::parse(avail, &self.limits) {
                        Ok(h) => {
                            self.header = Some(h);
                            h
                        }
                        Err(e) => return Err(self.fail(e)),
                    }
                }
            };
            let len = h.message_len();
            if avail.len() < len {
                return Ok(None);
            }
            let msg = &self.buf[self.start..self.start + len];
            let pushed = match self.reassembler.push(&h, msg) {
                Ok(p) => p,
                Err(e) => return Err(self.fail(e)),
            };
            let frame = match pushed {
                Pushed::Whole => {
                    let mut bytes = self.reassembler.take_spare().unwrap_or_default();
                    bytes.extend_from_slice(msg);
                    Some(Frame {
                        header: h,
                        bytes,
                        fragment_starts: Vec::new(),
                    })
                }
                Pushed::Pending => None,
                Pushed::Complete(bytes) => {
                    let mut header = h;
                    header.msg_type = crate::ids::MsgType(bytes[7]);
                    header.more_fragments = false;
                    header.size = crate::ior::len_u32(bytes.len() - HEADER_LEN);
                    Some(Frame {
                        header,
                        bytes,
                        fragment_starts: self.reassembler.last_fragment_starts().to_vec(),
                    })
                }
            };
            self.start += len;
            self.header = None;
            if frame.is_some() {
                return Ok(frame);
            }
        }
    }
}
