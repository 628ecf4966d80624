//! Validation while deserializing: the seeds that generated code uses to read a value
//! and check the schema's constraints on it, in the same pass.
//!
//! Every violation is a typed [`Problem`] made where it happens ([`violation`]); the
//! semantics (formats, patterns, equality, `multipleOf`) come from `des-events-core`.

use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;

use des_events_core::assertion::{self, Broken};
use des_events_core::number::Num;
use des_events_core::{Format, Keyword, Pattern, json};
use serde::Deserialize;
use serde::de::{self, DeserializeSeed, Deserializer, SeqAccess, Unexpected, Visitor};

use crate::error::{Problem, hand_off};
use crate::policy::{self, UnknownValue};
use crate::text::{StringVisitor, quote};

/// Builds the error for a violated constraint; the typed [`Problem`] travels with it.
pub fn violation<E: de::Error>(
    keyword: Keyword,
    expected: impl fmt::Display,
    found: impl fmt::Display,
) -> E {
    let problem = Problem::Constraint {
        keyword,
        expected: expected.to_string(),
        found: found.to_string(),
    };
    hand_off(problem, |problem| E::custom(problem))
}

/// The error for a keyword of [`assertion`] that a value broke: the same keyword and
/// text as the validator's, shown after what was `found`.
pub fn broken<E: de::Error>(broken: Broken, found: impl fmt::Display) -> E {
    violation(broken.keyword(), broken.expected(), found)
}

/// How an array is shown in an error (as the validator's errors show it).
pub(crate) fn array_shown(items: usize) -> String {
    format!("an array of {items} items")
}

/// The error for a tuple that ended after `read` items where `min` are required.
pub fn too_few_items<E: de::Error>(min: u64, read: usize) -> E {
    broken(Broken::min_items(min), array_shown(read))
}

/// How an object is shown in an error (as the validator's errors show it).
pub(crate) fn object_shown(members: u64) -> String {
    format!("an object with {members} properties")
}

/// The error for a key that appears twice in one object.
pub(crate) fn duplicate<E: de::Error>(key: &str) -> E {
    let problem = Problem::DuplicateField {
        field: key.to_owned(),
    };
    hand_off(problem, |problem| E::custom(problem))
}

/// Checks `format` on `text`.
pub fn check_format<E: de::Error>(format: Format, text: &str, credential: bool) -> Result<(), E> {
    if format.is_valid(text) {
        Ok(())
    } else {
        Err(format_violation(format, text, credential))
    }
}

