with Ada.Unchecked_Conversion;
with Ada.Unchecked_Deallocation;
with System;

package body Glb.Corpus is

   function To_U16 is new Ada.Unchecked_Conversion (Integer_16, Unsigned_16);
   function To_I16 is new Ada.Unchecked_Conversion (Unsigned_16, Integer_16);
   function To_U32 is new Ada.Unchecked_Conversion (Integer_32, Unsigned_32);
   function To_I32 is new Ada.Unchecked_Conversion (Unsigned_32, Integer_32);
   function To_U64 is new Ada.Unchecked_Conversion (Integer_64, Unsigned_64);
   function To_I64 is new Ada.Unchecked_Conversion (Unsigned_64, Integer_64);
   function To_U64 (V : Integer_16) return Unsigned_64 is (Unsigned_64 (To_U16 (V)));
   function To_U64 (V : Integer_32) return Unsigned_64 is (Unsigned_64 (To_U32 (V)));

   procedure Dispose is new Ada.Unchecked_Deallocation (Octet_Array, String_Access);
   procedure Dispose is new Ada.Unchecked_Deallocation (Line_Item_Array, Line_Item_Seq);
   procedure Dispose is new Ada.Unchecked_Deallocation (Long_Array, Long_Seq);
   procedure Dispose is new Ada.Unchecked_Deallocation (Record_Array, Record_Seq);
   procedure Dispose is new Ada.Unchecked_Deallocation (Node_Array, Node_Seq);
   procedure Dispose is new Ada.Unchecked_Deallocation (Tree_Node, Node_Access);

   Prefix : constant String := "IDL:giopbench.org/Bench/";

   function Kind_Of (Id : Octet_Array) return Type_Kind is
      function Matches (Name : String) return Boolean is
         Full : constant String := Prefix & Name & ":1.0";
      begin
         if Id'Length /= Full'Length then
            return False;
         end if;
         for I in 0 .. Full'Length - 1 loop
            if Id (Id'First + I) /= Character'Pos (Full (Full'First + I)) then
               return False;
            end if;
         end loop;
         return True;
      end Matches;
   begin
      if Matches ("Color") then return K_Color;
      elsif Matches ("Point") then return K_Point;
      elsif Matches ("Shape") then return K_Shape;
      elsif Matches ("Address") then return K_Address;
      elsif Matches ("LineItem") then return K_Line_Item;
      elsif Matches ("Record") then return K_Record;
      elsif Matches ("RecordSeq") then return K_Record_Seq;
      elsif Matches ("Node") then return K_Node;
      elsif Matches ("Wide50") then return K_Wide50;
      else return None;
      end if;
   end Kind_Of;

   ------------------
   -- Freeing      --
   ------------------

   procedure Free_Str (S : in out String_Access) is
   begin
      if S /= null then
         Dispose (S);
      end if;
   end Free_Str;

   procedure Free (X : in out Shape) is
   begin
      if X.Disc in 3 | 4 then
         Free_Str (X.Label);
      end if;
      X := (Disc => 0, Code => 0);
   end Free;

   procedure Free (X : in out Address) is
   begin
      Free_Str (X.Street);
      Free_Str (X.City);
   end Free;

   procedure Free (X : in out Line_Item) is
   begin
      Free_Str (X.Sku);
   end Free;

   procedure Free (X : in out Bench_Record) is
   begin
      Free_Str (X.Name);
      Free (X.Residence);
      Free (X.Outline);
      if X.Items /= null then
         for I of X.Items.all loop
            Free (I);
         end loop;
         Dispose (X.Items);
      end if;
      if X.Tags /= null then
         Dispose (X.Tags);
      end if;
   end Free;

   procedure Free (X : in out Node_Access) is
   begin
      if X = null then
         return;
      end if;
      Free_Str (X.Label);
      if X.Children /= null then
         for C of X.Children.all loop
            Free (C);
         end loop;
         Dispose (X.Children);
      end if;
      Dispose (X);
   end Free;

   procedure Free (X : in out Wide50) is
   begin
      Free_Str (X.M02);
      Free_Str (X.M12);
      Free_Str (X.M22);
      Free_Str (X.M32);
      Free_Str (X.M42);
   end Free;

   procedure Free_Contents (X : in out Static_Value) is
   begin
      Free (X.Sh);
      Free (X.A);
      Free (X.L);
      Free (X.R);
      if X.RS /= null then
         for R of X.RS.all loop
            Free (R);
         end loop;
         Dispose (X.RS);
      end if;
      Free (X.N);
      Free (X.W);
      X.Kind := None;
   end Free_Contents;

   --------------
   -- Encoding --
   --------------

   procedure Put_Str (W : in out Writer; S : String_Access) is
   begin
      if S = null or else S'Length = 0 then
         Put_String (W, System.Null_Address, 0);
      else
         Put_String (W, S (S'First)'Address, S'Length);
      end if;
   end Put_Str;

   procedure Put (W : in out Writer; X : Point) is
   begin
      Put_U64 (W, X.X);
      Put_U64 (W, X.Y);
   end Put;

   procedure Put (W : in out Writer; X : Shape) is
   begin
      Put_U32 (W, To_U32 (X.Disc));
      case X.Disc is
         when 1 => Put_U64 (W, X.Radius);
         when 2 => Put (W, X.Corner);
         when 3 | 4 => Put_Str (W, X.Label);
         when others => Put_U32 (W, To_U32 (X.Code));
      end case;
   end Put;

   procedure Put (W : in out Writer; X : Address) is
   begin
      Put_Str (W, X.Street);
      Put_Str (W, X.City);
      Put_U16 (W, X.Zip);
   end Put;

   procedure Put (W : in out Writer; X : Line_Item) is
   begin
      Put_Str (W, X.Sku);
      Put_U32 (W, To_U32 (X.Quantity));
      Put_U64 (W, X.Price);
   end Put;

   procedure Put (W : in out Writer; X : Bench_Record) is
   begin
      Put_U32 (W, To_U32 (X.Id));
      Put_Str (W, X.Name);
      Put_U32 (W, Color'Pos (X.Hue));
      Put (W, X.Residence);
      Put (W, X.Outline);
      if X.Items = null then
         Put_U32 (W, 0);
      else
         Put_U32 (W, Unsigned_32 (X.Items'Length));
         for I of X.Items.all loop
            Put (W, I);
         end loop;
      end if;
      if X.Tags = null or else X.Tags'Length = 0 then
         Put_U32 (W, 0);
      else
         Put_U32 (W, Unsigned_32 (X.Tags'Length));
         Put_Elements (W, X.Tags (X.Tags'First)'Address, X.Tags'Length, 4);
      end if;
      Put_Octet (W, Boolean'Pos (X.Active));
      Put_U64 (W, To_U64 (X.Timestamp));
   end Put;

   procedure Put (W : in out Writer; X : Node_Access) is
   begin
      Put_Str (W, X.Label);
      Put_U32 (W, To_U32 (X.Weight));
      if X.Children = null then
         Put_U32 (W, 0);
      else
         Put_U32 (W, Unsigned_32 (X.Children'Length));
         for C of X.Children.all loop
            Put (W, C);
         end loop;
      end if;
   end Put;

   procedure Put (W : in out Writer; X : Wide50) is
   begin
      Put_U32 (W, To_U32 (X.M00));
      Put_U64 (W, X.M01);
      Put_Str (W, X.M02);
      Put_U16 (W, To_U16 (X.M03));
      Put_Octet (W, Boolean'Pos (X.M04));
      Put_U32 (W, X.M05);
      Put_Octet (W, X.M06);
      Put_U64 (W, To_U64 (X.M07));
      Put_U32 (W, X.M08);
      Put_U16 (W, X.M09);
      Put_U32 (W, To_U32 (X.M10));
      Put_U64 (W, X.M11);
      Put_Str (W, X.M12);
      Put_U16 (W, To_U16 (X.M13));
      Put_Octet (W, Boolean'Pos (X.M14));
      Put_U32 (W, X.M15);
      Put_Octet (W, X.M16);
      Put_U64 (W, To_U64 (X.M17));
      Put_U32 (W, X.M18);
      Put_U16 (W, X.M19);
      Put_U32 (W, To_U32 (X.M20));
      Put_U64 (W, X.M21);
      Put_Str (W, X.M22);
      Put_U16 (W, To_U16 (X.M23));
      Put_Octet (W, Boolean'Pos (X.M24));
      Put_U32 (W, X.M25);
      Put_Octet (W, X.M26);
      Put_U64 (W, To_U64 (X.M27));
      Put_U32 (W, X.M28);
      Put_U16 (W, X.M29);
      Put_U32 (W, To_U32 (X.M30));
      Put_U64 (W, X.M31);
      Put_Str (W, X.M32);
      Put_U16 (W, To_U16 (X.M33));
      Put_Octet (W, Boolean'Pos (X.M34));
      Put_U32 (W, X.M35);
      Put_Octet (W, X.M36);
      Put_U64 (W, To_U64 (X.M37));
      Put_U32 (W, X.M38);
      Put_U16 (W, X.M39);
      Put_U32 (W, To_U32 (X.M40));
      Put_U64 (W, X.M41);
      Put_Str (W, X.M42);
      Put_U16 (W, To_U16 (X.M43));
      Put_Octet (W, Boolean'Pos (X.M44));
      Put_U32 (W, X.M45);
      Put_Octet (W, X.M46);
      Put_U64 (W, To_U64 (X.M47));
      Put_U32 (W, X.M48);
      Put_U16 (W, X.M49);
   end Put;

   procedure Encode (X : Static_Value; W : in out Writer; S : out Status) is
   begin
      S := OK;
      case X.Kind is
         when None => S := Bad_Argument;
         when K_Color => Put_U32 (W, Color'Pos (X.C));
         when K_Point => Put (W, X.P);
         when K_Shape => Put (W, X.Sh);
         when K_Address => Put (W, X.A);
         when K_Line_Item => Put (W, X.L);
         when K_Record => Put (W, X.R);
         when K_Record_Seq =>
            Put_U32 (W, Unsigned_32 (X.RS'Length));
            for R of X.RS.all loop
               Put (W, R);
            end loop;
         when K_Node => Put (W, X.N);
         when K_Wide50 => Put (W, X.W);
      end case;
   end Encode;

   --------------
   -- Decoding --
   --------------

   procedure Get_Str (R : in out Reader; X : out String_Access) is
      Off, Len : Natural;
   begin
      X := null;
      Get_String (R, Off, Len);
      if R.Err = OK then
         X := new Octet_Array (0 .. Len - 1);
         if Len > 0 then
            X.all := R.Data (Off .. Off + Len - 1);
         end if;
      end if;
   end Get_Str;

   procedure Get (R : in out Reader; X : out Point) is
   begin
      X.X := Get_U64 (R);
      X.Y := Get_U64 (R);
   end Get;

   procedure Get (R : in out Reader; X : out Shape) is
      D : constant Integer_32 := To_I32 (Get_U32 (R));
   begin
      case D is
         when 1 => X := (Disc => 1, Radius => Get_U64 (R));
         when 2 =>
            declare
               P : Point;
            begin
               Get (R, P);
               X := (Disc => 2, Corner => P);
            end;
         when 3 | 4 =>
            declare
               T : Shape (D);
            begin
               Get_Str (R, T.Label);
               X := T;
            end;
         when others =>
            declare
               T : Shape (D);
            begin
               T.Code := To_I32 (Get_U32 (R));
               X := T;
            end;
      end case;
   end Get;

   procedure Get (R : in out Reader; X : out Address) is
   begin
      Get_Str (R, X.Street);
      Get_Str (R, X.City);
      X.Zip := Get_U16 (R);
   end Get;

   procedure Get (R : in out Reader; X : out Line_Item) is
   begin
      Get_Str (R, X.Sku);
      X.Quantity := To_I32 (Get_U32 (R));
      X.Price := Get_U64 (R);
   end Get;

   procedure Get_Color (R : in out Reader; X : out Color) is
      Here : constant Natural := R.Pos;
      V    : constant Unsigned_32 := Get_U32 (R);
   begin
      X := Red;
      if R.Err = OK and then V > Color'Pos (Color'Last) then
         R.Pos := Here;
         Fail (R, Bad_Value);
      elsif R.Err = OK then
         X := Color'Val (V);
      end if;
   end Get_Color;

   procedure Get (R : in out Reader; X : out Bench_Record) is
      N : Natural;
   begin
      X.Id := To_I32 (Get_U32 (R));
      Get_Str (R, X.Name);
      Get_Color (R, X.Hue);
      Get (R, X.Residence);
      Get (R, X.Outline);
      --  A LineItem is at least 5 + 4 + 8 octets.
      N := Get_Count (R, 17);
      X.Items := new Line_Item_Array (0 .. N - 1);
      for I of X.Items.all loop
         exit when R.Err /= OK;
         Get (R, I);
      end loop;
      N := Get_Count (R, 4);
      X.Tags := new Long_Array (0 .. N - 1);
      if N > 0 then
         Get_Elements (R, X.Tags (0)'Address, N, 4);
      end if;
      X.Active := Get_Boolean (R) = 1;
      X.Timestamp := To_I64 (Get_U64 (R));
   end Get;

   procedure Get (R : in out Reader; X : out Node_Access; Depth : Natural) is
      N : Natural;
   begin
      X := new Tree_Node;
      if Depth > Max_Depth then
         Fail (R, Depth_Exceeded);
         return;
      end if;
      Get_Str (R, X.Label);
      X.Weight := To_I32 (Get_U32 (R));
      --  A Node is at least 5 + 4 + 4 octets.
      N := Get_Count (R, 13);
      X.Children := new Node_Array (0 .. N - 1);
      for C of X.Children.all loop
         exit when R.Err /= OK;
         Get (R, C, Depth + 1);
      end loop;
   end Get;

   procedure Get (R : in out Reader; X : out Wide50) is
   begin
      X.M00 := To_I32 (Get_U32 (R));
      X.M01 := Get_U64 (R);
      Get_Str (R, X.M02);
      X.M03 := To_I16 (Get_U16 (R));
      X.M04 := Get_Boolean (R) = 1;
      X.M05 := Get_U32 (R);
      X.M06 := Get_Octet (R);
      X.M07 := To_I64 (Get_U64 (R));
      X.M08 := Get_U32 (R);
      X.M09 := Get_U16 (R);
      X.M10 := To_I32 (Get_U32 (R));
      X.M11 := Get_U64 (R);
      Get_Str (R, X.M12);
      X.M13 := To_I16 (Get_U16 (R));
      X.M14 := Get_Boolean (R) = 1;
      X.M15 := Get_U32 (R);
      X.M16 := Get_Octet (R);
      X.M17 := To_I64 (Get_U64 (R));
      X.M18 := Get_U32 (R);
      X.M19 := Get_U16 (R);
      X.M20 := To_I32 (Get_U32 (R));
      X.M21 := Get_U64 (R);
      Get_Str (R, X.M22);
      X.M23 := To_I16 (Get_U16 (R));
      X.M24 := Get_Boolean (R) = 1;
      X.M25 := Get_U32 (R);
      X.M26 := Get_Octet (R);
      X.M27 := To_I64 (Get_U64 (R));
      X.M28 := Get_U32 (R);
      X.M29 := Get_U16 (R);
      X.M30 := To_I32 (Get_U32 (R));
      X.M31 := Get_U64 (R);
      Get_Str (R, X.M32);
      X.M33 := To_I16 (Get_U16 (R));
      X.M34 := Get_Boolean (R) = 1;
      X.M35 := Get_U32 (R);
      X.M36 := Get_Octet (R);
      X.M37 := To_I64 (Get_U64 (R));
      X.M38 := Get_U32 (R);
      X.M39 := Get_U16 (R);
      X.M40 := To_I32 (Get_U32 (R));
      X.M41 := Get_U64 (R);
      Get_Str (R, X.M42);
      X.M43 := To_I16 (Get_U16 (R));
      X.M44 := Get_Boolean (R) = 1;
      X.M45 := Get_U32 (R);
      X.M46 := Get_Octet (R);
      X.M47 := To_I64 (Get_U64 (R));
      X.M48 := Get_U32 (R);
      X.M49 := Get_U16 (R);
   end Get;

   procedure Decode (X : in out Static_Value; Kind : Type_Kind; R : in out Reader) is
      N : Natural;
   begin
      Free_Contents (X);
      X.Kind := Kind;
      case Kind is
         when None => Fail (R, Unsupported);
         when K_Color => Get_Color (R, X.C);
         when K_Point => Get (R, X.P);
         when K_Shape => Get (R, X.Sh);
         when K_Address => Get (R, X.A);
         when K_Line_Item => Get (R, X.L);
         when K_Record => Get (R, X.R);
         when K_Record_Seq =>
            --  A Record is at least 70 octets; 32 is a safe lower bound.
            N := Get_Count (R, 32);
            X.RS := new Record_Array (0 .. N - 1);
            for E of X.RS.all loop
               exit when R.Err /= OK;
               Get (R, E);
            end loop;
         when K_Node => Get (R, X.N, 0);
         when K_Wide50 => Get (R, X.W);
      end case;
   end Decode;

   -------------------------------
   -- From and to value trees   --
   -------------------------------

   function Scalar (V : Value; N : Natural; Kind : TCKind; S : in out Status) return Unsigned_64
   is
   begin
      if V.Nodes.Data (N).Shape = V_Scalar and then V.Nodes.Data (N).Kind = Kind then
         return V.Nodes.Data (N).Bits;
      end if;
      S := Bad_Value;
      return 0;
   end Scalar;

   --  True when node N is an aggregate of Shape with Count children.
   function Is_Agg (V : Value; N : Natural; Shape : Shape_Kind; Count : Natural) return Boolean is
     (V.Nodes.Data (N).Shape = Shape and then V.Nodes.Data (N).Len = Count);

   procedure Load_Str (V : Value; N : Natural; X : out String_Access; S : in out Status) is
      E : Node renames V.Nodes.Data (N);
   begin
      X := null;
      if E.Shape /= V_String then
         S := Bad_Value;
         return;
      end if;
      X := new Octet_Array (0 .. E.Len - 1);
      for I in 0 .. E.Len - 1 loop
         X (I) := V.Pool.Data (E.Off + I);
      end loop;
   end Load_Str;

   procedure Load (V : Value; N : Natural; X : out Point; S : in out Status) is
   begin
      X := (others => 0);
      if not Is_Agg (V, N, V_Struct, 2) then
         S := Bad_Value;
         return;
      end if;
      X.X := Scalar (V, Child (V, N, 0), TK_Double, S);
      X.Y := Scalar (V, Child (V, N, 1), TK_Double, S);
   end Load;

   procedure Load (V : Value; N : Natural; X : out Shape; S : in out Status) is
      D : Integer_32;
   begin
      X := (Disc => 0, Code => 0);
      if V.Nodes.Data (N).Shape /= V_Union or else V.Nodes.Data (N).Len /= 2 then
         --  Every discriminator selects a member (there is a default).
         S := Bad_Value;
         return;
      end if;
      D := To_I32 (Unsigned_32 (Scalar (V, Child (V, N, 0), TK_Long, S) and 16#FFFF_FFFF#));
      declare
         M : constant Natural := Child (V, N, 1);
      begin
         case D is
            when 1 => X := (Disc => 1, Radius => Scalar (V, M, TK_Double, S));
            when 2 =>
               declare
                  P : Point;
               begin
                  Load (V, M, P, S);
                  X := (Disc => 2, Corner => P);
               end;
            when 3 | 4 =>
               declare
                  T : Shape (D);
               begin
                  Load_Str (V, M, T.Label, S);
                  X := T;
               end;
            when others =>
               declare
                  T : Shape (D);
               begin
                  T.Code := To_I32 (Unsigned_32 (Scalar (V, M, TK_Long, S) and 16#FFFF_FFFF#));
                  X := T;
               end;
         end case;
      end;
   end Load;

   procedure Load (V : Value; N : Natural; X : out Address; S : in out Status) is
   begin
      X := (others => <>);
      if not Is_Agg (V, N, V_Struct, 3) then
         S := Bad_Value;
         return;
      end if;
      Load_Str (V, Child (V, N, 0), X.Street, S);
      Load_Str (V, Child (V, N, 1), X.City, S);
      X.Zip := Unsigned_16 (Scalar (V, Child (V, N, 2), TK_UShort, S) and 16#FFFF#);
   end Load;

   procedure Load (V : Value; N : Natural; X : out Line_Item; S : in out Status) is
   begin
      X := (others => <>);
      if not Is_Agg (V, N, V_Struct, 3) then
         S := Bad_Value;
         return;
      end if;
      Load_Str (V, Child (V, N, 0), X.Sku, S);
      X.Quantity := To_I32 (Unsigned_32 (Scalar (V, Child (V, N, 1), TK_Long, S) and 16#FFFF_FFFF#));
      X.Price := Scalar (V, Child (V, N, 2), TK_Double, S);
   end Load;

   procedure Load_Color (V : Value; N : Natural; X : out Color; S : in out Status) is
      E : constant Unsigned_64 := Scalar (V, N, TK_Enum, S);
   begin
      X := Red;
      if E > Color'Pos (Color'Last) then
         S := Bad_Value;
      else
         X := Color'Val (E);
      end if;
   end Load_Color;

   procedure Load (V : Value; N : Natural; X : out Bench_Record; S : in out Status) is
   begin
      X := (others => <>);
      if not Is_Agg (V, N, V_Struct, 9) then
         S := Bad_Value;
         return;
      end if;
      X.Id := To_I32 (Unsigned_32 (Scalar (V, Child (V, N, 0), TK_Long, S) and 16#FFFF_FFFF#));
      Load_Str (V, Child (V, N, 1), X.Name, S);
      Load_Color (V, Child (V, N, 2), X.Hue, S);
      Load (V, Child (V, N, 3), X.Residence, S);
      Load (V, Child (V, N, 4), X.Outline, S);
      declare
         Items : constant Natural := Child (V, N, 5);
         Tags  : constant Natural := Child (V, N, 6);
         T     : Node renames V.Nodes.Data (Tags);
      begin
         if V.Nodes.Data (Items).Shape /= V_Seq then
            S := Bad_Value;
         else
            X.Items := new Line_Item_Array (0 .. V.Nodes.Data (Items).Len - 1);
            for I in X.Items'Range loop
               Load (V, Child (V, Items, I), X.Items (I), S);
            end loop;
         end if;
         if T.Shape = V_Prims and then T.Kind = TK_Long then
            X.Tags := new Long_Array (0 .. T.Len - 1);
            for I in X.Tags'Range loop
               declare
                  B : Unsigned_32 := 0;
               begin
                  for K in 0 .. 3 loop
                     B := B or Shift_Left (Unsigned_32 (V.Pool.Data (T.Off + 4 * I + K)),
                                           (if Native_Order = Little_Endian then 8 * K
                                            else 8 * (3 - K)));
                  end loop;
                  X.Tags (I) := To_I32 (B);
               end;
            end loop;
         elsif T.Shape = V_Seq then
            X.Tags := new Long_Array (0 .. T.Len - 1);
            for I in X.Tags'Range loop
               X.Tags (I) := To_I32 (Unsigned_32 (Scalar (V, Child (V, Tags, I), TK_Long, S)
                                                  and 16#FFFF_FFFF#));
            end loop;
         else
            S := Bad_Value;
         end if;
      end;
      X.Active := Scalar (V, Child (V, N, 7), TK_Boolean, S) /= 0;
      X.Timestamp := To_I64 (Scalar (V, Child (V, N, 8), TK_LongLong, S));
   end Load;

   procedure Load (V : Value; N : Natural; X : out Node_Access; S : in out Status;
                   Depth : Natural) is
   begin
      X := new Tree_Node;
      if Depth > Max_Depth then
         S := Depth_Exceeded;
         return;
      end if;
      if not Is_Agg (V, N, V_Struct, 3) then
         S := Bad_Value;
         return;
      end if;
      Load_Str (V, Child (V, N, 0), X.Label, S);
      X.Weight := To_I32 (Unsigned_32 (Scalar (V, Child (V, N, 1), TK_Long, S) and 16#FFFF_FFFF#));
      declare
         C : constant Natural := Child (V, N, 2);
      begin
         if V.Nodes.Data (C).Shape /= V_Seq then
            S := Bad_Value;
            return;
         end if;
         X.Children := new Node_Array (0 .. V.Nodes.Data (C).Len - 1);
         for I in X.Children'Range loop
            exit when S /= OK;
            Load (V, Child (V, C, I), X.Children (I), S, Depth + 1);
         end loop;
      end;
   end Load;

   procedure Load (V : Value; N : Natural; X : out Wide50; S : in out Status) is
      B : Unsigned_64;
   begin
      if not Is_Agg (V, N, V_Struct, 50) then
         S := Bad_Value;
         return;
      end if;
      B := Scalar (V, Child (V, N, 0), TK_Long, S);
      X.M00 := To_I32 (Unsigned_32 (B and 16#FFFF_FFFF#));
      B := Scalar (V, Child (V, N, 1), TK_Double, S);
      X.M01 := B;
      Load_Str (V, Child (V, N, 2), X.M02, S);
      B := Scalar (V, Child (V, N, 3), TK_Short, S);
      X.M03 := To_I16 (Unsigned_16 (B and 16#FFFF#));
      B := Scalar (V, Child (V, N, 4), TK_Boolean, S);
      X.M04 := B /= 0;
      B := Scalar (V, Child (V, N, 5), TK_ULong, S);
      X.M05 := Unsigned_32 (B and 16#FFFF_FFFF#);
      B := Scalar (V, Child (V, N, 6), TK_Octet, S);
      X.M06 := Octet (B and 16#FF#);
      B := Scalar (V, Child (V, N, 7), TK_LongLong, S);
      X.M07 := To_I64 (B);
      B := Scalar (V, Child (V, N, 8), TK_Float, S);
      X.M08 := Unsigned_32 (B and 16#FFFF_FFFF#);
      B := Scalar (V, Child (V, N, 9), TK_UShort, S);
      X.M09 := Unsigned_16 (B and 16#FFFF#);
      B := Scalar (V, Child (V, N, 10), TK_Long, S);
      X.M10 := To_I32 (Unsigned_32 (B and 16#FFFF_FFFF#));
      B := Scalar (V, Child (V, N, 11), TK_Double, S);
      X.M11 := B;
      Load_Str (V, Child (V, N, 12), X.M12, S);
      B := Scalar (V, Child (V, N, 13), TK_Short, S);
      X.M13 := To_I16 (Unsigned_16 (B and 16#FFFF#));
      B := Scalar (V, Child (V, N, 14), TK_Boolean, S);
      X.M14 := B /= 0;
      B := Scalar (V, Child (V, N, 15), TK_ULong, S);
      X.M15 := Unsigned_32 (B and 16#FFFF_FFFF#);
      B := Scalar (V, Child (V, N, 16), TK_Octet, S);
      X.M16 := Octet (B and 16#FF#);
      B := Scalar (V, Child (V, N, 17), TK_LongLong, S);
      X.M17 := To_I64 (B);
      B := Scalar (V, Child (V, N, 18), TK_Float, S);
      X.M18 := Unsigned_32 (B and 16#FFFF_FFFF#);
      B := Scalar (V, Child (V, N, 19), TK_UShort, S);
      X.M19 := Unsigned_16 (B and 16#FFFF#);
      B := Scalar (V, Child (V, N, 20), TK_Long, S);
      X.M20 := To_I32 (Unsigned_32 (B and 16#FFFF_FFFF#));
      B := Scalar (V, Child (V, N, 21), TK_Double, S);
      X.M21 := B;
      Load_Str (V, Child (V, N, 22), X.M22, S);
      B := Scalar (V, Child (V, N, 23), TK_Short, S);
      X.M23 := To_I16 (Unsigned_16 (B and 16#FFFF#));
      B := Scalar (V, Child (V, N, 24), TK_Boolean, S);
      X.M24 := B /= 0;
      B := Scalar (V, Child (V, N, 25), TK_ULong, S);
      X.M25 := Unsigned_32 (B and 16#FFFF_FFFF#);
      B := Scalar (V, Child (V, N, 26), TK_Octet, S);
      X.M26 := Octet (B and 16#FF#);
      B := Scalar (V, Child (V, N, 27), TK_LongLong, S);
      X.M27 := To_I64 (B);
      B := Scalar (V, Child (V, N, 28), TK_Float, S);
      X.M28 := Unsigned_32 (B and 16#FFFF_FFFF#);
      B := Scalar (V, Child (V, N, 29), TK_UShort, S);
      X.M29 := Unsigned_16 (B and 16#FFFF#);
      B := Scalar (V, Child (V, N, 30), TK_Long, S);
      X.M30 := To_I32 (Unsigned_32 (B and 16#FFFF_FFFF#));
      B := Scalar (V, Child (V, N, 31), TK_Double, S);
      X.M31 := B;
      Load_Str (V, Child (V, N, 32), X.M32, S);
      B := Scalar (V, Child (V, N, 33), TK_Short, S);
      X.M33 := To_I16 (Unsigned_16 (B and 16#FFFF#));
      B := Scalar (V, Child (V, N, 34), TK_Boolean, S);
      X.M34 := B /= 0;
      B := Scalar (V, Child (V, N, 35), TK_ULong, S);
      X.M35 := Unsigned_32 (B and 16#FFFF_FFFF#);
      B := Scalar (V, Child (V, N, 36), TK_Octet, S);
      X.M36 := Octet (B and 16#FF#);
      B := Scalar (V, Child (V, N, 37), TK_LongLong, S);
      X.M37 := To_I64 (B);
      B := Scalar (V, Child (V, N, 38), TK_Float, S);
      X.M38 := Unsigned_32 (B and 16#FFFF_FFFF#);
      B := Scalar (V, Child (V, N, 39), TK_UShort, S);
      X.M39 := Unsigned_16 (B and 16#FFFF#);
      B := Scalar (V, Child (V, N, 40), TK_Long, S);
      X.M40 := To_I32 (Unsigned_32 (B and 16#FFFF_FFFF#));
      B := Scalar (V, Child (V, N, 41), TK_Double, S);
      X.M41 := B;
      Load_Str (V, Child (V, N, 42), X.M42, S);
      B := Scalar (V, Child (V, N, 43), TK_Short, S);
      X.M43 := To_I16 (Unsigned_16 (B and 16#FFFF#));
      B := Scalar (V, Child (V, N, 44), TK_Boolean, S);
      X.M44 := B /= 0;
      B := Scalar (V, Child (V, N, 45), TK_ULong, S);
      X.M45 := Unsigned_32 (B and 16#FFFF_FFFF#);
      B := Scalar (V, Child (V, N, 46), TK_Octet, S);
      X.M46 := Octet (B and 16#FF#);
      B := Scalar (V, Child (V, N, 47), TK_LongLong, S);
      X.M47 := To_I64 (B);
      B := Scalar (V, Child (V, N, 48), TK_Float, S);
      X.M48 := Unsigned_32 (B and 16#FFFF_FFFF#);
      B := Scalar (V, Child (V, N, 49), TK_UShort, S);
      X.M49 := Unsigned_16 (B and 16#FFFF#);
      pragma Unreferenced (B);
   end Load;

   procedure Load (X : in out Static_Value; Kind : Type_Kind; V : Value; S : out Status) is
   begin
      Free_Contents (X);
      S := OK;
      if V.Root < 0 then
         S := Bad_Argument;
         return;
      end if;
      X.Kind := Kind;
      case Kind is
         when None => S := Unsupported;
         when K_Color => Load_Color (V, V.Root, X.C, S);
         when K_Point => Load (V, V.Root, X.P, S);
         when K_Shape => Load (V, V.Root, X.Sh, S);
         when K_Address => Load (V, V.Root, X.A, S);
         when K_Line_Item => Load (V, V.Root, X.L, S);
         when K_Record => Load (V, V.Root, X.R, S);
         when K_Record_Seq =>
            if V.Nodes.Data (V.Root).Shape /= V_Seq then
               S := Bad_Value;
               X.RS := new Record_Array (0 .. -1);
               return;
            end if;
            X.RS := new Record_Array (0 .. V.Nodes.Data (V.Root).Len - 1);
            for I in X.RS'Range loop
               Load (V, Child (V, V.Root, I), X.RS (I), S);
            end loop;
         when K_Node => Load (V, V.Root, X.N, S, 0);
         when K_Wide50 => Load (V, V.Root, X.W, S);
      end case;
   end Load;

   procedure Sc (V : in out Value; K : TCKind; Bits : Unsigned_64; T : in out Status) is
      S : Status;
   begin
      if T = OK then
         Push_Scalar (V, K, Bits, S);
         T := S;
      end if;
   end Sc;

   procedure Store_Str (V : in out Value; X : String_Access; T : in out Status) is
      S : Status;
   begin
      if T /= OK then
         return;
      end if;
      if X = null or else X'Length = 0 then
         Push_Payload (V, V_String, TK_String, System.Null_Address, 0, 0, S);
      else
         Push_Payload (V, V_String, TK_String, X (X'First)'Address, X'Length, X'Length, S);
      end if;
      T := S;
   end Store_Str;

   procedure Open (V : in out Value; Shape : Shape_Kind; T : in out Status) is
      S : Status;
   begin
      if T = OK then
         Begin_Aggregate (V, Shape, S);
         T := S;
      end if;
   end Open;

   procedure Close (V : in out Value; T : in out Status) is
      S : Status;
   begin
      if T = OK then
         End_Aggregate (V, S);
         T := S;
      end if;
   end Close;

   procedure Store (V : in out Value; X : Point; T : in out Status) is
   begin
      Open (V, V_Struct, T);
      Sc (V, TK_Double, X.X, T);
      Sc (V, TK_Double, X.Y, T);
      Close (V, T);
   end Store;

   procedure Store (V : in out Value; X : Shape; T : in out Status) is
   begin
      Open (V, V_Union, T);
      Sc (V, TK_Long, To_U64 (X.Disc), T);
      case X.Disc is
         when 1 => Sc (V, TK_Double, X.Radius, T);
         when 2 => Store (V, X.Corner, T);
         when 3 | 4 => Store_Str (V, X.Label, T);
         when others => Sc (V, TK_Long, To_U64 (X.Code), T);
      end case;
      Close (V, T);
   end Store;

   procedure Store (V : in out Value; X : Address; T : in out Status) is
   begin
      Open (V, V_Struct, T);
      Store_Str (V, X.Street, T);
      Store_Str (V, X.City, T);
      Sc (V, TK_UShort, Unsigned_64 (X.Zip), T);
      Close (V, T);
   end Store;

   procedure Store (V : in out Value; X : Line_Item; T : in out Status) is
   begin
      Open (V, V_Struct, T);
      Store_Str (V, X.Sku, T);
      Sc (V, TK_Long, To_U64 (X.Quantity), T);
      Sc (V, TK_Double, X.Price, T);
      Close (V, T);
   end Store;

   procedure Store (V : in out Value; X : Bench_Record; T : in out Status) is
      S : Status;
   begin
      Open (V, V_Struct, T);
      Sc (V, TK_Long, To_U64 (X.Id), T);
      Store_Str (V, X.Name, T);
      Sc (V, TK_Enum, Color'Pos (X.Hue), T);
      Store (V, X.Residence, T);
      Store (V, X.Outline, T);
      Open (V, V_Seq, T);
      if X.Items /= null then
         for I of X.Items.all loop
            Store (V, I, T);
         end loop;
      end if;
      Close (V, T);
      if T = OK then
         if X.Tags = null or else X.Tags'Length = 0 then
            Push_Payload (V, V_Prims, TK_Long, System.Null_Address, 0, 0, S);
         else
            Push_Payload (V, V_Prims, TK_Long, X.Tags (X.Tags'First)'Address,
                          4 * X.Tags'Length, X.Tags'Length, S);
         end if;
         T := S;
      end if;
      Sc (V, TK_Boolean, Boolean'Pos (X.Active), T);
      Sc (V, TK_LongLong, To_U64 (X.Timestamp), T);
      Close (V, T);
   end Store;

   procedure Store (V : in out Value; X : Node_Access; T : in out Status) is
   begin
      Open (V, V_Struct, T);
      Store_Str (V, X.Label, T);
      Sc (V, TK_Long, To_U64 (X.Weight), T);
      Open (V, V_Seq, T);
      if X.Children /= null then
         for C of X.Children.all loop
            Store (V, C, T);
         end loop;
      end if;
      Close (V, T);
      Close (V, T);
   end Store;

   procedure Store (V : in out Value; X : Wide50; T : in out Status) is
   begin
      Open (V, V_Struct, T);
      Sc (V, TK_Long, To_U64 (X.M00), T);
      Sc (V, TK_Double, X.M01, T);
      Store_Str (V, X.M02, T);
      Sc (V, TK_Short, To_U64 (X.M03), T);
      Sc (V, TK_Boolean, Boolean'Pos (X.M04), T);
      Sc (V, TK_ULong, Unsigned_64 (X.M05), T);
      Sc (V, TK_Octet, Unsigned_64 (X.M06), T);
      Sc (V, TK_LongLong, To_U64 (X.M07), T);
      Sc (V, TK_Float, Unsigned_64 (X.M08), T);
      Sc (V, TK_UShort, Unsigned_64 (X.M09), T);
      Sc (V, TK_Long, To_U64 (X.M10), T);
      Sc (V, TK_Double, X.M11, T);
      Store_Str (V, X.M12, T);
      Sc (V, TK_Short, To_U64 (X.M13), T);
      Sc (V, TK_Boolean, Boolean'Pos (X.M14), T);
      Sc (V, TK_ULong, Unsigned_64 (X.M15), T);
      Sc (V, TK_Octet, Unsigned_64 (X.M16), T);
      Sc (V, TK_LongLong, To_U64 (X.M17), T);
      Sc (V, TK_Float, Unsigned_64 (X.M18), T);
      Sc (V, TK_UShort, Unsigned_64 (X.M19), T);
      Sc (V, TK_Long, To_U64 (X.M20), T);
      Sc (V, TK_Double, X.M21, T);
      Store_Str (V, X.M22, T);
      Sc (V, TK_Short, To_U64 (X.M23), T);
      Sc (V, TK_Boolean, Boolean'Pos (X.M24), T);
      Sc (V, TK_ULong, Unsigned_64 (X.M25), T);
      Sc (V, TK_Octet, Unsigned_64 (X.M26), T);
      Sc (V, TK_LongLong, To_U64 (X.M27), T);
      Sc (V, TK_Float, Unsigned_64 (X.M28), T);
      Sc (V, TK_UShort, Unsigned_64 (X.M29), T);
      Sc (V, TK_Long, To_U64 (X.M30), T);
      Sc (V, TK_Double, X.M31, T);
      Store_Str (V, X.M32, T);
      Sc (V, TK_Short, To_U64 (X.M33), T);
      Sc (V, TK_Boolean, Boolean'Pos (X.M34), T);
      Sc (V, TK_ULong, Unsigned_64 (X.M35), T);
      Sc (V, TK_Octet, Unsigned_64 (X.M36), T);
      Sc (V, TK_LongLong, To_U64 (X.M37), T);
      Sc (V, TK_Float, Unsigned_64 (X.M38), T);
      Sc (V, TK_UShort, Unsigned_64 (X.M39), T);
      Sc (V, TK_Long, To_U64 (X.M40), T);
      Sc (V, TK_Double, X.M41, T);
      Store_Str (V, X.M42, T);
      Sc (V, TK_Short, To_U64 (X.M43), T);
      Sc (V, TK_Boolean, Boolean'Pos (X.M44), T);
      Sc (V, TK_ULong, Unsigned_64 (X.M45), T);
      Sc (V, TK_Octet, Unsigned_64 (X.M46), T);
      Sc (V, TK_LongLong, To_U64 (X.M47), T);
      Sc (V, TK_Float, Unsigned_64 (X.M48), T);
      Sc (V, TK_UShort, Unsigned_64 (X.M49), T);
      Close (V, T);
   end Store;

   procedure Store (X : Static_Value; V : in out Value; S : out Status) is
   begin
      Clear (V);
      S := OK;
      case X.Kind is
         when None => S := Bad_Argument;
         when K_Color => Sc (V, TK_Enum, Color'Pos (X.C), S);
         when K_Point => Store (V, X.P, S);
         when K_Shape => Store (V, X.Sh, S);
         when K_Address => Store (V, X.A, S);
         when K_Line_Item => Store (V, X.L, S);
         when K_Record => Store (V, X.R, S);
         when K_Record_Seq =>
            Open (V, V_Seq, S);
            for R of X.RS.all loop
               Store (V, R, S);
            end loop;
            Close (V, S);
         when K_Node => Store (V, X.N, S);
         when K_Wide50 => Store (V, X.W, S);
      end case;
   end Store;
end Glb.Corpus;
