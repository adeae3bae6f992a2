/*
 * glb.h — the giopbench legacy-backend C ABI ("glb").
 *
 * Any legacy marshalling library (this project's own Ada backend, a team's
 * PolyORB fork, ...) that implements these functions can be benchmarked and
 * checked for equivalence beside the Rust and omniORB backends through the
 * Rust crates `legacy-ada-sys` (raw bindings, generated from this header)
 * and `legacy-ada` (the safe wrapper implementing `bench_ops::Backend`).
 *
 * Conventions
 * -----------
 * - Every function returns a glb_status (or a handle, NULL on failure).
 *   No exception, longjmp or abort ever crosses this ABI: an implementation
 *   catches everything and returns GLB_INTERNAL.
 * - Initialisation: the library's elaboration routine `glbinit()` is called
 *   exactly once, before any other function (gprbuild generates it for a
 *   standalone library named "glb" with Library_Auto_Init = "false").
 *   `glbfinal()` may be called once at the end; the Rust wrapper never does.
 * - Handles (glb_tc, glb_value, glb_static) are owned by the caller, freed
 *   with their *_free function, and never shared between threads while in
 *   use. Functions on distinct handles may run concurrently: an
 *   implementation keeps no mutable global state.
 * - Byte strings exchanged are CDR streams (CORBA 3.x Part 2, §9.3) in the
 *   byte order `order` (0 = big-endian, 1 = little-endian, §9.3.3), aligned
 *   from position 0, with no leading byte-order octet. `giop_minor` is the
 *   GIOP 1.x minor version (0, 1 or 2); it decides wchar/wstring rules
 *   (§9.3.1.6, §9.3.2.7).
 * - Output buffers are caller-owned: `out` has room for `cap` bytes. On
 *   GLB_OK `*len` is the number of bytes written; on GLB_BUFFER_TOO_SMALL
 *   `*len` is the number of bytes needed (call again with that capacity).
 *   Padding octets are always written as zeros.
 * - Decoders never read outside [in, in + n). On failure `*offset` is the
 *   offset in the input where the problem was found; on success it is the
 *   number of bytes consumed. Every length read from the wire is checked
 *   against the bytes left before anything is allocated; nesting is limited
 *   by one depth budget (GLB_MAX_DEPTH) shared by TypeCodes and values.
 * - Strings (`char`, `string`) are octets in ISO-8859-1, the default
 *   transmission code set (§13.10.2.6). Wide strings are UTF-16 code units.
 * - Identifiers and names are (pointer, length) pairs, not NUL-terminated.
 *   Pointers returned by walkers point into the handle and stay valid until
 *   the handle is next modified or freed.
 */
#ifndef GLB_H
#define GLB_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ---------------------------------------------------------------- status */

typedef int32_t glb_status;

#define GLB_OK 0
/** The output buffer is too small; `*len` holds the size needed. */
#define GLB_BUFFER_TOO_SMALL 1
/** The input ends before the item being read. */
#define GLB_TRUNCATED 2
/** A count or length from the wire is larger than the bytes left. */
#define GLB_LENGTH_TOO_LARGE 3
/** An invalid TypeCode: unknown kind, bad indirection, bad parameters. */
#define GLB_BAD_TYPECODE 4
/** A value that does not conform to its TypeCode (bound exceeded, enum
 *  ordinal out of range, a union value with the wrong shape, ...). */
#define GLB_BAD_VALUE 5
/** A NULL handle, an unknown node, a builder call out of order. */
#define GLB_BAD_ARGUMENT 6
/** Not implemented by this backend (value types, wchar in GIOP 1.0, ...). */
#define GLB_UNSUPPORTED 7
/** Nesting deeper than GLB_MAX_DEPTH. */
#define GLB_DEPTH_EXCEEDED 8
/** Bytes left over after a complete item. */
#define GLB_TRAILING_BYTES 9
/** Malformed encoding: boolean not 0/1, string without its NUL or of length
 *  0, odd wstring octet count, bad byte-order octet, bad fixed nibble. */
#define GLB_BAD_ENCODING 10
/** A GIOP header with bad magic, version or message type. */
#define GLB_BAD_MESSAGE 11
/** An unexpected failure inside the implementation (caught, never raised
 *  across the ABI). */
#define GLB_INTERNAL 99

