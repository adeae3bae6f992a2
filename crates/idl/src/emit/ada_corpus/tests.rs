//! The emitter's tests and the freshness test of the checked-in Ada files.

use super::*;

fn load(text: &str) -> Repository {
    Repository::from_str("t.idl", text, &Default::default()).expect("loads")
}

#[test]
fn ada_names() {
    assert_eq!(ada_case("LineItemSeq"), "Line_Item_Seq");
    assert_eq!(ada_case("m00"), "M00");
    assert_eq!(ada_case("MAGENTA"), "Magenta");
    assert_eq!(ada_case("Wide50"), "Wide50");
}

#[test]
fn reserved_and_taken_names_get_the_module_prefix() {
    let repo = load(
        "module M { struct Record { long type; }; struct Node { string value; }; \
         typedef sequence<Record> Records; };",
    );
    let (spec, _) = emit(&repo, "t.idl").expect("emits");
    assert!(spec.contains("type M_Record is record"), "{spec}");
    assert!(spec.contains("Type_Member : Integer_32 := 0;"), "{spec}");
    assert!(spec.contains("type M_Node is record"), "{spec}");
    assert!(
        spec.contains("type Records_Array is array (Natural range <>) of M_Record;"),
        "{spec}"
    );
}

#[test]
fn recursive_struct_is_declared_behind_an_access_first() {
    let repo = load(
        "module M { struct Tree; typedef sequence<Tree> Forest; \
         struct Tree { long w; Forest kids; }; };",
    );
    let (spec, body) = emit(&repo, "t.idl").expect("emits");
    let inc = spec.find("type Tree;").expect("incomplete declaration");
    let seq = spec
        .find("type Forest_Array is array (Natural range <>) of Tree_Access;")
        .expect("seq");
    let full = spec.find("type Tree is record").expect("record");
    assert!(inc < seq && seq < full, "{spec}");
    assert!(body.contains("Depth > Max_Depth"), "{body}");
}

#[test]
fn union_arms_group_labels_and_put_the_default_last() {
    let repo = load(
        "module M { enum Hue { RED, GREEN, BLUE }; union U switch (Hue) { case RED: case BLUE: long x; \
         default: string s; }; };",
    );
    let (spec, _) = emit(&repo, "t.idl").expect("emits");
    assert!(
        spec.contains("type U (Disc : Hue := Green) is record"),
        "{spec}"
    );
    assert!(
        spec.contains("when Red | Blue => X : Integer_32 := 0;"),
        "{spec}"
    );
    assert!(
        spec.contains("when others => S : String_Access := null;"),
        "{spec}"
    );
}

/// Every construct the emitter handles, beyond what bench.idl uses
/// (this output compiles under glb.gpr's warnings-as-errors switches).
#[test]
fn enum_discriminators_typedef_chains_and_element_wise_sequences() {
    let repo = load(
        "module M { enum Hue { RED, GREEN, BLUE }; typedef long Count; \
         struct Pair { Count a; boolean flag; char c; unsigned long long big; }; \
         union ByHue switch (Hue) { case RED: Pair both; case GREEN: case BLUE: string text; \
         default: long never; }; \
         union Tiny switch (short) { case -1: octet o; default: Hue h; }; \
         typedef sequence<boolean> Flags; typedef sequence<octet> Blob; \
         typedef Blob MoreBlob; struct Box { Flags f; MoreBlob b; ByHue h; Tiny t; }; };",
    );
    let (spec, body) = emit(&repo, "t.idl").expect("emits");
    // Every enumerator is labelled: the default can never be selected.
    assert!(
        spec.contains("when Green | Blue => Text : String_Access := null;\n      end case;"),
        "{spec}"
    );
    assert!(
        spec.contains("type Tiny (Disc : Integer_16 := 0) is record"),
        "{spec}"
    );
    assert!(spec.contains("when -1 => O : Octet := 0;"), "{spec}");
    assert!(spec.contains("subtype Count is Integer_32;"), "{spec}");
    assert!(spec.contains("subtype More_Blob is Blob;"), "{spec}");
    // Booleans one by one (0 or 1 only), octets as a block.
    assert!(body.contains("E := Get_Boolean (R) = 1;"), "{body}");
    assert!(
        body.contains("Get_Elements (R, X (0)'Address, N, 1);"),
        "{body}"
    );
    assert!(
        body.contains("when K_More_Blob => Put (W, X.More_Blob_Value);"),
        "{body}"
    );
    // Red holds nothing to free: the others arm covers it.
    assert!(
        body.contains("when Green | Blue => Free_Str (X.Text);\n         when others => null;"),
        "{body}"
    );
}

#[test]
fn unsupported_types_are_refused_by_name() {
    for idl in [
        "module M { struct P { string<4> s; }; };",
        "module M { struct P { sequence<long> s; }; };",
        "module M { struct P { long a[3]; }; };",
        "module M { union U switch (long) { case 1: long a; }; };",
    ] {
        let err = emit(&load(idl), "t.idl").expect_err(idl);
        assert!(err.to_string().contains("t.idl"), "{err}");
    }
}

/// The checked-in Ada corpus package is what the emitter makes of
/// `corpus/idl/bench.idl`; `GIOPBENCH_REGENERATE=1` rewrites it.
#[test]
fn ada_corpus_package_is_fresh() {
    let (spec, body) = emit(
        &crate::emit::fresh::bench_idl(),
        crate::emit::fresh::BENCH_IDL,
    )
    .expect("emits");
    crate::emit::fresh::check("ffi/ada/src/glb-corpus.ads", &spec);
    crate::emit::fresh::check("ffi/ada/src/glb-corpus.adb", &body);
}
