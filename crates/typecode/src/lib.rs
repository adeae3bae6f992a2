#![forbid(unsafe_code)]
//! CORBA TypeCodes, dynamic values and TypeCode-driven marshalling.

mod model;

pub use model::*;
