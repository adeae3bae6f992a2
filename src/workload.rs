//! Workloads: the manifest (`corpus/workloads.toml`), its IDL types, and the
//! cases each workload gives every backend.

use crate::values::{generate, Rng};
use bench_ops::{Case, Params, Subject};
use corba_cdr::{ByteOrder, GiopVersion};
use corba_typecode::{Any, TypeCode};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// The hot-path class a workload is judged in (see the manifest's header).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Class {
    Bulk,
    Any,
    Typecode,
    Other,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    SeqLong,
    SeqDouble,
    SeqOctet,
    SeqString,
    String,
    Wstring,
    Typecode,
    Any,
    Static,
    GiopRequest,
    GiopReply,
    Reassemble,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Spec {
    pub name: String,
    pub kind: Kind,
    #[serde(rename = "type")]
    pub type_name: Option<String>,
    #[serde(default)]
    pub count: usize,
    #[serde(default)]
    pub seed: u64,
    pub orders: Vec<String>,
    pub class: Class,
    /// This hot path's goal against the baseline, e.g. "p95=-20%" (default
    /// the RDB's; see `giopbench::judge::GoalSpec`).
    #[serde(default)]
    pub goal: Option<String>,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    /// IDL file with the workloads' types, relative to the manifest.
    pub idl: PathBuf,
    pub workload: Vec<Spec>,
}

/// One workload in one byte order: what every backend is asked to do.
#[derive(Clone, Debug)]
pub struct Workload {
    /// `<name>_<order>`: the payload part of bench ids.
    pub payload: String,
    pub kind: Kind,
    pub class: Class,
    pub params: Params,
    /// The marshalled subject, for kinds that go through the operation set.
    pub subject: Option<Subject>,
    pub count: usize,
    pub seed: u64,
}

impl Workload {
    pub fn case(&self) -> Option<Case> {
        self.subject.as_ref().map(|s| Case {
            subject: s.clone(),
            params: self.params,
        })
    }

    /// The operation families of bench ids: `encode_<family>` and
    /// `decode_<family>`, or the GIOP operations.
    pub fn operations(&self) -> Vec<String> {
        match self.kind {
            Kind::GiopRequest => vec!["encode_request".into()],
            Kind::GiopReply => vec!["decode_reply".into()],
            Kind::Reassemble => vec!["reassemble".into()],
            _ => {
                let fam = self.subject.as_ref().map_or("?", Subject::family);
                vec![format!("encode_{fam}"), format!("decode_{fam}")]
            }
        }
    }
}

/// Where workload types come from: an IDL file and a scoped name.
pub trait TypeSource {
    fn type_named(&self, scoped_name: &str) -> Result<TypeCode, String>;
}

fn order_named(s: &str) -> Result<ByteOrder, String> {
    match s {
        "le" => Ok(ByteOrder::LittleEndian),
        "be" => Ok(ByteOrder::BigEndian),
        o => Err(format!("unknown byte order {o:?} (use \"le\" or \"be\")")),
    }
}

pub fn order_suffix(o: ByteOrder) -> &'static str {
    match o {
        ByteOrder::LittleEndian => "le",
        ByteOrder::BigEndian => "be",
    }
}

pub fn load_manifest(path: &Path) -> Result<Manifest, String> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    toml::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))
}

/// Expands a manifest entry into its workloads (one per byte order).
pub fn expand(spec: &Spec, types: &dyn TypeSource) -> Result<Vec<Workload>, String> {
    let mut out = Vec::new();
    for o in &spec.orders {
        let order = order_named(o)?;
        let params = Params::new(order, GiopVersion::V1_2);
        let subject = subject_for(spec, types)?;
        out.push(Workload {
            payload: format!("{}_{}", spec.name, order_suffix(order)),
            kind: spec.kind,
            class: spec.class,
            params,
            subject,
            count: spec.count,
            seed: spec.seed,
        });
    }
    Ok(out)
}

fn need_type(spec: &Spec, types: &dyn TypeSource) -> Result<TypeCode, String> {
    let name = spec.type_name.as_deref().ok_or_else(|| {
        format!(
            "workload {}: kind {:?} needs a `type`",
            spec.name, spec.kind
        )
    })?;
    types.type_named(name)
}

fn subject_for(spec: &Spec, types: &dyn TypeSource) -> Result<Option<Subject>, String> {
    let mut rng = Rng::new(spec.seed);
    let n = spec.count;
    Ok(Some(match spec.kind {
        Kind::SeqLong => Subject::SeqLong((0..n).map(|_| rng.next_u64() as i32).collect()),
        Kind::SeqDouble => {
            Subject::SeqDouble((0..n).map(|_| rng.below(1 << 40) as f64 / 1024.0).collect())
        }
        Kind::SeqOctet => Subject::SeqOctet((0..n).map(|_| rng.next_u64() as u8).collect()),
        Kind::SeqString => Subject::SeqString((0..n).map(|_| word(&mut rng, 24)).collect()),
        Kind::String => Subject::String(word(&mut rng, n)),
        Kind::Wstring => {
            Subject::WString((0..n).map(|i| char::from(b'A' + (i % 26) as u8)).collect())
        }
        Kind::Typecode => Subject::TypeCode(need_type(spec, types)?),
        Kind::Any => {
            let tc = need_type(spec, types)?;
            let value = generate(&tc, spec.seed, n.max(1));
            Subject::Any(Any { tc, value })
        }
        Kind::Static => {
            let tc = need_type(spec, types)?;
            let value = generate(&tc, spec.seed, n.max(1));
            let type_id = tc.id().unwrap_or_default().to_owned();
            Subject::Static { type_id, value }
        }
        Kind::GiopRequest | Kind::GiopReply | Kind::Reassemble => return Ok(None),
    }))
}

/// Writes a manifest that benchmarks one type of a user's IDL file (its
/// `any` in both byte orders and its TypeCode) and returns its path. The
/// IDL is parsed first so that a bad file or name fails here, with the
/// front end's file:line:column message.
pub fn user_manifest(
    idl: &Path,
    type_name: &str,
    count: usize,
    dir: &Path,
) -> Result<PathBuf, String> {
    let idl = std::fs::canonicalize(idl).map_err(|e| format!("{}: {e}", idl.display()))?;
    let types = crate::types::IdlTypes::load(&idl)?;
    types.type_named(type_name)?;
    let name: String = type_name
        .trim_start_matches("::")
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect::<String>()
        .replace("__", "_");
    let idl_text = idl
        .to_string_lossy()
        .replace('\\', "\\\\")
        .replace('"', "\\\"");
    let text = format!(
        "# Generated by giopbench for --idl {idl} --type {type_name}\n\
         idl = \"{idl_text}\"\n\n\
         [[workload]]\nname = \"{name}_x{count}\"\nkind = \"any\"\ntype = \"{type_name}\"\ncount = {count}\nseed = 1\norders = [\"le\", \"be\"]\nclass = \"any\"\n\n\
         [[workload]]\nname = \"{name}\"\nkind = \"typecode\"\ntype = \"{type_name}\"\norders = [\"le\"]\nclass = \"typecode\"\n",
        idl = idl.display()
    );
    std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let path = dir.join(format!("user-{name}.toml"));
    std::fs::write(&path, text).map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(path)
}

/// A lowercase ASCII word of up to `max_len` letters.
fn word(rng: &mut Rng, max_len: usize) -> String {
    let len = rng.below(max_len as u64 + 1) as usize;
    (0..len)
        .map(|_| char::from(b'a' + rng.below(26) as u8))
        .collect()
}
