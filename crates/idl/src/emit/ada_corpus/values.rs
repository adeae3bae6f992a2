//! Conversion between the native values and the generic value trees of
//! `Glb.Values` (`Load`, `Store`): structs are V_Struct aggregates, unions
//! V_Union aggregates of the discriminator and the member, sequences of
//! numbers a compact V_Prims payload (a V_Seq of scalars is accepted too),
//! other sequences V_Seq aggregates, enums TK_Enum scalars of the ordinal.

use super::body::{indent, wrap};
use super::{Def, Model, Shape};
use std::fmt::Write;

impl Model {
    /// The statement loading node `node` into `target` (status `S`).
    fn load(&self, s: Shape, node: &str, target: &str, depth: &str) -> String {
        match self.resolve(s) {
            Shape::Prim(p) => format!(
                "{target} := {};",
                p.of_bits(&format!("Scalar (V, {node}, {}, S)", p.tk()))
            ),
            Shape::Str => format!("Load_Str (V, {node}, {target}, S);"),
            Shape::Named(j) if self.needs_depth(Shape::Named(j), 0) => {
                format!("Load (V, {node}, {target}, S, {depth});")
            }
            Shape::Named(_) => format!("Load (V, {node}, {target}, S);"),
        }
    }

    /// The statement storing `e` (status variable `st`).
    fn store(&self, s: Shape, e: &str, st: &str) -> String {
        match self.resolve(s) {
            Shape::Prim(p) => format!("Sc (V, {}, {}, {st});", p.tk(), p.to_bits(e)),
            Shape::Str => format!("Store_Str (V, {e}, {st});"),
            Shape::Named(_) => format!("Store (V, {e}, {st});"),
        }
    }

