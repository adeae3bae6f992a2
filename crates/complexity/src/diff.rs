//! Before/after: two snapshots compared per function, per file and in
//! total (function count, total, mean, 95th percentile, worst).

use crate::{percentile, Snapshot};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Summary figures of a set of functions (cyclomatic unless named).
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Summary {
    pub functions: usize,
    pub total: u64,
    pub mean: f64,
    pub p95: u32,
    pub max: u32,
    pub cognitive_total: u64,
    pub cognitive_mean: f64,
}

impl Summary {
    pub fn of(cc: &[u32], cognitive: &[u32]) -> Summary {
        let total: u64 = cc.iter().map(|&c| u64::from(c)).sum();
        let cog: u64 = cognitive.iter().map(|&c| u64::from(c)).sum();
        let n = cc.len().max(1) as f64;
        Summary {
            functions: cc.len(),
            total,
            mean: total as f64 / n,
            p95: percentile(cc, 95.0).unwrap_or(0),
            max: cc.iter().copied().max().unwrap_or(0),
            cognitive_total: cog,
            cognitive_mean: cog as f64 / n,
        }
    }
}

/// One function before and after; `None` where it does not exist.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FunctionChange {
    pub set: String,
    pub file: String,
    pub name: String,
    /// (cyclomatic, cognitive)
    pub before: Option<(u32, u32)>,
    pub after: Option<(u32, u32)>,
}

impl FunctionChange {
    pub fn delta(&self) -> i64 {
        let c = |v: Option<(u32, u32)>| v.map_or(0, |x| i64::from(x.0));
        c(self.after) - c(self.before)
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FileChange {
    pub set: String,
    pub file: String,
    pub before: Summary,
    pub after: Summary,
}

/// A set's (or everything's) summary before and after.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Change {
    pub set: String,
    pub before: Summary,
    pub after: Summary,
}

impl Change {
    /// after mean / before mean (the RDB goal's measure).
    pub fn mean_ratio(&self) -> Option<f64> {
        (self.before.mean > 0.0 && self.before.functions > 0)
            .then(|| self.after.mean / self.before.mean)
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Comparison {
    pub before: String,
    pub after: String,
    /// Per set, then `all`.
    pub sets: Vec<Change>,
    pub files: Vec<FileChange>,
    pub functions: Vec<FunctionChange>,
}

type Key = (String, String, String, usize);

/// Functions keyed by (set, file, name, n-th of that name in the file).
fn keyed(s: &Snapshot) -> BTreeMap<Key, (u32, u32)> {
    let mut m = BTreeMap::new();
    for (set, f) in &s.files {
        let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
        for func in &f.functions {
            let n = seen.entry(func.name.as_str()).or_default();
            m.insert(
                (set.clone(), f.path.clone(), func.name.clone(), *n),
                (func.cyclomatic, func.cognitive),
            );
            *n += 1;
        }
    }
    m
}

fn summary_where(m: &BTreeMap<Key, (u32, u32)>, keep: impl Fn(&Key) -> bool) -> Summary {
    let (cc, cog): (Vec<u32>, Vec<u32>) =
        m.iter().filter(|(k, _)| keep(k)).map(|(_, v)| *v).unzip();
    Summary::of(&cc, &cog)
}

impl Comparison {
    pub fn new(before: &Snapshot, after: &Snapshot) -> Comparison {
        let (b, a) = (keyed(before), keyed(after));
        let mut keys: Vec<&Key> = b.keys().chain(a.keys()).collect();
        keys.sort();
        keys.dedup();
        let functions = keys
            .iter()
            .map(|k| FunctionChange {
                set: k.0.clone(),
                file: k.1.clone(),
                name: k.2.clone(),
                before: b.get(*k).copied(),
                after: a.get(*k).copied(),
            })
            .collect();
        let mut files: Vec<(String, String)> =
            keys.iter().map(|k| (k.0.clone(), k.1.clone())).collect();
        files.dedup();
        let files = files
            .into_iter()
            .map(|(set, file)| FileChange {
                before: summary_where(&b, |k| k.0 == set && k.1 == file),
                after: summary_where(&a, |k| k.0 == set && k.1 == file),
                set,
                file,
            })
            .collect();
        let mut names: Vec<String> = keys.iter().map(|k| k.0.clone()).collect();
        names.dedup();
        let mut sets: Vec<Change> = names
            .into_iter()
            .map(|set| Change {
                before: summary_where(&b, |k| k.0 == set),
                after: summary_where(&a, |k| k.0 == set),
                set,
            })
            .collect();
        sets.push(Change {
            set: "all".into(),
            before: summary_where(&b, |_| true),
            after: summary_where(&a, |_| true),
        });
        Comparison {
            before: before.revision.clone(),
            after: after.revision.clone(),
            sets,
            files,
            functions,
        }
    }

    /// The `n` most complex functions after (ties: the larger increase first).
    pub fn worst(&self, n: usize) -> Vec<&FunctionChange> {
        let mut v: Vec<&FunctionChange> = self
            .functions
            .iter()
            .filter(|f| f.after.is_some())
            .collect();
        v.sort_by_key(|f| {
            (
                std::cmp::Reverse(f.after.map_or(0, |x| x.0)),
                std::cmp::Reverse(f.delta()),
            )
        });
        v.truncate(n);
        v
    }

    /// The `n` largest changes either way.
    pub fn largest_changes(&self, n: usize) -> Vec<&FunctionChange> {
        let mut v: Vec<&FunctionChange> =
            self.functions.iter().filter(|f| f.delta() != 0).collect();
        v.sort_by_key(|f| std::cmp::Reverse(f.delta().abs()));
        v.truncate(n);
        v
    }
}
