//! Union labels (§9.3.5.1: a label is a value of the discriminator type,
//! an enum discriminator's the enumerator's ordinal).

use super::{is_discriminator_kind, strip_alias};
use crate::error::{TcError, TcErrorKind, TcResult};
use crate::{TCKind, TypeCode, TypeDesc};
use corba_cdr::{Reader, Sink, Writer};

/// The discriminator kind after alias stripping, checked.
pub(crate) fn disc_kind(d: &TypeCode, at: usize) -> TcResult<DiscKind> {
    let t = strip_alias(d);
    match t.desc() {
        TypeDesc::Enum { members, .. } => Ok(DiscKind::Enum(members.len() as u32)),
        TypeDesc::Basic(k) if is_discriminator_kind(*k) => Ok(DiscKind::Prim(*k)),
        _ => Err(TcError::new(
            TcErrorKind::IllegalDiscriminator(t.kind().unwrap_or(TCKind(u32::MAX))),
            at,
        )),
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum DiscKind {
    Prim(TCKind),
    Enum(u32),
}

fn label_range(at: usize) -> TcError {
    TcError::new(
        TcErrorKind::Malformed("union label out of range of its discriminator"),
        at,
    )
}

pub(crate) fn write_label<S: Sink>(w: &mut Writer<S>, dk: DiscKind, v: i128) -> TcResult<()> {
    let at = w.len();
    macro_rules! conv {
        ($t:ty) => {
            <$t>::try_from(v).map_err(|_| label_range(at))?
        };
    }
    match dk {
        DiscKind::Enum(n) => {
            let x = conv!(u32);
            if x >= n {
                return Err(TcError::new(
                    TcErrorKind::EnumOutOfRange { value: x, count: n },
                    at,
                ));
            }
            w.write_ulong(x)
        }
        DiscKind::Prim(k) => match k {
            TCKind::SHORT => w.write_short(conv!(i16)),
            TCKind::USHORT => w.write_ushort(conv!(u16)),
            TCKind::LONG => w.write_long(conv!(i32)),
            TCKind::ULONG => w.write_ulong(conv!(u32)),
            TCKind::LONGLONG => w.write_longlong(conv!(i64)),
            TCKind::ULONGLONG => w.write_ulonglong(conv!(u64)),
            TCKind::BOOLEAN => {
                if !(0..=1).contains(&v) {
                    return Err(label_range(at));
                }
                w.write_bool(v == 1)
            }
            TCKind::CHAR => w.write_char(conv!(u8)),
            TCKind::WCHAR => w.write_wchar(conv!(u16))?,
            _ => return Err(TcError::new(TcErrorKind::IllegalDiscriminator(k), at)),
        },
    }
    Ok(())
}

pub(crate) fn read_label(r: &mut Reader<'_>, dk: DiscKind) -> TcResult<i128> {
    let at = r.absolute_position();
    Ok(match dk {
        DiscKind::Enum(n) => {
            let x = r.read_ulong()?;
            if x >= n {
                return Err(TcError::new(
                    TcErrorKind::EnumOutOfRange { value: x, count: n },
                    at,
                ));
            }
            i128::from(x)
        }
        DiscKind::Prim(k) => match k {
            TCKind::SHORT => r.read_short()?.into(),
            TCKind::USHORT => r.read_ushort()?.into(),
            TCKind::LONG => r.read_long()?.into(),
            TCKind::ULONG => r.read_ulong()?.into(),
            TCKind::LONGLONG => r.read_longlong()?.into(),
            TCKind::ULONGLONG => r.read_ulonglong()?.into(),
            TCKind::BOOLEAN => i128::from(u8::from(r.read_bool()?)),
            TCKind::CHAR => r.read_char()?.into(),
            TCKind::WCHAR => r.read_wchar()?.into(),
            _ => return Err(TcError::new(TcErrorKind::IllegalDiscriminator(k), at)),
        },
    })
}
