--  TypeCodes (CORBA 3.x Part 2, 9.3.5.1): a graph of nodes in one arena
--  per handle, built bottom-up through the ABI or decoded from CDR. A
--  recursive TypeCode is a cycle in the graph (a member refers to an
--  enclosing node); a decoded indirection is a second reference to the
--  node it points at.

with System;
with Glb.Vectors;
with Glb.Buffers; use Glb.Buffers;

package Glb.TypeCodes is

   No_Node : constant Integer := -1;

   type TC_Node is record
      Kind          : TCKind := TK_Null;
      Id_Off        : Natural := 0;
      Id_Len        : Natural := 0;
      Name_Off      : Natural := 0;
      Name_Len      : Natural := 0;
      --  string/wstring/sequence bound, array length.
      Bound         : Unsigned_32 := 0;
      --  Element, content or discriminator node.
      Content       : Integer := No_Node;
      Default_Index : Integer_32 := -1;
      Num_Digits    : Unsigned_16 := 0;
      Scale         : Integer_16 := 0;
      First_Member  : Integer := -1;
      Last_Member   : Integer := -1;
      Member_Count  : Natural := 0;
      --  Where a decoded node's TypeCode starts in the input (increasing
      --  with the node index), for indirections; -1 for built nodes.
      Wire_Pos      : Integer := -1;
   end record;

   type TC_Member is record
      Name_Off : Natural := 0;
      Name_Len : Natural := 0;
      TC       : Integer := No_Node;
      Label    : Integer_64 := 0;
      Next     : Integer := -1;
   end record;

   package Node_Vectors is new Glb.Vectors (TC_Node);
   package Member_Vectors is new Glb.Vectors (TC_Member);
   package Text_Vectors is new Glb.Vectors (Octet);

   type Graph is record
      Nodes   : Node_Vectors.Vector;
      Members : Member_Vectors.Vector;
      Text    : Text_Vectors.Vector;
      Root    : Integer := No_Node;
   end record;
   type Graph_Access is access all Graph;

   procedure Clear (G : in out Graph);
   procedure Free_Contents (G : in out Graph);

   function Valid (G : Graph; N : Integer) return Boolean is
     (N >= 0 and then N < G.Nodes.Length);

   --  Builders.
   procedure Add_Node (G : in out Graph; N : TC_Node; Index : out Natural);
   --  Copies Len octets at Src into the text pool; returns their offset.
   function Add_Text (G : in out Graph; Src : System.Address; Len : Natural) return Natural;
   procedure Add_Member
     (G : in out Graph; Parent : Natural; Name_Off, Name_Len : Natural;
      TC : Integer; Label : Integer_64);
   --  Sets the root and resolves TK_Recursive placeholders to their
   --  enclosing struct or union.
   procedure Set_Root (G : in out Graph; Node : Natural; S : out Status);

   --  The I-th member (0-based) of a node, as an index into G.Members.
   function Member_At (G : Graph; Node : Natural; I : Natural) return Integer;
   --  Follows aliases; No_Node on a cycle or a bad graph.
   function Unalias (G : Graph; Node : Integer) return Integer;
   --  The member a discriminator label selects (index), or -1.
   function Select_Member (G : Graph; Union : Natural; Label : Integer_64) return Integer;
   --  A discriminator's value bits as a label of discriminator kind K.
   function To_Label (K : TCKind; Bits : Unsigned_64) return Integer_64;

   --  Marshals the root.
   procedure Encode (G : Graph; W : in out Writer; S : out Status);
   --  Replaces G with the TypeCode read from R.
   procedure Decode (G : in out Graph; R : in out Reader);
end Glb.TypeCodes;
