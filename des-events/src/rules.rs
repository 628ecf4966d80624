//! Validation while deserializing: the seeds that generated code uses to read a value
//! and check the schema's constraints on it, in the same pass.
//!
//! Every violation is reported through [`violation`], whose message the [`crate::Error`]
//! classifier reads back (serde's error trait carries only text).

use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;
use std::sync::OnceLock;

use serde::Deserialize;
use serde::de::{self, DeserializeSeed, Deserializer, SeqAccess, Unexpected, Visitor};

use crate::values::StringVisitor;

/// The marker that starts a constraint-violation message.
pub(crate) const VIOLATION: &str = "constraint `";

/// Builds the error for a violated constraint.
pub fn violation<E: de::Error>(
    keyword: &str,
    expected: impl fmt::Display,
    found: impl fmt::Display,
) -> E {
    E::custom(format_args!(
        "{VIOLATION}{keyword}` violated: expected {expected}; found {found}"
    ))
}

/// Formats that are asserted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// RFC 4122 hyphenated.
    Uuid,
    /// RFC 3339 `full-date`.
    Date,
}

impl Format {
    fn describe(self) -> &'static str {
        match self {
            Format::Uuid => "a hyphenated UUID (8-4-4-4-12 hexadecimal digits)",
            Format::Date => "an RFC 3339 full-date (YYYY-MM-DD)",
        }
    }
}

/// Whether `text` has the format.
pub fn format_ok(format: Format, text: &str) -> bool {
    match format {
        Format::Uuid => is_uuid(text),
        Format::Date => is_date(text),
    }
}

fn is_uuid(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.len() == 36
        && bytes.iter().enumerate().all(|(index, byte)| match index {
            8 | 13 | 18 | 23 => *byte == b'-',
            _ => byte.is_ascii_hexdigit(),
        })
}

fn is_date(text: &str) -> bool {
    let bytes = text.as_bytes();
    if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
        return false;
    }
    let number = |range: std::ops::Range<usize>| -> Option<u32> {
        let part = text.get(range)?;
        if part.bytes().all(|b| b.is_ascii_digit()) {
            part.parse().ok()
        } else {
            None
        }
    };
    let (Some(year), Some(month), Some(day)) = (number(0..4), number(5..7), number(8..10)) else {
        return false;
    };
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1..=days).contains(&day)
}

/// Quotes a found string for an error, shortened; credentials are never quoted.
pub(crate) fn quote(text: &str, credential: bool) -> String {
    if credential {
        return "a string (redacted credential)".to_owned();
    }
    const MAX: usize = 64;
    let mut chars = text.chars();
    let shown: String = chars.by_ref().take(MAX).collect();
    let more = if chars.next().is_some() { "…" } else { "" };
    format!("string {:?}{more}", shown)
}

/// Checks `format` on `text`.
pub fn check_format<E: de::Error>(format: Format, text: &str, credential: bool) -> Result<(), E> {
    if format_ok(format, text) {
        Ok(())
    } else {
        Err(violation(
            "format",
            format.describe(),
            quote(text, credential),
        ))
    }
}

/// A compiled-once ECMA-262 regular expression (`pattern`).
pub struct Pattern {
    source: &'static str,
    compiled: OnceLock<Option<regress::Regex>>,
}

impl Pattern {
    /// A pattern; the engine already checked that it compiles.
    pub const fn new(source: &'static str) -> Pattern {
        Pattern {
            source,
            compiled: OnceLock::new(),
        }
    }

    fn is_match(&self, text: &str) -> Option<bool> {
        let regex = self
            .compiled
            .get_or_init(|| regress::Regex::new(self.source).ok());
        regex.as_ref().map(|regex| regex.find(text).is_some())
    }
}

/// String constraints of one schema.
pub struct StrRules {
    /// An asserted format.
    pub format: Option<Format>,
    /// `minLength` in code points.
    pub min_length: Option<u64>,
    /// `maxLength` in code points.
    pub max_length: Option<u64>,
    /// `pattern`.
    pub pattern: Option<Pattern>,
    /// Never quote the value.
    pub credential: bool,
}

impl StrRules {
    /// Checks every rule on `text`.
    pub fn check<E: de::Error>(&self, text: &str) -> Result<(), E> {
        if let Some(format) = self.format {
            check_format(format, text, self.credential)?;
        }
        if self.min_length.is_some() || self.max_length.is_some() {
            let length = text.chars().count() as u64;
            if let Some(min) = self.min_length.filter(|min| length < *min) {
                return Err(violation(
                    "minLength",
                    format_args!("at least {min} characters"),
                    format_args!("{length}"),
                ));
            }
            if let Some(max) = self.max_length.filter(|max| length > *max) {
                return Err(violation(
                    "maxLength",
                    format_args!("at most {max} characters"),
                    format_args!("{length}"),
                ));
            }
        }
        if let Some(pattern) = &self.pattern {
            match pattern.is_match(text) {
                Some(true) => {}
                Some(false) => {
                    return Err(violation(
                        "pattern",
                        format_args!("a match of /{}/", pattern.source),
                        quote(text, self.credential),
                    ));
                }
                None => {
                    return Err(E::custom(format_args!(
                        "invalid pattern /{}/",
                        pattern.source
                    )));
                }
            }
        }
        Ok(())
    }
}