/** Depth budget shared by TypeCode, value and encapsulation nesting. */
#define GLB_MAX_DEPTH 64

/* ----------------------------------------------------------------- style */

/* Choices the spec leaves open. 0 is the implementation's own default
 * (for the Ada backend: PolyORB's choices, see ffi/ada/README.md). */

/** Nested TypeCode encapsulations in the stream's byte order instead of
 *  the host's (§9.3.3 allows either). */
#define GLB_STYLE_ENCAPS_STREAM_ORDER 0x1u
/** Indirections (§9.3.5.1) for repeated TypeCodes, not only recursive ones
 *  (omniORB's default). */
#define GLB_STYLE_INDIRECT_REPEATED 0x2u
/** GIOP 1.2 wstrings start with a BOM and carry their units in host order
 *  (omniORB 4.2). Without it: no BOM, big-endian units (§9.3.2.7). */
#define GLB_STYLE_WSTRING_BOM 0x4u
/** The label of a union's default member is a zero of the discriminator
 *  type (omniORB) instead of the zero octet of §9.3.5.1. Read the same way. */
#define GLB_STYLE_DEFAULT_LABEL_DISCRIMINATOR 0x8u
/** Exception values inside an any without their repository id (omniORB
 *  4.2). Without it: the id, then the members (§9.3.2). Read the same way. */
#define GLB_STYLE_EXCEPT_ID_OMITTED 0x10u

/* --------------------------------------------------------------- TCKinds */

/* TCKind values as on the wire (§9.3.5.1, Table 9-13). */
#define GLB_TK_NULL 0u
#define GLB_TK_VOID 1u
#define GLB_TK_SHORT 2u
#define GLB_TK_LONG 3u
#define GLB_TK_USHORT 4u
#define GLB_TK_ULONG 5u
#define GLB_TK_FLOAT 6u
#define GLB_TK_DOUBLE 7u
#define GLB_TK_BOOLEAN 8u
#define GLB_TK_CHAR 9u
#define GLB_TK_OCTET 10u
#define GLB_TK_ANY 11u
#define GLB_TK_TYPECODE 12u
#define GLB_TK_PRINCIPAL 13u
#define GLB_TK_OBJREF 14u
#define GLB_TK_STRUCT 15u
#define GLB_TK_UNION 16u
#define GLB_TK_ENUM 17u
#define GLB_TK_STRING 18u
#define GLB_TK_SEQUENCE 19u
#define GLB_TK_ARRAY 20u
#define GLB_TK_ALIAS 21u
#define GLB_TK_EXCEPT 22u
#define GLB_TK_LONGLONG 23u
#define GLB_TK_ULONGLONG 24u
#define GLB_TK_LONGDOUBLE 25u
#define GLB_TK_WCHAR 26u
#define GLB_TK_WSTRING 27u
#define GLB_TK_FIXED 28u
#define GLB_TK_VALUE 29u
#define GLB_TK_VALUE_BOX 30u
#define GLB_TK_NATIVE 31u
#define GLB_TK_ABSTRACT_INTERFACE 32u
#define GLB_TK_LOCAL_INTERFACE 33u
#define GLB_TK_COMPONENT 34u
#define GLB_TK_HOME 35u
#define GLB_TK_EVENT 36u
/** Builder-only placeholder: a reference to the enclosing struct or union
 *  with the given repository id (a recursive TypeCode). */
#define GLB_TK_RECURSIVE 0xFFFFFFFEu

/* ------------------------------------------------------------- elaboration */

/** Elaborates the library (runs its package initialisations). Once. */
void glbinit(void);
/** Finalises the library. Optional, at most once, after everything else. */
void glbfinal(void);

/** Version of this ABI the library implements (1). */
uint32_t glb_abi_version(void);

/* -------------------------------------------------------------- TypeCodes */

/* A glb_tc is a graph of TypeCode nodes, each named by a uint32_t index,
 * plus a root. Build it bottom-up (member types before their struct), then
 * call glb_tc_set_root, which resolves GLB_TK_RECURSIVE placeholders to
 * their enclosing node (after that a recursive TypeCode is a cycle in the
 * graph). Decoding replaces the graph; an indirection becomes a second
 * reference to the node it points at. */

typedef struct glb_tc glb_tc;

glb_tc *glb_tc_new(void);
void glb_tc_free(glb_tc *tc);

