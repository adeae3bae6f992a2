//! Bench ids: `{operation}/{backend}/{payload}`, the one id scheme of
//! criterion, gungraun, `giopbench` and the reports. The operation is typed
//! ([`Operation`]); an id naming an unknown operation does not parse.

use bench_ops::Family;
use serde::{Deserialize, Serialize};
use std::cmp::Ordering;
use std::fmt;
use std::str::FromStr;

/// Every operation a bench id can name: the marshalling operations of the
/// operation set (`encode_<family>` / `decode_<family>`, see
/// `bench_ops::Subject::family`), the GIOP ones, and the RPCs of
/// `giopbench load` (`corpus/idl/load.idl`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Operation {
    EncodeSeq,
    DecodeSeq,
    EncodeString,
    DecodeString,
    EncodeTypecode,
    DecodeTypecode,
    EncodeAny,
    DecodeAny,
    EncodeStatic,
    DecodeStatic,
    /// A GIOP Request built (header, service contexts, body).
    EncodeRequest,
    /// A GIOP Reply parsed and its body read.
    DecodeReply,
    /// A fragmented GIOP message reassembled.
    Reassemble,
    /// An Any re-marshalled into the other byte order (criterion only:
    /// `benches/typecode.rs`; no workload gives it).
    TranscodeAny,
    EchoString,
    EchoOctets,
    SumLongs,
    EchoRecords,
    EchoAny,
    /// A whole `giopbench load` scenario (its mix of the RPCs above) against
    /// one server: the load report's entries.
    Load,
}

impl Operation {
    /// Every operation, in the order `giopbench list` shows them.
    pub const ALL: [Operation; 20] = [
        Operation::EncodeSeq,
        Operation::DecodeSeq,
        Operation::EncodeString,
        Operation::DecodeString,
        Operation::EncodeTypecode,
        Operation::DecodeTypecode,
        Operation::EncodeAny,
        Operation::DecodeAny,
        Operation::EncodeStatic,
        Operation::DecodeStatic,
        Operation::EncodeRequest,
        Operation::DecodeReply,
        Operation::Reassemble,
        Operation::TranscodeAny,
        Operation::EchoString,
        Operation::EchoOctets,
        Operation::SumLongs,
        Operation::EchoRecords,
        Operation::EchoAny,
        Operation::Load,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Operation::EncodeSeq => "encode_seq",
            Operation::DecodeSeq => "decode_seq",
            Operation::EncodeString => "encode_string",
            Operation::DecodeString => "decode_string",
            Operation::EncodeTypecode => "encode_typecode",
            Operation::DecodeTypecode => "decode_typecode",
            Operation::EncodeAny => "encode_any",
            Operation::DecodeAny => "decode_any",
            Operation::EncodeStatic => "encode_static",
            Operation::DecodeStatic => "decode_static",
            Operation::EncodeRequest => "encode_request",
            Operation::DecodeReply => "decode_reply",
            Operation::Reassemble => "reassemble",
            Operation::TranscodeAny => "transcode_any",
            Operation::EchoString => "echo_string",
            Operation::EchoOctets => "echo_octets",
            Operation::SumLongs => "sum_longs",
            Operation::EchoRecords => "echo_records",
            Operation::EchoAny => "echo_any",
            Operation::Load => "load",
        }
    }

    /// The encode and decode operations of an operation-set family.
    pub fn pair_of_family(family: Family) -> [Operation; 2] {
        use Operation::*;
        match family {
            Family::Seq => [EncodeSeq, DecodeSeq],
            Family::String => [EncodeString, DecodeString],
            Family::TypeCode => [EncodeTypecode, DecodeTypecode],
            Family::Any => [EncodeAny, DecodeAny],
            Family::Static => [EncodeStatic, DecodeStatic],
        }
    }

    /// The operation-set family this operation marshals, if it is one of
    /// the operation set's (not GIOP framing or a load RPC).
    pub fn family(self) -> Option<Family> {
        Family::ALL
            .into_iter()
            .find(|&f| Operation::pair_of_family(f).contains(&self))
    }

    /// Whether this operation marshals (an encoder is measured).
    pub fn is_encode(self) -> bool {
        self.as_str().starts_with("encode_")
    }

    /// Whether this operation unmarshals (a decoder is measured).
    pub fn is_decode(self) -> bool {
        self.as_str().starts_with("decode_")
    }

    /// The valid names, for error messages.
    pub fn names() -> String {
        Operation::ALL.map(Operation::as_str).join(", ")
    }
}

