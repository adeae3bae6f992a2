//! The decoding context shared by every TypeCode-driven walker: the depth
//! budget and the zero-size value budget.
//!
//! Both bound the work one decode does by its input: nesting (TypeCodes,
//! anys, values, encapsulations; CORBA 3.x Part 2 §9.3.5.1 allows
//! recursion through indirections) never exceeds
//! [`DecodeOptions::max_depth`](crate::DecodeOptions::max_depth), and
//! values that occupy no octets (§9.3.1: `void`, `null`, empty structs and
//! exceptions) are counted against [`empty_value_budget`].

use crate::error::{TcError, TcErrorKind, TcResult};

/// Zero-size values allowed per input byte left when decoding starts...
pub const EMPTY_VALUES_PER_BYTE: u64 = 8;
/// ...plus this many.
pub const EMPTY_VALUES_SLACK: u64 = 1024;

/// How many zero-size values (`void`/`null`, structs and exceptions without
/// members or id) one decode may produce from `remaining` input bytes.
///
/// Every other value consumes at least one byte, and nesting is bounded by
/// the depth budget, so with this budget the number of values decoded is
/// bounded by the input size. Without it a TypeCode of structs of `void`
/// members, repeated by indirection at each level, describes 10^k values in
/// a few hundred bytes per level (a decompression bomb).
pub(crate) fn empty_value_budget(remaining: usize) -> u64 {
    (remaining as u64)
        .saturating_mul(EMPTY_VALUES_PER_BYTE)
        .saturating_add(EMPTY_VALUES_SLACK)
}

/// Checks that one more level of nesting at `depth` fits the budget `max`
/// (the guard every walker runs before descending into a constructed type).
#[inline(always)]
pub(crate) fn enter(depth: u32, max: u32, at: usize) -> TcResult<()> {
    if depth >= max {
        return Err(depth_error(max, at));
    }
    Ok(())
}

#[cold]
#[inline(never)]
fn depth_error(max: u32, at: usize) -> TcError {
    TcError::new(TcErrorKind::DepthExceeded(max), at)
}

/// The zero-size value budget of one decode.
#[derive(Debug, Clone, Copy)]
pub(crate) struct EmptyBudget {
    left: u64,
    limit: u64,
}

impl EmptyBudget {
    /// The budget for a decode with `remaining` input bytes.
    pub(crate) fn new(remaining: usize) -> Self {
        let limit = empty_value_budget(remaining);
        EmptyBudget { left: limit, limit }
    }

    /// Counts one zero-size value decoded at offset `at`.
    #[inline(always)]
    pub(crate) fn count(&mut self, at: usize) -> TcResult<()> {
        match self.left.checked_sub(1) {
            Some(n) => {
                self.left = n;
                Ok(())
            }
            None => Err(self.exhausted(at)),
        }
    }

    #[cold]
    #[inline(never)]
    fn exhausted(&self, at: usize) -> TcError {
        TcError::new(TcErrorKind::EmptyValueBudget { limit: self.limit }, at)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn depth_guard_rejects_at_the_budget() {
        assert!(enter(0, 1, 0).is_ok());
        let e = enter(1, 1, 7).unwrap_err();
        assert_eq!(e.kind, TcErrorKind::DepthExceeded(1));
        assert_eq!(e.offset, 7);
    }

    #[test]
    fn empty_budget_counts_down_to_an_error() {
        let mut b = EmptyBudget::new(0);
        for _ in 0..EMPTY_VALUES_SLACK {
            b.count(0).unwrap();
        }
        let e = b.count(3).unwrap_err();
        assert_eq!(
            e.kind,
            TcErrorKind::EmptyValueBudget {
                limit: EMPTY_VALUES_SLACK
            }
        );
        assert_eq!(
            empty_value_budget(2),
            2 * EMPTY_VALUES_PER_BYTE + EMPTY_VALUES_SLACK
        );
    }
}
