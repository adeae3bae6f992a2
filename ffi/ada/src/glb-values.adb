with Glb.Buffers;

package body Glb.Values is

   use type Octet_Vectors.Array_Access;

   procedure Clear (V : in out Value) is
   begin
      V.Nodes.Length := 0;
      V.Links.Length := 0;
      V.Pool.Length := 0;
      V.Pending.Length := 0;
      V.Open_Node.Length := 0;
      V.Open_First.Length := 0;
      V.Root := -1;
   end Clear;

   procedure Free_Contents (V : in out Value) is
   begin
      Node_Vectors.Free (V.Nodes);
      Index_Vectors.Free (V.Links);
      Octet_Vectors.Free (V.Pool);
      Index_Vectors.Free (V.Pending);
      Index_Vectors.Free (V.Open_Node);
      Index_Vectors.Free (V.Open_First);
      V.Root := -1;
   end Free_Contents;

   function Pool_Address (V : Value; Off : Natural) return System.Address is
     (if V.Pool.Data = null or else Off >= V.Pool.Data'Length
      then System.Null_Address else V.Pool.Data (Off)'Address);

   function Pool_Reserve (V : in out Value; N : Natural) return Natural is
      Start : constant Natural := (V.Pool.Length + 7) / 8 * 8;
   begin
      Octet_Vectors.Grow (V.Pool, Start - V.Pool.Length + N);
      return Start;
   end Pool_Reserve;

   procedure Add (V : in out Value; N : Node; Index : out Natural; S : out Status) is
   begin
      Index := V.Nodes.Length;
      if V.Open_Node.Length = 0 and then V.Root >= 0 then
         S := Bad_Argument;
         return;
      end if;
      Node_Vectors.Append (V.Nodes, N);
      if V.Open_Node.Length > 0 then
         Index_Vectors.Append (V.Pending, Index);
      elsif N.Shape not in V_Struct | V_Seq | V_Union then
         V.Root := Index;
      end if;
      S := OK;
   end Add;

   procedure Push_Scalar (V : in out Value; Kind : TCKind; Bits : Unsigned_64; S : out Status) is
      I : Natural;
   begin
      Add (V, (Shape => V_Scalar, Kind => Kind, Bits => Bits, others => <>), I, S);
   end Push_Scalar;

   procedure Push_Nothing (V : in out Value; S : out Status) is
      I : Natural;
   begin
      Add (V, (Shape => V_Nothing, others => <>), I, S);
   end Push_Nothing;

   procedure Push_Long_Double (V : in out Value; High, Low : Unsigned_64; S : out Status) is
      I : Natural;
   begin
      Add (V, (Shape => V_Long_Double, Kind => TK_LongDouble, Bits => High, Bits2 => Low,
               others => <>), I, S);
   end Push_Long_Double;

   procedure Push_Reserved
     (V : in out Value; Shape : Shape_Kind; Kind : TCKind;
      Octets : Natural; Len : Natural; Dst : out System.Address; S : out Status)
   is
      I   : Natural;
      Off : Natural;
   begin
      Dst := System.Null_Address;
      Off := Pool_Reserve (V, Octets);
      Add (V, (Shape => Shape, Kind => Kind, Off => Off, Len => Len, others => <>), I, S);
      if S = OK then
         Dst := Pool_Address (V, Off);
      end if;
   end Push_Reserved;

   procedure Push_Payload
     (V : in out Value; Shape : Shape_Kind; Kind : TCKind;
      Src : System.Address; Octets : Natural; Len : Natural; S : out Status)
   is
      Dst : System.Address;
   begin
      Push_Reserved (V, Shape, Kind, Octets, Len, Dst, S);
      if S = OK and then Octets > 0 then
         declare
            D : constant Big_Access := Buffers.To_Big (Dst);
            F : constant Big_Access := Buffers.To_Big (Src);
         begin
            D (0 .. Octets - 1) := F (0 .. Octets - 1);
         end;
      end if;
   end Push_Payload;

   procedure Push_Fixed
     (V : in out Value; Num_Digits : Unsigned_16; Scale : Integer_16; Negative : Boolean;
      Src : System.Address; S : out Status)
   is
   begin
      Push_Payload (V, V_Fixed, TK_Fixed, Src, Natural (Num_Digits), Natural (Num_Digits), S);
      if S = OK then
         declare
            N : Node renames V.Nodes.Data (V.Nodes.Length - 1);
         begin
            N.Num_Digits := Num_Digits;
            N.Scale := Scale;
            N.Bits := (if Negative then 1 else 0);
         end;
      end if;
   end Push_Fixed;

   procedure Begin_Aggregate (V : in out Value; Shape : Shape_Kind; S : out Status) is
      I : Natural;
   begin
      if V.Open_Node.Length >= Max_Depth then
         S := Depth_Exceeded;
         return;
      end if;
      Add (V, (Shape => Shape, others => <>), I, S);
      if S = OK then
         Index_Vectors.Append (V.Open_Node, I);
         Index_Vectors.Append (V.Open_First, V.Pending.Length);
      end if;
   end Begin_Aggregate;

   procedure End_Aggregate (V : in out Value; S : out Status) is
   begin
      if V.Open_Node.Length = 0 then
         S := Bad_Argument;
         return;
      end if;
      declare
         Top   : constant Natural := V.Open_Node.Data (V.Open_Node.Length - 1);
         First : constant Natural := V.Open_First.Data (V.Open_First.Length - 1);
         Count : constant Natural := V.Pending.Length - First;
         Start : constant Natural := V.Links.Length;
      begin
         Index_Vectors.Grow (V.Links, Count);
         if Count > 0 then
            V.Links.Data (Start .. Start + Count - 1) :=
              V.Pending.Data (First .. First + Count - 1);
         end if;
         V.Nodes.Data (Top).Off := Start;
         V.Nodes.Data (Top).Len := Count;
         V.Pending.Length := First;
         V.Open_Node.Length := V.Open_Node.Length - 1;
         V.Open_First.Length := V.Open_First.Length - 1;
         if V.Open_Node.Length = 0 then
            V.Root := Top;
         end if;
      end;
      S := OK;
   end End_Aggregate;

   function Child (V : Value; Parent : Natural; I : Natural) return Natural is
     (V.Links.Data (V.Nodes.Data (Parent).Off + I));
end Glb.Values;
