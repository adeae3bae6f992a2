//! Source sets (paths or globs per backend, from `corpus/complexity.toml`
//! or the command line) and reading them from the working tree or from any
//! git revision (`git ls-tree` + `git show REV:path`, no checkout).

use crate::{analyze_path, Error, FileMetrics, Language};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use std::process::Command;

/// The sources of one backend.
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct SourceSet {
    /// A name for reports (`rust-core`, `omniorb-shim`, ...).
    pub name: String,
    /// The backend whose callgrind profiles run through these sources.
    pub backend: String,
    /// Globs relative to `root`: `*` and `?` stay within a path segment,
    /// `**` spans any number of segments.
    pub paths: Vec<String>,
    #[serde(default)]
    pub exclude: Vec<String>,
    /// A directory (or git checkout) outside the repository, e.g. a PolyORB
    /// tree; relative to the repository root when not absolute.
    #[serde(default)]
    pub root: Option<PathBuf>,
}

#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    /// The RDB goal as a ratio: after / before at most this (0.70 = ↓30%).
    #[serde(default = "default_goal")]
    pub goal: f64,
    #[serde(rename = "set")]
    pub sets: Vec<SourceSet>,
}

fn default_goal() -> f64 {
    0.70
}

impl Manifest {
    pub fn load(path: &Path) -> Result<Manifest, Error> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| Error::Manifest(format!("{}: {e}", path.display())))?;
        toml::from_str(&text).map_err(|e| Error::Manifest(format!("{}: {e}", path.display())))
    }
}

/// `*`, `?` (within a segment) and `**` (any number of segments).
pub fn glob_match(pattern: &str, path: &str) -> bool {
    let p: Vec<&str> = pattern.split('/').filter(|s| !s.is_empty()).collect();
    let s: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    match_segments(&p, &s)
}

fn match_segments(p: &[&str], s: &[&str]) -> bool {
    match p.first() {
        None => s.is_empty(),
        Some(&"**") => (0..=s.len()).any(|k| match_segments(&p[1..], &s[k..])),
        Some(seg) => {
            !s.is_empty()
                && match_one(seg.as_bytes(), s[0].as_bytes())
                && match_segments(&p[1..], &s[1..])
        }
    }
}

fn match_one(p: &[u8], s: &[u8]) -> bool {
    // Iterative wildcard match with one backtrack point per `*`.
    let (mut i, mut j, mut star, mut mark) = (0, 0, None, 0);
    while j < s.len() {
        if i < p.len() && (p[i] == b'?' || p[i] == s[j]) {
            i += 1;
            j += 1;
        } else if i < p.len() && p[i] == b'*' {
            star = Some(i);
            mark = j;
            i += 1;
        } else if let Some(st) = star {
            i = st + 1;
            mark += 1;
            j = mark;
        } else {
            return false;
        }
    }
    p[i..].iter().all(|&c| c == b'*')
}

fn selected(set: &SourceSet, path: &str) -> bool {
    Language::from_path(path).is_some()
        && set.paths.iter().any(|g| glob_match(g, path))
        && !set.exclude.iter().any(|g| glob_match(g, path))
}

fn root_of(set: &SourceSet, repo: &Path) -> PathBuf {
    match &set.root {
        Some(r) if r.is_absolute() => r.clone(),
        Some(r) => repo.join(r),
        None => repo.to_path_buf(),
    }
}

/// Files of `set` in the working tree under `root`, relative, sorted.
pub fn list_tree(set: &SourceSet, root: &Path) -> Vec<String> {
    let mut out = Vec::new();
    let mut dirs = vec![PathBuf::new()];
    while let Some(rel) = dirs.pop() {
        let Ok(rd) = std::fs::read_dir(root.join(&rel)) else {
            continue;
        };
        for e in rd.flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            let r = rel.join(&name);
            let Ok(ft) = e.file_type() else { continue };
            if ft.is_dir() {
                if !matches!(name.as_str(), ".git" | "target" | "node_modules") {
                    dirs.push(r);
                }
            } else if ft.is_file() && selected(set, &r.to_string_lossy()) {
                out.push(r.to_string_lossy().into_owned());
            }
        }
    }
    out.sort();
    out
}

