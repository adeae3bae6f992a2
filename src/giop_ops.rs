//! GIOP hot paths (Rust only): they are not in the common operation set,
//! which covers marshalling.

use crate::prepared::Prepared;
use crate::workload::{Kind, Workload};

/// `None` for workloads that are not GIOP ones.
pub fn prepare(w: &Workload, _operation: &str) -> Option<Result<Vec<Prepared>, String>> {
    match w.kind {
        Kind::GiopRequest | Kind::GiopReply | Kind::Reassemble => Some(Err(
            "the GIOP workloads need corba-giop's message API (not yet wired)".into(),
        )),
        _ => None,
    }
}
