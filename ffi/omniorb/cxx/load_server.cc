// See load_server.h. The servant is an omniidl-generated skeleton
// (POA_Load::Echo): omniORB unmarshals every `in` argument and marshals the
// result (CORBA 3.x Part 2 §9.3 CDR, §9.4 GIOP); the operations themselves
// are those of crates/server/src/servant.rs: four echoes and one sum.
#include "legacy-omniorb/cxx/load_server.h"

#include <omniORB4/CORBA.h>
#include <omniORB4/poa.h>

#include <mutex>
#include <stdexcept>
#include <string>

#include "load.hh"

namespace giopbench {
namespace load {
namespace {

class EchoServant : public POA_Load::Echo {
 public:
  // Returns s unchanged.
  char *echo_string(const char *s) override { return CORBA::string_dup(s); }

  // Returns data unchanged.
  Load::OctetSeq *echo_octets(const Load::OctetSeq &data) override {
    return new Load::OctetSeq(data);
  }

  // The sum of the elements as a long long: at most 2^32 elements of
  // magnitude 2^31, so it cannot overflow 64 bits (the Rust servant wraps
  // the same way, which never happens either).
  CORBA::LongLong sum_longs(const Bench::LongSeq &values) override {
    CORBA::LongLong sum = 0;
    for (CORBA::ULong i = 0; i < values.length(); ++i) sum += values[i];
    return sum;
  }

  // Returns the records unchanged (compiled struct marshalling).
  Bench::RecordSeq *echo_records(const Bench::RecordSeq &records) override {
    return new Bench::RecordSeq(records);
  }

  // Returns the any unchanged (omniORB's TypeCode-driven marshalling).
  CORBA::Any *echo_any(const CORBA::Any &value) override { return new CORBA::Any(value); }
};

CORBA::ORB_ptr the_orb = CORBA::ORB::_nil();
std::once_flag started;

std::string describe(const CORBA::Exception &e) {
  if (const CORBA::SystemException *s = CORBA::SystemException::_downcast(&e)) {
    return std::string("CORBA::") + s->_name() + " (minor " + std::to_string(s->minor()) + ")";
  }
  return e._rep_id();
}

}  // namespace

rust::String load_start(uint16_t port) {
  std::string ior;
  bool again = true;
  std::call_once(started, [&] {
    again = false;
    try {
      // Loopback only; ISO-8859-1 as the native char code set, as the
      // benchmark shim (shim.cc) uses; no existence check before calls.
      static std::string endpoint;
      endpoint = "giop:tcp:127.0.0.1:" + std::to_string(port);
      static char a0[] = "giopbench-load";
      static char a1[] = "-ORBendPoint";
      static char a3[] = "-ORBnativeCharCodeSet";
      static char a4[] = "ISO-8859-1";
      char *argv[] = {a0, a1, &endpoint[0], a3, a4, nullptr};
      int argc = 5;
      the_orb = CORBA::ORB_init(argc, argv);
      CORBA::Object_var obj = the_orb->resolve_initial_references("RootPOA");
      PortableServer::POA_var poa = PortableServer::POA::_narrow(obj);
      EchoServant *servant = new EchoServant;
      PortableServer::ObjectId_var oid = poa->activate_object(servant);
      // The POA holds the servant now; it lives until the process ends.
      servant->_remove_ref();
      CORBA::Object_var ref = poa->id_to_reference(oid.in());
      CORBA::String_var text = the_orb->object_to_string(ref);
      ior = text.in();
      PortableServer::POAManager_var mgr = poa->the_POAManager();
      mgr->activate();
    } catch (const CORBA::Exception &e) {
      throw std::runtime_error("omniORB load server: " + describe(e));
    }
  });
  if (again) throw std::runtime_error("omniORB load server: already started");
  return rust::String(ior);
}

void load_run() {
  if (CORBA::is_nil(the_orb)) throw std::runtime_error("omniORB load server: not started");
  try {
    the_orb->run();
  } catch (const CORBA::Exception &e) {
    throw std::runtime_error("omniORB load server: " + describe(e));
  }
}

}  // namespace load
}  // namespace giopbench
