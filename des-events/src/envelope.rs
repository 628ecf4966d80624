//! The envelope `{"event": ..., "message": ...}`: one streaming deserializer shared by
//! every generated dispatch enum, and the precise-error path of `from_json`.
//!
//! The fast path reads the document once. When `event` comes first (as we write it),
//! the message is deserialized straight into its struct; when `message` comes first it
//! is buffered, then read once the event is known. Only when the fast path fails does
//! [`from_json`] re-read the document to find the event, the path, line and column of
//! the problem, so that valid traffic pays nothing for precise errors.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, Visitor};
use serde_json::value::RawValue;

use des_events_core::{Path, Segment};

use crate::error::{Error, Problem, member};
use crate::located::{Node, NodeDeserializer, RawMembers};
use crate::rules::{Key, StrictValue};
use crate::text::StringVisitor;

/// Implemented by generated dispatch enums; the glue between them and this module.
#[doc(hidden)]
pub trait EventSet: Sized {
    /// The enum's name (the schema `title`).
    const NAME: &'static str;
    /// The wire names, in variant order.
    const EVENTS: &'static [&'static str];
    /// `(event, JSON Pointer)` of every credential, e.g. `("updateToken", "/message/idToken")`.
    const CREDENTIALS: &'static [(&'static str, &'static str)];
    /// The WebView function of each event (`x-des-mobile-function`), by event index.
    const MOBILE_FUNCTIONS: &'static [Option<&'static str>];
    /// The native handler name of each event (`x-des-mobile-handler`, else the wire
    /// name), by event index.
    const MOBILE_HANDLERS: &'static [&'static str];
    /// Whether unknown events are kept in a catch-all variant instead of rejected.
    const CATCH_ALL: bool;
    /// Deserializes the message of event number `index` into its variant.
    fn deserialize_message<'de, D: Deserializer<'de>>(
        index: usize,
        deserializer: D,
    ) -> Result<Self, D::Error>;
    /// The catch-all variant for `event`, when the enum has one.
    fn unknown(event: UnknownEvent) -> Option<Self>;
    /// The event's index in [`Self::EVENTS`]; `None` for the catch-all variant.
    fn index(&self) -> Option<usize>;
    /// The bare `message` as JSON.
    fn message_json(&self) -> String;
}

/// An event that the schema does not know, kept as received: the catch-all variant of
/// an enum generated with `include_schema!(..., catch_all = true)`.
///
/// It serializes back to the same envelope (the same JSON value).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownEvent {
    /// The event name as received.
    pub event: String,
    /// The message as received (any JSON value; duplicate keys are rejected).
    pub message: serde_json::Value,
}

impl serde::Serialize for UnknownEvent {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut envelope = serializer.serialize_struct("UnknownEvent", 2)?;
        envelope.serialize_field("event", &self.event)?;
        envelope.serialize_field("message", &self.message)?;
        envelope.end()
    }
}

impl schemars::JsonSchema for UnknownEvent {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "UnknownEvent".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "An event this schema does not know, kept as received.",
            "type": "object",
            "properties": { "event": { "type": "string" }, "message": true },
            "required": ["event", "message"],
            "additionalProperties": false
        })
    }
}

/// `Deserialize` for a dispatch enum: accepts either key order, rejects other keys.
pub fn deserialize<'de, T: EventSet, D: Deserializer<'de>>(deserializer: D) -> Result<T, D::Error> {
    deserializer.deserialize_map(EnvelopeVisitor::<T>(None, PhantomData))
}

/// With `Some(index)`, a `message` that comes before `event` is read straight as that
/// event's message; the `event` that follows must then name it.
struct EnvelopeVisitor<T>(Option<usize>, PhantomData<fn() -> T>);

impl<'de, T: EventSet> Visitor<'de> for EnvelopeVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "an event envelope {{\"event\": ..., \"message\": ...}} ({})",
            T::NAME
        )
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<T, A::Error> {
        // `Ok(index)` for a known event, `Err(name)` for an unknown one (catch-all only).
        let mut event: Option<Result<usize, String>> = None;
        let mut buffered: Option<serde_json::Value> = None;
        let mut done: Option<T> = None;
        while let Some(key) = map.next_key::<Key<'de>>()? {
            match key.as_str() {
                "event" => {
                    if event.is_some() {
                        return Err(de::Error::duplicate_field("event"));
                    }
                    event = Some(map.next_value_seed(EventName::<T>(PhantomData))?);
                }
                "message" => {
                    if done.is_some() || buffered.is_some() {
                        return Err(de::Error::duplicate_field("message"));
                    }
                    match (&event, self.0) {
                        (Some(Ok(index)), _) => {
                            done = Some(map.next_value_seed(MessageSeed::<T>(*index, PhantomData))?)
                        }
                        (None, Some(hint)) => {
                            done = Some(map.next_value_seed(MessageSeed::<T>(hint, PhantomData))?)
                        }
                        _ => buffered = Some(map.next_value::<StrictValue>()?.0),
                    }
                }
                other => return Err(de::Error::unknown_field(other, &["event", "message"])),
            }
        }
        let Some(event) = event else {
            return Err(de::Error::missing_field("event"));
        };
        if let Some(hint) = self.0
            && event != Ok(hint)
        {
            return Err(de::Error::custom("the event hint was wrong"));
        }
        if let Some(value) = done {
            return Ok(value);
        }
        let Some(message) = buffered else {
            return Err(de::Error::missing_field("message"));
        };
        match event {
            Ok(index) => T::deserialize_message(index, message).map_err(de::Error::custom),
            Err(name) => T::unknown(UnknownEvent {
                event: name.clone(),
                message,
            })
            .ok_or_else(|| de::Error::custom(format_args!("{UNKNOWN_EVENT}{name}`"))),
        }
    }
}

