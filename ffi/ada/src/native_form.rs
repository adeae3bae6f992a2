//! What the Ada backend marshals from and unmarshals into, for the report
//! (see `bench_ops::NativeForm`).

use bench_ops::{Family, NativeForm};

pub(crate) fn of(family: Family) -> NativeForm {
    let (encodes_from, decodes_into) = match family {
        Family::Seq | Family::String => (
            "an Ada value tree (Glb.Values: node, link and octet-pool vectors)",
            "the decoder's value tree, cleared and refilled (its vectors keep their capacity)",
        ),
        Family::TypeCode => (
            "an Ada TypeCode graph (Glb.Typecodes)",
            "the decoder's TypeCode graph, cleared and refilled",
        ),
        Family::Any => (
            "an Ada TypeCode graph and value tree, walked together",
            "the decoder's TypeCode graph and value tree, cleared and refilled",
        ),
        Family::Static => (
            "an Ada record of the corpus package generated from the IDL (Glb.Corpus)",
            "the decoder's Ada record: its previous strings and arrays freed, new ones allocated",
        ),
    };
    NativeForm {
        encodes_from,
        decodes_into,
    }
}
