//! Shared by the omniORB equivalence tests: the parsed
//! `corpus/known_divergences.md`, the Rust settings it implies, byte
//! comparison with padding masked, and the generator configuration for
//! omniORB.
#![allow(dead_code)]

use corba_cdr::{ByteOrder, Encoding, GiopVersion, Utf16Style};
use corba_typecode::gen::GenConfig;
use corba_typecode::{
    DecodeOptions, DefaultLabel, EncapsulationOrder, EncodeOptions, TCKind, TcWriteOptions,
    TypeCode, TypeDesc, Value,
};
use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;

/// One `## id` entry of known_divergences.md.
#[derive(Clone, Debug)]
pub struct Divergence {
    pub id: String,
    pub fields: BTreeMap<String, String>,
    pub compare: Vec<String>,
}

const REQUIRED: [&str; 5] = ["orb", "spec", "observed", "setting", "compare"];

/// Parses the list; panics (failing the test) on a malformed entry.
pub fn load() -> Vec<Divergence> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/corpus/known_divergences.md");
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    parse(&text)
}

pub fn parse(text: &str) -> Vec<Divergence> {
    let mut out: Vec<Divergence> = Vec::new();
    for line in text.lines() {
        if let Some(id) = line.strip_prefix("## ") {
            out.push(Divergence {
                id: id.trim().to_owned(),
                fields: BTreeMap::new(),
                compare: Vec::new(),
            });
        } else if let (Some(entry), Some(kv)) = (out.last_mut(), line.strip_prefix("- ")) {
            if let Some((k, v)) = kv.split_once(':') {
                let k = k.trim().to_owned();
                let v = v.trim().to_owned();
                if k == "compare" {
                    entry.compare = v
                        .split(',')
                        .map(|t| t.trim().trim_matches('`').to_owned())
                        .filter(|t| !t.is_empty())
                        .collect();
                }
                entry.fields.insert(k, v);
            }
        }
    }
    for d in &out {
        for k in REQUIRED {
            assert!(
                d.fields.contains_key(k),
                "known_divergences.md: entry {} has no `{k}`",
                d.id
            );
        }
        assert!(
            !d.compare.is_empty(),
            "known_divergences.md: entry {} has an empty compare list",
            d.id
        );
    }
    out
}

/// What the listed omniORB divergences ask of the Rust side.
#[derive(Clone, Debug)]
pub struct OmniSettings {
    pub mask_padding: bool,
    pub utf16: Utf16Style,
    pub tc: TcWriteOptions,
    pub dec: DecodeOptions,
    pub unsupported: BTreeSet<String>,
    /// The ORB writes exception values in an any without their repository
    /// id (omniorb-any-exception-no-id): `except_repo_id = false` on both
    /// the encode and decode options.
    pub except_id_omitted: bool,
    /// The ORB writes default index -2 for a union without default whose
    /// labels cover every discriminator value; no Rust option reproduces
    /// it yet (omniorb-union-exhaustive-default-index).
    pub exhaustive_union_minus_two: bool,
    /// Entry ids that contributed, for messages.
    pub sources: Vec<String>,
}

const FEATURES: [&str; 9] = [
    "wide-giop-1.1",
    "mixed-recursion",
    "wchar-discriminator",
    "negative-short-label",
    "long-double",
    "abstract-local-interface-tc",
    "valuetype-values",
    "objref-values",
    "principal-values",
];

