//! Constant expressions, fully evaluated (CORBA 3.x Part 1 §7.4.2
//! "Constant Declaration"): integer expressions in 128-bit arithmetic with
//! overflow checked, floating-point in `f64`, fixed-point exactly, and the
//! result checked against the range of the declared type.

use crate::ast::*;
use crate::error::Result;
use crate::sema::{Decl, DeclKind, Found, Sema, Type};

/// A constant's value.
#[derive(Clone, Debug, PartialEq)]
pub enum ConstValue {
    Int(i128),
    Float(f64),
    /// `mantissa × 10^-scale`.
    Fixed {
        mantissa: i128,
        scale: u32,
    },
    Bool(bool),
    Char(u8),
    WChar(u32),
    Str(String),
    WStr(String),
    /// An enumerator: the enum's declaration and the ordinal.
    Enum {
        enum_decl: usize,
        ordinal: u32,
    },
}

/// Follows typedefs to the type they name.
pub fn unalias(decls: &[Decl], t: &Type) -> Type {
    let mut t = t.clone();
    for _ in 0..256 {
        match &t {
            Type::Named(d) => match &decls[*d].kind {
                DeclKind::Typedef { ty } => t = ty.clone(),
                _ => return t,
            },
            _ => return t,
        }
    }
    t
}

#[derive(Clone, Debug, PartialEq)]
enum V {
    Int(i128),
    Float(f64),
    Fixed(i128, u32),
    Bool(bool),
    Char(u32),
    WChar(u32),
    Str(String),
    WStr(String),
    Enum(usize, u32),
}

const MAX_DEPTH: usize = 200;

fn pow10(n: u32) -> Option<i128> {
    10i128.checked_pow(n)
}

fn digits_of(mut m: i128) -> u32 {
    let mut n = 0;
    while m != 0 {
        m /= 10;
        n += 1;
    }
    n
}

/// Removes trailing zero digits after the point.
fn normalize(mut m: i128, mut s: u32) -> (i128, u32) {
    while s > 0 && m % 10 == 0 {
        m /= 10;
        s -= 1;
    }
    (m, s)
}

fn parse_fixed(text: &str) -> Option<(i128, u32)> {
    let (int, frac) = match text.split_once('.') {
        Some((a, b)) => (a, b),
        None => (text, ""),
    };
    let digits = format!("{int}{frac}");
    let digits = digits.trim_start_matches('0');
    if digits.len() > 31 {
        return None;
    }
    let m: i128 = if digits.is_empty() {
        0
    } else {
        digits.parse().ok()?
    };
    Some((m, frac.len() as u32))
}

fn eval(s: &Sema<'_>, e: &ConstExpr, depth: usize) -> Result<V> {
    if depth > MAX_DEPTH {
        return Err(s.err(e.at, "constant expression nested too deeply"));
    }
    let overflow = || s.err(e.at, "integer overflow in constant expression");
    Ok(match &e.kind {
        ExprKind::Int(v) => V::Int(i128::try_from(*v).map_err(|_| overflow())?),
        ExprKind::Float(t) => V::Float(
            t.parse()
                .map_err(|_| s.err(e.at, format!("bad floating-point literal {t}")))?,
        ),
        ExprKind::Fixed(t) => {
            let (m, sc) = parse_fixed(t)
                .ok_or_else(|| s.err(e.at, "fixed-point literal with more than 31 digits"))?;
            V::Fixed(m, sc)
        }
        ExprKind::Str(v) => V::Str(v.clone()),
        ExprKind::WStr(v) => V::WStr(v.clone()),
        ExprKind::Char(c) => V::Char(*c),
        ExprKind::WChar(c) => V::WChar(*c),
        ExprKind::Bool(b) => V::Bool(*b),
        ExprKind::Name(n) => match s.lookup(n)? {
            Found::Decl(d) => match &s.decls[d].kind {
                DeclKind::Const { value, .. } => match value {
                    ConstValue::Int(v) => V::Int(*v),
                    ConstValue::Float(v) => V::Float(*v),
                    ConstValue::Fixed { mantissa, scale } => V::Fixed(*mantissa, *scale),
                    ConstValue::Bool(b) => V::Bool(*b),
                    ConstValue::Char(c) => V::Char(u32::from(*c)),
                    ConstValue::WChar(c) => V::WChar(*c),
                    ConstValue::Str(v) => V::Str(v.clone()),
                    ConstValue::WStr(v) => V::WStr(v.clone()),
                    ConstValue::Enum { enum_decl, ordinal } => V::Enum(*enum_decl, *ordinal),
                },
                DeclKind::Enumerator { enum_decl, ordinal } => V::Enum(*enum_decl, *ordinal),
                _ => return Err(s.err(n.at, format!("'{n}' is not a constant"))),
            },
            Found::Builtin(_) => return Err(s.err(n.at, format!("'{n}' is not a constant"))),
        },
        ExprKind::Unary(op, x) => {
            let v = eval(s, x, depth + 1)?;
            match (op, v) {
                (UnaryOp::Plus, v @ (V::Int(_) | V::Float(_) | V::Fixed(..))) => v,
                (UnaryOp::Neg, V::Int(v)) => V::Int(v.checked_neg().ok_or_else(overflow)?),
                (UnaryOp::Neg, V::Float(v)) => V::Float(-v),
                (UnaryOp::Neg, V::Fixed(m, sc)) => V::Fixed(-m, sc),
                (UnaryOp::Not, V::Int(v)) => V::Int(!v),
                (op, v) => {
                    return Err(s.err(e.at, format!("operator {op:?} does not apply to {v:?}")))
                }
            }
        }
        ExprKind::Binary(op, a, b) => {
            let a = eval(s, a, depth + 1)?;
            let b = eval(s, b, depth + 1)?;
            binary(s, e.at, *op, a, b)?
        }
    })
}

