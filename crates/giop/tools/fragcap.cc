// Server and client for corpus/giop/frag11 captures (issue 15): echoes a
// sequence<Bench::Record> and a sequence<double>. Values are a pure
// function of the index, mirrored in crates/giop/tests/frag11_corpus.rs.
#include "frag.hh"
#include <cstdio>
#include <cstring>
#include <iostream>
#include <string>

static const CORBA::ULong N_RECORDS = 200, N_DOUBLES = 3000;

static Bench::Record make_record(CORBA::ULong i) {
  Bench::Record r;
  r.id = (CORBA::Long)i;
  r.name = CORBA::string_dup((std::string("name-") + std::string(i % 7 + 1, 'x') + std::to_string(i)).c_str());
  r.hue = (Bench::Color)(i % 5);
  r.residence.street = CORBA::string_dup(("street " + std::to_string(i)).c_str());
  r.residence.city = CORBA::string_dup(("city" + std::to_string(i % 3)).c_str());
  r.residence.zip = (CORBA::UShort)((i * 7) % 65536);
  switch (i % 5) {
  case 0: r.outline.code((CORBA::Long)i); break;  // default member, label 0
  case 1: r.outline.radius(i * 0.5); break;
  case 2: { Bench::Point p; p.x = i; p.y = -(double)i; r.outline.corner(p); break; }
  case 3: r.outline.label(("L" + std::to_string(i)).c_str()); break;
  default: r.outline.label(("M" + std::to_string(i)).c_str()); r.outline._d(4); break;
  }
  r.items.length(i % 3);
  for (CORBA::ULong j = 0; j < i % 3; j++) {
    r.items[j].sku = CORBA::string_dup(("sku-" + std::to_string(i) + "-" + std::to_string(j)).c_str());
    r.items[j].quantity = (CORBA::Long)j;
    r.items[j].price = i + j / 4.0;
  }
  r.tags.length(i % 4);
  for (CORBA::ULong k = 0; k < i % 4; k++) r.tags[k] = (CORBA::Long)(i * 10 + k);
  r.active = (i % 2 == 0);
  r.timestamp = (CORBA::LongLong)i * 1000000007LL;
  return r;
}

class EchoImpl : public POA_FragCap::Echo {
public:
  Bench::RecordSeq* records(const Bench::RecordSeq& r) { return new Bench::RecordSeq(r); }
  FragCap::DoubleSeq* doubles(const FragCap::DoubleSeq& d) { return new FragCap::DoubleSeq(d); }
};

int main(int argc, char** argv) {
  CORBA::ORB_var orb = CORBA::ORB_init(argc, argv);
  if (argc >= 2 && !strcmp(argv[1], "server")) {
    CORBA::Object_var o = orb->resolve_initial_references("RootPOA");
    PortableServer::POA_var poa = PortableServer::POA::_narrow(o);
    EchoImpl* e = new EchoImpl;
    PortableServer::ObjectId_var id = poa->activate_object(e);
    CORBA::Object_var ref = poa->id_to_reference(id);
    CORBA::String_var s = orb->object_to_string(ref);
    std::cout << s << std::endl;
    poa->the_POAManager()->activate();
    orb->run();
    return 0;
  }
  if (argc < 3) { std::cerr << "usage: fragcap server | client IOR\n"; return 2; }
  CORBA::Object_var o = orb->string_to_object(argv[2]);
  FragCap::Echo_var echo = FragCap::Echo::_narrow(o);
  Bench::RecordSeq rs; rs.length(N_RECORDS);
  for (CORBA::ULong i = 0; i < N_RECORDS; i++) rs[i] = make_record(i);
  Bench::RecordSeq_var back = echo->records(rs);
  FragCap::DoubleSeq ds; ds.length(N_DOUBLES);
  for (CORBA::ULong i = 0; i < N_DOUBLES; i++) ds[i] = i * 1.25 - 7.0;
  FragCap::DoubleSeq_var dback = echo->doubles(ds);
  bool ok = back->length() == N_RECORDS && dback->length() == N_DOUBLES;
  for (CORBA::ULong i = 0; ok && i < N_DOUBLES; i++) ok = dback[i] == ds[i];
  for (CORBA::ULong i = 0; ok && i < N_RECORDS; i++) ok = back[i].timestamp == rs[i].timestamp && back[i].id == rs[i].id;
  std::cout << (ok ? "echo ok" : "echo MISMATCH") << std::endl;
  orb->destroy();
  return ok ? 0 : 1;
}
