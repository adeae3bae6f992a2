//! What the omniORB backend marshals from and unmarshals into, for the
//! report (see `bench_ops::NativeForm`). The decoders are the shim's
//! `*Decoder` classes in `cxx/shim.cc`.

use bench_ops::{Family, NativeForm};

pub(crate) fn of(family: Family) -> NativeForm {
    let (encodes_from, decodes_into) = match family {
        Family::Seq => (
            "a CORBA::LongSeq, DoubleSeq or OctetSeq",
            "the decoder's CORBA sequence, unmarshalled in place (`seq <<= stream`)",
        ),
        Family::String => (
            "ISO-8859-1 char* strings (a CORBA::StringSeq for a sequence)",
            "a new string per call (`unmarshalString`), or the decoder's CORBA::StringSeq",
        ),
        Family::TypeCode => (
            "a CORBA::TypeCode built with orb->create_*_tc",
            "a new CORBA::TypeCode (`TypeCode::unmarshalTypeCode`)",
        ),
        Family::Any => (
            "a CORBA::Any that holds its value already marshalled (filled from a DynAny)",
            "a CORBA::Any: the TypeCode, and the value's octets copied into the any's own \
             stream by omniORB's TypeCode-driven copier (no value tree)",
        ),
        Family::Static => (
            "an omniidl-generated C++ type (Bench::Record, ...)",
            "the decoder's generated C++ value, unmarshalled in place (`value <<= stream`)",
        ),
    };
    NativeForm {
        encodes_from,
        decodes_into,
    }
}
