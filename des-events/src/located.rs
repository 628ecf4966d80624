//! The careful second reading of a rejected document: it says precisely what is wrong,
//! where, as typed values.
//!
//! The fast path (`serde_json` straight into the generated types) only has to accept or
//! reject. When it rejects, the document is read again into a tree of [`Node`]s that
//! keeps every member (duplicates too) and the byte span of every value, and the same
//! generated `Deserialize` code runs over that tree through [`NodeDeserializer`], whose
//! error type [`Located`] is ours. So serde's own error constructors (`missing_field`,
//! `invalid_type`, ...) arrive here as typed calls, the constraint checks hand over their
//! typed [`Problem`] (see `error::hand_off`), and the path is collected segment by
//! segment on the way out. No error text is ever parsed back.

use std::cell::Cell;
use std::fmt;

use des_events_core::{Path, Segment};
use serde::de::{
    self, DeserializeSeed, Deserializer, IntoDeserializer, MapAccess, SeqAccess, Unexpected,
    Visitor,
};
use serde::forward_to_deserialize_any;
use serde_json::value::RawValue;

use crate::error::{Problem, take_handed};
use crate::text::quote;

/// A JSON value with its byte span in the whole text.
pub(crate) struct Node {
    /// Byte offset of the value's first byte.
    pub(crate) start: usize,
    /// Byte offset just past the value's last byte.
    pub(crate) end: usize,
    kind: Kind,
}

enum Kind {
    Null,
    Bool(bool),
    Number(serde_json::Number),
    String(String),
    Array(Vec<Node>),
    Object(Vec<Member>),
}

struct Member {
    key: String,
    /// Byte offset just past the key's closing quote.
    key_end: usize,
    value: Node,
}

impl Node {
    /// Removes every member called `key` of an object (nothing for other values).
    pub(crate) fn remove_member(&mut self, key: &str) {
        if let Kind::Object(members) = &mut self.kind {
            members.retain(|member| member.key != key);
        }
    }

    /// The members of an object, in order (duplicates too); `None` for other values.
    pub(crate) fn members(&self) -> Option<impl Iterator<Item = (&str, &Node)>> {
        match &self.kind {
            Kind::Object(members) => Some(
                members
                    .iter()
                    .map(|member| (member.key.as_str(), &member.value)),
            ),
            _ => None,
        }
    }

    /// The string, when the value is one.
    pub(crate) fn as_str(&self) -> Option<&str> {
        match &self.kind {
            Kind::String(text) => Some(text),
            _ => None,
        }
    }

    /// Reads `text`, which starts at byte `base` of the whole document, into a tree.
    ///
    /// Each level re-reads its own raw text (so a value's span is known without a parser
    /// of our own): O(size × depth), paid only for a rejected document, and bounded
    /// because `serde_json` already refused anything nested beyond 128 levels.
    pub(crate) fn read(text: &str, base: usize) -> Result<Node, serde_json::Error> {
        let raw: &RawValue = serde_json::from_str(text)?;
        Node::from_raw(text, base, raw)
    }

    fn from_raw(text: &str, base: usize, raw: &RawValue) -> Result<Node, serde_json::Error> {
        let json = raw.get();
        let start = base + (json.as_ptr() as usize - text.as_ptr() as usize);
        let end = start + json.len();
        let kind = match json.as_bytes().first() {
            Some(b'{') => {
                let RawMembers(members) = serde_json::from_str(json)?;
                let mut out = Vec::with_capacity(members.len());
                for (key, value) in members {
                    let value = Node::from_raw(text, base, value)?;
                    let key_end = key_end(text, base, value.start);
                    out.push(Member {
                        key,
                        key_end,
                        value,
                    });
                }
                Kind::Object(out)
            }
            Some(b'[') => {
                let items: Vec<&RawValue> = serde_json::from_str(json)?;
                let items = items
                    .into_iter()
                    .map(|item| Node::from_raw(text, base, item))
                    .collect::<Result<_, _>>()?;
                Kind::Array(items)
            }
            Some(b'"') => Kind::String(serde_json::from_str(json)?),
            Some(b't' | b'f') => Kind::Bool(serde_json::from_str(json)?),
            Some(b'n') => Kind::Null,
            _ => Kind::Number(serde_json::from_str(json)?),
        };
        Ok(Node { start, end, kind })
    }

    /// How the value shows in an error: `integer 42`, `string "x"`, `an object`.
    pub(crate) fn describe(&self) -> String {
        found(&self.unexpected())
    }

