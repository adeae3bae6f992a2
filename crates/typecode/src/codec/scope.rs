//! Recursive TypeCode references resolved against their enclosing
//! TypeCodes (CORBA 3.x Part 2 §9.3.5.1: recursion through indirections).

use crate::error::{TcError, TcErrorKind, TcResult};
use crate::tcio::strip_alias;
use crate::{TypeCode, TypeDesc};

/// The chain of enclosing struct, union and valuetype TypeCodes, innermost
/// first, used to resolve `Recursive { id }` placeholders. Lives on the
/// stack; an `any` starts a new chain.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Scope<'s> {
    pub tc: &'s TypeCode,
    pub parent: Option<&'s Scope<'s>>,
}

pub(crate) fn resolve<'s>(
    tc: &'s TypeCode,
    scope: Option<&Scope<'s>>,
    at: usize,
) -> TcResult<&'s TypeCode> {
    let t = strip_alias(tc);
    if let TypeDesc::Recursive { id } = t.desc() {
        let mut s = scope;
        while let Some(sc) = s {
            if sc.tc.id() == Some(id.as_str()) {
                return Ok(sc.tc);
            }
            s = sc.parent;
        }
        return Err(TcError::new(
            TcErrorKind::UnresolvedRecursion(id.clone()),
            at,
        ));
    }
    Ok(t)
}
