//! Unions whose variant data is the whole object less the tag: the flat form
//! (`{"type": "click", "x": 1}`) and open envelopes (`{"name": ..., "message": ...,
//! "trace": ...}`). The reader, its precise-error path, and the writer that puts the tag
//! first.
//!
//! When the tag comes first, the rest of the object is read straight into the variant's
//! struct (a second tag is a duplicate key). Otherwise the object is buffered, then read
//! once the tag is known. There is no byte-level fast path: that one is kept for closed
//! envelopes (see [`crate::envelope`]).

use std::fmt;
use std::marker::PhantomData;

use serde::de::value::MapAccessDeserializer;
use serde::de::{self, DeserializeSeed, Deserializer, IntoDeserializer, MapAccess, Visitor};
use serde::ser::{self, Impossible, Serialize, SerializeMap, SerializeStruct, Serializer};
use serde_json::value::RawValue;

use des_events_core::Path;

use crate::envelope::{EventName, EventSet, UNKNOWN_EVENT, bare, last_char, position};
use crate::error::{Error, Problem, member};
use crate::located::{Node, NodeDeserializer, RawMembers};
use crate::rules::{Key, StrictValue};

/// `Deserialize` for a flat union.
pub(crate) fn deserialize<'de, T: EventSet, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<T, D::Error> {
    deserializer.deserialize_map(FlatVisitor::<T>(PhantomData))
}

struct FlatVisitor<T>(PhantomData<fn() -> T>);

impl<'de, T: EventSet> Visitor<'de> for FlatVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "an object with a `{}` ({})", T::TAG, T::NAME)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<T, A::Error> {
        let Some(first) = map.next_key::<Key<'de>>()? else {
            return Err(de::Error::missing_field(T::TAG));
        };
        if first.as_str() == T::TAG {
            let index = known(map.next_value_seed(EventName::<T>(PhantomData))?)?;
            let rest = WithoutTag(map, T::TAG);
            return T::deserialize_message(index, MapAccessDeserializer::new(rest));
        }
        // The tag comes later: buffer the other members, in their order.
        let mut object = serde_json::Map::new();
        let mut tag: Option<serde_json::Value> = None;
        let mut key = Some(first);
        while let Some(current) = key {
            let name = current.into_inner();
            if name == T::TAG {
                if tag.replace(map.next_value::<StrictValue>()?.0).is_some() {
                    return Err(de::Error::duplicate_field(T::TAG));
                }
            } else {
                if object.contains_key(name.as_ref()) {
                    return Err(de::Error::custom(format_args!("duplicate field `{name}`")));
                }
                let value = map.next_value::<StrictValue>()?.0;
                object.insert(name.into_owned(), value);
            }
            key = map.next_key::<Key<'de>>()?;
        }
        let tag = match tag {
            Some(serde_json::Value::String(tag)) => tag,
            Some(_) => return Err(de::Error::custom("the tag is not a string")),
            None => return Err(de::Error::missing_field(T::TAG)),
        };
        let index = known(
            EventName::<T>(PhantomData)
                .deserialize(de::value::StrDeserializer::<A::Error>::new(&tag))?,
        )?;
        T::deserialize_message(index, serde_json::Value::Object(object)).map_err(de::Error::custom)
    }
}

/// The index of a known tag (a flat union has no catch-all variant).
fn known<E: de::Error>(found: Result<usize, String>) -> Result<usize, E> {
    found.map_err(|name| E::custom(format_args!("{UNKNOWN_EVENT}{name}`")))
}

