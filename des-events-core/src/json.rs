//! JSON values as JSON Schema sees them: equality by value, the type names and string
//! length (numbers: [`crate::number`]).

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

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

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