/// Reads the event name: its index, or (catch-all only) the unknown name.
struct EventName<T>(PhantomData<fn() -> T>);

/// The message of an unknown event starts with this.
const UNKNOWN_EVENT: &str = "unknown event `";

impl<'de, T: EventSet> DeserializeSeed<'de> for EventName<T> {
    type Value = Result<usize, String>;
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        let name = deserializer.deserialize_str(StringVisitor("an event name (a string)"))?;
        match T::EVENTS.iter().position(|known| *known == name) {
            Some(index) => Ok(Ok(index)),
            None if T::CATCH_ALL => Ok(Err(name.into_owned())),
            None => Err(de::Error::custom(format_args!("{UNKNOWN_EVENT}{name}`"))),
        }
    }
}

struct MessageSeed<T>(usize, PhantomData<fn() -> T>);

impl<'de, T: EventSet> DeserializeSeed<'de> for MessageSeed<T> {
    type Value = T;
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<T, D::Error> {
        T::deserialize_message(self.0, deserializer)
    }
}

/// Parses a bare message for event number `index`, with a precise [`Error`] on failure.
/// `offset` is where `message` starts in `whole` (for line and column).
pub(crate) fn parse_message<T: EventSet>(
    index: usize,
    whole: &str,
    offset: usize,
    message: &str,
) -> Result<T, Error> {
    let mut deserializer = serde_json::Deserializer::from_str(message);
    let fast = match T::deserialize_message(index, &mut deserializer)
        .and_then(|value| deserializer.end().map(|()| value))
    {
        Ok(value) => return Ok(value),
        Err(err) => err,
    };
    let name = T::EVENTS.get(index).copied().unwrap_or_default().to_owned();
    if fast.is_syntax() || fast.is_eof() {
        let (line, column) = shift(whole, offset, fast.line(), fast.column());
        return Err(Error::Syntax {
            line: line.max(1),
            column: column.max(1),
            message: bare(&fast),
        });
    }
    let node = match Node::read(message, offset) {
        Ok(node) => node,
        Err(err) => {
            let (line, column) = shift(whole, offset, err.line(), err.column());
            return Err(Error::Syntax {
                line: line.max(1),
                column: column.max(1),
                message: bare(&err),
            });
        }
    };
    let err = match T::deserialize_message(index, NodeDeserializer(&node)) {
        Err(located) => {
            let mut path = located.path;
            path.prepend(Segment::Key("message".to_owned()));
            let end = located.end.unwrap_or(node.end);
            Error::invalid(Some(name), path, located.problem, last_char(whole, end))
        }
        // Not expected: the fast path failed where the careful one did not.
        Ok(_) => Error::invalid(
            Some(name),
            member("message"),
            Problem::Other {
                message: bare(&fast),
            },
            shift(whole, offset, fast.line(), fast.column()),
        ),
    };
    Err(err.redact(T::CREDENTIALS))
}

/// Parses one enveloped event, with a precise [`Error`] on failure.
pub fn from_json<T: EventSet>(text: &str) -> Result<T, Error> {
    if let Some(hint) = trailing_event::<T>(text) {
        let mut deserializer = serde_json::Deserializer::from_str(text);
        if let Ok(value) = deserializer
            .deserialize_map(EnvelopeVisitor::<T>(Some(hint), PhantomData))
            .and_then(|value| deserializer.end().map(|()| value))
        {
            return Ok(value);
        }
    }
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let fast =
        deserialize::<T, _>(&mut deserializer).and_then(|value| deserializer.end().map(|()| value));
    match fast {
        Ok(value) => Ok(value),
        Err(fast) => Err(diagnose::<T>(text, &fast).redact(T::CREDENTIALS)),
    }
}

/// When the document ends with `"event": "<known name>"}`, that event's index: a hint
/// (checked while parsing) that lets a `message`-first envelope be read in one pass.
fn trailing_event<T: EventSet>(text: &str) -> Option<usize> {
    const WS: [char; 4] = [' ', '\t', '\n', '\r'];
    let rest = text.trim_end_matches(WS).strip_suffix('}')?;
    let rest = rest.trim_end_matches(WS).strip_suffix('"')?;
    let start = rest.rfind('"')?;
    let name = &rest[start + 1..];
    let before = rest[..start].trim_end_matches(WS).strip_suffix(':')?;
    before.trim_end_matches(WS).strip_suffix("\"event\"")?;
    T::EVENTS.iter().position(|known| *known == name)
}

