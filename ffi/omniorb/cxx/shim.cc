// See shim.h. Facts about omniORB 4.2.5 this relies on are in
// /work/shared/notes/toolchain-facts.md and corpus/known_divergences.md.
#include "legacy-omniorb/cxx/shim.h"

#include <omniORB4/dynAny.h>
#include <omniORB4/poa.h>

#include <atomic>

#include <cstdio>
#include <cstring>
#include <mutex>
#include <sstream>
#include <type_traits>

#include "bench.hh"
#include "legacy-omniorb/src/ffi/mod.rs.h"

std::string rust::behavior::giopbench_describe_current_exception() {
  try {
    throw;
  } catch (const CORBA::SystemException &e) {
    char buf[64];
    std::snprintf(buf, sizeof buf, " (minor 0x%08lx)",
                  static_cast<unsigned long>(e.minor()));
    return std::string("CORBA::") + e._name() + buf;
  } catch (const CORBA::Exception &e) {
    return std::string(e._rep_id());
  } catch (const std::exception &e) {
    return e.what();
  } catch (...) {
    return "unknown C++ exception";
  }
}

namespace giopbench {
namespace {

// ORB_init once, lazily: omniORB needs it for code set converters
// (marshalString), DynAny and orb->create_*_tc. It starts no threads.
// Native char code set ISO-8859-1 (omniORB's default, stated explicitly):
// CORBA::Char is one octet, so a native UTF-8 could not hold chars above
// 0x7F. The Rust side converts text to ISO-8859-1 octets; omniORB's
// converters run (native -> transmission code set) as in any other use.
struct OrbHolder {
  CORBA::ORB_ptr orb = CORBA::ORB::_nil();
  DynamicAny::DynAnyFactory_ptr factory = DynamicAny::DynAnyFactory::_nil();
};

OrbHolder &holder() {
  static OrbHolder h;
  static std::once_flag once;
  std::call_once(once, [] {
    static char a0[] = "giopbench";
    static char a1[] = "-ORBnativeCharCodeSet";
    static char a2[] = "ISO-8859-1";
    // Interop calls (dii_call): bounded in time, no existence check
    // (LocateRequest) before the first call.
    static char a3[] = "-ORBclientCallTimeOutPeriod";
    static char a4[] = "10000";
    static char a5[] = "-ORBverifyObjectExistsAndType";
    static char a6[] = "0";
    // Interop servants (serve_bump) listen on loopback only, on a port the
    // system picks; nothing listens unless a servant is activated.
    static char a7[] = "-ORBendPoint";
    static char a8[] = "giop:tcp:127.0.0.1:";
    char *argv[] = {a0, a1, a2, a3, a4, a5, a6, a7, a8, nullptr};
    int argc = 9;
    h.orb = CORBA::ORB_init(argc, argv);
    CORBA::Object_var obj = h.orb->resolve_initial_references("DynAnyFactory");
    h.factory = DynamicAny::DynAnyFactory::_narrow(obj);
  });
  return h;
}

CORBA::ORB_ptr orb() { return holder().orb; }
DynamicAny::DynAnyFactory_ptr factory() { return holder().factory; }

std::string str(rust::Str s) { return std::string(s.data(), s.size()); }

[[noreturn]] void fail(const std::string &what) { throw std::runtime_error(what); }

std::unique_ptr<Tc> own(CORBA::TypeCode_ptr p) {
  return std::unique_ptr<Tc>(new Tc(p));
}

CORBA::TypeCode_var unaliased(CORBA::TypeCode_ptr tc) {
  CORBA::TypeCode_var t = CORBA::TypeCode::_duplicate(tc);
  while (t->kind() == CORBA::tk_alias) t = t->content_type();
  return t;
}

// Inserts a discriminator-like scalar (the 64-bit pattern of Tc::member_label)
// into a DynAny of an integer, boolean, char, wchar, octet or enum type.
void put_scalar(DynamicAny::DynAny_ptr d, int64_t v) {
  CORBA::TypeCode_var t = d->type();
  CORBA::TypeCode_var u = unaliased(t);
  switch (u->kind()) {
    case CORBA::tk_short: d->insert_short(static_cast<CORBA::Short>(v)); break;
    case CORBA::tk_long: d->insert_long(static_cast<CORBA::Long>(v)); break;
    case CORBA::tk_ushort: d->insert_ushort(static_cast<CORBA::UShort>(v)); break;
    case CORBA::tk_ulong: d->insert_ulong(static_cast<CORBA::ULong>(v)); break;
    case CORBA::tk_longlong: d->insert_longlong(static_cast<CORBA::LongLong>(v)); break;
    case CORBA::tk_ulonglong:
      d->insert_ulonglong(static_cast<CORBA::ULongLong>(v));
      break;
    case CORBA::tk_boolean: d->insert_boolean(v != 0); break;
    case CORBA::tk_char: d->insert_char(static_cast<CORBA::Char>(v)); break;
    case CORBA::tk_wchar: d->insert_wchar(static_cast<CORBA::WChar>(v)); break;
    case CORBA::tk_octet: d->insert_octet(static_cast<CORBA::Octet>(v)); break;
    case CORBA::tk_enum: {
      DynamicAny::DynEnum_var e = DynamicAny::DynEnum::_narrow(d);
      e->set_as_ulong(static_cast<CORBA::ULong>(v));
      break;
    }
    default: fail("put_scalar: not a discriminator kind");
  }
}

int64_t get_scalar(DynamicAny::DynAny_ptr d) {
  CORBA::TypeCode_var t = d->type();
  CORBA::TypeCode_var u = unaliased(t);
  switch (u->kind()) {
    case CORBA::tk_short: return d->get_short();
    case CORBA::tk_long: return d->get_long();
    case CORBA::tk_ushort: return d->get_ushort();
    case CORBA::tk_ulong: return d->get_ulong();
    case CORBA::tk_longlong: return d->get_longlong();
    case CORBA::tk_ulonglong: return static_cast<int64_t>(d->get_ulonglong());
    case CORBA::tk_boolean: return d->get_boolean() ? 1 : 0;
    case CORBA::tk_char: return static_cast<uint8_t>(d->get_char());
    case CORBA::tk_wchar: return static_cast<int64_t>(d->get_wchar());
    case CORBA::tk_octet: return d->get_octet();
    case CORBA::tk_enum: {
      DynamicAny::DynEnum_var e = DynamicAny::DynEnum::_narrow(d);
      return e->get_as_ulong();
    }
    default: fail("get_scalar: not a discriminator kind");
  }
}

GIOP::Version giop(uint8_t minor) {
  GIOP::Version v;
  v.major = 1;
  v.minor = minor;
  return v;
}

// Code sets of every stream: ISO-8859-1 for char/string (the default
// transmission code set, like corba-cdr's Encoding::new) and UTF-16 for
// wchar/wstring, in the GIOP version of the case.
void set_code_sets(cdrStream &s, uint8_t giop_minor) {
  (void)orb();
  s.TCS_C(omni::omniCodeSet::getTCS_C(omni::omniCodeSet::ID_8859_1, giop(giop_minor)));
  s.TCS_W(omni::omniCodeSet::getTCS_W(omni::omniCodeSet::ID_UTF_16, giop(giop_minor)));
}

}  // namespace

// ---------------------------------------------------------------- TypeCodes

uint32_t Tc::kind() const { return static_cast<uint32_t>(tc_->kind()); }
rust::String Tc::id() const { return rust::String(tc_->id()); }
rust::String Tc::name() const { return rust::String(tc_->name()); }
uint32_t Tc::member_count() const { return tc_->member_count(); }
rust::String Tc::member_name(uint32_t i) const {
  return rust::String(tc_->member_name(i));
}
std::unique_ptr<Tc> Tc::member_type(uint32_t i) const {
  return own(tc_->member_type(i));
}
int64_t Tc::member_label(uint32_t i) const {
  CORBA::Any_var a = tc_->member_label(i);
  CORBA::TypeCode_var t = a->type();
  if (t->kind() == CORBA::tk_octet) return 0;  // the default member
  DynamicAny::DynAny_var d = factory()->create_dyn_any(a.in());
  int64_t v = get_scalar(d);
  d->destroy();
  return v;
}
std::unique_ptr<Tc> Tc::discriminator_type() const {
  return own(tc_->discriminator_type());
}
int32_t Tc::default_index() const { return tc_->default_index(); }
uint32_t Tc::length() const { return tc_->length(); }
std::unique_ptr<Tc> Tc::content_type() const { return own(tc_->content_type()); }
uint16_t Tc::fixed_digits() const { return tc_->fixed_digits(); }
int16_t Tc::fixed_scale() const { return tc_->fixed_scale(); }
int16_t Tc::member_visibility(uint32_t i) const {
  return tc_->member_visibility(i);
}
int16_t Tc::type_modifier() const { return tc_->type_modifier(); }
std::unique_ptr<Tc> Tc::concrete_base_type() const {
  CORBA::TypeCode_ptr b = tc_->concrete_base_type();
  if (CORBA::is_nil(b)) return nullptr;
  return own(b);
}
bool Tc::equal(const Tc &other) const { return tc_->equal(other.ptr()); }
bool Tc::equivalent(const Tc &other) const {
  return tc_->equivalent(other.ptr());
}

// omniORB resolves a create_recursive_tc placeholder only when its
// enclosing TypeCode is created, and releasing (or copying and releasing) a
// reference to an unresolved placeholder throws BAD_TYPECODE from a
// destructor, which terminates the process. So members only borrow the
// TypeCodes (the Rust side keeps every one alive until the outermost
// TypeCode exists), member sequences are sized once (no regrowth copies),
// and the built sequences live as long as the Members object, which the
// Rust side leaks if building fails.
struct Members::Impl {
  struct Member {
    std::string name;
    CORBA::TypeCode_ptr tc;  // borrowed
    int64_t label;
    bool is_default;
    int16_t visibility;
  };
  std::vector<Member> items;
  std::vector<std::string> enumerators;
  std::unique_ptr<CORBA::StructMemberSeq> structs;
  std::unique_ptr<CORBA::UnionMemberSeq> unions;
  std::unique_ptr<CORBA::ValueMemberSeq> values;
};

Members::Members() : impl(new Impl) {}
Members::~Members() = default;

void Members::add(rust::Str name, const Tc &tc) {
  impl->items.push_back(Impl::Member{str(name), tc.ptr(), 0, false, 0});
}

void Members::add_label(int64_t label, bool is_default, rust::Str name,
                        const Tc &tc) {
  impl->items.push_back(Impl::Member{str(name), tc.ptr(), label, is_default, 0});
}

void Members::add_value(rust::Str name, const Tc &tc, int16_t visibility) {
  impl->items.push_back(Impl::Member{str(name), tc.ptr(), 0, false, visibility});
}

void Members::add_enumerator(rust::Str name) { impl->enumerators.push_back(str(name)); }

std::unique_ptr<Members> new_members() {
  return std::unique_ptr<Members>(new Members);
}

namespace {

const CORBA::StructMemberSeq &struct_members(const Members &m) {
  Members::Impl &i = *m.impl;
  i.structs.reset(new CORBA::StructMemberSeq);
  i.structs->length(static_cast<CORBA::ULong>(i.items.size()));
  for (CORBA::ULong k = 0; k < i.structs->length(); k++) {
    (*i.structs)[k].name = CORBA::string_dup(i.items[k].name.c_str());
    (*i.structs)[k].type = CORBA::TypeCode::_duplicate(i.items[k].tc);
  }
  return *i.structs;
}

const CORBA::UnionMemberSeq &union_members(const Members &m, CORBA::TypeCode_ptr disc) {
  Members::Impl &i = *m.impl;
  i.unions.reset(new CORBA::UnionMemberSeq);
  i.unions->length(static_cast<CORBA::ULong>(i.items.size()));
  for (CORBA::ULong k = 0; k < i.unions->length(); k++) {
    const Members::Impl::Member &l = i.items[k];
    CORBA::UnionMember &u = (*i.unions)[k];
    u.name = CORBA::string_dup(l.name.c_str());
    u.type = CORBA::TypeCode::_duplicate(l.tc);
    if (l.is_default) {
      u.label <<= CORBA::Any::from_octet(0);
    } else {
      DynamicAny::DynAny_var d = factory()->create_dyn_any_from_type_code(disc);
      put_scalar(d, l.label);
      CORBA::Any_var a = d->to_any();
      u.label = a.in();
      d->destroy();
    }
  }
  return *i.unions;
}

const CORBA::ValueMemberSeq &value_members(const Members &m) {
  Members::Impl &i = *m.impl;
  i.values.reset(new CORBA::ValueMemberSeq);
  i.values->length(static_cast<CORBA::ULong>(i.items.size()));
  for (CORBA::ULong k = 0; k < i.values->length(); k++) {
    CORBA::ValueMember &v = (*i.values)[k];
    v.name = CORBA::string_dup(i.items[k].name.c_str());
    v.id = CORBA::string_dup("");
    v.defined_in = CORBA::string_dup("");
    v.version = CORBA::string_dup("");
    v.type = CORBA::TypeCode::_duplicate(i.items[k].tc);
    v.access = i.items[k].visibility;
  }
  return *i.values;
}

}  // namespace

std::unique_ptr<Tc> tc_basic(uint32_t kind) {
  CORBA::TypeCode_ptr p;
  switch (static_cast<CORBA::TCKind>(kind)) {
    case CORBA::tk_null: p = CORBA::_tc_null; break;
    case CORBA::tk_void: p = CORBA::_tc_void; break;
    case CORBA::tk_short: p = CORBA::_tc_short; break;
    case CORBA::tk_long: p = CORBA::_tc_long; break;
    case CORBA::tk_ushort: p = CORBA::_tc_ushort; break;
    case CORBA::tk_ulong: p = CORBA::_tc_ulong; break;
    case CORBA::tk_float: p = CORBA::_tc_float; break;
    case CORBA::tk_double: p = CORBA::_tc_double; break;
    case CORBA::tk_boolean: p = CORBA::_tc_boolean; break;
    case CORBA::tk_char: p = CORBA::_tc_char; break;
    case CORBA::tk_octet: p = CORBA::_tc_octet; break;
    case CORBA::tk_any: p = CORBA::_tc_any; break;
    case CORBA::tk_TypeCode: p = CORBA::_tc_TypeCode; break;
    case CORBA::tk_Principal: p = CORBA::_tc_Principal; break;
    case CORBA::tk_longlong: p = CORBA::_tc_longlong; break;
    case CORBA::tk_ulonglong: p = CORBA::_tc_ulonglong; break;
    case CORBA::tk_longdouble: p = CORBA::_tc_longdouble; break;
    case CORBA::tk_wchar: p = CORBA::_tc_wchar; break;
    default: fail("tc_basic: not a basic kind");
  }
  return own(CORBA::TypeCode::_duplicate(p));
}

std::unique_ptr<Tc> tc_string(uint32_t bound) {
  return own(orb()->create_string_tc(bound));
}
std::unique_ptr<Tc> tc_wstring(uint32_t bound) {
  return own(orb()->create_wstring_tc(bound));
}
std::unique_ptr<Tc> tc_fixed(uint16_t digits, int16_t scale) {
  return own(orb()->create_fixed_tc(digits, scale));
}

std::unique_ptr<Tc> tc_interface(uint32_t kind, rust::Str id, rust::Str name) {
  std::string i = str(id), n = str(name);
  switch (static_cast<CORBA::TCKind>(kind)) {
    case CORBA::tk_objref:
      return own(orb()->create_interface_tc(i.c_str(), n.c_str()));
    // ORB::create_abstract_interface_tc and create_local_interface_tc are
    // declared in CORBA_ORB.h but libomniORB4 4.2.5 does not define them
    // (undefined symbols at link time): see corpus/known_divergences.md.
    default: fail("tc_interface: omniORB has no create operation for this kind");
  }
}

std::unique_ptr<Tc> tc_struct(uint32_t kind, rust::Str id, rust::Str name,
                              const Members &m) {
  std::string i = str(id), n = str(name);
  const CORBA::StructMemberSeq &seq = struct_members(m);
  if (kind == CORBA::tk_except)
    return own(orb()->create_exception_tc(i.c_str(), n.c_str(), seq));
  return own(orb()->create_struct_tc(i.c_str(), n.c_str(), seq));
}

std::unique_ptr<Tc> tc_union(rust::Str id, rust::Str name, const Tc &disc,
                             const Members &m) {
  std::string i = str(id), n = str(name);
  const CORBA::UnionMemberSeq &seq = union_members(m, disc.ptr());
  return own(orb()->create_union_tc(i.c_str(), n.c_str(), disc.ptr(), seq));
}

std::unique_ptr<Tc> tc_enum(rust::Str id, rust::Str name, const Members &m) {
  CORBA::EnumMemberSeq seq;
  seq.length(static_cast<CORBA::ULong>(m.impl->enumerators.size()));
  for (CORBA::ULong k = 0; k < seq.length(); k++)
    seq[k] = CORBA::string_dup(m.impl->enumerators[k].c_str());
  std::string i = str(id), n = str(name);
  return own(orb()->create_enum_tc(i.c_str(), n.c_str(), seq));
}

std::unique_ptr<Tc> tc_sequence(uint32_t bound, const Tc &element) {
  return own(orb()->create_sequence_tc(bound, element.ptr()));
}
std::unique_ptr<Tc> tc_array(uint32_t length, const Tc &element) {
  return own(orb()->create_array_tc(length, element.ptr()));
}
std::unique_ptr<Tc> tc_alias(rust::Str id, rust::Str name, const Tc &content) {
  std::string i = str(id), n = str(name);
  return own(orb()->create_alias_tc(i.c_str(), n.c_str(), content.ptr()));
}
std::unique_ptr<Tc> tc_value(uint32_t kind, rust::Str id, rust::Str name,
                             int16_t modifier, bool has_base, const Tc &base,
                             const Members &m) {
  if (kind != CORBA::tk_value) fail("tc_value: omniORB 4.2 has no create_event_tc");
  std::string i = str(id), n = str(name);
  return own(orb()->create_value_tc(
      i.c_str(), n.c_str(), modifier,
      has_base ? base.ptr() : CORBA::TypeCode::_nil(), value_members(m)));
}
std::unique_ptr<Tc> tc_value_box(rust::Str id, rust::Str name,
                                 const Tc &content) {
  std::string i = str(id), n = str(name);
  return own(orb()->create_value_box_tc(i.c_str(), n.c_str(), content.ptr()));
}
std::unique_ptr<Tc> tc_recursive(rust::Str id) {
  std::string i = str(id);
  return own(orb()->create_recursive_tc(i.c_str()));
}

// ------------------------------------------------- compiled (static) stubs

namespace {

struct StaticType {
  virtual ~StaticType() {}
  virtual CORBA::TypeCode_ptr tc() const = 0;
};

// How a generated type comes out of an any: by pointer for structs, unions
// and sequences; by value for enums.
template <class T>
bool extract(const CORBA::Any &a, T &out) {
  if constexpr (std::is_enum<T>::value) {
    return a >>= out;
  } else {
    const T *p = nullptr;
    if (!(a >>= p) || !p) return false;
    out = *p;
    return true;
  }
}

template <class T>
class StaticEncoder : public Encoder {
 public:
  StaticEncoder(const CORBA::Any &a, bool little, uint8_t minor)
      : Encoder(little, minor) {
    if (!extract(a, value_)) fail("static: the any does not hold this type");
  }

