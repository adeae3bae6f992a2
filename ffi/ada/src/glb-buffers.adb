with System.Address_To_Access_Conversions;

package body Glb.Buffers is

   package Conv is new System.Address_To_Access_Conversions (Big_Octets);

   function To_Big (A : System.Address) return Big_Access is
     (Big_Access (Conv.To_Pointer (A)));

   --  Copies Count elements of Size octets, reversing each. The callers
   --  have checked both ranges, so the loops run without checks; one loop
   --  per size lets the compiler vectorise the shuffle.
   procedure Swap_Copy
     (Dst : in out Big_Octets; Dst_First : Natural; Src : Big_Octets; Src_First : Natural;
      Count : Natural; Size : Positive)
   is
      pragma Suppress (All_Checks);
   begin
      case Size is
         when 2 =>
            for E in 0 .. Count - 1 loop
               Dst (Dst_First + 2 * E) := Src (Src_First + 2 * E + 1);
               Dst (Dst_First + 2 * E + 1) := Src (Src_First + 2 * E);
            end loop;
         when 4 =>
            for E in 0 .. Count - 1 loop
               for B in 0 .. 3 loop
                  Dst (Dst_First + 4 * E + B) := Src (Src_First + 4 * E + 3 - B);
               end loop;
            end loop;
         when 8 =>
            for E in 0 .. Count - 1 loop
               for B in 0 .. 7 loop
                  Dst (Dst_First + 8 * E + B) := Src (Src_First + 8 * E + 7 - B);
               end loop;
            end loop;
         when others =>
            for E in 0 .. Count - 1 loop
               for B in 0 .. Size - 1 loop
                  Dst (Dst_First + E * Size + B) := Src (Src_First + E * Size + Size - 1 - B);
               end loop;
            end loop;
      end case;
   end Swap_Copy;

   ------------
   -- Writer --
   ------------

   procedure Align (W : in out Writer; N : Positive) is
      Pad : constant Natural := (N - (W.Pos - W.Base) mod N) mod N;
   begin
      for I in 1 .. Pad loop
         if W.Pos < W.Cap then
            W.Data (W.Pos) := 0;
         end if;
         W.Pos := W.Pos + 1;
      end loop;
   end Align;

   procedure Put_Octet (W : in out Writer; V : Octet) is
   begin
      if W.Pos < W.Cap then
         W.Data (W.Pos) := V;
      end if;
      W.Pos := W.Pos + 1;
   end Put_Octet;

   procedure Put_Unit (W : in out Writer; V : Unsigned_16; Order : Byte_Order) is
      Hi : constant Octet := Octet (Shift_Right (V, 8));
      Lo : constant Octet := Octet (V and 16#FF#);
   begin
      if W.Pos + 2 <= W.Cap then
         if Order = Big_Endian then
            W.Data (W.Pos) := Hi;
            W.Data (W.Pos + 1) := Lo;
         else
            W.Data (W.Pos) := Lo;
            W.Data (W.Pos + 1) := Hi;
         end if;
      end if;
      W.Pos := W.Pos + 2;
   end Put_Unit;

   procedure Put_U16 (W : in out Writer; V : Unsigned_16) is
   begin
      Align (W, 2);
      Put_Unit (W, V, W.Order);
   end Put_U16;

   procedure Put_U32 (W : in out Writer; V : Unsigned_32) is
   begin
      Align (W, 4);
      if W.Pos + 4 <= W.Cap then
         for I in 0 .. 3 loop
            declare
               Shift : constant Natural :=
                 (if W.Order = Big_Endian then 8 * (3 - I) else 8 * I);
            begin
               W.Data (W.Pos + I) := Octet (Shift_Right (V, Shift) and 16#FF#);
            end;
         end loop;
      end if;
      W.Pos := W.Pos + 4;
   end Put_U32;

   procedure Put_U64 (W : in out Writer; V : Unsigned_64) is
   begin
      Align (W, 8);
      if W.Pos + 8 <= W.Cap then
         for I in 0 .. 7 loop
            declare
               Shift : constant Natural :=
                 (if W.Order = Big_Endian then 8 * (7 - I) else 8 * I);
            begin
               W.Data (W.Pos + I) := Octet (Shift_Right (V, Shift) and 16#FF#);
            end;
         end loop;
      end if;
      W.Pos := W.Pos + 8;
   end Put_U64;

   procedure Put_Octets (W : in out Writer; Src : Octet_Array) is
   begin
      if Src'Length > 0 and then W.Pos + Src'Length <= W.Cap then
         W.Data (W.Pos .. W.Pos + Src'Length - 1) := Src;
      end if;
      W.Pos := W.Pos + Src'Length;
   end Put_Octets;

   procedure Put_Elements
     (W : in out Writer; Src : System.Address; Count : Natural; Size : Positive)
   is
      N : constant Natural := Count * Size;
   begin
      if Count = 0 then
         return;
      end if;
      Align (W, Size);
      if W.Pos + N <= W.Cap then
         declare
            S : constant Big_Access := To_Big (Src);
            D : Big_Octets renames W.Data.all;
            P : constant Natural := W.Pos;
         begin
            if Size = 1 or else W.Order = Native_Order then
               D (P .. P + N - 1) := S (0 .. N - 1);
            else
               Swap_Copy (Dst => D, Dst_First => P, Src => S.all, Src_First => 0,
                          Count => Count, Size => Size);
            end if;
         end;
      end if;
      W.Pos := W.Pos + N;
   end Put_Elements;

   procedure Put_Raw (W : in out Writer; Src : System.Address; N : Natural) is
   begin
      if N > 0 and then W.Pos + N <= W.Cap then
         W.Data (W.Pos .. W.Pos + N - 1) := To_Big (Src) (0 .. N - 1);
      end if;
      W.Pos := W.Pos + N;
   end Put_Raw;

   procedure Put_String (W : in out Writer; Src : System.Address; N : Natural) is
   begin
      Put_U32 (W, Unsigned_32 (N + 1));
      Put_Raw (W, Src, N);
      Put_Octet (W, 0);
   end Put_String;

   procedure Patch_U32 (W : in out Writer; Here : Natural; V : Unsigned_32) is
   begin
      if Here + 4 <= W.Cap then
         for I in 0 .. 3 loop
            declare
               Shift : constant Natural :=
                 (if W.Order = Big_Endian then 8 * (3 - I) else 8 * I);
            begin
               W.Data (Here + I) := Octet (Shift_Right (V, Shift) and 16#FF#);
            end;
         end loop;
      end if;
   end Patch_U32;

   procedure Begin_Encaps (W : in out Writer; Order : Byte_Order; M : out Encaps_Mark) is
   begin
      Align (W, 4);
      M := (Length_At => W.Pos, Order => W.Order, Base => W.Base);
      W.Pos := W.Pos + 4;
      W.Order := Order;
      W.Base := W.Pos;
      Put_Octet (W, Byte_Order'Enum_Rep (Order));
   end Begin_Encaps;

   procedure End_Encaps (W : in out Writer; M : Encaps_Mark) is
   begin
      W.Order := M.Order;
      W.Base := M.Base;
      Patch_U32 (W, M.Length_At, Unsigned_32 (W.Pos - M.Length_At - 4));
   end End_Encaps;

   ------------
   -- Reader --
   ------------

   procedure Fail (R : in out Reader; S : Status) is
   begin
      if R.Err = OK then
         R.Err := S;
         R.Err_At := R.Pos;
      end if;
   end Fail;

   function Need (R : in out Reader; N : Natural) return Boolean is
   begin
      if R.Err /= OK then
         return False;
      elsif N > R.Last - R.Pos then
         Fail (R, Truncated);
         return False;
      end if;
      return True;
   end Need;

   procedure Align (R : in out Reader; N : Positive) is
      Pad : constant Natural := (N - (R.Pos - R.Base) mod N) mod N;
   begin
      if Pad > 0 and then Need (R, Pad) then
         R.Pos := R.Pos + Pad;
      end if;
   end Align;

   function Get_Octet (R : in out Reader) return Octet is
   begin
      if not Need (R, 1) then
         return 0;
      end if;
      R.Pos := R.Pos + 1;
      return R.Data (R.Pos - 1);
   end Get_Octet;

   function Get_Unit (R : in out Reader; Order : Byte_Order) return Unsigned_16 is
      A, B : Unsigned_16;
   begin
      if not Need (R, 2) then
         return 0;
      end if;
      A := Unsigned_16 (R.Data (R.Pos));
      B := Unsigned_16 (R.Data (R.Pos + 1));
      R.Pos := R.Pos + 2;
      return (if Order = Big_Endian then Shift_Left (A, 8) or B
              else Shift_Left (B, 8) or A);
   end Get_Unit;

   function Get_U16 (R : in out Reader) return Unsigned_16 is
   begin
      Align (R, 2);
      return Get_Unit (R, R.Order);
   end Get_U16;

   function Get_U32 (R : in out Reader) return Unsigned_32 is
      V : Unsigned_32 := 0;
   begin
      Align (R, 4);
      if not Need (R, 4) then
         return 0;
      end if;
      for I in 0 .. 3 loop
         declare
            B : constant Unsigned_32 := Unsigned_32 (R.Data (R.Pos + I));
         begin
            V := V or (if R.Order = Big_Endian then Shift_Left (B, 8 * (3 - I))
                       else Shift_Left (B, 8 * I));
         end;
      end loop;
      R.Pos := R.Pos + 4;
      return V;
   end Get_U32;

   function Get_U64 (R : in out Reader) return Unsigned_64 is
      V : Unsigned_64 := 0;
   begin
      Align (R, 8);
      if not Need (R, 8) then
         return 0;
      end if;
      for I in 0 .. 7 loop
         declare
            B : constant Unsigned_64 := Unsigned_64 (R.Data (R.Pos + I));
         begin
            V := V or (if R.Order = Big_Endian then Shift_Left (B, 8 * (7 - I))
                       else Shift_Left (B, 8 * I));
         end;
      end loop;
      R.Pos := R.Pos + 8;
      return V;
   end Get_U64;

   function Get_Boolean (R : in out Reader) return Octet is
      B : constant Octet := Get_Octet (R);
   begin
      if B > 1 then
         R.Pos := R.Pos - 1;
         Fail (R, Bad_Encoding);
         return 0;
      end if;
      return B;
   end Get_Boolean;

   function Get_Count (R : in out Reader; Min_Size : Positive) return Natural is
      Here : Natural;
      N  : Unsigned_32;
   begin
      Align (R, 4);
      Here := R.Pos;
      N := Get_U32 (R);
      if R.Err /= OK then
         return 0;
      end if;
      --  Compare in 64 bits: N * Min_Size can exceed Natural.
      if Unsigned_64 (N) * Unsigned_64 (Min_Size) > Unsigned_64 (Left (R)) then
         R.Pos := Here;
         Fail (R, Length_Too_Large);
         return 0;
      end if;
      return Natural (N);
   end Get_Count;

   procedure Get_String (R : in out Reader; Off, Len : out Natural) is
      Here : Natural;
      N  : Natural;
   begin
      Off := 0;
      Len := 0;
      Align (R, 4);
      Here := R.Pos;
      N := Get_Count (R, 1);
      if R.Err /= OK then
         return;
      end if;
      if N = 0 then
         R.Pos := Here;
         Fail (R, Bad_Encoding);
         return;
      end if;
      if R.Data (R.Pos + N - 1) /= 0 then
         R.Pos := R.Pos + N - 1;
         Fail (R, Bad_Encoding);
         return;
      end if;
      Off := R.Pos;
      Len := N - 1;
      R.Pos := R.Pos + N;
   end Get_String;

   procedure Get_Elements
     (R : in out Reader; Dst : System.Address; Count : Natural; Size : Positive)
   is
      N : Natural;
   begin
      if Count = 0 then
         return;
      end if;
      Align (R, Size);
      if R.Err /= OK then
         return;
      end if;
      if Count > Left (R) / Size then
         Fail (R, Length_Too_Large);
         return;
      end if;
      N := Count * Size;
      declare
         D : constant Big_Access := To_Big (Dst);
         S : Big_Octets renames R.Data.all;
         P : constant Natural := R.Pos;
      begin
         if Size = 1 or else R.Order = Native_Order then
            D (0 .. N - 1) := S (P .. P + N - 1);
         else
            Swap_Copy (Dst => D.all, Dst_First => 0, Src => S, Src_First => P,
                       Count => Count, Size => Size);
         end if;
      end;
      R.Pos := R.Pos + N;
   end Get_Elements;

   procedure Enter_Encaps (R : in out Reader; S : out Encaps_Save) is
      Here  : Natural;
      Len : Unsigned_32;
      Flag : Octet;
   begin
      S := (Last => R.Last, Base => R.Base, Order => R.Order);
      Align (R, 4);
      Here := R.Pos;
      Len := Get_U32 (R);
      if R.Err /= OK then
         return;
      end if;
      if Len = 0 or else Unsigned_64 (Len) > Unsigned_64 (Left (R)) then
         R.Pos := Here;
         Fail (R, Length_Too_Large);
         return;
      end if;
      R.Base := R.Pos;
      R.Last := R.Pos + Natural (Len);
      Flag := Get_Octet (R);
      if Flag > 1 then
         R.Pos := R.Pos - 1;
         Fail (R, Bad_Encoding);
         return;
      end if;
      R.Order := Byte_Order'Val (Flag);
   end Enter_Encaps;

   procedure Leave_Encaps (R : in out Reader; S : Encaps_Save) is
   begin
      if R.Err = OK then
         R.Pos := R.Last;
      end if;
      R.Last := S.Last;
      R.Base := S.Base;
      R.Order := S.Order;
   end Leave_Encaps;
end Glb.Buffers;
