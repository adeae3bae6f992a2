//! The run's complexity join on synthetic data: source sets, callgrind
//! profiles and results written by hand, so every figure below is known.

use giopbench::complexity::{for_run, profile_file, report_section};
use giopbench::judge::Evidence;
use giopbench::prepared::{BenchId, Operation};
use giopbench::results::{Entry, Meta, Results};
use giopbench::stats::Latency;
use giopbench::workload::Class;
use std::path::PathBuf;

const RUST: &str = "\
fn simple() {}
fn two(x: bool) { if x {} }
fn four(a: bool, b: bool, c: bool) { if a && b || c {} }
";

const ADA: &str = "\
package body P is
   procedure Big (X : Integer) is
   begin
      if X > 1 then null; elsif X > 2 then null; elsif X > 3 then null; end if;
   end Big;
   procedure Mid (X : Integer) is
   begin
      if X > 1 then null; end if;
   end Mid;
end P;
";

const SETS: &str = r#"
goal = 0.70
[[set]]
name = "core"
backend = "rust"
paths = ["src/**/*.rs"]
[[set]]
name = "ada"
backend = "ada"
paths = ["ada/*.adb"]
"#;

fn scratch() -> PathBuf {
    let d = std::env::temp_dir().join(format!("giopbench-cx-join-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    for sub in ["corpus", "src", "ada", "run/callgrind"] {
        std::fs::create_dir_all(d.join(sub)).unwrap();
    }
    d
}

fn latency(p95: u64) -> Option<Latency> {
    Some(Latency {
        samples: 100,
        min_ns: 1,
        p50_ns: p95,
        p95_ns: p95,
        p99_ns: p95,
        max_ns: p95,
        mean_ns: p95 as f64,
    })
}

#[test]
fn hot_paths_get_the_complexity_of_the_functions_carrying_them() {
    let d = scratch();
    std::fs::write(d.join("corpus/complexity.toml"), SETS).unwrap();
    std::fs::write(d.join("src/a.rs"), RUST).unwrap();
    std::fs::write(d.join("ada/p.adb"), ADA).unwrap();
    let rs = d.join("src/a.rs").display().to_string();
    // (payload, rust costs (line, Ir), ada symbols (name, Ir), rust/ada
    // instructions, rust/ada p95)
    // a: simple (cc 1) against Big (cc 4): 0.25.
    // b: two (cc 2) against Mid (cc 2): 1.0.
    // c: half four (cc 4), half two (cc 2) = 3 against Mid (cc 2): 1.5.
    type Case<'a> = (
        &'a str,
        Vec<(u32, u64)>,
        Vec<(&'a str, u64)>,
        (f64, f64),
        (u64, u64),
    );
    let cases: Vec<Case<'_>> = vec![
        (
            "a",
            vec![(1, 100)],
            vec![("p__big", 100)],
            (200.0, 100.0),
            (50, 100),
        ),
        (
            "b",
            vec![(2, 100)],
            vec![("p__mid", 100)],
            (100.0, 100.0),
            (90, 100),
        ),
        (
            "c",
            vec![(3, 50), (2, 50)],
            vec![("p__mid", 100)],
            (50.0, 100.0),
            (120, 100),
        ),
    ];
    let mut entries = Vec::new();
    let mut judgements = Vec::new();
    for (payload, rust, ada, ins, p95) in &cases {
        let rid = BenchId::new(Operation::DecodeAny, "rust", payload);
        let aid = BenchId::new(Operation::DecodeAny, "ada", payload);
        let mut text = format!("events: Ir\nfl={rs}\nfn=a::f\n");
        for (line, ir) in rust {
            text += &format!("{line} {ir}\n");
        }
        std::fs::write(profile_file(&d.join("run/callgrind"), &rid), text).unwrap();
        // GNAT objects carry no debug information: `???`, by name.
        let mut text = String::from("events: Ir\nfl=???\n");
        for (sym, ir) in ada {
            text += &format!("fn={sym}\n0 {ir}\n");
        }
        // 100 instructions of malloc are runtime: not against coverage.
        text += "fn=malloc\n0 100\n";
        std::fs::write(profile_file(&d.join("run/callgrind"), &aid), text).unwrap();
        for (id, i, l) in [(rid, ins.0, p95.0), (aid, ins.1, p95.1)] {
            let mut e = Entry::new(id, Class::Other, 0);
            e.latency = latency(l);
            e.instructions = Some(i);
            entries.push(e);
        }
        judgements.push(
            Evidence::new(
                &format!("decode_any/{payload}"),
                Class::Other,
                "ada",
                "rust",
            )
            .judge(),
        );
    }
    let mut r = Results::new(Meta::default(), entries, judgements);
    let c = for_run(
        &r,
        &d.join("run/callgrind"),
        &d.join("corpus/complexity.toml"),
        None,
    )
    .unwrap();
    let ratios: Vec<f64> = c.paths.iter().map(|p| p.ratio.unwrap()).collect();
    assert_eq!(ratios, [0.25, 1.0, 1.5]);
    let verdicts: Vec<&str> = c.paths.iter().map(|p| p.verdict.as_str()).collect();
    assert_eq!(verdicts, ["MET", "NOT MET", "NOT MET"]);
    assert_eq!(c.verdict, "NOT MET");
    // Everything but malloc maps: full coverage on both sides.
    assert!(c
        .paths
        .iter()
        .all(|p| p.coverage == 1.0 && p.partner_coverage == Some(1.0)));
    assert_eq!(c.paths[0].partner_functions[0].name, "P.Big");
    // Complexity ratios 0.25 < 1.0 < 1.5; p95 ratios 0.5 < 0.9 < 1.2 (same
    // order: ρ = 1); instruction ratios 2.0 > 1.0 > 0.5 (reversed: ρ = -1).
    assert_eq!(c.spearman_p95, Some(1.0));
    assert_eq!(c.spearman_instructions, Some(-1.0));
    assert_eq!(c.paths[2].functions.len(), 2);
    r.complexity = Some(c);
    let md = report_section(&r);
    assert!(md.contains("## Complexity and performance"), "{md}");
    assert!(md.contains("**NOT MET** (1 of 3 measured meet it"), "{md}");
    assert!(
        md.contains("| `decode_any/a` | rust | ada | 4.00 → 1.00 | -75.0% | +100.0% | -50.0% |"),
        "{md}"
    );
    let csv = r.complexity.as_ref().unwrap().to_csv();
    assert_eq!(csv.lines().count(), 4);
    assert!(
        csv.contains("decode_any/c,rust,ada,3.0000,2.0000,1.5000,0.5000,1.2000,"),
        "{csv}"
    );
    let bmf = r.to_bmf();
    assert_eq!(
        bmf["decode_any/rust/c"]["cyclomatic-weighted"]["value"],
        3.0
    );
    assert_eq!(bmf["decode_any/ada/a"]["cyclomatic-weighted"]["value"], 4.0);
    // A results.json without the join still reads (older runs).
    let mut v = serde_json::to_value(&r).unwrap();
    v.as_object_mut().unwrap().remove("complexity");
    let back: Results = serde_json::from_value(v).unwrap();
    assert!(back.complexity.is_none());
    assert!(report_section(&back).contains("Not computed"));
    let _ = std::fs::remove_dir_all(&d);
}