    /// The value as serde's `Unexpected`.
    pub(crate) fn unexpected(&self) -> Unexpected<'_> {
        match &self.kind {
            Kind::Null => Unexpected::Unit,
            Kind::Bool(value) => Unexpected::Bool(*value),
            Kind::Number(number) => number_unexpected(number),
            Kind::String(text) => Unexpected::Str(text),
            Kind::Array(_) => Unexpected::Seq,
            Kind::Object(_) => Unexpected::Map,
        }
    }
}

fn number_unexpected(number: &serde_json::Number) -> Unexpected<'static> {
    if let Some(value) = number.as_u64() {
        Unexpected::Unsigned(value)
    } else if let Some(value) = number.as_i64() {
        Unexpected::Signed(value)
    } else {
        Unexpected::Float(number.as_f64().unwrap_or(f64::NAN))
    }
}

/// Where the key of the member whose value starts at `value_start` ends: back over the
/// whitespace and the `:` between them.
fn key_end(text: &str, base: usize, value_start: usize) -> usize {
    let before = text.get(..value_start - base).unwrap_or_default();
    let trimmed = before.trim_end_matches([' ', '\t', '\n', '\r']);
    let trimmed = trimmed.strip_suffix(':').unwrap_or(trimmed);
    base + trimmed.trim_end_matches([' ', '\t', '\n', '\r']).len()
}

/// An object's members as raw values, keeping duplicates and order.
pub(crate) struct RawMembers<'a>(pub(crate) Vec<(String, &'a RawValue)>);

impl<'de: 'a, 'a> de::Deserialize<'de> for RawMembers<'a> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct MembersVisitor<'a>(std::marker::PhantomData<&'a ()>);
        impl<'de: 'a, 'a> Visitor<'de> for MembersVisitor<'a> {
            type Value = RawMembers<'a>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut members = Vec::new();
                while let Some(key) = map.next_key::<String>()? {
                    let value: &'a RawValue = map.next_value()?;
                    members.push((key, value));
                }
                Ok(RawMembers(members))
            }
        }
        deserializer.deserialize_map(MembersVisitor(std::marker::PhantomData))
    }
}

/// A typed problem, the path to it (relative to where it is now on its way out) and the
/// byte offset just past the value where it was found.
#[derive(Debug)]
pub(crate) struct Located {
    pub(crate) problem: Problem,
    /// Innermost segment last once complete; built by prepending.
    pub(crate) path: Path,
    pub(crate) end: Option<usize>,
}

impl Located {
    fn new(problem: Problem) -> Located {
        // A field problem is located at the field.
        let path = match problem.field() {
            Some(field) => Path::root().key(field),
            None => Path::root(),
        };
        Located {
            problem,
            path,
            end: None,
        }
    }

    fn at(mut self, end: usize) -> Located {
        self.end.get_or_insert(end);
        self
    }

    fn inside(mut self, segment: Segment) -> Located {
        self.path.prepend(segment);
        self
    }
}

impl fmt::Display for Located {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} at {}", self.problem, self.path)
    }
}

impl std::error::Error for Located {}

/// How a found value is shown: `integer 42`, `string "abc"`, `null`, `an object`.
fn found(unexpected: &Unexpected<'_>) -> String {
    match unexpected {
        Unexpected::Bool(value) => format!("boolean {value}"),
        Unexpected::Unsigned(value) => format!("integer {value}"),
        Unexpected::Signed(value) => format!("integer {value}"),
        Unexpected::Float(value) => format!("floating point {value}"),
        Unexpected::Str(text) => quote(text, false),
        Unexpected::Unit => "null".to_owned(),
        Unexpected::Seq => "an array".to_owned(),
        Unexpected::Map => "an object".to_owned(),
        other => other.to_string(),
    }
}

impl de::Error for Located {
    fn custom<T: fmt::Display>(message: T) -> Self {
        match take_handed() {
            Some((problem, inside)) if !inside.is_root() => Located {
                problem,
                path: inside,
                end: None,
            },
            Some((problem, _)) => Located::new(problem),
            None => Located::new(Problem::Other {
                message: message.to_string(),
            }),
        }
    }

    fn invalid_type(unexpected: Unexpected<'_>, expected: &dyn de::Expected) -> Self {
        Located::new(Problem::WrongType {
            expected: expected.to_string(),
            found: found(&unexpected),
        })
    }

    fn invalid_value(unexpected: Unexpected<'_>, expected: &dyn de::Expected) -> Self {
        Located::invalid_type(unexpected, expected)
    }