/// Numeric bounds of one schema.
pub struct NumRules {
    /// `minimum`.
    pub minimum: Option<f64>,
    /// `maximum`.
    pub maximum: Option<f64>,
    /// `exclusiveMinimum`.
    pub exclusive_minimum: Option<f64>,
    /// `exclusiveMaximum`.
    pub exclusive_maximum: Option<f64>,
}

impl NumRules {
    /// No bounds.
    pub const NONE: NumRules = NumRules {
        minimum: None,
        maximum: None,
        exclusive_minimum: None,
        exclusive_maximum: None,
    };

    fn check<E: de::Error>(&self, value: f64, shown: &dyn fmt::Display) -> Result<(), E> {
        type Check = (
            Option<f64>,
            &'static str,
            &'static str,
            fn(f64, f64) -> bool,
        );
        let checks: [Check; 4] = [
            (self.minimum, "minimum", ">=", |v, b| v >= b),
            (self.maximum, "maximum", "<=", |v, b| v <= b),
            (self.exclusive_minimum, "exclusiveMinimum", ">", |v, b| {
                v > b
            }),
            (self.exclusive_maximum, "exclusiveMaximum", "<", |v, b| {
                v < b
            }),
        ];
        for (bound, keyword, op, ok) in checks {
            if let Some(bound) = bound
                && !ok(value, bound)
            {
                return Err(violation(
                    keyword,
                    format_args!("a number {op} {bound}"),
                    shown,
                ));
            }
        }
        Ok(())
    }
}

/// Reads a string-like value (`String`, [`crate::Uuid`], [`crate::Credential`]) and
/// checks [`StrRules`].
pub struct StrSeed<T>(pub &'static StrRules, PhantomData<fn() -> T>);

impl<T> StrSeed<T> {
    /// A seed for `rules`.
    pub const fn new(rules: &'static StrRules) -> Self {
        StrSeed(rules, PhantomData)
    }
}

impl<T> Clone for StrSeed<T> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<T> Copy for StrSeed<T> {}

impl<'de, T: Deserialize<'de> + AsRef<str>> DeserializeSeed<'de> for StrSeed<T> {
    type Value = T;
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<T, D::Error> {
        let value = T::deserialize(deserializer)?;
        self.0.check(value.as_ref())?;
        Ok(value)
    }
}

/// Integer bounds of one schema (the engine guarantees a lower and an upper one).
pub struct IntRules {
    /// `minimum`.
    pub minimum: Option<i64>,
    /// `maximum`.
    pub maximum: Option<i64>,
    /// `exclusiveMinimum`.
    pub exclusive_minimum: Option<i64>,
    /// `exclusiveMaximum`.
    pub exclusive_maximum: Option<i64>,
}

impl IntRules {
    /// The keyword and text of the bound that `value` breaks, if any. `value` is exact:
    /// JSON integers outside `i64` arrive as `i128` (or saturated from a float).
    fn broken(&self, value: i128) -> Option<(&'static str, String)> {
        type Check = (
            Option<i64>,
            &'static str,
            &'static str,
            fn(i128, i128) -> bool,
        );
        let checks: [Check; 4] = [
            (self.minimum, "minimum", ">=", |v, b| v >= b),
            (self.maximum, "maximum", "<=", |v, b| v <= b),
            (self.exclusive_minimum, "exclusiveMinimum", ">", |v, b| {
                v > b
            }),
            (self.exclusive_maximum, "exclusiveMaximum", "<", |v, b| {
                v < b
            }),
        ];
        checks.into_iter().find_map(|(bound, keyword, op, ok)| {
            let bound = bound?;
            (!ok(value, i128::from(bound))).then(|| (keyword, format!("an integer {op} {bound}")))
        })
    }
}