/** Kinds with an empty parameter list (null .. Principal, long long, ...). */
glb_status glb_tc_basic(glb_tc *tc, uint32_t kind, uint32_t *node);
/** GLB_TK_STRING or GLB_TK_WSTRING with a bound (0 = unbounded). */
glb_status glb_tc_string(glb_tc *tc, uint32_t kind, uint32_t bound, uint32_t *node);
glb_status glb_tc_fixed(glb_tc *tc, uint16_t digits, int16_t scale, uint32_t *node);
/** Named kinds: objref, abstract/local interface, native, component, home
 *  (id and name only); struct and except (add members); enum (add
 *  enumerators); alias and value_box (`content` is the aliased type, ignored
 *  for the others); GLB_TK_RECURSIVE (id only). */
glb_status glb_tc_named(glb_tc *tc, uint32_t kind, const char *id, size_t id_len,
                        const char *name, size_t name_len, uint32_t content, uint32_t *node);
/** A union; add members with their labels. `default_index` is -1 for none. */
glb_status glb_tc_union(glb_tc *tc, const char *id, size_t id_len, const char *name,
                        size_t name_len, uint32_t discriminator, int32_t default_index,
                        uint32_t *node);
/** Appends a member to a struct, except, union or enum node. `label` (unions
 *  only) is the label as a number of the discriminator type (boolean 0/1,
 *  char its code, enum its ordinal, unsigned long long as its bits);
 *  `type` is ignored for enums. */
glb_status glb_tc_add_member(glb_tc *tc, uint32_t parent, const char *name, size_t name_len,
                             uint32_t type, int64_t label);
/** GLB_TK_SEQUENCE (bound, 0 = unbounded) or GLB_TK_ARRAY (length). */
glb_status glb_tc_sequence(glb_tc *tc, uint32_t kind, uint32_t element, uint32_t bound,
                           uint32_t *node);
glb_status glb_tc_set_root(glb_tc *tc, uint32_t node);

/** What a node says. Unused fields are zero. */
typedef struct glb_tc_info {
    uint32_t kind;
    /** Members, enumerators. */
    uint32_t member_count;
    /** String/wstring/sequence bound or array length. */
    uint32_t bound;
    /** Element (sequence, array), content (alias, value_box) or
     *  discriminator (union) node. */
    uint32_t content;
    int32_t default_index;
    uint16_t digits;
    int16_t scale;
    const char *id;
    size_t id_len;
    const char *name;
    size_t name_len;
} glb_tc_info;

typedef struct glb_tc_member {
    const char *name;
    size_t name_len;
    uint32_t type;
    int64_t label;
} glb_tc_member;

glb_status glb_tc_root(const glb_tc *tc, uint32_t *node);
glb_status glb_tc_info_of(const glb_tc *tc, uint32_t node, glb_tc_info *info);
glb_status glb_tc_member_of(const glb_tc *tc, uint32_t node, uint32_t index, glb_tc_member *m);

/* ----------------------------------------------------------------- values */

/* A glb_value is a tree of value nodes built depth-first by push calls;
 * an aggregate is opened with glb_value_begin and closed with
 * glb_value_end. The first complete top-level node is the root. */

typedef struct glb_value glb_value;

/* Value node shapes. */
#define GLB_V_NOTHING 0u     /* tk_null, tk_void */
#define GLB_V_SCALAR 1u      /* kind + bits (see glb_value_scalar) */
#define GLB_V_LONG_DOUBLE 2u /* bits = high 64 bits, bits2 = low 64 bits */
#define GLB_V_STRING 3u      /* data = octets, len = octet count */
#define GLB_V_WSTRING 4u     /* data = UTF-16 units (host order), len = units */
#define GLB_V_FIXED 5u       /* data = ASCII digits, len = digits, bits = 1 if negative */
#define GLB_V_PRIMS 6u       /* kind = element kind, data = elements (host order), len = count */
#define GLB_V_STRUCT 7u      /* children = members */
#define GLB_V_SEQ 8u         /* children = elements (sequence or array) */
#define GLB_V_UNION 9u       /* children = discriminator [, member] */

glb_value *glb_value_new(void);
void glb_value_free(glb_value *v);
/** Empties the value (keeps its memory for reuse). */
glb_status glb_value_clear(glb_value *v);

