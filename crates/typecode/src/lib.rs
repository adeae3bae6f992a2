#![forbid(unsafe_code)]
//! Placeholder: see the open issue for this crate.
