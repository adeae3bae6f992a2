//! Repository ids, TypeCodes, constants and errors, checked against the
//! rules of the IDL chapter (CORBA 3.x Part 1 ch. 7) and the corpus IDL.

use corba_idl::{ConstValue, Options, Repository};
use corba_typecode::{TCKind, TypeCode, TypeDesc, ValueModifier, Visibility};

fn load(src: &str) -> Repository {
    Repository::from_str("test.idl", src, &Options::default()).unwrap_or_else(|e| panic!("{e}"))
}

fn load_err(src: &str) -> corba_idl::Error {
    Repository::from_str("test.idl", src, &Options::default()).expect_err("must fail")
}

fn basic(k: TCKind) -> TypeCode {
    TypeCode::basic(k)
}

#[test]
fn pragma_prefix_id_and_version_follow_the_spec_example() {
    // The example of the "Pragma Directives for RepositoryId" section.
    let repo = load(
        r#"
module M1 {
  typedef long T1;
  typedef long T2;
#pragma ID T2 "DCE:d62207a2-011e-11ce-88b4-0800090b5d3e:3"
};
#pragma prefix "P1"
module M2 {
  module M3 {
#pragma prefix "P2"
    typedef long T3;
  };
  typedef long T4;
#pragma version T4 2.4
};
"#,
    );
    assert_eq!(repo.repository_id("M1::T1"), Some("IDL:M1/T1:1.0"));
    assert_eq!(
        repo.repository_id("M1::T2"),
        Some("DCE:d62207a2-011e-11ce-88b4-0800090b5d3e:3")
    );
    assert_eq!(repo.repository_id("M2::M3::T3"), Some("IDL:P2/T3:1.0"));
    assert_eq!(repo.repository_id("M2::T4"), Some("IDL:P1/M2/T4:2.4"));
    assert_eq!(repo.repository_id("M2"), Some("IDL:P1/M2:1.0"));
    // The alias TypeCode carries the id.
    let tc = repo.type_code("M2::T4").unwrap();
    assert_eq!(tc.id(), Some("IDL:P1/M2/T4:2.4"));
}

#[test]
fn typeid_and_typeprefix() {
    // typeprefix puts its string right after "IDL:" in the default ids of
    // the scope itself and everything in it, wherever it appears.
    let repo = load(
        r#"
#pragma prefix "ignored.by.typeprefix"
module A {
  struct Early { long x; };
  typeprefix A "example.com";
  struct S { long x; };
  interface I { struct Nested { long y; }; };
  typeid I "IDL:custom/I:3.1";
  module B {
    typeprefix B "inner.org";
    typedef long T;
  };
};
module Plain { typedef long T; };
"#,
    );
    assert_eq!(repo.repository_id("A"), Some("IDL:example.com/A:1.0"));
    assert_eq!(
        repo.repository_id("A::Early"),
        Some("IDL:example.com/A/Early:1.0")
    );
    assert_eq!(repo.repository_id("A::S"), Some("IDL:example.com/A/S:1.0"));
    assert_eq!(repo.repository_id("A::I"), Some("IDL:custom/I:3.1"));
    assert_eq!(
        repo.repository_id("A::I::Nested"),
        Some("IDL:example.com/A/I/Nested:1.0")
    );
    assert_eq!(
        repo.repository_id("A::B::T"),
        Some("IDL:inner.org/A/B/T:1.0")
    );
    assert_eq!(
        repo.repository_id("Plain::T"),
        Some("IDL:ignored.by.typeprefix/Plain/T:1.0")
    );
    // TypeCodes carry the final ids.
    assert_eq!(
        repo.type_code("A::S").unwrap().id(),
        Some("IDL:example.com/A/S:1.0")
    );
    assert!(load_err("typedef long T; typeprefix T \"x\";")
        .message
        .contains("not one"));
}

