//! Emitters: source files generated from an IDL [`crate::Repository`] for
//! the places that used to describe the corpus types by hand. Their output
//! is checked in; each emitter has a freshness test that fails, naming the
//! command that regenerates the file, when the IDL changes.

pub mod ada_corpus;
pub mod cxx_table;
pub mod typecode_rs;
