use crate::ErrorKind;

/// Most digits an IDL `fixed` may have (§7.4.1.4.4 of the IDL chapter,
/// and §9.3.2.8).
pub const MAX_FIXED_DIGITS: u16 = 31;

/// An IDL `fixed<digits, scale>` value: `mantissa × 10^-scale`, with
/// `|mantissa| < 10^digits`. Validated on construction so that writing it
/// cannot fail.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Fixed {
    mantissa: i128,
    digits: u16,
    scale: u16,
}

impl Fixed {
    /// `None` when `digits > 31`, `scale > digits` or the mantissa has more
    /// than `digits` decimal digits.
    pub fn new(mantissa: i128, digits: u16, scale: u16) -> Option<Fixed> {
        if digits > MAX_FIXED_DIGITS || scale > digits {
            return None;
        }
        if mantissa.unsigned_abs() >= 10u128.pow(u32::from(digits)) {
            return None;
        }
        Some(Fixed {
            mantissa,
            digits,
            scale,
        })
    }

    pub fn mantissa(&self) -> i128 {
        self.mantissa
    }
    pub fn digits(&self) -> u16 {
        self.digits
    }
    pub fn scale(&self) -> u16 {
        self.scale
    }

    /// Octets on the wire: `digits + 1` nibbles (the last one is the sign)
    /// rounded up to whole octets (§9.3.2.8).
    pub fn encoded_len(digits: u16) -> usize {
        usize::from(digits) / 2 + 1
    }

    /// Packed decimal, most significant digit first, sign in the last nibble
    /// (0xC positive, 0xD negative); an even digit count gets a leading zero
    /// nibble (§9.3.2.8).
    pub(crate) fn write_packed(&self, out: &mut [u8]) {
        let n = out.len();
        let nibbles = 2 * n;
        let mut magnitude = self.mantissa.unsigned_abs();
        out.fill(0);
        out[n - 1] = if self.mantissa < 0 { 0x0D } else { 0x0C };
        // Digit i counted from the least significant lives in nibble
        // `nibbles - 2 - i`.
        for i in 0..usize::from(self.digits) {
            let digit = (magnitude % 10) as u8;
            magnitude /= 10;
            let nib = nibbles - 2 - i;
            if nib % 2 == 0 {
                out[nib / 2] |= digit << 4;
            } else {
                out[nib / 2] |= digit;
            }
        }
    }

    /// Decodes `Fixed::encoded_len(digits)` octets.
    pub(crate) fn read_packed(bytes: &[u8], digits: u16, scale: u16) -> Result<Fixed, ErrorKind> {
        if digits > MAX_FIXED_DIGITS || scale > digits {
            return Err(ErrorKind::FixedTooManyDigits(digits));
        }
        let n = bytes.len();
        let sign = bytes[n - 1] & 0x0F;
        let negative = match sign {
            0x0C => false,
            0x0D => true,
            s => return Err(ErrorKind::InvalidFixedSign(s)),
        };
        let nibbles = 2 * n - 1; // without the sign
        let first_digit = nibbles - usize::from(digits); // 0 or 1 (the pad nibble)
        let mut magnitude: u128 = 0;
        for nib in 0..nibbles {
            let byte = bytes[nib / 2];
            let d = if nib % 2 == 0 { byte >> 4 } else { byte & 0x0F };
            if d > 9 || (nib < first_digit && d != 0) {
                return Err(ErrorKind::InvalidFixedDigit(d));
            }
            magnitude = magnitude * 10 + u128::from(d);
        }
        // At most 31 digits, so the magnitude fits an i128.
        let m = magnitude as i128;
        Ok(Fixed {
            mantissa: if negative { -m } else { m },
            digits,
            scale,
        })
    }
}

impl core::fmt::Display for Fixed {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        let mag = self.mantissa.unsigned_abs().to_string();
        let scale = usize::from(self.scale);
        let sign = if self.mantissa < 0 { "-" } else { "" };
        if scale == 0 {
            return write!(f, "{sign}{mag}");
        }
        let padded = format!("{mag:0>width$}", width = scale + 1);
        let (int, frac) = padded.split_at(padded.len() - scale);
        write!(f, "{sign}{int}.{frac}")
    }
}
