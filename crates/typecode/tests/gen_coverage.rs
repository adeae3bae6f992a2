//! The generator really produces the kinds it promises (so the property
//! tests exercise them): counts over 500 seeds.

use corba_typecode::gen::{Gen, GenConfig};
use corba_typecode::*;
use std::collections::HashMap;

fn walk(tc: &TypeCode, seen: &mut HashMap<&'static str, usize>, depth: usize) {
    let key = match tc.desc() {
        TypeDesc::Recursive { .. } => "recursive",
        TypeDesc::Value {
            modifier,
            concrete_base,
            ..
        } => {
            if *modifier == ValueModifier::TRUNCATABLE {
                *seen.entry("truncatable").or_default() += 1;
            }
            if concrete_base.is_some() {
                *seen.entry("value_with_base").or_default() += 1;
            }
            "value"
        }
        _ => tc.kind().and_then(TCKind::name).unwrap_or("?"),
    };
    *seen.entry(key).or_default() += 1;
    if depth > 50 {
        return;
    }
    match tc.desc() {
        TypeDesc::Struct { members, .. } => {
            members.iter().for_each(|m| walk(&m.tc, seen, depth + 1))
        }
        TypeDesc::Union {
            members,
            discriminator,
            ..
        } => {
            walk(discriminator, seen, depth + 1);
            members.iter().for_each(|m| walk(&m.tc, seen, depth + 1))
        }
        TypeDesc::Value {
            members,
            concrete_base,
            ..
        } => {
            if let Some(b) = concrete_base {
                walk(b, seen, depth + 1);
            }
            members.iter().for_each(|m| walk(&m.tc, seen, depth + 1))
        }
        TypeDesc::Sequence { element, .. } | TypeDesc::Array { element, .. } => {
            walk(element, seen, depth + 1)
        }
        TypeDesc::Alias { content, .. } | TypeDesc::ValueBox { content, .. } => {
            walk(content, seen, depth + 1)
        }
        _ => {}
    }
}

#[test]
fn full_config_covers_every_kind_family() {
    let mut seen = HashMap::new();
    for seed in 0..500 {
        let tc = Gen::new(seed, GenConfig::full()).typecode();
        walk(&tc, &mut seen, 0);
    }
    for k in [
        "tk_struct",
        "tk_union",
        "tk_enum",
        "tk_sequence",
        "tk_array",
        "tk_alias",
        "tk_string",
        "tk_wstring",
        "tk_fixed",
        "tk_any",
        "tk_TypeCode",
        "tk_Principal",
        "tk_objref",
        "tk_except",
        "tk_longdouble",
        "tk_wchar",
        "value",
        "tk_value_box",
        "recursive",
        "truncatable",
        "value_with_base",
    ] {
        assert!(seen.get(k).copied().unwrap_or(0) >= 3, "{k}: {seen:?}");
    }
}

#[test]
fn legacy_config_excludes_what_it_says() {
    let mut seen = HashMap::new();
    for seed in 0..500 {
        walk(
            &Gen::new(seed, GenConfig::legacy()).typecode(),
            &mut seen,
            0,
        );
    }
    for k in [
        "tk_wstring",
        "tk_wchar",
        "tk_fixed",
        "tk_longdouble",
        "value",
        "tk_value_box",
        "tk_objref",
        "tk_Principal",
        "tk_except",
    ] {
        assert_eq!(seen.get(k), None, "{k}");
    }
    assert!(seen.get("recursive").copied().unwrap_or(0) > 0);
}
