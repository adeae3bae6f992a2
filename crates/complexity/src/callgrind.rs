//! Callgrind profiles mapped to source functions: which functions carry a
//! hot path's instructions.
//!
//! A callgrind file gives self costs per (function, file, line): `fn=`
//! names the function (the symbol), `fl=` its file, `fi=`/`fe=` the file
//! of inlined code, and each cost line starts with a line number (absolute,
//! `+n`/`-n` relative, or `*` unchanged). The line after `calls=` is the
//! inclusive cost of a call, which is not the caller's own. A cost is
//! mapped to the innermost source function whose lines contain it in that
//! file (so inlined code counts for the function it was written in); when
//! the line is unknown (0) it falls back to the symbol's name.

use crate::Snapshot;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// Self instructions (Ir) of one function at one source line.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Cost {
    pub symbol: String,
    /// The function's own file (`fl=`).
    pub function_file: String,
    /// Where the instructions were written (`fi=`/`fe=` for inlined code).
    pub file: String,
    pub line: u32,
    pub ir: u64,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Profile {
    pub costs: Vec<Cost>,
    pub total: u64,
}

impl Profile {
    pub fn parse(text: &str) -> Profile {
        let mut files: HashMap<String, String> = HashMap::new();
        let mut fns: HashMap<String, String> = HashMap::new();
        // `(n) name` defines n, `(n)` refers to it, a bare name is itself.
        fn resolve(map: &mut HashMap<String, String>, spec: &str) -> String {
            let spec = spec.trim();
            match spec.strip_prefix('(').and_then(|r| r.split_once(')')) {
                Some((id, rest)) if !rest.trim().is_empty() => {
                    map.insert(id.to_owned(), rest.trim().to_owned());
                    rest.trim().to_owned()
                }
                Some((id, _)) => map.get(id).cloned().unwrap_or_else(|| format!("({id})")),
                None => spec.to_owned(),
            }
        }
        let mut agg: HashMap<(String, String, String, u32), u64> = HashMap::new();
        let (mut fl, mut fi, mut func) = (String::new(), String::new(), String::new());
        let (mut line, mut in_call) = (0u32, false);
        for l in text.lines() {
            if let Some((key, val)) = l.split_once('=') {
                match key {
                    "fl" => {
                        fl = resolve(&mut files, val);
                        fi = fl.clone();
                    }
                    "fi" | "fe" => fi = resolve(&mut files, val),
                    "fn" => {
                        func = resolve(&mut fns, val);
                        fi = fl.clone();
                    }
                    "cfn" => {
                        resolve(&mut fns, val);
                    }
                    "cfl" | "cfi" => {
                        resolve(&mut files, val);
                    }
                    "calls" => in_call = true,
                    _ => {}
                }
                continue;
            }
            let mut it = l.split_whitespace();
            let Some(pos) = it.next() else { continue };
            let new_line = match pos.as_bytes().first() {
                Some(b'+') => pos[1..].parse::<u32>().ok().map(|d| line.saturating_add(d)),
                Some(b'-') => pos[1..].parse::<u32>().ok().map(|d| line.saturating_sub(d)),
                Some(b'*') => Some(line),
                Some(c) if c.is_ascii_digit() => pos.parse().ok(),
                _ => None,
            };
            let Some(nl) = new_line else { continue };
            line = nl;
            let ir: u64 = it.next().and_then(|t| t.parse().ok()).unwrap_or(0);
            if in_call {
                in_call = false; // inclusive cost of the call: the callee's
                continue;
            }
            if ir > 0 {
                *agg.entry((func.clone(), fl.clone(), fi.clone(), line))
                    .or_default() += ir;
            }
        }
        let mut costs: Vec<Cost> = agg
            .into_iter()
            .map(|((symbol, function_file, file, line), ir)| Cost {
                symbol,
                function_file,
                file,
                line,
                ir,
            })
            .collect();
        costs.sort();
        let total = costs.iter().map(|c| c.ir).sum();
        Profile { costs, total }
    }
}

/// A source function's share of a profile.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FunctionCost {
    pub set: String,
    pub file: String,
    pub name: String,
    pub line: u32,
    pub self_ir: u64,
    pub cyclomatic: u32,
    pub cognitive: u32,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct MappedProfile {
    pub total_ir: u64,
    pub mapped_ir: u64,
    /// In the language runtimes: the C library (allocator, memcpy), Rust's
    /// core/alloc/std and compiler glue, libstdc++, GNAT's runtime. No
    /// ORB's source, so not counted against the coverage.
    pub runtime_ir: u64,
    /// Heaviest first.
    pub functions: Vec<FunctionCost>,
    /// Symbols whose instructions map to no measured source (heaviest first).
    pub unmapped: Vec<(String, u64)>,
}