#[test]
fn corpus_typecodes_are_exact() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../corpus/idl/bench.idl");
    let repo = Repository::load(path, &Options::default()).unwrap_or_else(|e| panic!("{e}"));
    let color = repo.type_code("Bench::Color").unwrap();
    assert_eq!(
        color.desc(),
        &TypeDesc::Enum {
            id: "IDL:giopbench.org/Bench/Color:1.0".into(),
            name: "Color".into(),
            members: ["RED", "GREEN", "BLUE", "CYAN", "MAGENTA"]
                .map(corba_typecode::Name::from)
                .to_vec(),
        }
    );
    let point = repo.type_code("::Bench::Point").unwrap();
    let TypeDesc::Struct {
        kind,
        id,
        name,
        members,
    } = point.desc()
    else {
        panic!("{point:?}")
    };
    assert_eq!(
        (*kind, id.as_str(), name.as_str()),
        (TCKind::STRUCT, "IDL:giopbench.org/Bench/Point:1.0", "Point")
    );
    assert_eq!(
        members
            .iter()
            .map(|m| (m.name.as_str(), m.tc.clone()))
            .collect::<Vec<_>>(),
        vec![("x", basic(TCKind::DOUBLE)), ("y", basic(TCKind::DOUBLE))]
    );

    let shape = repo.type_code("Bench::Shape").unwrap();
    let TypeDesc::Union {
        id,
        discriminator,
        default_index,
        members,
        ..
    } = shape.desc()
    else {
        panic!()
    };
    assert_eq!(id, "IDL:giopbench.org/Bench/Shape:1.0");
    assert_eq!(discriminator, &basic(TCKind::LONG));
    assert_eq!(*default_index, 4);
    let labels: Vec<(i128, &str)> = members.iter().map(|m| (m.label, m.name.as_str())).collect();
    assert_eq!(
        labels,
        vec![
            (1, "radius"),
            (2, "corner"),
            (3, "label"),
            (4, "label"),
            (0, "code")
        ]
    );
    assert_eq!(members[1].tc, point);
    assert_eq!(members[2].tc.desc(), &TypeDesc::String { bound: 0 });

    // Members of typedef'd types refer to the alias.
    let record = repo.type_code("Bench::Record").unwrap();
    let TypeDesc::Struct { members, .. } = record.desc() else {
        panic!()
    };
    assert_eq!(members.len(), 9);
    assert_eq!(members[2].tc, color);
    assert_eq!(members[4].tc, shape);
    let TypeDesc::Alias { id, name, content } = members[5].tc.desc() else {
        panic!()
    };
    assert_eq!(
        (id.as_str(), name.as_str()),
        ("IDL:giopbench.org/Bench/LineItemSeq:1.0", "LineItemSeq")
    );
    let TypeDesc::Sequence { element, bound: 0 } = content.desc() else {
        panic!()
    };
    assert_eq!(element.name(), Some("LineItem"));
    assert_eq!(members[8].tc, basic(TCKind::LONGLONG));

    // The recursive tree: inside Node, the sequence refers back to Node.
    let node = repo.type_code("Bench::Node").unwrap();
    let TypeDesc::Struct { members, .. } = node.desc() else {
        panic!()
    };
    let TypeDesc::Alias { content, .. } = members[2].tc.desc() else {
        panic!()
    };
    let TypeDesc::Sequence { element, .. } = content.desc() else {
        panic!()
    };
    assert_eq!(
        element.desc(),
        &TypeDesc::Recursive {
            id: "IDL:giopbench.org/Bench/Node:1.0".into()
        }
    );
    // Outside Node, NodeSeq holds the whole Node TypeCode.
    let node_seq = repo.type_code("Bench::NodeSeq").unwrap();
    let TypeDesc::Alias { content, .. } = node_seq.desc() else {
        panic!()
    };
    let TypeDesc::Sequence { element, .. } = content.desc() else {
        panic!()
    };
    assert_eq!(element, &node);

    let wide = repo.type_code("Bench::Wide50").unwrap();
    let TypeDesc::Struct { members, .. } = wide.desc() else {
        panic!()
    };
    assert_eq!(members.len(), 50);
    assert_eq!(members[49].name, "m49");
    assert_eq!(members[49].tc, basic(TCKind::USHORT));
    assert_eq!(repo.type_codes().count(), 12);
}

