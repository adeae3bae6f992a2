package body Glb.GIOP is

   use type System.Address;

   Magic : constant Octet_Array (0 .. 3) :=
     (Character'Pos ('G'), Character'Pos ('I'), Character'Pos ('O'), Character'Pos ('P'));

   --  Writes the message header with a zero size; returns where the size is.
   procedure Put_Header (W : in out Writer; Msg_Type : Octet; Size_At : out Natural) is
   begin
      Put_Octets (W, Magic);
      Put_Octet (W, 1);
      Put_Octet (W, W.Minor);
      --  1.0: byte_order boolean; 1.1 and 1.2: flags, bit 0 the byte order.
      Put_Octet (W, Byte_Order'Enum_Rep (W.Order));
      Put_Octet (W, Msg_Type);
      Size_At := W.Pos;
      Put_U32 (W, 0);
   end Put_Header;

   procedure Put_Body (W : in out Writer; Body_Data : System.Address; Body_Len : Natural;
                       Size_At : Natural) is
   begin
      if Body_Len > 0 then
         if W.Minor >= 2 then
            --  GIOP 1.2 bodies are aligned on 8 (9.4.2.1, 9.4.3.1).
            Align (W, 8);
         end if;
         Put_Raw (W, Body_Data, Body_Len);
      end if;
      Patch_U32 (W, Size_At, Unsigned_32 (W.Pos - 12));
   end Put_Body;

   procedure Put_Octet_Seq (W : in out Writer; Data : System.Address; Len : Natural) is
   begin
      Put_U32 (W, Unsigned_32 (Len));
      Put_Raw (W, Data, Len);
   end Put_Octet_Seq;

   --  ServiceContextList (IOP, 7.7.1): a count, then id and octets each.
   procedure Put_Contexts (W : in out Writer; List : System.Address; Count : Unsigned_32) is
      type Context_Array is array (1 .. Count) of Service_Context with Convention => C;
      Contexts : Context_Array with Import, Address => List;
   begin
      Put_U32 (W, Count);
      if Count = 0 then
         return;
      end if;
      for C of Contexts loop
         Put_U32 (W, C.Context_Id);
         Put_Octet_Seq (W, C.Data, Natural (C.Data_Len));
      end loop;
   end Put_Contexts;

   procedure Encode_Request
     (W : in out Writer; F : Request_Fields; Body_Data : System.Address; Body_Len : Natural)
   is
      Size_At : Natural;
   begin
      Put_Header (W, Msg_Request, Size_At);
      if W.Minor <= 1 then
         Put_Contexts (W, F.Context_List, F.Contexts);
         Put_U32 (W, F.Request_Id);
         Put_Octet (W, (if F.Response_Flags /= 0 then 1 else 0));
         if W.Minor = 1 then
            Put_Octets (W, (0, 0, 0));                   --  reserved
         end if;
         Put_Octet_Seq (W, F.Key, F.Key_Len);
         Put_String (W, F.Operation, F.Operation_Len);
         Put_U32 (W, 0);                                --  requesting_principal
      else
         Put_U32 (W, F.Request_Id);
         Put_Octet (W, F.Response_Flags);
         Put_Octets (W, (0, 0, 0));                      --  reserved
         Put_U16 (W, 0);                                --  TargetAddress: KeyAddr
         Put_Octet_Seq (W, F.Key, F.Key_Len);
         Put_String (W, F.Operation, F.Operation_Len);
         Put_Contexts (W, F.Context_List, F.Contexts);
      end if;
      Put_Body (W, Body_Data, Body_Len, Size_At);
   end Encode_Request;

   procedure Encode_Reply
     (W : in out Writer; F : Reply_Fields; Body_Data : System.Address; Body_Len : Natural)
   is
      Size_At : Natural;
   begin
      Put_Header (W, Msg_Reply, Size_At);
      if W.Minor <= 1 then
         Put_Contexts (W, F.Context_List, F.Contexts);
         Put_U32 (W, F.Request_Id);
         Put_U32 (W, F.Reply_Status);
      else
         Put_U32 (W, F.Request_Id);
         Put_U32 (W, F.Reply_Status);
         Put_Contexts (W, F.Context_List, F.Contexts);
      end if;
      Put_Body (W, Body_Data, Body_Len, Size_At);
   end Encode_Reply;

   --  Reads and checks the message header.
   procedure Get_Header (R : in out Reader; Msg_Type : Octet) is
      Flags : Octet;
      Size  : Unsigned_32;
   begin
      if not Need (R, 12) then
         return;
      end if;
      for I in Magic'Range loop
         if R.Data (R.Pos + I) /= Magic (I) then
            R.Pos := R.Pos + I;
            Fail (R, Bad_Message);
            return;
         end if;
      end loop;
      R.Pos := R.Pos + 4;
      if Get_Octet (R) /= 1 then
         R.Pos := R.Pos - 1;
         Fail (R, Bad_Message);
         return;
      end if;
      R.Minor := Get_Octet (R);
      if R.Minor > 2 then
         R.Pos := R.Pos - 1;
         Fail (R, Bad_Message);
         return;
      end if;
      Flags := Get_Octet (R);
      --  1.0: a boolean; 1.1: bits 0 and 1; 1.2: same. A message with more
      --  fragments is not a whole message.
      if (R.Minor = 0 and then Flags > 1) or else Flags > 1 then
         R.Pos := R.Pos - 1;
         Fail (R, Bad_Message);
         return;
      end if;
      R.Order := Byte_Order'Val (Flags and 1);
      if Get_Octet (R) /= Msg_Type then
         R.Pos := R.Pos - 1;
         Fail (R, Bad_Message);
         return;
      end if;
      Size := Get_U32 (R);
      if R.Err = OK and then Unsigned_64 (Size) /= Unsigned_64 (Left (R)) then
         R.Pos := R.Pos - 4;
         Fail (R, (if Unsigned_64 (Size) > Unsigned_64 (Left (R)) then Truncated
                   else Trailing_Bytes));
      end if;
   end Get_Header;

   function Get_Contexts (R : in out Reader) return Unsigned_32 is
      --  A context is at least an id and an empty sequence: 8 octets.
      N : constant Natural := Get_Count (R, 8);
      Dummy : Unsigned_32;
      Len : Natural;
   begin
      for I in 1 .. N loop
         exit when R.Err /= OK;
         Dummy := Get_U32 (R);
         Len := Get_Count (R, 1);
         if R.Err = OK then
            R.Pos := R.Pos + Len;
         end if;
      end loop;
      return Unsigned_32 (N);
   end Get_Contexts;

   procedure Get_Octet_Seq (R : in out Reader; Data : out System.Address; Len : out Natural) is
   begin
      Len := Get_Count (R, 1);
      Data := (if R.Err = OK and then Len > 0 then R.Data (R.Pos)'Address
               else System.Null_Address);
      if R.Err = OK then
         R.Pos := R.Pos + Len;
      end if;
   end Get_Octet_Seq;

   procedure Get_Body (R : in out Reader; Off, Len : out Natural) is
   begin
      if R.Minor >= 2 and then Left (R) > 0 then
         Align (R, 8);
      end if;
      Off := R.Pos;
      Len := (if R.Err = OK then Left (R) else 0);
      if R.Err = OK then
         R.Pos := R.Last;
      end if;
   end Get_Body;

   procedure Decode_Request (R : in out Reader; F : out Request_Fields) is
      Off : Natural;
   begin
      F := (others => <>);
      Get_Header (R, Msg_Request);
      if R.Err /= OK then
         return;
      end if;
      if R.Minor <= 1 then
         F.Contexts := Get_Contexts (R);
         F.Request_Id := Get_U32 (R);
         F.Response_Flags := Get_Boolean (R);
         if R.Minor = 1 and then Need (R, 3) then
            R.Pos := R.Pos + 3;
         end if;
         Get_Octet_Seq (R, F.Key, F.Key_Len);
         Get_String (R, Off, F.Operation_Len);
         F.Operation := (if R.Err = OK and then F.Operation_Len > 0 then R.Data (Off)'Address
                         else System.Null_Address);
         declare
            P : System.Address;
            L : Natural;
         begin
            Get_Octet_Seq (R, P, L);                      --  requesting_principal
         end;
      else
         F.Request_Id := Get_U32 (R);
         F.Response_Flags := Get_Octet (R);
         if Need (R, 3) then
            R.Pos := R.Pos + 3;
         end if;
         declare
            Disc : constant Unsigned_16 := Get_U16 (R);
         begin
            if R.Err = OK and then Disc /= 0 then
               --  Only KeyAddr targets are decoded here.
               R.Pos := R.Pos - 2;
               Fail (R, Unsupported);
               return;
            end if;
         end;
         Get_Octet_Seq (R, F.Key, F.Key_Len);
         Get_String (R, Off, F.Operation_Len);
         F.Operation := (if R.Err = OK and then F.Operation_Len > 0 then R.Data (Off)'Address
                         else System.Null_Address);
         F.Contexts := Get_Contexts (R);
      end if;
      Get_Body (R, F.Body_Offset, F.Body_Len);
   end Decode_Request;

   procedure Decode_Reply (R : in out Reader; F : out Reply_Fields) is
   begin
      F := (others => <>);
      Get_Header (R, Msg_Reply);
      if R.Err /= OK then
         return;
      end if;
      if R.Minor <= 1 then
         F.Contexts := Get_Contexts (R);
         F.Request_Id := Get_U32 (R);
         F.Reply_Status := Get_U32 (R);
      else
         F.Request_Id := Get_U32 (R);
         F.Reply_Status := Get_U32 (R);
         F.Contexts := Get_Contexts (R);
      end if;
      if R.Err = OK and then F.Reply_Status > 5 then
         Fail (R, Bad_Message);
      end if;
      Get_Body (R, F.Body_Offset, F.Body_Len);
   end Decode_Reply;
end Glb.GIOP;