/// The error for `text`, which does not have `format`.
pub(crate) fn format_violation<E: de::Error>(format: Format, text: &str, credential: bool) -> E {
    broken(Broken::format(format), quote(text, credential))
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
    /// Whether `minLength` and `maxLength` hold for every string of `bytes` bytes: it
    /// has between `bytes / 4` (rounded up) and `bytes` code points, so when these
    /// settle both bounds the code points need not be counted.
    fn lengths_hold_for(&self, bytes: u64) -> bool {
        self.min_length.is_none_or(|min| bytes.div_ceil(4) >= min)
            && self.max_length.is_none_or(|max| bytes <= max)
    }

    /// Checks every rule on `text`.
    pub fn check<E: de::Error>(&self, text: &str) -> Result<(), E> {
        if let Some(format) = self.format {
            check_format(format, text, self.credential)?;
        }
        if !self.lengths_hold_for(text.len() as u64) {
            let length = json::string_length(text);
            assertion::length(length, self.min_length, self.max_length)
                .map_err(|err| broken(err, quote(text, self.credential)))?;
        }
        if let Some(pattern) = &self.pattern {
            match pattern.is_match(text) {
                Some(true) => {}
                Some(false) => {
                    return Err(broken(
                        Broken::pattern(pattern.source()),
                        quote(text, self.credential),
                    ));
                }
                None => {
                    return Err(E::custom(format_args!(
                        "invalid pattern /{}/",
                        pattern.source()
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
    /// `multipleOf`.
    pub multiple_of: Option<f64>,
}

impl NumRules {
    /// No bounds.
    pub const NONE: NumRules = NumRules {
        minimum: None,
        maximum: None,
        exclusive_minimum: None,
        exclusive_maximum: None,
        multiple_of: None,
    };

    /// Checks the rules on `value`, exactly (see [`des_events_core::number`]): the value
    /// is the JSON number as read, the bounds are the schema's numbers as `f64`, which
    /// is how the validator reads them too, except an integer bound beyond 2^53.
    fn check<E: de::Error>(&self, value: Num) -> Result<(), E> {
        number_rules([
            self.minimum,
            self.maximum,
            self.exclusive_minimum,
            self.exclusive_maximum,
            self.multiple_of,
        ])
        .check(value)
        .map_err(|err| broken(err, value))
    }
}

/// The shared rules of `[minimum, maximum, exclusiveMinimum, exclusiveMaximum,
/// multipleOf]`, whichever Rust type the engine stored them in.
fn number_rules<T: Into<Num>>(bounds: [Option<T>; 5]) -> assertion::NumberRules {
    let [
        minimum,
        maximum,
        exclusive_minimum,
        exclusive_maximum,
        multiple_of,
    ] = bounds.map(|bound| bound.map(Into::into));
    assertion::NumberRules {
        minimum,
        maximum,
        exclusive_minimum,
        exclusive_maximum,
        multiple_of,
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

/// Reads a string of an asserted format as the type `convert` chose for it (such as
/// `uuid::Uuid` for `format: "uuid"`): the text is checked against [`StrRules`] (the
/// format included) first, then handed to the type's own `Deserialize`. A text the format
/// allows but the type refuses is the format's violation, so the reader never accepts
/// less silently.
pub struct ConvertSeed<T>(pub &'static StrRules, PhantomData<fn() -> T>);

impl<T> ConvertSeed<T> {
    /// A seed for `rules`.
    pub const fn new(rules: &'static StrRules) -> Self {
        ConvertSeed(rules, PhantomData)
    }
}

impl<T> Clone for ConvertSeed<T> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<T> Copy for ConvertSeed<T> {}

impl<'de, T: de::DeserializeOwned> DeserializeSeed<'de> for ConvertSeed<T> {
    type Value = T;
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<T, D::Error> {
        let text = String::deserialize(deserializer)?;
        self.0.check::<D::Error>(&text)?;
        let read: Result<T, serde::de::value::Error> =
            T::deserialize(serde::de::value::StrDeserializer::new(&text));
        read.map_err(|err| {
            let expected = match self.0.format {
                Some(format) => format!(
                    "{}, as {} reads it ({err})",
                    format.describe(),
                    std::any::type_name::<T>()
                ),
                None => format!("a text {} reads ({err})", std::any::type_name::<T>()),
            };
            violation(Keyword::Format, expected, quote(&text, self.0.credential))
        })
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
    /// `multipleOf` (positive).
    pub multiple_of: Option<i64>,
}

impl IntRules {
    /// The keyword `value` breaks, if any.
    fn check(&self, value: Num) -> Result<(), Broken> {
        number_rules([
            self.minimum,
            self.maximum,
            self.exclusive_minimum,
            self.exclusive_maximum,
            self.multiple_of,
        ])
        .check(value)
    }
}

/// Reads a JSON integer into `i64` and checks [`IntRules`], exactly.
///
/// As JSON Schema says, a number with a zero fractional part (`1.0`) is an integer. A
/// value beyond `i64` breaks a bound, since the engine only accepts bounds inside it.
///
/// The output is the narrowest Rust integer the engine chose for the bounds (`T`).
pub struct IntSeed<T>(pub &'static IntRules, PhantomData<fn() -> T>);

impl<T> IntSeed<T> {
    /// A seed for `rules`.
    pub const fn new(rules: &'static IntRules) -> Self {
        IntSeed(rules, PhantomData)
    }
}

impl<T> Clone for IntSeed<T> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<T> Copy for IntSeed<T> {}

impl<'de, T: TryFrom<i128>> DeserializeSeed<'de> for IntSeed<T> {
    type Value = T;
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<T, D::Error> {
        let value = deserializer.deserialize_any(IntVisitor)?;
        self.0
            .check(value)
            .map_err(|err| broken::<D::Error>(err, value))?;
        // The engine picked `T` to hold every value the bounds allow; without bounds (or
        // with a `format` such as `int32`) the Rust type is the limit.
        value
            .as_integer()
            .and_then(|value| T::try_from(value).ok())
            .ok_or_else(|| out_of_range::<T, D::Error>(value))
    }
}

/// The error for an integer that the Rust type `T` cannot hold.
fn out_of_range<T: TryFrom<i128>, E: de::Error>(shown: impl fmt::Display) -> E {
    let rust_type = std::any::type_name::<T>();
    let limit = match rust_type {
        "i8" => format!("{}..={}", i8::MIN, i8::MAX),
        "i16" => format!("{}..={}", i16::MIN, i16::MAX),
        "i32" => format!("{}..={}", i32::MIN, i32::MAX),
        "u8" => format!("0..={}", u8::MAX),
        "u16" => format!("0..={}", u16::MAX),
        "u32" => format!("0..={}", u32::MAX),
        "u64" => format!("0..={}", u64::MAX),
        _ => format!("{}..={}", i64::MIN, i64::MAX),
    };
    let problem = Problem::OutOfRange {
        rust_type: rust_type.to_owned(),
        limit,
        found: shown.to_string(),
    };
    hand_off(problem, |problem| E::custom(problem))
}

struct IntVisitor;

impl Visitor<'_> for IntVisitor {
    /// The number as read: an integer, or an integral float such as `1.0`.
    type Value = Num;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an integer")
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
        Ok(Num::from(v))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
        Ok(Num::from(v))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
        if Num::Float(v).is_integral() {
            Ok(Num::Float(v))
        } else {
            Err(E::invalid_type(Unexpected::Float(v), &self))
        }
    }
}

/// Reads a JSON number into `f64` and checks [`NumRules`] on the number as read, so an
/// integer beyond 2^53 is judged exactly although the `f64` it is stored in is rounded.
#[derive(Clone, Copy)]
pub struct NumSeed(pub &'static NumRules);

impl<'de> DeserializeSeed<'de> for NumSeed {
    type Value = f64;
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<f64, D::Error> {
        let value = deserializer.deserialize_f64(NumVisitor)?;
        self.0.check::<D::Error>(value)?;
        Ok(value.to_f64())
    }
}

struct NumVisitor;

impl Visitor<'_> for NumVisitor {
    /// The number as read.
    type Value = Num;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a number")
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
        Ok(Num::from(v))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
        Ok(Num::from(v))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
        Ok(Num::Float(v))
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
    /// `uniqueItems`.
    pub unique: bool,
}

/// Reads a JSON array whose items are read by `S`, and checks [`ArrayRules`].
#[derive(Clone, Copy)]
pub struct VecSeed<S>(pub S, pub &'static ArrayRules);

impl<'de, S: DeserializeSeed<'de> + Copy> DeserializeSeed<'de> for VecSeed<S>
where
    S::Value: PartialEq,
{
    type Value = Vec<S::Value>;
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_seq(self)
    }
}

impl<'de, S: DeserializeSeed<'de> + Copy> Visitor<'de> for VecSeed<S>
where
    S::Value: PartialEq,
{
    type Value = Vec<S::Value>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an array")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(64));
        while let Some(item) = seq.next_element_seed(self.0)? {
            if let Some(max) = self.1.max_items.filter(|max| items.len() as u64 >= *max) {
                // The rest is only counted, for the error to say how long the array is.
                let mut count = items.len() + 1;
                while seq.next_element::<de::IgnoredAny>()?.is_some() {
                    count += 1;
                }
                return Err(broken(Broken::max_items(max), array_shown(count)));
            }
            if self.1.unique
                && let Some(first) = items.iter().position(|seen| *seen == item)
            {
                let second = items.len();
                let mut count = second + 1;
                while seq.next_element::<de::IgnoredAny>()?.is_some() {
                    count += 1;
                }
                return Err(broken(
                    Broken::unique_items(first, second),
                    array_shown(count),
                ));
            }
            items.push(item);
        }
        assertion::item_count(items.len() as u64, self.1.min_items, None)
            .map_err(|err| broken(err, array_shown(items.len())))?;
        Ok(items)
    }
}

/// Reads `null` as `None` and anything else with `S` (`type: [T, "null"]`).
#[derive(Clone, Copy)]
pub struct NullableSeed<S>(pub S);

impl<'de, S: DeserializeSeed<'de>> DeserializeSeed<'de> for NullableSeed<S> {
    type Value = Option<S::Value>;
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_option(self)
    }
}

impl<'de, S: DeserializeSeed<'de>> Visitor<'de> for NullableSeed<S> {
    type Value = Option<S::Value>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a value or null")
    }
    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        self.0.deserialize(deserializer).map(Some)
    }
}

/// Checks `minProperties` / `maxProperties` against the number of keys an object had.
pub fn property_count<E: de::Error>(
    count: u64,
    min: Option<u64>,
    max: Option<u64>,
) -> Result<(), E> {
    assertion::property_count(count, min, max).map_err(|err| broken(err, object_shown(count)))
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
            put_new(&mut out, key, &mut map)?;
        }
        Ok(serde_json::Value::Object(out))
    }
}

/// Reads the value of field `field` into `slot` with `seed`; a second occurrence of the
/// key is an error (generated deserializers call this for every known key).
#[inline]
pub fn put<'de, A: de::MapAccess<'de>, S: DeserializeSeed<'de>>(
    slot: &mut Option<S::Value>,
    field: &'static str,
    map: &mut A,
    seed: S,
) -> Result<(), A::Error> {
    if slot.is_some() {
        return Err(de::Error::duplicate_field(field));
    }
    *slot = Some(map.next_value_seed(seed)?);
    Ok(())
}

/// The value of a required field, or the missing-field error.
#[inline]
pub fn required<T, E: de::Error>(slot: Option<T>, field: &'static str) -> Result<T, E> {
    slot.ok_or_else(|| E::missing_field(field))
}

/// The maps generated structs keep patterned and other properties in (`map_type`):
/// what the reader needs of them, so that one reader serves every map type.
pub trait PropertyMap<V> {
    /// Whether `key` is already in the map.
    fn has(&self, key: &str) -> bool;
    /// Adds `key` (not already in the map).
    fn put(&mut self, key: String, value: V);
}

impl<V> PropertyMap<V> for std::collections::BTreeMap<String, V> {
    fn has(&self, key: &str) -> bool {
        self.contains_key(key)
    }
    fn put(&mut self, key: String, value: V) {
        self.insert(key, value);
    }
}

impl<V, H: std::hash::BuildHasher> PropertyMap<V> for std::collections::HashMap<String, V, H> {
    fn has(&self, key: &str) -> bool {
        self.contains_key(key)
    }
    fn put(&mut self, key: String, value: V) {
        self.insert(key, value);
    }
}

#[cfg(feature = "indexmap")]
impl<V, H: std::hash::BuildHasher> PropertyMap<V> for indexmap::IndexMap<String, V, H> {
    fn has(&self, key: &str) -> bool {
        self.contains_key(key)
    }
    fn put(&mut self, key: String, value: V) {
        self.insert(key, value);
    }
}

impl PropertyMap<serde_json::Value> for serde_json::Map<String, serde_json::Value> {
    fn has(&self, key: &str) -> bool {
        self.contains_key(key)
    }
    fn put(&mut self, key: String, value: serde_json::Value) {
        self.insert(key, value);
    }
}

/// Keeps an unknown key of an open object (duplicates rejected at every depth).
pub fn put_extra<'de, A: de::MapAccess<'de>, M: PropertyMap<serde_json::Value>>(
    extra: &mut M,
    key: &str,
    map: &mut A,
) -> Result<(), A::Error> {
    if extra.has(key) {
        return Err(duplicate(key));
    }
    let StrictValue(value) = map.next_value()?;
    extra.put(key.to_owned(), value);
    Ok(())
}

/// Reads the value of `key` into `object` unless the key is already there: one lookup,
/// and the duplicate is reported before its value is read.
fn put_new<'de, A: de::MapAccess<'de>>(
    object: &mut serde_json::Map<String, serde_json::Value>,
    key: String,
    map: &mut A,
) -> Result<(), A::Error> {
    match object.entry(key) {
        serde_json::map::Entry::Occupied(entry) => Err(duplicate(entry.key())),
        serde_json::map::Entry::Vacant(entry) => {
            let StrictValue(value) = map.next_value()?;
            entry.insert(value);
            Ok(())
        }
    }
}

/// Keeps a key of an object whose other keys have a schema, read with `seed`
/// (duplicates rejected).
pub fn put_typed_extra<'de, A, S, M>(
    extra: &mut M,
    key: &str,
    map: &mut A,
    seed: S,
) -> Result<(), A::Error>
where
    A: de::MapAccess<'de>,
    S: DeserializeSeed<'de>,
    M: PropertyMap<S::Value>,
{
    if extra.has(key) {
        return Err(duplicate(key));
    }
    let value = map.next_value_seed(seed)?;
    extra.put(key.to_owned(), value);
    Ok(())
}

