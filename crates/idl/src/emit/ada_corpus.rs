//! Emits the Ada backend's compiled marshalling of the corpus types,
//! `ffi/ada/src/glb-corpus.ads` and `glb-corpus.adb`, from an IDL file: a
//! native Ada type per IDL type, stub-style CDR marshalling that does not
//! consult a TypeCode (`Put`/`Get`, the Ada counterpart of omniidl's C++
//! stubs), `Free`, conversion from and to the generic value trees of
//! `Glb.Values` (`Load`/`Store`) and the `Kind_Of` dispatch on repository
//! ids. The output is checked in (legacy-ada does not build-depend on the
//! IDL compiler); the freshness test below fails when it is stale.
//!
//! What the emitter handles is what the corpus uses: structs (recursive
//! ones through a sequence typedef, kept behind an access type), unions
//! with an integer or enum discriminator and a default member, enums,
//! typedefs (sequence typedefs become an array type and an access to it),
//! unbounded strings and unbounded sequences, and the primitive types but
//! long double and wchar. Anything else is refused with an error naming the
//! type: bounded strings and sequences, arrays, anonymous sequences (give
//! them a typedef), unions without a default, wstring, fixed, any, objects
//! and value types.
//!
//! The public spec is the one `Glb.Exports` relies on: `Type_Kind` (with
//! `None`), `Static_Value`, `Static_Access`, `Kind_Of`, `Free_Contents`,
//! `Load`, `Store`, `Encode` and `Decode`. The names of the per-type Ada
//! types are the IDL names in Ada case (`LineItem` -> `Line_Item`), with
//! the module's name in front when that would be a reserved word or a name
//! the package already sees (`Record` -> `Bench_Record`, `Node` ->
//! `Bench_Node`).

mod body;
mod spec;
mod values;

use crate::{Error, Repository, Result};
use corba_typecode::{TypeCode, TypeDesc};
use std::collections::HashMap;

/// The command that regenerates the checked-in Ada files (the same as the
/// other emitters': every freshness test rewrites its file).
pub use super::typecode_rs::REGENERATE;

/// A primitive IDL type and its Ada representation. Doubles and floats are
/// kept as their IEEE 754 bits so that every value, NaN payloads included,
/// round-trips exactly.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Prim {
    Short,
    UShort,
    Long,
    ULong,
    LongLong,
    ULongLong,
    Float,
    Double,
    Octet,
    Boolean,
    Char,
}

impl Prim {
    fn of(tc: &TypeCode) -> Option<Prim> {
        let TypeDesc::Basic(k) = tc.desc() else {
            return None;
        };
        Some(match k.name()? {
            "tk_short" => Prim::Short,
            "tk_ushort" => Prim::UShort,
            "tk_long" => Prim::Long,
            "tk_ulong" => Prim::ULong,
            "tk_longlong" => Prim::LongLong,
            "tk_ulonglong" => Prim::ULongLong,
            "tk_float" => Prim::Float,
            "tk_double" => Prim::Double,
            "tk_octet" => Prim::Octet,
            "tk_boolean" => Prim::Boolean,
            "tk_char" => Prim::Char,
            _ => return None,
        })
    }

