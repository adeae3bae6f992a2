--  @generated from corpus/idl/bench.idl by corba_idl::emit::ada_corpus. Do not edit;
--  regenerate with `GIOPBENCH_REGENERATE=1 cargo test -j1 -p corba-idl --lib emit::`.
--
--  The body of Glb.Corpus: see glb-corpus.ads.

with Ada.Unchecked_Conversion;
with Ada.Unchecked_Deallocation;
with System;

package body Glb.Corpus is

   function To_U16 is new Ada.Unchecked_Conversion (Integer_16, Unsigned_16);
   function To_I16 is new Ada.Unchecked_Conversion (Unsigned_16, Integer_16);
   function To_U32 is new Ada.Unchecked_Conversion (Integer_32, Unsigned_32);
   function To_I32 is new Ada.Unchecked_Conversion (Unsigned_32, Integer_32);
   function To_U64 is new Ada.Unchecked_Conversion (Integer_64, Unsigned_64);
   function To_I64 is new Ada.Unchecked_Conversion (Unsigned_64, Integer_64);
   procedure Free_Str is new Ada.Unchecked_Deallocation (Octet_Array, String_Access);

   --  string (CORBA 3.x Part 2, 9.3.2.7): length with the NUL, octets, NUL.
   procedure Put_Str (W : in out Writer; S : String_Access) is
   begin
      if S = null or else S'Length = 0 then
         Put_String (W, System.Null_Address, 0);
      else
         Put_String (W, S (S'First)'Address, S'Length);
      end if;
   end Put_Str;

   procedure Get_Str (R : in out Reader; X : out String_Access) is
      Off, Len : Natural;
   begin
      X := null;
      Get_String (R, Off, Len);
      if R.Err = OK then
         X := new Octet_Array (0 .. Len - 1);
         if Len > 0 then
            X.all := R.Data (Off .. Off + Len - 1);
         end if;
      end if;
   end Get_Str;

   function Scalar (V : Value; N : Natural; Kind : TCKind; S : in out Status) return Unsigned_64
   is
   begin
      if V.Nodes.Data (N).Shape = V_Scalar and then V.Nodes.Data (N).Kind = Kind then
         return V.Nodes.Data (N).Bits;
      end if;
      S := Bad_Value;
      return 0;
   end Scalar;

   --  True when node N is an aggregate of shape Of_Shape with Count children.
   function Is_Agg (V : Value; N : Natural; Of_Shape : Shape_Kind; Count : Natural)
     return Boolean is
     (V.Nodes.Data (N).Shape = Of_Shape and then V.Nodes.Data (N).Len = Count);

   --  Size octets of a compact payload at pool offset Off (host order).
   function Pool_Bits (V : Value; Off : Natural; Size : Positive) return Unsigned_64 is
      B : Unsigned_64 := 0;
   begin
      for K in 0 .. Size - 1 loop
         B := B or Shift_Left (Unsigned_64 (V.Pool.Data (Off + K)),
                               (if Native_Order = Little_Endian then 8 * K
                                else 8 * (Size - 1 - K)));
      end loop;
      return B;
   end Pool_Bits;

   procedure Load_Str (V : Value; N : Natural; X : out String_Access; S : in out Status) is
      E : Glb.Values.Node renames V.Nodes.Data (N);
   begin
      X := null;
      if E.Shape /= V_String then
         S := Bad_Value;
         return;
      end if;
      X := new Octet_Array (0 .. E.Len - 1);
      for I in 0 .. E.Len - 1 loop
         X (I) := V.Pool.Data (E.Off + I);
      end loop;
   end Load_Str;

   procedure Sc (V : in out Value; K : TCKind; Bits : Unsigned_64; T : in out Status) is
      S : Status;
   begin
      if T = OK then
         Push_Scalar (V, K, Bits, S);
         T := S;
      end if;
   end Sc;

   procedure Store_Str (V : in out Value; X : String_Access; T : in out Status) is
      S : Status;
   begin
      if T /= OK then
         return;
      end if;
      if X = null or else X'Length = 0 then
         Push_Payload (V, V_String, TK_String, System.Null_Address, 0, 0, S);
      else
         Push_Payload (V, V_String, TK_String, X (X'First)'Address, X'Length, X'Length, S);
      end if;
      T := S;
   end Store_Str;

   --  A compact sequence of Len elements (Octets octets at Src).
   procedure Prims
     (V : in out Value; K : TCKind; Src : System.Address; Octets, Len : Natural;
      T : in out Status)
   is
      S : Status;
   begin
      if T = OK then
         Push_Payload (V, V_Prims, K, Src, Octets, Len, S);
         T := S;
      end if;
   end Prims;

   procedure Open (V : in out Value; Of_Shape : Shape_Kind; T : in out Status) is
      S : Status;
   begin
      if T = OK then
         Begin_Aggregate (V, Of_Shape, S);
         T := S;
      end if;
   end Open;

   procedure Close (V : in out Value; T : in out Status) is
      S : Status;
   begin
      if T = OK then
         End_Aggregate (V, S);
         T := S;
      end if;
   end Close;

   procedure Dispose is new Ada.Unchecked_Deallocation (Line_Item_Seq_Array, Line_Item_Seq);
   procedure Dispose is new Ada.Unchecked_Deallocation (Long_Seq_Array, Long_Seq);
   procedure Dispose is new Ada.Unchecked_Deallocation (Record_Seq_Array, Record_Seq);
   procedure Dispose is new Ada.Unchecked_Deallocation (Bench_Node, Bench_Node_Access);
   procedure Dispose is new Ada.Unchecked_Deallocation (Node_Seq_Array, Node_Seq);

   --  Every per-type subprogram, so that they may call one another.
   procedure Put (W : in out Writer; X : Color);
   procedure Get (R : in out Reader; X : out Color);
   procedure Put (W : in out Writer; X : Point);
   procedure Get (R : in out Reader; X : out Point);
   procedure Put (W : in out Writer; X : Shape);
   procedure Get (R : in out Reader; X : out Shape);
   procedure Free (X : in out Shape);
   procedure Put (W : in out Writer; X : Address);
   procedure Get (R : in out Reader; X : out Address);
   procedure Free (X : in out Address);
   procedure Put (W : in out Writer; X : Line_Item);
   procedure Get (R : in out Reader; X : out Line_Item);
   procedure Free (X : in out Line_Item);
   procedure Put (W : in out Writer; X : Line_Item_Seq) with Inline;
   procedure Get (R : in out Reader; X : out Line_Item_Seq) with Inline;
   procedure Free (X : in out Line_Item_Seq);
   procedure Put (W : in out Writer; X : Long_Seq) with Inline;
   procedure Get (R : in out Reader; X : out Long_Seq) with Inline;
   procedure Free (X : in out Long_Seq);
   procedure Put (W : in out Writer; X : Bench_Record);
   procedure Get (R : in out Reader; X : out Bench_Record);
   procedure Free (X : in out Bench_Record);
   procedure Put (W : in out Writer; X : Record_Seq) with Inline;
   procedure Get (R : in out Reader; X : out Record_Seq) with Inline;
   procedure Free (X : in out Record_Seq);
   procedure Put (W : in out Writer; X : Bench_Node_Access);
   procedure Get (R : in out Reader; X : out Bench_Node_Access; Depth : Natural);
   procedure Free (X : in out Bench_Node_Access);
   procedure Put (W : in out Writer; X : Node_Seq) with Inline;
   procedure Get (R : in out Reader; X : out Node_Seq; Depth : Natural) with Inline;
   procedure Free (X : in out Node_Seq);
   procedure Put (W : in out Writer; X : Wide50);
   procedure Get (R : in out Reader; X : out Wide50);
   procedure Free (X : in out Wide50);
   procedure Load (V : Value; N : Natural; X : out Color; S : in out Status);
   procedure Store (V : in out Value; X : Color; T : in out Status);
   procedure Load (V : Value; N : Natural; X : out Point; S : in out Status);
   procedure Store (V : in out Value; X : Point; T : in out Status);
   procedure Load (V : Value; N : Natural; X : out Shape; S : in out Status);
   procedure Store (V : in out Value; X : Shape; T : in out Status);
   procedure Load (V : Value; N : Natural; X : out Address; S : in out Status);
   procedure Store (V : in out Value; X : Address; T : in out Status);
   procedure Load (V : Value; N : Natural; X : out Line_Item; S : in out Status);
   procedure Store (V : in out Value; X : Line_Item; T : in out Status);
   procedure Load (V : Value; N : Natural; X : out Line_Item_Seq; S : in out Status);
   procedure Store (V : in out Value; X : Line_Item_Seq; T : in out Status);
   procedure Load (V : Value; N : Natural; X : out Long_Seq; S : in out Status);
   procedure Store (V : in out Value; X : Long_Seq; T : in out Status);
   procedure Load (V : Value; N : Natural; X : out Bench_Record; S : in out Status);
   procedure Store (V : in out Value; X : Bench_Record; T : in out Status);
   procedure Load (V : Value; N : Natural; X : out Record_Seq; S : in out Status);
   procedure Store (V : in out Value; X : Record_Seq; T : in out Status);
   procedure Load (V : Value; N : Natural; X : out Bench_Node_Access; S : in out Status;
      Depth : Natural);
   procedure Store (V : in out Value; X : Bench_Node_Access; T : in out Status);
   procedure Load (V : Value; N : Natural; X : out Node_Seq; S : in out Status; Depth : Natural);
   procedure Store (V : in out Value; X : Node_Seq; T : in out Status);
   procedure Load (V : Value; N : Natural; X : out Wide50; S : in out Status);
   procedure Store (V : in out Value; X : Wide50; T : in out Status);

   procedure Put (W : in out Writer; X : Color) is
   begin
      --  enum (CORBA 3.x Part 2, 9.3.2.6): the ordinal as an unsigned long.
      Put_U32 (W, Color'Pos (X));
   end Put;

   procedure Get (R : in out Reader; X : out Color) is
      Here : constant Natural := R.Pos;
      E    : constant Unsigned_32 := Get_U32 (R);
   begin
      X := Color'First;
      if R.Err = OK and then E > Color'Pos (Color'Last) then
         R.Pos := Here;
         Fail (R, Bad_Value);
      elsif R.Err = OK then
         X := Color'Val (E);
      end if;
   end Get;

   procedure Put (W : in out Writer; X : Point) is
   begin
      --  struct (CORBA 3.x Part 2, 9.3.2.2): the members in order.
      Put_U64 (W, X.X);
      Put_U64 (W, X.Y);
   end Put;

   procedure Get (R : in out Reader; X : out Point) is
   begin
      X.X := Get_U64 (R);
      X.Y := Get_U64 (R);
   end Get;

   procedure Put (W : in out Writer; X : Shape) is
   begin
      --  union (CORBA 3.x Part 2, 9.3.2.3): the discriminator, then the member it selects.
      Put_U32 (W, To_U32 (X.Disc));
      case X.Disc is
         when 1 => Put_U64 (W, X.Radius);
         when 2 => Put (W, X.Corner);
         when 3 | 4 => Put_Str (W, X.Label);
         when others => Put_U32 (W, To_U32 (X.Code));
      end case;
   end Put;

   procedure Get (R : in out Reader; X : out Shape) is
      D : Integer_32;
   begin
      D := To_I32 (Get_U32 (R));
      declare
         T : Shape (D);
      begin
         case D is
            when 1 => T.Radius := Get_U64 (R);
            when 2 => Get (R, T.Corner);
            when 3 | 4 => Get_Str (R, T.Label);
            when others => T.Code := To_I32 (Get_U32 (R));
         end case;
         X := T;
      end;
   end Get;

   procedure Free (X : in out Shape) is
   begin
      case X.Disc is
         when 3 | 4 => Free_Str (X.Label);
         when others => null;
      end case;
   end Free;

   procedure Put (W : in out Writer; X : Address) is
   begin
      --  struct (CORBA 3.x Part 2, 9.3.2.2): the members in order.
      Put_Str (W, X.Street);
      Put_Str (W, X.City);
      Put_U16 (W, X.Zip);
   end Put;

   procedure Get (R : in out Reader; X : out Address) is
   begin
      Get_Str (R, X.Street);
      Get_Str (R, X.City);
      X.Zip := Get_U16 (R);
   end Get;

   procedure Free (X : in out Address) is
   begin
      Free_Str (X.Street);
      Free_Str (X.City);
   end Free;

   procedure Put (W : in out Writer; X : Line_Item) is
   begin
      --  struct (CORBA 3.x Part 2, 9.3.2.2): the members in order.
      Put_Str (W, X.Sku);
      Put_U32 (W, To_U32 (X.Quantity));
      Put_U64 (W, X.Price);
   end Put;

   procedure Get (R : in out Reader; X : out Line_Item) is
   begin
      Get_Str (R, X.Sku);
      X.Quantity := To_I32 (Get_U32 (R));
      X.Price := Get_U64 (R);
   end Get;

   procedure Free (X : in out Line_Item) is
   begin
      Free_Str (X.Sku);
   end Free;

   procedure Put (W : in out Writer; X : Line_Item_Seq) is
   begin
      --  sequence (CORBA 3.x Part 2, 9.3.2.5): the count, then the elements.
      if X = null then
         Put_U32 (W, 0);
      else
         Put_U32 (W, Unsigned_32 (X'Length));
         for E of X.all loop
            Put (W, E);
         end loop;
      end if;
   end Put;

   procedure Get (R : in out Reader; X : out Line_Item_Seq) is
      --  Every element takes at least 17 octet(s).
      N : constant Natural := Get_Count (R, 17);
   begin
      X := new Line_Item_Seq_Array (0 .. N - 1);
      for E of X.all loop
         exit when R.Err /= OK;
         Get (R, E);
      end loop;
   end Get;

   procedure Free (X : in out Line_Item_Seq) is
   begin
      if X /= null then
         for E of X.all loop
            Free (E);
         end loop;
         Dispose (X);
      end if;
   end Free;

   procedure Put (W : in out Writer; X : Long_Seq) is
   begin
      --  sequence (CORBA 3.x Part 2, 9.3.2.5): the count, then the elements.
      if X = null or else X'Length = 0 then
         Put_U32 (W, 0);
      else
         Put_U32 (W, Unsigned_32 (X'Length));
         Put_Elements (W, X (X'First)'Address, X'Length, 4);
      end if;
   end Put;

   procedure Get (R : in out Reader; X : out Long_Seq) is
      N : constant Natural := Get_Count (R, 4);
   begin
      X := new Long_Seq_Array (0 .. N - 1);
      if N > 0 then
         Get_Elements (R, X (0)'Address, N, 4);
      end if;
   end Get;

   procedure Free (X : in out Long_Seq) is
   begin
      if X /= null then
         Dispose (X);
      end if;
   end Free;

   procedure Put (W : in out Writer; X : Bench_Record) is
   begin
      --  struct (CORBA 3.x Part 2, 9.3.2.2): the members in order.
      Put_U32 (W, To_U32 (X.Id));
      Put_Str (W, X.Name);
      Put (W, X.Hue);
      Put (W, X.Residence);
      Put (W, X.Outline);
      Put (W, X.Items);
      Put (W, X.Tags);
      Put_Octet (W, Boolean'Pos (X.Active));
      Put_U64 (W, To_U64 (X.Timestamp));
   end Put;

   procedure Get (R : in out Reader; X : out Bench_Record) is
   begin
      X.Id := To_I32 (Get_U32 (R));
      Get_Str (R, X.Name);
      Get (R, X.Hue);
      Get (R, X.Residence);
      Get (R, X.Outline);
      Get (R, X.Items);
      Get (R, X.Tags);
      X.Active := Get_Boolean (R) = 1;
      X.Timestamp := To_I64 (Get_U64 (R));
   end Get;

   procedure Free (X : in out Bench_Record) is
   begin
      Free_Str (X.Name);
      Free (X.Residence);
      Free (X.Outline);
      Free (X.Items);
      Free (X.Tags);
   end Free;

   procedure Put (W : in out Writer; X : Record_Seq) is
   begin
      --  sequence (CORBA 3.x Part 2, 9.3.2.5): the count, then the elements.
      if X = null then
         Put_U32 (W, 0);
      else
         Put_U32 (W, Unsigned_32 (X'Length));
         for E of X.all loop
            Put (W, E);
         end loop;
      end if;
   end Put;

   procedure Get (R : in out Reader; X : out Record_Seq) is
      --  Every element takes at least 50 octet(s).
      N : constant Natural := Get_Count (R, 50);
   begin
      X := new Record_Seq_Array (0 .. N - 1);
      for E of X.all loop
         exit when R.Err /= OK;
         Get (R, E);
      end loop;
   end Get;

   procedure Free (X : in out Record_Seq) is
   begin
      if X /= null then
         for E of X.all loop
            Free (E);
         end loop;
         Dispose (X);
      end if;
   end Free;

   procedure Put (W : in out Writer; X : Bench_Node_Access) is
   begin
      --  struct (CORBA 3.x Part 2, 9.3.2.2): the members in order.
      Put_Str (W, X.Label);
      Put_U32 (W, To_U32 (X.Weight));
      Put (W, X.Children);
   end Put;

   procedure Get (R : in out Reader; X : out Bench_Node_Access; Depth : Natural) is
   begin
      X := new Bench_Node;
      if Depth > Max_Depth then
         Fail (R, Depth_Exceeded);
         return;
      end if;
      Get_Str (R, X.Label);
      X.Weight := To_I32 (Get_U32 (R));
      Get (R, X.Children, Depth + 1);
   end Get;

   procedure Free (X : in out Bench_Node_Access) is
   begin
      if X = null then
         return;
      end if;
      Free_Str (X.Label);
      Free (X.Children);
      Dispose (X);
   end Free;

   procedure Put (W : in out Writer; X : Node_Seq) is
   begin
      --  sequence (CORBA 3.x Part 2, 9.3.2.5): the count, then the elements.
      if X = null then
         Put_U32 (W, 0);
      else
         Put_U32 (W, Unsigned_32 (X'Length));
         for E of X.all loop
            Put (W, E);
         end loop;
      end if;
   end Put;

   procedure Get (R : in out Reader; X : out Node_Seq; Depth : Natural) is
      --  Every element takes at least 13 octet(s).
      N : constant Natural := Get_Count (R, 13);
   begin
      X := new Node_Seq_Array (0 .. N - 1);
      for E of X.all loop
         exit when R.Err /= OK;
         Get (R, E, Depth);
      end loop;
   end Get;

   procedure Free (X : in out Node_Seq) is
   begin
      if X /= null then
         for E of X.all loop
            Free (E);
         end loop;
         Dispose (X);
      end if;
   end Free;

   procedure Put (W : in out Writer; X : Wide50) is
   begin
      --  struct (CORBA 3.x Part 2, 9.3.2.2): the members in order.
      Put_U32 (W, To_U32 (X.M00));
      Put_U64 (W, X.M01);
      Put_Str (W, X.M02);
      Put_U16 (W, To_U16 (X.M03));
      Put_Octet (W, Boolean'Pos (X.M04));
      Put_U32 (W, X.M05);
      Put_Octet (W, X.M06);
      Put_U64 (W, To_U64 (X.M07));
      Put_U32 (W, X.M08);
      Put_U16 (W, X.M09);
      Put_U32 (W, To_U32 (X.M10));
      Put_U64 (W, X.M11);
      Put_Str (W, X.M12);
      Put_U16 (W, To_U16 (X.M13));
      Put_Octet (W, Boolean'Pos (X.M14));
      Put_U32 (W, X.M15);
      Put_Octet (W, X.M16);
      Put_U64 (W, To_U64 (X.M17));
      Put_U32 (W, X.M18);
      Put_U16 (W, X.M19);
      Put_U32 (W, To_U32 (X.M20));
      Put_U64 (W, X.M21);
      Put_Str (W, X.M22);
      Put_U16 (W, To_U16 (X.M23));
      Put_Octet (W, Boolean'Pos (X.M24));
      Put_U32 (W, X.M25);
      Put_Octet (W, X.M26);
      Put_U64 (W, To_U64 (X.M27));
      Put_U32 (W, X.M28);
      Put_U16 (W, X.M29);
      Put_U32 (W, To_U32 (X.M30));
      Put_U64 (W, X.M31);
      Put_Str (W, X.M32);
      Put_U16 (W, To_U16 (X.M33));
      Put_Octet (W, Boolean'Pos (X.M34));
      Put_U32 (W, X.M35);
      Put_Octet (W, X.M36);
      Put_U64 (W, To_U64 (X.M37));
      Put_U32 (W, X.M38);
      Put_U16 (W, X.M39);
      Put_U32 (W, To_U32 (X.M40));
      Put_U64 (W, X.M41);
      Put_Str (W, X.M42);
      Put_U16 (W, To_U16 (X.M43));
      Put_Octet (W, Boolean'Pos (X.M44));
      Put_U32 (W, X.M45);
      Put_Octet (W, X.M46);
      Put_U64 (W, To_U64 (X.M47));
      Put_U32 (W, X.M48);
      Put_U16 (W, X.M49);
   end Put;

   procedure Get (R : in out Reader; X : out Wide50) is
   begin
      X.M00 := To_I32 (Get_U32 (R));
      X.M01 := Get_U64 (R);
      Get_Str (R, X.M02);
      X.M03 := To_I16 (Get_U16 (R));
      X.M04 := Get_Boolean (R) = 1;
      X.M05 := Get_U32 (R);
      X.M06 := Get_Octet (R);
      X.M07 := To_I64 (Get_U64 (R));
      X.M08 := Get_U32 (R);
      X.M09 := Get_U16 (R);
      X.M10 := To_I32 (Get_U32 (R));
      X.M11 := Get_U64 (R);
      Get_Str (R, X.M12);
      X.M13 := To_I16 (Get_U16 (R));
      X.M14 := Get_Boolean (R) = 1;
      X.M15 := Get_U32 (R);
      X.M16 := Get_Octet (R);
      X.M17 := To_I64 (Get_U64 (R));
      X.M18 := Get_U32 (R);
      X.M19 := Get_U16 (R);
      X.M20 := To_I32 (Get_U32 (R));
      X.M21 := Get_U64 (R);
      Get_Str (R, X.M22);
      X.M23 := To_I16 (Get_U16 (R));
      X.M24 := Get_Boolean (R) = 1;
      X.M25 := Get_U32 (R);
      X.M26 := Get_Octet (R);
      X.M27 := To_I64 (Get_U64 (R));
      X.M28 := Get_U32 (R);
      X.M29 := Get_U16 (R);
      X.M30 := To_I32 (Get_U32 (R));
      X.M31 := Get_U64 (R);
      Get_Str (R, X.M32);
      X.M33 := To_I16 (Get_U16 (R));
      X.M34 := Get_Boolean (R) = 1;
      X.M35 := Get_U32 (R);
      X.M36 := Get_Octet (R);
      X.M37 := To_I64 (Get_U64 (R));
      X.M38 := Get_U32 (R);
      X.M39 := Get_U16 (R);
      X.M40 := To_I32 (Get_U32 (R));
      X.M41 := Get_U64 (R);
      Get_Str (R, X.M42);
      X.M43 := To_I16 (Get_U16 (R));
      X.M44 := Get_Boolean (R) = 1;
      X.M45 := Get_U32 (R);
      X.M46 := Get_Octet (R);
      X.M47 := To_I64 (Get_U64 (R));
      X.M48 := Get_U32 (R);
      X.M49 := Get_U16 (R);
   end Get;

   procedure Free (X : in out Wide50) is
   begin
      Free_Str (X.M02);
      Free_Str (X.M12);
      Free_Str (X.M22);
      Free_Str (X.M32);
      Free_Str (X.M42);
   end Free;

   -------------------------------
   -- From and to value trees   --
   -------------------------------

   procedure Load (V : Value; N : Natural; X : out Color; S : in out Status) is
      E : constant Unsigned_64 := Scalar (V, N, TK_Enum, S);
   begin
      X := Color'First;
      if E > Color'Pos (Color'Last) then
         S := Bad_Value;
      else
         X := Color'Val (E);
      end if;
   end Load;

   procedure Store (V : in out Value; X : Color; T : in out Status) is
   begin
      Sc (V, TK_Enum, Color'Pos (X), T);
   end Store;

   procedure Load (V : Value; N : Natural; X : out Point; S : in out Status) is
   begin
      X := (others => <>);
      if not Is_Agg (V, N, V_Struct, 2) then
         S := Bad_Value;
         return;
      end if;
      X.X := Scalar (V, Child (V, N, 0), TK_Double, S);
      X.Y := Scalar (V, Child (V, N, 1), TK_Double, S);
   end Load;

   procedure Store (V : in out Value; X : Point; T : in out Status) is
   begin
      Open (V, V_Struct, T);
      Sc (V, TK_Double, X.X, T);
      Sc (V, TK_Double, X.Y, T);
      Close (V, T);
   end Store;

   procedure Load (V : Value; N : Natural; X : out Shape; S : in out Status) is
   begin
      X := (Disc => 0, others => <>);
      --  Every discriminator selects a member (there is a default).
      if V.Nodes.Data (N).Shape /= V_Union or else V.Nodes.Data (N).Len /= 2 then
         S := Bad_Value;
         return;
      end if;
      declare
         D : Integer_32;
         M : constant Natural := Child (V, N, 1);
      begin
         D := To_I32 (Unsigned_32 (Scalar (V, Child (V, N, 0), TK_Long, S) and 16#FFFF_FFFF#));
         declare
            T : Shape (D);
         begin
            case D is
               when 1 => T.Radius := Scalar (V, M, TK_Double, S);
               when 2 => Load (V, M, T.Corner, S);
               when 3 | 4 => Load_Str (V, M, T.Label, S);
               when others => T.Code := To_I32 (Unsigned_32 (Scalar (V, M, TK_Long, S) and 16#FFFF_FFFF#));
            end case;
            X := T;
         end;
      end;
   end Load;

   procedure Store (V : in out Value; X : Shape; T : in out Status) is
   begin
      Open (V, V_Union, T);
      Sc (V, TK_Long, Unsigned_64 (To_U32 (X.Disc)), T);
      case X.Disc is
         when 1 => Sc (V, TK_Double, X.Radius, T);
         when 2 => Store (V, X.Corner, T);
         when 3 | 4 => Store_Str (V, X.Label, T);
         when others => Sc (V, TK_Long, Unsigned_64 (To_U32 (X.Code)), T);
      end case;
      Close (V, T);
   end Store;

   procedure Load (V : Value; N : Natural; X : out Address; S : in out Status) is
   begin
      X := (others => <>);
      if not Is_Agg (V, N, V_Struct, 3) then
         S := Bad_Value;
         return;
      end if;
      Load_Str (V, Child (V, N, 0), X.Street, S);
      Load_Str (V, Child (V, N, 1), X.City, S);
      X.Zip := Unsigned_16 (Scalar (V, Child (V, N, 2), TK_UShort, S) and 16#FFFF#);
   end Load;

   procedure Store (V : in out Value; X : Address; T : in out Status) is
   begin
      Open (V, V_Struct, T);
      Store_Str (V, X.Street, T);
      Store_Str (V, X.City, T);
      Sc (V, TK_UShort, Unsigned_64 (X.Zip), T);
      Close (V, T);
   end Store;

   procedure Load (V : Value; N : Natural; X : out Line_Item; S : in out Status) is
   begin
      X := (others => <>);
      if not Is_Agg (V, N, V_Struct, 3) then
         S := Bad_Value;
         return;
      end if;
      Load_Str (V, Child (V, N, 0), X.Sku, S);
      X.Quantity := To_I32 (Unsigned_32 (Scalar (V, Child (V, N, 1), TK_Long, S) and 16#FFFF_FFFF#));
      X.Price := Scalar (V, Child (V, N, 2), TK_Double, S);
   end Load;

   procedure Store (V : in out Value; X : Line_Item; T : in out Status) is
   begin
      Open (V, V_Struct, T);
      Store_Str (V, X.Sku, T);
      Sc (V, TK_Long, Unsigned_64 (To_U32 (X.Quantity)), T);
      Sc (V, TK_Double, X.Price, T);
      Close (V, T);
   end Store;

   procedure Load (V : Value; N : Natural; X : out Line_Item_Seq; S : in out Status) is
      E : Glb.Values.Node renames V.Nodes.Data (N);
   begin
      X := null;
      if E.Shape = V_Seq then
         X := new Line_Item_Seq_Array (0 .. E.Len - 1);
         for I in X'Range loop
            exit when S /= OK;
            Load (V, Child (V, N, I), X (I), S);
         end loop;
      else
         S := Bad_Value;
      end if;
   end Load;

   procedure Store (V : in out Value; X : Line_Item_Seq; T : in out Status) is
   begin
      Open (V, V_Seq, T);
      if X /= null then
         for E of X.all loop
            Store (V, E, T);
         end loop;
      end if;
      Close (V, T);
   end Store;

   procedure Load (V : Value; N : Natural; X : out Long_Seq; S : in out Status) is
      E : Glb.Values.Node renames V.Nodes.Data (N);
   begin
      X := null;
      if E.Shape = V_Prims and then E.Kind = TK_Long then
         X := new Long_Seq_Array (0 .. E.Len - 1);
         for I in X'Range loop
            X (I) := To_I32 (Unsigned_32 (Pool_Bits (V, E.Off + 4 * I, 4) and 16#FFFF_FFFF#));
         end loop;
      elsif E.Shape = V_Seq then
         X := new Long_Seq_Array (0 .. E.Len - 1);
         for I in X'Range loop
            exit when S /= OK;
            X (I) := To_I32 (Unsigned_32 (Scalar (V, Child (V, N, I), TK_Long, S) and 16#FFFF_FFFF#));
         end loop;
      else
         S := Bad_Value;
      end if;
   end Load;

   procedure Store (V : in out Value; X : Long_Seq; T : in out Status) is
   begin
      if X = null or else X'Length = 0 then
         Prims (V, TK_Long, System.Null_Address, 0, 0, T);
      else
         Prims (V, TK_Long, X (X'First)'Address, 4 * X'Length, X'Length, T);
      end if;
   end Store;

   procedure Load (V : Value; N : Natural; X : out Bench_Record; S : in out Status) is
   begin
      X := (others => <>);
      if not Is_Agg (V, N, V_Struct, 9) then
         S := Bad_Value;
         return;
      end if;
      X.Id := To_I32 (Unsigned_32 (Scalar (V, Child (V, N, 0), TK_Long, S) and 16#FFFF_FFFF#));
      Load_Str (V, Child (V, N, 1), X.Name, S);
      Load (V, Child (V, N, 2), X.Hue, S);
      Load (V, Child (V, N, 3), X.Residence, S);
      Load (V, Child (V, N, 4), X.Outline, S);
      Load (V, Child (V, N, 5), X.Items, S);
      Load (V, Child (V, N, 6), X.Tags, S);
      X.Active := Scalar (V, Child (V, N, 7), TK_Boolean, S) /= 0;
      X.Timestamp := To_I64 (Scalar (V, Child (V, N, 8), TK_LongLong, S));
   end Load;

   procedure Store (V : in out Value; X : Bench_Record; T : in out Status) is
   begin
      Open (V, V_Struct, T);
      Sc (V, TK_Long, Unsigned_64 (To_U32 (X.Id)), T);
      Store_Str (V, X.Name, T);
      Store (V, X.Hue, T);
      Store (V, X.Residence, T);
      Store (V, X.Outline, T);
      Store (V, X.Items, T);
      Store (V, X.Tags, T);
      Sc (V, TK_Boolean, Boolean'Pos (X.Active), T);
      Sc (V, TK_LongLong, To_U64 (X.Timestamp), T);
      Close (V, T);
   end Store;

   procedure Load (V : Value; N : Natural; X : out Record_Seq; S : in out Status) is
      E : Glb.Values.Node renames V.Nodes.Data (N);
   begin
      X := null;
      if E.Shape = V_Seq then
         X := new Record_Seq_Array (0 .. E.Len - 1);
         for I in X'Range loop
            exit when S /= OK;
            Load (V, Child (V, N, I), X (I), S);
         end loop;
      else
         S := Bad_Value;
      end if;
   end Load;

   procedure Store (V : in out Value; X : Record_Seq; T : in out Status) is
   begin
      Open (V, V_Seq, T);
      if X /= null then
         for E of X.all loop
            Store (V, E, T);
         end loop;
      end if;
      Close (V, T);
   end Store;

   procedure Load (V : Value; N : Natural; X : out Bench_Node_Access; S : in out Status;
      Depth : Natural) is
   begin
      X := new Bench_Node;
      if Depth > Max_Depth then
         S := Depth_Exceeded;
         return;
      end if;
      if not Is_Agg (V, N, V_Struct, 3) then
         S := Bad_Value;
         return;
      end if;
      Load_Str (V, Child (V, N, 0), X.Label, S);
      X.Weight := To_I32 (Unsigned_32 (Scalar (V, Child (V, N, 1), TK_Long, S) and 16#FFFF_FFFF#));
      Load (V, Child (V, N, 2), X.Children, S, Depth + 1);
   end Load;

   procedure Store (V : in out Value; X : Bench_Node_Access; T : in out Status) is
   begin
      Open (V, V_Struct, T);
      Store_Str (V, X.Label, T);
      Sc (V, TK_Long, Unsigned_64 (To_U32 (X.Weight)), T);
      Store (V, X.Children, T);
      Close (V, T);
   end Store;

   procedure Load (V : Value; N : Natural; X : out Node_Seq; S : in out Status; Depth : Natural) is
      E : Glb.Values.Node renames V.Nodes.Data (N);
   begin
      X := null;
      if E.Shape = V_Seq then
         X := new Node_Seq_Array (0 .. E.Len - 1);
         for I in X'Range loop
            exit when S /= OK;
            Load (V, Child (V, N, I), X (I), S, Depth);
         end loop;
      else
         S := Bad_Value;
      end if;
   end Load;

   procedure Store (V : in out Value; X : Node_Seq; T : in out Status) is
   begin
      Open (V, V_Seq, T);
      if X /= null then
         for E of X.all loop
            Store (V, E, T);
         end loop;
      end if;
      Close (V, T);
   end Store;

   procedure Load (V : Value; N : Natural; X : out Wide50; S : in out Status) is
   begin
      X := (others => <>);
      if not Is_Agg (V, N, V_Struct, 50) then
         S := Bad_Value;
         return;
      end if;
      X.M00 := To_I32 (Unsigned_32 (Scalar (V, Child (V, N, 0), TK_Long, S) and 16#FFFF_FFFF#));
      X.M01 := Scalar (V, Child (V, N, 1), TK_Double, S);
      Load_Str (V, Child (V, N, 2), X.M02, S);
      X.M03 := To_I16 (Unsigned_16 (Scalar (V, Child (V, N, 3), TK_Short, S) and 16#FFFF#));
      X.M04 := Scalar (V, Child (V, N, 4), TK_Boolean, S) /= 0;
      X.M05 := Unsigned_32 (Scalar (V, Child (V, N, 5), TK_ULong, S) and 16#FFFF_FFFF#);
      X.M06 := Octet (Scalar (V, Child (V, N, 6), TK_Octet, S) and 16#FF#);
      X.M07 := To_I64 (Scalar (V, Child (V, N, 7), TK_LongLong, S));
      X.M08 := Unsigned_32 (Scalar (V, Child (V, N, 8), TK_Float, S) and 16#FFFF_FFFF#);
      X.M09 := Unsigned_16 (Scalar (V, Child (V, N, 9), TK_UShort, S) and 16#FFFF#);
      X.M10 := To_I32 (Unsigned_32 (Scalar (V, Child (V, N, 10), TK_Long, S) and 16#FFFF_FFFF#));
      X.M11 := Scalar (V, Child (V, N, 11), TK_Double, S);
      Load_Str (V, Child (V, N, 12), X.M12, S);
      X.M13 := To_I16 (Unsigned_16 (Scalar (V, Child (V, N, 13), TK_Short, S) and 16#FFFF#));
      X.M14 := Scalar (V, Child (V, N, 14), TK_Boolean, S) /= 0;
      X.M15 := Unsigned_32 (Scalar (V, Child (V, N, 15), TK_ULong, S) and 16#FFFF_FFFF#);
      X.M16 := Octet (Scalar (V, Child (V, N, 16), TK_Octet, S) and 16#FF#);
      X.M17 := To_I64 (Scalar (V, Child (V, N, 17), TK_LongLong, S));
      X.M18 := Unsigned_32 (Scalar (V, Child (V, N, 18), TK_Float, S) and 16#FFFF_FFFF#);
      X.M19 := Unsigned_16 (Scalar (V, Child (V, N, 19), TK_UShort, S) and 16#FFFF#);
      X.M20 := To_I32 (Unsigned_32 (Scalar (V, Child (V, N, 20), TK_Long, S) and 16#FFFF_FFFF#));
      X.M21 := Scalar (V, Child (V, N, 21), TK_Double, S);
      Load_Str (V, Child (V, N, 22), X.M22, S);
      X.M23 := To_I16 (Unsigned_16 (Scalar (V, Child (V, N, 23), TK_Short, S) and 16#FFFF#));
      X.M24 := Scalar (V, Child (V, N, 24), TK_Boolean, S) /= 0;
      X.M25 := Unsigned_32 (Scalar (V, Child (V, N, 25), TK_ULong, S) and 16#FFFF_FFFF#);
      X.M26 := Octet (Scalar (V, Child (V, N, 26), TK_Octet, S) and 16#FF#);
      X.M27 := To_I64 (Scalar (V, Child (V, N, 27), TK_LongLong, S));
      X.M28 := Unsigned_32 (Scalar (V, Child (V, N, 28), TK_Float, S) and 16#FFFF_FFFF#);
      X.M29 := Unsigned_16 (Scalar (V, Child (V, N, 29), TK_UShort, S) and 16#FFFF#);
      X.M30 := To_I32 (Unsigned_32 (Scalar (V, Child (V, N, 30), TK_Long, S) and 16#FFFF_FFFF#));
      X.M31 := Scalar (V, Child (V, N, 31), TK_Double, S);
      Load_Str (V, Child (V, N, 32), X.M32, S);
      X.M33 := To_I16 (Unsigned_16 (Scalar (V, Child (V, N, 33), TK_Short, S) and 16#FFFF#));
      X.M34 := Scalar (V, Child (V, N, 34), TK_Boolean, S) /= 0;
      X.M35 := Unsigned_32 (Scalar (V, Child (V, N, 35), TK_ULong, S) and 16#FFFF_FFFF#);
      X.M36 := Octet (Scalar (V, Child (V, N, 36), TK_Octet, S) and 16#FF#);
      X.M37 := To_I64 (Scalar (V, Child (V, N, 37), TK_LongLong, S));
      X.M38 := Unsigned_32 (Scalar (V, Child (V, N, 38), TK_Float, S) and 16#FFFF_FFFF#);
      X.M39 := Unsigned_16 (Scalar (V, Child (V, N, 39), TK_UShort, S) and 16#FFFF#);
      X.M40 := To_I32 (Unsigned_32 (Scalar (V, Child (V, N, 40), TK_Long, S) and 16#FFFF_FFFF#));
      X.M41 := Scalar (V, Child (V, N, 41), TK_Double, S);
      Load_Str (V, Child (V, N, 42), X.M42, S);
      X.M43 := To_I16 (Unsigned_16 (Scalar (V, Child (V, N, 43), TK_Short, S) and 16#FFFF#));
      X.M44 := Scalar (V, Child (V, N, 44), TK_Boolean, S) /= 0;
      X.M45 := Unsigned_32 (Scalar (V, Child (V, N, 45), TK_ULong, S) and 16#FFFF_FFFF#);
      X.M46 := Octet (Scalar (V, Child (V, N, 46), TK_Octet, S) and 16#FF#);
      X.M47 := To_I64 (Scalar (V, Child (V, N, 47), TK_LongLong, S));
      X.M48 := Unsigned_32 (Scalar (V, Child (V, N, 48), TK_Float, S) and 16#FFFF_FFFF#);
      X.M49 := Unsigned_16 (Scalar (V, Child (V, N, 49), TK_UShort, S) and 16#FFFF#);
   end Load;

   procedure Store (V : in out Value; X : Wide50; T : in out Status) is
   begin
      Open (V, V_Struct, T);
      Sc (V, TK_Long, Unsigned_64 (To_U32 (X.M00)), T);
      Sc (V, TK_Double, X.M01, T);
      Store_Str (V, X.M02, T);
      Sc (V, TK_Short, Unsigned_64 (To_U16 (X.M03)), T);
      Sc (V, TK_Boolean, Boolean'Pos (X.M04), T);
      Sc (V, TK_ULong, Unsigned_64 (X.M05), T);
      Sc (V, TK_Octet, Unsigned_64 (X.M06), T);
      Sc (V, TK_LongLong, To_U64 (X.M07), T);
      Sc (V, TK_Float, Unsigned_64 (X.M08), T);
      Sc (V, TK_UShort, Unsigned_64 (X.M09), T);
      Sc (V, TK_Long, Unsigned_64 (To_U32 (X.M10)), T);
      Sc (V, TK_Double, X.M11, T);
      Store_Str (V, X.M12, T);
      Sc (V, TK_Short, Unsigned_64 (To_U16 (X.M13)), T);
      Sc (V, TK_Boolean, Boolean'Pos (X.M14), T);
      Sc (V, TK_ULong, Unsigned_64 (X.M15), T);
      Sc (V, TK_Octet, Unsigned_64 (X.M16), T);
      Sc (V, TK_LongLong, To_U64 (X.M17), T);
      Sc (V, TK_Float, Unsigned_64 (X.M18), T);
      Sc (V, TK_UShort, Unsigned_64 (X.M19), T);
      Sc (V, TK_Long, Unsigned_64 (To_U32 (X.M20)), T);
      Sc (V, TK_Double, X.M21, T);
      Store_Str (V, X.M22, T);
      Sc (V, TK_Short, Unsigned_64 (To_U16 (X.M23)), T);
      Sc (V, TK_Boolean, Boolean'Pos (X.M24), T);
      Sc (V, TK_ULong, Unsigned_64 (X.M25), T);
      Sc (V, TK_Octet, Unsigned_64 (X.M26), T);
      Sc (V, TK_LongLong, To_U64 (X.M27), T);
      Sc (V, TK_Float, Unsigned_64 (X.M28), T);
      Sc (V, TK_UShort, Unsigned_64 (X.M29), T);
      Sc (V, TK_Long, Unsigned_64 (To_U32 (X.M30)), T);
      Sc (V, TK_Double, X.M31, T);
      Store_Str (V, X.M32, T);
      Sc (V, TK_Short, Unsigned_64 (To_U16 (X.M33)), T);
      Sc (V, TK_Boolean, Boolean'Pos (X.M34), T);
      Sc (V, TK_ULong, Unsigned_64 (X.M35), T);
      Sc (V, TK_Octet, Unsigned_64 (X.M36), T);
      Sc (V, TK_LongLong, To_U64 (X.M37), T);
      Sc (V, TK_Float, Unsigned_64 (X.M38), T);
      Sc (V, TK_UShort, Unsigned_64 (X.M39), T);
      Sc (V, TK_Long, Unsigned_64 (To_U32 (X.M40)), T);
      Sc (V, TK_Double, X.M41, T);
      Store_Str (V, X.M42, T);
      Sc (V, TK_Short, Unsigned_64 (To_U16 (X.M43)), T);
      Sc (V, TK_Boolean, Boolean'Pos (X.M44), T);
      Sc (V, TK_ULong, Unsigned_64 (X.M45), T);
      Sc (V, TK_Octet, Unsigned_64 (X.M46), T);
      Sc (V, TK_LongLong, To_U64 (X.M47), T);
      Sc (V, TK_Float, Unsigned_64 (X.M48), T);
      Sc (V, TK_UShort, Unsigned_64 (X.M49), T);
      Close (V, T);
   end Store;

   function Kind_Of (Id : Octet_Array) return Type_Kind is
      function Matches (Full : String) return Boolean is
      begin
         if Id'Length /= Full'Length then
            return False;
         end if;
         for I in 0 .. Full'Length - 1 loop
            if Id (Id'First + I) /= Character'Pos (Full (Full'First + I)) then
               return False;
            end if;
         end loop;
         return True;
      end Matches;
   begin
      if Matches ("IDL:giopbench.org/Bench/Color:1.0") then
         return K_Color;
      elsif Matches ("IDL:giopbench.org/Bench/Point:1.0") then
         return K_Point;
      elsif Matches ("IDL:giopbench.org/Bench/Shape:1.0") then
         return K_Shape;
      elsif Matches ("IDL:giopbench.org/Bench/Address:1.0") then
         return K_Address;
      elsif Matches ("IDL:giopbench.org/Bench/LineItem:1.0") then
         return K_Line_Item;
      elsif Matches ("IDL:giopbench.org/Bench/LineItemSeq:1.0") then
         return K_Line_Item_Seq;
      elsif Matches ("IDL:giopbench.org/Bench/LongSeq:1.0") then
         return K_Long_Seq;
      elsif Matches ("IDL:giopbench.org/Bench/Record:1.0") then
         return K_Bench_Record;
      elsif Matches ("IDL:giopbench.org/Bench/RecordSeq:1.0") then
         return K_Record_Seq;
      elsif Matches ("IDL:giopbench.org/Bench/Node:1.0") then
         return K_Bench_Node;
      elsif Matches ("IDL:giopbench.org/Bench/NodeSeq:1.0") then
         return K_Node_Seq;
      elsif Matches ("IDL:giopbench.org/Bench/Wide50:1.0") then
         return K_Wide50;
      else
         return None;
      end if;
   end Kind_Of;

   procedure Free_Contents (X : in out Static_Value) is
   begin
      Free (X.Shape_Value);
      Free (X.Address_Value);
      Free (X.Line_Item_Value);
      Free (X.Line_Item_Seq_Value);
      Free (X.Long_Seq_Value);
      Free (X.Bench_Record_Value);
      Free (X.Record_Seq_Value);
      Free (X.Bench_Node_Value);
      Free (X.Node_Seq_Value);
      Free (X.Wide50_Value);
      X.Kind := None;
   end Free_Contents;

   procedure Encode (X : Static_Value; W : in out Writer; S : out Status) is
   begin
      S := OK;
      case X.Kind is
         when None => S := Bad_Argument;
         when K_Color => Put (W, X.Color_Value);
         when K_Point => Put (W, X.Point_Value);
         when K_Shape => Put (W, X.Shape_Value);
         when K_Address => Put (W, X.Address_Value);
         when K_Line_Item => Put (W, X.Line_Item_Value);
         when K_Line_Item_Seq => Put (W, X.Line_Item_Seq_Value);
         when K_Long_Seq => Put (W, X.Long_Seq_Value);
         when K_Bench_Record => Put (W, X.Bench_Record_Value);
         when K_Record_Seq => Put (W, X.Record_Seq_Value);
         when K_Bench_Node => Put (W, X.Bench_Node_Value);
         when K_Node_Seq => Put (W, X.Node_Seq_Value);
         when K_Wide50 => Put (W, X.Wide50_Value);
      end case;
   end Encode;

   procedure Decode (X : in out Static_Value; Kind : Type_Kind; R : in out Reader) is
   begin
      Free_Contents (X);
      X.Kind := Kind;
      case Kind is
         when None => Fail (R, Unsupported);
         when K_Color => Get (R, X.Color_Value);
         when K_Point => Get (R, X.Point_Value);
         when K_Shape => Get (R, X.Shape_Value);
         when K_Address => Get (R, X.Address_Value);
         when K_Line_Item => Get (R, X.Line_Item_Value);
         when K_Line_Item_Seq => Get (R, X.Line_Item_Seq_Value);
         when K_Long_Seq => Get (R, X.Long_Seq_Value);
         when K_Bench_Record => Get (R, X.Bench_Record_Value);
         when K_Record_Seq => Get (R, X.Record_Seq_Value);
         when K_Bench_Node => Get (R, X.Bench_Node_Value, 0);
         when K_Node_Seq => Get (R, X.Node_Seq_Value, 0);
         when K_Wide50 => Get (R, X.Wide50_Value);
      end case;
   end Decode;

   procedure Load (X : in out Static_Value; Kind : Type_Kind; V : Value; S : out Status) is
   begin
      Free_Contents (X);
      S := OK;
      if V.Root < 0 then
         S := Bad_Argument;
         return;
      end if;
      X.Kind := Kind;
      case Kind is
         when None => S := Unsupported;
         when K_Color => Load (V, V.Root, X.Color_Value, S);
         when K_Point => Load (V, V.Root, X.Point_Value, S);
         when K_Shape => Load (V, V.Root, X.Shape_Value, S);
         when K_Address => Load (V, V.Root, X.Address_Value, S);
         when K_Line_Item => Load (V, V.Root, X.Line_Item_Value, S);
         when K_Line_Item_Seq => Load (V, V.Root, X.Line_Item_Seq_Value, S);
         when K_Long_Seq => Load (V, V.Root, X.Long_Seq_Value, S);
         when K_Bench_Record => Load (V, V.Root, X.Bench_Record_Value, S);
         when K_Record_Seq => Load (V, V.Root, X.Record_Seq_Value, S);
         when K_Bench_Node => Load (V, V.Root, X.Bench_Node_Value, S, 0);
         when K_Node_Seq => Load (V, V.Root, X.Node_Seq_Value, S, 0);
         when K_Wide50 => Load (V, V.Root, X.Wide50_Value, S);
      end case;
   end Load;

   procedure Store (X : Static_Value; V : in out Value; S : out Status) is
   begin
      Clear (V);
      S := OK;
      case X.Kind is
         when None => S := Bad_Argument;
         when K_Color => Store (V, X.Color_Value, S);
         when K_Point => Store (V, X.Point_Value, S);
         when K_Shape => Store (V, X.Shape_Value, S);
         when K_Address => Store (V, X.Address_Value, S);
         when K_Line_Item => Store (V, X.Line_Item_Value, S);
         when K_Line_Item_Seq => Store (V, X.Line_Item_Seq_Value, S);
         when K_Long_Seq => Store (V, X.Long_Seq_Value, S);
         when K_Bench_Record => Store (V, X.Bench_Record_Value, S);
         when K_Record_Seq => Store (V, X.Record_Seq_Value, S);
         when K_Bench_Node => Store (V, X.Bench_Node_Value, S);
         when K_Node_Seq => Store (V, X.Node_Seq_Value, S);
         when K_Wide50 => Store (V, X.Wide50_Value, S);
      end case;
   end Store;
end Glb.Corpus;
