#![forbid(unsafe_code)]
//! The side-by-side harness: the operation set every backend implements,
//! the workload corpus and the measurement tooling behind `giopbench`.
