--  The C ABI of ffi/ada/abi/glb.h. Every subprogram here catches every
--  exception and returns a status (an Ada exception reaching Rust would
--  abort the process); handles are checked for null.

with Interfaces.C; use Interfaces.C;
with System; use type System.Address;
with Glb.Values; use Glb.Values;
with Glb.TypeCodes; use Glb.TypeCodes;
with Glb.Corpus; use Glb.Corpus;

package Glb.Exports is


   type Size_Access is access all size_t with Convention => C;

   function ABI_Version return Unsigned_32
     with Export, Convention => C, External_Name => "glb_abi_version";

   --  Values.
   function Value_New return Value_Access
     with Export, Convention => C, External_Name => "glb_value_new";
   procedure Value_Free (V : Value_Access)
     with Export, Convention => C, External_Name => "glb_value_free";
   function Value_Clear (V : Value_Access) return Status
     with Export, Convention => C, External_Name => "glb_value_clear";
   function Value_Nothing (V : Value_Access) return Status
     with Export, Convention => C, External_Name => "glb_value_nothing";
   function Value_Scalar (V : Value_Access; Kind : Unsigned_32; Bits : Unsigned_64) return Status
     with Export, Convention => C, External_Name => "glb_value_scalar";
   function Value_Long_Double (V : Value_Access; High, Low : Unsigned_64) return Status
     with Export, Convention => C, External_Name => "glb_value_long_double";
   function Value_String (V : Value_Access; Octets : System.Address; N : size_t) return Status
     with Export, Convention => C, External_Name => "glb_value_string";
   function Value_WString (V : Value_Access; Units : System.Address; N : size_t) return Status
     with Export, Convention => C, External_Name => "glb_value_wstring";
   function Value_Fixed
     (V : Value_Access; Num_Digits : Unsigned_16; Scale : Integer_16; Negative : Integer_32;
      Chars : System.Address) return Status
     with Export, Convention => C, External_Name => "glb_value_fixed";
   function Value_Prims
     (V : Value_Access; Kind : Unsigned_32; Elems : System.Address; N : size_t) return Status
     with Export, Convention => C, External_Name => "glb_value_prims";
   function Value_Begin (V : Value_Access; Shape : Unsigned_32) return Status
     with Export, Convention => C, External_Name => "glb_value_begin";
   function Value_End (V : Value_Access) return Status
     with Export, Convention => C, External_Name => "glb_value_end";

   type Value_Info is record
      Shape  : Unsigned_32;
      Kind   : Unsigned_32;
      Bits   : Unsigned_64;
      Bits2  : Unsigned_64;
      Data   : System.Address;
      Len    : size_t;
      Count  : Unsigned_32;
      Num_Digits : Unsigned_16;
      Scale  : Integer_16;
   end record with Convention => C;

   function Value_Root (V : Value_Access; Node_Out : access Unsigned_32) return Status
     with Export, Convention => C, External_Name => "glb_value_root";
   function Value_Info_Of
     (V : Value_Access; Node : Unsigned_32; Info : access Value_Info) return Status
     with Export, Convention => C, External_Name => "glb_value_info_of";
   function Value_Child
     (V : Value_Access; Node : Unsigned_32; Index : Unsigned_32;
      Child_Out : access Unsigned_32) return Status
     with Export, Convention => C, External_Name => "glb_value_child";

   --  Plain CDR.
   function CDR_Encode
     (V : Value_Access; Subject : Unsigned_32; Order, Minor : Unsigned_8;
      Style : Unsigned_32; Output : System.Address; Cap : size_t; Len : Size_Access)
      return Status
     with Export, Convention => C, External_Name => "glb_cdr_encode";
   function CDR_Decode
     (V : Value_Access; Subject : Unsigned_32; Input : System.Address; N : size_t;
      Order, Minor : Unsigned_8; Style : Unsigned_32; Offset : Size_Access) return Status
     with Export, Convention => C, External_Name => "glb_cdr_decode";

   --  TypeCodes.
   function TC_New return Graph_Access
     with Export, Convention => C, External_Name => "glb_tc_new";
   procedure TC_Free (G : Graph_Access)
     with Export, Convention => C, External_Name => "glb_tc_free";
   function TC_Basic (G : Graph_Access; Kind : Unsigned_32; Node_Out : access Unsigned_32)
     return Status
     with Export, Convention => C, External_Name => "glb_tc_basic";
   function TC_String
     (G : Graph_Access; Kind, Bound : Unsigned_32; Node_Out : access Unsigned_32) return Status
     with Export, Convention => C, External_Name => "glb_tc_string";
   function TC_Fixed
     (G : Graph_Access; Num_Digits : Unsigned_16; Scale : Integer_16;
      Node_Out : access Unsigned_32) return Status
     with Export, Convention => C, External_Name => "glb_tc_fixed";
   function TC_Named
     (G : Graph_Access; Kind : Unsigned_32; Id : System.Address; Id_Len : size_t;
      Name : System.Address; Name_Len : size_t; Content : Unsigned_32;
      Node_Out : access Unsigned_32) return Status
     with Export, Convention => C, External_Name => "glb_tc_named";
   function TC_Union
     (G : Graph_Access; Id : System.Address; Id_Len : size_t; Name : System.Address;
      Name_Len : size_t; Discriminator : Unsigned_32; Default_Index : Integer_32;
      Node_Out : access Unsigned_32) return Status
     with Export, Convention => C, External_Name => "glb_tc_union";
   function TC_Add_Member
     (G : Graph_Access; Parent : Unsigned_32; Name : System.Address; Name_Len : size_t;
      Member_Type : Unsigned_32; Label : Integer_64) return Status
     with Export, Convention => C, External_Name => "glb_tc_add_member";
   function TC_Sequence
     (G : Graph_Access; Kind, Element, Bound : Unsigned_32; Node_Out : access Unsigned_32)
      return Status
     with Export, Convention => C, External_Name => "glb_tc_sequence";
   function TC_Set_Root (G : Graph_Access; Node : Unsigned_32) return Status
     with Export, Convention => C, External_Name => "glb_tc_set_root";
   function TC_Root (G : Graph_Access; Node_Out : access Unsigned_32) return Status
     with Export, Convention => C, External_Name => "glb_tc_root";

   type TC_Info is record
      Kind          : Unsigned_32;
      Member_Count  : Unsigned_32;
      Bound         : Unsigned_32;
      Content       : Unsigned_32;
      Default_Index : Integer_32;
      Num_Digits    : Unsigned_16;
      Scale         : Integer_16;
      Id            : System.Address;
      Id_Len        : size_t;
      Name          : System.Address;
      Name_Len      : size_t;
   end record with Convention => C;

   type TC_Member_Info is record
      Name        : System.Address;
      Name_Len    : size_t;
      Member_Type : Unsigned_32;
      Label       : Integer_64;
   end record with Convention => C;

   function TC_Info_Of (G : Graph_Access; Node : Unsigned_32; Info : access TC_Info)
     return Status
     with Export, Convention => C, External_Name => "glb_tc_info_of";
   function TC_Member_Of
     (G : Graph_Access; Node, Index : Unsigned_32; Info : access TC_Member_Info) return Status
     with Export, Convention => C, External_Name => "glb_tc_member_of";

   function TypeCode_Encode
     (G : Graph_Access; Order, Minor : Unsigned_8; Style : Unsigned_32;
      Output : System.Address; Cap : size_t; Len : Size_Access) return Status
     with Export, Convention => C, External_Name => "glb_typecode_encode";
   function TypeCode_Decode
     (G : Graph_Access; Input : System.Address; N : size_t; Order, Minor : Unsigned_8;
      Style : Unsigned_32; Offset : Size_Access) return Status
     with Export, Convention => C, External_Name => "glb_typecode_decode";
   function Any_Encode
     (G : Graph_Access; V : Value_Access; Order, Minor : Unsigned_8; Style : Unsigned_32;
      Output : System.Address; Cap : size_t; Len : Size_Access) return Status
     with Export, Convention => C, External_Name => "glb_any_encode";
   function Any_Decode
     (G : Graph_Access; V : Value_Access; Input : System.Address; N : size_t;
      Order, Minor : Unsigned_8; Style : Unsigned_32; Offset : Size_Access) return Status
     with Export, Convention => C, External_Name => "glb_any_decode";
   function Value_Encode
     (G : Graph_Access; V : Value_Access; Order, Minor : Unsigned_8; Style : Unsigned_32;
      Output : System.Address; Cap : size_t; Len : Size_Access) return Status
     with Export, Convention => C, External_Name => "glb_value_encode";
   function Value_Decode
     (G : Graph_Access; V : Value_Access; Input : System.Address; N : size_t;
      Order, Minor : Unsigned_8; Style : Unsigned_32; Offset : Size_Access) return Status
     with Export, Convention => C, External_Name => "glb_value_decode";

   --  Static (compiled) marshalling.
   function Static_New return Static_Access
     with Export, Convention => C, External_Name => "glb_static_new";
   procedure Static_Free (X : Static_Access)
     with Export, Convention => C, External_Name => "glb_static_free";
   function Static_Load
     (X : Static_Access; Id : System.Address; Id_Len : size_t; V : Value_Access) return Status
     with Export, Convention => C, External_Name => "glb_static_load";
   function Static_Encode
     (X : Static_Access; Order, Minor : Unsigned_8; Style : Unsigned_32;
      Output : System.Address; Cap : size_t; Len : Size_Access) return Status
     with Export, Convention => C, External_Name => "glb_static_encode";
   function Static_Decode
     (X : Static_Access; Id : System.Address; Id_Len : size_t; Input : System.Address;
      N : size_t; Order, Minor : Unsigned_8; Style : Unsigned_32; Offset : Size_Access)
      return Status
     with Export, Convention => C, External_Name => "glb_static_decode";
   function Static_Store (X : Static_Access; V : Value_Access) return Status
     with Export, Convention => C, External_Name => "glb_static_store";

   --  GIOP.
   type C_Request is record
      Request_Id            : Unsigned_32;
      Response_Flags        : Unsigned_8;
      Object_Key            : System.Address;
      Object_Key_Len        : size_t;
      Operation             : System.Address;
      Operation_Len         : size_t;
      Service_Contexts      : System.Address;
      Service_Context_Count : Unsigned_32;
      Body_Offset           : size_t;
      Body_Len              : size_t;
   end record with Convention => C;

   type C_Reply is record
      Request_Id            : Unsigned_32;
      Reply_Status          : Unsigned_32;
      Service_Contexts      : System.Address;
      Service_Context_Count : Unsigned_32;
      Body_Offset           : size_t;
      Body_Len              : size_t;
   end record with Convention => C;

   type Octet_Access is access all Unsigned_8 with Convention => C;

   function GIOP_Request_Encode
     (Req : access C_Request; Body_Data : System.Address; Body_Len : size_t;
      Order, Minor : Unsigned_8; Output : System.Address; Cap : size_t; Len : Size_Access)
      return Status
     with Export, Convention => C, External_Name => "glb_giop_request_encode";
   function GIOP_Request_Decode
     (Req : access C_Request; Input : System.Address; N : size_t;
      Order, Minor : Octet_Access; Offset : Size_Access) return Status
     with Export, Convention => C, External_Name => "glb_giop_request_decode";
   function GIOP_Reply_Encode
     (Rep : access C_Reply; Body_Data : System.Address; Body_Len : size_t;
      Order, Minor : Unsigned_8; Output : System.Address; Cap : size_t; Len : Size_Access)
      return Status
     with Export, Convention => C, External_Name => "glb_giop_reply_encode";
   function GIOP_Reply_Decode
     (Rep : access C_Reply; Input : System.Address; N : size_t;
      Order, Minor : Octet_Access; Offset : Size_Access) return Status
     with Export, Convention => C, External_Name => "glb_giop_reply_decode";
end Glb.Exports;
