use crate::ByteOrder;

/// A fixed-size numeric CDR primitive whose size equals its alignment
/// (§9.3.1.1, Table 9-1): octet, short, long, long long, their unsigned
/// forms, float and double (IEEE 754, §9.3.1.3).
///
/// `bytemuck::Pod` lets bulk sequences in native byte order be one copy;
/// the other order goes through [`Primitive::swap`] in a loop the compiler
/// vectorises.
pub trait Primitive: bytemuck::Pod + PartialEq + core::fmt::Debug + Default {
    /// Size in octets, which is also the alignment.
    const SIZE: usize;
    /// The value with its bytes reversed.
    fn swap(self) -> Self;
    /// Decodes `SIZE` bytes in native order. `bytes.len() == SIZE`.
    fn from_native(bytes: &[u8]) -> Self;

    /// Decodes `SIZE` bytes in `order`.
    #[inline(always)]
    fn from_order(bytes: &[u8], order: ByteOrder) -> Self {
        let v = Self::from_native(bytes);
        if order.is_native() {
            v
        } else {
            v.swap()
        }
    }

    /// The value as it must be laid out in native memory to read as `order`.
    #[inline(always)]
    fn to_order(self, order: ByteOrder) -> Self {
        if order.is_native() {
            self
        } else {
            self.swap()
        }
    }
}

macro_rules! int_primitive {
    ($($t:ty),*) => {$(
        impl Primitive for $t {
            const SIZE: usize = core::mem::size_of::<$t>();
            #[inline(always)]
            fn swap(self) -> Self {
                self.swap_bytes()
            }
            #[inline(always)]
            fn from_native(bytes: &[u8]) -> Self {
                let mut a = [0u8; core::mem::size_of::<$t>()];
                a.copy_from_slice(bytes);
                <$t>::from_ne_bytes(a)
            }
        }
    )*};
}
int_primitive!(u8, i8, u16, i16, u32, i32, u64, i64);

macro_rules! float_primitive {
    ($($t:ty => $bits:ty),*) => {$(
        impl Primitive for $t {
            const SIZE: usize = core::mem::size_of::<$t>();
            #[inline(always)]
            fn swap(self) -> Self {
                <$t>::from_bits(self.to_bits().swap_bytes())
            }
            #[inline(always)]
            fn from_native(bytes: &[u8]) -> Self {
                <$t>::from_bits(<$bits as Primitive>::from_native(bytes))
            }
        }
    )*};
}
float_primitive!(f32 => u32, f64 => u64);

/// An IDL `long double`: IEEE 754 binary128, 16 octets aligned on 8
/// (§9.3.1.1 Table 9-1, §9.3.1.3). Rust has no such float; the value is kept
/// as its 128 bits so it round-trips exactly.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub struct LongDouble(pub u128);
