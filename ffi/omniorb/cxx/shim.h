// The C++ side of the omniORB backend: owned handles over omniORB 4.2
// objects (memory streams, TypeCodes, DynAny cursors, compiled stubs) that
// the cxx bridge in src/ffi/mod.rs exposes to Rust.
//
// Nothing here marshals from Rust bytes: values are built by omniORB itself
// (DynAny, generated structs) from calls the Rust walker makes, so a byte
// comparison with the Rust encoder is a real comparison.
#pragma once

#include <omniORB4/CORBA.h>
#include <omniORB4/cdrStream.h>
#include <omniORB4/codeSets.h>

#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "rust/cxx.h"

// omniORB exceptions are not std::exception: turn every C++ exception into
// a Rust `Err` carrying the CORBA exception's name and minor code.
namespace rust {
namespace behavior {
std::string giopbench_describe_current_exception();
template <typename Try, typename Fail>
static void trycatch(Try &&func, Fail &&fail) noexcept try {
  func();
} catch (...) {
  fail(giopbench_describe_current_exception());
}
}  // namespace behavior
}  // namespace rust

namespace giopbench {

// ---------------------------------------------------------------- TypeCodes

// An owned CORBA::TypeCode reference.
class Tc {
 public:
  explicit Tc(CORBA::TypeCode_ptr p) : tc_(p) {}
  CORBA::TypeCode_ptr ptr() const { return tc_.in(); }

  uint32_t kind() const;
  rust::String id() const;
  rust::String name() const;
  uint32_t member_count() const;
  rust::String member_name(uint32_t i) const;
  std::unique_ptr<Tc> member_type(uint32_t i) const;
  // The label of a union member as a 64-bit pattern of the discriminator
  // type (enum: ordinal; boolean 0/1; char/wchar: code); the default
  // member's label (an octet 0) reads as 0.
  int64_t member_label(uint32_t i) const;
  std::unique_ptr<Tc> discriminator_type() const;
  int32_t default_index() const;
  uint32_t length() const;
  std::unique_ptr<Tc> content_type() const;
  uint16_t fixed_digits() const;
  int16_t fixed_scale() const;
  int16_t member_visibility(uint32_t i) const;
  int16_t type_modifier() const;
  // null when there is no concrete base.
  std::unique_ptr<Tc> concrete_base_type() const;
  bool equal(const Tc &other) const;
  bool equivalent(const Tc &other) const;

 private:
  CORBA::TypeCode_var tc_;
};

// Members collected before creating a struct, union, enum or value TypeCode.
class Members {
 public:
  Members();
  ~Members();
  void add(rust::Str name, const Tc &tc);
  void add_label(int64_t label, bool is_default, rust::Str name, const Tc &tc);
  void add_value(rust::Str name, const Tc &tc, int16_t visibility);
  void add_enumerator(rust::Str name);

  struct Impl;
  std::unique_ptr<Impl> impl;
};

std::unique_ptr<Members> new_members();
std::unique_ptr<Tc> tc_basic(uint32_t kind);
std::unique_ptr<Tc> tc_string(uint32_t bound);
std::unique_ptr<Tc> tc_wstring(uint32_t bound);
std::unique_ptr<Tc> tc_fixed(uint16_t digits, int16_t scale);
std::unique_ptr<Tc> tc_interface(uint32_t kind, rust::Str id, rust::Str name);
std::unique_ptr<Tc> tc_struct(uint32_t kind, rust::Str id, rust::Str name,
                              const Members &members);
std::unique_ptr<Tc> tc_union(rust::Str id, rust::Str name, const Tc &disc,
                             const Members &members);
std::unique_ptr<Tc> tc_enum(rust::Str id, rust::Str name,
                            const Members &members);
std::unique_ptr<Tc> tc_sequence(uint32_t bound, const Tc &element);
std::unique_ptr<Tc> tc_array(uint32_t length, const Tc &element);
std::unique_ptr<Tc> tc_alias(rust::Str id, rust::Str name, const Tc &content);
std::unique_ptr<Tc> tc_value(uint32_t kind, rust::Str id, rust::Str name,
                             int16_t modifier, bool has_base, const Tc &base,
                             const Members &members);
std::unique_ptr<Tc> tc_value_box(rust::Str id, rust::Str name,
                                 const Tc &content);
std::unique_ptr<Tc> tc_recursive(rust::Str id);
// The TypeCode omniidl generated for a corpus repository id.
std::unique_ptr<Tc> tc_of_static(rust::Str type_id);

// ------------------------------------------------------------------ DynAny

// A cursor over a DynAny tree: a stack whose top is the DynAny the next
// insert_*/get_* call applies to. Used both to build a value (insert) and to
// walk a decoded one (get).
class Dyn {
 public:
  Dyn();
  ~Dyn();

