//! A prepared operation: everything built, only the measured call left.

use crate::workload::{Kind, Workload};
use bench_ops::{encode_once, Backend, BackendError};
use std::fmt;

pub use crate::id::{BenchId, Operation};

type Run = Box<dyn FnMut() -> Result<(), String>>;

/// A measured call and what it moves.
pub struct Prepared {
    pub id: BenchId,
    /// Bytes of CDR produced or consumed by one call.
    pub bytes: usize,
    run: Run,
}

impl fmt::Debug for Prepared {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Prepared")
            .field("id", &self.id)
            .field("bytes", &self.bytes)
            .finish_non_exhaustive()
    }
}

impl Prepared {
    pub fn new(id: BenchId, bytes: usize, run: Run) -> Prepared {
        Prepared { id, bytes, run }
    }

    /// The measured call.
    #[inline(always)]
    pub fn call(&mut self) -> Result<(), String> {
        (self.run)()
    }
}

fn err(e: BackendError) -> String {
    e.to_string()
}

/// The name of the row where bytes are only copied.
pub const MEMCPY: &str = "memcpy";

/// Prepares `operation` of `workload` on `backend` (outside any measured
/// region). `reference` encodes the bytes for decode cases when the backend
/// cannot encode them itself.
pub fn prepare(
    workload: &Workload,
    operation: Operation,
    backend: &dyn Backend,
    reference: &dyn Backend,
) -> Result<Prepared, String> {
    let case = workload
        .case()
        .ok_or_else(|| format!("{}: not an operation-set workload", workload.payload))?;
    let id = BenchId::new(operation, backend.name(), &workload.payload);
    if operation.is_encode() {
        let mut enc = backend.encoder(&case).map_err(err)?;
        let mut out = Vec::new();
        enc.encode(&mut out).map_err(err)?;
        let bytes = out.len();
        Ok(Prepared::new(
            id,
            bytes,
            Box::new(move || enc.encode(&mut out).map_err(err)),
        ))
    } else {
        // Each backend decodes what it encodes itself, so a legal encoding
        // choice of one ORB (a BOM, say) never counts against another.
        let input = encode_once(backend, &case)
            .or_else(|_| encode_once(reference, &case))
            .map_err(err)?;
        let mut dec = backend.decoder(&case).map_err(err)?;
        dec.decode(&input).map_err(err)?;
        let bytes = input.len();
        Ok(Prepared::new(
            id,
            bytes,
            Box::new(move || dec.decode(&input).map_err(err)),
        ))
    }
}

/// The memcpy row for an operation: copying the reference encoding's bytes
/// into a reused buffer.
pub fn prepare_memcpy(
    workload: &Workload,
    operation: Operation,
    reference: &dyn Backend,
) -> Result<Prepared, String> {
    let case = workload
        .case()
        .ok_or_else(|| format!("{}: not an operation-set workload", workload.payload))?;
    let bytes = encode_once(reference, &case).map_err(err)?;
    Ok(memcpy_of(
        BenchId::new(operation, MEMCPY, &workload.payload),
        bytes,
    ))
}

pub(crate) fn memcpy_of(id: BenchId, bytes: Vec<u8>) -> Prepared {
    let n = bytes.len();
    let mut dst = Vec::with_capacity(n);
    Prepared::new(
        id,
        n,
        Box::new(move || {
            dst.clear();
            dst.extend_from_slice(std::hint::black_box(&bytes));
            std::hint::black_box(&dst);
            Ok(())
        }),
    )
}

/// Whether the memcpy row is shown beside this workload (bulk data).
pub fn has_memcpy_row(w: &Workload) -> bool {
    matches!(
        w.kind,
        Kind::SeqLong | Kind::SeqDouble | Kind::SeqOctet | Kind::Reassemble
    )
}
