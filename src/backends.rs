//! The backends this build of the harness runs, by name.

use backend_rust::RustBackend;
use bench_ops::Backend;

/// Every backend compiled in: `rust` always, the legacy ones by cargo
/// feature (`omniorb`, `ada`; both on by default).
pub fn all() -> Vec<Box<dyn Backend>> {
    #[allow(unused_mut)]
    let mut v: Vec<Box<dyn Backend>> = vec![Box::new(RustBackend::default())];
    #[cfg(feature = "omniorb")]
    v.push(Box::new(legacy_omniorb::OmniOrb::new()));
    #[cfg(feature = "ada")]
    v.push(Box::new(legacy_ada::AdaBackend::new()));
    v
}

/// The backend whose bytes stand in when another cannot encode a case.
pub fn reference() -> Box<dyn Backend> {
    Box::new(RustBackend::default())
}

/// Names of the compiled-in backends.
pub fn names() -> Vec<&'static str> {
    all().iter().map(|b| b.name()).collect()
}
