//! Raw layer: the cxx bridge to the C++ shim (`cxx/shim.h`). Every C++
//! exception (CORBA system and user exceptions included) comes back as a
//! `cxx::Exception` whose message names the exception and its minor code.
//!
//! The only `unsafe` of the crate is the `unsafe extern "C++"` block below,
//! which cxx requires to declare foreign functions.
#![allow(unsafe_code)]

// SAFETY: every declaration below matches cxx/shim.h exactly (cxx checks the
// signatures at C++ compile time). Handles are owned through `UniquePtr`
// (deleted by C++), borrowed slices and strings are only read during the
// call (the encoder copies what it keeps), and the one slice returned,
// `Encoder::bytes`, borrows the encoder's buffer for the lifetime of `&self`.
#[cxx::bridge(namespace = "giopbench")]
pub(crate) mod bridge {
    unsafe extern "C++" {
        include!("legacy-omniorb/cxx/shim.h");

        type Tc;
        type Members;
        type Dyn;
        type Encoder;
        type Decoder;
        type Server;

        fn kind(self: &Tc) -> u32;
        fn id(self: &Tc) -> Result<String>;
        fn name(self: &Tc) -> Result<String>;
        fn member_count(self: &Tc) -> Result<u32>;
        fn member_name(self: &Tc, i: u32) -> Result<String>;
        fn member_type(self: &Tc, i: u32) -> Result<UniquePtr<Tc>>;
        fn member_label(self: &Tc, i: u32) -> Result<i64>;
        fn discriminator_type(self: &Tc) -> Result<UniquePtr<Tc>>;
        fn default_index(self: &Tc) -> Result<i32>;
        fn length(self: &Tc) -> Result<u32>;
        fn content_type(self: &Tc) -> Result<UniquePtr<Tc>>;
        fn fixed_digits(self: &Tc) -> Result<u16>;
        fn fixed_scale(self: &Tc) -> Result<i16>;
        fn member_visibility(self: &Tc, i: u32) -> Result<i16>;
        fn type_modifier(self: &Tc) -> Result<i16>;
        fn concrete_base_type(self: &Tc) -> Result<UniquePtr<Tc>>;
        fn equal(self: &Tc, other: &Tc) -> Result<bool>;
        fn equivalent(self: &Tc, other: &Tc) -> Result<bool>;

        fn new_members() -> UniquePtr<Members>;
        fn add(self: Pin<&mut Members>, name: &str, tc: &Tc) -> Result<()>;
        fn add_label(
            self: Pin<&mut Members>,
            label: i64,
            is_default: bool,
            name: &str,
            tc: &Tc,
        ) -> Result<()>;
        fn add_value(self: Pin<&mut Members>, name: &str, tc: &Tc, visibility: i16) -> Result<()>;
        fn add_enumerator(self: Pin<&mut Members>, name: &str) -> Result<()>;

        fn tc_basic(kind: u32) -> Result<UniquePtr<Tc>>;
        fn tc_string(bound: u32) -> Result<UniquePtr<Tc>>;
        fn tc_wstring(bound: u32) -> Result<UniquePtr<Tc>>;
        fn tc_fixed(digits: u16, scale: i16) -> Result<UniquePtr<Tc>>;
        fn tc_interface(kind: u32, id: &str, name: &str) -> Result<UniquePtr<Tc>>;
        fn tc_struct(kind: u32, id: &str, name: &str, members: &Members) -> Result<UniquePtr<Tc>>;
        fn tc_union(id: &str, name: &str, disc: &Tc, members: &Members) -> Result<UniquePtr<Tc>>;
        fn tc_enum(id: &str, name: &str, members: &Members) -> Result<UniquePtr<Tc>>;
        fn tc_sequence(bound: u32, element: &Tc) -> Result<UniquePtr<Tc>>;
        fn tc_array(length: u32, element: &Tc) -> Result<UniquePtr<Tc>>;
        fn tc_alias(id: &str, name: &str, content: &Tc) -> Result<UniquePtr<Tc>>;
        #[allow(clippy::too_many_arguments)]
        fn tc_value(
            kind: u32,
            id: &str,
            name: &str,
            modifier: i16,
            has_base: bool,
            base: &Tc,
            members: &Members,
        ) -> Result<UniquePtr<Tc>>;
        fn tc_value_box(id: &str, name: &str, content: &Tc) -> Result<UniquePtr<Tc>>;
        fn tc_recursive(id: &str) -> Result<UniquePtr<Tc>>;
        fn tc_of_static(type_id: &str) -> Result<UniquePtr<Tc>>;

        fn dyn_new(tc: &Tc) -> Result<UniquePtr<Dyn>>;
        fn enter(self: Pin<&mut Dyn>, i: u32) -> Result<()>;
        fn leave(self: Pin<&mut Dyn>) -> Result<()>;
        fn seq_length(self: &Dyn) -> Result<u32>;
        fn set_seq_length(self: Pin<&mut Dyn>, n: u32) -> Result<()>;
        fn set_discriminator(self: Pin<&mut Dyn>, value: i64) -> Result<()>;
        fn discriminator(self: &Dyn) -> Result<i64>;
        fn has_member(self: &Dyn) -> Result<bool>;
        fn enter_member(self: Pin<&mut Dyn>) -> Result<()>;
        fn begin_any(self: Pin<&mut Dyn>, tc: &Tc) -> Result<()>;
        fn end_any(self: Pin<&mut Dyn>) -> Result<()>;
        fn inner_any_type(self: &Dyn) -> Result<UniquePtr<Tc>>;
        fn enter_any_as(self: Pin<&mut Dyn>, tc: &Tc) -> Result<()>;
        fn leave_any(self: Pin<&mut Dyn>) -> Result<()>;

        fn put_short(self: Pin<&mut Dyn>, v: i16) -> Result<()>;
        fn put_long(self: Pin<&mut Dyn>, v: i32) -> Result<()>;
        fn put_ushort(self: Pin<&mut Dyn>, v: u16) -> Result<()>;
        fn put_ulong(self: Pin<&mut Dyn>, v: u32) -> Result<()>;
        fn put_longlong(self: Pin<&mut Dyn>, v: i64) -> Result<()>;
        fn put_ulonglong(self: Pin<&mut Dyn>, v: u64) -> Result<()>;
        fn put_float(self: Pin<&mut Dyn>, v: f32) -> Result<()>;
        fn put_double(self: Pin<&mut Dyn>, v: f64) -> Result<()>;
        fn put_bool(self: Pin<&mut Dyn>, v: bool) -> Result<()>;
        fn put_char(self: Pin<&mut Dyn>, v: u8) -> Result<()>;
        fn put_wchar(self: Pin<&mut Dyn>, v: u32) -> Result<()>;
        fn put_octet(self: Pin<&mut Dyn>, v: u8) -> Result<()>;
        fn put_string(self: Pin<&mut Dyn>, latin1: &[u8]) -> Result<()>;
        fn put_wstring(self: Pin<&mut Dyn>, units: &[u32]) -> Result<()>;
        fn put_enum(self: Pin<&mut Dyn>, ordinal: u32) -> Result<()>;
        fn put_fixed(self: Pin<&mut Dyn>, text: &str) -> Result<()>;
        fn put_typecode(self: Pin<&mut Dyn>, tc: &Tc) -> Result<()>;
        fn put_nil_objref(self: Pin<&mut Dyn>) -> Result<()>;
        fn put_longdouble_from_f64(self: Pin<&mut Dyn>, v: f64) -> Result<()>;

        fn get_short(self: &Dyn) -> Result<i16>;
        fn get_long(self: &Dyn) -> Result<i32>;
        fn get_ushort(self: &Dyn) -> Result<u16>;
        fn get_ulong(self: &Dyn) -> Result<u32>;
        fn get_longlong(self: &Dyn) -> Result<i64>;
        fn get_ulonglong(self: &Dyn) -> Result<u64>;
        fn get_float(self: &Dyn) -> Result<f32>;
        fn get_double(self: &Dyn) -> Result<f64>;
        fn get_bool(self: &Dyn) -> Result<bool>;
        fn get_char(self: &Dyn) -> Result<u8>;
        fn get_wchar(self: &Dyn) -> Result<u32>;
        fn get_octet(self: &Dyn) -> Result<u8>;
        fn get_string(self: &Dyn) -> Result<Vec<u8>>;
        fn get_wstring(self: &Dyn) -> Result<Vec<u32>>;
        fn get_enum(self: &Dyn) -> Result<u32>;
        fn get_fixed(self: &Dyn) -> Result<String>;
        fn get_typecode(self: &Dyn) -> Result<UniquePtr<Tc>>;
        fn get_objref_is_nil(self: &Dyn) -> Result<bool>;

        fn encode(self: Pin<&mut Encoder>) -> Result<()>;
        fn bytes(self: &Encoder) -> &[u8];
        fn decode(self: Pin<&mut Decoder>, bytes: &[u8]) -> Result<()>;
        fn longs(self: &Decoder) -> Result<Vec<i32>>;
        fn doubles(self: &Decoder) -> Result<Vec<f64>>;
        fn octets(self: &Decoder) -> Result<Vec<u8>>;
        fn strings(self: &Decoder) -> Result<Vec<u8>>;
        fn string(self: &Decoder) -> Result<Vec<u8>>;
        fn wstring(self: &Decoder) -> Result<Vec<u32>>;
        fn typecode(self: &Decoder) -> Result<UniquePtr<Tc>>;
        fn value(self: &Decoder) -> Result<UniquePtr<Dyn>>;
        fn any_type(self: &Decoder) -> Result<UniquePtr<Tc>>;
        fn value_as(self: &Decoder, tc: &Tc) -> Result<UniquePtr<Dyn>>;

        fn enc_seq_long(v: &[i32], little: bool) -> Result<UniquePtr<Encoder>>;
        fn enc_seq_double(v: &[f64], little: bool) -> Result<UniquePtr<Encoder>>;
        fn enc_seq_octet(v: &[u8], little: bool) -> Result<UniquePtr<Encoder>>;
        fn enc_seq_string(
            joined: &[u8],
            little: bool,
            giop_minor: u8,
        ) -> Result<UniquePtr<Encoder>>;
        fn enc_string(latin1: &[u8], little: bool, giop_minor: u8) -> Result<UniquePtr<Encoder>>;
        fn enc_wstring(units: &[u32], little: bool, giop_minor: u8) -> Result<UniquePtr<Encoder>>;
        fn enc_typecode(tc: &Tc, little: bool) -> Result<UniquePtr<Encoder>>;
        fn enc_any(value: &Dyn, little: bool, giop_minor: u8) -> Result<UniquePtr<Encoder>>;
        fn enc_static(
            type_id: &str,
            value: &Dyn,
            little: bool,
            giop_minor: u8,
        ) -> Result<UniquePtr<Encoder>>;

        fn dec_seq_long(little: bool) -> Result<UniquePtr<Decoder>>;
        fn dec_seq_double(little: bool) -> Result<UniquePtr<Decoder>>;
        fn dec_seq_octet(little: bool) -> Result<UniquePtr<Decoder>>;
        fn dec_seq_string(little: bool, giop_minor: u8) -> Result<UniquePtr<Decoder>>;
        fn dec_string(little: bool, giop_minor: u8) -> Result<UniquePtr<Decoder>>;
        fn dec_wstring(little: bool, giop_minor: u8) -> Result<UniquePtr<Decoder>>;
        fn dec_typecode(little: bool) -> Result<UniquePtr<Decoder>>;
        fn dec_any(little: bool, giop_minor: u8) -> Result<UniquePtr<Decoder>>;
        fn dec_static(type_id: &str, little: bool, giop_minor: u8) -> Result<UniquePtr<Decoder>>;

        fn wchar_size() -> u32;
        fn serve_bump(arg_type: &Tc) -> Result<UniquePtr<Server>>;
        fn ior(self: &Server) -> String;
        fn calls(self: &Server) -> u32;
        fn dii_call(
            reference: &str,
            operation: &str,
            arg: &Dyn,
            result_type: &Tc,
        ) -> Result<UniquePtr<Dyn>>;
    }
}