    fn ada(self) -> &'static str {
        match self {
            Prim::Short => "Integer_16",
            Prim::UShort => "Unsigned_16",
            Prim::Long => "Integer_32",
            Prim::ULong => "Unsigned_32",
            Prim::LongLong => "Integer_64",
            Prim::ULongLong => "Unsigned_64",
            Prim::Float => "IDL_Float",
            Prim::Double => "IDL_Double",
            Prim::Octet | Prim::Char => "Octet",
            Prim::Boolean => "Boolean",
        }
    }

    /// The `Glb.TCKind` constant of the kind.
    fn tk(self) -> &'static str {
        match self {
            Prim::Short => "TK_Short",
            Prim::UShort => "TK_UShort",
            Prim::Long => "TK_Long",
            Prim::ULong => "TK_ULong",
            Prim::LongLong => "TK_LongLong",
            Prim::ULongLong => "TK_ULongLong",
            Prim::Float => "TK_Float",
            Prim::Double => "TK_Double",
            Prim::Octet => "TK_Octet",
            Prim::Boolean => "TK_Boolean",
            Prim::Char => "TK_Char",
        }
    }

    /// Octets on the wire (CORBA 3.x Part 2 §9.3.1).
    fn size(self) -> usize {
        match self {
            Prim::Octet | Prim::Boolean | Prim::Char => 1,
            Prim::Short | Prim::UShort => 2,
            Prim::Long | Prim::ULong | Prim::Float => 4,
            Prim::LongLong | Prim::ULongLong | Prim::Double => 8,
        }
    }

    /// Whether a sequence of it is copied as a block (Put_Elements,
    /// Get_Elements, a V_Prims payload). Booleans and chars go one by one:
    /// a boolean octet other than 0 or 1 is an error (§9.3.1.5).
    fn bulk(self) -> bool {
        !matches!(self, Prim::Boolean | Prim::Char)
    }

    fn default(self) -> &'static str {
        if self == Prim::Boolean {
            "False"
        } else {
            "0"
        }
    }

    /// The statement writing `e` (§9.3.1: aligned on its size).
    fn put(self, e: &str) -> String {
        match self {
            Prim::Short => format!("Put_U16 (W, To_U16 ({e}));"),
            Prim::UShort => format!("Put_U16 (W, {e});"),
            Prim::Long => format!("Put_U32 (W, To_U32 ({e}));"),
            Prim::ULong | Prim::Float => format!("Put_U32 (W, {e});"),
            Prim::LongLong => format!("Put_U64 (W, To_U64 ({e}));"),
            Prim::ULongLong | Prim::Double => format!("Put_U64 (W, {e});"),
            Prim::Octet | Prim::Char => format!("Put_Octet (W, {e});"),
            Prim::Boolean => format!("Put_Octet (W, Boolean'Pos ({e}));"),
        }
    }

    /// The expression reading one.
    fn get(self) -> &'static str {
        match self {
            Prim::Short => "To_I16 (Get_U16 (R))",
            Prim::UShort => "Get_U16 (R)",
            Prim::Long => "To_I32 (Get_U32 (R))",
            Prim::ULong | Prim::Float => "Get_U32 (R)",
            Prim::LongLong => "To_I64 (Get_U64 (R))",
            Prim::ULongLong | Prim::Double => "Get_U64 (R)",
            Prim::Octet | Prim::Char => "Get_Octet (R)",
            Prim::Boolean => "Get_Boolean (R) = 1",
        }
    }

    /// The value of the scalar bits `b` (an Unsigned_64 of a value tree).
    fn of_bits(self, b: &str) -> String {
        match self {
            Prim::Short => format!("To_I16 (Unsigned_16 ({b} and 16#FFFF#))"),
            Prim::UShort => format!("Unsigned_16 ({b} and 16#FFFF#)"),
            Prim::Long => format!("To_I32 (Unsigned_32 ({b} and 16#FFFF_FFFF#))"),
            Prim::ULong | Prim::Float => format!("Unsigned_32 ({b} and 16#FFFF_FFFF#)"),
            Prim::LongLong => format!("To_I64 ({b})"),
            Prim::ULongLong | Prim::Double => b.to_string(),
            Prim::Octet | Prim::Char => format!("Octet ({b} and 16#FF#)"),
            Prim::Boolean => format!("{b} /= 0"),
        }
    }

    /// The scalar bits of `e` (zero-extended).
    fn to_bits(self, e: &str) -> String {
        match self {
            Prim::Short => format!("Unsigned_64 (To_U16 ({e}))"),
            Prim::Long => format!("Unsigned_64 (To_U32 ({e}))"),
            Prim::LongLong => format!("To_U64 ({e})"),
            Prim::ULongLong | Prim::Double => e.to_string(),
            Prim::UShort | Prim::ULong | Prim::Float | Prim::Octet | Prim::Char => {
                format!("Unsigned_64 ({e})")
            }
            Prim::Boolean => format!("Boolean'Pos ({e})"),
        }
    }
}

