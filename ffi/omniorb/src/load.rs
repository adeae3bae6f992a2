//! The omniORB `Load::Echo` server (corpus/idl/load.idl): the baseline of
//! `giopbench load`. omniidl generates the skeleton; the servant in
//! `cxx/load_server.cc` has the semantics of crates/server/src/servant.rs.

use std::io::Write;

/// Raw layer: the cxx bridge to `cxx/load_server.h`.
#[allow(unsafe_code)]
mod bridge {
    // SAFETY: both declarations match cxx/load_server.h exactly (cxx checks
    // the signatures at C++ compile time); they take and return only owned
    // values, and every C++ exception comes back as a `cxx::Exception`.
    #[cxx::bridge(namespace = "giopbench::load")]
    pub(super) mod ffi {
        unsafe extern "C++" {
            include!("legacy-omniorb/cxx/load_server.h");

            fn load_start(port: u16) -> Result<String>;
            fn load_run() -> Result<()>;
        }
    }
}

/// Serves `Load::Echo` on 127.0.0.1:`port` (0: an ephemeral port): prints
/// the stringified IOR as the first line of stdout (flushed), then runs the
/// ORB until the process is killed. Once per process.
pub fn serve(port: u16) -> Result<(), crate::Error> {
    let ior = bridge::ffi::load_start(port).map_err(|e| crate::Error::Failed(e.to_string()))?;
    let mut out = std::io::stdout().lock();
    writeln!(out, "{ior}")
        .and_then(|()| out.flush())
        .map_err(|e| crate::Error::Failed(format!("stdout: {e}")))?;
    drop(out);
    bridge::ffi::load_run().map_err(|e| crate::Error::Failed(e.to_string()))
}