/// An object key, borrowed from the input when possible.
pub struct Key<'de>(Cow<'de, str>);

impl Key<'_> {
    /// The key.
    #[inline]
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl<'de> Key<'de> {
    /// The key, owned or borrowed.
    pub(crate) fn into_inner(self) -> Cow<'de, str> {
        self.0
    }
}

impl<'de> Deserialize<'de> for Key<'de> {
    #[inline]
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer
            .deserialize_str(StringVisitor("an object key"))
            .map(Key)
    }
}

/// How the schema declared an enum: `enum` or `const`, with or without a `type`. It
/// decides the keyword an error names, as the validator would: a value of another JSON
/// type breaks `type` when the schema states one, else the `enum` (or `const`) itself.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Declared {
    /// `enum`, no `type`.
    Enum,
    /// `enum` next to `type`.
    TypedEnum,
    /// `const`, no `type`.
    Const,
    /// `const` next to `type`.
    TypedConst,
}

impl Declared {
    fn keyword(self) -> Keyword {
        match self {
            Declared::Enum | Declared::TypedEnum => Keyword::Enum,
            Declared::Const | Declared::TypedConst => Keyword::Const,
        }
    }

    fn typed(self) -> bool {
        matches!(self, Declared::TypedEnum | Declared::TypedConst)
    }

