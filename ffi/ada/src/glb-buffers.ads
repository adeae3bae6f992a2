--  Buffers with alignment: a Writer into caller-owned memory and a Reader
--  cursor over caller-owned input (CORBA 3.x Part 2, 9.3.1.1 alignment,
--  9.3.3 encapsulations).
--
--  The Writer never writes past its capacity: past it, it only counts, so
--  one pass tells the caller how many octets are needed. Padding is zero.
--
--  The Reader never reads past its end. Its first error is sticky: later
--  reads return zeros and do not move, and the caller checks Err once.
--  Positions are absolute offsets in the outermost input, so errors and
--  indirections refer to it.

with System;

package Glb.Buffers is

   function To_Big (A : System.Address) return Big_Access;

   type Writer is record
      Data  : Big_Access := null;
      Cap   : Natural := 0;
      Pos   : Natural := 0;
      --  Alignment origin: 0, or the byte-order octet of the current
      --  encapsulation.
      Base  : Natural := 0;
      Order : Byte_Order := Big_Endian;
      Minor : Unsigned_8 := 2;
      Style : Unsigned_32 := 0;
   end record;

   procedure Align (W : in out Writer; N : Positive) with Inline;
   procedure Put_Octet (W : in out Writer; V : Octet) with Inline;
   procedure Put_U16 (W : in out Writer; V : Unsigned_16) with Inline;
   procedure Put_U32 (W : in out Writer; V : Unsigned_32) with Inline;
   procedure Put_U64 (W : in out Writer; V : Unsigned_64) with Inline;
   --  A 16-bit unit in the given order, unaligned (UTF-16 data).
   procedure Put_Unit (W : in out Writer; V : Unsigned_16; Order : Byte_Order);
   procedure Put_Octets (W : in out Writer; Src : Octet_Array);
   --  Count elements of Size octets (1, 2, 4 or 8) stored in host order at
   --  Src, aligned on Size, swapped unless the stream is in host order.
   procedure Put_Elements
     (W : in out Writer; Src : System.Address; Count : Natural; Size : Positive);
   --  N raw octets from Src.
   procedure Put_Raw (W : in out Writer; Src : System.Address; N : Natural);
   --  string (9.3.2.7): length with the NUL, the N octets at Src, NUL.
   procedure Put_String (W : in out Writer; Src : System.Address; N : Natural);
   --  Overwrites an unsigned long already reserved at Here.
   procedure Patch_U32 (W : in out Writer; Here : Natural; V : Unsigned_32);

   type Encaps_Mark is record
      Length_At : Natural;
      Order     : Byte_Order;
      Base      : Natural;
   end record;
   --  Opens an encapsulation (9.3.3) whose content is in Order.
   procedure Begin_Encaps (W : in out Writer; Order : Byte_Order; M : out Encaps_Mark);
   procedure End_Encaps (W : in out Writer; M : Encaps_Mark);

   type Reader is record
      Data   : Big_Access := null;
      Last   : Natural := 0;   --  end (exclusive) of the readable region
      Pos    : Natural := 0;
      Base   : Natural := 0;
      Order  : Byte_Order := Big_Endian;
      Minor  : Unsigned_8 := 2;
      Style  : Unsigned_32 := 0;
      Err    : Status := OK;
      Err_At : Natural := 0;
   end record;

   procedure Fail (R : in out Reader; S : Status) with Inline;
   function Left (R : Reader) return Natural is (R.Last - R.Pos);
   --  True when N more octets can be read; else fails with Truncated.
   function Need (R : in out Reader; N : Natural) return Boolean with Inline;
   procedure Align (R : in out Reader; N : Positive) with Inline;
   function Get_Octet (R : in out Reader) return Octet with Inline;
   function Get_U16 (R : in out Reader) return Unsigned_16 with Inline;
   function Get_U32 (R : in out Reader) return Unsigned_32 with Inline;
   function Get_U64 (R : in out Reader) return Unsigned_64 with Inline;
   function Get_Unit (R : in out Reader; Order : Byte_Order) return Unsigned_16;
   --  boolean (9.3.1.5): only 0 and 1.
   function Get_Boolean (R : in out Reader) return Octet;
   --  An unsigned long count of elements of at least Min_Size octets each,
   --  checked against the octets left (Length_Too_Large) before anyone
   --  allocates.
   function Get_Count (R : in out Reader; Min_Size : Positive) return Natural;
   --  string (9.3.2.7): where its octets (without the NUL) are.
   procedure Get_String (R : in out Reader; Off, Len : out Natural);
   --  Count elements of Size octets into host order at Dst (which has room).
   procedure Get_Elements
     (R : in out Reader; Dst : System.Address; Count : Natural; Size : Positive);

   type Encaps_Save is record
      Last  : Natural;
      Base  : Natural;
      Order : Byte_Order;
   end record;
   --  Enters an encapsulation: length, byte-order octet; the reader is
   --  limited to its content until Leave_Encaps.
   procedure Enter_Encaps (R : in out Reader; S : out Encaps_Save);
   procedure Leave_Encaps (R : in out Reader; S : Encaps_Save);
end Glb.Buffers;