pub fn settings_for(entries: &[Divergence], orb_prefix: &str) -> OmniSettings {
    let mut s = OmniSettings {
        mask_padding: false,
        utf16: Utf16Style::Spec,
        tc: TcWriteOptions::spec(),
        dec: DecodeOptions::spec(),
        unsupported: BTreeSet::new(),
        except_id_omitted: false,
        exhaustive_union_minus_two: false,
        sources: Vec::new(),
    };
    for d in entries
        .iter()
        .filter(|d| d.fields["orb"].starts_with(orb_prefix))
    {
        s.sources.push(d.id.clone());
        for t in &d.compare {
            match t.as_str() {
                "none" => {}
                "mask-padding" => s.mask_padding = true,
                "except-id=omitted" => {
                    s.except_id_omitted = true;
                    s.dec.except_repo_id = false;
                }
                "exhaustive-union-default-index=-2" => s.exhaustive_union_minus_two = true,
                "utf16=omniorb" => s.utf16 = Utf16Style::OmniOrb,
                "tc-encapsulation=native" => s.tc.encapsulation_order = EncapsulationOrder::Native,
                "tc-repeated=indirect" => s.tc.repeated_indirection = true,
                "tc-default-label=discriminator" => {
                    s.tc.default_label = DefaultLabel::ZeroOfDiscriminator;
                    s.dec.default_label = DefaultLabel::ZeroOfDiscriminator;
                }
                other => match other.strip_prefix("unsupported=") {
                    Some(f) if FEATURES.contains(&f) => {
                        s.unsupported.insert(f.to_owned());
                    }
                    _ => panic!(
                        "known_divergences.md: entry {}: unknown compare token `{other}`",
                        d.id
                    ),
                },
            }
        }
    }
    s
}

/// The omniORB settings from the committed list.
pub fn omniorb() -> OmniSettings {
    settings_for(&load(), "omniORB")
}

/// [`omniorb`], read once per test binary (every suite asks for it in
/// every case).
pub fn settings() -> &'static OmniSettings {
    static S: std::sync::OnceLock<OmniSettings> = std::sync::OnceLock::new();
    S.get_or_init(omniorb)
}

impl OmniSettings {
    pub fn unsupported(&self, feature: &str) -> bool {
        self.unsupported.contains(feature)
    }

    /// The Rust encoding to compare bytes with omniORB.
    pub fn encoding(&self, order: ByteOrder, giop: GiopVersion) -> Encoding {
        Encoding::new(order, giop).with_utf16(self.utf16)
    }

    pub fn encode_options(&self) -> EncodeOptions {
        EncodeOptions {
            typecode: self.tc,
            except_repo_id: !self.except_id_omitted,
            ..EncodeOptions::spec()
        }
    }

    /// Generated TypeCodes and values omniORB can take in `giop`.
    pub fn gen_config(&self, giop: GiopVersion) -> GenConfig {
        let mut c = GenConfig::full();
        c.valuetypes = !self.unsupported("valuetype-values");
        c.long_double = !self.unsupported("long-double");
        c.objref = !self.unsupported("objref-values");
        c.principal = !self.unsupported("principal-values");
        c.wide = giop == GiopVersion::V1_2
            || (giop == GiopVersion::V1_1 && !self.unsupported("wide-giop-1.1"));
        c
    }
}

/// Compares Rust's bytes with the ORB's, skipping `padding` (ranges of
/// `rust`) when `mask` is set. Returns a description of the first
/// difference.
pub fn compare_bytes(
    rust: &[u8],
    padding: &[Range<usize>],
    orb: &[u8],
    mask: bool,
) -> Result<(), String> {
    let mut is_pad = vec![false; rust.len()];
    if mask {
        for r in padding {
            for p in &mut is_pad[r.clone()] {
                *p = true;
            }
        }
    }
    let first = rust
        .iter()
        .zip(orb)
        .enumerate()
        // Padding first: omniORB's padding octets may be uninitialised
        // memory, which must not decide a branch (memcheck).
        .find(|(i, (a, b))| !is_pad[*i] && a != b)
        .map(|(i, _)| i);
    if first.is_none() && rust.len() == orb.len() {
        return Ok(());
    }
    let at = first.unwrap_or(rust.len().min(orb.len()));
    let lo = at.saturating_sub(16);
    Err(format!(
        "bytes differ at offset {at} (rust {} octets, orb {} octets)\n rust[{lo}..]: {:02x?}\n  orb[{lo}..]: {:02x?}",
        rust.len(),
        orb.len(),
        &rust[lo.min(rust.len())..(at + 16).min(rust.len())],
        &orb[lo.min(orb.len())..(at + 16).min(orb.len())],
    ))
}

/// The number of padding octets in `padding`.
pub fn padding_len(padding: &[Range<usize>]) -> usize {
    padding.iter().map(|r| r.len()).sum()
}

fn strip(tc: &TypeCode) -> &TypeCode {
    corba_typecode::bridge::strip_alias(tc)
}