    /// The error for a value that is none of `values` (JSON texts), shown as `found`.
    fn broken<E: de::Error, T: fmt::Display>(self, values: &[T], found: impl fmt::Display) -> E {
        broken(Broken::values(self.keyword(), values), found)
    }
}

/// Reads one of `values` (a string enum): `Ok(index)`, or, under a tolerant read, the
/// unknown value kept (`Err`). `legacy` are the declared legacy values
/// (`x-des-legacy`) with the index of their current synonym.
#[inline]
pub fn str_enum<'de, D: Deserializer<'de>>(
    deserializer: D,
    values: &'static [&'static str],
    legacy: &'static [(&'static str, usize)],
    declared: Declared,
) -> Result<Result<usize, UnknownValue>, D::Error> {
    let text = if declared.typed() {
        deserializer.deserialize_str(StringVisitor("a string"))?
    } else {
        match deserializer.deserialize_any(StringOrShown)? {
            Ok(text) => text,
            Err(shown) => return other_value(shown, values, declared),
        }
    };
    match values.iter().position(|value| *value == text) {
        Some(index) => Ok(Ok(index)),
        None => other_str(&text, values, legacy, declared),
    }
}

/// [`str_enum`] off its fast path: a legacy value, a tolerated unknown one, or the error.
#[cold]
fn other_str<E: de::Error>(
    text: &str,
    values: &'static [&'static str],
    legacy: &'static [(&'static str, usize)],
    declared: Declared,
) -> Result<Result<usize, UnknownValue>, E> {
    if let Some((old, index)) = legacy.iter().find(|(old, _)| *old == text) {
        let current = values.get(*index).copied().unwrap_or_default();
        policy::legacy_value(old, current);
        return Ok(Ok(*index));
    }
    match policy::unknown_value(|| serde_json::Value::String(text.to_owned())) {
        Some(kept) => Ok(Err(kept)),
        None => Err(declared.broken(&json_strings(values), quote(text, false))),
    }
}

