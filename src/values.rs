//! Seeded, deterministic payloads for any TypeCode (the corpus's and a
//! user's own), through `corba_typecode::gen`, with the workload's element
//! count for the outermost sequence.

use corba_typecode::gen::{Gen, GenConfig};
use corba_typecode::{TypeCode, TypeDesc, Value};

pub use corba_typecode::gen::Rng;

/// Generates a value of type `tc`; an outermost sequence of non-primitive
/// elements gets exactly `top_count` of them (bounded by its bound).
pub fn generate(tc: &TypeCode, seed: u64, top_count: usize) -> Value {
    let mut cfg = GenConfig::legacy();
    cfg.max_string_len = 16;
    let mut g = Gen::new(seed, cfg);
    match tc.unalias().desc() {
        TypeDesc::Sequence { element, bound } if !is_primitive(element) => {
            let n = if *bound > 0 {
                top_count.min(*bound as usize)
            } else {
                top_count
            };
            Value::Seq((0..n).map(|_| g.value(element)).collect())
        }
        _ => g.value(tc),
    }
}

fn is_primitive(tc: &TypeCode) -> bool {
    matches!(tc.unalias().desc(), TypeDesc::Basic(_))
}
