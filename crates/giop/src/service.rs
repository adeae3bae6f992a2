//! Service contexts (`IOP::ServiceContextList`, §7.6.7 and §9.4.2): kept as
//! an id and the context data octets, so unknown (and known) contexts
//! re-encode unchanged; the common ones decode on demand.

use crate::cdrx::{encap_bytes, encap_reader, read_latin1, write_latin1};
use crate::error::Result;
use crate::ids::ServiceId;
use crate::ior::{len_u32, Ior};
use corba_cdr::{ByteOrder, CodeSetId, Reader, Sink, Writer};

/// `IOP::ServiceContext`: an id and its `context_data` octets (an
/// encapsulation for every standard context).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct ServiceContext {
    pub id: ServiceId,
    pub data: Vec<u8>,
}

/// `CONV_FRAME::CodeSetContext` (§13.10.2.5): the transmission code sets a
/// client chose.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct CodeSetContext {
    pub char_data: CodeSetId,
    pub wchar_data: CodeSetId,
}

/// `IIOP::ListenPoint` of a BI_DIR_IIOP context (§9.8.1).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct ListenPoint {
    pub host: String,
    pub port: u16,
}

/// The decoded content of a service context this crate understands.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum KnownContext {
    CodeSets(CodeSetContext),
    /// `IIOP::BiDirIIOPServiceContext`: the client's listen points.
    BiDirIiop(Vec<ListenPoint>),
    /// The IOR of the sender's `SendingContext::CodeBase` (§15.3.3).
    SendingContextRunTime(Ior),
}

impl ServiceContext {
    /// Decodes the context if its id is CodeSets, BI_DIR_IIOP or
    /// SendingContextRunTime; `Ok(None)` for any other id.
    pub fn decode(&self) -> Result<Option<KnownContext>> {
        let known = match self.id {
            ServiceId::CODE_SETS => {
                let mut r = encap_reader(&self.data, 0)?;
                let char_data = CodeSetId(r.read_ulong()?);
                let wchar_data = CodeSetId(r.read_ulong()?);
                r.finish()?;
                KnownContext::CodeSets(CodeSetContext {
                    char_data,
                    wchar_data,
                })
            }
            ServiceId::BI_DIR_IIOP => {
                let mut r = encap_reader(&self.data, 0)?;
                let n = r.read_count(7)?;
                let mut v = Vec::with_capacity(n);
                for _ in 0..n {
                    let host = read_latin1(&mut r)?;
                    let port = r.read_ushort()?;
                    v.push(ListenPoint { host, port });
                }
                r.finish()?;
                KnownContext::BiDirIiop(v)
            }
            ServiceId::SENDING_CONTEXT_RUN_TIME => {
                let mut r = encap_reader(&self.data, 0)?;
                let ior = Ior::read(&mut r)?;
                r.finish()?;
                KnownContext::SendingContextRunTime(ior)
            }
            _ => return Ok(None),
        };
        Ok(Some(known))
    }

    /// A CodeSets context.
    pub fn code_sets(order: ByteOrder, cs: CodeSetContext) -> ServiceContext {
        ServiceContext {
            id: ServiceId::CODE_SETS,
            data: encap_bytes(order, |w| {
                w.write_ulong(cs.char_data.0);
                w.write_ulong(cs.wchar_data.0);
            }),
        }
    }

    /// A BI_DIR_IIOP context.
    pub fn bi_dir_iiop(order: ByteOrder, points: &[ListenPoint]) -> ServiceContext {
        ServiceContext {
            id: ServiceId::BI_DIR_IIOP,
            data: encap_bytes(order, |w| {
                w.write_ulong(len_u32(points.len()));
                for p in points {
                    write_latin1(w, &p.host);
                    w.write_ushort(p.port);
                }
            }),
        }
    }

    /// A SendingContextRunTime context carrying a CodeBase IOR.
    pub fn sending_context_run_time(order: ByteOrder, codebase: &Ior) -> ServiceContext {
        ServiceContext {
            id: ServiceId::SENDING_CONTEXT_RUN_TIME,
            data: encap_bytes(order, |w| codebase.write(w)),
        }
    }
}

/// `IOP::ServiceContextList`: count, then (id, octet sequence) pairs.
pub fn read_service_contexts(r: &mut Reader<'_>) -> Result<Vec<ServiceContext>> {
    let n = r.read_count(8)?;
    let mut v = Vec::with_capacity(n);
    for _ in 0..n {
        let id = ServiceId(r.read_ulong()?);
        let data = r.read_octet_sequence()?.to_vec();
        v.push(ServiceContext { id, data });
    }
    Ok(v)
}

pub fn write_service_contexts<S: Sink>(w: &mut Writer<S>, list: &[ServiceContext]) {
    w.write_ulong(len_u32(list.len()));
    let order = w.order();
    for c in list {
        // context_id and the data's length: two aligned ulongs, one write.
        w.align(4);
        let mut p = [0u8; 8];
        let (id, len) = (c.id.0, len_u32(c.data.len()));
        let (a, b) = match order {
            ByteOrder::BigEndian => (id.to_be_bytes(), len.to_be_bytes()),
            ByteOrder::LittleEndian => (id.to_le_bytes(), len.to_le_bytes()),
        };
        p[..4].copy_from_slice(&a);
        p[4..].copy_from_slice(&b);
        w.write_bytes(&p);
        w.write_bytes(&c.data);
    }
}