/// A value of another JSON type than the string enum's, where the schema states no
/// `type`: kept under a tolerant read, else an `enum` (`const`) error.
#[cold]
fn other_value<E: de::Error>(
    shown: Shown,
    values: &'static [&'static str],
    declared: Declared,
) -> Result<Result<usize, UnknownValue>, E> {
    match shown {
        Shown::Value(value) => match policy::unknown_value(|| value.clone()) {
            Some(kept) => Ok(Err(kept)),
            None => Err(declared.broken(&json_strings(values), shown_value(&value))),
        },
        Shown::Container(text) => Err(declared.broken(&json_strings(values), text)),
    }
}

/// Strings as JSON texts (`"red"`), as an error lists allowed values.
fn json_strings(values: &[&str]) -> Vec<String> {
    values
        .iter()
        .map(|value| serde_json::Value::from(*value).to_string())
        .collect()
}

/// How a scalar is shown in an error (as the validator's errors show it).
fn shown_value(value: &serde_json::Value) -> String {
    match value {
        serde_json::Value::String(text) => quote(text, false),
        other => other.to_string(),
    }
}

/// What [`StringOrShown`] read instead of a string.
enum Shown {
    /// A scalar (kept whole: a tolerant read keeps it).
    Value(serde_json::Value),
    /// An array or an object, read through and described (`an array of 2 items`).
    Container(String),
}

