--  Root of the giopbench legacy backend ("glb"): the types every layer
--  shares. The layering follows PolyORB's: buffers with alignment
--  (Glb.Buffers), a CDR representation of primitives, strings and
--  sequences (Glb.Buffers, Glb.Plain), TypeCodes (Glb.TypeCodes), values
--  and TypeCode-driven marshalling (Glb.Values, Glb.Any_Codec), compiled
--  marshalling of the corpus types (Glb.Corpus) and GIOP headers
--  (Glb.GIOP). Glb.Exports is the C ABI of ffi/ada/abi/glb.h.
--
--  Reentrancy: no package keeps mutable global state, no controlled type
--  is allocated, and no function returns an unconstrained result (so no
--  secondary stack), because the non-tasking GNAT runtime keeps those in
--  process-wide variables while Rust calls in from many threads.

with Interfaces; use Interfaces;
with System;

package Glb is
   pragma Pure;

   subtype Octet is Unsigned_8;
   type Octet_Array is array (Natural range <>) of Octet;

   --  Caller memory is seen through an access to this constrained array;
   --  every index is checked by hand against the real length first.
   subtype Big_Octets is Octet_Array (0 .. Natural'Last - 1);
   type Big_Access is access all Big_Octets;
   for Big_Access'Storage_Size use 0;

   subtype Status is Integer_32;
   OK                : constant Status := 0;
   Buffer_Too_Small  : constant Status := 1;
   Truncated         : constant Status := 2;
   Length_Too_Large  : constant Status := 3;
   Bad_TypeCode      : constant Status := 4;
   Bad_Value         : constant Status := 5;
   Bad_Argument      : constant Status := 6;
   Unsupported       : constant Status := 7;
   Depth_Exceeded    : constant Status := 8;
   Trailing_Bytes    : constant Status := 9;
   Bad_Encoding      : constant Status := 10;
   Bad_Message       : constant Status := 11;
   Internal_Error    : constant Status := 99;

   Max_Depth : constant := 64;

   type Byte_Order is (Big_Endian, Little_Endian);
   --  The byte-order octet/flag value (CORBA 3.x Part 2, 9.3.3).
   for Byte_Order use (Big_Endian => 0, Little_Endian => 1);

   Native_Order : constant Byte_Order :=
     (if System."=" (System.Default_Bit_Order, System.Low_Order_First)
      then Little_Endian else Big_Endian);

   --  Style flags (glb.h GLB_STYLE_*).
   Style_Encaps_Stream_Order : constant Unsigned_32 := 1;
   Style_Indirect_Repeated   : constant Unsigned_32 := 2;
   Style_WString_BOM         : constant Unsigned_32 := 4;
   Style_Default_Label_Disc  : constant Unsigned_32 := 8;
   Style_Except_Id_Omitted   : constant Unsigned_32 := 16;

   function Has (Style, Flag : Unsigned_32) return Boolean is
     ((Style and Flag) /= 0);

   --  TCKind values (9.3.5.1, Table 9-13).
   subtype TCKind is Unsigned_32;
   TK_Null      : constant TCKind := 0;
   TK_Void      : constant TCKind := 1;
   TK_Short     : constant TCKind := 2;
   TK_Long      : constant TCKind := 3;
   TK_UShort    : constant TCKind := 4;
   TK_ULong     : constant TCKind := 5;
   TK_Float     : constant TCKind := 6;
   TK_Double    : constant TCKind := 7;
   TK_Boolean   : constant TCKind := 8;
   TK_Char      : constant TCKind := 9;
   TK_Octet     : constant TCKind := 10;
   TK_Any       : constant TCKind := 11;
   TK_TypeCode  : constant TCKind := 12;
   TK_Principal : constant TCKind := 13;
   TK_Objref    : constant TCKind := 14;
   TK_Struct    : constant TCKind := 15;
   TK_Union     : constant TCKind := 16;
   TK_Enum      : constant TCKind := 17;
   TK_String    : constant TCKind := 18;
   TK_Sequence  : constant TCKind := 19;
   TK_Array     : constant TCKind := 20;
   TK_Alias     : constant TCKind := 21;
   TK_Except    : constant TCKind := 22;
   TK_LongLong  : constant TCKind := 23;
   TK_ULongLong : constant TCKind := 24;
   TK_LongDouble : constant TCKind := 25;
   TK_WChar     : constant TCKind := 26;
   TK_WString   : constant TCKind := 27;
   TK_Fixed     : constant TCKind := 28;
   TK_Value     : constant TCKind := 29;
   TK_Value_Box : constant TCKind := 30;
   TK_Native    : constant TCKind := 31;
   TK_Abstract_Interface : constant TCKind := 32;
   TK_Local_Interface    : constant TCKind := 33;
   TK_Component : constant TCKind := 34;
   TK_Home      : constant TCKind := 35;
   TK_Event     : constant TCKind := 36;
   TK_Recursive : constant TCKind := 16#FFFF_FFFE#;

   --  Size in octets (and alignment) of a fixed-size primitive kind, or 0.
   function Prim_Size (Kind : TCKind) return Natural is
     (case Kind is
        when TK_Short | TK_UShort | TK_WChar => 2,
        when TK_Long | TK_ULong | TK_Float | TK_Enum => 4,
        when TK_LongLong | TK_ULongLong | TK_Double => 8,
        when TK_Boolean | TK_Char | TK_Octet => 1,
        when others => 0);

   --  Kinds kept as a compact run (GLB_V_PRIMS) in sequences and arrays.
   function Is_Compact (Kind : TCKind) return Boolean is
     (case Kind is
        when TK_Short | TK_Long | TK_UShort | TK_ULong | TK_LongLong
           | TK_ULongLong | TK_Float | TK_Double | TK_Boolean | TK_Char
           | TK_Octet => True,
        when others => False);
end Glb;