fn binary(s: &Sema<'_>, at: usize, op: BinOp, a: V, b: V) -> Result<V> {
    let overflow = || s.err(at, "overflow in constant expression");
    let divzero = || s.err(at, "division by zero in constant expression");
    Ok(match (a, b) {
        (V::Int(x), V::Int(y)) => V::Int(match op {
            BinOp::Or => x | y,
            BinOp::Xor => x ^ y,
            BinOp::And => x & y,
            BinOp::Shl => {
                if !(0..64).contains(&y) {
                    return Err(s.err(at, format!("shift by {y} (must be 0 to 63)")));
                }
                x.checked_shl(y as u32).ok_or_else(overflow)?
            }
            BinOp::Shr => {
                if !(0..64).contains(&y) {
                    return Err(s.err(at, format!("shift by {y} (must be 0 to 63)")));
                }
                x >> y
            }
            BinOp::Add => x.checked_add(y).ok_or_else(overflow)?,
            BinOp::Sub => x.checked_sub(y).ok_or_else(overflow)?,
            BinOp::Mul => x.checked_mul(y).ok_or_else(overflow)?,
            BinOp::Div => x.checked_div(y).ok_or_else(divzero)?,
            BinOp::Mod => x.checked_rem(y).ok_or_else(divzero)?,
        }),
        (V::Float(x), V::Float(y)) => float_op(s, at, op, x, y)?,
        (V::Float(x), V::Int(y)) => float_op(s, at, op, x, y as f64)?,
        (V::Int(x), V::Float(y)) => float_op(s, at, op, x as f64, y)?,
        (V::Fixed(xm, xs), V::Fixed(ym, ys)) => fixed_op(s, at, op, (xm, xs), (ym, ys))?,
        (V::Fixed(xm, xs), V::Int(y)) => fixed_op(s, at, op, (xm, xs), (y, 0))?,
        (V::Int(x), V::Fixed(ym, ys)) => fixed_op(s, at, op, (x, 0), (ym, ys))?,
        (a, b) => {
            return Err(s.err(
                at,
                format!(
                    "operator '{}' does not apply to {a:?} and {b:?}",
                    op.symbol()
                ),
            ))
        }
    })
}

fn float_op(s: &Sema<'_>, at: usize, op: BinOp, x: f64, y: f64) -> Result<V> {
    Ok(V::Float(match op {
        BinOp::Add => x + y,
        BinOp::Sub => x - y,
        BinOp::Mul => x * y,
        BinOp::Div => {
            if y == 0.0 {
                return Err(s.err(at, "division by zero in constant expression"));
            }
            x / y
        }
        _ => {
            return Err(s.err(
                at,
                format!(
                    "operator '{}' does not apply to floating point",
                    op.symbol()
                ),
            ))
        }
    }))
}

