with System;
with Glb.Plain;

package body Glb.Any_Codec is

   --  Whether every value of T takes no octets (null, void, structs of
   --  such members, arrays of them or of length 0). A sequence or array of
   --  such elements is refused both ways, as corba-typecode does: its
   --  count could promise any number of values in no input at all. Fuel
   --  bounds the walk over a graph with repeated TypeCodes.
   function Zero_Size (G : Graph; T : Integer; Fuel : in out Natural) return Boolean is
      TI : constant Integer := Unalias (G, T);
   begin
      if TI < 0 or else Fuel = 0 then
         return False;
      end if;
      Fuel := Fuel - 1;
      declare
         TN : TC_Node renames G.Nodes.Data (TI);
      begin
         case TN.Kind is
            when TK_Null | TK_Void =>
               return True;
            when TK_Struct =>
               declare
                  M : Integer := TN.First_Member;
               begin
                  while M >= 0 loop
                     if not Zero_Size (G, G.Members.Data (M).TC, Fuel) then
                        return False;
                     end if;
                     M := G.Members.Data (M).Next;
                  end loop;
                  return True;
               end;
            when TK_Array =>
               return TN.Bound = 0 or else Zero_Size (G, TN.Content, Fuel);
            when others =>
               return False;
         end case;
      end;
   end Zero_Size;

   function Zero_Size_Element (G : Graph; Element : Integer) return Boolean is
      Fuel : Natural := 10_000;
   begin
      return Zero_Size (G, Element, Fuel);
   end Zero_Size_Element;

   ------------
   -- Encode --
   ------------

   procedure Put_Fixed (W : in out Writer; V : Value; N : Node) is
      --  Packed decimal, most significant digit first, the sign in the
      --  last nibble (16#C# or 16#D#); an even digit count gets a leading
      --  zero nibble (9.3.2.8).
      Nibbles : constant Natural := Natural (N.Num_Digits) + 1;
      Octets  : constant Natural := (Nibbles + 1) / 2;
      Lead    : constant Natural := 2 * Octets - Nibbles;
      Buf     : Octet_Array (0 .. 15) := (others => 0);
   begin
      for I in 0 .. Natural (N.Num_Digits) - 1 loop
         declare
            D   : constant Octet := V.Pool.Data (N.Off + I) - Character'Pos ('0');
            Nib : constant Natural := Lead + I;
         begin
            if Nib mod 2 = 0 then
               Buf (Nib / 2) := Buf (Nib / 2) or Shift_Left (D, 4);
            else
               Buf (Nib / 2) := Buf (Nib / 2) or D;
            end if;
         end;
      end loop;
      Buf (Octets - 1) := Buf (Octets - 1) or (if N.Bits /= 0 then 16#D# else 16#C#);
      Put_Octets (W, Buf (0 .. Octets - 1));
   end Put_Fixed;

   procedure Put_Value
     (G : Graph; T : Integer; V : Value; VI : Natural; W : in out Writer;
      Depth : Natural; S : in out Status)
   is
      TI : constant Integer := Unalias (G, T);
   begin
      if S /= OK then
         return;
      elsif TI < 0 then
         S := Bad_TypeCode;
         return;
      elsif Depth > Max_Depth then
         S := Depth_Exceeded;
         return;
      end if;
      declare
         TN : TC_Node renames G.Nodes.Data (TI);
         N  : Node renames V.Nodes.Data (VI);
         K  : constant TCKind := TN.Kind;

         function Is_Scalar_Of (Kind : TCKind) return Boolean is
           (N.Shape = V_Scalar and then N.Kind = Kind);
      begin
         case K is
            when TK_Null | TK_Void =>
               if N.Shape /= V_Nothing then
                  S := Bad_Value;
               end if;
            when TK_Short | TK_UShort =>
               if Is_Scalar_Of (K) then
                  Put_U16 (W, Unsigned_16 (N.Bits and 16#FFFF#));
               else
                  S := Bad_Value;
               end if;
            when TK_Long | TK_ULong | TK_Float =>
               if Is_Scalar_Of (K) then
                  Put_U32 (W, Unsigned_32 (N.Bits and 16#FFFF_FFFF#));
               else
                  S := Bad_Value;
               end if;
            when TK_LongLong | TK_ULongLong | TK_Double =>
               if Is_Scalar_Of (K) then
                  Put_U64 (W, N.Bits);
               else
                  S := Bad_Value;
               end if;
            when TK_Boolean | TK_Char | TK_Octet =>
               if Is_Scalar_Of (K) and then (K /= TK_Boolean or else N.Bits <= 1) then
                  Put_Octet (W, Octet (N.Bits and 16#FF#));
               else
                  S := Bad_Value;
               end if;
            when TK_WChar =>
               if Is_Scalar_Of (K) then
                  Plain.Put_WChar (W, Unsigned_16 (N.Bits and 16#FFFF#), S);
               else
                  S := Bad_Value;
               end if;
            when TK_LongDouble =>
               if N.Shape /= V_Long_Double then
                  S := Bad_Value;
               elsif W.Order = Big_Endian then
                  Put_U64 (W, N.Bits);
                  Put_U64 (W, N.Bits2);
               else
                  Put_U64 (W, N.Bits2);
                  Put_U64 (W, N.Bits);
               end if;
            when TK_Enum =>
               if Is_Scalar_Of (TK_Enum) and then N.Bits < Unsigned_64 (TN.Member_Count) then
                  Put_U32 (W, Unsigned_32 (N.Bits));
               else
                  S := Bad_Value;
               end if;
            when TK_String =>
               if N.Shape /= V_String
                 or else (TN.Bound /= 0 and then Unsigned_64 (N.Len) > Unsigned_64 (TN.Bound))
               then
                  S := Bad_Value;
               else
                  Put_String (W, Pool_Address (V, N.Off), N.Len);
               end if;
            when TK_WString =>
               if N.Shape /= V_WString
                 or else (TN.Bound /= 0
                          and then Unsigned_64 (Plain.Char_Count (V, N)) > Unsigned_64 (TN.Bound))
               then
                  S := Bad_Value;
               else
                  Plain.Put_WString (W, V, N, S);
               end if;
            when TK_Fixed =>
               if N.Shape /= V_Fixed or else N.Num_Digits /= TN.Num_Digits
                 or else N.Scale /= TN.Scale
               then
                  S := Bad_Value;
               else
                  Put_Fixed (W, V, N);
               end if;
            when TK_Struct | TK_Except =>
               if N.Shape /= V_Struct or else N.Len /= TN.Member_Count then
                  S := Bad_Value;
                  return;
               end if;
               if K = TK_Except and then not Has (W.Style, Style_Except_Id_Omitted) then
                  --  An exception value starts with its repository id
                  --  (9.3.2.x, "Exception").
                  Put_String (W, (if TN.Id_Len = 0 then System.Null_Address
                                  else G.Text.Data (TN.Id_Off)'Address), TN.Id_Len);
               end if;
               declare
                  M : Integer := TN.First_Member;
                  I : Natural := 0;
               begin
                  while M >= 0 and then S = OK loop
                     Put_Value (G, G.Members.Data (M).TC, V, Child (V, VI, I), W, Depth + 1, S);
                     M := G.Members.Data (M).Next;
                     I := I + 1;
                  end loop;
               end;
            when TK_Union =>
               if N.Shape /= V_Union or else N.Len not in 1 .. 2 then
                  S := Bad_Value;
                  return;
               end if;
               declare
                  D  : constant Natural := Child (V, VI, 0);
                  DT : constant Integer := Unalias (G, TN.Content);
                  Sel : Integer;
               begin
                  if DT < 0 then
                     S := Bad_TypeCode;
                     return;
                  end if;
                  Put_Value (G, TN.Content, V, D, W, Depth + 1, S);
                  if S /= OK then
                     return;
                  end if;
                  Sel := Select_Member
                    (G, TI, To_Label (G.Nodes.Data (DT).Kind, V.Nodes.Data (D).Bits));
                  if (Sel >= 0) /= (N.Len = 2) then
                     S := Bad_Value;
                  elsif Sel >= 0 then
                     Put_Value (G, G.Members.Data (Member_At (G, TI, Sel)).TC, V,
                                Child (V, VI, 1), W, Depth + 1, S);
                  end if;
               end;
            when TK_Sequence | TK_Array =>
               declare
                  ET : constant Integer := Unalias (G, TN.Content);
                  EK : TCKind;
               begin
                  if ET < 0 then
                     S := Bad_TypeCode;
                     return;
                  end if;
                  EK := G.Nodes.Data (ET).Kind;
                  if Zero_Size_Element (G, ET) then
                     S := Bad_TypeCode;
                     return;
                  end if;
                  if N.Shape not in V_Prims | V_Seq
                    or else (N.Shape = V_Prims and then N.Kind /= EK)
                    or else (K = TK_Array and then Unsigned_64 (N.Len) /= Unsigned_64 (TN.Bound))
                    or else (K = TK_Sequence and then TN.Bound /= 0
                             and then Unsigned_64 (N.Len) > Unsigned_64 (TN.Bound))
                  then
                     S := Bad_Value;
                     return;
                  end if;
                  if K = TK_Sequence then
                     Put_U32 (W, Unsigned_32 (N.Len));
                  end if;
                  if N.Shape = V_Prims then
                     Put_Elements (W, Pool_Address (V, N.Off), N.Len, Prim_Size (EK));
                  else
                     for I in 0 .. N.Len - 1 loop
                        exit when S /= OK;
                        Put_Value (G, TN.Content, V, Child (V, VI, I), W, Depth + 1, S);
                     end loop;
                  end if;
               end;
            when others =>
               S := Unsupported;
         end case;
      end;
   end Put_Value;

   procedure Encode (G : Graph; V : Value; W : in out Writer; S : out Status) is
   begin
      S := OK;
      if not Valid (G, G.Root) or else V.Root < 0 then
         S := Bad_Argument;
         return;
      end if;
      Put_Value (G, G.Root, V, V.Root, W, 0, S);
   end Encode;

   ------------
   -- Decode --
   ------------

   --  The fewest octets a value of T can take (padding aside), at least 1,
   --  so that a count from the wire can be checked against the octets left.
   function Min_Size (G : Graph; T : Integer; Minor : Unsigned_8; Depth : Natural) return Natural
   is
      TI : constant Integer := Unalias (G, T);
   begin
      if TI < 0 or else Depth > 4 then
         return 1;
      end if;
      declare
         TN : TC_Node renames G.Nodes.Data (TI);
      begin
         case TN.Kind is
            when TK_Short | TK_UShort => return 2;
            when TK_Long | TK_ULong | TK_Float | TK_Enum | TK_Sequence => return 4;
            when TK_LongLong | TK_ULongLong | TK_Double => return 8;
            when TK_LongDouble => return 16;
            when TK_WChar => return (if Minor = 1 then 2 else 3);
            when TK_String => return 5;
            when TK_WString => return 4;
            when TK_Fixed => return Natural (TN.Num_Digits) / 2 + 1;
            when TK_Union => return Min_Size (G, TN.Content, Minor, Depth + 1);
            when TK_Struct | TK_Except =>
               declare
                  Sum : Natural := 0;
                  M   : Integer := TN.First_Member;
               begin
                  while M >= 0 and then Sum < 2**20 loop
                     Sum := Sum + Min_Size (G, G.Members.Data (M).TC, Minor, Depth + 1);
                     M := G.Members.Data (M).Next;
                  end loop;
                  return Natural'Max (Sum, 1);
               end;
            when TK_Array =>
               return Natural'Max
                 (1, Natural (Unsigned_32'Min (TN.Bound, 2**20)) *
                     Natural'Min (Min_Size (G, TN.Content, Minor, Depth + 1), 2**10));
            when others => return 1;
         end case;
      end;
   end Min_Size;

   procedure Get_Fixed (R : in out Reader; V : in out Value; TN : TC_Node) is
      Nibbles : constant Natural := Natural (TN.Num_Digits) + 1;
      Octets  : constant Natural := (Nibbles + 1) / 2;
      Lead    : constant Natural := 2 * Octets - Nibbles;
      Digits_Buf : Octet_Array (0 .. 31) := (others => 0);
      Start   : constant Natural := R.Pos;
      S       : Status;
      Sign    : Octet;
   begin
      if TN.Num_Digits > 31 or else TN.Scale < 0
        or else Integer (TN.Scale) > Integer (TN.Num_Digits)
      then
         Fail (R, Bad_TypeCode);
         return;
      end if;
      if not Need (R, Octets) then
         return;
      end if;
      for Nib in 0 .. 2 * Octets - 2 loop
         declare
            B : constant Octet := R.Data (Start + Nib / 2);
            D : constant Octet := (if Nib mod 2 = 0 then Shift_Right (B, 4) else B and 16#F#);
         begin
            if D > 9 or else (Nib < Lead and then D /= 0) then
               R.Pos := Start + Nib / 2;
               Fail (R, Bad_Encoding);
               return;
            end if;
            if Nib >= Lead then
               Digits_Buf (Nib - Lead) := D + Character'Pos ('0');
            end if;
         end;
      end loop;
      Sign := R.Data (Start + Octets - 1) and 16#F#;
      if Sign /= 16#C# and then Sign /= 16#D# then
         R.Pos := Start + Octets - 1;
         Fail (R, Bad_Encoding);
         return;
      end if;
      R.Pos := Start + Octets;
      Push_Fixed (V, TN.Num_Digits, TN.Scale, Sign = 16#D#, Digits_Buf'Address, S);
      if S /= OK then
         Fail (R, S);
      end if;
   end Get_Fixed;

   procedure Get_Value
     (G : Graph; T : Integer; V : in out Value; R : in out Reader; Depth : Natural)
   is
      TI : constant Integer := Unalias (G, T);
      S  : Status := OK;
      Here : constant Natural := R.Pos;
   begin
      if R.Err /= OK then
         return;
      elsif TI < 0 then
         Fail (R, Bad_TypeCode);
         return;
      elsif Depth > Max_Depth then
         Fail (R, Depth_Exceeded);
         return;
      elsif V.Nodes.Length > 16 * R.Last + 4096 then
         --  Values of types that take no octets (void members, empty
         --  structs) reached through repeated TypeCodes could otherwise
         --  build far more nodes than the input justifies.
         Fail (R, Length_Too_Large);
         return;
      end if;
      declare
         --  A copy: the graph does not change while decoding.
         TN : constant TC_Node := G.Nodes.Data (TI);
         K  : constant TCKind := TN.Kind;
      begin
         case K is
            when TK_Null | TK_Void =>
               Push_Nothing (V, S);
            when TK_Short | TK_UShort =>
               Push_Scalar (V, K, Unsigned_64 (Get_U16 (R)), S);
            when TK_Long | TK_ULong | TK_Float =>
               Push_Scalar (V, K, Unsigned_64 (Get_U32 (R)), S);
            when TK_LongLong | TK_ULongLong | TK_Double =>
               Push_Scalar (V, K, Get_U64 (R), S);
            when TK_Boolean =>
               Push_Scalar (V, K, Unsigned_64 (Get_Boolean (R)), S);
            when TK_Char | TK_Octet =>
               Push_Scalar (V, K, Unsigned_64 (Get_Octet (R)), S);
            when TK_WChar =>
               Push_Scalar (V, K, Unsigned_64 (Plain.Get_WChar (R)), S);
            when TK_LongDouble =>
               declare
                  A : constant Unsigned_64 := Get_U64 (R);
                  B : constant Unsigned_64 := Get_U64 (R);
               begin
                  if R.Order = Big_Endian then
                     Push_Long_Double (V, A, B, S);
                  else
                     Push_Long_Double (V, B, A, S);
                  end if;
               end;
            when TK_Enum =>
               declare
                  E : constant Unsigned_32 := Get_U32 (R);
               begin
                  if R.Err = OK and then Unsigned_64 (E) >= Unsigned_64 (TN.Member_Count) then
                     R.Pos := Here;
                     Fail (R, Bad_Value);
                     return;
                  end if;
                  Push_Scalar (V, K, Unsigned_64 (E), S);
               end;
            when TK_String =>
               Plain.Get_String_Into (R, V, TN.Bound);
            when TK_WString =>
               Plain.Get_WString (R, V);
               if R.Err = OK and then TN.Bound /= 0
                 and then Unsigned_64 (Plain.Char_Count (V, V.Nodes.Data (V.Nodes.Length - 1))) >
                          Unsigned_64 (TN.Bound)
               then
                  R.Pos := Here;
                  Fail (R, Bad_Value);
               end if;
            when TK_Fixed =>
               Get_Fixed (R, V, TN);
            when TK_Struct | TK_Except =>
               if K = TK_Except and then not Has (R.Style, Style_Except_Id_Omitted) then
                  declare
                     Off, Len : Natural;
                  begin
                     Get_String (R, Off, Len);
                     if R.Err = OK and then
                       (Len /= TN.Id_Len
                        or else (Len > 0 and then R.Data (Off .. Off + Len - 1) /=
                                   Octet_Array (G.Text.Data (TN.Id_Off .. TN.Id_Off + Len - 1))))
                     then
                        R.Pos := Here;
                        Fail (R, Bad_Value);
                        return;
                     end if;
                  end;
               end if;
               Begin_Aggregate (V, V_Struct, S);
               declare
                  M : Integer := TN.First_Member;
               begin
                  while M >= 0 and then R.Err = OK and then S = OK loop
                     Get_Value (G, G.Members.Data (M).TC, V, R, Depth + 1);
                     M := G.Members.Data (M).Next;
                  end loop;
               end;
               if S = OK then
                  End_Aggregate (V, S);
               end if;
            when TK_Union =>
               Begin_Aggregate (V, V_Union, S);
               if S = OK then
                  Get_Value (G, TN.Content, V, R, Depth + 1);
               end if;
               if S = OK and then R.Err = OK then
                  declare
                     DT  : constant Integer := Unalias (G, TN.Content);
                     D   : constant Node := V.Nodes.Data (V.Nodes.Length - 1);
                     Sel : constant Integer :=
                       Select_Member (G, TI, To_Label (G.Nodes.Data (DT).Kind, D.Bits));
                  begin
                     if Sel >= 0 then
                        Get_Value (G, G.Members.Data (Member_At (G, TI, Sel)).TC, V, R,
                                   Depth + 1);
                     end if;
                  end;
               end if;
               if S = OK then
                  End_Aggregate (V, S);
               end if;
            when TK_Sequence | TK_Array =>
               declare
                  ET    : constant Integer := Unalias (G, TN.Content);
                  EK    : constant TCKind := (if ET >= 0 then G.Nodes.Data (ET).Kind else 0);
                  Count : Natural;
                  Dst   : System.Address;
               begin
                  if ET < 0 or else Zero_Size_Element (G, ET) then
                     Fail (R, Bad_TypeCode);
                     return;
                  end if;
                  if K = TK_Sequence then
                     Count := Get_Count (R, Min_Size (G, ET, R.Minor, 0));
                     if R.Err = OK and then TN.Bound /= 0
                       and then Unsigned_64 (Count) > Unsigned_64 (TN.Bound)
                     then
                        R.Pos := Here;
                        Fail (R, Bad_Value);
                     end if;
                  else
                     --  An array's length comes from its TypeCode: check it
                     --  against the octets left the same way.
                     if Unsigned_64 (TN.Bound) * Unsigned_64 (Min_Size (G, ET, R.Minor, 0)) >
                       Unsigned_64 (Left (R))
                     then
                        Fail (R, Length_Too_Large);
                     end if;
                     Count := (if R.Err = OK then Natural (TN.Bound) else 0);
                  end if;
                  if R.Err /= OK then
                     return;
                  end if;
                  if Is_Compact (EK) then
                     Push_Reserved (V, V_Prims, EK, Count * Prim_Size (EK), Count, Dst, S);
                     if S = OK then
                        if EK = TK_Boolean then
                           declare
                              D : constant Big_Access := To_Big (Dst);
                           begin
                              for I in 0 .. Count - 1 loop
                                 exit when R.Err /= OK;
                                 D (I) := Get_Boolean (R);
                              end loop;
                           end;
                        else
                           Get_Elements (R, Dst, Count, Prim_Size (EK));
                        end if;
                     end if;
                  else
                     Begin_Aggregate (V, V_Seq, S);
                     for I in 1 .. Count loop
                        exit when R.Err /= OK or else S /= OK;
                        Get_Value (G, ET, V, R, Depth + 1);
                     end loop;
                     if S = OK then
                        End_Aggregate (V, S);
                     end if;
                  end if;
               end;
            when TK_Value | TK_Value_Box | TK_Event | TK_Any | TK_TypeCode | TK_Principal
               | TK_Objref | TK_Abstract_Interface | TK_Local_Interface | TK_Native
               | TK_Component | TK_Home =>
               Fail (R, Unsupported);
            when others =>
               Fail (R, Bad_TypeCode);
         end case;
      end;
      if S /= OK then
         Fail (R, S);
      end if;
   end Get_Value;

   procedure Decode (G : Graph; V : in out Value; R : in out Reader) is
   begin
      Clear (V);
      if not Valid (G, G.Root) then
         Fail (R, Bad_Argument);
         return;
      end if;
      Get_Value (G, G.Root, V, R, 0);
   end Decode;
end Glb.Any_Codec;