    /// Load and Store of type `i`.
    pub(super) fn value_subprograms(&self, i: usize, specs: &mut String, out: &mut String) {
        let t = &self.types[i];
        if let Def::Alias(_) = t.def {
            return;
        }
        let v = t.value();
        let load_sig = wrap(&format!(
            "procedure Load (V : Value; N : Natural; X : out {v}; S : in out Status{})",
            self.depth_param(i)
        ));
        let store_sig = wrap(&format!(
            "procedure Store (V : in out Value; X : {v}; T : in out Status)"
        ));
        let _ = writeln!(specs, "   {load_sig};\n   {store_sig};");
        let (mut decls, mut load, mut store) = (String::new(), String::new(), String::new());
        match &t.def {
            Def::Alias(_) => {}
            Def::Enum { .. } => {
                let a = &t.ada;
                let _ = writeln!(
                    decls,
                    "E : constant Unsigned_64 := Scalar (V, N, TK_Enum, S);"
                );
                let _ = write!(
                    load,
                    "X := {a}'First;\n\
                     if E > {a}'Pos ({a}'Last) then\n\
                     \x20  S := Bad_Value;\n\
                     else\n\
                     \x20  X := {a}'Val (E);\n\
                     end if;\n"
                );
                let _ = writeln!(store, "Sc (V, TK_Enum, {a}'Pos (X), T);");
            }
            Def::Struct { members, recursive } => {
                let depth = if *recursive {
                    let _ = write!(
                        load,
                        "X := new {};\n\
                         if Depth > Max_Depth then\n\
                         \x20  S := Depth_Exceeded;\n\
                         \x20  return;\n\
                         end if;\n",
                        t.ada
                    );
                    "Depth + 1"
                } else {
                    load.push_str("X := (others => <>);\n");
                    "Depth"
                };
                let _ = write!(
                    load,
                    "if not Is_Agg (V, N, V_Struct, {}) then\n   S := Bad_Value;\n   return;\nend if;\n",
                    members.len()
                );
                store.push_str("Open (V, V_Struct, T);\n");
                for (k, (n, s)) in members.iter().enumerate() {
                    let e = format!("X.{n}");
                    let _ = writeln!(
                        load,
                        "{}",
                        self.load(*s, &format!("Child (V, N, {k})"), &e, depth)
                    );
                    let _ = writeln!(store, "{}", self.store(*s, &e, "T"));
                }
                store.push_str("Close (V, T);\n");
            }
            Def::Union {
                disc,
                disc_default,
                cases,
            } => {
                let _ = write!(
                    load,
                    "X := (Disc => {disc_default}, others => <>);\n\
                     --  Every discriminator selects a member (there is a default).\n\
                     if V.Nodes.Data (N).Shape /= V_Union or else V.Nodes.Data (N).Len /= 2 then\n\
                     \x20  S := Bad_Value;\n\
                     \x20  return;\n\
                     end if;\n"
                );
                let mut arms = String::new();
                let mut store_arms = String::new();
                for c in cases {
                    let choices = match &c.choices {
                        Some(ch) => ch.join(" | "),
                        None => "others".to_string(),
                    };
                    let _ = writeln!(
                        arms,
                        "when {choices} => {}",
                        self.load(c.shape, "M", &format!("T.{}", c.member), "Depth")
                    );
                    let _ = writeln!(
                        store_arms,
                        "when {choices} => {}",
                        self.store(c.shape, &format!("X.{}", c.member), "T")
                    );
                }
                let _ = write!(
                    load,
                    "declare\n\
                     \x20  D : {};\n\
                     \x20  M : constant Natural := Child (V, N, 1);\n\
                     begin\n\
                     {}\
                     \x20  declare\n\
                     \x20     T : {} (D);\n\
                     \x20  begin\n\
                     \x20     case D is\n\
                     {}\
                     \x20     end case;\n\
                     \x20     X := T;\n\
                     \x20  end;\n\
                     end;\n",
                    self.ada_type(*disc),
                    indent(&self.load(*disc, "Child (V, N, 0)", "D", "Depth"), 3),
                    t.ada,
                    indent(&arms, 9)
                );
                let _ = write!(
                    store,
                    "Open (V, V_Union, T);\n{}\ncase X.Disc is\n{}end case;\nClose (V, T);\n",
                    self.store(*disc, "X.Disc", "T"),
                    indent(&store_arms, 3)
                );
            }
            Def::Seq { elem } => {
                let prim = match self.resolve(*elem) {
                    Shape::Prim(p) if p.bulk() => Some(p),
                    _ => None,
                };
                let _ = writeln!(decls, "E : Glb.Values.Node renames V.Nodes.Data (N);");
                load.push_str("X := null;\n");
                let mut kw = "if";
                if let Some(p) = prim {
                    let n = p.size();
                    let _ = write!(
                        load,
                        "if E.Shape = V_Prims and then E.Kind = {} then\n\
                         \x20  X := new {} (0 .. E.Len - 1);\n\
                         \x20  for I in X'Range loop\n\
                         \x20     X (I) := {};\n\
                         \x20  end loop;\n",
                        p.tk(),
                        t.array(),
                        p.of_bits(&format!("Pool_Bits (V, E.Off + {n} * I, {n})"))
                    );
                    kw = "elsif";
                    let _ = write!(
                        store,
                        "if X = null or else X'Length = 0 then\n\
                         \x20  Prims (V, {tk}, System.Null_Address, 0, 0, T);\n\
                         else\n\
                         \x20  Prims (V, {tk}, X (X'First)'Address, {n} * X'Length, X'Length, T);\n\
                         end if;\n",
                        tk = p.tk()
                    );
                } else {
                    let _ = write!(
                        store,
                        "Open (V, V_Seq, T);\n\
                         if X /= null then\n\
                         \x20  for E of X.all loop\n\
                         \x20     {}\n\
                         \x20  end loop;\n\
                         end if;\n\
                         Close (V, T);\n",
                        self.store(*elem, "E", "T")
                    );
                }
                let _ = write!(
                    load,
                    "{kw} E.Shape = V_Seq then\n\
                     \x20  X := new {} (0 .. E.Len - 1);\n\
                     \x20  for I in X'Range loop\n\
                     \x20     exit when S /= OK;\n\
                     \x20     {}\n\
                     \x20  end loop;\n\
                     else\n\
                     \x20  S := Bad_Value;\n\
                     end if;\n",
                    t.array(),
                    self.load(*elem, "Child (V, N, I)", "X (I)", "Depth")
                );
            }
        }
        let _ = write!(
            out,
            "\n   {load_sig} is\n{}   begin\n{}   end Load;\n",
            indent(&decls, 6),
            indent(&load, 6)
        );
        let _ = write!(
            out,
            "\n   {store_sig} is\n   begin\n{}   end Store;\n",
            indent(&store, 6)
        );
    }

    /// The Load and Store over Static_Value.
    pub(super) fn value_dispatch(&self, out: &mut String) {
        out.push_str(
            "\n   procedure Load (X : in out Static_Value; Kind : Type_Kind; V : Value; S : out Status) is\n\
             \x20  begin\n      Free_Contents (X);\n      S := OK;\n      if V.Root < 0 then\n\
             \x20        S := Bad_Argument;\n         return;\n      end if;\n      X.Kind := Kind;\n\
             \x20     case Kind is\n         when None => S := Unsupported;\n",
        );
        for (i, t) in self.types.iter().enumerate() {
            let l = self.load(Shape::Named(i), "V.Root", &format!("X.{}", t.field()), "0");
            let _ = writeln!(out, "         when {} => {l}", t.kind_literal());
        }
        out.push_str("      end case;\n   end Load;\n");
        out.push_str(
            "\n   procedure Store (X : Static_Value; V : in out Value; S : out Status) is\n\
             \x20  begin\n      Clear (V);\n      S := OK;\n      case X.Kind is\n\
             \x20        when None => S := Bad_Argument;\n",
        );
        for (i, t) in self.types.iter().enumerate() {
            let st = self.store(Shape::Named(i), &format!("X.{}", t.field()), "S");
            let _ = writeln!(out, "         when {} => {st}", t.kind_literal());
        }
        out.push_str("      end case;\n   end Store;\n");
    }
}