impl fmt::Display for Operation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Operation {
    type Err = String;
    fn from_str(s: &str) -> Result<Operation, String> {
        Operation::ALL
            .into_iter()
            .find(|o| o.as_str() == s)
            .ok_or_else(|| format!("unknown operation {s:?} (valid: {})", Operation::names()))
    }
}

impl PartialOrd for Operation {
    fn partial_cmp(&self, other: &Operation) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// Ids sort by their text, as they did when operations were strings.
impl Ord for Operation {
    fn cmp(&self, other: &Operation) -> Ordering {
        self.as_str().cmp(other.as_str())
    }
}

/// `{operation}/{backend}/{payload}`; the payload is `<workload>_<order>`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct BenchId {
    pub operation: Operation,
    pub backend: String,
    pub payload: String,
}

impl BenchId {
    pub fn new(operation: Operation, backend: &str, payload: &str) -> BenchId {
        BenchId {
            operation,
            backend: backend.into(),
            payload: payload.into(),
        }
    }

    /// Parses `operation/backend/payload`; an unknown operation is an
    /// error naming the valid ones.
    pub fn parse(s: &str) -> Result<BenchId, String> {
        let mut it = s.splitn(3, '/');
        let (Some(op), Some(backend), Some(payload)) = (it.next(), it.next(), it.next()) else {
            return Err(format!("bad id {s:?}: want operation/backend/payload"));
        };
        if backend.is_empty() || payload.is_empty() {
            return Err(format!("bad id {s:?}: want operation/backend/payload"));
        }
        let operation = op.parse().map_err(|e| format!("bad id {s:?}: {e}"))?;
        Ok(BenchId::new(operation, backend, payload))
    }

    /// The hot path this id measures, independent of the backend:
    /// `{operation}/{payload}`.
    pub fn path(&self) -> String {
        format!("{}/{}", self.operation, self.payload)
    }

    /// The workload name: the payload without its `_<order>` suffix.
    pub fn workload_name(&self) -> &str {
        self.payload
            .rsplit_once('_')
            .map_or(self.payload.as_str(), |(n, _)| n)
    }
}

impl fmt::Display for BenchId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}/{}", self.operation, self.backend, self.payload)
    }
}

impl FromStr for BenchId {
    type Err = String;
    fn from_str(s: &str) -> Result<BenchId, String> {
        BenchId::parse(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_operation_round_trips_through_its_name() {
        for op in Operation::ALL {
            assert_eq!(op.as_str().parse::<Operation>(), Ok(op));
            let json = serde_json::to_string(&op).unwrap();
            assert_eq!(json, format!("\"{}\"", op.as_str()));
        }
    }

    #[test]
    fn ids_parse_and_display_alike() {
        let id = BenchId::parse("decode_any/omniorb/record_x1000_le").unwrap();
        assert_eq!(id.operation, Operation::DecodeAny);
        assert_eq!(id.backend, "omniorb");
        assert_eq!(id.payload, "record_x1000_le");
        assert_eq!(id.to_string(), "decode_any/omniorb/record_x1000_le");
        assert_eq!(id.path(), "decode_any/record_x1000_le");
        assert_eq!(id.workload_name(), "record_x1000");
    }

    #[test]
    fn unknown_operations_name_the_valid_ones() {
        let e = BenchId::parse("encode_blob/rust/x_le").unwrap_err();
        assert!(e.contains("unknown operation \"encode_blob\""), "{e}");
        assert!(e.contains("encode_seq") && e.contains("reassemble"), "{e}");
        assert!(BenchId::parse("encode_seq/rust").is_err());
        assert!(BenchId::parse("encode_seq//x").is_err());
    }

    #[test]
    fn ids_sort_by_text() {
        let mut ids = [
            BenchId::parse("reassemble/rust/a_le").unwrap(),
            BenchId::parse("decode_seq/rust/a_le").unwrap(),
            BenchId::parse("encode_any/rust/a_le").unwrap(),
        ];
        ids.sort();
        let text: Vec<String> = ids.iter().map(ToString::to_string).collect();
        let mut sorted = text.clone();
        sorted.sort();
        assert_eq!(text, sorted);
    }
}
