with Ada.Unchecked_Deallocation;
with Glb.Buffers; use Glb.Buffers;
with Glb.Plain;
with Glb.Any_Codec;
with Glb.GIOP;

package body Glb.Exports is

   procedure Dispose is new Ada.Unchecked_Deallocation (Value, Value_Access);
   procedure Dispose is new Ada.Unchecked_Deallocation (Graph, Graph_Access);
   procedure Dispose is new Ada.Unchecked_Deallocation (Static_Value, Static_Access);

   Max_Size : constant size_t := size_t (Natural'Last - 1);

   function ABI_Version return Unsigned_32 is (1);

   --  A writer over caller memory, or Bad_Argument.
   function Make_Writer
     (Output : System.Address; Cap : size_t; Order, Minor : Unsigned_8; Style : Unsigned_32;
      W : out Writer) return Status
   is
   begin
      W := (others => <>);
      if Order > 1 or else Minor > 2 or else (Cap > 0 and then Output = System.Null_Address)
      then
         return Bad_Argument;
      end if;
      W.Data := To_Big (Output);
      W.Cap := Natural (size_t'Min (Cap, Max_Size));
      W.Order := Byte_Order'Val (Order);
      W.Minor := Minor;
      W.Style := Style;
      return OK;
   end Make_Writer;

   function Make_Reader
     (Input : System.Address; N : size_t; Order, Minor : Unsigned_8; Style : Unsigned_32;
      R : out Reader) return Status
   is
   begin
      R := (others => <>);
      if Order > 1 or else Minor > 2 or else N > Max_Size
        or else (N > 0 and then Input = System.Null_Address)
      then
         return Bad_Argument;
      end if;
      R.Data := To_Big (Input);
      R.Last := Natural (N);
      R.Order := Byte_Order'Val (Order);
      R.Minor := Minor;
      R.Style := Style;
      return OK;
   end Make_Reader;

   --  Reports a finished write: OK with the length, or the size needed.
   function Finish_Write (W : Writer; S : Status; Len : Size_Access) return Status is
   begin
      if S /= OK then
         return S;
      end if;
      Len.all := size_t (W.Pos);
      return (if W.Pos > W.Cap then Buffer_Too_Small else OK);
   end Finish_Write;

   --  Reports a finished read: the error and its offset, trailing bytes, or
   --  the octets consumed.
   function Finish_Read (R : Reader; Offset : Size_Access) return Status is
   begin
      if R.Err /= OK then
         Offset.all := size_t (R.Err_At);
         return R.Err;
      elsif R.Pos /= R.Last then
         Offset.all := size_t (R.Pos);
         return Trailing_Bytes;
      end if;
      Offset.all := size_t (R.Pos);
      return OK;
   end Finish_Read;

   ------------
   -- Values --
   ------------

   function Value_New return Value_Access is
   begin
      return new Value;
   exception
      when others => return null;
   end Value_New;

   procedure Value_Free (V : Value_Access) is
      X : Value_Access := V;
   begin
      if X /= null then
         Free_Contents (X.all);
         Dispose (X);
      end if;
   exception
      when others => null;
   end Value_Free;

   function Value_Clear (V : Value_Access) return Status is
   begin
      if V = null then
         return Bad_Argument;
      end if;
      Clear (V.all);
      return OK;
   exception
      when others => return Internal_Error;
   end Value_Clear;

   function Value_Nothing (V : Value_Access) return Status is
      S : Status;
   begin
      if V = null then
         return Bad_Argument;
      end if;
      Push_Nothing (V.all, S);
      return S;
   exception
      when others => return Internal_Error;
   end Value_Nothing;

   function Value_Scalar (V : Value_Access; Kind : Unsigned_32; Bits : Unsigned_64) return Status
   is
      S : Status;
   begin
      if V = null or else (Prim_Size (Kind) = 0) then
         return Bad_Argument;
      end if;
      Push_Scalar (V.all, Kind, Bits, S);
      return S;
   exception
      when others => return Internal_Error;
   end Value_Scalar;

   function Value_Long_Double (V : Value_Access; High, Low : Unsigned_64) return Status is
      S : Status;
   begin
      if V = null then
         return Bad_Argument;
      end if;
      Push_Long_Double (V.all, High, Low, S);
      return S;
   exception
      when others => return Internal_Error;
   end Value_Long_Double;

   function Value_String (V : Value_Access; Octets : System.Address; N : size_t) return Status
   is
      S : Status;
   begin
      if V = null or else N > Max_Size or else (N > 0 and then Octets = System.Null_Address)
      then
         return Bad_Argument;
      end if;
      Push_Payload (V.all, V_String, TK_String, Octets, Natural (N), Natural (N), S);
      return S;
   exception
      when others => return Internal_Error;
   end Value_String;

   function Value_WString (V : Value_Access; Units : System.Address; N : size_t) return Status
   is
      S : Status;
   begin
      if V = null or else N > Max_Size / 2
        or else (N > 0 and then Units = System.Null_Address)
      then
         return Bad_Argument;
      end if;
      Push_Payload (V.all, V_WString, TK_WString, Units, 2 * Natural (N), Natural (N), S);
      return S;
   exception
      when others => return Internal_Error;
   end Value_WString;

   function Value_Fixed
     (V : Value_Access; Num_Digits : Unsigned_16; Scale : Integer_16; Negative : Integer_32;
      Chars : System.Address) return Status
   is
      S : Status;
   begin
      if V = null or else Num_Digits > 31 or else Scale < 0 or else Integer_32 (Scale) >
        Integer_32 (Num_Digits) or else (Num_Digits > 0 and then Chars = System.Null_Address)
      then
         return Bad_Argument;
      end if;
      if Num_Digits > 0 then
         declare
            C : constant Big_Access := To_Big (Chars);
         begin
            for I in 0 .. Natural (Num_Digits) - 1 loop
               if C (I) not in Character'Pos ('0') .. Character'Pos ('9') then
                  return Bad_Argument;
               end if;
            end loop;
         end;
      end if;
      Push_Fixed (V.all, Num_Digits, Scale, Negative /= 0, Chars, S);
      return S;
   exception
      when others => return Internal_Error;
   end Value_Fixed;

   function Value_Prims
     (V : Value_Access; Kind : Unsigned_32; Elems : System.Address; N : size_t) return Status
   is
      S : Status;
   begin
      if V = null or else not Is_Compact (Kind)
        or else N > Max_Size / size_t (Prim_Size (Kind))
        or else (N > 0 and then Elems = System.Null_Address)
      then
         return Bad_Argument;
      end if;
      Push_Payload (V.all, V_Prims, Kind, Elems, Natural (N) * Prim_Size (Kind),
                    Natural (N), S);
      return S;
   exception
      when others => return Internal_Error;
   end Value_Prims;

   function Value_Begin (V : Value_Access; Shape : Unsigned_32) return Status is
      S : Status;
   begin
      if V = null or else Shape not in 7 .. 9 then
         return Bad_Argument;
      end if;
      Begin_Aggregate (V.all, Shape_Kind'Enum_Val (Shape), S);
      return S;
   exception
      when others => return Internal_Error;
   end Value_Begin;

   function Value_End (V : Value_Access) return Status is
      S : Status;
   begin
      if V = null then
         return Bad_Argument;
      end if;
      End_Aggregate (V.all, S);
      return S;
   exception
      when others => return Internal_Error;
   end Value_End;

   function Value_Root (V : Value_Access; Node_Out : access Unsigned_32) return Status is
   begin
      if V = null or else Node_Out = null or else V.Root < 0 then
         return Bad_Argument;
      end if;
      Node_Out.all := Unsigned_32 (V.Root);
      return OK;
   exception
      when others => return Internal_Error;
   end Value_Root;

   function Value_Info_Of
     (V : Value_Access; Node : Unsigned_32; Info : access Value_Info) return Status
   is
   begin
      if V = null or else Info = null or else Node >= Unsigned_32 (V.Nodes.Length) then
         return Bad_Argument;
      end if;
      declare
         N : Glb.Values.Node renames V.Nodes.Data (Natural (Node));
         Has_Payload : constant Boolean :=
           N.Shape in V_String | V_WString | V_Fixed | V_Prims;
      begin
         Info.all :=
           (Shape  => Shape_Kind'Enum_Rep (N.Shape),
            Kind   => N.Kind,
            Bits   => N.Bits,
            Bits2  => N.Bits2,
            Data   => (if Has_Payload then Pool_Address (V.all, N.Off)
                       else System.Null_Address),
            Len    => (if Has_Payload then size_t (N.Len) else 0),
            Count  => (if Has_Payload then 0 else Unsigned_32 (N.Len)),
            Num_Digits => N.Num_Digits,
            Scale  => N.Scale);
      end;
      return OK;
   exception
      when others => return Internal_Error;
   end Value_Info_Of;

   function Value_Child
     (V : Value_Access; Node : Unsigned_32; Index : Unsigned_32;
      Child_Out : access Unsigned_32) return Status
   is
   begin
      if V = null or else Child_Out = null or else Node >= Unsigned_32 (V.Nodes.Length) then
         return Bad_Argument;
      end if;
      declare
         N : Glb.Values.Node renames V.Nodes.Data (Natural (Node));
      begin
         if N.Shape not in V_Struct | V_Seq | V_Union or else Index >= Unsigned_32 (N.Len) then
            return Bad_Argument;
         end if;
         Child_Out.all := Unsigned_32 (Child (V.all, Natural (Node), Natural (Index)));
      end;
      return OK;
   exception
      when others => return Internal_Error;
   end Value_Child;

   ---------------
   -- Plain CDR --
   ---------------

   function CDR_Encode
     (V : Value_Access; Subject : Unsigned_32; Order, Minor : Unsigned_8;
      Style : Unsigned_32; Output : System.Address; Cap : size_t; Len : Size_Access)
      return Status
   is
      W : Writer;
      S : Status;
   begin
      if V = null or else Len = null then
         return Bad_Argument;
      end if;
      S := Make_Writer (Output, Cap, Order, Minor, Style, W);
      if S /= OK then
         return S;
      end if;
      Plain.Encode (V.all, Subject, W, S);
      return Finish_Write (W, S, Len);
   exception
      when others => return Internal_Error;
   end CDR_Encode;

   function CDR_Decode
     (V : Value_Access; Subject : Unsigned_32; Input : System.Address; N : size_t;
      Order, Minor : Unsigned_8; Style : Unsigned_32; Offset : Size_Access) return Status
   is
      R : Reader;
      S : Status;
   begin
      if V = null or else Offset = null then
         return Bad_Argument;
      end if;
      S := Make_Reader (Input, N, Order, Minor, Style, R);
      if S /= OK then
         return S;
      end if;
      Plain.Decode (V.all, Subject, R);
      return Finish_Read (R, Offset);
   exception
      when others => return Internal_Error;
   end CDR_Decode;

   ---------------
   -- TypeCodes --
   ---------------

   function TC_New return Graph_Access is
   begin
      return new Graph;
   exception
      when others => return null;
   end TC_New;

   procedure TC_Free (G : Graph_Access) is
      X : Graph_Access := G;
   begin
      if X /= null then
         Free_Contents (X.all);
         Dispose (X);
      end if;
   exception
      when others => null;
   end TC_Free;

   function New_Node (G : Graph_Access; N : TC_Node; Node_Out : access Unsigned_32)
     return Status
   is
      I : Natural;
   begin
      Add_Node (G.all, N, I);
      Node_Out.all := Unsigned_32 (I);
      return OK;
   end New_Node;

   function Is_Basic (K : Unsigned_32) return Boolean is
     (K in TK_Null .. TK_Principal | TK_LongLong .. TK_WChar);

   function TC_Basic (G : Graph_Access; Kind : Unsigned_32; Node_Out : access Unsigned_32)
     return Status is
   begin
      if G = null or else Node_Out = null or else not Is_Basic (Kind) then
         return Bad_Argument;
      end if;
      return New_Node (G, (Kind => Kind, others => <>), Node_Out);
   exception
      when others => return Internal_Error;
   end TC_Basic;

   function TC_String
     (G : Graph_Access; Kind, Bound : Unsigned_32; Node_Out : access Unsigned_32) return Status is
   begin
      if G = null or else Node_Out = null or else Kind not in TK_String | TK_WString then
         return Bad_Argument;
      end if;
      return New_Node (G, (Kind => Kind, Bound => Bound, others => <>), Node_Out);
   exception
      when others => return Internal_Error;
   end TC_String;

   function TC_Fixed
     (G : Graph_Access; Num_Digits : Unsigned_16; Scale : Integer_16;
      Node_Out : access Unsigned_32) return Status is
   begin
      if G = null or else Node_Out = null or else Num_Digits > 31 then
         return Bad_Argument;
      end if;
      return New_Node (G, (Kind => TK_Fixed, Num_Digits => Num_Digits, Scale => Scale,
                           others => <>), Node_Out);
   exception
      when others => return Internal_Error;
   end TC_Fixed;

   function Text_Ok (P : System.Address; L : size_t) return Boolean is
     (L <= Max_Size and then (L = 0 or else P /= System.Null_Address));

   function TC_Named
     (G : Graph_Access; Kind : Unsigned_32; Id : System.Address; Id_Len : size_t;
      Name : System.Address; Name_Len : size_t; Content : Unsigned_32;
      Node_Out : access Unsigned_32) return Status
   is
      N : TC_Node;
   begin
      if G = null or else Node_Out = null or else not Text_Ok (Id, Id_Len)
        or else not Text_Ok (Name, Name_Len)
        or else Kind not in TK_Objref | TK_Struct | TK_Except | TK_Enum | TK_Alias
          | TK_Value_Box | TK_Native | TK_Abstract_Interface | TK_Local_Interface
          | TK_Component | TK_Home | TK_Recursive
        or else (Kind in TK_Alias | TK_Value_Box
                 and then Content >= Unsigned_32 (G.Nodes.Length))
      then
         return Bad_Argument;
      end if;
      N.Kind := Kind;
      N.Id_Len := Natural (Id_Len);
      N.Id_Off := Add_Text (G.all, Id, Natural (Id_Len));
      N.Name_Len := Natural (Name_Len);
      N.Name_Off := Add_Text (G.all, Name, Natural (Name_Len));
      if Kind in TK_Alias | TK_Value_Box then
         N.Content := Integer (Content);
      end if;
      return New_Node (G, N, Node_Out);
   exception
      when others => return Internal_Error;
   end TC_Named;

   function TC_Union
     (G : Graph_Access; Id : System.Address; Id_Len : size_t; Name : System.Address;
      Name_Len : size_t; Discriminator : Unsigned_32; Default_Index : Integer_32;
      Node_Out : access Unsigned_32) return Status
   is
      N : TC_Node;
   begin
      if G = null or else Node_Out = null or else not Text_Ok (Id, Id_Len)
        or else not Text_Ok (Name, Name_Len)
        or else Discriminator >= Unsigned_32 (G.Nodes.Length) or else Default_Index < -1
      then
         return Bad_Argument;
      end if;
      N.Kind := TK_Union;
      N.Id_Len := Natural (Id_Len);
      N.Id_Off := Add_Text (G.all, Id, Natural (Id_Len));
      N.Name_Len := Natural (Name_Len);
      N.Name_Off := Add_Text (G.all, Name, Natural (Name_Len));
      N.Content := Integer (Discriminator);
      N.Default_Index := Default_Index;
      return New_Node (G, N, Node_Out);
   exception
      when others => return Internal_Error;
   end TC_Union;

   function TC_Add_Member
     (G : Graph_Access; Parent : Unsigned_32; Name : System.Address; Name_Len : size_t;
      Member_Type : Unsigned_32; Label : Integer_64) return Status
   is
      Off : Natural;
   begin
      if G = null or else Parent >= Unsigned_32 (G.Nodes.Length)
        or else not Text_Ok (Name, Name_Len)
        or else G.Nodes.Data (Natural (Parent)).Kind not in TK_Struct | TK_Except | TK_Union
          | TK_Enum
        or else (G.Nodes.Data (Natural (Parent)).Kind /= TK_Enum
                 and then Member_Type >= Unsigned_32 (G.Nodes.Length))
      then
         return Bad_Argument;
      end if;
      Off := Add_Text (G.all, Name, Natural (Name_Len));
      Add_Member (G.all, Natural (Parent), Off, Natural (Name_Len),
                  (if G.Nodes.Data (Natural (Parent)).Kind = TK_Enum then No_Node
                   else Integer (Member_Type)), Label);
      return OK;
   exception
      when others => return Internal_Error;
   end TC_Add_Member;

   function TC_Sequence
     (G : Graph_Access; Kind, Element, Bound : Unsigned_32; Node_Out : access Unsigned_32)
      return Status is
   begin
      if G = null or else Node_Out = null or else Kind not in TK_Sequence | TK_Array
        or else Element >= Unsigned_32 (G.Nodes.Length)
      then
         return Bad_Argument;
      end if;
      return New_Node (G, (Kind => Kind, Content => Integer (Element), Bound => Bound,
                           others => <>), Node_Out);
   exception
      when others => return Internal_Error;
   end TC_Sequence;

   function TC_Set_Root (G : Graph_Access; Node : Unsigned_32) return Status is
      S : Status;
   begin
      if G = null or else Node >= Unsigned_32 (G.Nodes.Length) then
         return Bad_Argument;
      end if;
      Set_Root (G.all, Natural (Node), S);
      return S;
   exception
      when others => return Internal_Error;
   end TC_Set_Root;

   function TC_Root (G : Graph_Access; Node_Out : access Unsigned_32) return Status is
   begin
      if G = null or else Node_Out = null or else G.Root < 0 then
         return Bad_Argument;
      end if;
      Node_Out.all := Unsigned_32 (G.Root);
      return OK;
   exception
      when others => return Internal_Error;
   end TC_Root;

   function Text_Address (G : Graph_Access; Off, Len : Natural) return System.Address is
     (if Len = 0 then System.Null_Address else G.Text.Data (Off)'Address);

   function TC_Info_Of (G : Graph_Access; Node : Unsigned_32; Info : access TC_Info)
     return Status is
   begin
      if G = null or else Info = null or else Node >= Unsigned_32 (G.Nodes.Length) then
         return Bad_Argument;
      end if;
      declare
         N : TC_Node renames G.Nodes.Data (Natural (Node));
      begin
         Info.all :=
           (Kind          => N.Kind,
            Member_Count  => Unsigned_32 (N.Member_Count),
            Bound         => N.Bound,
            Content       => (if N.Content >= 0 then Unsigned_32 (N.Content) else 0),
            Default_Index => N.Default_Index,
            Num_Digits    => N.Num_Digits,
            Scale         => N.Scale,
            Id            => Text_Address (G, N.Id_Off, N.Id_Len),
            Id_Len        => size_t (N.Id_Len),
            Name          => Text_Address (G, N.Name_Off, N.Name_Len),
            Name_Len      => size_t (N.Name_Len));
      end;
      return OK;
   exception
      when others => return Internal_Error;
   end TC_Info_Of;

   function TC_Member_Of
     (G : Graph_Access; Node, Index : Unsigned_32; Info : access TC_Member_Info) return Status
   is
      M : Integer;
   begin
      if G = null or else Info = null or else Node >= Unsigned_32 (G.Nodes.Length)
        or else Index >= Unsigned_32 (G.Nodes.Data (Natural (Node)).Member_Count)
      then
         return Bad_Argument;
      end if;
      M := Member_At (G.all, Natural (Node), Natural (Index));
      if M < 0 then
         return Bad_Argument;
      end if;
      declare
         X : TC_Member renames G.Members.Data (M);
      begin
         Info.all :=
           (Name        => Text_Address (G, X.Name_Off, X.Name_Len),
            Name_Len    => size_t (X.Name_Len),
            Member_Type => (if X.TC >= 0 then Unsigned_32 (X.TC) else 0),
            Label       => X.Label);
      end;
      return OK;
   exception
      when others => return Internal_Error;
   end TC_Member_Of;

   function TypeCode_Encode
     (G : Graph_Access; Order, Minor : Unsigned_8; Style : Unsigned_32;
      Output : System.Address; Cap : size_t; Len : Size_Access) return Status
   is
      W : Writer;
      S : Status;
   begin
      if G = null or else Len = null then
         return Bad_Argument;
      end if;
      S := Make_Writer (Output, Cap, Order, Minor, Style, W);
      if S /= OK then
         return S;
      end if;
      Encode (G.all, W, S);
      return Finish_Write (W, S, Len);
   exception
      when others => return Internal_Error;
   end TypeCode_Encode;

   function TypeCode_Decode
     (G : Graph_Access; Input : System.Address; N : size_t; Order, Minor : Unsigned_8;
      Style : Unsigned_32; Offset : Size_Access) return Status
   is
      R : Reader;
      S : Status;
   begin
      if G = null or else Offset = null then
         return Bad_Argument;
      end if;
      S := Make_Reader (Input, N, Order, Minor, Style, R);
      if S /= OK then
         return S;
      end if;
      Decode (G.all, R);
      return Finish_Read (R, Offset);
   exception
      when others => return Internal_Error;
   end TypeCode_Decode;

   function Any_Encode
     (G : Graph_Access; V : Value_Access; Order, Minor : Unsigned_8; Style : Unsigned_32;
      Output : System.Address; Cap : size_t; Len : Size_Access) return Status
   is
      W : Writer;
      S : Status;
   begin
      if G = null or else V = null or else Len = null then
         return Bad_Argument;
      end if;
      S := Make_Writer (Output, Cap, Order, Minor, Style, W);
      if S /= OK then
         return S;
      end if;
      Encode (G.all, W, S);
      if S = OK then
         Any_Codec.Encode (G.all, V.all, W, S);
      end if;
      return Finish_Write (W, S, Len);
   exception
      when others => return Internal_Error;
   end Any_Encode;

   function Any_Decode
     (G : Graph_Access; V : Value_Access; Input : System.Address; N : size_t;
      Order, Minor : Unsigned_8; Style : Unsigned_32; Offset : Size_Access) return Status
   is
      R : Reader;
      S : Status;
   begin
      if G = null or else V = null or else Offset = null then
         return Bad_Argument;
      end if;
      S := Make_Reader (Input, N, Order, Minor, Style, R);
      if S /= OK then
         return S;
      end if;
      Decode (G.all, R);
      if R.Err = OK then
         Any_Codec.Decode (G.all, V.all, R);
      end if;
      return Finish_Read (R, Offset);
   exception
      when others => return Internal_Error;
   end Any_Decode;

   function Value_Encode
     (G : Graph_Access; V : Value_Access; Order, Minor : Unsigned_8; Style : Unsigned_32;
      Output : System.Address; Cap : size_t; Len : Size_Access) return Status
   is
      W : Writer;
      S : Status;
   begin
      if G = null or else V = null or else Len = null then
         return Bad_Argument;
      end if;
      S := Make_Writer (Output, Cap, Order, Minor, Style, W);
      if S /= OK then
         return S;
      end if;
      Any_Codec.Encode (G.all, V.all, W, S);
      return Finish_Write (W, S, Len);
   exception
      when others => return Internal_Error;
   end Value_Encode;

   function Value_Decode
     (G : Graph_Access; V : Value_Access; Input : System.Address; N : size_t;
      Order, Minor : Unsigned_8; Style : Unsigned_32; Offset : Size_Access) return Status
   is
      R : Reader;
      S : Status;
   begin
      if G = null or else V = null or else Offset = null then
         return Bad_Argument;
      end if;
      S := Make_Reader (Input, N, Order, Minor, Style, R);
      if S /= OK then
         return S;
      end if;
      Any_Codec.Decode (G.all, V.all, R);
      return Finish_Read (R, Offset);
   exception
      when others => return Internal_Error;
   end Value_Decode;

   ------------
   -- Static --
   ------------

   function Static_New return Static_Access is
   begin
      return new Static_Value;
   exception
      when others => return null;
   end Static_New;

   procedure Static_Free (X : Static_Access) is
      Y : Static_Access := X;
   begin
      if Y /= null then
         Free_Contents (Y.all);
         Dispose (Y);
      end if;
   exception
      when others => null;
   end Static_Free;

   function Id_Kind (Id : System.Address; Id_Len : size_t) return Type_Kind is
   begin
      if Id_Len = 0 or else Id_Len > 256 or else Id = System.Null_Address then
         return None;
      end if;
      return Kind_Of (To_Big (Id) (0 .. Natural (Id_Len) - 1));
   end Id_Kind;

   function Static_Load
     (X : Static_Access; Id : System.Address; Id_Len : size_t; V : Value_Access) return Status
   is
      S : Status;
      K : Type_Kind;
   begin
      if X = null or else V = null then
         return Bad_Argument;
      end if;
      K := Id_Kind (Id, Id_Len);
      if K = None then
         return Unsupported;
      end if;
      Load (X.all, K, V.all, S);
      return S;
   exception
      when others => return Internal_Error;
   end Static_Load;

   function Static_Encode
     (X : Static_Access; Order, Minor : Unsigned_8; Style : Unsigned_32;
      Output : System.Address; Cap : size_t; Len : Size_Access) return Status
   is
      W : Writer;
      S : Status;
   begin
      if X = null or else Len = null then
         return Bad_Argument;
      end if;
      S := Make_Writer (Output, Cap, Order, Minor, Style, W);
      if S /= OK then
         return S;
      end if;
      Encode (X.all, W, S);
      return Finish_Write (W, S, Len);
   exception
      when others => return Internal_Error;
   end Static_Encode;

   function Static_Decode
     (X : Static_Access; Id : System.Address; Id_Len : size_t; Input : System.Address;
      N : size_t; Order, Minor : Unsigned_8; Style : Unsigned_32; Offset : Size_Access)
      return Status
   is
      R : Reader;
      S : Status;
      K : Type_Kind;
   begin
      if X = null or else Offset = null then
         return Bad_Argument;
      end if;
      K := Id_Kind (Id, Id_Len);
      if K = None then
         return Unsupported;
      end if;
      S := Make_Reader (Input, N, Order, Minor, Style, R);
      if S /= OK then
         return S;
      end if;
      Decode (X.all, K, R);
      return Finish_Read (R, Offset);
   exception
      when others => return Internal_Error;
   end Static_Decode;

   function Static_Store (X : Static_Access; V : Value_Access) return Status is
      S : Status;
   begin
      if X = null or else V = null then
         return Bad_Argument;
      end if;
      Store (X.all, V.all, S);
      return S;
   exception
      when others => return Internal_Error;
   end Static_Store;

   ----------
   -- GIOP --
   ----------

   --  Every service context's octets are addressable.
   function Contexts_Ok (List : System.Address; Count : Unsigned_32) return Boolean is
   begin
      if Count = 0 then
         return True;
      elsif List = System.Null_Address or else Count > 2**16 then
         return False;
      end if;
      declare
         type Context_Array is array (1 .. Count) of GIOP.Service_Context
           with Convention => C;
         Contexts : Context_Array with Import, Address => List;
      begin
         for C of Contexts loop
            if not Text_Ok (C.Data, C.Data_Len) then
               return False;
            end if;
         end loop;
      end;
      return True;
   end Contexts_Ok;

   function GIOP_Request_Encode
     (Req : access C_Request; Body_Data : System.Address; Body_Len : size_t;
      Order, Minor : Unsigned_8; Output : System.Address; Cap : size_t; Len : Size_Access)
      return Status
   is
      W : Writer;
      S : Status;
   begin
      if Req = null or else Len = null or else not Text_Ok (Body_Data, Body_Len)
        or else not Text_Ok (Req.Object_Key, Req.Object_Key_Len)
        or else not Text_Ok (Req.Operation, Req.Operation_Len)
        or else not Contexts_Ok (Req.Service_Contexts, Req.Service_Context_Count)
      then
         return Bad_Argument;
      end if;
      S := Make_Writer (Output, Cap, Order, Minor, 0, W);
      if S /= OK then
         return S;
      end if;
      GIOP.Encode_Request
        (W, (Request_Id => Req.Request_Id, Response_Flags => Req.Response_Flags,
             Key => Req.Object_Key, Key_Len => Natural (Req.Object_Key_Len),
             Operation => Req.Operation, Operation_Len => Natural (Req.Operation_Len),
             Context_List => Req.Service_Contexts, Contexts => Req.Service_Context_Count,
             others => <>),
         Body_Data, Natural (Body_Len));
      return Finish_Write (W, OK, Len);
   exception
      when others => return Internal_Error;
   end GIOP_Request_Encode;

   function GIOP_Request_Decode
     (Req : access C_Request; Input : System.Address; N : size_t;
      Order, Minor : Octet_Access; Offset : Size_Access) return Status
   is
      R : Reader;
      S : Status;
      F : GIOP.Request_Fields;
   begin
      if Req = null or else Order = null or else Minor = null or else Offset = null then
         return Bad_Argument;
      end if;
      S := Make_Reader (Input, N, 0, 0, 0, R);
      if S /= OK then
         return S;
      end if;
      GIOP.Decode_Request (R, F);
      S := Finish_Read (R, Offset);
      if S = OK then
         Req.all :=
           (Request_Id => F.Request_Id, Response_Flags => F.Response_Flags,
            Object_Key => F.Key, Object_Key_Len => size_t (F.Key_Len),
            Operation => F.Operation, Operation_Len => size_t (F.Operation_Len),
            Service_Contexts => Req.Service_Contexts, Service_Context_Count => F.Contexts,
            Body_Offset => size_t (F.Body_Offset),
            Body_Len => size_t (F.Body_Len));
         Order.all := Byte_Order'Enum_Rep (R.Order);
         Minor.all := R.Minor;
      end if;
      return S;
   exception
      when others => return Internal_Error;
   end GIOP_Request_Decode;

   function GIOP_Reply_Encode
     (Rep : access C_Reply; Body_Data : System.Address; Body_Len : size_t;
      Order, Minor : Unsigned_8; Output : System.Address; Cap : size_t; Len : Size_Access)
      return Status
   is
      W : Writer;
      S : Status;
   begin
      if Rep = null or else Len = null or else not Text_Ok (Body_Data, Body_Len)
        or else not Contexts_Ok (Rep.Service_Contexts, Rep.Service_Context_Count)
      then
         return Bad_Argument;
      end if;
      S := Make_Writer (Output, Cap, Order, Minor, 0, W);
      if S /= OK then
         return S;
      end if;
      GIOP.Encode_Reply
        (W, (Request_Id => Rep.Request_Id, Reply_Status => Rep.Reply_Status,
             Context_List => Rep.Service_Contexts, Contexts => Rep.Service_Context_Count,
             others => <>),
         Body_Data, Natural (Body_Len));
      return Finish_Write (W, OK, Len);
   exception
      when others => return Internal_Error;
   end GIOP_Reply_Encode;

   function GIOP_Reply_Decode
     (Rep : access C_Reply; Input : System.Address; N : size_t;
      Order, Minor : Octet_Access; Offset : Size_Access) return Status
   is
      R : Reader;
      S : Status;
      F : GIOP.Reply_Fields;
   begin
      if Rep = null or else Order = null or else Minor = null or else Offset = null then
         return Bad_Argument;
      end if;
      S := Make_Reader (Input, N, 0, 0, 0, R);
      if S /= OK then
         return S;
      end if;
      GIOP.Decode_Reply (R, F);
      S := Finish_Read (R, Offset);
      if S = OK then
         Rep.all :=
           (Request_Id => F.Request_Id, Reply_Status => F.Reply_Status,
            Service_Contexts => Rep.Service_Contexts, Service_Context_Count => F.Contexts,
            Body_Offset => size_t (F.Body_Offset),
            Body_Len => size_t (F.Body_Len));
         Order.all := Byte_Order'Enum_Rep (R.Order);
         Minor.all := R.Minor;
      end if;
      return S;
   exception
      when others => return Internal_Error;
   end GIOP_Reply_Decode;
end Glb.Exports;