#[test]
fn arrays_bounds_fixed_exceptions_and_values() {
    let repo = load(
        r#"
#pragma prefix "p"
module M {
  const long N = 2 * 3 + 1;
  typedef long Grid[2][N];
  typedef string<N> Name;
  typedef sequence<sequence<octet, 4>, N> Blocks;
  typedef fixed<9, 2> Money;
  exception Oops { string why; long code[3]; };
  interface I { void f() raises (Oops); };
  abstract interface AI {};
  local interface LI {};
  native Handle;
  valuetype Base { public long a; private string b; };
  valuetype Derived : truncatable Base { public Derived next; };
  valuetype Box sequence<long>;
  enum E { X, Y, Z };
  union U switch (E) { case X: long x; case Z: string z; };
  union B switch (boolean) { case TRUE: long t; default: octet f; };
  union C switch (char) { case 'a': long a; case '\n': short n; };
};
"#,
    );
    let grid = repo.type_code("M::Grid").unwrap();
    let TypeDesc::Alias { content, .. } = grid.desc() else {
        panic!()
    };
    assert_eq!(
        content.desc(),
        &TypeDesc::Array {
            element: TypeCode::new(TypeDesc::Array {
                element: basic(TCKind::LONG),
                length: 7
            }),
            length: 2
        }
    );
    let TypeDesc::Alias { content, .. } = repo.type_code("M::Name").unwrap().desc().clone() else {
        panic!()
    };
    assert_eq!(content.desc(), &TypeDesc::String { bound: 7 });
    let TypeDesc::Alias { content, .. } = repo.type_code("M::Blocks").unwrap().desc().clone()
    else {
        panic!()
    };
    let TypeDesc::Sequence { element, bound: 7 } = content.desc() else {
        panic!()
    };
    assert_eq!(
        element.desc(),
        &TypeDesc::Sequence {
            element: basic(TCKind::OCTET),
            bound: 4
        }
    );
    let TypeDesc::Alias { content, .. } = repo.type_code("M::Money").unwrap().desc().clone() else {
        panic!()
    };
    assert_eq!(
        content.desc(),
        &TypeDesc::Fixed {
            digits: 9,
            scale: 2
        }
    );

    let oops = repo.type_code("M::Oops").unwrap();
    let TypeDesc::Struct {
        kind, id, members, ..
    } = oops.desc()
    else {
        panic!()
    };
    assert_eq!((*kind, id.as_str()), (TCKind::EXCEPT, "IDL:p/M/Oops:1.0"));
    assert_eq!(
        members[1].tc.desc(),
        &TypeDesc::Array {
            element: basic(TCKind::LONG),
            length: 3
        }
    );

    assert_eq!(repo.type_code("M::I").unwrap().kind(), Some(TCKind::OBJREF));
    assert_eq!(
        repo.type_code("M::AI").unwrap().kind(),
        Some(TCKind::ABSTRACT_INTERFACE)
    );
    assert_eq!(
        repo.type_code("M::LI").unwrap().kind(),
        Some(TCKind::LOCAL_INTERFACE)
    );
    assert_eq!(
        repo.type_code("M::Handle").unwrap().kind(),
        Some(TCKind::NATIVE)
    );

    let derived = repo.type_code("M::Derived").unwrap();
    let TypeDesc::Value {
        modifier,
        concrete_base,
        members,
        ..
    } = derived.desc()
    else {
        panic!()
    };
    assert_eq!(*modifier, ValueModifier::TRUNCATABLE);
    let base = concrete_base.as_ref().unwrap();
    let TypeDesc::Value { members: bm, .. } = base.desc() else {
        panic!()
    };
    assert_eq!(bm[1].visibility, Visibility::PRIVATE);
    assert_eq!(
        members[0].tc.desc(),
        &TypeDesc::Recursive {
            id: "IDL:p/M/Derived:1.0".into()
        }
    );
    assert_eq!(
        repo.type_code("M::Box").unwrap().kind(),
        Some(TCKind::VALUE_BOX)
    );

    let u = repo.type_code("M::U").unwrap();
    let TypeDesc::Union {
        discriminator,
        default_index,
        members,
        ..
    } = u.desc()
    else {
        panic!()
    };
    assert_eq!(discriminator.kind(), Some(TCKind::ENUM));
    assert_eq!(*default_index, -1);
    assert_eq!(
        members.iter().map(|m| m.label).collect::<Vec<_>>(),
        vec![0, 2]
    );
    let TypeDesc::Union {
        default_index,
        members,
        ..
    } = repo.type_code("M::B").unwrap().desc().clone()
    else {
        panic!()
    };
    assert_eq!((default_index, members[0].label), (1, 1));
    let TypeDesc::Union { members, .. } = repo.type_code("M::C").unwrap().desc().clone() else {
        panic!()
    };
    assert_eq!(
        members.iter().map(|m| m.label).collect::<Vec<_>>(),
        vec![97, 10]
    );
}