/// What a member, element or discriminator is.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Shape {
    Prim(Prim),
    /// An unbounded string: `String_Access`.
    Str,
    /// One of the file's named types (an index into `Model::types`).
    Named(usize),
}

/// One arm of a union.
#[derive(Debug)]
struct Case {
    /// The Ada choices (`1 | 2`, `Red`), or `None` for the default.
    choices: Option<Vec<String>>,
    member: String,
    shape: Shape,
}

#[derive(Debug)]
enum Def {
    Enum {
        literals: Vec<String>,
    },
    Struct {
        members: Vec<(String, Shape)>,
        /// Refers to itself (through a sequence): kept behind an access.
        recursive: bool,
    },
    Union {
        disc: Shape,
        /// A discriminator value that selects the default member.
        disc_default: String,
        cases: Vec<Case>,
    },
    /// A sequence typedef: `<ada>_Array` and an access to it.
    Seq {
        elem: Shape,
    },
    /// Any other typedef: an Ada subtype.
    Alias(Shape),
}

#[derive(Debug)]
struct Ty {
    /// The IDL name and repository id.
    idl: String,
    id: String,
    /// The Ada type name.
    ada: String,
    def: Def,
}

impl Ty {
    /// The Ada type of its values (an access for recursive structs).
    fn value(&self) -> String {
        match self.def {
            Def::Struct {
                recursive: true, ..
            } => format!("{}_Access", self.ada),
            _ => self.ada.clone(),
        }
    }
    fn array(&self) -> String {
        format!("{}_Array", self.ada)
    }
    fn kind_literal(&self) -> String {
        format!("K_{}", self.ada)
    }
    fn field(&self) -> String {
        format!("{}_Value", self.ada)
    }
}

const ADA_RESERVED: &str =
    "abort abs abstract accept access aliased all and array at begin body case constant \
     declare delay delta digits do else elsif end entry exception exit for function generic \
     goto if in interface is limited loop mod new not null of or others out overriding \
     package pragma private procedure protected raise range record rem renames requeue return \
     reverse select separate some subtype synchronized tagged task terminate then type until \
     use when while with xor";

/// Names the generated package sees or declares besides the corpus types
/// (Standard, Interfaces, Glb, Glb.Buffers, Glb.Values, its own helpers and
/// locals): a corpus type or member must not be one of them.
const TAKEN: &str =
    "ada system interfaces glb corpus buffers values standard integer natural positive \
     boolean character string float duration wide_character wide_string long_float \
     long_integer short_integer integer_8 integer_16 integer_32 integer_64 unsigned_8 \
     unsigned_16 unsigned_32 unsigned_64 octet octet_array big_octets big_access status \
     tckind byte_order writer reader encaps_mark encaps_save node value value_access \
     shape_kind node_vectors index_vectors octet_vectors idl_double idl_float string_access \
     type_kind static_value static_access none kind_of free free_str free_contents load store \
     encode decode put get dispose scalar is_agg sc open close prims pool_bits matches \
     put_str get_str load_str store_str max_depth native_order child valid clear disc depth \
     here e n x w r v s t d m i k b id kind ok buffer_too_small truncated length_too_large \
     bad_typecode bad_value bad_argument unsupported depth_exceeded trailing_bytes \
     bad_encoding bad_message internal_error big_endian little_endian to_u16 to_i16 to_u32 \
     to_i32 to_u64 to_i64 shift_left align put_octet put_u16 put_u32 put_u64 put_unit \
     put_octets put_elements put_raw put_string patch_u32 begin_encaps end_encaps fail left \
     need get_octet get_u16 get_u32 get_u64 get_unit get_boolean get_count get_string \
     get_elements enter_encaps leave_encaps to_big pool_address pool_reserve add push_scalar \
     push_nothing push_long_double push_payload push_reserved push_fixed begin_aggregate \
     end_aggregate";

