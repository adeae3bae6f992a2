--  A growable array without controlled types (see Glb): the caller frees
--  it with Free. Indexes start at 0.

generic
   type Element is private;
package Glb.Vectors is
   pragma Preelaborate;

   type Element_Array is array (Natural range <>) of Element;
   type Array_Access is access Element_Array;

   type Vector is record
      Data   : Array_Access := null;
      Length : Natural := 0;
   end record;

   --  Makes room for at least N elements in total.
   procedure Reserve (V : in out Vector; N : Natural);
   procedure Append (V : in out Vector; E : Element) with Inline;
   --  Grows the length by N (new elements keep whatever value they had).
   procedure Grow (V : in out Vector; N : Natural);
   procedure Free (V : in out Vector);
end Glb.Vectors;