fn git(dir: &Path, args: &[&str]) -> Result<Vec<u8>, Error> {
    let o = Command::new("git")
        .current_dir(dir)
        .args(args)
        .output()
        .map_err(|e| Error::Io(format!("cannot run git: {e}")))?;
    if !o.status.success() {
        return Err(Error::Io(format!(
            "git {}: {}",
            args.join(" "),
            String::from_utf8_lossy(&o.stderr).trim()
        )));
    }
    Ok(o.stdout)
}

/// Files of `set` at revision `rev` of the git repository at `root`
/// (paths relative to `root`).
pub fn list_revision(set: &SourceSet, root: &Path, rev: &str) -> Result<Vec<String>, Error> {
    // Paths relative to `root` even when it is a subdirectory of the repository.
    let out = git(root, &["ls-tree", "-r", "--name-only", "--full-tree", rev])?;
    let prefix = String::from_utf8_lossy(&git(root, &["rev-parse", "--show-prefix"])?)
        .trim()
        .to_owned();
    let mut files: Vec<String> = String::from_utf8_lossy(&out)
        .lines()
        .filter_map(|l| l.strip_prefix(prefix.as_str()).map(str::to_owned))
        .filter(|l| selected(set, l))
        .collect();
    files.sort();
    Ok(files)
}

/// The text of `path` (relative to `root`) at `rev`.
pub fn git_show(root: &Path, rev: &str, path: &str) -> Result<String, Error> {
    let bytes = git(root, &["show", &format!("{rev}:./{path}")])?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

/// The measured files of every set, at one point in history.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Snapshot {
    /// `working tree` or the revision as given, with its commit.
    pub revision: String,
    /// (set name, file)
    pub files: Vec<(String, FileMetrics)>,
    /// Files that could not be read or parsed, with why.
    pub skipped: Vec<String>,
}

impl Snapshot {
    /// Finds a file by the tail of a path (callgrind gives absolute paths).
    pub fn file_for(&self, path: &str) -> Option<&(String, FileMetrics)> {
        self.files
            .iter()
            .filter(|(_, f)| path == f.path || path.ends_with(&format!("/{}", f.path)))
            .max_by_key(|(_, f)| f.path.len())
    }
}

/// Measures every set at `rev` (`None`: the working tree). `repo` is the
/// repository root that relative roots and paths start from.
pub fn analyze_set(sets: &[SourceSet], repo: &Path, rev: Option<&str>) -> Result<Snapshot, Error> {
    let mut snap = Snapshot {
        revision: rev.map_or("working tree".to_owned(), str::to_owned),
        ..Snapshot::default()
    };
    for set in sets {
        let root = root_of(set, repo);
        let files = match rev {
            None => list_tree(set, &root),
            Some(r) => list_revision(set, &root, r)?,
        };
        for rel in files {
            let text = match rev {
                None => std::fs::read(root.join(&rel))
                    .map(|b| String::from_utf8_lossy(&b).into_owned())
                    .map_err(|e| Error::Io(format!("{rel}: {e}"))),
                Some(r) => git_show(&root, r, &rel),
            };
            let shown = if set.root.is_some() {
                root.join(&rel).to_string_lossy().into_owned()
            } else {
                rel.clone()
            };
            match text.and_then(|t| analyze_path(&shown, &t)) {
                Ok(m) => snap.files.push((set.name.clone(), m)),
                Err(e) => snap.skipped.push(e.to_string()),
            }
        }
    }
    Ok(snap)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn globs_match_segments() {
        assert!(glob_match(
            "crates/cdr/src/**/*.rs",
            "crates/cdr/src/reader.rs"
        ));
        assert!(glob_match(
            "crates/cdr/src/**/*.rs",
            "crates/cdr/src/a/b/c.rs"
        ));
        assert!(!glob_match("crates/cdr/src/*.rs", "crates/cdr/src/a/c.rs"));
        assert!(glob_match(
            "ffi/ada/src/glb-*.ad?",
            "ffi/ada/src/glb-buffers.adb"
        ));
        assert!(!glob_match("ffi/ada/src/glb-*.ad?", "ffi/ada/src/lib.rs"));
        assert!(glob_match("**", "x/y"));
        assert!(glob_match("a/**", "a"));
        assert!(!glob_match("*.rs", "a/b.rs"));
    }
}