  std::unique_ptr<Tc> top_type() const;
  // Pushes component i of the top (struct/except member, sequence or array
  // element).
  void enter(uint32_t i);
  // Pops the top.
  void leave();
  uint32_t seq_length() const;
  void set_seq_length(uint32_t n);

  // Unions: the discriminator as a 64-bit pattern (as member_label).
  void set_discriminator(int64_t value);
  int64_t discriminator() const;
  bool has_member() const;
  void enter_member();

  // any inside a value: begin pushes a new DynAny of `tc`; end converts it
  // to an any and inserts it into the (then) top.
  void begin_any(const Tc &tc);
  void end_any();
  // Reading: the TypeCode of the any held by the top, and pushing a DynAny
  // created from `tc` (equivalent, rebuilt with create_*_tc; see
  // Decoder::value_as) holding that any's value.
  std::unique_ptr<Tc> inner_any_type() const;
  void enter_any_as(const Tc &tc);
  void leave_any();

  void put_short(int16_t v);
  void put_long(int32_t v);
  void put_ushort(uint16_t v);
  void put_ulong(uint32_t v);
  void put_longlong(int64_t v);
  void put_ulonglong(uint64_t v);
  void put_float(float v);
  void put_double(double v);
  void put_bool(bool v);
  void put_char(uint8_t v);
  void put_wchar(uint32_t v);
  void put_octet(uint8_t v);
  void put_string(rust::Slice<const uint8_t> latin1);
  void put_wstring(rust::Slice<const uint32_t> units);
  void put_enum(uint32_t ordinal);
  void put_fixed(rust::Str text);
  void put_typecode(const Tc &tc);
  void put_nil_objref();
  // long double from a double (exact: every double is a long double).
  void put_longdouble_from_f64(double v);

  int16_t get_short() const;
  int32_t get_long() const;
  uint16_t get_ushort() const;
  uint32_t get_ulong() const;
  int64_t get_longlong() const;
  uint64_t get_ulonglong() const;
  float get_float() const;
  double get_double() const;
  bool get_bool() const;
  uint8_t get_char() const;
  uint32_t get_wchar() const;
  uint8_t get_octet() const;
  rust::Vec<uint8_t> get_string() const;
  rust::Vec<uint32_t> get_wstring() const;
  uint32_t get_enum() const;
  rust::String get_fixed() const;
  std::unique_ptr<Tc> get_typecode() const;
  bool get_objref_is_nil() const;

  struct Impl;
  std::unique_ptr<Impl> impl;
};

std::unique_ptr<Dyn> dyn_new(const Tc &tc);

// --------------------------------------------------------- encode / decode

// A prepared marshal: a native value and a reused memory stream.
class Encoder {
 public:
  virtual ~Encoder();
  void encode();
  rust::Slice<const uint8_t> bytes() const;

 protected:
  Encoder(bool little, uint8_t giop_minor);
  virtual void marshal(cdrStream &s) = 0;
  cdrMemoryStream out_;
};

// A prepared unmarshal into a native value.
class Decoder {
 public:
  virtual ~Decoder();
  void decode(rust::Slice<const uint8_t> bytes);

