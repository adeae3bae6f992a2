#![forbid(unsafe_code)]
//! Cyclomatic (McCabe) and cognitive complexity per function of Rust, C++
//! and Ada sources, parsed with tree-sitter grammars (`tree-sitter-rust`,
//! `tree-sitter-cpp`, `tree-sitter-ada`), compared between two git
//! revisions, and joined to callgrind profiles (which functions carry a hot
//! path's instructions).
//!
//! Counting rules (the same idea in every language; see `rules.rs`):
//! * cyclomatic = 1 + decision points: every two-way branch (`if`,
//!   `elsif`/`else if`, `while`, `for`, the `?:` operator, a Rust match
//!   guard, Rust's `?` and let-else, an Ada `exit when`, each C++ `catch`
//!   and Ada exception handler), each short-circuit operator (`&&`, `||`,
//!   `and then`, `or else`), and a multi-way branch with k outcomes adds
//!   k - 1 (a `match`/`case` of k arms, a `switch` of k non-default labels
//!   plus the way out). A bare `loop` adds nothing: its exits are the
//!   branches inside it.
//! * cognitive = SonarSource's rules (G. Ann Campbell, "Cognitive
//!   Complexity", 2017): +1 per `if`/`else if`/`else`, `switch`/`match`/
//!   `case`, loop, `catch`/handler, `?:`, sequence of like short-circuit
//!   operators and labelled jump, plus the nesting depth for the nesting
//!   structures; closures and lambdas nest without adding.

mod callgrind;
mod diff;
mod names;
mod rules;
mod sources;
mod stats;
mod walk;

pub use callgrind::{is_runtime, map_profile, Cost, FunctionCost, MappedProfile, Profile};
pub use diff::{Change, Comparison, FileChange, FunctionChange, Summary};
pub use sources::{
    analyze_set, git_show, glob_match, list_revision, list_tree, Manifest, Snapshot, SourceSet,
};
pub use stats::{percentile, spearman};

use serde::{Deserialize, Serialize};

/// A source language with a grammar compiled in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    Rust,
    Cpp,
    Ada,
}

impl Language {
    /// By file name: `.rs`; `.cc .cpp .cxx .hh .hpp .h .c`; `.adb .ads .ada`.
    pub fn from_path(path: &str) -> Option<Language> {
        let ext = path.rsplit_once('.')?.1.to_ascii_lowercase();
        match ext.as_str() {
            "rs" => Some(Language::Rust),
            "cc" | "cpp" | "cxx" | "c++" | "hh" | "hpp" | "hxx" | "h" | "c" => Some(Language::Cpp),
            "adb" | "ads" | "ada" => Some(Language::Ada),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Language::Rust => "rust",
            Language::Cpp => "cpp",
            Language::Ada => "ada",
        }
    }

    fn grammar(self) -> tree_sitter::Language {
        match self {
            Language::Rust => tree_sitter_rust::LANGUAGE.into(),
            Language::Cpp => tree_sitter_cpp::LANGUAGE.into(),
            Language::Ada => tree_sitter_ada::LANGUAGE.into(),
        }
    }

    /// How qualified names are joined (`Type::method`, `Pkg.Proc`).
    fn separator(self) -> &'static str {
        match self {
            Language::Ada => ".",
            _ => "::",
        }
    }
}

/// One function (Rust `fn` with a body, C++ function definition, Ada
/// subprogram body or expression function).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Function {
    /// Qualified by its enclosing impl/trait/mod, namespace/class, or
    /// package: `Reader::read_string`, `omni::cdrStream::marshal`,
    /// `Glb.Buffers.Put_Octet`.
    pub name: String,
    /// First and last line, 1-based.
    pub line: u32,
    pub end_line: u32,
    pub cyclomatic: u32,
    pub cognitive: u32,
}

/// Every function of one file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileMetrics {
    /// As given (relative to the repository root for source sets).
    pub path: String,
    pub language: Language,
    pub functions: Vec<Function>,
    /// Syntax errors the parser recovered from (a count above zero means
    /// some constructs were not understood; the counts near them may be low).
    pub parse_errors: u32,
}

/// Why a file could not be measured.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Error {
    /// The file name says no language this crate knows.
    UnknownLanguage(String),
    /// The grammar's ABI is not one the linked tree-sitter accepts.
    Grammar(Language),
    /// The parser gave no tree (it was cancelled or ran out of budget).
    NoTree(String),
    /// Reading a file or a revision failed.
    Io(String),
    /// A manifest is not valid.
    Manifest(String),
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Error::UnknownLanguage(p) => write!(f, "{p}: no grammar for this file name"),
            Error::Grammar(l) => write!(
                f,
                "the {} grammar is not supported by tree-sitter",
                l.as_str()
            ),
            Error::NoTree(p) => write!(f, "{p}: the parser gave no syntax tree"),
            Error::Io(m) | Error::Manifest(m) => f.write_str(m),
        }
    }
}

impl std::error::Error for Error {}

/// Measures every function in `source`, a file named `path` of `language`.
pub fn analyze(language: Language, path: &str, source: &str) -> Result<FileMetrics, Error> {
    let mut parser = tree_sitter::Parser::new();
    parser
        .set_language(&language.grammar())
        .map_err(|_| Error::Grammar(language))?;
    let tree = parser
        .parse(source, None)
        .ok_or_else(|| Error::NoTree(path.to_owned()))?;
    let (functions, parse_errors) = walk::functions(language, &tree, source.as_bytes());
    Ok(FileMetrics {
        path: path.to_owned(),
        language,
        functions,
        parse_errors,
    })
}

/// [`analyze`], with the language from the file name.
pub fn analyze_path(path: &str, source: &str) -> Result<FileMetrics, Error> {
    let language = Language::from_path(path).ok_or_else(|| Error::UnknownLanguage(path.into()))?;
    analyze(language, path, source)
}