/// Reads a string, or anything else as [`Shown`] (the string enum of a schema without
/// `type`).
struct StringOrShown;

impl<'de> Visitor<'de> for StringOrShown {
    type Value = Result<Cow<'de, str>, Shown>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }
    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Self::Value, E> {
        Ok(Ok(Cow::Borrowed(v)))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Ok(Ok(Cow::Owned(v.to_owned())))
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<Self::Value, E> {
        Ok(Ok(Cow::Owned(v)))
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Self::Value, E> {
        Ok(Err(Shown::Value(v.into())))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
        Ok(Err(Shown::Value(v.into())))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
        Ok(Err(Shown::Value(v.into())))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
        Ok(Err(Shown::Value(v.into())))
    }
    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(Err(Shown::Value(serde_json::Value::Null)))
    }
    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(Err(Shown::Value(serde_json::Value::Null)))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut count = 0;
        while seq.next_element::<de::IgnoredAny>()?.is_some() {
            count += 1;
        }
        Ok(Err(Shown::Container(array_shown(count))))
    }
    fn visit_map<A: de::MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut count = 0;
        while map
            .next_entry::<de::IgnoredAny, de::IgnoredAny>()?
            .is_some()
        {
            count += 1;
        }
        Ok(Err(Shown::Container(object_shown(count))))
    }
}

/// The value of a JSON literal the engine wrote (always valid; `null` otherwise).
pub fn json_literal(text: &str) -> serde_json::Value {
    serde_json::from_str(text).unwrap_or(serde_json::Value::Null)
}

/// Reads any JSON value and returns the index of the equal one among `values` (JSON
/// texts), for enums whose values are not all strings; under a tolerant read, an
/// unknown value is kept (`Err`). `legacy` are the declared legacy values (JSON texts)
/// with the index of their current synonym.
pub fn value_enum<'de, D: Deserializer<'de>>(
    deserializer: D,
    values: &'static [&'static str],
    legacy: &'static [(&'static str, usize)],
    declared: Declared,
) -> Result<Result<usize, UnknownValue>, D::Error> {
    let StrictValue(value) = StrictValue::deserialize(deserializer)?;
    let equal = |text: &&str| json::equal(&json_literal(text), &value);
    if let Some(index) = values.iter().position(equal) {
        return Ok(Ok(index));
    }
    if let Some((old, index)) = legacy.iter().find(|(old, _)| equal(old)) {
        let current = values.get(*index).copied().unwrap_or_default();
        policy::legacy_value(old, current);
        return Ok(Ok(*index));
    }
    let shown = shown_value(&value);
    match policy::unknown_value(|| value) {
        Some(kept) => Ok(Err(kept)),
        None => Err(declared.broken(values, shown)),
    }
}