/// Reads a JSON integer into `i64` and checks [`IntRules`], exactly.
///
/// As JSON Schema says, a number with a zero fractional part (`1.0`) is an integer. A
/// value beyond `i64` breaks a bound, since the engine only accepts bounds inside it.
#[derive(Clone, Copy)]
pub struct IntSeed(pub &'static IntRules);

impl<'de> DeserializeSeed<'de> for IntSeed {
    type Value = i64;
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<i64, D::Error> {
        let (value, shown) = deserializer.deserialize_any(IntVisitor)?;
        if let Some((keyword, expected)) = self.0.broken(value) {
            return Err(violation(keyword, expected, shown));
        }
        i64::try_from(value)
            .map_err(|_| violation("maximum", "an integer that fits in 64 bits", shown))
    }
}

struct IntVisitor;

impl Visitor<'_> for IntVisitor {
    /// The exact value (saturated for huge floats) and how to show it.
    type Value = (i128, String);
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an integer")
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
        Ok((i128::from(v), v.to_string()))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
        Ok((i128::from(v), v.to_string()))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
        if v.fract() == 0.0 && v.is_finite() {
            // `as` saturates; every value beyond i64 breaks a bound either way.
            Ok((v as i128, v.to_string()))
        } else {
            Err(E::invalid_type(Unexpected::Float(v), &self))
        }
    }
}

/// Reads a JSON number into `f64` and checks [`NumRules`].
#[derive(Clone, Copy)]
pub struct NumSeed(pub &'static NumRules);

impl<'de> DeserializeSeed<'de> for NumSeed {
    type Value = f64;
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<f64, D::Error> {
        let value = deserializer.deserialize_f64(NumVisitor)?;
        self.0.check(value, &value)?;
        Ok(value)
    }
}

struct NumVisitor;

impl Visitor<'_> for NumVisitor {
    type Value = f64;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a number")
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<f64, E> {
        Ok(v as f64)
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<f64, E> {
        Ok(v as f64)
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<f64, E> {
        Ok(v)
    }
}

/// Reads any `Deserialize` type with no extra rule.
pub struct PlainSeed<T>(PhantomData<fn() -> T>);

impl<T> PlainSeed<T> {
    /// The seed.
    pub const NEW: PlainSeed<T> = PlainSeed(PhantomData);
}

impl<T> Clone for PlainSeed<T> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<T> Copy for PlainSeed<T> {}

impl<'de, T: Deserialize<'de>> DeserializeSeed<'de> for PlainSeed<T> {
    type Value = T;
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<T, D::Error> {
        T::deserialize(deserializer)
    }
}

/// Array constraints.
pub struct ArrayRules {
    /// `minItems`.
    pub min_items: Option<u64>,
    /// `maxItems`.
    pub max_items: Option<u64>,
}

/// Reads a JSON array whose items are read by `S`, and checks [`ArrayRules`].
#[derive(Clone, Copy)]
pub struct VecSeed<S>(pub S, pub &'static ArrayRules);

impl<'de, S: DeserializeSeed<'de> + Copy> DeserializeSeed<'de> for VecSeed<S> {
    type Value = Vec<S::Value>;
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_seq(self)
    }
}

impl<'de, S: DeserializeSeed<'de> + Copy> Visitor<'de> for VecSeed<S> {
    type Value = Vec<S::Value>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an array")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(64));
        while let Some(item) = seq.next_element_seed(self.0)? {
            if let Some(max) = self.1.max_items.filter(|max| items.len() as u64 >= *max) {
                return Err(violation(
                    "maxItems",
                    format_args!("at most {max} items"),
                    "more",
                ));
            }
            items.push(item);
        }
        if let Some(min) = self.1.min_items.filter(|min| (items.len() as u64) < *min) {
            return Err(violation(
                "minItems",
                format_args!("at least {min} items"),
                format_args!("{}", items.len()),
            ));
        }
        Ok(items)
    }
}

/// Any JSON value, read with duplicate object keys rejected at every depth
/// (`serde_json::Value` alone would silently keep the last one).
pub struct StrictValue(pub serde_json::Value);

impl<'de> Deserialize<'de> for StrictValue {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer
            .deserialize_any(ValueVisitor("any JSON value"))
            .map(StrictValue)
    }
}

/// Reads a JSON object (only) into a `serde_json::Map`, duplicates rejected at every depth.
#[derive(Clone, Copy)]
pub struct MapSeed;

impl<'de> DeserializeSeed<'de> for MapSeed {
    type Value = serde_json::Map<String, serde_json::Value>;
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        match deserializer.deserialize_map(ValueVisitor("an object"))? {
            serde_json::Value::Object(map) => Ok(map),
            _ => Err(de::Error::custom("expected an object")),
        }
    }
}

