//! JSON values as JSON Schema sees them: equality by value, the type names, and exact
//! decimal `multipleOf`.

use serde_json::Value;

/// Whether two JSON values are equal as JSON Schema defines it: numbers by value (`1`
/// equals `1.0`), objects by their members in any order, arrays item by item.
pub fn equal(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => {
            match (x.as_i64(), y.as_i64(), x.as_u64(), y.as_u64()) {
                (Some(x), Some(y), _, _) => x == y,
                (_, _, Some(x), Some(y)) => x == y,
                _ => x.as_f64() == y.as_f64(),
            }
        }
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(x, y)| equal(x, y))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len()
                && x.iter()
                    .all(|(key, value)| y.get(key).is_some_and(|other| equal(value, other)))
        }
        _ => a == b,
    }
}

/// The JSON Schema type names, in the order the specification lists them.
pub const TYPE_NAMES: &[&str] = &[
    "null", "boolean", "object", "array", "number", "string", "integer",
];

/// Whether `value` is of JSON Schema type `ty` (`1.0` is an integer).
pub fn is_of_type(value: &Value, ty: &str) -> bool {
    match (ty, value) {
        ("string", Value::String(_)) | ("boolean", Value::Bool(_)) | ("null", Value::Null) => true,
        ("object", Value::Object(_))
        | ("array", Value::Array(_))
        | ("number", Value::Number(_)) => true,
        ("integer", Value::Number(number)) => {
            number.is_i64() || number.is_u64() || number.as_f64().is_some_and(|f| f.fract() == 0.0)
        }
        _ => false,
    }
}

/// The length of a string as `minLength`/`maxLength` count it: in Unicode code points
/// (`"é😀"` has length 2), not bytes or UTF-16 units.
pub fn string_length(text: &str) -> u64 {
    text.chars().count() as u64
}

/// `value` as `(digits, exponent)` with `value == digits * 10^exponent`, from its
/// shortest decimal form (the form JSON texts are written in).
fn decimal(value: f64) -> Option<(i128, i32)> {
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

/// Whether `value` is an integer multiple of `multiple`, in decimal arithmetic as JSON
/// Schema means it (`0.3` is a multiple of `0.1`, which `f64` division gets wrong).
/// Exact for every pair of finite numbers, however far apart (`1e308` is a multiple of
/// `0.5`): shortest decimal forms have at most 17 digits, so the remainders fit in 128 bits.
/// Falls back to `f64` only for values that have no decimal form (infinities, NaN).
pub fn is_multiple(value: f64, multiple: f64) -> bool {
    let exact = || -> Option<bool> {
        let (a, p) = decimal(value)?;
        let (b, q) = decimal(multiple)?;
        if b == 0 {
            return None;
        }
        if a == 0 {
            return Some(true);
        }
        if p >= q {
            // a * 10^(p - q) modulo b, by modular exponentiation (|b| < 10^17).
            let b = b.abs();
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
            // a modulo b * 10^(q - p); a divisor beyond 128 bits exceeds |a| (< 10^17).
            let scaled = 10i128
                .checked_pow(u32::try_from(q - p).ok()?)
                .and_then(|scale| b.checked_mul(scale));
            Some(scaled.is_some_and(|scaled| a % scaled == 0))
        }
    };
    exact().unwrap_or_else(|| (value / multiple).fract() == 0.0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn multiples_are_decimal() {
        assert!(is_multiple(0.3, 0.1));
        assert!(is_multiple(4.5, 1.5));
        assert!(is_multiple(-12.0, 4.0));
        assert!(is_multiple(0.0, 0.01));
        assert!(!is_multiple(0.35, 0.1));
        assert!(!is_multiple(1e308, 0.123456789));
        assert!(is_multiple(19.99, 0.01));
        assert!(!is_multiple(19.995, 0.01));
        assert!(is_multiple(1e308, 0.5));
        assert!(is_multiple(1e300, 1e-300));
        assert!(!is_multiple(1e-300, 1e300));
        assert!(!is_multiple(1.5e-10, 1e-10));
        assert!(is_multiple(3e-10, 1e-10));
    }

    #[test]
    fn equality_is_by_value() {
        assert!(equal(&json!(1), &json!(1.0)));
        assert!(equal(&json!([1, {"a": 2.0}]), &json!([1.0, {"a": 2}])));
        assert!(!equal(&json!([1, 2]), &json!([2, 1])));
        assert!(equal(&json!({"a": 1, "b": 2}), &json!({"b": 2, "a": 1})));
        assert!(!equal(&json!({"a": 1}), &json!({"a": 1, "b": 2})));
        assert!(!equal(&json!("1"), &json!(1)));
        assert!(!equal(&json!(true), &json!(1)));
        assert!(equal(&json!(u64::MAX), &json!(u64::MAX)));
        assert!(!equal(&json!(-1), &json!(u64::MAX)));
    }

    #[test]
    fn lengths_count_code_points() {
        assert_eq!(string_length("é😀"), 2);
        assert_eq!(string_length(""), 0);
    }

    #[test]
    fn types() {
        assert!(is_of_type(&json!(1.0), "integer"));
        assert!(is_of_type(&json!(1), "number"));
        assert!(!is_of_type(&json!(1.5), "integer"));
        assert!(!is_of_type(&json!(null), "object"));
        assert!(
            TYPE_NAMES
                .iter()
                .all(|ty| !is_of_type(&json!(null), ty) || *ty == "null")
        );
    }
}
