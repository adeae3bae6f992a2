//! Counts on small hand-written functions in each language, against
//! counts worked out by hand (the reasoning is beside each case).
//! cc = cyclomatic (1 + decisions), cog = cognitive (SonarSource rules).

use giop_complexity::{analyze, FileMetrics, Language};

fn counts(lang: Language, path: &str, src: &str) -> FileMetrics {
    let m = analyze(lang, path, src).expect("parses");
    assert_eq!(m.parse_errors, 0, "syntax errors in the test source: {m:?}");
    m
}

/// (cyclomatic, cognitive) of the function named `name`.
fn of(m: &FileMetrics, name: &str) -> (u32, u32) {
    let f = m
        .functions
        .iter()
        .find(|f| f.name == name)
        .unwrap_or_else(|| panic!("no function {name} in {:?}", m.functions));
    (f.cyclomatic, f.cognitive)
}

const RUST: &str = r#"
fn straight() -> u32 { 1 }

fn one_if(x: u32) -> u32 {
    if x > 3 { 1 } else { 2 }
}

fn a_loop(v: &[u32]) -> u32 {
    let mut s = 0;
    for x in v {
        s += x;
    }
    s
}

fn a_match(x: u8) -> &'static str {
    match x {
        0 => "zero",
        1 | 2 => "small",
        n if n < 10 => "digit",
        _ => "big",
    }
}

fn short_circuit(a: bool, b: bool, c: bool) -> bool {
    a && b || c
}

fn combined(v: &[i32], limit: i32) -> Option<i32> {
    let mut total = 0;
    for &x in v {
        if x > 0 && x < limit {
            total += x;
        } else if x == limit {
            break;
        } else {
            continue;
        }
        while total > 100 {
            total -= 100;
        }
    }
    let r = checked(total)?;
    Some(r)
}

fn with_closure(v: &[i32]) -> usize {
    v.iter().filter(|x| if **x > 0 { true } else { false }).count()
}

fn let_else(o: Option<u32>) -> u32 {
    let Some(x) = o else { return 0 };
    x
}

fn labelled() {
    'outer: loop {
        loop {
            break 'outer;
        }
    }
}

impl<T> Stack<T> {
    fn push(&mut self, x: T) {
        fn helper(b: bool) -> u8 { if b { 1 } else { 0 } }
        self.v.push(x);
    }
}
"#;

#[test]
fn rust_counts() {
    let m = counts(Language::Rust, "t.rs", RUST);
    // No branch: one path.
    assert_eq!(of(&m, "straight"), (1, 0));
    // cc: 1 + if. cog: if +1, else +1.
    assert_eq!(of(&m, "one_if"), (2, 2));
    // cc: 1 + for. cog: for +1.
    assert_eq!(of(&m, "a_loop"), (2, 1));
    // cc: 4 arms = 4 outcomes, +3; the guard `if n < 10` +1: 5.
    // cog: the match +1 (arms and guards are not counted).
    assert_eq!(of(&m, "a_match"), (5, 1));
    // cc: && +1, || +1: 3. cog: two sequences of unlike operators: 2.
    assert_eq!(of(&m, "short_circuit"), (3, 2));
    // cc: 1 + for + if + && + else-if + while + ? = 7.
    // cog: for 1; if 1 + nesting 1; && 1; else if 1; else 1;
    //      while 1 + nesting 1 = 8 (`?` and `break`/`continue` are free).
    assert_eq!(of(&m, "combined"), (7, 8));
    // cc: 1 + if in the closure. cog: the closure nests (+0); if 1 +
    // nesting 1; else 1 = 3.
    assert_eq!(of(&m, "with_closure"), (2, 3));
    // cc: let-else is a branch. cog: +1 at nesting 0.
    assert_eq!(of(&m, "let_else"), (2, 1));
    // cc: loops without a condition add nothing; the labelled break is
    // the only exit: 1. cog: loop 1; inner loop 1 + nesting 1; labelled
    // break 1 = 4.
    assert_eq!(of(&m, "labelled"), (1, 4));
    // Methods are named by their impl's type; a nested fn is measured on
    // its own (its if is not the method's).
    assert_eq!(of(&m, "Stack::push"), (1, 0));
    assert_eq!(of(&m, "Stack::push::helper"), (2, 2));
    let combined = m.functions.iter().find(|f| f.name == "combined").unwrap();
    assert_eq!((combined.line, combined.end_line), (29, 45));
}

const CPP: &str = r#"
int straight() { return 1; }

int one_if(int x) { if (x > 3) return 1; else return 2; }

int a_loop(const int* v, int n) { int s = 0; for (int i = 0; i < n; ++i) s += v[i]; return s; }

const char* a_switch(int x) {
  switch (x) {
    case 0: return "zero";
    case 1:
    case 2: return "small";
    default: return "big";
  }
}

bool short_circuit(bool a, bool b, bool c) { return a && b || c; }

namespace shim {
class Codec {
 public:
  int combined(const int* v, int n, int limit) {
    int total = 0;
    for (int i = 0; i < n; ++i) {
      if (v[i] > 0 && v[i] < limit) {
        total += v[i];
      } else if (v[i] == limit) {
        break;
      } else {
        continue;
      }
      while (total > 100) total -= 100;
    }
    try { check(total); } catch (const std::exception&) { return -1; }
    return total > 0 ? total : 0;
  }
  int out(int x);
};
}