struct ValueVisitor(&'static str);

impl<'de> Visitor<'de> for ValueVisitor {
    type Value = serde_json::Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0)
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Self::Value, E> {
        Ok(v.into())
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
        Ok(v.into())
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
        Ok(v.into())
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
        serde_json::Number::from_f64(v)
            .map(serde_json::Value::Number)
            .ok_or_else(|| E::invalid_value(Unexpected::Float(v), &"a finite number"))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Ok(v.into())
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<Self::Value, E> {
        Ok(v.into())
    }
    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(serde_json::Value::Null)
    }
    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(serde_json::Value::Null)
    }
    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_any(ValueVisitor("any JSON value"))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(64));
        while let Some(StrictValue(item)) = seq.next_element()? {
            items.push(item);
        }
        Ok(serde_json::Value::Array(items))
    }
    fn visit_map<A: de::MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut out = serde_json::Map::new();
        while let Some(key) = map.next_key::<String>()? {
            if out.contains_key(&key) {
                return Err(de::Error::custom(format_args!("duplicate field `{key}`")));
            }
            let StrictValue(value) = map.next_value()?;
            out.insert(key, value);
        }
        Ok(serde_json::Value::Object(out))
    }
}

/// An object key, borrowed from the input when possible.
pub struct Key<'de>(Cow<'de, str>);

impl Key<'_> {
    /// The key.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl<'de> Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer
            .deserialize_str(StringVisitor("an object key"))
            .map(Key)
    }
}

/// Reads one of `values` (a string enum) and returns its index.
pub fn str_enum<'de, D: Deserializer<'de>>(
    deserializer: D,
    values: &'static [&'static str],
) -> Result<usize, D::Error> {
    let text = deserializer.deserialize_str(StringVisitor("a string"))?;
    match values.iter().position(|value| *value == text) {
        Some(index) => Ok(index),
        None => Err(violation("enum", OneOf(values), quote(&text, false))),
    }
}

/// Displays a list of allowed values.
pub(crate) struct OneOf(pub(crate) &'static [&'static str]);

impl fmt::Display for OneOf {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let [only] = self.0 {
            return write!(f, "\"{only}\"");
        }
        f.write_str("one of ")?;
        for (index, value) in self.0.iter().enumerate() {
            if index > 0 {
                f.write_str(", ")?;
            }
            write!(f, "\"{value}\"")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uuid_form() {
        assert!(is_uuid("a2313192-e2dc-452e-b56c-2f23baf6eee1"));
        assert!(is_uuid("A2313192-E2DC-452E-B56C-2F23BAF6EEE1"));
        assert!(!is_uuid("{a2313192-e2dc-452e-b56c-2f23baf6eee1}"));
        assert!(!is_uuid("urn:uuid:a2313192-e2dc-452e-b56c-2f23baf6eee1"));
        assert!(!is_uuid("a2313192e2dc452eb56c2f23baf6eee1"));
        assert!(!is_uuid("a2313192-e2dc-452e-b56c-2f23baf6eeeg"));
        assert!(!is_uuid(""));
    }

    #[test]
    fn date_form() {
        assert!(is_date("2026-06-30"));
        assert!(is_date("2024-02-29"));
        assert!(!is_date("2023-02-29"));
        assert!(!is_date("1900-02-29"));
        assert!(is_date("2000-02-29"));
        assert!(!is_date("2026-13-01"));
        assert!(!is_date("2026-00-10"));
        assert!(!is_date("2026-6-30"));
        assert!(!is_date("2026-06-31"));
        assert!(!is_date("+026-06-30"));
    }

    #[test]
    fn lengths_count_code_points() {
        let rules = StrRules {
            format: None,
            min_length: Some(2),
            max_length: Some(2),
            pattern: None,
            credential: false,
        };
        assert!(rules.check::<serde_json::Error>("é😀").is_ok());
        assert!(rules.check::<serde_json::Error>("é").is_err());
        assert!(rules.check::<serde_json::Error>("abc").is_err());
    }

    #[test]
    fn patterns_are_ecma_and_unanchored() {
        static RULES: StrRules = StrRules {
            format: None,
            min_length: None,
            max_length: None,
            pattern: Some(Pattern::new("^\\d{3}$|x")),
            credential: false,
        };
        assert!(RULES.check::<serde_json::Error>("123").is_ok());
        assert!(RULES.check::<serde_json::Error>("abxc").is_ok());
        assert!(RULES.check::<serde_json::Error>("1234").is_err());
    }

    #[test]
    fn integers_accept_integral_floats_only() {
        static RULES: IntRules = IntRules {
            minimum: Some(i64::MIN),
            maximum: Some(i64::MAX),
            exclusive_minimum: None,
            exclusive_maximum: None,
        };
        let read =
            |text: &str| IntSeed(&RULES).deserialize(&mut serde_json::Deserializer::from_str(text));
        assert_eq!(read("5").ok(), Some(5));
        assert_eq!(read("5.0").ok(), Some(5));
        assert!(read("5.5").is_err());
        assert!(read("\"5\"").is_err());
        assert!(read("18446744073709551615").is_err());
    }
}
