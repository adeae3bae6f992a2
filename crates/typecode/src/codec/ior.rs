//! Object references as IORs (§15.3.2 / §9.3.2.? interoperable object
//! references: a type id and tagged profiles).

use crate::error::TcResult;
use crate::ObjectRef;
use corba_cdr::{Reader, Sink, Writer};

pub(crate) fn write_ior<S: Sink>(w: &mut Writer<S>, o: &ObjectRef) -> TcResult<()> {
    w.write_string(&o.type_id)?;
    w.write_ulong(o.profiles.len() as u32);
    for (tag, data) in &o.profiles {
        w.write_ulong(*tag);
        w.write_octet_sequence(data);
    }
    Ok(())
}

pub(crate) fn read_ior(r: &mut Reader<'_>) -> TcResult<ObjectRef> {
    let type_id = r.read_string()?;
    let n = r.read_count(8)?;
    let mut profiles = Vec::with_capacity(n);
    for _ in 0..n {
        let tag = r.read_ulong()?;
        let data = r.read_octet_sequence()?.to_vec();
        profiles.push((tag, data));
    }
    Ok(ObjectRef { type_id, profiles })
}
