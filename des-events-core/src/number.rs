//! JSON numbers as JSON Schema judges them: by value, exactly.
//!
//! This is the one home of the numeric keywords' semantics (`minimum`, `maximum`,
//! `exclusiveMinimum`, `exclusiveMaximum`, `multipleOf`). The validator and the code
//! generated for typed fields both read a number into a [`Num`] (as serde_json parses
//! it: an integer that fits 64 bits stays an integer, anything else is the nearest
//! `f64`) and call [`compare`] and [`is_multiple`] here, so the two paths cannot
//! disagree on a number.
//!
//! Exact means: an integer is never rounded to `f64` before it is judged.
//! `9007199254740993` (2^53 + 1) is a multiple of 3 although its nearest `f64`,
//! `9007199254740992`, is not; and it is greater than a `maximum` of `9007199254740992`.
//! An integer compared with a fraction is compared exactly too (no rounding of either).

use std::cmp::Ordering;
use std::fmt;

/// A JSON number as read: an integer (every `i64` and `u64`) or a floating-point value.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Num {
    /// A number written as an integer that fits `i64` or `u64`.
    Int(i128),
    /// Any other number: the nearest `f64` (which may well be integral, e.g. `1.0`).
    Float(f64),
}

impl Num {
    /// The number as serde_json holds it.
    pub fn of(number: &serde_json::Number) -> Num {
        if let Some(value) = number.as_i64() {
            Num::Int(i128::from(value))
        } else if let Some(value) = number.as_u64() {
            Num::Int(i128::from(value))
        } else {
            Num::Float(number.as_f64().unwrap_or(f64::NAN))
        }
    }

    /// The nearest `f64` (what a typed `f64` field stores).
    pub fn to_f64(self) -> f64 {
        match self {
            Num::Int(value) => value as f64,
            Num::Float(value) => value,
        }
    }

    /// The value as an exact integer, if it is one and fits `i128` (`2.0` is `2`).
    pub fn as_integer(self) -> Option<i128> {
        match self {
            Num::Int(value) => Some(value),
            Num::Float(value) => float_to_integer(value),
        }
    }

    /// Whether the value is an integer as JSON Schema's `integer` type means it.
    pub fn is_integral(self) -> bool {
        match self {
            Num::Int(_) => true,
            Num::Float(value) => value.is_finite() && value.fract() == 0.0,
        }
    }

    /// The value as `(digits, exponent)` with `value == digits * 10^exponent`: exact for
    /// integers, from the shortest decimal form for floats (the form JSON texts are
    /// written in). `None` for infinities and NaN.
    fn decimal(self) -> Option<(i128, i32)> {
        match self {
            Num::Int(value) => Some((value, 0)),
            Num::Float(value) if value.is_finite() => float_decimal(value),
            Num::Float(_) => None,
        }
    }
}

impl From<i64> for Num {
    fn from(value: i64) -> Num {
        Num::Int(i128::from(value))
    }
}

impl From<u64> for Num {
    fn from(value: u64) -> Num {
        Num::Int(i128::from(value))
    }
}

impl From<f64> for Num {
    fn from(value: f64) -> Num {
        Num::Float(value)
    }
}

/// Shown as serde_json writes the number (`1e+20`, `0.5`, `-3`), so an error shows the
/// same text whichever path made it.
impl fmt::Display for Num {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Num::Int(value) => fmt::Display::fmt(&value, f),
            Num::Float(value) => match serde_json::Number::from_f64(value) {
                Some(number) => fmt::Display::fmt(&number, f),
                None => fmt::Display::fmt(&value, f),
            },
        }
    }
}

/// `value` as an `i128` when it is a finite integer within range.
fn float_to_integer(value: f64) -> Option<i128> {
    // 2^127 is exactly representable; every integral f64 below it in magnitude fits.
    const LIMIT: f64 = 170_141_183_460_469_231_731_687_303_715_884_105_728.0;
    (value.is_finite() && value.fract() == 0.0 && value.abs() < LIMIT).then_some(value as i128)
}

