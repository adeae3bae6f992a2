with Ada.Unchecked_Deallocation;

package body Glb.Vectors is

   procedure Dispose is new Ada.Unchecked_Deallocation
     (Element_Array, Array_Access);

   procedure Reserve (V : in out Vector; N : Natural) is
      Cap     : constant Natural := (if V.Data = null then 0 else V.Data'Length);
      New_Cap : Natural := Natural'Max (Cap, 16);
   begin
      if V.Data /= null and then N <= Cap then
         return;
      end if;
      while New_Cap < N loop
         New_Cap := (if New_Cap > Natural'Last / 2 then Natural'Last
                     else New_Cap * 2);
      end loop;
      declare
         Bigger : constant Array_Access := new Element_Array (0 .. New_Cap - 1);
      begin
         if V.Data /= null then
            Bigger (0 .. V.Length - 1) := V.Data (0 .. V.Length - 1);
            Dispose (V.Data);
         end if;
         V.Data := Bigger;
      end;
   end Reserve;

   procedure Append (V : in out Vector; E : Element) is
   begin
      if V.Data = null or else V.Length = V.Data'Length then
         Reserve (V, V.Length + 1);
      end if;
      V.Data (V.Length) := E;
      V.Length := V.Length + 1;
   end Append;

   procedure Grow (V : in out Vector; N : Natural) is
   begin
      Reserve (V, V.Length + N);
      V.Length := V.Length + N;
   end Grow;

   procedure Free (V : in out Vector) is
   begin
      if V.Data /= null then
         Dispose (V.Data);
      end if;
      V.Length := 0;
   end Free;
end Glb.Vectors;