int shim::Codec::out(int x) { do { x--; } while (x > 0); return x; }

int with_lambda(int k) { auto f = [k](int x) { return x > k ? 1 : 0; }; return f(1); }
"#;

#[test]
fn cpp_counts() {
    let m = counts(Language::Cpp, "t.cc", CPP);
    assert_eq!(of(&m, "straight"), (1, 0));
    // cc: 1 + if. cog: if 1, else 1.
    assert_eq!(of(&m, "one_if"), (2, 2));
    // cc: 1 + for. cog: for 1.
    assert_eq!(of(&m, "a_loop"), (2, 1));
    // cc: three non-default labels (0, 1, 2) are three more ways: 4.
    // cog: the switch 1.
    assert_eq!(of(&m, "a_switch"), (4, 1));
    // cc: && and ||: 3. cog: two unlike sequences: 2.
    assert_eq!(of(&m, "short_circuit"), (3, 2));
    // cc: 1 + for + if + && + else-if + while + catch + ?: = 8.
    // cog: for 1; if 1 + 1; && 1; else if 1; else 1; while 1 + 1;
    //      catch 1; ?: 1 = 10.
    assert_eq!(of(&m, "shim::Codec::combined"), (8, 10));
    // Out-of-class definition keeps its qualified name. cc: do-while 1.
    // cog: the loop 1.
    assert_eq!(of(&m, "shim::Codec::out"), (2, 1));
    // cc: ?: in the lambda. cog: lambda nests; ?: 1 + nesting 1 = 2.
    assert_eq!(of(&m, "with_lambda"), (2, 2));
}

const ADA: &str = r#"
package body Counts is
   function Straight return Integer is
   begin
      return 1;
   end Straight;

   function One_If (X : Integer) return Integer is
   begin
      if X > 3 then
         return 1;
      else
         return 2;
      end if;
   end One_If;

   function A_Loop (N : Integer) return Integer is
      S : Integer := 0;
   begin
      for I in 1 .. N loop
         S := S + I;
      end loop;
      return S;
   end A_Loop;

   function A_Case (X : Integer) return Integer is
   begin
      case X is
         when 0 => return 0;
         when 1 | 2 => return 1;
         when others => return 2;
      end case;
   end A_Case;

   function Short_Circuit (A, B, C : Boolean) return Boolean is
   begin
      return (A and then B) or else C;
   end Short_Circuit;

   function Plain_And (A, B : Boolean) return Boolean is
   begin
      return A and B;
   end Plain_And;

   procedure Combined (V : Vector; Limit : Integer; Total : out Integer) is
   begin
      Total := 0;
      for I in V'Range loop
         if V (I) > 0 and then V (I) < Limit then
            Total := Total + V (I);
         elsif V (I) = Limit then
            exit;
         else
            null;
         end if;
         while Total > 100 loop
            Total := Total - 100;
         end loop;
         exit when Total < 0;
      end loop;
   exception
      when Constraint_Error =>
         Total := -1;
   end Combined;

   procedure Labelled is
   begin
      Outer :
      loop
         loop
            exit Outer;
         end loop;
      end loop Outer;
   end Labelled;

   function Twice (X : Integer) return Integer is
     (if X > 0 then 2 * X else 0);

   procedure Outer_Proc is
      procedure Inner (B : Boolean) is
      begin
         if B then
            null;
         end if;
      end Inner;
   begin
      Inner (True);
   end Outer_Proc;
end Counts;
"#;

#[test]
fn ada_counts() {
    let m = counts(Language::Ada, "counts.adb", ADA);
    assert_eq!(of(&m, "Counts.Straight"), (1, 0));
    // cc: 1 + if. cog: if 1, else 1.
    assert_eq!(of(&m, "Counts.One_If"), (2, 2));
    // cc: a for loop has a condition: +1. cog: loop 1.
    assert_eq!(of(&m, "Counts.A_Loop"), (2, 1));
    // cc: 3 alternatives (others is one) = 3 outcomes, +2: 3. cog: case 1.
    assert_eq!(of(&m, "Counts.A_Case"), (3, 1));
    // cc: `and then`, `or else`: 3. cog: two sequences (the parenthesised
    // one and the outer one): 2.
    assert_eq!(of(&m, "Counts.Short_Circuit"), (3, 2));
    // Plain `and` evaluates both sides: no branch.
    assert_eq!(of(&m, "Counts.Plain_And"), (1, 0));
    // cc: 1 + for + if + `and then` + elsif + while + `exit when` +
    //     handler = 8.
    // cog: for 1; if 1 + 1; and then 1; elsif 1; else 1; while 1 + 1;
    //      handler 1 = 9 (`exit when` is free, like break).
    assert_eq!(of(&m, "Counts.Combined"), (8, 9));
    // cc: bare loops add nothing: 1. cog: loop 1; inner loop 1 + 1;
    // `exit Outer` (a labelled jump) 1 = 4.
    assert_eq!(of(&m, "Counts.Labelled"), (1, 4));
    // Expression function. cc: if. cog: if 1, else 1.
    assert_eq!(of(&m, "Counts.Twice"), (2, 2));
    // A nested subprogram is measured on its own.
    assert_eq!(of(&m, "Counts.Outer_Proc"), (1, 0));
    assert_eq!(of(&m, "Counts.Outer_Proc.Inner"), (2, 1));
}
