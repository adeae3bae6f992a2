// Server for corpus/giop/locate12 captures (issue 15): a POA whose servant
// locator raises ForwardRequest (to the RootPOA's Echo) for key "fwd",
// ForwardRequest with permanent=true is not in CORBA 2.x C++ so only
// OBJECT_FORWARD, and CORBA::OBJECT_NOT_EXIST for key "gone".
#include "frag.hh"
#include <cstring>
#include <iostream>

class EchoImpl : public POA_FragCap::Echo {
public:
  Bench::RecordSeq* records(const Bench::RecordSeq& r) { return new Bench::RecordSeq(r); }
  FragCap::DoubleSeq* doubles(const FragCap::DoubleSeq& d) { return new FragCap::DoubleSeq(d); }
};

static CORBA::Object_var target;

class Locator : public PortableServer::ServantLocator {
public:
  PortableServer::Servant preinvoke(const PortableServer::ObjectId& oid, PortableServer::POA_ptr,
                                    const char*, PortableServer::ServantLocator::Cookie&) {
    CORBA::String_var s = PortableServer::ObjectId_to_string(oid);
    if (!strcmp(s, "fwd")) throw PortableServer::ForwardRequest(target);
    throw CORBA::OBJECT_NOT_EXIST(7, CORBA::COMPLETED_NO);
  }
  void postinvoke(const PortableServer::ObjectId&, PortableServer::POA_ptr, const char*,
                  PortableServer::ServantLocator::Cookie, PortableServer::Servant) {}
};

int main(int argc, char** argv) {
  CORBA::ORB_var orb = CORBA::ORB_init(argc, argv);
  CORBA::Object_var o = orb->resolve_initial_references("RootPOA");
  PortableServer::POA_var root = PortableServer::POA::_narrow(o);
  PortableServer::ObjectId_var id = root->activate_object(new EchoImpl);
  target = root->id_to_reference(id);
  CORBA::PolicyList pl; pl.length(3);
  pl[2] = root->create_id_assignment_policy(PortableServer::USER_ID);
  pl[0] = root->create_request_processing_policy(PortableServer::USE_SERVANT_MANAGER);
  pl[1] = root->create_servant_retention_policy(PortableServer::NON_RETAIN);
  PortableServer::POA_var poa = root->create_POA("loc", root->the_POAManager(), pl);
  poa->set_servant_manager(new Locator);
  for (const char* k : {"fwd", "gone"}) {
    PortableServer::ObjectId_var oid = PortableServer::string_to_ObjectId(k);
    CORBA::Object_var ref = poa->create_reference_with_id(oid, "IDL:FragCap/Echo:1.0");
    CORBA::String_var s = orb->object_to_string(ref);
    std::cout << s << std::endl;
  }
  root->the_POAManager()->activate();
  orb->run();
}
