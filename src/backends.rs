//! The backend registry: every backend this build of the harness runs, one
//! line each in [`registry`] (feature-gated for the legacy ones).

use crate::id::BenchId;
use crate::results::NativeFormRow;
use backend_rust::RustBackend;
use bench_ops::{Backend, Family, GiopBackend};

/// A registered backend: its marshalling, and its GIOP framing if it has one.
struct Registered {
    marshal: Box<dyn Backend>,
    giop: Option<Box<dyn GiopBackend>>,
}

/// A backend with marshalling only.
#[allow(dead_code)]
fn marshal<B: Backend + 'static>(b: B) -> Registered {
    Registered {
        marshal: Box::new(b),
        giop: None,
    }
}

/// A backend with marshalling and GIOP framing.
fn with_giop<B: Backend + GiopBackend + Clone + 'static>(b: B) -> Registered {
    Registered {
        marshal: Box::new(b.clone()),
        giop: Some(Box::new(b)),
    }
}

/// One line per backend, in bench-id order: `rust` always, the legacy ones
/// by cargo feature (`omniorb`, `ada`; both on by default).
fn registry() -> Vec<Registered> {
    vec![
        with_giop(RustBackend::default()),
        #[cfg(feature = "omniorb")]
        marshal(legacy_omniorb::OmniOrb::new()),
        #[cfg(feature = "ada")]
        with_giop(legacy_ada::AdaBackend::new()),
    ]
}

/// Every backend compiled in.
pub fn all() -> Vec<Box<dyn Backend>> {
    registry().into_iter().map(|r| r.marshal).collect()
}

/// The compiled-in backends that have GIOP framing (`giop_request`,
/// `giop_reply` rows), in the same order.
pub fn giop() -> Vec<Box<dyn GiopBackend>> {
    registry().into_iter().filter_map(|r| r.giop).collect()
}

/// The backend whose bytes stand in when another cannot encode a case.
pub fn reference() -> Box<dyn Backend> {
    Box::new(RustBackend::default())
}

/// What every compiled-in backend encodes from and decodes into, for the
/// families that `ids` measure (in backend order, then family order).
pub fn native_forms(ids: &[BenchId]) -> Vec<NativeFormRow> {
    let families: Vec<Family> = Family::ALL
        .into_iter()
        .filter(|&f| ids.iter().any(|id| id.operation.family() == Some(f)))
        .collect();
    let mut rows = Vec::new();
    for b in all() {
        if !ids.iter().any(|id| id.backend == b.name()) {
            continue;
        }
        for &f in &families {
            let form = b.native_form(f);
            rows.push(NativeFormRow {
                backend: b.name().to_owned(),
                family: f.as_str().to_owned(),
                encodes_from: form.encodes_from.to_owned(),
                decodes_into: form.decodes_into.to_owned(),
            });
        }
    }
    rows
}

/// Names of the compiled-in backends.
pub fn names() -> Vec<&'static str> {
    all().iter().map(|b| b.name()).collect()
}
