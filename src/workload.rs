//! Workloads: the manifest (`corpus/workloads.toml`), its IDL types, and the
//! cases each workload gives every backend.

use crate::id::Operation;
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
    /// Byte orders (`"le"`, `"be"`); default the manifest's `orders`.
    #[serde(default)]
    pub orders: Option<Vec<String>>,
    /// GIOP version of the CDR rules (`"1.0"`, `"1.1"`, `"1.2"`); default
    /// the manifest's `giop`.
    #[serde(default)]
    pub giop: Option<String>,
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
    /// The default GIOP version of the workloads (default `"1.2"`).
    #[serde(default)]
    pub giop: Option<String>,
    /// The default byte orders of the workloads (default `["le"]`).
    #[serde(default)]
    pub orders: Option<Vec<String>>,
    pub workload: Vec<Spec>,
}

/// Command-line overrides of the manifest (`--giop`, `--order`): they win
/// over the manifest's defaults and every workload's own fields.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Overrides {
    pub giop: Option<GiopVersion>,
    pub orders: Vec<ByteOrder>,
}

impl Overrides {
    pub fn is_empty(&self) -> bool {
        self.giop.is_none() && self.orders.is_empty()
    }
}

/// The GIOP version and byte orders one workload runs in: the overrides',
/// else its own, else the manifest's defaults, else GIOP 1.2 little-endian.
pub fn settings_of(
    spec: &Spec,
    manifest: &Manifest,
    over: &Overrides,
) -> Result<(GiopVersion, Vec<ByteOrder>), String> {
    let giop = match over.giop {
        Some(g) => g,
        None => spec
            .giop
            .as_deref()
            .or(manifest.giop.as_deref())
            .map_or(Ok(GiopVersion::V1_2), giop_named)?,
    };
    let orders = if over.orders.is_empty() {
        spec.orders
            .as_ref()
            .or(manifest.orders.as_ref())
            .map_or(Ok(vec![ByteOrder::LittleEndian]), |os| {
                os.iter().map(|o| order_named(o)).collect()
            })?
    } else {
        over.orders.clone()
    };
    Ok((giop, orders))
}

/// `"1.0"`, `"1.1"` or `"1.2"`.
pub fn giop_named(s: &str) -> Result<GiopVersion, String> {
    GiopVersion::ALL
        .into_iter()
        .find(|v| v.to_string() == s.trim())
        .ok_or_else(|| format!("unknown GIOP version {s:?} (use \"1.0\", \"1.1\" or \"1.2\")"))
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

    /// The operations of this workload's bench ids: `encode_<family>` and
    /// `decode_<family>` of its subject, or its GIOP operation.
    pub fn operations(&self) -> Vec<Operation> {
        match self.kind {
            Kind::GiopRequest => vec![Operation::EncodeRequest],
            Kind::GiopReply => vec![Operation::DecodeReply],
            Kind::Reassemble => vec![Operation::Reassemble],
            _ => self
                .subject
                .as_ref()
                .and_then(|s| Operation::pair_of_family(s.family()))
                .map_or_else(Vec::new, Vec::from),
        }
    }
}

/// Where workload types come from: an IDL file and a scoped name.
pub trait TypeSource {
    fn type_named(&self, scoped_name: &str) -> Result<TypeCode, String>;
}

/// `"le"` or `"be"`.
pub fn order_named(s: &str) -> Result<ByteOrder, String> {
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

/// Expands a manifest entry into its workloads (one per byte order), in
/// the GIOP version and byte orders of [`settings_of`].
pub fn expand(
    spec: &Spec,
    manifest: &Manifest,
    over: &Overrides,
    types: &dyn TypeSource,
) -> Result<Vec<Workload>, String> {
    let (giop, orders) = settings_of(spec, manifest, over)?;
    let mut out = Vec::new();
    for order in orders {
        let params = Params::new(order, giop);
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

/// Writes `manifest` with the overrides applied (the top-level `giop` and
/// `orders` set, the workloads' own removed, the IDL path made absolute)
/// under `dir` and returns its path; every child `giopbench exec` reads
/// the same workloads from it. Without overrides, returns `manifest`.
pub fn with_overrides(manifest: &Path, over: &Overrides, dir: &Path) -> Result<PathBuf, String> {
    if over.is_empty() {
        return Ok(manifest.to_owned());
    }
    load_manifest(manifest)?; // a bad manifest fails with its own message
    let text = std::fs::read_to_string(manifest)
        .map_err(|e| format!("cannot read {}: {e}", manifest.display()))?;
    let mut t: toml::Table = toml::from_str(&text).map_err(|e| e.to_string())?;
    let base = manifest.parent().unwrap_or(Path::new("."));
    if let Some(toml::Value::String(idl)) = t.get("idl").cloned() {
        let abs = std::fs::canonicalize(base.join(&idl))
            .map_err(|e| format!("{}: {e}", base.join(&idl).display()))?;
        t.insert("idl".into(), abs.to_string_lossy().into_owned().into());
    }
    let mut clear = Vec::new();
    if let Some(g) = over.giop {
        t.insert("giop".into(), g.to_string().into());
        clear.push("giop");
    }
    if !over.orders.is_empty() {
        let os: Vec<toml::Value> = over
            .orders
            .iter()
            .map(|&o| order_suffix(o).into())
            .collect();
        t.insert("orders".into(), os.into());
        clear.push("orders");
    }
    if let Some(toml::Value::Array(ws)) = t.get_mut("workload") {
        for w in ws.iter_mut().filter_map(toml::Value::as_table_mut) {
            for k in &clear {
                w.remove(*k);
            }
        }
    }
    let stem = manifest
        .file_stem()
        .map_or("workloads".into(), |s| s.to_string_lossy().into_owned());
    let mut suffix = String::new();
    if let Some(g) = over.giop {
        suffix += &format!("-giop{}{}", g.major, g.minor);
    }
    for &o in &over.orders {
        suffix += &format!("-{}", order_suffix(o));
    }
    std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let path = dir.join(format!("{stem}{suffix}.toml"));
    let out = format!(
        "# {} with --giop/--order overrides (written by giopbench)\n{}",
        manifest.display(),
        toml::to_string(&t).map_err(|e| e.to_string())?
    );
    std::fs::write(&path, out).map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(path)
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
