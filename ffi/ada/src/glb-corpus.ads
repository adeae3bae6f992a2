--  Compiled marshalling of the corpus IDL types (corpus/idl/bench.idl):
--  native Ada records and hand-written (stub-style) marshalling code that
--  does not consult a TypeCode, the Ada counterpart of omniidl's C++ stubs.
--  Doubles and floats are kept as their IEEE 754 bits so that every value,
--  NaN payloads included, round-trips exactly.

with Glb.Buffers; use Glb.Buffers;
with Glb.Values;  use Glb.Values;

package Glb.Corpus is

   subtype IDL_Double is Unsigned_64;
   subtype IDL_Float is Unsigned_32;
   type String_Access is access Octet_Array;

   type Color is (Red, Green, Blue, Cyan, Magenta);

   type Point is record
      X, Y : IDL_Double := 0;
   end record;

   --  union Shape switch (long): an Ada variant record.
   type Shape (Disc : Integer_32 := 0) is record
      case Disc is
         when 1 => Radius : IDL_Double := 0;
         when 2 => Corner : Point;
         when 3 | 4 => Label : String_Access := null;
         when others => Code : Integer_32 := 0;
      end case;
   end record;

   type Address is record
      Street, City : String_Access := null;
      Zip          : Unsigned_16 := 0;
   end record;

   type Line_Item is record
      Sku      : String_Access := null;
      Quantity : Integer_32 := 0;
      Price    : IDL_Double := 0;
   end record;
   type Line_Item_Array is array (Natural range <>) of Line_Item;
   type Line_Item_Seq is access Line_Item_Array;
   type Long_Array is array (Natural range <>) of Integer_32;
   type Long_Seq is access Long_Array;

   --  struct Record ("record" is an Ada reserved word).
   type Bench_Record is record
      Id        : Integer_32 := 0;
      Name      : String_Access := null;
      Hue       : Color := Red;
      Residence : Address;
      Outline   : Shape;
      Items     : Line_Item_Seq := null;
      Tags      : Long_Seq := null;
      Active    : Boolean := False;
      Timestamp : Integer_64 := 0;
   end record;
   type Record_Array is array (Natural range <>) of Bench_Record;
   type Record_Seq is access Record_Array;

   type Tree_Node;
   type Node_Access is access Tree_Node;
   type Node_Array is array (Natural range <>) of Node_Access;
   type Node_Seq is access Node_Array;
   --  struct Node (recursive through NodeSeq).
   type Tree_Node is record
      Label    : String_Access := null;
      Weight   : Integer_32 := 0;
      Children : Node_Seq := null;
   end record;

   type Wide50 is record
      M00 : Integer_32;
      M01 : IDL_Double;
      M02 : String_Access := null;
      M03 : Integer_16;
      M04 : Boolean;
      M05 : Unsigned_32;
      M06 : Octet;
      M07 : Integer_64;
      M08 : IDL_Float;
      M09 : Unsigned_16;
      M10 : Integer_32;
      M11 : IDL_Double;
      M12 : String_Access := null;
      M13 : Integer_16;
      M14 : Boolean;
      M15 : Unsigned_32;
      M16 : Octet;
      M17 : Integer_64;
      M18 : IDL_Float;
      M19 : Unsigned_16;
      M20 : Integer_32;
      M21 : IDL_Double;
      M22 : String_Access := null;
      M23 : Integer_16;
      M24 : Boolean;
      M25 : Unsigned_32;
      M26 : Octet;
      M27 : Integer_64;
      M28 : IDL_Float;
      M29 : Unsigned_16;
      M30 : Integer_32;
      M31 : IDL_Double;
      M32 : String_Access := null;
      M33 : Integer_16;
      M34 : Boolean;
      M35 : Unsigned_32;
      M36 : Octet;
      M37 : Integer_64;
      M38 : IDL_Float;
      M39 : Unsigned_16;
      M40 : Integer_32;
      M41 : IDL_Double;
      M42 : String_Access := null;
      M43 : Integer_16;
      M44 : Boolean;
      M45 : Unsigned_32;
      M46 : Octet;
      M47 : Integer_64;
      M48 : IDL_Float;
      M49 : Unsigned_16;
   end record;

   type Type_Kind is
     (None, K_Color, K_Point, K_Shape, K_Address, K_Line_Item, K_Record, K_Record_Seq,
      K_Node, K_Wide50);

   --  One native value of a corpus type (a glb_static handle).
   type Static_Value is record
      Kind  : Type_Kind := None;
      C     : Color := Red;
      P     : Point;
      Sh    : Shape;
      A     : Address;
      L     : Line_Item;
      R     : Bench_Record;
      RS    : Record_Seq := null;
      N     : Node_Access := null;
      W     : Wide50;
   end record;
   type Static_Access is access all Static_Value;

   --  The type of a repository id, or None.
   function Kind_Of (Id : Octet_Array) return Type_Kind;
   procedure Free_Contents (X : in out Static_Value);
   --  From a value tree (not measured).
   procedure Load (X : in out Static_Value; Kind : Type_Kind; V : Value; S : out Status);
   --  Into a value tree (not measured).
   procedure Store (X : Static_Value; V : in out Value; S : out Status);
   procedure Encode (X : Static_Value; W : in out Writer; S : out Status);
   procedure Decode (X : in out Static_Value; Kind : Type_Kind; R : in out Reader);
end Glb.Corpus;
