//! `string` (§9.3.2.7) beyond what [`corba_cdr::Reader`] and
//! [`corba_cdr::Writer`] do: a bound counted as the TypeCode-driven
//! marshallers count it.

use super::bound_error;
use crate::error::{TcError, TcErrorKind, TcResult};
use corba_cdr::{text, CharCodeSet, Reader};

/// The length of `s` as a `string<bound>` bound counts it: characters in
/// ISO-8859-1 (one octet each), octets in UTF-8.
pub(crate) fn string_units(s: &str, cs: CharCodeSet) -> usize {
    match cs {
        CharCodeSet::Iso8859_1 => s.chars().count(),
        CharCodeSet::Utf8 => s.len(),
    }
}

/// A `string<bound>` (0: unbounded): the bound is checked on the octets
/// before they are converted by corba-cdr's codec for the transmission
/// code set, so an over-long string fails as such whatever its octets.
pub(crate) fn read_string(r: &mut Reader<'_>, bound: u32) -> TcResult<String> {
    let at = r.absolute_position();
    let b = r.read_string_bytes()?;
    if bound != 0 && b.len() > bound as usize {
        return Err(bound_error(b.len(), bound, at));
    }
    let mut s = String::new();
    text::string_into(b, r.encoding().char_code_set, &mut s)
        .map_err(|k| TcError::new(TcErrorKind::Cdr(k), at))?;
    Ok(s)
}