/// Names in `TAKEN` only as locals or parameters of the generated
/// subprograms: a record component may have them (it is always selected
/// with a prefix).
const LOCALS: &str = "depth here e n x w r v s t d m i k b id kind";

/// `LineItemSeq` -> `Line_Item_Seq`, `m00` -> `M00`, `RED` -> `Red`.
fn ada_case(name: &str) -> String {
    super::typecode_rs::snake_case(name)
        .split('_')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let mut c = p.chars();
            match c.next() {
                Some(f) => f.to_ascii_uppercase().to_string() + c.as_str(),
                None => String::new(),
            }
        })
        .collect::<Vec<_>>()
        .join("_")
}

fn is_taken(name: &str) -> bool {
    let l = name.to_ascii_lowercase();
    // TCKind constants and value shapes (TK_Long, V_Seq) are taken too.
    ADA_RESERVED.split_whitespace().any(|w| w == l)
        || TAKEN.split_whitespace().any(|w| w == l)
        || l.starts_with("tk_")
        || l.starts_with("v_")
}

/// The corpus types of a file, resolved to Ada.
struct Model {
    types: Vec<Ty>,
    source: String,
}

impl Model {
    fn build(repo: &Repository, source: &str) -> Result<Model> {
        let mut named = Vec::new();
        for (i, d) in repo.decls().iter().enumerate() {
            if !repo.in_main_file(i) {
                continue;
            }
            if let Some(tc) = repo.decl_type_code(i) {
                let module = d.path.len().checked_sub(2).map(|m| d.path[m].as_str());
                named.push((
                    d.name().to_string(),
                    module.unwrap_or("IDL").to_string(),
                    tc,
                ));
            }
        }
        let by_id: HashMap<String, usize> = named
            .iter()
            .enumerate()
            .filter_map(|(i, (_, _, tc))| tc.id().map(|id| (id.to_string(), i)))
            .collect();
        let err = |what: &str, name: &str| Error::new(format!("{source}: {name}: {what}"));
        let mut types = Vec::new();
        for (name, module, tc) in &named {
            let mut ada = ada_case(name);
            if is_taken(&ada) {
                ada = format!("{}_{ada}", ada_case(module));
            }
            let shape = |t: &TypeCode| -> Result<Shape> { shape_of(t, &by_id, name, source) };
            let def = match tc.desc() {
                TypeDesc::Enum { members, .. } => Def::Enum {
                    literals: members.iter().map(|m| ada_case(m)).collect(),
                },
                TypeDesc::Struct {
                    kind, members, id, ..
                } if kind.name() == Some("tk_struct") => {
                    let mut ms = Vec::new();
                    for m in members {
                        ms.push((ada_case(&m.name), shape(&m.tc)?));
                    }
                    Def::Struct {
                        members: ms,
                        recursive: refers_to(tc, id, 0),
                    }
                }
                TypeDesc::Union {
                    discriminator,
                    default_index,
                    members,
                    ..
                } => union_def(
                    discriminator,
                    *default_index,
                    members,
                    &named,
                    &by_id,
                    name,
                    source,
                )?,
                TypeDesc::Alias { content, .. } => match content.desc() {
                    TypeDesc::Sequence { element, bound } if content.id().is_none() => {
                        if *bound != 0 {
                            return Err(err("bounded sequences are not handled", name));
                        }
                        Def::Seq {
                            elem: shape(element)?,
                        }
                    }
                    _ => Def::Alias(shape(content)?),
                },
                _ => {
                    return Err(err(
                        "only structs, unions, enums and typedefs are handled",
                        name,
                    ))
                }
            };
            types.push(Ty {
                idl: name.clone(),
                id: tc.id().unwrap_or_default().to_string(),
                ada,
                def,
            });
        }
        let mut m = Model {
            types,
            source: source.to_string(),
        };
        m.rename_members();
        m.check_names()?;
        Ok(m)
    }