/// One way to read a buffered value as an alternative of a union.
pub type Attempt<T> = fn(&serde_json::Value) -> Result<T, serde_json::Error>;

/// Reads a value of a `oneOf` / `anyOf` union: buffers it, then tries the alternatives.
/// `oneOf` needs exactly one to match; `anyOf` takes the first that does.
pub fn union<'de, T, D: Deserializer<'de>>(
    deserializer: D,
    keyword: Keyword,
    attempts: &[Attempt<T>],
) -> Result<T, D::Error> {
    let StrictValue(value) = StrictValue::deserialize(deserializer)?;
    let mut found = None;
    let mut matches = 0usize;
    let mut first_error = None;
    for attempt in attempts {
        // Alternatives are told apart by exactly what tolerance would let through.
        match policy::strictly(|| attempt(&value)) {
            Ok(parsed) => {
                matches += 1;
                if found.is_none() {
                    found = Some(parsed);
                }
                if keyword == Keyword::AnyOf {
                    break;
                }
            }
            Err(err) => {
                if first_error.is_none() {
                    first_error = Some(err.to_string());
                }
            }
        }
    }
    match (found, matches) {
        (Some(parsed), 1) => Ok(parsed),
        (Some(parsed), _) if keyword == Keyword::AnyOf => Ok(parsed),
        (Some(_), count) => Err(violation(
            keyword,
            "exactly one alternative to match",
            format_args!("{count} alternatives that match"),
        )),
        (None, _) => Err(violation(
            keyword,
            format_args!(
                "{} of {} alternatives to match",
                if keyword == Keyword::OneOf {
                    "one"
                } else {
                    "at least one"
                },
                attempts.len()
            ),
            format_args!(
                "a value none matches (the first says: {})",
                first_error.unwrap_or_default()
            ),
        )),
    }
}

/// The `{"type": "null"}` alternative of a union.
pub fn null_alternative(value: &serde_json::Value) -> Result<(), serde_json::Error> {
    if value.is_null() {
        Ok(())
    } else {
        Err(de::Error::custom("expected null"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn byte_lengths_settle_only_what_they_can() {
        let rules = |min: Option<u64>, max: Option<u64>| StrRules {
            format: None,
            min_length: min,
            max_length: max,
            pattern: None,
            credential: false,
        };
        let ok = |rules: StrRules, text: &str| rules.check::<serde_json::Error>(text).is_ok();
        for text in [
            "",
            "a",
            "ab",
            "é",
            "😀",
            "😀😀",
            "aé😀",
            "abcd",
            "abcdefgh",
            "é😀é😀",
        ] {
            let length = text.chars().count() as u64;
            for bound in 0..10 {
                assert_eq!(
                    ok(rules(Some(bound), None), text),
                    length >= bound,
                    "{text} {bound}"
                );
                assert_eq!(
                    ok(rules(None, Some(bound)), text),
                    length <= bound,
                    "{text} {bound}"
                );
                for max in bound..10 {
                    let inside = length >= bound && length <= max;
                    assert_eq!(ok(rules(Some(bound), Some(max)), text), inside, "{text}");
                }
            }
        }
    }

    #[test]
    fn integers_accept_integral_floats_only() {
        static RULES: IntRules = IntRules {
            minimum: Some(i64::MIN),
            maximum: Some(i64::MAX),
            exclusive_minimum: None,
            exclusive_maximum: None,
            multiple_of: None,
        };
        let read = |text: &str| {
            IntSeed::<i64>::new(&RULES).deserialize(&mut serde_json::Deserializer::from_str(text))
        };
        assert_eq!(read("5").ok(), Some(5));
        assert_eq!(read("5.0").ok(), Some(5));
        assert!(read("5.5").is_err());
        assert!(read("\"5\"").is_err());
        assert!(read("18446744073709551615").is_err());
    }
}