    fn missing_field(field: &'static str) -> Self {
        Located::new(Problem::MissingField {
            field: field.to_owned(),
        })
    }

    fn unknown_field(field: &str, _expected: &'static [&'static str]) -> Self {
        Located::new(Problem::UnknownField {
            field: field.to_owned(),
        })
    }

    fn duplicate_field(field: &'static str) -> Self {
        Located::new(Problem::DuplicateField {
            field: field.to_owned(),
        })
    }
}

/// The numeric `deserialize_*` methods: like `serde_json`, any number is visited by its
/// kind (`u64`, `i64` or `f64`) whatever was asked; anything else is the wrong type.
macro_rules! numbers {
    ($($method:ident)*) => {
        $(
            fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Located> {
                match &self.0.kind {
                    Kind::Number(number) => {
                        Self::visit_number(number, visitor).map_err(|err: Located| err.at(self.0.end))
                    }
                    _ => Err(self.wrong_type(&visitor).at(self.0.end)),
                }
            }
        )*
    };
}

/// Runs generated `Deserialize` code over a [`Node`], as `serde_json` would over its
/// text: the same visitor calls for the same JSON, so the same verdict.
pub(crate) struct NodeDeserializer<'de>(pub(crate) &'de Node);

impl<'de> NodeDeserializer<'de> {
    fn wrong_type<V: Visitor<'de>>(&self, visitor: &V) -> Located {
        de::Error::invalid_type(self.0.unexpected(), visitor)
    }

    fn visit_number<V: Visitor<'de>>(
        number: &serde_json::Number,
        visitor: V,
    ) -> Result<V::Value, Located> {
        if let Some(value) = number.as_u64() {
            visitor.visit_u64(value)
        } else if let Some(value) = number.as_i64() {
            visitor.visit_i64(value)
        } else {
            visitor.visit_f64(number.as_f64().unwrap_or(f64::NAN))
        }
    }

    fn visit_map<V: Visitor<'de>>(
        &self,
        members: &'de [Member],
        visitor: V,
    ) -> Result<V::Value, Located> {
        let last_key_end = Cell::new(self.0.start);
        let access = Members {
            members: members.iter(),
            value: None,
            last_key_end: &last_key_end,
        };
        visitor.visit_map(access).map_err(|err| {
            // An unknown or duplicate key is located at the key, like serde_json does.
            let at_key = err.end.is_none()
                && err.path.segments().len() == 1
                && matches!(
                    err.problem,
                    Problem::UnknownField { .. } | Problem::DuplicateField { .. }
                );
            if at_key {
                err.at(last_key_end.get())
            } else {
                err.at(self.0.end)
            }
        })
    }
}

