with System;

package body Glb.Plain is

   function Unit_At (V : Value; N : Node; I : Natural) return Unsigned_16 is
      Lo : constant Unsigned_16 := Unsigned_16 (V.Pool.Data (N.Off + 2 * I));
      Hi : constant Unsigned_16 := Unsigned_16 (V.Pool.Data (N.Off + 2 * I + 1));
   begin
      --  Units are stored in host order.
      return (if Native_Order = Little_Endian then Shift_Left (Hi, 8) or Lo
              else Shift_Left (Lo, 8) or Hi);
   end Unit_At;

   function Char_Count (V : Value; N : Node) return Natural is
      C : Natural := 0;
   begin
      for I in 0 .. N.Len - 1 loop
         if Unit_At (V, N, I) not in 16#DC00# .. 16#DFFF# then
            C := C + 1;
         end if;
      end loop;
      return C;
   end Char_Count;

   procedure Put_WString (W : in out Writer; V : Value; N : Node; S : out Status) is
   begin
      S := OK;
      case W.Minor is
         when 0 =>
            --  GIOP 1.0 defines no wchar encoding (9.3.1.6).
            S := Unsupported;
         when 1 =>
            --  Length in units including a NUL unit, units in stream order.
            Put_U32 (W, Unsigned_32 (N.Len + 1));
            for I in 0 .. N.Len - 1 loop
               Put_Unit (W, Unit_At (V, N, I), W.Order);
            end loop;
            Put_Unit (W, 0, W.Order);
         when others =>
            --  Length in octets, no NUL; a BOM in omniORB's style, and in
            --  every style before a first unit that a reader would take
            --  for a BOM (U+FEFF, U+FFFE).
            declare
               Omni : constant Boolean := Has (W.Style, Style_WString_BOM) and then N.Len > 0;
               Looks_Marked : constant Boolean :=
                 N.Len > 0 and then Unit_At (V, N, 0) in 16#FEFF# | 16#FFFE#;
               Order : constant Byte_Order := (if Omni then Native_Order else Big_Endian);
            begin
               if Omni or else Looks_Marked then
                  Put_U32 (W, Unsigned_32 (2 * (N.Len + 1)));
                  Put_Unit (W, 16#FEFF#, Order);
               else
                  Put_U32 (W, Unsigned_32 (2 * N.Len));
               end if;
               for I in 0 .. N.Len - 1 loop
                  Put_Unit (W, Unit_At (V, N, I), Order);
               end loop;
            end;
      end case;
   end Put_WString;

   procedure Store_Units
     (R : in out Reader; V : in out Value; Count : Natural; Order : Byte_Order)
   is
      Dst : System.Address;
      S   : Status;
   begin
      Push_Reserved (V, V_WString, TK_WString, 2 * Count, Count, Dst, S);
      if S /= OK then
         Fail (R, S);
         return;
      end if;
      if Count = 0 then
         return;
      end if;
      declare
         D : constant Big_Access := To_Big (Dst);
      begin
         for I in 0 .. Count - 1 loop
            declare
               U : constant Unsigned_16 := Get_Unit (R, Order);
            begin
               if Native_Order = Little_Endian then
                  D (2 * I) := Octet (U and 16#FF#);
                  D (2 * I + 1) := Octet (Shift_Right (U, 8));
               else
                  D (2 * I) := Octet (Shift_Right (U, 8));
                  D (2 * I + 1) := Octet (U and 16#FF#);
               end if;
            end;
         end loop;
      end;
   end Store_Units;

   procedure Get_WString (R : in out Reader; V : in out Value) is
      Here : Natural;
      N  : Natural;
   begin
      case R.Minor is
         when 0 =>
            Fail (R, Unsupported);
         when 1 =>
            Align (R, 4);
            Here := R.Pos;
            N := Get_Count (R, 2);
            if R.Err /= OK then
               return;
            elsif N = 0 then
               R.Pos := Here;
               Fail (R, Bad_Encoding);
               return;
            end if;
            declare
               Order : constant Byte_Order := R.Order;
            begin
               Store_Units (R, V, N - 1, Order);
               if Get_Unit (R, Order) /= 0 then
                  R.Pos := R.Pos - 2;
                  Fail (R, Bad_Encoding);
               end if;
            end;
         when others =>
            Align (R, 4);
            Here := R.Pos;
            N := Get_Count (R, 1);
            if R.Err /= OK then
               return;
            elsif N mod 2 /= 0 then
               R.Pos := Here;
               Fail (R, Bad_Encoding);
               return;
            end if;
            declare
               Order : Byte_Order := Big_Endian;
            begin
               if N >= 2 then
                  if R.Data (R.Pos) = 16#FE# and then R.Data (R.Pos + 1) = 16#FF# then
                     R.Pos := R.Pos + 2;
                     N := N - 2;
                  elsif R.Data (R.Pos) = 16#FF# and then R.Data (R.Pos + 1) = 16#FE# then
                     Order := Little_Endian;
                     R.Pos := R.Pos + 2;
                     N := N - 2;
                  end if;
               end if;
               Store_Units (R, V, N / 2, Order);
            end;
      end case;
   end Get_WString;

   procedure Put_WChar (W : in out Writer; Unit : Unsigned_16; S : out Status) is
   begin
      S := OK;
      case W.Minor is
         when 0 => S := Unsupported;
         when 1 => Put_U16 (W, Unit);
         when others =>
            Put_Octet (W, 2);
            Put_Unit (W, Unit, Big_Endian);
      end case;
   end Put_WChar;

   function Get_WChar (R : in out Reader) return Unsigned_16 is
      N : Octet;
      Order : Byte_Order := Big_Endian;
   begin
      case R.Minor is
         when 0 =>
            Fail (R, Unsupported);
            return 0;
         when 1 =>
            return Get_U16 (R);
         when others =>
            N := Get_Octet (R);
            if R.Err /= OK then
               return 0;
            end if;
            if N = 4 and then Need (R, 4) then
               if R.Data (R.Pos) = 16#FE# and then R.Data (R.Pos + 1) = 16#FF# then
                  R.Pos := R.Pos + 2;
               elsif R.Data (R.Pos) = 16#FF# and then R.Data (R.Pos + 1) = 16#FE# then
                  Order := Little_Endian;
                  R.Pos := R.Pos + 2;
               else
                  Fail (R, Bad_Encoding);
                  return 0;
               end if;
            elsif N /= 2 then
               R.Pos := R.Pos - 1;
               Fail (R, Bad_Encoding);
               return 0;
            end if;
            return Get_Unit (R, Order);
      end case;
   end Get_WChar;

   procedure Get_String_Into (R : in out Reader; V : in out Value; Bound : Unsigned_32) is
      Off, Len : Natural;
      S : Status;
      Here : constant Natural := R.Pos;
   begin
      Get_String (R, Off, Len);
      if R.Err /= OK then
         return;
      end if;
      if Bound /= 0 and then Unsigned_64 (Len) > Unsigned_64 (Bound) then
         R.Pos := Here;
         Fail (R, Bad_Value);
         return;
      end if;
      Push_Payload (V, V_String, TK_String,
                    (if Len = 0 then System.Null_Address else R.Data (Off)'Address),
                    Len, Len, S);
      if S /= OK then
         Fail (R, S);
      end if;
   end Get_String_Into;

   procedure Put_Prims (V : Value; Kind : TCKind; W : in out Writer; S : out Status) is
   begin
      if V.Root < 0 then
         S := Bad_Argument;
         return;
      end if;
      declare
         N : Node renames V.Nodes.Data (V.Root);
      begin
         if N.Shape /= V_Prims or else N.Kind /= Kind then
            S := Bad_Value;
            return;
         end if;
         Put_U32 (W, Unsigned_32 (N.Len));
         Put_Elements (W, Pool_Address (V, N.Off), N.Len, Prim_Size (Kind));
         S := OK;
      end;
   end Put_Prims;

   procedure Encode
     (V : Value; Subject : Unsigned_32; W : in out Writer; S : out Status) is
   begin
      case Subject is
         when Subject_Seq_Long => Put_Prims (V, TK_Long, W, S);
         when Subject_Seq_Double => Put_Prims (V, TK_Double, W, S);
         when Subject_Seq_Octet => Put_Prims (V, TK_Octet, W, S);
         when Subject_Seq_String | Subject_String | Subject_WString =>
            if V.Root < 0 then
               S := Bad_Argument;
               return;
            end if;
            declare
               N : Node renames V.Nodes.Data (V.Root);
            begin
               S := OK;
               if Subject = Subject_String and then N.Shape = V_String then
                  Put_String (W, Pool_Address (V, N.Off), N.Len);
               elsif Subject = Subject_WString and then N.Shape = V_WString then
                  Put_WString (W, V, N, S);
               elsif Subject = Subject_Seq_String and then N.Shape = V_Seq then
                  Put_U32 (W, Unsigned_32 (N.Len));
                  for I in 0 .. N.Len - 1 loop
                     declare
                        E : Node renames V.Nodes.Data (Child (V, V.Root, I));
                     begin
                        if E.Shape /= V_String then
                           S := Bad_Value;
                           return;
                        end if;
                        Put_String (W, Pool_Address (V, E.Off), E.Len);
                     end;
                  end loop;
               else
                  S := Bad_Value;
               end if;
            end;
         when others =>
            S := Bad_Argument;
      end case;
   end Encode;

   procedure Get_Prims (V : in out Value; Kind : TCKind; R : in out Reader) is
      Size : constant Positive := Prim_Size (Kind);
      N    : constant Natural := Get_Count (R, Size);
      Dst  : System.Address;
      S    : Status;
   begin
      if R.Err /= OK then
         return;
      end if;
      Push_Reserved (V, V_Prims, Kind, N * Size, N, Dst, S);
      if S /= OK then
         Fail (R, S);
         return;
      end if;
      Get_Elements (R, Dst, N, Size);
   end Get_Prims;

   procedure Decode (V : in out Value; Subject : Unsigned_32; R : in out Reader) is
      S : Status;
   begin
      Clear (V);
      case Subject is
         when Subject_Seq_Long => Get_Prims (V, TK_Long, R);
         when Subject_Seq_Double => Get_Prims (V, TK_Double, R);
         when Subject_Seq_Octet => Get_Prims (V, TK_Octet, R);
         when Subject_String => Get_String_Into (R, V, 0);
         when Subject_WString => Get_WString (R, V);
         when Subject_Seq_String =>
            declare
               --  Each string takes at least its length and its NUL.
               N : constant Natural := Get_Count (R, 5);
            begin
               if R.Err /= OK then
                  return;
               end if;
               Begin_Aggregate (V, V_Seq, S);
               for I in 1 .. N loop
                  exit when R.Err /= OK;
                  Get_String_Into (R, V, 0);
               end loop;
               End_Aggregate (V, S);
            end;
         when others =>
            Fail (R, Bad_Argument);
      end case;
   end Decode;
end Glb.Plain;
