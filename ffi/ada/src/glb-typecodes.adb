with Glb.Plain;

package body Glb.TypeCodes is

   use type System.Address;

   procedure Clear (G : in out Graph) is
   begin
      G.Nodes.Length := 0;
      G.Members.Length := 0;
      G.Text.Length := 0;
      G.Root := No_Node;
   end Clear;

   procedure Free_Contents (G : in out Graph) is
   begin
      Node_Vectors.Free (G.Nodes);
      Member_Vectors.Free (G.Members);
      Text_Vectors.Free (G.Text);
      G.Root := No_Node;
   end Free_Contents;

   procedure Add_Node (G : in out Graph; N : TC_Node; Index : out Natural) is
   begin
      Index := G.Nodes.Length;
      Node_Vectors.Append (G.Nodes, N);
   end Add_Node;

   function Add_Text (G : in out Graph; Src : System.Address; Len : Natural) return Natural is
      Off : constant Natural := G.Text.Length;
   begin
      Text_Vectors.Grow (G.Text, Len);
      if Len > 0 and then Src /= System.Null_Address then
         declare
            F : constant Big_Access := To_Big (Src);
         begin
            for I in 0 .. Len - 1 loop
               G.Text.Data (Off + I) := F (I);
            end loop;
         end;
      end if;
      return Off;
   end Add_Text;

   procedure Add_Member
     (G : in out Graph; Parent : Natural; Name_Off, Name_Len : Natural;
      TC : Integer; Label : Integer_64)
   is
      M : constant Natural := G.Members.Length;
   begin
      Member_Vectors.Append
        (G.Members, (Name_Off => Name_Off, Name_Len => Name_Len, TC => TC,
                     Label => Label, Next => -1));
      declare
         P : TC_Node renames G.Nodes.Data (Parent);
      begin
         if P.Last_Member >= 0 then
            G.Members.Data (P.Last_Member).Next := M;
         else
            P.First_Member := M;
         end if;
         P.Last_Member := M;
         P.Member_Count := P.Member_Count + 1;
      end;
   end Add_Member;

   function Member_At (G : Graph; Node : Natural; I : Natural) return Integer is
      M : Integer := G.Nodes.Data (Node).First_Member;
   begin
      for K in 1 .. I loop
         exit when M < 0;
         M := G.Members.Data (M).Next;
      end loop;
      return M;
   end Member_At;

   function Unalias (G : Graph; Node : Integer) return Integer is
      N : Integer := Node;
   begin
      for I in 1 .. 2 * Max_Depth loop
         if not Valid (G, N) then
            return No_Node;
         elsif G.Nodes.Data (N).Kind /= TK_Alias then
            return N;
         end if;
         N := G.Nodes.Data (N).Content;
      end loop;
      return No_Node;
   end Unalias;

   function Same_Id (G : Graph; A, B : Natural) return Boolean is
      NA : TC_Node renames G.Nodes.Data (A);
      NB : TC_Node renames G.Nodes.Data (B);
   begin
      if NA.Id_Len /= NB.Id_Len then
         return False;
      end if;
      for I in 0 .. NA.Id_Len - 1 loop
         if G.Text.Data (NA.Id_Off + I) /= G.Text.Data (NB.Id_Off + I) then
            return False;
         end if;
      end loop;
      return True;
   end Same_Id;

   function To_Label (K : TCKind; Bits : Unsigned_64) return Integer_64 is
   begin
      case K is
         when TK_Short =>
            return Integer_64 (Integer_16'(if Bits mod 2**16 >= 2**15
                                          then Integer_16 (Integer_64 (Bits mod 2**16) - 2**16)
                                          else Integer_16 (Bits mod 2**16)));
         when TK_Long =>
            return (if Bits mod 2**32 >= 2**31 then Integer_64 (Bits mod 2**32) - 2**32
                    else Integer_64 (Bits mod 2**32));
         when TK_LongLong | TK_ULongLong =>
            return (if Bits >= 2**63 then -Integer_64 (not Bits) - 1 else Integer_64 (Bits));
         when others =>
            return Integer_64 (Bits mod 2**32);
      end case;
   end To_Label;

   function Select_Member (G : Graph; Union : Natural; Label : Integer_64) return Integer is
      U : TC_Node renames G.Nodes.Data (Union);
      M : Integer := U.First_Member;
      I : Integer_32 := 0;
   begin
      while M >= 0 loop
         if I /= U.Default_Index and then G.Members.Data (M).Label = Label then
            return Integer (I);
         end if;
         M := G.Members.Data (M).Next;
         I := I + 1;
      end loop;
      return Integer (U.Default_Index);
   end Select_Member;

   ----------------------------
   -- Resolving placeholders --
   ----------------------------

   type Node_Stack is array (1 .. 2 * Max_Depth) of Integer;

   procedure Resolve
     (G : in out Graph; Node : Natural; Stack : in out Node_Stack; Depth : Natural;
      S : in out Status)
   is
      Inner : constant Natural := Depth + 1;

      --  A placeholder becomes the innermost enclosing struct or union
      --  with its repository id.
      function Target (Ref : Integer) return Integer is
      begin
         if Valid (G, Ref) and then G.Nodes.Data (Ref).Kind = TK_Recursive then
            for I in reverse 1 .. Inner loop
               if G.Nodes.Data (Stack (I)).Kind in TK_Struct | TK_Union | TK_Except
                 and then Same_Id (G, Stack (I), Ref)
               then
                  return Stack (I);
               end if;
            end loop;
            S := Bad_TypeCode;
         end if;
         return Ref;
      end Target;

      procedure Visit (Ref : Integer) is
      begin
         if S /= OK or else not Valid (G, Ref) then
            return;
         end if;
         for I in 1 .. Inner loop
            if Stack (I) = Ref then
               return;
            end if;
         end loop;
         Resolve (G, Ref, Stack, Inner, S);
      end Visit;

      M : Integer;
      C : Integer;
   begin
      if S /= OK then
         return;
      elsif Depth >= Stack'Last then
         S := Depth_Exceeded;
         return;
      end if;
      Stack (Inner) := Node;
      C := Target (G.Nodes.Data (Node).Content);
      G.Nodes.Data (Node).Content := C;
      M := G.Nodes.Data (Node).First_Member;
      while M >= 0 and then S = OK loop
         G.Members.Data (M).TC := Target (G.Members.Data (M).TC);
         M := G.Members.Data (M).Next;
      end loop;
      Visit (C);
      M := G.Nodes.Data (Node).First_Member;
      while M >= 0 and then S = OK loop
         Visit (G.Members.Data (M).TC);
         M := G.Members.Data (M).Next;
      end loop;
   end Resolve;

   procedure Set_Root (G : in out Graph; Node : Natural; S : out Status) is
      Stack : Node_Stack := (others => No_Node);
   begin
      S := OK;
      if not Valid (G, Node) then
         S := Bad_Argument;
         return;
      end if;
      Resolve (G, Node, Stack, 0, S);
      if S = OK then
         G.Root := Node;
      end if;
   end Set_Root;

   --------------
   -- Encoding --
   --------------

   type Frame is record
      Node : Integer := No_Node;
      Pos  : Natural := 0;
   end record;
   type Frame_Array is array (Positive range <>) of Frame;

   type Encode_State is record
      Stack      : Frame_Array (1 .. 2 * Max_Depth);
      Depth      : Natural := 0;
      Done       : Frame_Array (1 .. 1024);
      Done_Count : Natural := 0;
   end record;

   function Is_Simple (K : TCKind) return Boolean is
     (K in TK_Null .. TK_Principal | TK_LongLong .. TK_WChar);

   procedure Put_Indirection (W : in out Writer; Target : Natural) is
   begin
      Put_U32 (W, 16#FFFF_FFFF#);
      --  The offset counts from the offset field itself (9.3.5.1).
      Put_U32 (W, Unsigned_32'Mod (Integer_64 (Target) - Integer_64 (W.Pos)));
   end Put_Indirection;

   procedure Put_Text (W : in out Writer; G : Graph; Off, Len : Natural) is
   begin
      Put_String (W, (if Len = 0 then System.Null_Address else G.Text.Data (Off)'Address), Len);
   end Put_Text;

   procedure Put_Label
     (W : in out Writer; K : TCKind; Label : Integer_64; S : in out Status)
   is
      Bits : constant Unsigned_64 :=
        (if Label < 0 then not Unsigned_64 (-(Label + 1)) else Unsigned_64 (Label));
   begin
      case K is
         when TK_Short | TK_UShort => Put_U16 (W, Unsigned_16 (Bits and 16#FFFF#));
         when TK_Long | TK_ULong | TK_Enum => Put_U32 (W, Unsigned_32 (Bits and 16#FFFF_FFFF#));
         when TK_LongLong | TK_ULongLong => Put_U64 (W, Bits);
         when TK_Boolean | TK_Char | TK_Octet => Put_Octet (W, Octet (Bits and 16#FF#));
         when TK_WChar => Plain.Put_WChar (W, Unsigned_16 (Bits and 16#FFFF#), S);
         when others => S := Bad_TypeCode;
      end case;
   end Put_Label;

   procedure Put_TC
     (G : Graph; W : in out Writer; Node : Integer; St : in out Encode_State;
      S : in out Status)
   is
      Start : Natural;
      M     : Integer;
      Mark  : Encaps_Mark;
   begin
      if S /= OK then
         return;
      elsif not Valid (G, Node) then
         S := Bad_TypeCode;
         return;
      end if;
      for I in 1 .. St.Depth loop
         if St.Stack (I).Node = Node then
            Put_Indirection (W, St.Stack (I).Pos);
            return;
         end if;
      end loop;
      if Has (W.Style, Style_Indirect_Repeated) then
         for I in 1 .. St.Done_Count loop
            if St.Done (I).Node = Node then
               Put_Indirection (W, St.Done (I).Pos);
               return;
            end if;
         end loop;
      end if;
      if St.Depth = St.Stack'Last then
         S := Depth_Exceeded;
         return;
      end if;
      declare
         N : TC_Node renames G.Nodes.Data (Node);
      begin
         Align (W, 4);
         Start := W.Pos;
         if N.Kind = TK_Recursive then
            --  An unresolved placeholder (Set_Root was not called).
            S := Bad_TypeCode;
            return;
         end if;
         Put_U32 (W, N.Kind);
         if Is_Simple (N.Kind) then
            null;
         elsif N.Kind in TK_String | TK_WString then
            Put_U32 (W, N.Bound);
         elsif N.Kind = TK_Fixed then
            Put_U16 (W, N.Num_Digits);
            Put_U16 (W, Unsigned_16'Mod (N.Scale));
         else
            St.Depth := St.Depth + 1;
            St.Stack (St.Depth) := (Node => Node, Pos => Start);
            Begin_Encaps
              (W, (if Has (W.Style, Style_Encaps_Stream_Order) then W.Order else Native_Order),
               Mark);
            case N.Kind is
               when TK_Objref | TK_Native | TK_Abstract_Interface | TK_Local_Interface
                  | TK_Component | TK_Home =>
                  Put_Text (W, G, N.Id_Off, N.Id_Len);
                  Put_Text (W, G, N.Name_Off, N.Name_Len);
               when TK_Struct | TK_Except =>
                  Put_Text (W, G, N.Id_Off, N.Id_Len);
                  Put_Text (W, G, N.Name_Off, N.Name_Len);
                  Put_U32 (W, Unsigned_32 (N.Member_Count));
                  M := N.First_Member;
                  while M >= 0 and then S = OK loop
                     Put_Text (W, G, G.Members.Data (M).Name_Off, G.Members.Data (M).Name_Len);
                     Put_TC (G, W, G.Members.Data (M).TC, St, S);
                     M := G.Members.Data (M).Next;
                  end loop;
               when TK_Union =>
                  Put_Text (W, G, N.Id_Off, N.Id_Len);
                  Put_Text (W, G, N.Name_Off, N.Name_Len);
                  Put_TC (G, W, N.Content, St, S);
                  Put_U32 (W, Unsigned_32'Mod (N.Default_Index));
                  Put_U32 (W, Unsigned_32 (N.Member_Count));
                  declare
                     D : constant Integer := Unalias (G, N.Content);
                     I : Integer_32 := 0;
                  begin
                     if D < 0 then
                        S := Bad_TypeCode;
                        return;
                     end if;
                     M := N.First_Member;
                     while M >= 0 and then S = OK loop
                        if I = N.Default_Index and then not Has (W.Style, Style_Default_Label_Disc)
                        then
                           --  The default member's label is the zero octet.
                           Put_Octet (W, 0);
                        elsif I = N.Default_Index then
                           Put_Label (W, G.Nodes.Data (D).Kind, 0, S);
                        else
                           Put_Label (W, G.Nodes.Data (D).Kind, G.Members.Data (M).Label, S);
                        end if;
                        Put_Text (W, G, G.Members.Data (M).Name_Off, G.Members.Data (M).Name_Len);
                        Put_TC (G, W, G.Members.Data (M).TC, St, S);
                        M := G.Members.Data (M).Next;
                        I := I + 1;
                     end loop;
                  end;
               when TK_Enum =>
                  Put_Text (W, G, N.Id_Off, N.Id_Len);
                  Put_Text (W, G, N.Name_Off, N.Name_Len);
                  Put_U32 (W, Unsigned_32 (N.Member_Count));
                  M := N.First_Member;
                  while M >= 0 loop
                     Put_Text (W, G, G.Members.Data (M).Name_Off, G.Members.Data (M).Name_Len);
                     M := G.Members.Data (M).Next;
                  end loop;
               when TK_Sequence | TK_Array =>
                  Put_TC (G, W, N.Content, St, S);
                  Put_U32 (W, N.Bound);
               when TK_Alias | TK_Value_Box =>
                  Put_Text (W, G, N.Id_Off, N.Id_Len);
                  Put_Text (W, G, N.Name_Off, N.Name_Len);
                  Put_TC (G, W, N.Content, St, S);
               when others =>
                  S := Unsupported;
            end case;
            End_Encaps (W, Mark);
            St.Depth := St.Depth - 1;
         end if;
         --  Only TypeCodes with a complex parameter list are worth an
         --  indirection (9.3.5.1).
         if not Is_Simple (N.Kind) and then N.Kind not in TK_String | TK_WString | TK_Fixed
           and then St.Done_Count < St.Done'Last
         then
            St.Done_Count := St.Done_Count + 1;
            St.Done (St.Done_Count) := (Node => Node, Pos => Start);
         end if;
      end;
   end Put_TC;

   procedure Encode (G : Graph; W : in out Writer; S : out Status) is
      St : Encode_State;
   begin
      S := OK;
      if not Valid (G, G.Root) then
         S := Bad_Argument;
         return;
      end if;
      Put_TC (G, W, G.Root, St, S);
   end Encode;

   --------------
   -- Decoding --
   --------------

   type Decode_State is record
      --  The TypeCodes still being read (enclosing the current one).
      In_Progress : Node_Stack;
      Depth       : Natural := 0;
   end record;

   procedure Get_Text (G : in out Graph; R : in out Reader; Off, Len : out Natural) is
      O, L : Natural;
   begin
      Get_String (R, O, L);
      if R.Err /= OK then
         Off := 0;
         Len := 0;
         return;
      end if;
      Len := L;
      Off := Add_Text (G, (if L = 0 then System.Null_Address else R.Data (O)'Address), L);
   end Get_Text;

   function Get_Label (R : in out Reader; K : TCKind) return Integer_64 is
   begin
      case K is
         when TK_Short | TK_UShort =>
            return To_Label (K, Unsigned_64 (Get_U16 (R)));
         when TK_Long | TK_ULong | TK_Enum =>
            return To_Label (K, Unsigned_64 (Get_U32 (R)));
         when TK_LongLong | TK_ULongLong =>
            return To_Label (K, Get_U64 (R));
         when TK_Boolean =>
            return Integer_64 (Get_Boolean (R));
         when TK_Char | TK_Octet =>
            return Integer_64 (Get_Octet (R));
         when TK_WChar =>
            return Integer_64 (Plain.Get_WChar (R));
         when others =>
            Fail (R, Bad_TypeCode);
            return 0;
      end case;
   end Get_Label;

   procedure Get_TC
     (G : in out Graph; R : in out Reader; Result : out Integer; St : in out Decode_State)
   is
      Start : Natural;
      Kind  : TCKind;
      Index : Natural;
      Save  : Encaps_Save;
   begin
      Result := No_Node;
      Align (R, 4);
      Start := R.Pos;
      Kind := Get_U32 (R);
      if R.Err /= OK then
         return;
      end if;
      if Kind = 16#FFFF_FFFF# then
         declare
            Off_Pos : constant Natural := R.Pos;
            Offset  : constant Unsigned_32 := Get_U32 (R);
            Target  : Integer_64;
         begin
            if R.Err /= OK then
               return;
            end if;
            Target := Integer_64 (Off_Pos) +
              (if Offset >= 2**31 then Integer_64 (Offset) - 2**32 else Integer_64 (Offset));
            --  Nodes are created in input order, so their start positions
            --  increase: search them by halves. Only a TypeCode with a
            --  complex parameter list is a valid target.
            declare
               Lo : Integer := 0;
               Hi : Integer := G.Nodes.Length - 1;
               Mid : Integer;
            begin
               while Lo <= Hi loop
                  Mid := (Lo + Hi) / 2;
                  if Integer_64 (G.Nodes.Data (Mid).Wire_Pos) = Target then
                     if not Is_Simple (G.Nodes.Data (Mid).Kind)
                       and then G.Nodes.Data (Mid).Kind not in TK_String | TK_WString | TK_Fixed
                     then
                        Result := Mid;
                     end if;
                     exit;
                  elsif Integer_64 (G.Nodes.Data (Mid).Wire_Pos) < Target then
                     Lo := Mid + 1;
                  else
                     Hi := Mid - 1;
                  end if;
               end loop;
            end;
            if Result = No_Node then
               --  Outside this TypeCode, into the middle of one, or to
               --  another indirection.
               R.Pos := Off_Pos;
               Fail (R, Bad_TypeCode);
               return;
            end if;
            for I in 1 .. St.Depth loop
               if St.In_Progress (I) = Result
                 and then G.Nodes.Data (Result).Kind not in TK_Struct | TK_Union | TK_Except
               then
                  --  Only a struct or union may contain itself.
                  R.Pos := Off_Pos;
                  Fail (R, Bad_TypeCode);
                  Result := No_Node;
                  return;
               end if;
            end loop;
            return;
         end;
      end if;
      if Is_Simple (Kind) then
         Add_Node (G, (Kind => Kind, Wire_Pos => Start, others => <>), Index);
      elsif Kind in TK_String | TK_WString then
         Add_Node (G, (Kind => Kind, Bound => Get_U32 (R), Wire_Pos => Start, others => <>),
                   Index);
      elsif Kind = TK_Fixed then
         declare
            D  : constant Unsigned_16 := Get_U16 (R);
            Sc : constant Unsigned_16 := Get_U16 (R);
         begin
            if R.Err = OK and then D > 31 then
               R.Pos := Start;
               Fail (R, Bad_TypeCode);
            end if;
            Add_Node (G, (Kind => Kind, Num_Digits => D,
                          Scale => (if Sc >= 2**15 then Integer_16 (Integer (Sc) - 2**16)
                                    else Integer_16 (Sc)),
                          Wire_Pos => Start, others => <>), Index);
         end;
      elsif Kind in TK_Objref | TK_Struct | TK_Union | TK_Enum | TK_Sequence | TK_Array
        | TK_Alias | TK_Except | TK_Value_Box | TK_Native | TK_Abstract_Interface
        | TK_Local_Interface | TK_Component | TK_Home
      then
         if St.Depth >= Max_Depth then
            R.Pos := Start;
            Fail (R, Depth_Exceeded);
            return;
         end if;
         Add_Node (G, (Kind => Kind, Wire_Pos => Start, others => <>), Index);
         St.Depth := St.Depth + 1;
         St.In_Progress (St.Depth) := Index;
         Enter_Encaps (R, Save);
         declare
            Id_Off, Id_Len, Name_Off, Name_Len : Natural := 0;
            Count : Natural;
            C     : Integer;
         begin
            if Kind not in TK_Sequence | TK_Array then
               Get_Text (G, R, Id_Off, Id_Len);
               Get_Text (G, R, Name_Off, Name_Len);
               G.Nodes.Data (Index).Id_Off := Id_Off;
               G.Nodes.Data (Index).Id_Len := Id_Len;
               G.Nodes.Data (Index).Name_Off := Name_Off;
               G.Nodes.Data (Index).Name_Len := Name_Len;
            end if;
            case Kind is
               when TK_Struct | TK_Except =>
                  --  A member is at least a name (5 octets) and a kind (4).
                  Count := Get_Count (R, 9);
                  for I in 1 .. Count loop
                     exit when R.Err /= OK;
                     Get_Text (G, R, Name_Off, Name_Len);
                     Get_TC (G, R, C, St);
                     Add_Member (G, Index, Name_Off, Name_Len, C, 0);
                  end loop;
               when TK_Union =>
                  Get_TC (G, R, C, St);
                  G.Nodes.Data (Index).Content := C;
                  declare
                     D   : constant Integer := (if R.Err = OK then Unalias (G, C) else No_Node);
                     DK  : TCKind := TK_Null;
                     Def : Unsigned_32;
                     Def_I : Integer_32;
                  begin
                     if R.Err = OK then
                        if D >= 0 then
                           DK := G.Nodes.Data (D).Kind;
                        end if;
                        if DK not in TK_Short | TK_Long | TK_UShort | TK_ULong | TK_LongLong
                          | TK_ULongLong | TK_Boolean | TK_Char | TK_WChar | TK_Enum
                        then
                           Fail (R, Bad_TypeCode);
                        end if;
                     end if;
                     Def := Get_U32 (R);
                     Def_I := (if Def >= 2**31 then Integer_32 (Integer_64 (Def) - 2**32)
                               else Integer_32 (Def));
                     --  A member is at least a label (1), a name (5), a kind (4).
                     Count := Get_Count (R, 10);
                     if R.Err = OK and then
                       (Def_I < -1 or else Integer_64 (Def_I) >= Integer_64 (Count))
                     then
                        Fail (R, Bad_TypeCode);
                     end if;
                     G.Nodes.Data (Index).Default_Index := Def_I;
                     for I in 0 .. Count - 1 loop
                        exit when R.Err /= OK;
                        declare
                           Label : Integer_64;
                        begin
                           if Integer_32 (I) = Def_I
                             and then not Has (R.Style, Style_Default_Label_Disc)
                           then
                              Label := Integer_64 (Get_Octet (R));
                           else
                              Label := Get_Label (R, DK);
                           end if;
                           Get_Text (G, R, Name_Off, Name_Len);
                           Get_TC (G, R, C, St);
                           Add_Member (G, Index, Name_Off, Name_Len, C,
                                       (if Integer_32 (I) = Def_I then 0 else Label));
                        end;
                     end loop;
                  end;
               when TK_Enum =>
                  Count := Get_Count (R, 5);
                  for I in 1 .. Count loop
                     exit when R.Err /= OK;
                     Get_Text (G, R, Name_Off, Name_Len);
                     Add_Member (G, Index, Name_Off, Name_Len, No_Node, 0);
                  end loop;
               when TK_Sequence | TK_Array =>
                  Get_TC (G, R, C, St);
                  G.Nodes.Data (Index).Content := C;
                  G.Nodes.Data (Index).Bound := Get_U32 (R);
               when TK_Alias | TK_Value_Box =>
                  Get_TC (G, R, C, St);
                  G.Nodes.Data (Index).Content := C;
               when others =>
                  null;
            end case;
         end;
         Leave_Encaps (R, Save);
         St.Depth := St.Depth - 1;
      else
         R.Pos := Start;
         Fail (R, (if Kind in TK_Value | TK_Event then Unsupported else Bad_TypeCode));
         return;
      end if;
      if R.Err = OK then
         Result := Index;
      end if;
   end Get_TC;

   procedure Decode (G : in out Graph; R : in out Reader) is
      St : Decode_State;
      Result : Integer;
   begin
      Clear (G);
      Get_TC (G, R, Result, St);
      if R.Err = OK then
         G.Root := Result;
      end if;
   end Decode;
end Glb.TypeCodes;