impl<'de> Deserializer<'de> for NodeDeserializer<'de> {
    type Error = Located;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Located> {
        let end = self.0.end;
        let result = match &self.0.kind {
            Kind::Null => visitor.visit_unit(),
            Kind::Bool(value) => visitor.visit_bool(*value),
            Kind::Number(number) => Self::visit_number(number, visitor),
            Kind::String(text) => visitor.visit_borrowed_str(text),
            Kind::Array(items) => visitor.visit_seq(Items {
                items: items.iter().enumerate(),
            }),
            Kind::Object(members) => return self.visit_map(members, visitor),
        };
        result.map_err(|err: Located| err.at(end))
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Located> {
        match &self.0.kind {
            Kind::Bool(value) => visitor
                .visit_bool(*value)
                .map_err(|err: Located| err.at(self.0.end)),
            _ => Err(self.wrong_type(&visitor).at(self.0.end)),
        }
    }

    numbers! {
        deserialize_i8 deserialize_i16 deserialize_i32 deserialize_i64 deserialize_i128
        deserialize_u8 deserialize_u16 deserialize_u32 deserialize_u64 deserialize_u128
        deserialize_f32 deserialize_f64
    }

    fn deserialize_char<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Located> {
        self.deserialize_str(visitor)
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Located> {
        self.deserialize_str(visitor)
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Located> {
        self.deserialize_str(visitor)
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Located> {
        match &self.0.kind {
            Kind::String(text) => visitor
                .visit_borrowed_str(text)
                .map_err(|err: Located| err.at(self.0.end)),
            _ => Err(self.wrong_type(&visitor).at(self.0.end)),
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Located> {
        match &self.0.kind {
            Kind::Null => visitor
                .visit_none()
                .map_err(|err: Located| err.at(self.0.end)),
            _ => visitor.visit_some(self),
        }
    }

    fn deserialize_unit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Located> {
        match &self.0.kind {
            Kind::Null => visitor
                .visit_unit()
                .map_err(|err: Located| err.at(self.0.end)),
            _ => Err(self.wrong_type(&visitor).at(self.0.end)),
        }
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Located> {
        self.deserialize_unit(visitor)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Located> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Located> {
        match &self.0.kind {
            Kind::Array(items) => visitor
                .visit_seq(Items {
                    items: items.iter().enumerate(),
                })
                .map_err(|err: Located| err.at(self.0.end)),
            _ => Err(self.wrong_type(&visitor).at(self.0.end)),
        }
    }

    fn deserialize_tuple<V: Visitor<'de>>(
        self,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, Located> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, Located> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Located> {
        match &self.0.kind {
            Kind::Object(members) => self.visit_map(members, visitor),
            _ => Err(self.wrong_type(&visitor).at(self.0.end)),
        }
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Located> {
        match &self.0.kind {
            Kind::Object(members) => self.visit_map(members, visitor),
            Kind::Array(_) => self.deserialize_seq(visitor),
            _ => Err(self.wrong_type(&visitor).at(self.0.end)),
        }
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Located> {
        match &self.0.kind {
            Kind::String(text) => {
                let unit: de::value::StrDeserializer<'_, Located> =
                    text.as_str().into_deserializer();
                visitor
                    .visit_enum(unit)
                    .map_err(|err: Located| err.at(self.0.end))
            }
            _ => Err(self.wrong_type(&visitor).at(self.0.end)),
        }
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Located> {
        visitor.visit_unit()
    }

    forward_to_deserialize_any! {
        bytes byte_buf
    }
}

struct Items<'de, I: Iterator<Item = (usize, &'de Node)>> {
    items: I,
}

impl<'de, I: Iterator<Item = (usize, &'de Node)>> SeqAccess<'de> for Items<'de, I> {
    type Error = Located;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, Located> {
        match self.items.next() {
            Some((index, item)) => {
                let _entered = crate::policy::enter(|| Segment::Index(index));
                seed.deserialize(NodeDeserializer(item))
                    .map(Some)
                    .map_err(|err: Located| err.at(item.end).inside(Segment::Index(index)))
            }
            None => Ok(None),
        }
    }

    fn size_hint(&self) -> Option<usize> {
        self.items.size_hint().1
    }
}

struct Members<'de, 'c> {
    members: std::slice::Iter<'de, Member>,
    value: Option<&'de Member>,
    last_key_end: &'c Cell<usize>,
}

impl<'de> MapAccess<'de> for Members<'de, '_> {
    type Error = Located;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Located> {
        let Some(member) = self.members.next() else {
            return Ok(None);
        };
        self.value = Some(member);
        self.last_key_end.set(member.key_end);
        seed.deserialize(KeyDeserializer(member.key.as_str()))
            .map(Some)
            .map_err(|err: Located| err.at(member.key_end))
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Located> {
        match self.value.take() {
            Some(member) => {
                let _entered = crate::policy::enter(|| Segment::Key(member.key.clone()));
                seed.deserialize(NodeDeserializer(&member.value))
                    .map_err(|err: Located| {
                        err.at(member.value.end)
                            .inside(Segment::Key(member.key.clone()))
                    })
            }
            None => Err(Located::new(Problem::Other {
                message: "a map value was read before its key".to_owned(),
            })),
        }
    }

    fn size_hint(&self) -> Option<usize> {
        self.members.size_hint().1
    }
}

/// An object key: read as a borrowed string, like `serde_json` reads keys.
struct KeyDeserializer<'de>(&'de str);

impl<'de> Deserializer<'de> for KeyDeserializer<'de> {
    type Error = Located;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Located> {
        visitor.visit_borrowed_str(self.0)
    }

    forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        option unit unit_struct newtype_struct seq tuple tuple_struct map struct enum
        identifier ignored_any
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_and_key_ends() {
        let text = r#"{"a": [1, "x"], "b" :{"c":null}}"#;
        let node = Node::read(text, 0).map_err(|err| err.to_string());
        let Ok(node) = node else {
            panic!("{node:?}", node = node.err());
        };
        assert_eq!((node.start, node.end), (0, text.len()));
        let Kind::Object(members) = &node.kind else {
            panic!("not an object");
        };
        assert_eq!(&text[..members[0].key_end], r#"{"a""#);
        assert_eq!(
            &text[members[0].value.start..members[0].value.end],
            r#"[1, "x"]"#
        );
        assert_eq!(&text[..members[1].key_end], r#"{"a": [1, "x"], "b""#);
    }
}