 protected:
  void marshal(cdrStream &s) override { value_ >>= s; }

 private:
  T value_;
};

template <class T>
class StaticDecoder : public Decoder {
 public:
  StaticDecoder(bool little, uint8_t minor) : Decoder(little, minor) {}
  std::unique_ptr<Dyn> value() const override {
    CORBA::Any a;
    a <<= value_;
    return dyn_over(a);
  }
  static std::unique_ptr<Dyn> dyn_over(const CORBA::Any &a);

 protected:
  void unmarshal(cdrStream &s) override { value_ <<= s; }

 private:
  T value_;
};

// The corpus types' tables are expanded from corpus_types.inc, which
// crates/idl/src/emit/cxx_table.rs generates from corpus/idl/bench.idl (one
// GIOPBENCH_CORPUS_TYPE(scope, name, repository id) per type).
template <class F>
auto with_static(const std::string &id, F f) {
#define GIOPBENCH_CORPUS_TYPE(scope, name, repo_id) \
  if (id == repo_id) return f(static_cast<scope::name *>(nullptr));
#include "corpus_types.inc"
#undef GIOPBENCH_CORPUS_TYPE
  fail("static: no compiled stub for " + id);
}

CORBA::TypeCode_ptr static_tc(const std::string &id) {
#define GIOPBENCH_CORPUS_TYPE(scope, name, repo_id) \
  if (id == repo_id) return scope::_tc_##name;
#include "corpus_types.inc"
#undef GIOPBENCH_CORPUS_TYPE
  fail("static: no compiled stub for " + id);
}

}  // namespace

std::unique_ptr<Tc> tc_of_static(rust::Str type_id) {
  (void)orb();
  return own(CORBA::TypeCode::_duplicate(static_tc(str(type_id))));
}

// ------------------------------------------------------------------ DynAny

struct Dyn::Impl {
  std::vector<DynamicAny::DynAny_var> stack;
  // DynAnys created here (not components): destroyed when popped or at the
  // end.
  std::vector<DynamicAny::DynAny_var> roots;