/// Compares two numbers by value, exactly. `None` only when one is NaN (which no JSON
/// text can hold).
pub fn compare(a: Num, b: Num) -> Option<Ordering> {
    match (a, b) {
        (Num::Int(x), Num::Int(y)) => Some(x.cmp(&y)),
        (Num::Float(x), Num::Float(y)) => x.partial_cmp(&y),
        (Num::Int(x), Num::Float(y)) => int_cmp_float(x, y),
        (Num::Float(x), Num::Int(y)) => int_cmp_float(y, x).map(Ordering::reverse),
    }
}

/// `x` against `y`, without rounding `x` to `f64`.
fn int_cmp_float(x: i128, y: f64) -> Option<Ordering> {
    if y.is_nan() {
        return None;
    }
    let whole = y.trunc();
    match float_to_integer(whole) {
        // The integer parts decide; when they are equal, the fraction of `y` does.
        Some(whole) => match x.cmp(&whole) {
            Ordering::Equal => 0.0f64.partial_cmp(&y.fract()),
            other => Some(other),
        },
        // |y| >= 2^127 (or infinite): beyond every i128.
        None => Some(if y > 0.0 {
            Ordering::Less
        } else {
            Ordering::Greater
        }),
    }
}

/// `value` as `(digits, exponent)` from its shortest decimal form.
fn float_decimal(value: f64) -> Option<(i128, i32)> {
    let text = format!("{value:e}");
    let (mantissa, exponent) = text.split_once('e')?;
    let exponent: i32 = exponent.parse().ok()?;
    let (negative, mantissa) = match mantissa.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, mantissa),
    };
    let (whole, fraction) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let digits: i128 = format!("{whole}{fraction}").parse().ok()?;
    let exponent = exponent - i32::try_from(fraction.len()).ok()?;
    Some((if negative { -digits } else { digits }, exponent))
}

/// Whether `value` is an integer multiple of `factor`, in decimal arithmetic as JSON
/// Schema means it: `0.3` is a multiple of `0.1` (which `f64` division gets wrong), and
/// `9007199254740993` of `3` (which rounding to `f64` gets wrong).
///
/// Exact for every pair of finite numbers, however far apart (`1e308` is a multiple of
/// `0.5`): the digits of an integer or of a shortest decimal form fit 64 bits, so the
/// remainders fit 128 bits. A zero factor (which no schema may hold) is a multiple of
/// nothing but zero; infinities and NaN fall back to `f64` division.
pub fn is_multiple(value: Num, factor: Num) -> bool {
    let exact = || -> Option<bool> {
        let (a, p) = value.decimal()?;
        let (b, q) = factor.decimal()?;
        if a == 0 {
            return Some(true);
        }
        if b == 0 {
            return Some(false);
        }
        let b = b.checked_abs()?;
        if p >= q {
            // a * 10^(p - q) modulo b, by modular exponentiation (|b| < 2^64).
            let (mut power, mut base) = (1 % b, 10 % b);
            let mut exponent = u32::try_from(p - q).ok()?;
            while exponent > 0 {
                if exponent & 1 == 1 {
                    power = power * base % b;
                }
                base = base * base % b;
                exponent >>= 1;
            }
            Some((a % b) * power % b == 0)
        } else {
            // a modulo b * 10^(q - p); a divisor beyond 128 bits exceeds |a| (< 2^64).
            let scaled = 10i128
                .checked_pow(u32::try_from(q - p).ok()?)
                .and_then(|scale| b.checked_mul(scale));
            Some(scaled.is_some_and(|scaled| a % scaled == 0))
        }
    };
    exact().unwrap_or_else(|| (value.to_f64() / factor.to_f64()).fract() == 0.0)
}

/// One of the four bounds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BoundKind {
    /// `minimum`: the value is at least the limit.
    Minimum,
    /// `maximum`: the value is at most the limit.
    Maximum,
    /// `exclusiveMinimum` (a number): the value is greater than the limit.
    ExclusiveMinimum,
    /// `exclusiveMaximum` (a number): the value is less than the limit.
    ExclusiveMaximum,
}