glb_status glb_value_nothing(glb_value *v);
/** A primitive: `kind` is a TCKind among short, long, ushort, ulong, long
 *  long, unsigned long long, float (bits of the IEEE single in the low 32
 *  bits), double (IEEE double bits), boolean (0/1), char, wchar (a UTF-16
 *  unit), octet and enum (the ordinal). Integers are their two's complement
 *  bits. */
glb_status glb_value_scalar(glb_value *v, uint32_t kind, uint64_t bits);
glb_status glb_value_long_double(glb_value *v, uint64_t high, uint64_t low);
glb_status glb_value_string(glb_value *v, const uint8_t *octets, size_t n);
glb_status glb_value_wstring(glb_value *v, const uint16_t *units, size_t n);
/** `digit_chars` holds exactly `digits` ASCII digits, most significant first. */
glb_status glb_value_fixed(glb_value *v, uint16_t digits, int16_t scale, int32_t negative,
                           const uint8_t *digit_chars);
/** A compact run of `n` primitives of `kind` (short .. octet as in
 *  glb_value_scalar, booleans as one octet each), copied from `elems`. */
glb_status glb_value_prims(glb_value *v, uint32_t kind, const void *elems, size_t n);
/** Opens GLB_V_STRUCT, GLB_V_SEQ or GLB_V_UNION. */
glb_status glb_value_begin(glb_value *v, uint32_t shape);
glb_status glb_value_end(glb_value *v);

typedef struct glb_value_info {
    uint32_t shape;
    uint32_t kind;
    uint64_t bits;
    uint64_t bits2;
    const void *data;
    size_t len;
    /** Children of an aggregate. */
    uint32_t count;
    uint16_t digits;
    int16_t scale;
} glb_value_info;

glb_status glb_value_root(const glb_value *v, uint32_t *node);
glb_status glb_value_info_of(const glb_value *v, uint32_t node, glb_value_info *info);
glb_status glb_value_child(const glb_value *v, uint32_t node, uint32_t index, uint32_t *child);

/* ---------------------------------------------- plain CDR (no TypeCode) */

/* Subjects of glb_cdr_encode/glb_cdr_decode and the value shape they use. */
#define GLB_SUBJECT_SEQ_LONG 1u   /* GLB_V_PRIMS of long */
#define GLB_SUBJECT_SEQ_DOUBLE 2u /* GLB_V_PRIMS of double */
#define GLB_SUBJECT_SEQ_OCTET 3u  /* GLB_V_PRIMS of octet */
#define GLB_SUBJECT_SEQ_STRING 4u /* GLB_V_SEQ of GLB_V_STRING */
#define GLB_SUBJECT_STRING 5u     /* GLB_V_STRING */
#define GLB_SUBJECT_WSTRING 6u    /* GLB_V_WSTRING (GIOP 1.1 and 1.2 only) */

glb_status glb_cdr_encode(const glb_value *v, uint32_t subject, uint8_t order,
                          uint8_t giop_minor, uint32_t style, uint8_t *out, size_t cap,
                          size_t *len);
/** Replaces the contents of `v` with the decoded value. The whole input must
 *  be consumed (else GLB_TRAILING_BYTES). */
glb_status glb_cdr_decode(glb_value *v, uint32_t subject, const uint8_t *in, size_t n,
                          uint8_t order, uint8_t giop_minor, uint32_t style, size_t *offset);

/* -------------------------------------------- TypeCodes and Anys on the wire */

/** One TypeCode (§9.3.5.1). */
glb_status glb_typecode_encode(const glb_tc *tc, uint8_t order, uint8_t giop_minor,
                               uint32_t style, uint8_t *out, size_t cap, size_t *len);
glb_status glb_typecode_decode(glb_tc *tc, const uint8_t *in, size_t n, uint8_t order,
                               uint8_t giop_minor, uint32_t style, size_t *offset);
/** An `any`: the TypeCode, then the value driven by it (§9.3.5.2). */
glb_status glb_any_encode(const glb_tc *tc, const glb_value *v, uint8_t order,
                          uint8_t giop_minor, uint32_t style, uint8_t *out, size_t cap,
                          size_t *len);
glb_status glb_any_decode(glb_tc *tc, glb_value *v, const uint8_t *in, size_t n, uint8_t order,
                          uint8_t giop_minor, uint32_t style, size_t *offset);