/// The rest of an object whose tag (the `&str`) was read: a second tag is a duplicate
/// key.
struct WithoutTag<A>(A, &'static str);

impl<'de, A: MapAccess<'de>> MapAccess<'de> for WithoutTag<A> {
    type Error = A::Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, A::Error> {
        let Some(key) = self.0.next_key::<Key<'de>>()? else {
            return Ok(None);
        };
        if key.as_str() == self.1 {
            return Err(de::Error::duplicate_field(self.1));
        }
        match key.into_inner() {
            std::borrow::Cow::Borrowed(key) => seed
                .deserialize(de::value::BorrowedStrDeserializer::<A::Error>::new(key))
                .map(Some),
            std::borrow::Cow::Owned(key) => seed.deserialize(key.into_deserializer()).map(Some),
        }
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, A::Error> {
        self.0.next_value_seed(seed)
    }

    fn size_hint(&self) -> Option<usize> {
        self.0.size_hint()
    }
}

/// Parses one document of a flat union, with a precise [`Error`] on failure.
pub(crate) fn from_json<T: EventSet>(text: &str) -> Result<T, Error> {
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let fast =
        deserialize::<T, _>(&mut deserializer).and_then(|value| deserializer.end().map(|()| value));
    match fast {
        Ok(value) => Ok(value),
        Err(fast) => Err(diagnose::<T>(text, &fast).redact(text, T::CREDENTIALS)),
    }
}

/// The slow path: re-reads `text` step by step to say precisely what is wrong.
fn diagnose<T: EventSet>(text: &str, fast: &serde_json::Error) -> Error {
    if let Err(err) = serde_json::from_str::<de::IgnoredAny>(text) {
        return Error::Syntax {
            line: err.line().max(1),
            column: err.column().max(1),
            message: bare(&err),
        };
    }
    let end = position(text, text.trim_end().len());
    let members: Vec<(String, &RawValue)> = match serde_json::from_str::<RawMembers<'_>>(text) {
        Ok(RawMembers(members)) => members,
        Err(_) => {
            let found = Node::read(text, 0)
                .map(|node| node.describe())
                .unwrap_or_default();
            let problem = Problem::WrongType {
                expected: format!("an object with a `{}`", T::TAG),
                found,
            };
            return Error::invalid(
                None,
                Path::root(),
                problem,
                last_char(text, text.trim_end().len()),
            );
        }
    };
    let at = |raw: &RawValue| position(text, raw.get().as_ptr() as usize - text.as_ptr() as usize);
    let mut tags = members.iter().filter(|(key, _)| key == T::TAG);
    let Some((_, tag_raw)) = tags.next() else {
        let problem = Problem::MissingField {
            field: T::TAG.to_owned(),
        };
        return Error::invalid(None, member(T::TAG), problem, end);
    };
    if let Some((_, again)) = tags.next() {
        let problem = Problem::DuplicateField {
            field: T::TAG.to_owned(),
        };
        return Error::invalid(None, member(T::TAG), problem, at(again));
    }
    let name = match serde_json::from_str::<String>(tag_raw.get()) {
        Ok(name) => name,
        Err(_) => {
            let found = Node::read(tag_raw.get(), 0)
                .map(|node| node.describe())
                .unwrap_or_default();
            let problem = Problem::WrongType {
                expected: format!("a `{}` name (a string)", T::TAG),
                found,
            };
            return Error::invalid(None, member(T::TAG), problem, at(tag_raw));
        }
    };
    let Some(index) = T::EVENTS.iter().position(|known| *known == name) else {
        let (line, column) = at(tag_raw);
        return Error::UnknownEvent { name, line, column };
    };
    if let Ok(mut node) = Node::read(text, 0) {
        node.remove_member(T::TAG);
        if let Err(located) = T::deserialize_message(index, NodeDeserializer(&node)) {
            let end = located.end.unwrap_or(node.end);
            return Error::invalid(
                Some(name),
                located.path,
                located.problem,
                last_char(text, end),
            );
        }
    }
    // Not expected: the fast path failed where the careful one did not.
    Error::invalid(
        Some(name),
        Path::root(),
        Problem::Other {
            message: bare(fast),
        },
        (fast.line(), fast.column()),
    )
}

/// Serializes `payload` (a struct or a map) as one object with `tag: name` first.
pub fn serialize<S: Serializer, M: Serialize + ?Sized>(
    serializer: S,
    tag: &'static str,
    name: &'static str,
    payload: &M,
) -> Result<S::Ok, S::Error> {
    payload.serialize(TagFirst {
        inner: serializer,
        tag,
        name,
    })
}

