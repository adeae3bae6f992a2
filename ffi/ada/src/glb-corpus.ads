--  @generated from corpus/idl/bench.idl by corba_idl::emit::ada_corpus. Do not edit;
--  regenerate with `GIOPBENCH_REGENERATE=1 cargo test -j1 -p corba-idl --lib emit::`.
--
--  Compiled marshalling of the corpus IDL types (corpus/idl/bench.idl):
--  native Ada types and stub-style marshalling code that does not
--  consult a TypeCode, the Ada counterpart of omniidl's C++ stubs.
--  Doubles and floats are kept as their IEEE 754 bits so that every
--  value, NaN payloads included, round-trips exactly.

with Glb.Buffers; use Glb.Buffers;
with Glb.Values;  use Glb.Values;

package Glb.Corpus is

   subtype IDL_Double is Unsigned_64;
   subtype IDL_Float is Unsigned_32;
   type String_Access is access Octet_Array;

   type Color is (Red, Green, Blue, Cyan, Magenta);

   type Point is record
      X : IDL_Double := 0;
      Y : IDL_Double := 0;
   end record;

   --  union Shape: a variant record on its discriminator.
   type Shape (Disc : Integer_32 := 0) is record
      case Disc is
         when 1 => Radius : IDL_Double := 0;
         when 2 => Corner : Point;
         when 3 | 4 => Label : String_Access := null;
         when others => Code : Integer_32 := 0;
      end case;
   end record;

   type Address is record
      Street : String_Access := null;
      City : String_Access := null;
      Zip : Unsigned_16 := 0;
   end record;

   --  struct LineItem.
   type Line_Item is record
      Sku : String_Access := null;
      Quantity : Integer_32 := 0;
      Price : IDL_Double := 0;
   end record;

   type Line_Item_Seq_Array is array (Natural range <>) of Line_Item;
   type Line_Item_Seq is access Line_Item_Seq_Array;

   type Long_Seq_Array is array (Natural range <>) of Integer_32;
   type Long_Seq is access Long_Seq_Array;

   --  struct Record.
   type Bench_Record is record
      Id : Integer_32 := 0;
      Name : String_Access := null;
      Hue : Color := Red;
      Residence : Address;
      Outline : Shape;
      Items : Line_Item_Seq := null;
      Tags : Long_Seq := null;
      Active : Boolean := False;
      Timestamp : Integer_64 := 0;
   end record;

   type Record_Seq_Array is array (Natural range <>) of Bench_Record;
   type Record_Seq is access Record_Seq_Array;

   type Bench_Node;
   type Bench_Node_Access is access Bench_Node;
   type Node_Seq_Array is array (Natural range <>) of Bench_Node_Access;
   type Node_Seq is access Node_Seq_Array;

   --  struct Node (recursive: kept behind an access).
   type Bench_Node is record
      Label : String_Access := null;
      Weight : Integer_32 := 0;
      Children : Node_Seq := null;
   end record;

   type Wide50 is record
      M00 : Integer_32 := 0;
      M01 : IDL_Double := 0;
      M02 : String_Access := null;
      M03 : Integer_16 := 0;
      M04 : Boolean := False;
      M05 : Unsigned_32 := 0;
      M06 : Octet := 0;
      M07 : Integer_64 := 0;
      M08 : IDL_Float := 0;
      M09 : Unsigned_16 := 0;
      M10 : Integer_32 := 0;
      M11 : IDL_Double := 0;
      M12 : String_Access := null;
      M13 : Integer_16 := 0;
      M14 : Boolean := False;
      M15 : Unsigned_32 := 0;
      M16 : Octet := 0;
      M17 : Integer_64 := 0;
      M18 : IDL_Float := 0;
      M19 : Unsigned_16 := 0;
      M20 : Integer_32 := 0;
      M21 : IDL_Double := 0;
      M22 : String_Access := null;
      M23 : Integer_16 := 0;
      M24 : Boolean := False;
      M25 : Unsigned_32 := 0;
      M26 : Octet := 0;
      M27 : Integer_64 := 0;
      M28 : IDL_Float := 0;
      M29 : Unsigned_16 := 0;
      M30 : Integer_32 := 0;
      M31 : IDL_Double := 0;
      M32 : String_Access := null;
      M33 : Integer_16 := 0;
      M34 : Boolean := False;
      M35 : Unsigned_32 := 0;
      M36 : Octet := 0;
      M37 : Integer_64 := 0;
      M38 : IDL_Float := 0;
      M39 : Unsigned_16 := 0;
      M40 : Integer_32 := 0;
      M41 : IDL_Double := 0;
      M42 : String_Access := null;
      M43 : Integer_16 := 0;
      M44 : Boolean := False;
      M45 : Unsigned_32 := 0;
      M46 : Octet := 0;
      M47 : Integer_64 := 0;
      M48 : IDL_Float := 0;
      M49 : Unsigned_16 := 0;
   end record;

   type Type_Kind is
     (None, K_Color, K_Point, K_Shape, K_Address, K_Line_Item, K_Line_Item_Seq, K_Long_Seq,
      K_Bench_Record, K_Record_Seq, K_Bench_Node, K_Node_Seq, K_Wide50);

   --  One native value of a corpus type (a glb_static handle).
   type Static_Value is record
      Kind : Type_Kind := None;
      Color_Value : Color := Red;
      Point_Value : Point;
      Shape_Value : Shape;
      Address_Value : Address;
      Line_Item_Value : Line_Item;
      Line_Item_Seq_Value : Line_Item_Seq := null;
      Long_Seq_Value : Long_Seq := null;
      Bench_Record_Value : Bench_Record;
      Record_Seq_Value : Record_Seq := null;
      Bench_Node_Value : Bench_Node_Access := null;
      Node_Seq_Value : Node_Seq := null;
      Wide50_Value : Wide50;
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