#[test]
fn constants_are_fully_evaluated() {
    let repo = load(
        r#"
module K {
  const long A = (1 << 4) | 3;
  const unsigned long long B = 0xFFFFFFFFFFFFFFFF;
  const short C = -A % 5;
  const double D = 1.5e1 / 4;
  const fixed F = 1.25d * 2;
  const string S = "a" "b\x41";
  const char CH = '\101';
  const boolean T = TRUE;
  enum Colour { red, green };
  const Colour G = green;
  const octet O = ~0xFFFFFF00 & 0x7F;
  const long L2 = A * 2 - (A >> 1);
};
"#,
    );
    assert_eq!(repo.constant("K::A"), Some(&ConstValue::Int(19)));
    assert_eq!(
        repo.constant("K::B"),
        Some(&ConstValue::Int(u64::MAX.into()))
    );
    assert_eq!(repo.constant("K::C"), Some(&ConstValue::Int(-4)));
    assert_eq!(repo.constant("K::D"), Some(&ConstValue::Float(3.75)));
    assert_eq!(
        repo.constant("K::F"),
        Some(&ConstValue::Fixed {
            mantissa: 25,
            scale: 1
        })
    );
    assert_eq!(repo.constant("K::S"), Some(&ConstValue::Str("abA".into())));
    assert_eq!(repo.constant("K::CH"), Some(&ConstValue::Char(b'A')));
    assert_eq!(repo.constant("K::T"), Some(&ConstValue::Bool(true)));
    assert!(matches!(
        repo.constant("K::G"),
        Some(ConstValue::Enum { ordinal: 1, .. })
    ));
    assert_eq!(
        repo.constant("K::O"),
        Some(&ConstValue::Int(0x7F & !0xFFFFFF00i128))
    );
    assert_eq!(repo.constant("K::L2"), Some(&ConstValue::Int(29)));
}

#[test]
fn out_of_range_constant_is_an_error() {
    let e = load_err("const short X = 40000;");
    assert!(e.message.contains("out of range"), "{e}");
    assert_eq!((e.line(), e.column()), (Some(1), Some(17)));
}

#[test]
fn syntax_error_has_file_line_column_and_caret() {
    let e = load_err("module M {\n  struct S {\n    long x\n  };\n};\n");
    let text = e.to_string();
    // A missing ';' is reported right after the token it should follow.
    assert_eq!(e.line(), Some(3), "{text}");
    assert_eq!(e.column(), Some(11), "{text}");
    assert!(e.message.contains("';'"), "{text}");
    assert!(text.contains("test.idl:3:11"), "{text}");
    assert!(text.contains("3 |     long x\n  |           ^"), "{text}");
    // Other errors point at the offending token.
    let e = load_err("interface I {\n  void f(long x);\n};");
    assert_eq!((e.line(), e.column()), (Some(2), Some(10)), "{e}");
    assert!(e.message.contains("'in', 'out' or 'inout'"), "{e}");
}

#[test]
fn undeclared_name_is_located() {
    let e = load_err("module M {\n  typedef Missing T;\n};");
    assert_eq!((e.line(), e.column()), (Some(2), Some(11)));
    assert!(e.message.contains("'Missing' is not declared"), "{e}");
}