/// Serializes an event; infallible for generated types.
pub fn to_json<T: serde::Serialize>(value: &T) -> String {
    // Generated types serialize only strings, numbers, booleans and string-keyed maps,
    // which serde_json cannot fail on; the fallback is unreachable in practice.
    serde_json::to_string(value)
        .unwrap_or_else(|err| format!("{{\"error\":{:?}}}", err.to_string()))
}

/// Strips serde_json's " at line L column C" suffix.
fn bare(err: &serde_json::Error) -> String {
    let message = err.to_string();
    match message.rfind(" at line ") {
        Some(index) if err.line() > 0 => message[..index].to_owned(),
        _ => message,
    }
}

/// The slow path: re-reads `text` step by step to say precisely what is wrong.
fn diagnose<T: EventSet>(text: &str, fast: &serde_json::Error) -> Error {
    // 1. Well-formed JSON at all?
    if let Err(err) = serde_json::from_str::<de::IgnoredAny>(text) {
        return Error::Syntax {
            line: err.line().max(1),
            column: err.column().max(1),
            message: bare(&err),
        };
    }
    // 2. An object of raw members?
    let members: Vec<(String, &RawValue)> = match serde_json::from_str::<RawMembers<'_>>(text) {
        Ok(RawMembers(members)) => members,
        Err(_) => {
            let found = Node::read(text, 0)
                .map(|node| node.describe())
                .unwrap_or_default();
            let problem = Problem::WrongType {
                expected: "an event envelope {\"event\": ..., \"message\": ...}".to_owned(),
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
    // An envelope-level problem with `key`, at `(line, column)`.
    let envelope = |key: &str, problem: Problem, position: (usize, usize)| {
        Error::invalid(None, member(key), problem, position)
    };
    let mut event = None;
    let mut message = None;
    for (key, raw) in &members {
        let slot = match key.as_str() {
            "event" => &mut event,
            "message" => &mut message,
            _ => return envelope(key, Problem::UnknownField { field: key.clone() }, at(raw)),
        };
        if slot.replace(*raw).is_some() {
            return envelope(key, Problem::DuplicateField { field: key.clone() }, at(raw));
        }
    }
    let end = position(text, text.trim_end().len());
    let missing = |field: &str| {
        envelope(
            field,
            Problem::MissingField {
                field: field.to_owned(),
            },
            end,
        )
    };
    // 3. A known event name?
    let Some(event_raw) = event else {
        return missing("event");
    };
    let name = match serde_json::from_str::<String>(event_raw.get()) {
        Ok(name) => name,
        Err(_) => {
            let found = Node::read(event_raw.get(), 0)
                .map(|node| node.describe())
                .unwrap_or_default();
            let problem = Problem::WrongType {
                expected: "an event name (a string)".to_owned(),
                found,
            };
            return Error::invalid(None, member("event"), problem, at(event_raw));
        }
    };
    let index = T::EVENTS.iter().position(|known| *known == name);
    if index.is_none() && !T::CATCH_ALL {
        let (line, column) = at(event_raw);
        return Error::UnknownEvent { name, line, column };
    }
    // 4. A valid message?
    let Some(message_raw) = message else {
        let mut err = missing("message");
        if let Error::Invalid(invalid) = &mut err {
            invalid.event = Some(name);
        }
        return err;
    };
    if let Some(index) = index {
        let offset = message_raw.get().as_ptr() as usize - text.as_ptr() as usize;
        if let Err(err) = parse_message::<T>(index, text, offset, message_raw.get()) {
            return err;
        }
    }
    // Not expected: the fast path failed where the careful one did not.
    let event = index.map(|_| name);
    Error::invalid(
        event,
        Path::root(),
        Problem::Other {
            message: bare(fast),
        },
        (fast.line(), fast.column()),
    )
}

/// The 1-based line and column of the last byte before `end` (where `serde_json` points
/// when a value it just read is wrong).
fn last_char(text: &str, end: usize) -> (usize, usize) {
    position(text, end.saturating_sub(1))
}

/// The 1-based line and column of byte `offset`.
fn position(text: &str, offset: usize) -> (usize, usize) {
    let before = text.get(..offset).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let start = before.rfind('\n').map_or(0, |index| index + 1);
    (line, before.len() - start + 1)
}

/// Maps a position inside the sub-document at `offset` to one in `text`.
fn shift(text: &str, offset: usize, line: usize, column: usize) -> (usize, usize) {
    let (base_line, base_column) = position(text, offset);
    if line <= 1 {
        (base_line, base_column + column.saturating_sub(1))
    } else {
        (base_line + line - 1, column)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions() {
        assert_eq!(position("abc", 0), (1, 1));
        assert_eq!(position("a\nbc", 3), (2, 2));
        assert_eq!(shift("xx\n  {\"a\":1}", 5, 1, 3), (2, 5));
    }
}