/// A serializer that accepts only objects, and writes them with the tag first.
struct TagFirst<S> {
    inner: S,
    tag: &'static str,
    name: &'static str,
}

impl<S: Serializer> TagFirst<S> {
    fn open(self, len: Option<usize>) -> Result<Tagged<S::SerializeMap>, S::Error> {
        let mut map = self.inner.serialize_map(len.map(|len| len + 1))?;
        map.serialize_entry(self.tag, self.name)?;
        Ok(Tagged(map))
    }
}

fn not_an_object<E: ser::Error>() -> E {
    E::custom("the data of a tagged variant must be an object")
}

macro_rules! not_an_object {
    ($($method:ident($($arg:ty),*);)*) => {
        $(
            fn $method(self, $(_: $arg),*) -> Result<S::Ok, S::Error> {
                Err(not_an_object())
            }
        )*
    };
}

impl<S: Serializer> Serializer for TagFirst<S> {
    type Ok = S::Ok;
    type Error = S::Error;
    type SerializeSeq = Impossible<S::Ok, S::Error>;
    type SerializeTuple = Impossible<S::Ok, S::Error>;
    type SerializeTupleStruct = Impossible<S::Ok, S::Error>;
    type SerializeTupleVariant = Impossible<S::Ok, S::Error>;
    type SerializeMap = Tagged<S::SerializeMap>;
    type SerializeStruct = Tagged<S::SerializeMap>;
    type SerializeStructVariant = Impossible<S::Ok, S::Error>;

    not_an_object! {
        serialize_bool(bool);
        serialize_i8(i8);
        serialize_i16(i16);
        serialize_i32(i32);
        serialize_i64(i64);
        serialize_u8(u8);
        serialize_u16(u16);
        serialize_u32(u32);
        serialize_u64(u64);
        serialize_f32(f32);
        serialize_f64(f64);
        serialize_char(char);
        serialize_str(&str);
        serialize_bytes(&[u8]);
        serialize_none();
        serialize_unit();
        serialize_unit_struct(&'static str);
        serialize_unit_variant(&'static str, u32, &'static str);
    }

    fn serialize_some<T: Serialize + ?Sized>(self, _: &T) -> Result<S::Ok, S::Error> {
        Err(not_an_object())
    }

    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        value: &T,
    ) -> Result<S::Ok, S::Error> {
        value.serialize(self)
    }

    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<S::Ok, S::Error> {
        Err(not_an_object())
    }

    fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq, S::Error> {
        Err(not_an_object())
    }

    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, S::Error> {
        Err(not_an_object())
    }

    fn serialize_tuple_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleStruct, S::Error> {
        Err(not_an_object())
    }

    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, S::Error> {
        Err(not_an_object())
    }

    fn serialize_map(self, len: Option<usize>) -> Result<Self::SerializeMap, S::Error> {
        self.open(len)
    }

    fn serialize_struct(
        self,
        _: &'static str,
        len: usize,
    ) -> Result<Self::SerializeStruct, S::Error> {
        self.open(Some(len))
    }

    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, S::Error> {
        Err(not_an_object())
    }
}

/// The members after the tag.
struct Tagged<M>(M);

impl<M: SerializeMap> SerializeStruct for Tagged<M> {
    type Ok = M::Ok;
    type Error = M::Error;

    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), M::Error> {
        self.0.serialize_entry(key, value)
    }

    fn end(self) -> Result<M::Ok, M::Error> {
        self.0.end()
    }
}

impl<M: SerializeMap> SerializeMap for Tagged<M> {
    type Ok = M::Ok;
    type Error = M::Error;

    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), M::Error> {
        self.0.serialize_key(key)
    }

    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), M::Error> {
        self.0.serialize_value(value)
    }

    fn end(self) -> Result<M::Ok, M::Error> {
        self.0.end()
    }
}