#[test]
fn duplicate_label_and_redeclaration_are_errors() {
    assert!(
        load_err("union U switch (long) { case 1: long a; case 1: long b; };")
            .message
            .contains("duplicate")
    );
    assert!(load_err("struct S { long a; }; typedef long S;")
        .message
        .contains("already declared"));
}

#[test]
fn includes_guards_and_prefix_reset() {
    let dir = std::env::temp_dir().join(format!("corba-idl-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("inc.idl"),
        "#ifndef INC_IDL\n#define INC_IDL\n#pragma prefix \"inner\"\nmodule Inc { struct S { long a; }; };\n#endif\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("main.idl"),
        "#pragma prefix \"outer\"\n#include \"inc.idl\"\n#include <inc.idl>\nmodule Outer { typedef Inc::S T; };\n",
    )
    .unwrap();
    let repo =
        Repository::load(dir.join("main.idl"), &Options::default().include_dir(&dir)).unwrap();
    assert_eq!(repo.repository_id("Inc::S"), Some("IDL:inner/Inc/S:1.0"));
    // The prefix of main.idl is restored after the include.
    assert_eq!(
        repo.repository_id("Outer::T"),
        Some("IDL:outer/Outer/T:1.0")
    );
    assert!(!repo.in_main_file(repo.index_of("Inc::S").unwrap()));
    // An error inside an included file names the include chain.
    std::fs::write(dir.join("bad.idl"), "struct B { long };\n").unwrap();
    std::fs::write(dir.join("top.idl"), "\n#include \"bad.idl\"\n").unwrap();
    let e = Repository::load(dir.join("top.idl"), &Options::default()).unwrap_err();
    let text = e.to_string();
    assert!(text.contains("bad.idl:1:17"), "{text}");
    assert!(
        text.contains("included from") && text.contains("top.idl:2"),
        "{text}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn keyword_case_and_use_collisions_are_errors() {
    let e = load_err("struct S { long a; }; typedef long s;");
    assert!(e.message.contains("differs only in case"), "{e}");
    let e = load_err("struct Custom { long a; };");
    assert!(
        e.message.contains("collides with the keyword 'custom'"),
        "{e}"
    );
    assert_eq!((e.line(), e.column()), (Some(1), Some(8)));
    // The escaped form is fine, and a use of an escaped name needs no
    // escape (as in CosLifeCycle.idl).
    assert!(load("struct _Custom { long a; };")
        .type_code("Custom")
        .is_some());
    let repo = load("typedef Object _Factory; typedef sequence<Factory> Fs;");
    assert!(repo.type_code("Fs").is_some());
    // A name used in a scope (found in an enclosing one) cannot be
    // declared there, in any case, as omniidl also rejects.
    let e = load_err("module M {\n  typedef long Grid;\n  struct S { Grid grid; };\n};");
    assert!(e.message.contains("clashes with the use of 'Grid'"), "{e}");
    assert_eq!((e.line(), e.column()), (Some(3), Some(19)));
    let e = load_err("typedef long T; union U switch (long) { case 1: T t; };");
    assert!(e.message.contains("clashes"), "{e}");
    let e = load_err("typedef long T; module M { typedef T X; typedef short t; };");
    assert!(e.message.contains("clashes"), "{e}");
    // A qualified use, or a forward-declared type defined later, is fine.
    assert!(load("typedef long T; struct S { ::T t; };")
        .type_code("S")
        .is_some());
    let repo = load("struct N; typedef sequence<N> Ns; struct N { Ns kids; };");
    assert!(repo.type_code("N").is_some());
}

#[test]
fn require_type_explains_what_is_missing() {
    let repo = load("module M { struct A { long x; }; struct F; const long C = 1; };");
    assert!(repo.require_type("M::A").is_ok());
    assert_eq!(repo.type_names(), vec!["M::A".to_owned()]);
    let e = repo.require_type("M::Nope").unwrap_err();
    assert!(
        e.message.contains("'M::Nope' is not declared") && e.message.contains("types: M::A"),
        "{e}"
    );
    let e = repo.require_type("M::F").unwrap_err();
    assert!(e.message.contains("not a complete type"), "{e}");
    assert!(repo.require_type("M::C").is_err());
}