/// Whether `pred` holds for `tc` or any TypeCode inside it.
pub fn tc_has(tc: &TypeCode, pred: &dyn Fn(&TypeCode) -> bool) -> bool {
    corba_typecode::bridge::contains(tc, usize::MAX, &mut |t| pred(t))
}

/// Whether `pred` holds for a TypeCode carried inside `v` (any and
/// TypeCode values).
pub fn value_has(v: &Value, pred: &dyn Fn(&TypeCode) -> bool) -> bool {
    corba_typecode::bridge::carries(v, usize::MAX, &mut |t| tc_has(t, pred))
}

fn wchar_discriminator(tc: &TypeCode) -> bool {
    matches!(tc.desc(), TypeDesc::Union { discriminator, .. } if strip(discriminator).kind() == Some(TCKind::WCHAR))
}

fn negative_short_label(tc: &TypeCode) -> bool {
    match tc.desc() {
        TypeDesc::Union {
            discriminator,
            members,
            default_index,
            ..
        } => {
            strip(discriminator).kind() == Some(TCKind::SHORT)
                && members
                    .iter()
                    .enumerate()
                    .any(|(i, m)| i as i64 != i64::from(*default_index) && m.label < 0)
        }
        _ => false,
    }
}

/// A constructed TypeCode with an exception among its members or as its
/// element.
fn nested_exception(tc: &TypeCode) -> bool {
    let is_exc = |t: &TypeCode| strip(t).kind() == Some(TCKind::EXCEPT);
    match tc.desc() {
        TypeDesc::Struct { members, .. } => members.iter().any(|m| is_exc(&m.tc)),
        TypeDesc::Union { members, .. } => members.iter().any(|m| is_exc(&m.tc)),
        TypeDesc::Value { members, .. } => members.iter().any(|m| is_exc(&m.tc)),
        TypeDesc::Sequence { element, .. } | TypeDesc::Array { element, .. } => is_exc(element),
        TypeDesc::Alias { content, .. } | TypeDesc::ValueBox { content, .. } => is_exc(content),
        _ => false,
    }
}

/// A union without a default member whose labels cover every value of its
/// discriminator (boolean or enum).
pub fn exhaustive_union(tc: &TypeCode) -> bool {
    let TypeDesc::Union {
        discriminator,
        members,
        default_index,
        ..
    } = tc.desc()
    else {
        return false;
    };
    if *default_index >= 0 {
        return false;
    }
    let n: i128 = match strip(discriminator).desc() {
        TypeDesc::Basic(TCKind::BOOLEAN) => 2,
        TypeDesc::Enum { members, .. } => members.len() as i128,
        _ => return false,
    };
    (0..n).all(|v| members.iter().any(|m| m.label == v))
}

impl OmniSettings {
    /// The listed `unsupported=` TypeCode feature that `tc` (or a
    /// TypeCode inside `value`) uses, if any.
    pub fn excluded(&self, tc: &TypeCode, value: Option<&Value>) -> Option<&'static str> {
        type Check = (&'static str, fn(&TypeCode) -> bool);
        let checks: [Check; 2] = [
            ("wchar-discriminator", wchar_discriminator),
            ("negative-short-label", negative_short_label),
        ];
        let uses =
            |p: fn(&TypeCode) -> bool| tc_has(tc, &p) || value.is_some_and(|v| value_has(v, &p));
        if self.unsupported("mixed-recursion")
            && (legacy_omniorb::mixed_recursion(tc)
                || value.is_some_and(|v| value_has(v, &legacy_omniorb::mixed_recursion)))
        {
            return Some("mixed-recursion");
        }
        // Not an ORB divergence: IDL has no exception-typed members or
        // elements and omniORB's create_*_tc rejects them (BAD_TYPECODE),
        // but the generator makes them.
        if uses(nested_exception) {
            return Some("exception as a member or element (not IDL)");
        }
        if self.exhaustive_union_minus_two && uses(exhaustive_union) {
            return Some("exhaustive-union-default-index");
        }
        checks
            .into_iter()
            .find_map(|(f, p)| (self.unsupported(f) && uses(p)).then_some(f))
    }
}