impl MappedProfile {
    /// mapped / (total - runtime) instructions: how much of the ORB code a
    /// call runs through lies in measured sources.
    pub fn coverage(&self) -> f64 {
        let own = self.total_ir.saturating_sub(self.runtime_ir);
        if own == 0 {
            0.0
        } else {
            self.mapped_ir as f64 / own as f64
        }
    }

    /// Cyclomatic complexity weighted by each function's instructions: the
    /// complexity of the code a call runs through.
    pub fn weighted_cyclomatic(&self) -> Option<f64> {
        (self.mapped_ir > 0).then(|| {
            self.functions
                .iter()
                .map(|f| f.self_ir as f64 * f64::from(f.cyclomatic))
                .sum::<f64>()
                / self.mapped_ir as f64
        })
    }
}

/// `corba_cdr::reader::Reader::read_string::h0123…` → segments
/// `[corba_cdr, reader, Reader, read_string]`; `<A as B>::m` → `A::m`;
/// C++ parameter lists dropped; GNAT's `glb__buffers__put` → `glb.buffers.put`.
fn symbol_segments(symbol: &str) -> Vec<String> {
    let mut s = symbol.trim().to_owned();
    if let Some(rest) = s.strip_prefix('<') {
        if let Some((inner, tail)) = rest.split_once(" as ") {
            let tail = tail.split_once(">::").map_or("", |(_, t)| t);
            s = format!("{inner}::{tail}");
        }
    }
    // Drop generic arguments and parameter lists.
    let mut out = String::new();
    let mut depth = 0i32;
    for ch in s.chars() {
        match ch {
            '<' | '(' => depth += 1,
            '>' | ')' => depth -= 1,
            _ if depth == 0 => out.push(ch),
            _ => {}
        }
    }
    let out = out.replace("__", "::").replace('.', "::");
    out.split("::")
        // `f'2` is callgrind's name for the second recursion level of f.
        .filter_map(|x| x.split_whitespace().next())
        .map(|x| x.split('\'').next().unwrap_or(x))
        .filter(|x| !x.starts_with('{') && !is_hash(x))
        .map(|x| x.to_ascii_lowercase())
        .collect()
}

fn is_hash(seg: &str) -> bool {
    seg.len() == 17 && seg.starts_with('h') && seg[1..].bytes().all(|b| b.is_ascii_hexdigit())
}

/// The source function a symbol names, among `file`'s functions: the one
/// whose qualified name is the longest tail of the symbol.
/// At least `min_segments` of the name must match.
fn by_name<'a>(
    symbol: &str,
    file: &'a crate::FileMetrics,
    min_segments: usize,
) -> Option<&'a crate::Function> {
    let sym = symbol_segments(symbol);
    file.functions
        .iter()
        .filter_map(|f| {
            let name: Vec<String> = f
                .name
                .split(['.', ':'])
                .filter(|x| !x.is_empty())
                .map(str::to_ascii_lowercase)
                .collect();
            (name.len() >= min_segments && sym.ends_with(&name)).then_some((name.len(), f))
        })
        .max_by_key(|(n, _)| *n)
        .map(|(_, f)| f)
}

/// Is this runtime code (see [`MappedProfile::runtime_ir`])? Rust's
/// libraries by file (`/rustc/...`) or first path segment, C functions by
/// being unqualified (no `::`, not GNAT's `pkg__name`), GNAT's runtime by
/// its package prefixes.
pub fn is_runtime(symbol: &str, file: &str) -> bool {
    let s = symbol.trim();
    let gnat = s.starts_with(|c: char| c.is_ascii_alphabetic()) && s.contains("__");
    let c_function = !s.contains("::") && !gnat;
    let seg = symbol_segments(s);
    file.starts_with("/rustc/")
        || c_function
        || s.starts_with("__rustc::")
        || s.starts_with("operator new")
        || s.starts_with("operator delete")
        || seg.first().is_none_or(|first| {
            matches!(
                first.as_str(),
                "core" | "alloc" | "std" | "system" | "ada" | "interfaces" | "gnat"
            )
        })
}

/// The innermost function of `fm` whose lines hold `line`.
fn innermost(fm: &crate::FileMetrics, line: u32) -> Option<&crate::Function> {
    fm.functions
        .iter()
        .filter(|f| line > 0 && f.line <= line && line <= f.end_line)
        .min_by_key(|f| f.end_line - f.line)
}

