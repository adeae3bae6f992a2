//! Callgrind symbols and lines mapped back to source functions, on a small
//! synthetic callgrind file.

use giop_complexity::{analyze_path, map_profile, Profile, Snapshot};

const READER: &str = "\
pub struct Reader;
impl Reader {
    pub fn read_string(&mut self) -> u32 {
        let n = self.read_ulong();
        if n == 0 { 0 } else { n }
    }
    fn read_ulong(&mut self) -> u32 {
        4
    }
}
";

const BUFFERS: &str = "\
package body Glb.Buffers is
   procedure Put_Octet (B : in out Buffer; V : Octet) is
   begin
      if B.Last = B.Data'Last then
         Grow (B);
      end if;
   end Put_Octet;
end Glb.Buffers;
";

// Compressed names `(n) name` / `(n)`, relative line numbers, a call
// (whose inclusive cost is not the caller's own), inlined code (`fi=`),
// std code inlined into a measured function, a cost without a line
// (mapped by the symbol's name), libc, and a library without sources.
const PROFILE: &str = "\
version: 1
creator: callgrind-3.19.0
positions: line
events: Ir
fl=(1) /home/ci/giopbench/crates/cdr/src/reader.rs
fn=(1) corba_cdr::reader::Reader::read_string::h0123456789abcdef
4 10
+1 5
fi=(4) /rustc/0123/library/core/src/num/mod.rs
120 9
fe=(1)
cfl=(1)
cfn=(2) corba_cdr::reader::Reader::read_ulong::hfedcba9876543210
calls=1 7
-1 1000
fi=(1)
8 7
fn=(2)
8 3
fl=(2) /usr/src/glibc/memcpy.S
fn=(3) __memmove_avx_unaligned
0 40
fl=(5) ???
fn=(5) omni::cdrStream::marshalOctet(unsigned char)
0 31
fl=(3) ffi/ada/build/glb-buffers.adb
fn=(4) glb__buffers__put_octet
0 20
5 15
summary: 100
";

#[test]
fn costs_map_to_the_functions_that_carry_them() {
    let snap = Snapshot {
        revision: "working tree".into(),
        files: vec![
            (
                "rust-core".into(),
                analyze_path("crates/cdr/src/reader.rs", READER).unwrap(),
            ),
            (
                "ada".into(),
                analyze_path("ffi/ada/src/glb-buffers.adb", BUFFERS).unwrap(),
            ),
        ],
        skipped: vec![],
    };
    let p = Profile::parse(PROFILE);
    // Self costs only: 10 + 5 + 9 + 7 + 3 + 40 + 31 + 20 + 15 (not the
    // call's 1000).
    assert_eq!(p.total, 140);
    let m = map_profile(&p, &snap);
    let ir = |name: &str| {
        m.functions
            .iter()
            .find(|f| f.name == name)
            .map(|f| (f.self_ir, f.cyclomatic))
    };
    // Lines 4 and 5 lie in read_string (lines 3-6), and the 9 of std's
    // num/mod.rs were inlined into it: 24, cc 2.
    assert_eq!(ir("Reader::read_string"), Some((24, 2)));
    // read_ulong's own 3 plus the 7 inlined into read_string at line 8
    // (read_ulong's lines 7-9): 10.
    assert_eq!(ir("Reader::read_ulong"), Some((10, 1)));
    // `ffi/ada/build/glb-buffers.adb` is not the measured
    // `ffi/ada/src/glb-buffers.adb` (files match by their whole relative
    // path), so GNAT's qualified symbol decides: Put_Octet (cc 2), 35.
    assert_eq!(ir("Glb.Buffers.Put_Octet"), Some((35, 2)));
    assert_eq!(m.mapped_ir, 69);
    assert_eq!(
        m.unmapped,
        vec![
            ("__memmove_avx_unaligned".to_owned(), 40),
            (
                "omni::cdrStream::marshalOctet(unsigned char)".to_owned(),
                31
            )
        ]
    );
    // memmove is the C library's (runtime); omniORB's function is ORB code
    // without sources: coverage 69 / (140 - 40).
    assert_eq!(m.runtime_ir, 40);
    assert!((m.coverage() - 0.69).abs() < 1e-12);
    // Weighted: (24·2 + 10·1 + 35·2) / 69 = 128 / 69.
    assert!((m.weighted_cyclomatic().unwrap() - 128.0 / 69.0).abs() < 1e-12);
}

#[test]
fn a_cost_without_a_line_maps_by_the_symbol_name() {
    let snap = Snapshot {
        revision: "working tree".into(),
        files: vec![(
            "ada".into(),
            analyze_path("ffi/ada/src/glb-buffers.adb", BUFFERS).unwrap(),
        )],
        skipped: vec![],
    };
    let text = "events: Ir\nfl=/x/ffi/ada/src/glb-buffers.adb\nfn=glb__buffers__put_octet\n0 20\n5 15\n99 1\n\
                fl=???\nfn=glb__buffers__put_octet'2\n0 4\nfn=put_octet\n0 100\n";
    let m = map_profile(&Profile::parse(text), &snap);
    // Line 0: by GNAT's symbol; line 5: inside Put_Octet (lines 2-7);
    // line 99 lies in no function, so the name decides again. Without a
    // file (`???`: no debug information) a qualified symbol still maps
    // (`'2` is a recursion level), a bare `put_octet` does not.
    assert_eq!(m.functions.len(), 1);
    assert_eq!(m.functions[0].name, "Glb.Buffers.Put_Octet");
    assert_eq!(m.functions[0].self_ir, 40);
    assert_eq!(m.functions[0].cyclomatic, 2);
    assert_eq!(m.unmapped, vec![("put_octet".to_owned(), 100)]);
    assert_eq!(m.total_ir, 140);
    // The bare `put_octet` is unqualified, like a C function: runtime.
    assert_eq!((m.runtime_ir, m.coverage()), (100, 1.0));
}