/** A value alone, driven by a known TypeCode. */
glb_status glb_value_encode(const glb_tc *tc, const glb_value *v, uint8_t order,
                            uint8_t giop_minor, uint32_t style, uint8_t *out, size_t cap,
                            size_t *len);
glb_status glb_value_decode(const glb_tc *tc, glb_value *v, const uint8_t *in, size_t n,
                            uint8_t order, uint8_t giop_minor, uint32_t style, size_t *offset);

/* ------------------------------------------ compiled (static) marshalling */

/* The corpus IDL types (corpus/idl/bench.idl) as native records of the
 * implementation, marshalled by compiled code, not by a TypeCode. Type ids
 * are repository ids: "IDL:giopbench.org/Bench/Record:1.0", ... */

typedef struct glb_static glb_static;

glb_static *glb_static_new(void);
void glb_static_free(glb_static *s);
/** Builds the native record of type `type_id` from a value tree (not
 *  measured). GLB_UNSUPPORTED for a type id the library does not know. */
glb_status glb_static_load(glb_static *s, const char *type_id, size_t id_len,
                           const glb_value *v);
glb_status glb_static_encode(const glb_static *s, uint8_t order, uint8_t giop_minor,
                             uint32_t style, uint8_t *out, size_t cap, size_t *len);
glb_status glb_static_decode(glb_static *s, const char *type_id, size_t id_len,
                             const uint8_t *in, size_t n, uint8_t order, uint8_t giop_minor,
                             uint32_t style, size_t *offset);
/** Walks the native record back into a value tree (replacing `v`). */
glb_status glb_static_store(const glb_static *s, glb_value *v);

/* ------------------------------------------------------------------ GIOP */

/* Request and Reply messages (§9.4): the 12-byte GIOP header, the
 * version's Request/Reply header with its service context list (and an
 * empty requesting_principal in 1.0/1.1; a KeyAddr target in 1.2), then
 * the body. In 1.2 a non-empty body is aligned on 8 (§9.4.2.1, §9.4.3.1). */

/** One service context (§7.7.1 IOP::ServiceContext): its id and its
 *  context_data octets, written as they are. */
typedef struct glb_service_context {
    uint32_t context_id;
    const uint8_t *data;
    size_t data_len;
} glb_service_context;

typedef struct glb_request {
    uint32_t request_id;
    /** 1.0/1.1: response_expected is (response_flags != 0); 1.2: the flags. */
    uint8_t response_flags;
    const uint8_t *object_key;
    size_t object_key_len;
    const char *operation;
    size_t operation_len;
    /** Encoding: `service_context_count` contexts to write (NULL when the
     *  count is 0). Decoding: left unchanged. */
    const glb_service_context *service_contexts;
    /** Encoding: entries of `service_contexts`. Decoding: the number of
     *  contexts found (their octets are skipped). */
    uint32_t service_context_count;
    /** Body: where it starts in the decoded input, and its length. */
    size_t body_offset;
    size_t body_len;
} glb_request;

typedef struct glb_reply {
    uint32_t request_id;
    uint32_t reply_status;
    /** As in glb_request. */
    const glb_service_context *service_contexts;
    uint32_t service_context_count;
    size_t body_offset;
    size_t body_len;
} glb_reply;

/** A whole Request message carrying `body` (body bytes are copied as they
 *  are: they must already be CDR aligned from the body's start, which 1.2
 *  guarantees and 1.0/1.1 leave to the caller). */
glb_status glb_giop_request_encode(const glb_request *req, const uint8_t *body, size_t body_len,
                                   uint8_t order, uint8_t giop_minor, uint8_t *out, size_t cap,
                                   size_t *len);
/** Parses a whole Request message; the byte order and version come from its
 *  header. `req`'s pointers point into `in`. */
glb_status glb_giop_request_decode(glb_request *req, const uint8_t *in, size_t n,
                                   uint8_t *order, uint8_t *giop_minor, size_t *offset);
glb_status glb_giop_reply_encode(const glb_reply *rep, const uint8_t *body, size_t body_len,
                                 uint8_t order, uint8_t giop_minor, uint8_t *out, size_t cap,
                                 size_t *len);
glb_status glb_giop_reply_decode(glb_reply *rep, const uint8_t *in, size_t n, uint8_t *order,
                                 uint8_t *giop_minor, size_t *offset);

#ifdef __cplusplus
}
#endif

#endif /* GLB_H */