    /// Members named like a type, a reserved word or a name the package
    /// sees get `_Member` appended.
    fn rename_members(&mut self) {
        let type_names: Vec<String> = self
            .types
            .iter()
            .flat_map(|t| [t.ada.clone(), t.value(), t.array()])
            .map(|n| n.to_ascii_lowercase())
            .collect();
        let fix = |n: &mut String| {
            let l = n.to_ascii_lowercase();
            let local = LOCALS.split_whitespace().any(|w| w == l);
            if (is_taken(n) && !local) || type_names.contains(&l) {
                n.push_str("_Member");
            }
        };
        for t in &mut self.types {
            match &mut t.def {
                Def::Struct { members, .. } => members.iter_mut().for_each(|(n, _)| fix(n)),
                Def::Union { cases, .. } => cases.iter_mut().for_each(|c| fix(&mut c.member)),
                _ => {}
            }
        }
    }

    /// Every name declared at package level is new and unique (Ada names
    /// are case-insensitive).
    fn check_names(&self) -> Result<()> {
        let mut seen: HashMap<String, String> = HashMap::new();
        let mut add = |n: String, what: &Ty| -> Result<()> {
            let l = n.to_ascii_lowercase();
            if is_taken(&n) || seen.contains_key(&l) {
                return Err(Error::new(format!(
                    "{}: {}: the Ada name {n} is taken; rename the type",
                    self.source, what.idl
                )));
            }
            seen.insert(l, what.idl.clone());
            Ok(())
        };
        for t in &self.types {
            add(t.ada.clone(), t)?;
            add(t.kind_literal(), t)?;
            match &t.def {
                Def::Struct {
                    recursive: true, ..
                } => add(t.value(), t)?,
                Def::Seq { .. } => add(t.array(), t)?,
                _ => {}
            }
        }
        for t in &self.types {
            if let Def::Enum { literals } = &t.def {
                for l in literals {
                    if is_taken(l) || seen.contains_key(&l.to_ascii_lowercase()) {
                        return Err(Error::new(format!(
                            "{}: {}: the enumerator {l} clashes with an Ada name",
                            self.source, t.idl
                        )));
                    }
                }
            }
        }
        Ok(())
    }

    /// Follows non-sequence typedefs.
    fn resolve(&self, s: Shape) -> Shape {
        let mut s = s;
        for _ in 0..=self.types.len() {
            match s {
                Shape::Named(i) => match self.types[i].def {
                    Def::Alias(inner) => s = inner,
                    _ => return s,
                },
                _ => return s,
            }
        }
        s
    }

    fn ada_type(&self, s: Shape) -> String {
        match s {
            Shape::Prim(p) => p.ada().to_string(),
            Shape::Str => "String_Access".to_string(),
            Shape::Named(i) => self.types[i].value(),
        }
    }

    /// The default expression of a record component of shape `s`, if any.
    fn default(&self, s: Shape) -> Option<String> {
        match self.resolve(s) {
            Shape::Prim(p) => Some(p.default().to_string()),
            Shape::Str => Some("null".to_string()),
            Shape::Named(i) => match &self.types[i].def {
                Def::Enum { literals } => literals.first().cloned(),
                Def::Seq { .. }
                | Def::Struct {
                    recursive: true, ..
                } => Some("null".to_string()),
                _ => None,
            },
        }
    }

    /// Whether values of `s` own memory (strings, sequences, tree nodes).
    fn needs_free(&self, s: Shape, depth: usize) -> bool {
        if depth > self.types.len() + 1 {
            return false;
        }
        match self.resolve(s) {
            Shape::Prim(_) => false,
            Shape::Str => true,
            Shape::Named(i) => match &self.types[i].def {
                Def::Enum { .. } | Def::Alias(_) => false,
                Def::Seq { .. } => true,
                Def::Struct {
                    recursive: true, ..
                } => true,
                Def::Struct { members, .. } => {
                    members.iter().any(|(_, m)| self.needs_free(*m, depth + 1))
                }
                Def::Union { cases, .. } => {
                    cases.iter().any(|c| self.needs_free(c.shape, depth + 1))
                }
            },
        }
    }

