// The omniORB Load::Echo server (corpus/idl/load.idl) behind `giopbench load
// serve --server omniorb`: an omniidl-generated POA_Load::Echo skeleton with
// a servant that has the semantics of crates/server/src/servant.rs.
#pragma once

#include <cstdint>

#include "rust/cxx.h"

namespace giopbench {
namespace load {

// ORB_init with an endpoint on 127.0.0.1:`port` (0: the system picks),
// activates the servant in the RootPOA and returns its stringified IOR.
// Throws (a cxx Result error) on any CORBA exception.
rust::String load_start(uint16_t port);

// Runs the ORB until the process is killed (or the ORB shuts down).
void load_run();

}  // namespace load
}  // namespace giopbench
