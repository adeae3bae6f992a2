//! The package spec: the Ada types, declared after the types they use
//! (a recursive struct's incomplete declaration and access type first),
//! `Type_Kind`, `Static_Value` and the subprograms `Glb.Exports` calls.

use super::{Def, Model, Shape, REGENERATE};
use crate::{Error, Result};
use std::fmt::Write;

impl Model {
    pub(super) fn header(&self, what: &str) -> String {
        format!(
            "--  @generated from {} by corba_idl::emit::ada_corpus. Do not edit;\n\
             --  regenerate with `{REGENERATE}`.\n\
             --\n{what}",
            self.source
        )
    }

    /// Declares type `i` after the types it needs (`state`: 0 not yet, 1
    /// under way, 2 done).
    fn declare(&self, i: usize, state: &mut [u8], out: &mut String) -> Result<()> {
        match state[i] {
            2 => return Ok(()),
            // Only a recursive struct is met again while under way, and its
            // access type is already declared.
            1 => {
                return match self.types[i].def {
                    Def::Struct {
                        recursive: true, ..
                    } => Ok(()),
                    _ => Err(Error::new(format!(
                        "{}: {}: circular type",
                        self.source, self.types[i].idl
                    ))),
                }
            }
            _ => {}
        }
        state[i] = 1;
        let t = &self.types[i];
        if let Def::Struct {
            recursive: true, ..
        } = t.def
        {
            let _ = writeln!(out, "   type {};", t.ada);
            let _ = writeln!(out, "   type {} is access {};", t.value(), t.ada);
        }
        for j in self.deps(i) {
            self.declare(j, state, out)?;
        }
        let component = |name: &str, s: Shape, indent: &str| -> String {
            match self.default(s) {
                Some(d) => format!("{indent}{name} : {} := {d};\n", self.ada_type(s)),
                None => format!("{indent}{name} : {};\n", self.ada_type(s)),
            }
        };
        match &t.def {
            Def::Enum { literals } => {
                let _ = writeln!(out, "   type {} is ({});", t.ada, literals.join(", "));
            }
            Def::Struct { members, recursive } => {
                if *recursive {
                    let _ = writeln!(
                        out,
                        "   --  struct {} (recursive: kept behind an access).",
                        t.idl
                    );
                } else if t.ada != t.idl {
                    let _ = writeln!(out, "   --  struct {}.", t.idl);
                }
                let _ = writeln!(out, "   type {} is record", t.ada);
                for (n, s) in members {
                    out.push_str(&component(n, *s, "      "));
                }
                out.push_str("   end record;\n");
            }
            Def::Union {
                disc,
                disc_default,
                cases,
            } => {
                let _ = writeln!(
                    out,
                    "   --  union {}: a variant record on its discriminator.",
                    t.idl
                );
                let _ = writeln!(
                    out,
                    "   type {} (Disc : {} := {disc_default}) is record\n      case Disc is",
                    t.ada,
                    self.ada_type(*disc)
                );
                for c in cases {
                    let choices = match &c.choices {
                        Some(ch) => ch.join(" | "),
                        None => "others".to_string(),
                    };
                    let comp = component(&c.member, c.shape, "");
                    let _ = write!(out, "         when {choices} => {comp}");
                }
                out.push_str("      end case;\n   end record;\n");
            }
            Def::Seq { elem } => {
                let _ = writeln!(
                    out,
                    "   type {} is array (Natural range <>) of {};",
                    t.array(),
                    self.ada_type(*elem)
                );
                let _ = writeln!(out, "   type {} is access {};", t.ada, t.array());
            }
            Def::Alias(s) => {
                let _ = writeln!(out, "   subtype {} is {};", t.ada, self.ada_type(*s));
            }
        }
        out.push('\n');
        state[i] = 2;
        Ok(())
    }

    pub(super) fn spec(&self) -> Result<String> {
        let mut out = self.header(&format!(
            "--  Compiled marshalling of the corpus IDL types ({}):\n\
             --  native Ada types and stub-style marshalling code that does not\n\
             --  consult a TypeCode, the Ada counterpart of omniidl's C++ stubs.\n\
             --  Doubles and floats are kept as their IEEE 754 bits so that every\n\
             --  value, NaN payloads included, round-trips exactly.\n\n",
            self.source
        ));
        out.push_str(
            "with Glb.Buffers; use Glb.Buffers;\nwith Glb.Values;  use Glb.Values;\n\n\
             package Glb.Corpus is\n\n\
             \x20  subtype IDL_Double is Unsigned_64;\n\
             \x20  subtype IDL_Float is Unsigned_32;\n\
             \x20  type String_Access is access Octet_Array;\n\n",
        );
        let mut state = vec![0u8; self.types.len()];
        for i in 0..self.types.len() {
            self.declare(i, &mut state, &mut out)?;
        }
        out.push_str("   type Type_Kind is\n     (None");
        let mut line = 6 + "(None".len();
        for t in &self.types {
            let lit = t.kind_literal();
            if line + lit.len() + 2 > 95 {
                out.push_str(",\n      ");
                line = 6;
            } else {
                out.push_str(", ");
                line += 2;
            }
            out.push_str(&lit);
            line += lit.len();
        }
        out.push_str(");\n\n");
        out.push_str("   --  One native value of a corpus type (a glb_static handle).\n");
        out.push_str("   type Static_Value is record\n      Kind : Type_Kind := None;\n");
        for (i, t) in self.types.iter().enumerate() {
            let s = Shape::Named(i);
            match self.default(s) {
                Some(d) => {
                    let _ = writeln!(out, "      {} : {} := {d};", t.field(), self.ada_type(s));
                }
                None => {
                    let _ = writeln!(out, "      {} : {};", t.field(), self.ada_type(s));
                }
            }
        }
        out.push_str(
            "   end record;\n   type Static_Access is access all Static_Value;\n\n\
             \x20  --  The type of a repository id, or None.\n\
             \x20  function Kind_Of (Id : Octet_Array) return Type_Kind;\n\
             \x20  procedure Free_Contents (X : in out Static_Value);\n\
             \x20  --  From a value tree (not measured).\n\
             \x20  procedure Load (X : in out Static_Value; Kind : Type_Kind; V : Value; S : out Status);\n\
             \x20  --  Into a value tree (not measured).\n\
             \x20  procedure Store (X : Static_Value; V : in out Value; S : out Status);\n\
             \x20  procedure Encode (X : Static_Value; W : in out Writer; S : out Status);\n\
             \x20  procedure Decode (X : in out Static_Value; Kind : Type_Kind; R : in out Reader);\n\
             end Glb.Corpus;\n",
        );
        Ok(out)
    }
}