    /// Whether decoding `s` can reach a recursive struct (and so counts
    /// nesting depth).
    fn needs_depth(&self, s: Shape, depth: usize) -> bool {
        if depth > self.types.len() + 1 {
            return false;
        }
        match self.resolve(s) {
            Shape::Prim(_) | Shape::Str => false,
            Shape::Named(i) => match &self.types[i].def {
                Def::Enum { .. } | Def::Alias(_) => false,
                Def::Seq { elem } => self.needs_depth(*elem, depth + 1),
                Def::Struct {
                    recursive: true, ..
                } => true,
                Def::Struct { members, .. } => {
                    members.iter().any(|(_, m)| self.needs_depth(*m, depth + 1))
                }
                Def::Union { cases, .. } => {
                    cases.iter().any(|c| self.needs_depth(c.shape, depth + 1))
                }
            },
        }
    }

    /// The fewest octets a value of `s` takes on the wire (alignment not
    /// counted): the lower bound `Get_Count` checks a sequence length
    /// against before anything is allocated.
    fn min_size(&self, s: Shape, depth: usize) -> usize {
        if depth > self.types.len() + 1 {
            return 1;
        }
        match self.resolve(s) {
            Shape::Prim(p) => p.size(),
            // Length, then at least the NUL (§9.3.2.7).
            Shape::Str => 5,
            Shape::Named(i) => match &self.types[i].def {
                Def::Enum { .. } | Def::Seq { .. } => 4,
                Def::Alias(_) => 1,
                Def::Struct { members, .. } => members
                    .iter()
                    .map(|(_, m)| self.min_size(*m, depth + 1))
                    .sum::<usize>()
                    .max(1),
                Def::Union { disc, cases, .. } => {
                    self.min_size(*disc, depth + 1)
                        + cases
                            .iter()
                            .map(|c| self.min_size(c.shape, depth + 1))
                            .min()
                            .unwrap_or(0)
                }
            },
        }
    }

    /// The named types `s` needs declared first.
    fn deps(&self, i: usize) -> Vec<usize> {
        let mut shapes = Vec::new();
        match &self.types[i].def {
            Def::Enum { .. } => {}
            Def::Struct { members, .. } => shapes.extend(members.iter().map(|(_, s)| *s)),
            Def::Union { disc, cases, .. } => {
                shapes.push(*disc);
                shapes.extend(cases.iter().map(|c| c.shape));
            }
            Def::Seq { elem } => shapes.push(*elem),
            Def::Alias(s) => shapes.push(*s),
        }
        shapes
            .into_iter()
            .filter_map(|s| match s {
                Shape::Named(j) => Some(j),
                _ => None,
            })
            .collect()
    }
}

/// Whether `tc` refers to the type `id` through a recursive reference.
fn refers_to(tc: &TypeCode, id: &str, depth: usize) -> bool {
    if depth > 64 {
        return false;
    }
    let d = depth + 1;
    match tc.desc() {
        TypeDesc::Recursive { id: r } => r == id,
        TypeDesc::Struct { members, .. } => members.iter().any(|m| refers_to(&m.tc, id, d)),
        TypeDesc::Union {
            discriminator,
            members,
            ..
        } => refers_to(discriminator, id, d) || members.iter().any(|m| refers_to(&m.tc, id, d)),
        TypeDesc::Sequence { element, .. } | TypeDesc::Array { element, .. } => {
            refers_to(element, id, d)
        }
        TypeDesc::Alias { content, .. } => refers_to(content, id, d),
        _ => false,
    }
}

