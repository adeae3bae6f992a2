//! The package body: stub-style CDR marshalling (`Put`, `Get`), `Free`,
//! the dispatch on `Type_Kind`, and the helpers the generated code uses
//! (only those, since the Ada build treats unused entities as errors).

use super::{Def, Model, Shape};
use std::fmt::Write;

/// Helpers by the token that uses them, in declaration order.
const HELPERS: &[(&str, &str)] = &[
    (
        "To_U16 (",
        "   function To_U16 is new Ada.Unchecked_Conversion (Integer_16, Unsigned_16);\n",
    ),
    (
        "To_I16 (",
        "   function To_I16 is new Ada.Unchecked_Conversion (Unsigned_16, Integer_16);\n",
    ),
    (
        "To_U32 (",
        "   function To_U32 is new Ada.Unchecked_Conversion (Integer_32, Unsigned_32);\n",
    ),
    (
        "To_I32 (",
        "   function To_I32 is new Ada.Unchecked_Conversion (Unsigned_32, Integer_32);\n",
    ),
    (
        "To_U64 (",
        "   function To_U64 is new Ada.Unchecked_Conversion (Integer_64, Unsigned_64);\n",
    ),
    (
        "To_I64 (",
        "   function To_I64 is new Ada.Unchecked_Conversion (Unsigned_64, Integer_64);\n",
    ),
    (
        "Free_Str (",
        "   procedure Free_Str is new Ada.Unchecked_Deallocation (Octet_Array, String_Access);\n",
    ),
    (
        "Put_Str (",
        "
   --  string (CORBA 3.x Part 2, 9.3.2.7): length with the NUL, octets, NUL.
   procedure Put_Str (W : in out Writer; S : String_Access) is
   begin
      if S = null or else S'Length = 0 then
         Put_String (W, System.Null_Address, 0);
      else
         Put_String (W, S (S'First)'Address, S'Length);
      end if;
   end Put_Str;
",
    ),
    (
        "Get_Str (",
        "
   procedure Get_Str (R : in out Reader; X : out String_Access) is
      Off, Len : Natural;
   begin
      X := null;
      Get_String (R, Off, Len);
      if R.Err = OK then
         X := new Octet_Array (0 .. Len - 1);
         if Len > 0 then
            X.all := R.Data (Off .. Off + Len - 1);
         end if;
      end if;
   end Get_Str;
",
    ),
    (
        "Scalar (",
        "
   function Scalar (V : Value; N : Natural; Kind : TCKind; S : in out Status) return Unsigned_64
   is
   begin
      if V.Nodes.Data (N).Shape = V_Scalar and then V.Nodes.Data (N).Kind = Kind then
         return V.Nodes.Data (N).Bits;
      end if;
      S := Bad_Value;
      return 0;
   end Scalar;
",
    ),
    (
        "Is_Agg (",
        "
   --  True when node N is an aggregate of shape Of_Shape with Count children.
   function Is_Agg (V : Value; N : Natural; Of_Shape : Shape_Kind; Count : Natural)
     return Boolean is
     (V.Nodes.Data (N).Shape = Of_Shape and then V.Nodes.Data (N).Len = Count);
",
    ),
    (
        "Pool_Bits (",
        "
   --  Size octets of a compact payload at pool offset Off (host order).
   function Pool_Bits (V : Value; Off : Natural; Size : Positive) return Unsigned_64 is
      B : Unsigned_64 := 0;
   begin
      for K in 0 .. Size - 1 loop
         B := B or Shift_Left (Unsigned_64 (V.Pool.Data (Off + K)),
                               (if Native_Order = Little_Endian then 8 * K
                                else 8 * (Size - 1 - K)));
      end loop;
      return B;
   end Pool_Bits;
",
    ),
    (
        "Load_Str (",
        "
   procedure Load_Str (V : Value; N : Natural; X : out String_Access; S : in out Status) is
      E : Glb.Values.Node renames V.Nodes.Data (N);
   begin
      X := null;
      if E.Shape /= V_String then
         S := Bad_Value;
         return;
      end if;
      X := new Octet_Array (0 .. E.Len - 1);
      for I in 0 .. E.Len - 1 loop
         X (I) := V.Pool.Data (E.Off + I);
      end loop;
   end Load_Str;
",
    ),
    (
        "Sc (",
        "
   procedure Sc (V : in out Value; K : TCKind; Bits : Unsigned_64; T : in out Status) is
      S : Status;
   begin
      if T = OK then
         Push_Scalar (V, K, Bits, S);
         T := S;
      end if;
   end Sc;
",
    ),
    (
        "Store_Str (",
        "
   procedure Store_Str (V : in out Value; X : String_Access; T : in out Status) is
      S : Status;
   begin
      if T /= OK then
         return;
      end if;
      if X = null or else X'Length = 0 then
         Push_Payload (V, V_String, TK_String, System.Null_Address, 0, 0, S);
      else
         Push_Payload (V, V_String, TK_String, X (X'First)'Address, X'Length, X'Length, S);
      end if;
      T := S;
   end Store_Str;
",
    ),
    (
        "Prims (",
        "
   --  A compact sequence of Len elements (Octets octets at Src).
   procedure Prims
     (V : in out Value; K : TCKind; Src : System.Address; Octets, Len : Natural;
      T : in out Status)
   is
      S : Status;
   begin
      if T = OK then
         Push_Payload (V, V_Prims, K, Src, Octets, Len, S);
         T := S;
      end if;
   end Prims;
",
    ),
    (
        "Open (",
        "
   procedure Open (V : in out Value; Of_Shape : Shape_Kind; T : in out Status) is
      S : Status;
   begin
      if T = OK then
         Begin_Aggregate (V, Of_Shape, S);
         T := S;
      end if;
   end Open;
",
    ),
    (
        "Close (",
        "
   procedure Close (V : in out Value; T : in out Status) is
      S : Status;
   begin
      if T = OK then
         End_Aggregate (V, S);
         T := S;
      end if;
   end Close;
",
    ),
];

/// Indents every line of `text` by `n` spaces.
pub(super) fn indent(text: &str, n: usize) -> String {
    let pad = " ".repeat(n);
    let mut out = String::new();
    for l in text.lines() {
        if l.is_empty() {
            out.push('\n');
        } else {
            let _ = writeln!(out, "{pad}{l}");
        }
    }
    out
}

/// A subprogram signature at package level, broken before its last
/// parameter when the line would pass 99 columns.
pub(super) fn wrap(sig: &str) -> String {
    if sig.len() + 6 <= 99 {
        return sig.to_string();
    }
    match sig.rfind("; ") {
        Some(at) => format!("{}\n      {}", &sig[..=at], &sig[at + 2..]),
        None => sig.to_string(),
    }
}

impl Model {
    pub(super) fn depth_param(&self, i: usize) -> &'static str {
        if self.needs_depth(Shape::Named(i), 0) {
            "; Depth : Natural"
        } else {
            ""
        }
    }

    /// The statement writing `e` of shape `s`.
    pub(super) fn put(&self, s: Shape, e: &str) -> String {
        match self.resolve(s) {
            Shape::Prim(p) => p.put(e),
            Shape::Str => format!("Put_Str (W, {e});"),
            Shape::Named(_) => format!("Put (W, {e});"),
        }
    }

    /// The statement reading into `target` (`depth`: the nesting depth of
    /// the enclosing recursive struct, if it counts).
    pub(super) fn get(&self, s: Shape, target: &str, depth: &str) -> String {
        match self.resolve(s) {
            Shape::Prim(p) => format!("{target} := {};", p.get()),
            Shape::Str => format!("Get_Str (R, {target});"),
            Shape::Named(j) if self.needs_depth(Shape::Named(j), 0) => {
                format!("Get (R, {target}, {depth});")
            }
            Shape::Named(_) => format!("Get (R, {target});"),
        }
    }

    /// The statement freeing what `target` owns, if it owns anything.
    pub(super) fn free(&self, s: Shape, target: &str) -> Option<String> {
        if !self.needs_free(s, 0) {
            return None;
        }
        Some(match self.resolve(s) {
            Shape::Str => format!("Free_Str ({target});"),
            _ => format!("Free ({target});"),
        })
    }

    /// Put, Get and Free of type `i`: forward declarations into `specs`,
    /// bodies into `out`, deallocator instances into `disposes`.
    fn marshal_subprograms(
        &self,
        i: usize,
        specs: &mut String,
        disposes: &mut String,
        out: &mut String,
    ) {
        let t = &self.types[i];
        if let Def::Alias(_) = t.def {
            return;
        }
        let v = t.value();
        let put_sig = wrap(&format!("procedure Put (W : in out Writer; X : {v})"));
        let get_sig = wrap(&format!(
            "procedure Get (R : in out Reader; X : out {v}{})",
            self.depth_param(i)
        ));
        let free_sig = wrap(&format!("procedure Free (X : in out {v})"));
        let needs_free = self.needs_free(Shape::Named(i), 0);
        // A sequence's Put and Get are a loop around its elements': inlined
        // into the enclosing struct's, as a stub compiler writes them out in
        // place (inlining the structs' too measured worse).
        let inline = if matches!(t.def, Def::Seq { .. }) {
            " with Inline"
        } else {
            ""
        };
        let _ = writeln!(specs, "   {put_sig}{inline};\n   {get_sig}{inline};");
        if needs_free {
            let _ = writeln!(specs, "   {free_sig};");
        }
        let (mut put, mut get_decls, mut get, mut free) =
            (String::new(), String::new(), String::new(), String::new());
        match &t.def {
            Def::Alias(_) => {}
            Def::Enum { .. } => {
                let a = &t.ada;
                let _ = writeln!(
                    put,
                    "--  enum (CORBA 3.x Part 2, 9.3.2.6): the ordinal as an unsigned long."
                );
                let _ = writeln!(put, "Put_U32 (W, {a}'Pos (X));");
                let _ = writeln!(
                    get_decls,
                    "Here : constant Natural := R.Pos;\nE    : constant Unsigned_32 := Get_U32 (R);"
                );
                let _ = write!(
                    get,
                    "X := {a}'First;\n\
                     if R.Err = OK and then E > {a}'Pos ({a}'Last) then\n\
                     \x20  R.Pos := Here;\n\
                     \x20  Fail (R, Bad_Value);\n\
                     elsif R.Err = OK then\n\
                     \x20  X := {a}'Val (E);\n\
                     end if;\n"
                );
            }
            Def::Struct { members, recursive } => {
                let _ = writeln!(
                    put,
                    "--  struct (CORBA 3.x Part 2, 9.3.2.2): the members in order."
                );
                let depth = if *recursive {
                    let _ = write!(
                        get,
                        "X := new {};\n\
                         if Depth > Max_Depth then\n\
                         \x20  Fail (R, Depth_Exceeded);\n\
                         \x20  return;\n\
                         end if;\n",
                        t.ada
                    );
                    "Depth + 1"
                } else {
                    "Depth"
                };
                for (n, s) in members {
                    let e = format!("X.{n}");
                    let _ = writeln!(put, "{}", self.put(*s, &e));
                    let _ = writeln!(get, "{}", self.get(*s, &e, depth));
                    if let Some(f) = self.free(*s, &e) {
                        let _ = writeln!(free, "{f}");
                    }
                }
                if *recursive {
                    free = format!("if X = null then\n   return;\nend if;\n{free}Dispose (X);\n");
                    let _ = writeln!(
                        disposes,
                        "   procedure Dispose is new Ada.Unchecked_Deallocation ({}, {v});",
                        t.ada
                    );
                }
            }
            Def::Union { disc, cases, .. } => {
                let _ = writeln!(
                    put,
                    "--  union (CORBA 3.x Part 2, 9.3.2.3): the discriminator, then the member it selects."
                );
                let _ = writeln!(put, "{}", self.put(*disc, "X.Disc"));
                let _ = writeln!(get_decls, "D : {};", self.ada_type(*disc));
                let _ = writeln!(get, "{}", self.get(*disc, "D", "Depth"));
                let mut put_arms = String::new();
                let mut get_arms = String::new();
                let mut free_arms = String::new();
                let mut all_arms = true;
                let default_frees = cases
                    .iter()
                    .any(|c| c.choices.is_none() && self.needs_free(c.shape, 0));
                for c in cases {
                    let choices = match &c.choices {
                        Some(ch) => ch.join(" | "),
                        None => "others".to_string(),
                    };
                    let _ = writeln!(
                        put_arms,
                        "when {choices} => {}",
                        self.put(c.shape, &format!("X.{}", c.member))
                    );
                    let _ = writeln!(
                        get_arms,
                        "when {choices} => {}",
                        self.get(c.shape, &format!("T.{}", c.member), "Depth")
                    );
                    match self.free(c.shape, &format!("X.{}", c.member)) {
                        Some(f) => {
                            let _ = writeln!(free_arms, "when {choices} => {f}");
                        }
                        None if default_frees && c.choices.is_some() => {
                            let _ = writeln!(free_arms, "when {choices} => null;");
                        }
                        None => all_arms = false,
                    }
                }
                // The labels may cover every enumerator (no default arm).
                let has_default = cases.iter().any(|c| c.choices.is_none());
                if !default_frees && (has_default || !all_arms) {
                    free_arms.push_str("when others => null;\n");
                }
                let _ = write!(put, "case X.Disc is\n{}end case;\n", indent(&put_arms, 3));
                let _ = write!(
                    get,
                    "declare\n   T : {} (D);\nbegin\n   case D is\n{}   end case;\n   X := T;\nend;\n",
                    t.ada,
                    indent(&get_arms, 6)
                );
                let _ = write!(free, "case X.Disc is\n{}end case;\n", indent(&free_arms, 3));
            }
            Def::Seq { elem } => {
                let size = match self.resolve(*elem) {
                    Shape::Prim(p) if p.bulk() => Some(p.size()),
                    _ => None,
                };
                let _ = writeln!(
                    put,
                    "--  sequence (CORBA 3.x Part 2, 9.3.2.5): the count, then the elements."
                );
                match size {
                    Some(n) => {
                        let _ = write!(
                            put,
                            "if X = null or else X'Length = 0 then\n\
                             \x20  Put_U32 (W, 0);\n\
                             else\n\
                             \x20  Put_U32 (W, Unsigned_32 (X'Length));\n\
                             \x20  Put_Elements (W, X (X'First)'Address, X'Length, {n});\n\
                             end if;\n"
                        );
                        let _ = writeln!(get_decls, "N : constant Natural := Get_Count (R, {n});");
                        let _ = write!(
                            get,
                            "X := new {} (0 .. N - 1);\n\
                             if N > 0 then\n\
                             \x20  Get_Elements (R, X (0)'Address, N, {n});\n\
                             end if;\n",
                            t.array()
                        );
                    }
                    None => {
                        let _ = write!(
                            put,
                            "if X = null then\n\
                             \x20  Put_U32 (W, 0);\n\
                             else\n\
                             \x20  Put_U32 (W, Unsigned_32 (X'Length));\n\
                             \x20  for E of X.all loop\n\
                             \x20     {}\n\
                             \x20  end loop;\n\
                             end if;\n",
                            self.put(*elem, "E")
                        );
                        let min = self.min_size(*elem, 0);
                        let _ = writeln!(
                            get_decls,
                            "--  Every element takes at least {min} octet(s).\n\
                             N : constant Natural := Get_Count (R, {min});"
                        );
                        let _ = write!(
                            get,
                            "X := new {} (0 .. N - 1);\n\
                             for E of X.all loop\n\
                             \x20  exit when R.Err /= OK;\n\
                             \x20  {}\n\
                             end loop;\n",
                            t.array(),
                            self.get(*elem, "E", "Depth")
                        );
                    }
                }
                let free_elems = self
                    .free(*elem, "E")
                    .map(|f| format!("   for E of X.all loop\n      {f}\n   end loop;\n"))
                    .unwrap_or_default();
                free = format!("if X /= null then\n{free_elems}   Dispose (X);\nend if;\n");
                let _ = writeln!(
                    disposes,
                    "   procedure Dispose is new Ada.Unchecked_Deallocation ({}, {v});",
                    t.array()
                );
            }
        }
        let _ = write!(
            out,
            "\n   {put_sig} is\n   begin\n{}   end Put;\n",
            indent(&put, 6)
        );
        let _ = write!(
            out,
            "\n   {get_sig} is\n{}   begin\n{}   end Get;\n",
            indent(&get_decls, 6),
            indent(&get, 6)
        );
        if needs_free {
            let _ = write!(
                out,
                "\n   {free_sig} is\n   begin\n{}   end Free;\n",
                indent(&free, 6)
            );
        }
    }

    /// Kind_Of, Free_Contents, Encode and Decode over every type.
    fn dispatch(&self, out: &mut String) {
        out.push_str(
            "\n   function Kind_Of (Id : Octet_Array) return Type_Kind is\n\
             \x20     function Matches (Full : String) return Boolean is\n\
             \x20     begin\n\
             \x20        if Id'Length /= Full'Length then\n\
             \x20           return False;\n\
             \x20        end if;\n\
             \x20        for I in 0 .. Full'Length - 1 loop\n\
             \x20           if Id (Id'First + I) /= Character'Pos (Full (Full'First + I)) then\n\
             \x20              return False;\n\
             \x20           end if;\n\
             \x20        end loop;\n\
             \x20        return True;\n\
             \x20     end Matches;\n\
             \x20  begin\n",
        );
        for (k, t) in self.types.iter().enumerate() {
            let kw = if k == 0 { "if" } else { "elsif" };
            let _ = writeln!(
                out,
                "      {kw} Matches (\"{}\") then\n         return {};",
                t.id,
                t.kind_literal()
            );
        }
        out.push_str("      else\n         return None;\n      end if;\n   end Kind_Of;\n");

        out.push_str("\n   procedure Free_Contents (X : in out Static_Value) is\n   begin\n");
        for (i, t) in self.types.iter().enumerate() {
            if let Some(f) = self.free(Shape::Named(i), &format!("X.{}", t.field())) {
                let _ = writeln!(out, "      {f}");
            }
        }
        out.push_str("      X.Kind := None;\n   end Free_Contents;\n");

        out.push_str(
            "\n   procedure Encode (X : Static_Value; W : in out Writer; S : out Status) is\n\
             \x20  begin\n      S := OK;\n      case X.Kind is\n         when None => S := Bad_Argument;\n",
        );
        for (i, t) in self.types.iter().enumerate() {
            let put = self.put(Shape::Named(i), &format!("X.{}", t.field()));
            let _ = writeln!(out, "         when {} => {put}", t.kind_literal());
        }
        out.push_str("      end case;\n   end Encode;\n");

        out.push_str(
            "\n   procedure Decode (X : in out Static_Value; Kind : Type_Kind; R : in out Reader) is\n\
             \x20  begin\n      Free_Contents (X);\n      X.Kind := Kind;\n      case Kind is\n\
             \x20        when None => Fail (R, Unsupported);\n",
        );
        for (i, t) in self.types.iter().enumerate() {
            let get = self.get(Shape::Named(i), &format!("X.{}", t.field()), "0");
            let _ = writeln!(out, "         when {} => {get}", t.kind_literal());
        }
        out.push_str("      end case;\n   end Decode;\n");
    }

    pub(super) fn body(&self) -> String {
        let mut specs = String::new();
        let mut disposes = String::new();
        let mut subs = String::new();
        for i in 0..self.types.len() {
            self.marshal_subprograms(i, &mut specs, &mut disposes, &mut subs);
        }
        subs.push_str("\n   -------------------------------\n   -- From and to value trees   --\n   -------------------------------\n");
        for i in 0..self.types.len() {
            self.value_subprograms(i, &mut specs, &mut subs);
        }
        self.dispatch(&mut subs);
        self.value_dispatch(&mut subs);

        let mut helpers = String::new();
        for (token, text) in HELPERS {
            if subs.contains(token) {
                helpers.push_str(text);
            }
        }
        let all = format!("{helpers}{disposes}{subs}");
        let mut withs = String::new();
        if all.contains("Ada.Unchecked_Conversion") {
            withs.push_str("with Ada.Unchecked_Conversion;\n");
        }
        if all.contains("Ada.Unchecked_Deallocation") {
            withs.push_str("with Ada.Unchecked_Deallocation;\n");
        }
        if all.contains("System.") {
            withs.push_str("with System;\n");
        }
        let mut out = self.header("--  The body of Glb.Corpus: see glb-corpus.ads.\n\n");
        out.push_str(&withs);
        out.push_str("\npackage body Glb.Corpus is\n\n");
        out.push_str(&helpers);
        out.push('\n');
        out.push_str(&disposes);
        out.push_str("\n   --  Every per-type subprogram, so that they may call one another.\n");
        out.push_str(&specs);
        out.push_str(&subs);
        out.push_str("end Glb.Corpus;\n");
        out
    }
}