/// Maps every cost of `profile` to a function of `snapshot`.
pub fn map_profile(profile: &Profile, snapshot: &Snapshot) -> MappedProfile {
    // (set, file, function, line) -> (self Ir, cyclomatic, cognitive)
    type Key = (String, String, String, u32);
    let mut per: HashMap<Key, (u64, u32, u32)> = HashMap::new();
    let mut unmapped: HashMap<String, u64> = HashMap::new();
    let (mut mapped, mut runtime) = (0, 0);
    for c in &profile.costs {
        let (symbol, line) = (&c.symbol, c.line);
        let hit = match (
            snapshot.file_for(&c.file),
            snapshot.file_for(&c.function_file),
        ) {
            // Written in a measured file: the function whose lines hold it
            // (inlined code counts where it was written).
            (Some((set, fm)), _) => innermost(fm, line)
                .or_else(|| by_name(symbol, fm, 1))
                .map(|f| (set, fm, f)),
            // Inlined from elsewhere (std, a header) into a measured
            // function: that function runs it.
            (None, Some((set, fm))) => by_name(symbol, fm, 1)
                .or_else(|| {
                    (c.file == c.function_file)
                        .then(|| innermost(fm, line))
                        .flatten()
                })
                .map(|f| (set, fm, f)),
            // No debug information (`???`, e.g. GNAT objects built without
            // -g) or a file outside the sets: the symbol alone, qualified.
            (None, None) => snapshot
                .files
                .iter()
                .find_map(|(set, fm)| by_name(symbol, fm, 2).map(|f| (set, fm, f))),
        };
        let ir = &c.ir;
        match hit {
            Some((set, fm, f)) => {
                mapped += ir;
                per.entry((set.clone(), fm.path.clone(), f.name.clone(), f.line))
                    .or_insert((0, f.cyclomatic, f.cognitive))
                    .0 += ir;
            }
            None => {
                if is_runtime(symbol, &c.function_file) {
                    runtime += ir;
                }
                *unmapped.entry(symbol.clone()).or_default() += ir
            }
        }
    }
    let mut functions: Vec<FunctionCost> = per
        .into_iter()
        .map(|((set, file, name, line), (ir, cc, cog))| FunctionCost {
            set,
            file,
            name,
            line,
            self_ir: ir,
            cyclomatic: cc,
            cognitive: cog,
        })
        .collect();
    functions.sort_by(|a, b| b.self_ir.cmp(&a.self_ir).then(a.name.cmp(&b.name)));
    let mut unmapped: Vec<(String, u64)> = unmapped.into_iter().collect();
    unmapped.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    unmapped.truncate(10);
    MappedProfile {
        total_ir: profile.total,
        mapped_ir: mapped,
        runtime_ir: runtime,
        functions,
        unmapped,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn symbols_are_normalised() {
        assert_eq!(
            symbol_segments("corba_cdr::reader::Reader::read_string::h0123456789abcdef"),
            ["corba_cdr", "reader", "reader", "read_string"]
        );
        assert_eq!(
            symbol_segments("<corba_cdr::writer::Writer as core::fmt::Debug>::fmt"),
            ["corba_cdr", "writer", "writer", "fmt"]
        );
        assert_eq!(
            symbol_segments("omni::cdrStream::marshalLong(int) const"),
            ["omni", "cdrstream", "marshallong"]
        );
        assert_eq!(
            symbol_segments("glb__buffers__put_octet"),
            ["glb", "buffers", "put_octet"]
        );
    }
}

#[cfg(test)]
mod runtime_tests {
    use super::is_runtime;

    #[test]
    fn runtime_code_is_told_apart() {
        for rt in [
            "malloc",
            "_int_free",
            "unlink_chunk.constprop.0",
            "__memcpy_avx_unaligned_erms",
            "__rustc::__rdl_alloc",
            "core::ptr::drop_in_place<corba_typecode::model::Value>",
            "<alloc::vec::Vec<T> as core::ops::Drop>::drop",
            "std::__cxx11::basic_string<char>::_M_create(unsigned long&, unsigned long)",
            "system__secondary_stack__ss_allocate",
            "operator new(unsigned long)",
        ] {
            assert!(is_runtime(rt, ""), "{rt}");
        }
        for own in [
            "corba_cdr::reader::Reader::read_string",
            "<corba_cdr::writer::Writer as core::fmt::Debug>::fmt",
            "glb__buffers__put_octet",
            "omni::cdrStream::marshalOctet(unsigned char)",
            "CORBA::TypeCode::unmarshalTypeCode(cdrStream&)",
        ] {
            assert!(!is_runtime(own, ""), "{own}");
        }
        // Rust's libraries inlined elsewhere are known by their file.
        assert!(is_runtime("x::y", "/rustc/abc/library/core/src/num/mod.rs"));
    }
}