fn shape_of(
    tc: &TypeCode,
    by_id: &HashMap<String, usize>,
    within: &str,
    source: &str,
) -> Result<Shape> {
    if let Some(p) = Prim::of(tc) {
        return Ok(Shape::Prim(p));
    }
    let named = match tc.desc() {
        TypeDesc::String { bound: 0 } => return Ok(Shape::Str),
        TypeDesc::Recursive { id } => Some(id.as_str()),
        _ => tc.id(),
    };
    if let Some(i) = named.and_then(|id| by_id.get(id)) {
        return Ok(Shape::Named(*i));
    }
    Err(Error::new(format!(
        "{source}: {within}: the Ada corpus emitter does not handle a member of kind {:?} \
         (bounded strings, arrays, anonymous sequences, wstring, fixed, any, objects and \
         value types are not supported; give sequences a typedef)",
        tc.kind()
    )))
}

fn union_def(
    discriminator: &TypeCode,
    default_index: i32,
    members: &[corba_typecode::UnionMember],
    named: &[(String, String, TypeCode)],
    by_id: &HashMap<String, usize>,
    name: &str,
    source: &str,
) -> Result<Def> {
    let disc = shape_of(discriminator, by_id, name, source)?;
    let bad_disc = || {
        Error::new(format!(
            "{source}: {name}: the discriminator must be an integer or an enum"
        ))
    };
    let literals: Option<Vec<String>> = match disc {
        Shape::Prim(
            Prim::Short
            | Prim::UShort
            | Prim::Long
            | Prim::ULong
            | Prim::LongLong
            | Prim::ULongLong,
        ) => None,
        Shape::Named(i) => match named[i].2.desc() {
            TypeDesc::Enum { members, .. } => Some(members.iter().map(|m| ada_case(m)).collect()),
            _ => return Err(bad_disc()),
        },
        _ => return Err(bad_disc()),
    };
    if default_index < 0 {
        return Err(Error::new(format!(
            "{source}: {name}: unions without a default member are not handled"
        )));
    }
    let label = |l: i128| -> String {
        match &literals {
            Some(lits) => usize::try_from(l)
                .ok()
                .and_then(|i| lits.get(i).cloned())
                .unwrap_or_default(),
            None => l.to_string(),
        }
    };
    // The TypeCode has one entry per label: consecutive entries of the same
    // member are one arm.
    let mut cases: Vec<Case> = Vec::new();
    let mut labels_used = Vec::new();
    for (k, m) in members.iter().enumerate() {
        let is_default = k as i64 == i64::from(default_index);
        let shape = shape_of(&m.tc, by_id, name, source)?;
        let member = ada_case(&m.name);
        if !is_default {
            labels_used.push(m.label);
        }
        match cases.last_mut() {
            Some(c) if c.member == member => match (&mut c.choices, is_default) {
                (Some(ch), false) => ch.push(label(m.label)),
                _ => c.choices = None,
            },
            _ => cases.push(Case {
                choices: if is_default {
                    None
                } else {
                    Some(vec![label(m.label)])
                },
                member,
                shape,
            }),
        }
    }
    // An arm that also holds the default is the default arm. When the
    // labels name every enumerator the default can never be selected (Ada
    // would reject the redundant `others`): it is dropped.
    if let Some(lits) = &literals {
        if (0..lits.len() as i128).all(|l| labels_used.contains(&l)) {
            cases.retain(|c| c.choices.is_some());
        }
    }
    cases.sort_by_key(|c| c.choices.is_none());
    let disc_default = match &literals {
        Some(lits) => (0..lits.len() as i128)
            .find(|l| !labels_used.contains(l))
            .map(label)
            .or_else(|| lits.first().cloned())
            .unwrap_or_default(),
        None => (0i128..)
            .find(|l| !labels_used.contains(l))
            .map(|l| l.to_string())
            .unwrap_or_default(),
    };
    Ok(Def::Union {
        disc,
        disc_default,
        cases,
    })
}

/// The spec and body (`glb-corpus.ads`, `glb-corpus.adb`) for the types of
/// the loaded file; `source` names it in the header comments.
pub fn emit(repo: &Repository, source: &str) -> Result<(String, String)> {
    let m = Model::build(repo, source)?;
    Ok((m.spec()?, m.body()))
}

#[cfg(test)]
mod tests;
