//! The `Load::Echo` servant (corpus/idl/load.idl): each operation reads its
//! `in` arguments from the request body and writes its result, as the
//! omniORB servant in ffi/omniorb/cxx/load_server.cc does.

use bench_types::{Bench, IdlType};
use corba_cdr::{Reader, Writer};
use corba_typecode::{decode_any, encode_any, DecodeOptions, EncodeOptions};

/// The repository id of `Load::Echo`.
pub const ECHO_REPOSITORY_ID: &str = "IDL:giopbench.org/Load/Echo:1.0";

/// The operations of `Load::Echo`, in IDL order.
pub const OPERATIONS: [&str; 5] = [
    "echo_string",
    "echo_octets",
    "sum_longs",
    "echo_records",
    "echo_any",
];

/// Why an operation produced no result: both become a system exception
/// reply (CORBA 3.x Part 2 §9.4.3, ReplyStatus SYSTEM_EXCEPTION).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Failure {
    /// The operation name is not one of [`OPERATIONS`] (`BAD_OPERATION`).
    UnknownOperation,
    /// The arguments could not be unmarshalled, or there were octets left
    /// over (`MARSHAL`).
    BadArguments,
}

impl Failure {
    pub fn exception_id(self) -> &'static str {
        match self {
            Failure::UnknownOperation => "IDL:omg.org/CORBA/BAD_OPERATION:1.0",
            Failure::BadArguments => "IDL:omg.org/CORBA/MARSHAL:1.0",
        }
    }
}

fn bad<E>(_: E) -> Failure {
    Failure::BadArguments
}

/// Runs `operation` on the arguments in `args` and writes its result to
/// `out`. `out` must be positioned at the reply body (so it aligns as the
/// reply does).
pub fn invoke(operation: &str, args: &mut Reader<'_>, out: &mut Writer) -> Result<(), Failure> {
    match operation {
        "echo_string" => {
            let s = args.read_string_bytes().map_err(bad)?;
            args.finish().map_err(bad)?;
            out.write_string_bytes(s);
        }
        "echo_octets" => {
            let data = args.read_octet_sequence().map_err(bad)?;
            args.finish().map_err(bad)?;
            out.write_octet_sequence(data);
        }
        "sum_longs" => {
            let values = Bench::LongSeq::decode(args).map_err(bad)?;
            args.finish().map_err(bad)?;
            // Wrapping as C++'s CORBA::LongLong addition would on overflow
            // (it cannot overflow: at most 2^32 elements of 2^31).
            let sum = values
                .0
                .iter()
                .fold(0i64, |acc, &v| acc.wrapping_add(i64::from(v)));
            out.write_longlong(sum);
        }
        "echo_records" => {
            let records = Bench::RecordSeq::decode(args).map_err(bad)?;
            args.finish().map_err(bad)?;
            records.encode(out).map_err(|_| Failure::BadArguments)?;
        }
        "echo_any" => {
            let any =
                decode_any(args, &DecodeOptions::spec()).map_err(|_| Failure::BadArguments)?;
            args.finish().map_err(bad)?;
            encode_any(out, &any, &EncodeOptions::default()).map_err(|_| Failure::BadArguments)?;
        }
        _ => return Err(Failure::UnknownOperation),
    }
    Ok(())
}
