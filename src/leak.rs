//! Where live-heap growth comes from: when the leak check sees the heap
//! grow, the calls are run again with allocation-site tracking on
//! (`alloc_count::set_tracking`), and the blocks allocated during the
//! second N calls and still live after them are grouped by call stack,
//! symbolised with `addr2line` through `/proc/self/maps`.

use crate::prepared::Prepared;
use std::collections::HashMap;
use std::process::Command;

/// One file mapping of `/proc/self/maps`.
#[derive(Clone, Debug, PartialEq)]
struct Mapping {
    start: usize,
    end: usize,
    offset: usize,
    exec: bool,
    path: String,
}

fn parse_maps(text: &str) -> Vec<Mapping> {
    text.lines()
        .filter_map(|l| {
            let mut it = l.split_whitespace();
            let (range, perms, offset) = (it.next()?, it.next()?, it.next()?);
            let path = it.nth(2)?;
            if !path.starts_with('/') {
                return None;
            }
            let (a, b) = range.split_once('-')?;
            Some(Mapping {
                start: usize::from_str_radix(a, 16).ok()?,
                end: usize::from_str_radix(b, 16).ok()?,
                offset: usize::from_str_radix(offset, 16).ok()?,
                exec: perms.contains('x'),
                path: path.to_owned(),
            })
        })
        .collect()
}

/// Function names of `pcs` (return addresses): one `addr2line` run per
/// binary; addresses outside any mapping stay hexadecimal.
fn symbolise(pcs: &[usize]) -> HashMap<usize, String> {
    let maps = std::fs::read_to_string("/proc/self/maps")
        .map(|t| parse_maps(&t))
        .unwrap_or_default();
    let mut by_file: HashMap<&str, Vec<(usize, usize)>> = HashMap::new();
    for &pc in pcs {
        let Some(m) = maps
            .iter()
            .find(|m| m.exec && (m.start..m.end).contains(&pc))
        else {
            continue;
        };
        // The load base is where the file's first page (offset 0, virtual
        // address 0 for PIE executables and shared objects) is mapped; a
        // return address points after its call, so look up pc - 1.
        let base = maps
            .iter()
            .filter(|x| x.path == m.path && x.offset == 0)
            .map(|x| x.start)
            .min()
            .unwrap_or(m.start - m.offset);
        by_file
            .entry(&m.path)
            .or_default()
            .push((pc, pc - 1 - base));
    }
    let mut out = HashMap::new();
    for (path, addrs) in by_file {
        let o = Command::new("addr2line")
            .args(["-f", "-C", "-e", path])
            .args(addrs.iter().map(|(_, a)| format!("{a:#x}")))
            .output();
        let Ok(o) = o else { continue };
        let text = String::from_utf8_lossy(&o.stdout).into_owned();
        let lines: Vec<&str> = text.lines().collect();
        for (k, (pc, _)) in addrs.iter().enumerate() {
            let (func, place) = (lines.get(2 * k), lines.get(2 * k + 1));
            if let Some(f) = func.filter(|f| **f != "??") {
                let loc = place
                    .filter(|p| !p.starts_with("??"))
                    .and_then(|p| p.rsplit('/').next())
                    .map_or(String::new(), |p| format!(" ({p})"));
                out.insert(*pc, format!("{}{loc}", strip_hash(f)));
            }
        }
    }
    out
}

/// `foo::bar::h0123456789abcdef` → `foo::bar`.
fn strip_hash(f: &str) -> &str {
    match f.rsplit_once("::h") {
        Some((head, h)) if h.len() == 16 && h.chars().all(|c| c.is_ascii_hexdigit()) => head,
        _ => f,
    }
}

/// Frames that are the allocator and the tracking itself, not the caller.
fn is_allocator_frame(name: &str) -> bool {
    [
        "backtrace",
        "track_alloc",
        "on_alloc",
        "malloc",
        "calloc",
        "realloc",
        "memalign",
        "__rust_alloc",
        "__rust_realloc",
        "__rdl_",
        "alloc::alloc",
        "alloc::raw_vec",
        "RawVec",
        "raw_vec",
        "alloc::boxed::Box<T>::new",
        "operator new",
        "std::sys::alloc",
        "__rustc::",
    ]
    .iter()
    .any(|k| name.contains(k))
}

/// Runs `p` 2×`n` times with site tracking and names the call stacks of
/// blocks allocated in the second `n` calls and still live (biggest
/// first, at most 3), e.g. `"96 B in 12 blocks at a <- b <- c"`.
pub fn growth_sites(p: &mut Prepared, n: u64) -> Vec<String> {
    // Room for every block the table can hold, allocated before counting.
    let mut blocks = Vec::with_capacity(1 << 16);
    alloc_count::set_enabled(true);
    alloc_count::set_tracking(true);
    let mut ok = (0..n).all(|_| p.call().is_ok());
    let gen = alloc_count::checkpoint();
    ok &= (0..n).all(|_| p.call().is_ok());
    let untracked = alloc_count::live_since(gen, &mut blocks);
    alloc_count::set_tracking(false);
    alloc_count::set_enabled(false);
    if !ok {
        return vec!["(a call failed while tracking sites)".into()];
    }
    let mut groups: HashMap<Vec<usize>, (u64, u64)> = HashMap::new();
    for b in &blocks {
        let stack = b.pc[..(b.frames as usize).min(b.pc.len())].to_vec();
        let e = groups.entry(stack).or_default();
        e.0 += b.size;
        e.1 += 1;
    }
    let mut all: Vec<usize> = groups.keys().flatten().copied().collect();
    all.sort_unstable();
    all.dedup();
    let names = symbolise(&all);
    let mut rows: Vec<(u64, u64, String)> = groups
        .into_iter()
        .map(|(stack, (bytes, count))| {
            let frames: Vec<String> = stack
                .iter()
                .map(|pc| names.get(pc).cloned().unwrap_or_else(|| format!("{pc:#x}")))
                .filter(|f| !is_allocator_frame(f))
                .take(3)
                .collect();
            (bytes, count, frames.join(" <- "))
        })
        .collect();
    rows.sort_by(|a, b| b.0.cmp(&a.0).then(a.2.cmp(&b.2)));
    let mut out: Vec<String> = rows
        .into_iter()
        .take(3)
        .map(|(bytes, count, at)| format!("{bytes} B in {count} blocks at {at}"))
        .collect();
    if untracked > 0 {
        out.push(format!("({untracked} blocks beyond the tracking table)"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_and_names_parse() {
        let maps = "55d0c000-55d0d000 r-xp 00001000 fd:01 123 /usr/bin/x\n\
                    55d0d000-55d0e000 rw-p 00002000 fd:01 123 /usr/bin/x\n\
                    7f00-7f10 r-xp 00000000 00:00 0 [vdso]\n";
        assert_eq!(
            parse_maps(maps),
            vec![
                Mapping {
                    start: 0x55d0c000,
                    end: 0x55d0d000,
                    offset: 0x1000,
                    exec: true,
                    path: "/usr/bin/x".into()
                },
                Mapping {
                    start: 0x55d0d000,
                    end: 0x55d0e000,
                    offset: 0x2000,
                    exec: false,
                    path: "/usr/bin/x".into()
                }
            ]
        );
        assert_eq!(strip_hash("a::b::h0123456789abcdef"), "a::b");
        assert_eq!(strip_hash("a::hello"), "a::hello");
        assert!(is_allocator_frame("alloc::raw_vec::RawVec<T>::grow_one"));
        assert!(!is_allocator_frame("corba_typecode::decode"));
    }
}