  DynamicAny::DynAny_ptr top() const {
    if (stack.empty()) fail("Dyn: empty cursor");
    return stack.back().in();
  }
  void push_root(DynamicAny::DynAny_ptr d) {
    roots.push_back(DynamicAny::DynAny::_duplicate(d));
    stack.push_back(d);
  }
  void pop_root() {
    if (stack.size() < 2 || roots.empty()) fail("Dyn: unbalanced any");
    DynamicAny::DynAny_var d = stack.back();
    stack.pop_back();
    roots.back()->destroy();
    roots.pop_back();
  }
};

Dyn::Dyn() : impl(new Impl) {}
Dyn::~Dyn() {
  impl->stack.clear();
  for (auto &r : impl->roots) {
    try {
      r->destroy();
    } catch (...) {
    }
  }
}

std::unique_ptr<Dyn> dyn_new(const Tc &tc) {
  std::unique_ptr<Dyn> d(new Dyn);
  d->impl->push_root(factory()->create_dyn_any_from_type_code(tc.ptr()));
  return d;
}

namespace {
std::unique_ptr<Dyn> dyn_over_any(const CORBA::Any &a) {
  std::unique_ptr<Dyn> d(new Dyn);
  d->impl->push_root(factory()->create_dyn_any(a));
  return d;
}
}  // namespace

template <class T>
std::unique_ptr<Dyn> StaticDecoder<T>::dyn_over(const CORBA::Any &a) {
  return dyn_over_any(a);
}

std::unique_ptr<Tc> Dyn::top_type() const { return own(impl->top()->type()); }

void Dyn::enter(uint32_t i) {
  DynamicAny::DynAny_ptr t = impl->top();
  if (!t->seek(static_cast<CORBA::Long>(i))) fail("Dyn::enter: no such component");
  impl->stack.push_back(t->current_component());
}

void Dyn::leave() {
  if (impl->stack.size() < 2) fail("Dyn::leave at the root");
  impl->stack.pop_back();
}

uint32_t Dyn::seq_length() const { return impl->top()->component_count(); }

void Dyn::set_seq_length(uint32_t n) {
  DynamicAny::DynSequence_var s = DynamicAny::DynSequence::_narrow(impl->top());
  if (CORBA::is_nil(s)) fail("Dyn::set_seq_length: not a sequence");
  s->set_length(n);
}

void Dyn::set_discriminator(int64_t value) {
  DynamicAny::DynUnion_var u = DynamicAny::DynUnion::_narrow(impl->top());
  if (CORBA::is_nil(u)) fail("Dyn::set_discriminator: not a union");
  DynamicAny::DynAny_var cur = u->get_discriminator();
  CORBA::TypeCode_var dt = cur->type();
  DynamicAny::DynAny_var d = factory()->create_dyn_any_from_type_code(dt);
  put_scalar(d, value);
  u->set_discriminator(d);
  d->destroy();
}

int64_t Dyn::discriminator() const {
  DynamicAny::DynUnion_var u = DynamicAny::DynUnion::_narrow(impl->top());
  if (CORBA::is_nil(u)) fail("Dyn::discriminator: not a union");
  DynamicAny::DynAny_var d = u->get_discriminator();
  return get_scalar(d);
}

bool Dyn::has_member() const {
  DynamicAny::DynUnion_var u = DynamicAny::DynUnion::_narrow(impl->top());
  if (CORBA::is_nil(u)) fail("Dyn::has_member: not a union");
  return !u->has_no_active_member();
}

void Dyn::enter_member() {
  DynamicAny::DynUnion_var u = DynamicAny::DynUnion::_narrow(impl->top());
  if (CORBA::is_nil(u)) fail("Dyn::enter_member: not a union");
  impl->stack.push_back(u->member());
}

void Dyn::begin_any(const Tc &tc) {
  impl->push_root(factory()->create_dyn_any_from_type_code(tc.ptr()));
}

void Dyn::end_any() {
  DynamicAny::DynAny_ptr inner = impl->top();
  CORBA::Any_var a = inner->to_any();
  impl->pop_root();
  impl->top()->insert_any(a.in());
}

std::unique_ptr<Tc> Dyn::inner_any_type() const {
  CORBA::Any_var a = impl->top()->get_any();
  return own(a->type());
}

void Dyn::enter_any_as(const Tc &tc) {
  CORBA::Any_var a = impl->top()->get_any();
  impl->push_root(factory()->create_dyn_any_from_type_code(tc.ptr()));
  impl->top()->from_any(a.in());
}

void Dyn::leave_any() { impl->pop_root(); }

void Dyn::put_short(int16_t v) { impl->top()->insert_short(v); }
void Dyn::put_long(int32_t v) { impl->top()->insert_long(v); }
void Dyn::put_ushort(uint16_t v) { impl->top()->insert_ushort(v); }
void Dyn::put_ulong(uint32_t v) { impl->top()->insert_ulong(v); }
void Dyn::put_longlong(int64_t v) { impl->top()->insert_longlong(v); }
void Dyn::put_ulonglong(uint64_t v) { impl->top()->insert_ulonglong(v); }
void Dyn::put_float(float v) { impl->top()->insert_float(v); }
void Dyn::put_double(double v) { impl->top()->insert_double(v); }
void Dyn::put_bool(bool v) { impl->top()->insert_boolean(v); }
void Dyn::put_char(uint8_t v) { impl->top()->insert_char(static_cast<CORBA::Char>(v)); }
void Dyn::put_wchar(uint32_t v) { impl->top()->insert_wchar(static_cast<CORBA::WChar>(v)); }
void Dyn::put_octet(uint8_t v) { impl->top()->insert_octet(v); }
void Dyn::put_string(rust::Slice<const uint8_t> latin1) {
  std::string s(reinterpret_cast<const char *>(latin1.data()), latin1.size());
  impl->top()->insert_string(s.c_str());
}
void Dyn::put_wstring(rust::Slice<const uint32_t> units) {
  std::vector<CORBA::WChar> w(units.begin(), units.end());
  w.push_back(0);
  impl->top()->insert_wstring(w.data());
}
void Dyn::put_enum(uint32_t ordinal) {
  DynamicAny::DynEnum_var e = DynamicAny::DynEnum::_narrow(impl->top());
  if (CORBA::is_nil(e)) fail("Dyn::put_enum: not an enum");
  e->set_as_ulong(ordinal);
}
void Dyn::put_fixed(rust::Str text) {
  DynamicAny::DynFixed_var f = DynamicAny::DynFixed::_narrow(impl->top());
  if (CORBA::is_nil(f)) fail("Dyn::put_fixed: not a fixed");
  if (!f->set_value(str(text).c_str())) fail("Dyn::put_fixed: value truncated");
}
void Dyn::put_typecode(const Tc &tc) { impl->top()->insert_typecode(tc.ptr()); }
void Dyn::put_longdouble_from_f64(double v) {
  impl->top()->insert_longdouble(static_cast<CORBA::LongDouble>(v));
}
void Dyn::put_nil_objref() { impl->top()->insert_reference(CORBA::Object::_nil()); }

int16_t Dyn::get_short() const { return impl->top()->get_short(); }
int32_t Dyn::get_long() const { return impl->top()->get_long(); }
uint16_t Dyn::get_ushort() const { return impl->top()->get_ushort(); }
uint32_t Dyn::get_ulong() const { return impl->top()->get_ulong(); }
int64_t Dyn::get_longlong() const { return impl->top()->get_longlong(); }
uint64_t Dyn::get_ulonglong() const { return impl->top()->get_ulonglong(); }
float Dyn::get_float() const { return impl->top()->get_float(); }
double Dyn::get_double() const { return impl->top()->get_double(); }
bool Dyn::get_bool() const { return impl->top()->get_boolean(); }
uint8_t Dyn::get_char() const { return static_cast<uint8_t>(impl->top()->get_char()); }
uint32_t Dyn::get_wchar() const { return static_cast<uint32_t>(impl->top()->get_wchar()); }
uint8_t Dyn::get_octet() const { return impl->top()->get_octet(); }
rust::Vec<uint8_t> Dyn::get_string() const {
  CORBA::String_var s = impl->top()->get_string();
  rust::Vec<uint8_t> out;
  size_t n = std::strlen(s.in());
  out.reserve(n);
  for (size_t k = 0; k < n; k++) out.push_back(static_cast<uint8_t>(s.in()[k]));
  return out;
}
rust::Vec<uint32_t> Dyn::get_wstring() const {
  CORBA::WString_var s = impl->top()->get_wstring();
  rust::Vec<uint32_t> out;
  for (const CORBA::WChar *p = s.in(); *p; p++) out.push_back(static_cast<uint32_t>(*p));
  return out;
}
uint32_t Dyn::get_enum() const {
  DynamicAny::DynEnum_var e = DynamicAny::DynEnum::_narrow(impl->top());
  if (CORBA::is_nil(e)) fail("Dyn::get_enum: not an enum");
  return e->get_as_ulong();
}
rust::String Dyn::get_fixed() const {
  DynamicAny::DynFixed_var f = DynamicAny::DynFixed::_narrow(impl->top());
  if (CORBA::is_nil(f)) fail("Dyn::get_fixed: not a fixed");
  CORBA::String_var s = f->get_value();
  return rust::String(s.in());
}
std::unique_ptr<Tc> Dyn::get_typecode() const { return own(impl->top()->get_typecode()); }
bool Dyn::get_objref_is_nil() const {
  CORBA::Object_var o = impl->top()->get_reference();
  return CORBA::is_nil(o);
}

// --------------------------------------------------------- encode / decode

// The stream's native code sets are read from the ORB's parameters when
// the stream is constructed: ORB_init must come first.
Encoder::Encoder(bool little, uint8_t giop_minor)
    : out_(((void)orb(), 0u), true) {
  out_.setByteSwapFlag(little);
  set_code_sets(out_, giop_minor);
}
Encoder::~Encoder() {}

void Encoder::encode() {
  out_.rewindPtrs();
  marshal(out_);
}

rust::Slice<const uint8_t> Encoder::bytes() const {
  return rust::Slice<const uint8_t>(static_cast<const uint8_t *>(out_.bufPtr()),
                                    out_.bufSize());
}

Decoder::Decoder(bool little, uint8_t giop_minor)
    : little_(little), giop_minor_(giop_minor) {
  (void)orb();
}
Decoder::~Decoder() {}

void Decoder::decode(rust::Slice<const uint8_t> bytes) {
  // cdrMemoryStream aligns from its buffer start; keep a copy only when the
  // caller's slice is not 8-aligned.
  const void *data = bytes.data();
  std::vector<uint64_t> copy;
  if (reinterpret_cast<uintptr_t>(data) % 8 != 0) {
    copy.resize(bytes.size() / 8 + 1);
    std::memcpy(copy.data(), data, bytes.size());
    data = copy.data();
  }
  cdrMemoryStream in(const_cast<void *>(data), bytes.size());
  in.setByteSwapFlag(little_);
  set_code_sets(in, giop_minor_);
  unmarshal(in);
  if (in.checkInputOverrun(1, 1)) fail("trailing bytes after the value");
}

#define NOT_THIS_SHAPE(T, f) \
  T Decoder::f() const { fail("decoder: no " #f " result for this case"); }
NOT_THIS_SHAPE(rust::Vec<int32_t>, longs)
NOT_THIS_SHAPE(rust::Vec<double>, doubles)
NOT_THIS_SHAPE(rust::Vec<uint8_t>, octets)
NOT_THIS_SHAPE(rust::Vec<uint8_t>, strings)
NOT_THIS_SHAPE(rust::Vec<uint8_t>, string)
NOT_THIS_SHAPE(rust::Vec<uint32_t>, wstring)
NOT_THIS_SHAPE(std::unique_ptr<Tc>, typecode)
NOT_THIS_SHAPE(std::unique_ptr<Dyn>, value)
NOT_THIS_SHAPE(std::unique_ptr<Tc>, any_type)
std::unique_ptr<Dyn> Decoder::value_as(const Tc &) const {
  fail("decoder: no any result for this case");
}
#undef NOT_THIS_SHAPE

namespace {

template <class Seq, class Elem>
class SeqEncoder : public Encoder {
 public:
  SeqEncoder(rust::Slice<const Elem> v, bool little) : Encoder(little, 2) {
    seq_.length(static_cast<CORBA::ULong>(v.size()));
    for (size_t k = 0; k < v.size(); k++) seq_[static_cast<CORBA::ULong>(k)] = v[k];
  }

 protected:
  void marshal(cdrStream &s) override { seq_ >>= s; }

 private:
  Seq seq_;
};

class SeqStringEncoder : public Encoder {
 public:
  // `joined`: every string NUL-terminated, one after the other.
  SeqStringEncoder(rust::Slice<const uint8_t> joined, bool little, uint8_t minor)
      : Encoder(little, minor) {
    std::vector<std::string> items;
    std::string cur;
    for (uint8_t b : joined) {
      if (b == 0) {
        items.push_back(cur);
        cur.clear();
      } else {
        cur.push_back(static_cast<char>(b));
      }
    }
    seq_.length(static_cast<CORBA::ULong>(items.size()));
    for (size_t k = 0; k < items.size(); k++)
      seq_[static_cast<CORBA::ULong>(k)] = CORBA::string_dup(items[k].c_str());
  }

 protected:
  void marshal(cdrStream &s) override { seq_ >>= s; }

 private:
  CORBA::StringSeq seq_;
};

class StringEncoder : public Encoder {
 public:
  StringEncoder(rust::Slice<const uint8_t> v, bool little, uint8_t minor)
      : Encoder(little, minor), s_(reinterpret_cast<const char *>(v.data()), v.size()) {}

 protected:
  void marshal(cdrStream &s) override { s.marshalString(s_.c_str()); }

 private:
  std::string s_;
};

class WStringEncoder : public Encoder {
 public:
  WStringEncoder(rust::Slice<const uint32_t> units, bool little, uint8_t minor)
      : Encoder(little, minor), w_(units.begin(), units.end()) {
    w_.push_back(0);
  }

 protected:
  void marshal(cdrStream &s) override { s.marshalWString(w_.data()); }

 private:
  std::vector<CORBA::WChar> w_;
};

class TypeCodeEncoder : public Encoder {
 public:
  TypeCodeEncoder(const Tc &tc, bool little)
      : Encoder(little, 2), tc_(CORBA::TypeCode::_duplicate(tc.ptr())) {}

 protected:
  void marshal(cdrStream &s) override { CORBA::TypeCode::marshalTypeCode(tc_, s); }

 private:
  CORBA::TypeCode_var tc_;
};

class AnyEncoder : public Encoder {
 public:
  AnyEncoder(CORBA::Any *a, bool little, uint8_t minor)
      : Encoder(little, minor), any_(a) {}

 protected:
  void marshal(cdrStream &s) override { any_.in() >>= s; }

 private:
  CORBA::Any_var any_;
};

template <class Seq, class Elem>
class SeqDecoder : public Decoder {
 public:
  explicit SeqDecoder(bool little) : Decoder(little, 2) {}

 protected:
  void unmarshal(cdrStream &s) override { seq_ <<= s; }
  rust::Vec<Elem> items() const {
    rust::Vec<Elem> out;
    out.reserve(seq_.length());
    for (CORBA::ULong k = 0; k < seq_.length(); k++) out.push_back(seq_[k]);
    return out;
  }
  Seq seq_;
};

class SeqLongDecoder : public SeqDecoder<CORBA::LongSeq, int32_t> {
 public:
  using SeqDecoder::SeqDecoder;
  rust::Vec<int32_t> longs() const override { return items(); }
};
class SeqDoubleDecoder : public SeqDecoder<CORBA::DoubleSeq, double> {
 public:
  using SeqDecoder::SeqDecoder;
  rust::Vec<double> doubles() const override { return items(); }
};
class SeqOctetDecoder : public SeqDecoder<CORBA::OctetSeq, uint8_t> {
 public:
  using SeqDecoder::SeqDecoder;
  rust::Vec<uint8_t> octets() const override { return items(); }
};

class SeqStringDecoder : public Decoder {
 public:
  SeqStringDecoder(bool little, uint8_t minor) : Decoder(little, minor) {}
  rust::Vec<uint8_t> strings() const override {
    rust::Vec<uint8_t> out;
    for (CORBA::ULong k = 0; k < seq_.length(); k++) {
      for (const char *p = seq_[k]; *p; p++) out.push_back(static_cast<uint8_t>(*p));
      out.push_back(0);
    }
    return out;
  }

 protected:
  void unmarshal(cdrStream &s) override { seq_ <<= s; }

 private:
  CORBA::StringSeq seq_;
};

class StringDecoder : public Decoder {
 public:
  StringDecoder(bool little, uint8_t minor) : Decoder(little, minor) {}
  rust::Vec<uint8_t> string() const override {
    rust::Vec<uint8_t> out;
    const char *p = s_.in();
    size_t n = p ? std::strlen(p) : 0;
    out.reserve(n);
    for (size_t k = 0; k < n; k++) out.push_back(static_cast<uint8_t>(p[k]));
    return out;
  }

 protected:
  void unmarshal(cdrStream &s) override { s_ = s.unmarshalString(); }

 private:
  CORBA::String_var s_;
};

class WStringDecoder : public Decoder {
 public:
  WStringDecoder(bool little, uint8_t minor) : Decoder(little, minor) {}
  rust::Vec<uint32_t> wstring() const override {
    rust::Vec<uint32_t> out;
    for (const CORBA::WChar *p = w_.in(); p && *p; p++)
      out.push_back(static_cast<uint32_t>(*p));
    return out;
  }

 protected:
  void unmarshal(cdrStream &s) override { w_ = s.unmarshalWString(); }

 private:
  CORBA::WString_var w_;
};

class TypeCodeDecoder : public Decoder {
 public:
  explicit TypeCodeDecoder(bool little) : Decoder(little, 2) {}
  std::unique_ptr<Tc> typecode() const override {
    if (CORBA::is_nil(tc_.in())) fail("decoder: nothing decoded yet");
    return own(CORBA::TypeCode::_duplicate(tc_.in()));
  }

 protected:
  void unmarshal(cdrStream &s) override { tc_ = CORBA::TypeCode::unmarshalTypeCode(s); }

 private:
  CORBA::TypeCode_var tc_;
};

class AnyDecoder : public Decoder {
 public:
  AnyDecoder(bool little, uint8_t minor) : Decoder(little, minor) {}
  std::unique_ptr<Dyn> value() const override { return dyn_over_any(any_); }
  std::unique_ptr<Tc> any_type() const override { return own(any_.type()); }
  std::unique_ptr<Dyn> value_as(const Tc &tc) const override {
    std::unique_ptr<Dyn> d(new Dyn);
    d->impl->push_root(factory()->create_dyn_any_from_type_code(tc.ptr()));
    d->impl->top()->from_any(any_);
    return d;
  }

 protected:
  void unmarshal(cdrStream &s) override { any_ <<= s; }

 private:
  CORBA::Any any_;
};

}  // namespace

std::unique_ptr<Encoder> enc_seq_long(rust::Slice<const int32_t> v, bool little) {
  return std::unique_ptr<Encoder>(new SeqEncoder<CORBA::LongSeq, int32_t>(v, little));
}
std::unique_ptr<Encoder> enc_seq_double(rust::Slice<const double> v, bool little) {
  return std::unique_ptr<Encoder>(new SeqEncoder<CORBA::DoubleSeq, double>(v, little));
}
std::unique_ptr<Encoder> enc_seq_octet(rust::Slice<const uint8_t> v, bool little) {
  return std::unique_ptr<Encoder>(new SeqEncoder<CORBA::OctetSeq, uint8_t>(v, little));
}
std::unique_ptr<Encoder> enc_seq_string(rust::Slice<const uint8_t> v,
                                        bool little, uint8_t minor) {
  return std::unique_ptr<Encoder>(new SeqStringEncoder(v, little, minor));
}
std::unique_ptr<Encoder> enc_string(rust::Slice<const uint8_t> v, bool little, uint8_t minor) {
  return std::unique_ptr<Encoder>(new StringEncoder(v, little, minor));
}
std::unique_ptr<Encoder> enc_wstring(rust::Slice<const uint32_t> units,
                                     bool little, uint8_t minor) {
  return std::unique_ptr<Encoder>(new WStringEncoder(units, little, minor));
}
std::unique_ptr<Encoder> enc_typecode(const Tc &tc, bool little) {
  return std::unique_ptr<Encoder>(new TypeCodeEncoder(tc, little));
}
std::unique_ptr<Encoder> enc_any(const Dyn &dyn, bool little, uint8_t minor) {
  return std::unique_ptr<Encoder>(new AnyEncoder(dyn.impl->top()->to_any(), little, minor));
}
std::unique_ptr<Encoder> enc_static(rust::Str type_id, const Dyn &dyn,
                                    bool little, uint8_t minor) {
  CORBA::Any_var a = dyn.impl->top()->to_any();
  return with_static(str(type_id), [&](auto *tag) -> std::unique_ptr<Encoder> {
    using T = std::remove_pointer_t<decltype(tag)>;
    return std::unique_ptr<Encoder>(new StaticEncoder<T>(a.in(), little, minor));
  });
}

std::unique_ptr<Decoder> dec_seq_long(bool little) {
  return std::unique_ptr<Decoder>(new SeqLongDecoder(little));
}
std::unique_ptr<Decoder> dec_seq_double(bool little) {
  return std::unique_ptr<Decoder>(new SeqDoubleDecoder(little));
}
std::unique_ptr<Decoder> dec_seq_octet(bool little) {
  return std::unique_ptr<Decoder>(new SeqOctetDecoder(little));
}
std::unique_ptr<Decoder> dec_seq_string(bool little, uint8_t minor) {
  return std::unique_ptr<Decoder>(new SeqStringDecoder(little, minor));
}
std::unique_ptr<Decoder> dec_string(bool little, uint8_t minor) {
  return std::unique_ptr<Decoder>(new StringDecoder(little, minor));
}
std::unique_ptr<Decoder> dec_wstring(bool little, uint8_t minor) {
  return std::unique_ptr<Decoder>(new WStringDecoder(little, minor));
}
std::unique_ptr<Decoder> dec_typecode(bool little) {
  return std::unique_ptr<Decoder>(new TypeCodeDecoder(little));
}
std::unique_ptr<Decoder> dec_any(bool little, uint8_t minor) {
  return std::unique_ptr<Decoder>(new AnyDecoder(little, minor));
}
std::unique_ptr<Decoder> dec_static(rust::Str type_id, bool little, uint8_t minor) {
  return with_static(str(type_id), [&](auto *tag) -> std::unique_ptr<Decoder> {
    using T = std::remove_pointer_t<decltype(tag)>;
    return std::unique_ptr<Decoder>(new StaticDecoder<T>(little, minor));
  });
}

uint32_t wchar_size() { return sizeof(CORBA::WChar); }

std::unique_ptr<Dyn> dii_call(rust::Str reference, rust::Str operation, const Dyn &arg,
                              const Tc &result_type) {
  CORBA::Object_var obj = orb()->string_to_object(str(reference).c_str());
  if (CORBA::is_nil(obj)) fail("dii_call: nil reference");
  std::string op = str(operation);
  CORBA::Request_var req = obj->_request(op.c_str());
  CORBA::Any_var a = arg.impl->top()->to_any();
  req->add_in_arg() = a.in();
  req->set_return_type(result_type.ptr());
  req->invoke();
  CORBA::Exception *ex = req->env()->exception();
  if (ex) fail(std::string("dii_call: ") + ex->_rep_id());
  std::unique_ptr<Dyn> d(new Dyn);
  d->impl->push_root(factory()->create_dyn_any_from_type_code(result_type.ptr()));
  d->impl->top()->from_any(req->return_value());
  return d;
}

}  // namespace giopbench

namespace giopbench {
namespace {

class BumpServant : public PortableServer::DynamicImplementation {
 public:
  explicit BumpServant(CORBA::TypeCode_ptr tc) : tc_(CORBA::TypeCode::_duplicate(tc)) {}
  std::atomic<uint32_t> calls{0};

  void invoke(CORBA::ServerRequest_ptr req) override {
    if (std::strcmp(req->operation(), "bump") != 0) {
      CORBA::Any ex;
      ex <<= CORBA::BAD_OPERATION(0, CORBA::COMPLETED_NO);
      req->set_exception(ex);
      return;
    }
    CORBA::NVList_ptr args;
    orb()->create_list(0, args);
    // An any that carries only the argument's type: omniORB fills it.
    DynamicAny::DynAny_var blank = factory()->create_dyn_any_from_type_code(tc_);
    CORBA::Any_var typed = blank->to_any();
    blank->destroy();
    args->add_value("r", typed.in(), CORBA::ARG_IN);
    req->arguments(args);
    CORBA::Any *in = args->item(0)->value();
    DynamicAny::DynAny_var d = factory()->create_dyn_any_from_type_code(tc_);
    d->from_any(*in);
    d->seek(0);
    DynamicAny::DynAny_var id = d->current_component();
    id->insert_long(id->get_long() + 1);
    CORBA::Any_var out = d->to_any();
    d->destroy();
    req->set_result(out.in());
    calls++;
  }

  char *_primary_interface(const PortableServer::ObjectId &, PortableServer::POA_ptr) override {
    return CORBA::string_dup("IDL:giopbench.org/Bench/Bumper:1.0");
  }

 private:
  CORBA::TypeCode_var tc_;
};

PortableServer::POA_ptr root_poa() {
  static PortableServer::POA_ptr poa = PortableServer::POA::_nil();
  static std::once_flag once;
  std::call_once(once, [] {
    CORBA::Object_var obj = orb()->resolve_initial_references("RootPOA");
    poa = PortableServer::POA::_narrow(obj);
    PortableServer::POAManager_var mgr = poa->the_POAManager();
    mgr->activate();
  });
  return poa;
}

}  // namespace

struct Server::Impl {
  BumpServant *servant = nullptr;
  PortableServer::ObjectId_var oid;
  std::string ior;
};

Server::~Server() {
  try {
    root_poa()->deactivate_object(impl->oid.in());
  } catch (...) {
  }
  if (impl->servant) impl->servant->_remove_ref();
}

rust::String Server::ior() const { return rust::String(impl->ior); }
uint32_t Server::calls() const { return impl->servant->calls.load(); }

std::unique_ptr<Server> serve_bump(const Tc &arg_type) {
  PortableServer::POA_ptr poa = root_poa();
  std::unique_ptr<Server> s(new Server);
  s->impl.reset(new Server::Impl);
  s->impl->servant = new BumpServant(arg_type.ptr());
  s->impl->oid = poa->activate_object(s->impl->servant);
  CORBA::Object_var obj = poa->id_to_reference(s->impl->oid.in());
  CORBA::String_var text = orb()->object_to_string(obj);
  s->impl->ior = text.in();
  return s;
}

}  // namespace giopbench
