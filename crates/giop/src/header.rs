use crate::error::{Error, ErrorKind, Result};
use crate::ids::MsgType;
use corba_cdr::{ByteOrder, GiopVersion};

/// Length of the GIOP message header (§9.4.1).
pub const HEADER_LEN: usize = 12;
/// The four octets every GIOP message starts with.
pub const MAGIC: [u8; 4] = *b"GIOP";

/// Flag bit 0: little-endian (GIOP 1.1+; in 1.0 the whole octet is the
/// `byte_order` boolean).
pub const FLAG_LITTLE_ENDIAN: u8 = 0x01;
/// Flag bit 1: more fragments follow (GIOP 1.1+).
pub const FLAG_MORE_FRAGMENTS: u8 = 0x02;

/// Limits applied to input, with safe defaults.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// Largest message accepted, header included: 2 MiB by default
    /// (omniORB's `giopMaxMsgSize`).
    pub max_message_size: usize,
    /// Largest reassembled message, header included: 2 MiB by default.
    pub max_reassembled_size: usize,
    /// Most fragmented messages in progress at once on one connection: 16.
    pub max_partial_messages: usize,
    /// Most Fragment messages for one message: 65536. Bounds endless
    /// more-fragments with empty fragments, which the size limit does not.
    pub max_fragments_per_message: usize,
}

impl Limits {
    pub const DEFAULT: Limits = Limits {
        max_message_size: 2 << 20,
        max_reassembled_size: 2 << 20,
        max_partial_messages: 16,
        max_fragments_per_message: 1 << 16,
    };
}

impl Default for Limits {
    fn default() -> Self {
        Self::DEFAULT
    }
}

/// The 12-byte GIOP message header (§9.4.1): magic, version, flags (byte
/// order and more-fragments; a `byte_order` octet in GIOP 1.0), message
/// type and body size.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Header {
    pub version: GiopVersion,
    pub order: ByteOrder,
    /// More fragments follow this message (GIOP 1.1+).
    pub more_fragments: bool,
    pub msg_type: MsgType,
    /// Octets after the header.
    pub size: u32,
}

impl Header {
    /// A header for a message of `msg_type` with no more fragments and a
    /// size to be filled in.
    pub fn new(version: GiopVersion, order: ByteOrder, msg_type: MsgType) -> Header {
        Header {
            version,
            order,
            more_fragments: false,
            msg_type,
            size: 0,
        }
    }

    /// The flags octet (or GIOP 1.0 byte_order octet).
    pub fn flags(&self) -> u8 {
        self.order.flag()
            | if self.more_fragments {
                FLAG_MORE_FRAGMENTS
            } else {
                0
            }
    }

    /// Header plus body.
    pub fn message_len(&self) -> usize {
        HEADER_LEN + self.size as usize
    }

    pub fn to_bytes(&self) -> [u8; HEADER_LEN] {
        let mut b = [0u8; HEADER_LEN];
        b[..4].copy_from_slice(&MAGIC);
        b[4] = self.version.major;
        b[5] = self.version.minor;
        b[6] = self.flags();
        b[7] = self.msg_type.0;
        b[8..].copy_from_slice(&match self.order {
            ByteOrder::BigEndian => self.size.to_be_bytes(),
            ByteOrder::LittleEndian => self.size.to_le_bytes(),
        });
        b
    }

    /// Parses and checks a header from the first 12 octets of `b`: magic,
    /// version (1.0 to 1.2), flags (reserved bits must be zero; GIOP 1.0's
    /// `byte_order` must be 0 or 1), message type (Fragment only from 1.1),
    /// the more-fragments flag only on types that may be fragmented, and
    /// the total size against `limits.max_message_size`. Errors carry the
    /// offset of the offending octet.
    pub fn parse(b: &[u8], limits: &Limits) -> Result<Header> {
        if b.len() < HEADER_LEN {
            return Err(Error::new(
                ErrorKind::Cdr(corba_cdr::ErrorKind::Truncated {
                    needed: HEADER_LEN,
                    available: b.len(),
                }),
                0,
            ));
        }
        let magic = [b[0], b[1], b[2], b[3]];
        if magic != MAGIC {
            return Err(Error::new(ErrorKind::BadMagic(magic), 0));
        }
        let (major, minor) = (b[4], b[5]);
        if major != 1 || minor > 2 {
            return Err(Error::new(ErrorKind::UnknownVersion { major, minor }, 4));
        }
        let flags = b[6];
        let (order, more_fragments) = if minor == 0 {
            match ByteOrder::from_flag(flags) {
                Some(o) => (o, false),
                None => return Err(Error::new(ErrorKind::InvalidByteOrder(flags), 6)),
            }
        } else {
            if flags & !(FLAG_LITTLE_ENDIAN | FLAG_MORE_FRAGMENTS) != 0 {
                return Err(Error::new(ErrorKind::ReservedFlagBits(flags), 6));
            }
            let order = if flags & FLAG_LITTLE_ENDIAN != 0 {
                ByteOrder::LittleEndian
            } else {
                ByteOrder::BigEndian
            };
            (order, flags & FLAG_MORE_FRAGMENTS != 0)
        };
        let msg_type = MsgType(b[7]);
        if msg_type.0 > MsgType::FRAGMENT.0 {
            return Err(Error::new(ErrorKind::UnknownMessageType(msg_type), 7));
        }
        if msg_type == MsgType::FRAGMENT && minor == 0 {
            return Err(Error::new(ErrorKind::FragmentInGiop10, 7));
        }
        if more_fragments && !msg_type.fragmentable(minor) {
            return Err(Error::new(
                ErrorKind::NotFragmentable { msg_type, minor },
                6,
            ));
        }
        let sb = [b[8], b[9], b[10], b[11]];
        let size = match order {
            ByteOrder::BigEndian => u32::from_be_bytes(sb),
            ByteOrder::LittleEndian => u32::from_le_bytes(sb),
        };
        let total = HEADER_LEN as u64 + u64::from(size);
        if total > limits.max_message_size as u64 {
            return Err(Error::new(
                ErrorKind::MessageTooLarge {
                    size: total,
                    limit: limits.max_message_size,
                },
                8,
            ));
        }
        Ok(Header {
            version: GiopVersion { major, minor },
            order,
            more_fragments,
            msg_type,
            size,
        })
    }
}