fn fixed_op(s: &Sema<'_>, at: usize, op: BinOp, a: (i128, u32), b: (i128, u32)) -> Result<V> {
    let overflow = || s.err(at, "fixed-point overflow (more than 31 digits)");
    let (m, sc) = match op {
        BinOp::Add | BinOp::Sub => {
            let sc = a.1.max(b.1);
            let x =
                a.0.checked_mul(pow10(sc - a.1).ok_or_else(overflow)?)
                    .ok_or_else(overflow)?;
            let y =
                b.0.checked_mul(pow10(sc - b.1).ok_or_else(overflow)?)
                    .ok_or_else(overflow)?;
            let m = if op == BinOp::Add {
                x.checked_add(y)
            } else {
                x.checked_sub(y)
            };
            (m.ok_or_else(overflow)?, sc)
        }
        BinOp::Mul => (a.0.checked_mul(b.0).ok_or_else(overflow)?, a.1 + b.1),
        BinOp::Div => {
            if b.0 == 0 {
                return Err(s.err(at, "division by zero in constant expression"));
            }
            // Scale the dividend up as far as 31 digits allow, then divide
            // (the result is truncated, as the spec allows).
            let room = 31u32.saturating_sub(digits_of(a.0));
            let x =
                a.0.checked_mul(pow10(room).ok_or_else(overflow)?)
                    .ok_or_else(overflow)?;
            let q = x / b.0;
            let sc = i64::from(a.1) + i64::from(room) - i64::from(b.1);
            if sc < 0 {
                let m = q
                    .checked_mul(pow10((-sc) as u32).ok_or_else(overflow)?)
                    .ok_or_else(overflow)?;
                (m, 0)
            } else {
                (q, sc as u32)
            }
        }
        _ => {
            return Err(s.err(
                at,
                format!("operator '{}' does not apply to fixed point", op.symbol()),
            ))
        }
    };
    let (m, sc) = normalize(m, sc);
    if digits_of(m) > 31 {
        // Drop digits after the point until it fits.
        let excess = digits_of(m) - 31;
        if excess > sc {
            return Err(overflow());
        }
        let (m2, s2) = normalize(m / pow10(excess).ok_or_else(overflow)?, sc - excess);
        return Ok(V::Fixed(m2, s2));
    }
    Ok(V::Fixed(m, sc))
}

fn int_range(p: Prim) -> Option<(i128, i128)> {
    Some(match p {
        Prim::Short => (i16::MIN.into(), i16::MAX.into()),
        Prim::Long => (i32::MIN.into(), i32::MAX.into()),
        Prim::LongLong => (i64::MIN.into(), i64::MAX.into()),
        Prim::UShort => (0, u16::MAX.into()),
        Prim::ULong => (0, u32::MAX.into()),
        Prim::ULongLong => (0, u64::MAX.into()),
        Prim::Octet => (0, 255),
        _ => return None,
    })
}