impl BoundKind {
    /// Whether `value` keeps the bound `limit`.
    pub fn holds(self, value: Num, limit: Num) -> bool {
        let order = compare(value, limit);
        match self {
            BoundKind::Minimum => matches!(order, Some(Ordering::Greater | Ordering::Equal)),
            BoundKind::Maximum => matches!(order, Some(Ordering::Less | Ordering::Equal)),
            BoundKind::ExclusiveMinimum => order == Some(Ordering::Greater),
            BoundKind::ExclusiveMaximum => order == Some(Ordering::Less),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TWO_53: i128 = 9_007_199_254_740_992;

    #[test]
    fn integers_past_2_53_are_judged_exactly() {
        let three = Num::Int(3);
        assert!(is_multiple(Num::Int(TWO_53 + 1), three));
        assert!(!is_multiple(Num::Int(TWO_53 + 3), three));
        assert!(is_multiple(Num::Int(i128::from(u64::MAX)), Num::Int(5)));
        assert!(is_multiple(Num::Int(i128::from(i64::MIN)), Num::Int(2)));
        assert!(is_multiple(Num::Int(TWO_53 + 1), Num::Float(0.5)));
        assert!(!is_multiple(Num::Int(TWO_53 + 1), Num::Float(2.0)));
        let limit = Num::Int(TWO_53);
        assert!(!BoundKind::Maximum.holds(Num::Int(TWO_53 + 1), limit));
        assert!(BoundKind::ExclusiveMinimum.holds(Num::Int(TWO_53 + 1), Num::Float(TWO_53 as f64)));
        assert!(!BoundKind::ExclusiveMinimum.holds(Num::Int(TWO_53), Num::Float(TWO_53 as f64)));
    }

    #[test]
    fn integers_and_fractions_compare_exactly() {
        assert_eq!(compare(Num::Int(2), Num::Float(2.5)), Some(Ordering::Less));
        assert_eq!(
            compare(Num::Int(3), Num::Float(2.5)),
            Some(Ordering::Greater)
        );
        assert_eq!(
            compare(Num::Int(-3), Num::Float(-2.5)),
            Some(Ordering::Less)
        );
        assert_eq!(
            compare(Num::Int(-2), Num::Float(-2.5)),
            Some(Ordering::Greater)
        );
        assert_eq!(compare(Num::Int(2), Num::Float(2.0)), Some(Ordering::Equal));
        assert_eq!(
            compare(Num::Float(1e300), Num::Int(i128::MAX)),
            Some(Ordering::Greater)
        );
        assert_eq!(
            compare(Num::Int(i128::MIN), Num::Float(-1e300)),
            Some(Ordering::Greater)
        );
        assert_eq!(compare(Num::Int(0), Num::Float(f64::NAN)), None);
        assert_eq!(
            compare(Num::Int(0), Num::Float(-0.0)),
            Some(Ordering::Equal)
        );
    }

    #[test]
    fn multiples_are_decimal() {
        let f = Num::Float;
        assert!(is_multiple(f(0.3), f(0.1)));
        assert!(is_multiple(f(4.5), f(1.5)));
        assert!(is_multiple(f(-12.0), f(4.0)));
        assert!(is_multiple(f(0.0), f(0.01)));
        assert!(!is_multiple(f(0.35), f(0.1)));
        assert!(!is_multiple(f(1e308), f(0.123456789)));
        assert!(is_multiple(f(19.99), f(0.01)));
        assert!(!is_multiple(f(19.995), f(0.01)));
        assert!(is_multiple(f(1e308), f(0.5)));
        assert!(is_multiple(f(1e300), f(1e-300)));
        assert!(!is_multiple(f(1e-300), f(1e300)));
        assert!(!is_multiple(f(1.5e-10), f(1e-10)));
        assert!(is_multiple(f(3e-10), f(1e-10)));
        assert!(is_multiple(Num::Int(7), f(0.0001)));
        assert!(!is_multiple(Num::Int(7), Num::Int(0)));
    }

    #[test]
    fn shown_as_json_writes_it() {
        assert_eq!(Num::Float(1e20).to_string(), "1e+20");
        assert_eq!(Num::Float(0.5).to_string(), "0.5");
        assert_eq!(Num::Int(TWO_53 + 1).to_string(), "9007199254740993");
        assert_eq!(
            Num::of(&serde_json::Number::from(u64::MAX)),
            Num::Int(i128::from(u64::MAX))
        );
    }
}
