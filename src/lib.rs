#![forbid(unsafe_code)]
//! The side-by-side harness behind `giopbench` and the benches: workloads
//! from the corpus manifest and IDL, prepared operations on every backend,
//! measurements (latency percentiles, throughput, instructions,
//! allocations), judgements against the refactor's goals, and reports.

pub mod backends;
pub mod bottleneck;
pub mod compare;
pub mod complexity;
pub mod flame;
pub mod giop_ops;
pub mod html;
pub mod id;
pub mod judge;
pub mod leak;
pub mod measure;
pub mod noise;
pub mod prepared;
pub mod prometheus;
pub mod report;
pub mod results;
pub mod run;
pub mod stats;
pub mod types;
pub mod values;
pub mod workload;

use std::path::{Path, PathBuf};

/// The default manifest, `corpus/workloads.toml` beside this crate.
pub fn default_manifest() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/workloads.toml")
}

/// Loads every workload of a manifest, resolving types in its IDL file.
pub fn load_workloads(manifest: &Path) -> Result<Vec<workload::Workload>, String> {
    load_workloads_where(manifest, |_| true)
}

/// Loads the workloads whose manifest name passes `keep` (building values
/// only for those: `exec` under callgrind needs one).
pub fn load_workloads_where(
    manifest: &Path,
    keep: impl Fn(&str) -> bool,
) -> Result<Vec<workload::Workload>, String> {
    let m = workload::load_manifest(manifest)?;
    let idl = manifest.parent().unwrap_or(Path::new(".")).join(&m.idl);
    let types = types::IdlTypes::load(&idl)?;
    let mut out = Vec::new();
    for spec in m.workload.iter().filter(|s| keep(&s.name)) {
        match workload::expand(spec, &m, &workload::Overrides::default(), &types) {
            Ok(ws) => out.extend(ws),
            Err(e) => eprintln!("giopbench: skipping workload {}: {e}", spec.name),
        }
    }
    Ok(out)
}

/// The workloads that can give the bench id `id` (by payload name).
pub fn load_workloads_for(
    manifest: &Path,
    id: &prepared::BenchId,
) -> Result<Vec<workload::Workload>, String> {
    load_workloads_where(manifest, |n| n == id.workload_name())
}
pub mod load;

#[cfg(test)]
mod gungraun_ids {
    include!(concat!(env!("OUT_DIR"), "/gungraun_ids.rs"));

    /// The ids build.rs generates for gungraun are ids `giopbench list`
    /// gives (same manifest, same backends).
    #[test]
    fn gungraun_ids_are_bench_ids() {
        let workloads = crate::load_workloads(&crate::default_manifest()).unwrap();
        let backends = crate::backends::all();
        let mut listed = Vec::new();
        for w in &workloads {
            for op in w.operations() {
                let g = crate::run::prepare_group(w, op, &backends, None);
                listed.extend(g.prepared.iter().map(|p| p.id.to_string()));
            }
        }
        assert!(GUNGRAUN_IDS.len() >= 30, "{}", GUNGRAUN_IDS.len());
        for id in GUNGRAUN_IDS {
            crate::prepared::BenchId::parse(id).unwrap();
            assert!(listed.iter().any(|l| l == id), "{id} is not a bench id");
        }
    }
}
