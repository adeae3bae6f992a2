#![forbid(unsafe_code)]
//! CORBA Common Data Representation (CDR), as specified in CORBA 3.x Part 2,
//! chapter 9 ("CDR Transfer Syntax", §9.3), for GIOP 1.0, 1.1 and 1.2.
//!
//! * [`Writer`] appends to a growable buffer (or counts bytes, see
//!   [`Writer::sizer`]) and cannot fail, except where a value is not
//!   representable in the negotiated code set.
//! * [`Reader`] is a cursor over a byte slice that knows its position, byte
//!   order and alignment origin; every read returns a [`Result`] whose error
//!   names what was wrong and the absolute offset.
//!
//! Alignment (§9.3.1.1) is always computed from the position relative to the
//! stream origin (configurable, because GIOP bodies align relative to the
//! message start) or to the start of the current encapsulation (§9.3.3).
//!
//! Deviations of real ORBs from the specification are not handled here with
//! special cases: they are options ([`Utf16Style`]) listed, with their
//! reasons, in `corpus/known_divergences.md`.

mod bulk;
mod codeset;
mod error;
mod fixed;
mod order;
mod prim;
mod reader;
mod segments;
pub mod text;
mod writer;

pub use bulk::copies_in_pieces;
pub use codeset::{CharCodeSet, CodeSetId, Utf16Style};
pub use error::{Error, ErrorKind};
pub use fixed::Fixed;
pub use order::{ByteOrder, Encoding, GiopVersion};
pub use prim::{LongDouble, Primitive};
pub use reader::{FixedRead, Reader};
pub use segments::{FragmentGrid, Segments};
pub use writer::{Counter, FixedRun, FragmentSink, LengthMark, Sink, Writer};

/// Result of every fallible CDR operation.
pub type Result<T> = core::result::Result<T, Error>;
