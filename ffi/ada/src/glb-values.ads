--  Dynamic values: a tree of nodes kept in one arena per value (no
--  per-node allocation; Clear keeps the memory for the next decode).
--  Aggregates list their children through Links; primitive payloads
--  (strings, compact sequences) live in Pool in host byte order.

with System;
with Glb.Vectors;

package Glb.Values is

   type Shape_Kind is
     (V_Nothing, V_Scalar, V_Long_Double, V_String, V_WString, V_Fixed,
      V_Prims, V_Struct, V_Seq, V_Union);
   for Shape_Kind use
     (V_Nothing => 0, V_Scalar => 1, V_Long_Double => 2, V_String => 3,
      V_WString => 4, V_Fixed => 5, V_Prims => 6, V_Struct => 7, V_Seq => 8,
      V_Union => 9);

   type Node is record
      Shape  : Shape_Kind := V_Nothing;
      Kind   : TCKind := 0;
      Bits   : Unsigned_64 := 0;
      Bits2  : Unsigned_64 := 0;
      --  Pool offset of the payload, or first Links entry of an aggregate.
      Off    : Natural := 0;
      --  Payload length (octets, units, digits or elements), or number of
      --  children.
      Len    : Natural := 0;
      Num_Digits : Unsigned_16 := 0;
      Scale  : Integer_16 := 0;
   end record;

   package Node_Vectors is new Glb.Vectors (Node);
   package Index_Vectors is new Glb.Vectors (Natural);
   package Octet_Vectors is new Glb.Vectors (Octet);

   type Value is record
      Nodes   : Node_Vectors.Vector;
      Links   : Index_Vectors.Vector;
      Pool    : Octet_Vectors.Vector;
      --  Children of open aggregates, innermost last.
      Pending : Index_Vectors.Vector;
      --  Open aggregates: node index and their first Pending entry.
      Open_Node  : Index_Vectors.Vector;
      Open_First : Index_Vectors.Vector;
      Root    : Integer := -1;
   end record;
   type Value_Access is access all Value;

   procedure Clear (V : in out Value);
   procedure Free_Contents (V : in out Value);

   --  Address of pool octet Off (valid until the pool grows).
   function Pool_Address (V : Value; Off : Natural) return System.Address;
   --  Reserves N octets aligned on 8 in the pool; returns their offset.
   function Pool_Reserve (V : in out Value; N : Natural) return Natural;

   --  Builders. Each appends a node as a child of the innermost open
   --  aggregate (or as the root) and returns its index; S is Bad_Argument
   --  when a second root is pushed.
   procedure Add (V : in out Value; N : Node; Index : out Natural; S : out Status);
   procedure Push_Scalar (V : in out Value; Kind : TCKind; Bits : Unsigned_64; S : out Status);
   procedure Push_Nothing (V : in out Value; S : out Status);
   procedure Push_Long_Double (V : in out Value; High, Low : Unsigned_64; S : out Status);
   --  Octets (string), units (wstring, Len units of 2 octets in host
   --  order) or Count elements of a compact kind copied from Src.
   procedure Push_Payload
     (V : in out Value; Shape : Shape_Kind; Kind : TCKind;
      Src : System.Address; Octets : Natural; Len : Natural; S : out Status);
   --  Like Push_Payload but leaves the payload to be filled in; Dst is its
   --  address.
   procedure Push_Reserved
     (V : in out Value; Shape : Shape_Kind; Kind : TCKind;
      Octets : Natural; Len : Natural; Dst : out System.Address; S : out Status);
   procedure Push_Fixed
     (V : in out Value; Num_Digits : Unsigned_16; Scale : Integer_16; Negative : Boolean;
      Src : System.Address; S : out Status);
   procedure Begin_Aggregate (V : in out Value; Shape : Shape_Kind; S : out Status);
   procedure End_Aggregate (V : in out Value; S : out Status);

   --  Walking.
   function Valid (V : Value; Index : Integer) return Boolean is
     (Index >= 0 and then Index < V.Nodes.Length);
   function Child (V : Value; Parent : Natural; I : Natural) return Natural
     with Pre => Valid (V, Parent) and then I < V.Nodes.Data (Parent).Len;
end Glb.Values;
