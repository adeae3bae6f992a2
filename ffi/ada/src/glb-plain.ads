--  The CDR representation of strings, wide strings and primitive
--  sequences without a TypeCode (CORBA 3.x Part 2, 9.3.2.5 sequences,
--  9.3.2.7 strings and wide strings).

with Glb.Buffers; use Glb.Buffers;
with Glb.Values;  use Glb.Values;

package Glb.Plain is

   Subject_Seq_Long   : constant := 1;
   Subject_Seq_Double : constant := 2;
   Subject_Seq_Octet  : constant := 3;
   Subject_Seq_String : constant := 4;
   Subject_String     : constant := 5;
   Subject_WString    : constant := 6;

   procedure Encode
     (V : Value; Subject : Unsigned_32; W : in out Writer; S : out Status);
   --  Decodes into V (cleared first); errors are left in R.
   procedure Decode (V : in out Value; Subject : Unsigned_32; R : in out Reader);

   --  wstring of node N (a V_WString) by GIOP version and style.
   procedure Put_WString (W : in out Writer; V : Value; N : Node; S : out Status);
   procedure Get_WString (R : in out Reader; V : in out Value);
   --  wchar (9.3.1.6): one UTF-16 unit.
   procedure Put_WChar (W : in out Writer; Unit : Unsigned_16; S : out Status);
   function Get_WChar (R : in out Reader) return Unsigned_16;
   --  Characters (code points) of a V_WString: its units that are not the
   --  second half of a surrogate pair; bounds count these.
   function Char_Count (V : Value; N : Node) return Natural;
   procedure Get_String_Into (R : in out Reader; V : in out Value; Bound : Unsigned_32);
end Glb.Plain;