/// Converts an evaluated value to the (unaliased) type `t`.
fn coerce(s: &Sema<'_>, at: usize, v: V, t: &Type) -> Result<ConstValue> {
    let mismatch = |v: &V| s.err(at, format!("constant {v:?} does not fit type {t:?}"));
    match t {
        Type::Prim(p) => {
            if let Some((lo, hi)) = int_range(*p) {
                return match v {
                    V::Int(x) if (lo..=hi).contains(&x) => Ok(ConstValue::Int(x)),
                    V::Int(x) => Err(s.err(at, format!("{x} is out of range for {}", p.idl()))),
                    v => Err(mismatch(&v)),
                };
            }
            match (p, v) {
                (Prim::Float | Prim::Double | Prim::LongDouble, V::Float(x)) => {
                    if *p == Prim::Float && x.is_finite() && (x as f32).is_infinite() {
                        return Err(s.err(at, format!("{x} is out of range for float")));
                    }
                    Ok(ConstValue::Float(x))
                }
                (Prim::Float | Prim::Double | Prim::LongDouble, V::Int(x)) => {
                    Ok(ConstValue::Float(x as f64))
                }
                (Prim::Boolean, V::Bool(b)) => Ok(ConstValue::Bool(b)),
                (Prim::Char, V::Char(c)) if c <= 0xFF => Ok(ConstValue::Char(c as u8)),
                (Prim::WChar, V::WChar(c) | V::Char(c)) => Ok(ConstValue::WChar(c)),
                (_, v) => Err(mismatch(&v)),
            }
        }
        Type::String(bound) => match v {
            V::Str(x) => {
                if *bound != 0 && x.chars().count() > *bound as usize {
                    return Err(s.err(at, format!("string constant longer than its bound {bound}")));
                }
                Ok(ConstValue::Str(x))
            }
            v => Err(mismatch(&v)),
        },
        Type::WString(bound) => match v {
            V::WStr(x) | V::Str(x) => {
                if *bound != 0 && x.chars().count() > *bound as usize {
                    return Err(s.err(
                        at,
                        format!("wstring constant longer than its bound {bound}"),
                    ));
                }
                Ok(ConstValue::WStr(x))
            }
            v => Err(mismatch(&v)),
        },
        Type::Fixed(digits, scale) => {
            let (m, sc) = match v {
                V::Fixed(m, sc) => (m, sc),
                V::Int(x) => (x, 0),
                v => return Err(mismatch(&v)),
            };
            // Rescale to the declared scale (truncating), then check digits.
            let target = *scale as u32;
            let m = if sc > target {
                m / pow10(sc - target).unwrap_or(1)
            } else {
                m.checked_mul(pow10(target - sc).unwrap_or(i128::MAX))
                    .ok_or_else(|| s.err(at, "fixed constant out of range"))?
            };
            if digits_of(m) > u32::from(*digits) {
                return Err(s.err(
                    at,
                    format!("fixed constant does not fit fixed<{digits},{scale}>"),
                ));
            }
            Ok(ConstValue::Fixed {
                mantissa: m,
                scale: target,
            })
        }
        Type::Named(d) => match (&s.decls[*d].kind, v) {
            (DeclKind::Enum { .. }, V::Enum(e, o)) if e == *d => Ok(ConstValue::Enum {
                enum_decl: e,
                ordinal: o,
            }),
            (_, v) => Err(mismatch(&v)),
        },
        _ => Err(s.err(at, format!("constants of type {t:?} are not allowed"))),
    }
}

/// Evaluates an integer expression (bounds, array sizes, fixed digits).
pub fn eval_int(s: &Sema<'_>, e: &ConstExpr) -> Result<i128> {
    match eval(s, e, 0)? {
        V::Int(v) => Ok(v),
        v => Err(s.err(e.at, format!("expected an integer constant, found {v:?}"))),
    }
}

/// Evaluates a union case label as the discriminator type `disc`
/// (unaliased); the result is the label as the TypeCode model numbers it.
pub fn eval_label(s: &Sema<'_>, e: &ConstExpr, disc: &Type) -> Result<i128> {
    let v = eval(s, e, 0)?;
    Ok(match coerce(s, e.at, v, disc)? {
        ConstValue::Int(x) => x,
        ConstValue::Bool(b) => i128::from(b),
        ConstValue::Char(c) => i128::from(c),
        ConstValue::WChar(c) => i128::from(c),
        ConstValue::Enum { ordinal, .. } => i128::from(ordinal),
        other => return Err(s.err(e.at, format!("{other:?} is not a valid case label"))),
    })
}

/// Evaluates a `const` declaration: its resolved type and its value.
pub fn eval_const_def(s: &mut Sema<'_>, c: &ConstDef) -> Result<(Type, ConstValue)> {
    let v = eval(s, &c.value, 0)?;
    if let TypeSpec::Fixed(None) = c.ty {
        // `const fixed F = 1.50d;`: the type comes from the value.
        let (m, sc) = match v {
            V::Fixed(m, sc) => (m, sc),
            V::Int(x) => (x, 0),
            v => {
                return Err(s.err(
                    c.value.at,
                    format!("expected a fixed-point constant, found {v:?}"),
                ))
            }
        };
        let digits = digits_of(m).max(sc).max(1);
        return Ok((
            Type::Fixed(digits as u16, sc as i16),
            ConstValue::Fixed {
                mantissa: m,
                scale: sc,
            },
        ));
    }
    let ty = s.resolve_type(&c.ty)?;
    let real = unalias(&s.decls, &ty);
    let value = coerce(s, c.value.at, v, &real)?;
    Ok((ty, value))
}
