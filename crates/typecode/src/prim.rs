//! The one table of primitive kinds shared by the compiled plan and the
//! reference oracle: the fixed-size basic types of §9.3.1 (CORBA 3.x Part 2),
//! each aligned on its own size, with their IDL and `tk_` names and their
//! compact sequence form ([`PrimSeq`]).

use crate::tcio::strip_alias;
use crate::{PrimSeq, TCKind, TypeCode, TypeDesc};

/// A fixed-size primitive whose CDR alignment is its size (§9.3.1.1).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum PrimKind {
    Short,
    Long,
    UShort,
    ULong,
    LongLong,
    ULongLong,
    Float,
    Double,
    Boolean,
    Char,
    Octet,
}

impl PrimKind {
    /// The primitive of a basic kind, if it is one of the table's.
    pub(crate) fn of_kind(k: TCKind) -> Option<PrimKind> {
        Some(match k {
            TCKind::SHORT => PrimKind::Short,
            TCKind::LONG => PrimKind::Long,
            TCKind::USHORT => PrimKind::UShort,
            TCKind::ULONG => PrimKind::ULong,
            TCKind::LONGLONG => PrimKind::LongLong,
            TCKind::ULONGLONG => PrimKind::ULongLong,
            TCKind::FLOAT => PrimKind::Float,
            TCKind::DOUBLE => PrimKind::Double,
            TCKind::BOOLEAN => PrimKind::Boolean,
            TCKind::CHAR => PrimKind::Char,
            TCKind::OCTET => PrimKind::Octet,
            _ => return None,
        })
    }

    /// The primitive of an (alias-stripped) TypeCode, if any.
    pub(crate) fn of(tc: &TypeCode) -> Option<PrimKind> {
        match strip_alias(tc).desc() {
            TypeDesc::Basic(k) => PrimKind::of_kind(*k),
            _ => None,
        }
    }

    /// Size in octets, which is also the alignment (§9.3.1.1).
    pub(crate) fn size(self) -> usize {
        match self {
            PrimKind::Short | PrimKind::UShort => 2,
            PrimKind::Long | PrimKind::ULong | PrimKind::Float => 4,
            PrimKind::LongLong | PrimKind::ULongLong | PrimKind::Double => 8,
            PrimKind::Boolean | PrimKind::Char | PrimKind::Octet => 1,
        }
    }

    /// Whether `ps` is this primitive's compact sequence form.
    pub(crate) fn matches(self, ps: &PrimSeq) -> bool {
        matches!(
            (self, ps),
            (PrimKind::Short, PrimSeq::Short(_))
                | (PrimKind::Long, PrimSeq::Long(_))
                | (PrimKind::UShort, PrimSeq::UShort(_))
                | (PrimKind::ULong, PrimSeq::ULong(_))
                | (PrimKind::LongLong, PrimSeq::LongLong(_))
                | (PrimKind::ULongLong, PrimSeq::ULongLong(_))
                | (PrimKind::Float, PrimSeq::Float(_))
                | (PrimKind::Double, PrimSeq::Double(_))
                | (PrimKind::Boolean, PrimSeq::Boolean(_))
                | (PrimKind::Char, PrimSeq::Char(_))
                | (PrimKind::Octet, PrimSeq::Octet(_))
        )
    }

    /// The `tk_` name, as mismatch errors spell the expected kind.
    pub(crate) fn tk_name(self) -> &'static str {
        match self {
            PrimKind::Short => "tk_short",
            PrimKind::Long => "tk_long",
            PrimKind::UShort => "tk_ushort",
            PrimKind::ULong => "tk_ulong",
            PrimKind::LongLong => "tk_longlong",
            PrimKind::ULongLong => "tk_ulonglong",
            PrimKind::Float => "tk_float",
            PrimKind::Double => "tk_double",
            PrimKind::Boolean => "tk_boolean",
            PrimKind::Char => "tk_char",
            PrimKind::Octet => "tk_octet",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ALL: [PrimKind; 11] = [
        PrimKind::Short,
        PrimKind::Long,
        PrimKind::UShort,
        PrimKind::ULong,
        PrimKind::LongLong,
        PrimKind::ULongLong,
        PrimKind::Float,
        PrimKind::Double,
        PrimKind::Boolean,
        PrimKind::Char,
        PrimKind::Octet,
    ];

    #[test]
    fn table_round_trips_through_tckind() {
        for k in [
            TCKind::SHORT,
            TCKind::LONG,
            TCKind::USHORT,
            TCKind::ULONG,
            TCKind::LONGLONG,
            TCKind::ULONGLONG,
            TCKind::FLOAT,
            TCKind::DOUBLE,
            TCKind::BOOLEAN,
            TCKind::CHAR,
            TCKind::OCTET,
        ] {
            let p = PrimKind::of_kind(k).expect("a primitive kind");
            assert!(ALL.contains(&p));
        }
        assert_eq!(PrimKind::of_kind(TCKind::WCHAR), None);
        assert_eq!(PrimKind::of_kind(TCKind::LONGDOUBLE), None);
        assert_eq!(PrimKind::of_kind(TCKind::STRING), None);
    }

    #[test]
    fn sizes_and_names() {
        let sizes: Vec<usize> = ALL.iter().map(|p| p.size()).collect();
        assert_eq!(sizes, [2, 4, 2, 4, 8, 8, 4, 8, 1, 1, 1]);
        assert_eq!(PrimKind::ULongLong.tk_name(), "tk_ulonglong");
        assert!(PrimKind::Octet.matches(&PrimSeq::Octet(vec![1])));
        assert!(!PrimKind::Char.matches(&PrimSeq::Octet(vec![1])));
    }
}
