--  TypeCode-driven marshalling of values (the representation of an
--  `any`'s value, CORBA 3.x Part 2, 9.3.5.2), as PolyORB marshals from an
--  Any: the TypeCode graph is walked beside the value tree.

with Glb.Buffers;   use Glb.Buffers;
with Glb.TypeCodes; use Glb.TypeCodes;
with Glb.Values;    use Glb.Values;

package Glb.Any_Codec is

   --  Marshals the root of V as a value of the root of G.
   procedure Encode (G : Graph; V : Value; W : in out Writer; S : out Status);
   --  Replaces V with a value of the root of G read from R.
   procedure Decode (G : Graph; V : in out Value; R : in out Reader);
end Glb.Any_Codec;
