--  GIOP 1.0-1.2 Request and Reply messages (CORBA 3.x Part 2, 9.4): the
--  12-octet message header, the version's Request/Reply header and the
--  body. Alignment counts from the start of the message header.

with System;
with Interfaces.C;
with Glb.Buffers; use Glb.Buffers;

package Glb.GIOP is

   Msg_Request : constant := 0;
   Msg_Reply   : constant := 1;

   --  glb_service_context.
   type Service_Context is record
      Context_Id : Unsigned_32;
      Data       : System.Address;
      Data_Len   : Interfaces.C.size_t;
   end record with Convention => C;

   type Request_Fields is record
      Request_Id     : Unsigned_32 := 0;
      Response_Flags : Octet := 0;
      Key            : System.Address := System.Null_Address;
      Key_Len        : Natural := 0;
      Operation      : System.Address := System.Null_Address;
      Operation_Len  : Natural := 0;
      --  Encoding: Contexts entries at Context_List; decoding: the count.
      Context_List   : System.Address := System.Null_Address;
      Contexts       : Unsigned_32 := 0;
      Body_Offset    : Natural := 0;
      Body_Len       : Natural := 0;
   end record;

   type Reply_Fields is record
      Request_Id   : Unsigned_32 := 0;
      Reply_Status : Unsigned_32 := 0;
      Context_List : System.Address := System.Null_Address;
      Contexts     : Unsigned_32 := 0;
      Body_Offset  : Natural := 0;
      Body_Len     : Natural := 0;
   end record;

   --  W carries the byte order and minor version of the message.
   procedure Encode_Request
     (W : in out Writer; F : Request_Fields; Body_Data : System.Address; Body_Len : Natural);
   procedure Encode_Reply
     (W : in out Writer; F : Reply_Fields; Body_Data : System.Address; Body_Len : Natural);
   --  R covers the whole message; its order and minor are set from the
   --  header. Errors are left in R.
   procedure Decode_Request (R : in out Reader; F : out Request_Fields);
   procedure Decode_Reply (R : in out Reader; F : out Reply_Fields);
end Glb.GIOP;