  // Results, by the decoder's shape (calling the wrong one throws).
  virtual rust::Vec<int32_t> longs() const;
  virtual rust::Vec<double> doubles() const;
  virtual rust::Vec<uint8_t> octets() const;
  // ISO-8859-1 octets of every string, each NUL-terminated.
  virtual rust::Vec<uint8_t> strings() const;
  // ISO-8859-1 octets of the string (omniORB's native char code set).
  virtual rust::Vec<uint8_t> string() const;
  virtual rust::Vec<uint32_t> wstring() const;
  virtual std::unique_ptr<Tc> typecode() const;
  // For any and static: a cursor over the decoded value.
  virtual std::unique_ptr<Dyn> value() const;
  // For any: the TypeCode the any holds.
  virtual std::unique_ptr<Tc> any_type() const;
  // For any: a cursor over the decoded value through a DynAny created from
  // `tc` (equivalent to any_type(), built with create_*_tc): omniORB's
  // DynAny over an unmarshalled TypeCode with a nested recursive member
  // reports tk_void members (corpus/known_divergences.md).
  virtual std::unique_ptr<Dyn> value_as(const Tc &tc) const;

 protected:
  Decoder(bool little, uint8_t giop_minor);
  virtual void unmarshal(cdrStream &s) = 0;
  bool little_;
  uint8_t giop_minor_;
};

std::unique_ptr<Encoder> enc_seq_long(rust::Slice<const int32_t> v, bool little);
std::unique_ptr<Encoder> enc_seq_double(rust::Slice<const double> v, bool little);
std::unique_ptr<Encoder> enc_seq_octet(rust::Slice<const uint8_t> v, bool little);
// `joined`: ISO-8859-1 octets of every string, each NUL-terminated.
std::unique_ptr<Encoder> enc_seq_string(rust::Slice<const uint8_t> joined,
                                        bool little, uint8_t giop_minor);
std::unique_ptr<Encoder> enc_string(rust::Slice<const uint8_t> latin1, bool little,
                                    uint8_t giop_minor);
std::unique_ptr<Encoder> enc_wstring(rust::Slice<const uint32_t> units,
                                     bool little, uint8_t giop_minor);
std::unique_ptr<Encoder> enc_typecode(const Tc &tc, bool little);
// Consumes the value built in `dyn` (to_any).
std::unique_ptr<Encoder> enc_any(const Dyn &dyn, bool little, uint8_t giop_minor);
std::unique_ptr<Encoder> enc_static(rust::Str type_id, const Dyn &dyn,
                                    bool little, uint8_t giop_minor);

std::unique_ptr<Decoder> dec_seq_long(bool little);
std::unique_ptr<Decoder> dec_seq_double(bool little);
std::unique_ptr<Decoder> dec_seq_octet(bool little);
std::unique_ptr<Decoder> dec_seq_string(bool little, uint8_t giop_minor);
std::unique_ptr<Decoder> dec_string(bool little, uint8_t giop_minor);
std::unique_ptr<Decoder> dec_wstring(bool little, uint8_t giop_minor);
std::unique_ptr<Decoder> dec_typecode(bool little);
std::unique_ptr<Decoder> dec_any(bool little, uint8_t giop_minor);
std::unique_ptr<Decoder> dec_static(rust::Str type_id, bool little,
                                    uint8_t giop_minor);

// GIOP interop: a DII call through omniORB's client side to the object at
// `reference` (IOR: or corbaloc:), with one `in` argument (the value built
// in `arg`) and a result of type `result_type`; returns a cursor over the
// result. omniORB picks the GIOP version from the reference
// (corbaloc:iiop:1.X@...).
std::unique_ptr<Dyn> dii_call(rust::Str reference, rust::Str operation, const Dyn &arg,
                              const Tc &result_type);

// GIOP interop, server side: an omniORB servant (DSI) activated in the
// RootPOA on a 127.0.0.1 endpoint. Operation "bump" takes one `in`
// argument of type `arg_type` (a struct whose member 0 is a long) and
// returns it with that member plus one. Deactivated on destruction.
class Server {
 public:
  ~Server();
  rust::String ior() const;
  uint32_t calls() const;

  struct Impl;
  std::unique_ptr<Impl> impl;
};
std::unique_ptr<Server> serve_bump(const Tc &arg_type);

// Size in bytes of CORBA::WChar on this platform (wchar_t).
uint32_t wchar_size();

}  // namespace giopbench
