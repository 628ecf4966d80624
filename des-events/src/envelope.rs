//! The envelope `{"event": ..., "message": ...}`: one streaming deserializer shared by
//! every generated dispatch enum, and the precise-error path of `from_json`.
//!
//! [`from_json`] first tries the envelope as senders write it, `{"event": "<name>",
//! "message": {...}}` or `{"message": {...}, "event": "<name>"}` (any whitespace between
//! tokens, a known name without escapes): it checks the few envelope tokens on the bytes
//! and deserializes the message text straight into its struct, in either key order,
//! without buffering. Any other document goes through the general reader, which accepts
//! every JSON spelling of the envelope: when `event` comes first the message is read
//! straight into its struct; when `message` comes first it is buffered, then read once
//! the event is known. Only when both fail does [`from_json`] re-read the document to
//! find the event, the path, line and column of the problem, so that valid traffic pays
//! nothing for precise errors.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, Visitor};
use serde_json::value::RawValue;

use des_events_core::{Path, Segment};

use crate::error::{Error, Problem, member};
use crate::located::{Node, NodeDeserializer, RawMembers};
use crate::policy::{self, Decoded, Policy, Warning, WarningKind};
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
    /// The wire name of the request each event answers (`x-des-reply-to`, an event of
    /// the other schema), by event index.
    const REPLY_TO: &'static [Option<&'static str>] = &[];
    /// The wire names of each event's top-level message properties marked `x-des-echo`
    /// (copied from the request a reply answers), by event index.
    const ECHO: &'static [&'static [&'static str]] = &[];
    /// Whether unknown events are kept in a catch-all variant instead of rejected.
    const CATCH_ALL: bool;
    /// The tag property, whose string names the variant.
    const TAG: &'static str = "event";
    /// The content property of a closed envelope, whose value is the variant's data;
    /// `None` when the variant's data is the whole object less the tag (the flat form,
    /// and open envelopes).
    const CONTENT: Option<&'static str> = Some("message");
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
/// It serializes back to the same envelope (the same JSON value). It is `Hash`, so that
/// `derives = [Hash]` holds for a dispatch enum that has the catch-all variant.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
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
    match T::CONTENT {
        Some(content) => deserializer.deserialize_map(EnvelopeVisitor::<T>(content, PhantomData)),
        None => crate::flat::deserialize(deserializer),
    }
}

/// Reads `{<tag>: ..., <content>: ...}`; holds the content key.
struct EnvelopeVisitor<T>(&'static str, PhantomData<fn() -> T>);

impl<'de, T: EventSet> Visitor<'de> for EnvelopeVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "an event envelope {{\"{}\": ..., \"{}\": ...}} ({})",
            T::TAG,
            self.0,
            T::NAME
        )
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<T, A::Error> {
        // `Ok(index)` for a known event, `Err(name)` for an unknown one (catch-all only).
        let mut event: Option<Result<usize, String>> = None;
        let mut buffered: Option<serde_json::Value> = None;
        let mut done: Option<T> = None;
        let content = self.0;
        while let Some(key) = map.next_key::<Key<'de>>()? {
            let key = key.as_str();
            if key == T::TAG {
                if event.is_some() {
                    return Err(de::Error::duplicate_field(T::TAG));
                }
                event = Some(map.next_value_seed(EventName::<T>(PhantomData))?);
            } else if key == content {
                if done.is_some() || buffered.is_some() {
                    return Err(de::Error::duplicate_field(content));
                }
                match &event {
                    Some(Ok(index)) => {
                        done = Some(map.next_value_seed(MessageSeed::<T>(*index, PhantomData))?)
                    }
                    _ => buffered = Some(map.next_value::<StrictValue>()?.0),
                }
            } else {
                let expected: &'static [&'static str] = if T::TAG == "event" && content == "message"
                {
                    &["event", "message"]
                } else {
                    &[]
                };
                return Err(de::Error::unknown_field(key, expected));
            }
        }
        let Some(event) = event else {
            return Err(de::Error::missing_field(T::TAG));
        };
        if let Some(value) = done {
            return Ok(value);
        }
        let Some(message) = buffered else {
            return Err(de::Error::missing_field(content));
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
pub(crate) struct EventName<T>(pub(crate) PhantomData<fn() -> T>);

/// The message of an unknown event starts with this.
pub(crate) const UNKNOWN_EVENT: &str = "unknown event `";

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
            if let Some(content) = T::CONTENT {
                path.prepend(Segment::Key(content.to_owned()));
            }
            let end = located.end.unwrap_or(node.end);
            Error::invalid(Some(name), path, located.problem, last_char(whole, end))
        }
        // Not expected: the fast path failed where the careful one did not.
        Ok(_) => Error::invalid(
            Some(name),
            T::CONTENT.map_or_else(Path::root, member),
            Problem::Other {
                message: bare(&fast),
            },
            shift(whole, offset, fast.line(), fast.column()),
        ),
    };
    Err(err.redact(whole, T::CREDENTIALS))
}

/// Parses one enveloped event, with a precise [`Error`] on failure.
pub fn from_json<T: EventSet>(text: &str) -> Result<T, Error> {
    let Some(content) = T::CONTENT else {
        return crate::flat::from_json(text);
    };
    if let Some((index, message)) = canonical::<T>(text, content)
        && let Some(value) = read_message::<T>(index, message)
    {
        return Ok(value);
    }
    general(text, content)
}

/// [`from_json`] under a receiver policy: the value and the tolerated deviations.
///
/// The strict fast path runs first; only a document it rejects (or one that holds a
/// declared legacy value, or an unknown event kept by a catch-all enum) is read again,
/// carefully, with the policy active. So valid traffic costs the same under every
/// policy, and the result under [`Policy::Strict`] is [`from_json`]'s.
pub fn from_json_with<T: EventSet>(text: &str, policy: Policy) -> Result<Decoded<T>, Error> {
    policy::reset_legacy();
    match fast::<T>(text) {
        Some(value) => settle(value, text, policy),
        None if policy == Policy::Strict => exact(text),
        None => careful::<T>(text, policy),
    }
}

/// A value the fast path read (since [`policy::reset_legacy`]): as it is when it holds
/// no deviation, else read carefully to say where the deviations are (a legacy value,
/// an unknown event kept by a catch-all enum).
fn settle<T: EventSet>(value: T, text: &str, policy: Policy) -> Result<Decoded<T>, Error> {
    if !policy::legacy_seen() && value.index().is_some() {
        Ok(Decoded::new(value, Vec::new()))
    } else {
        careful::<T>(text, policy)
    }
}

/// [`from_json`]'s result, with no warnings.
fn exact<T: EventSet>(text: &str) -> Result<Decoded<T>, Error> {
    from_json(text).map(|value| Decoded::new(value, Vec::new()))
}

/// The fast path of [`from_json`] alone: the value, or `None` (no diagnosis).
fn fast<T: EventSet>(text: &str) -> Option<T> {
    if let Some(content) = T::CONTENT
        && let Some((index, message)) = canonical::<T>(text, content)
        && let Some(value) = read_message::<T>(index, message)
    {
        return Some(value);
    }
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let value = deserialize::<T, _>(&mut deserializer).ok()?;
    deserializer.end().ok()?;
    Some(value)
}

/// The careful read under `policy`, over the spanned tree (so every warning and error
/// has its path). Anything it cannot read is left to [`from_json`], whose error is then
/// the answer (the envelope's own problems read the same under every policy).
fn careful<T: EventSet>(text: &str, policy: Policy) -> Result<Decoded<T>, Error> {
    let tolerant = policy == Policy::Tolerant;
    let Ok(mut node) = Node::read(text, 0) else {
        return exact(text);
    };
    let Some(members) = node.members() else {
        return exact(text);
    };
    let mut warnings = Vec::new();
    let (mut name, mut message) = (None, None);
    for (key, value) in members {
        if key == T::TAG {
            if name.replace(value).is_some() {
                return exact(text);
            }
        } else if T::CONTENT == Some(key) {
            if message.replace(value).is_some() {
                return exact(text);
            }
        } else if T::CONTENT.is_some() {
            // A key of a closed envelope that is neither the tag nor the content.
            if !tolerant {
                return exact(text);
            }
            warnings.push(Warning::new(
                member(key),
                WarningKind::UnknownField,
                format!("unknown envelope field `{key}` dropped"),
            ));
        }
    }
    let Some(name) = name.and_then(Node::as_str).map(str::to_owned) else {
        return exact(text);
    };
    let message = message.map(|message| (message.start, message.end));
    let Some(index) = T::EVENTS.iter().position(|known| *known == name) else {
        // An unknown event: kept by the catch-all variant, when the enum has one.
        let kept = message
            .filter(|_| tolerant || T::CATCH_ALL)
            .and_then(|(start, end)| text.get(start..end))
            .and_then(|json| serde_json::from_str::<StrictValue>(json).ok())
            .and_then(|StrictValue(message)| {
                T::unknown(UnknownEvent {
                    event: name.clone(),
                    message,
                })
            });
        return match kept {
            Some(value) => {
                warnings.push(Warning::new(
                    member(T::TAG),
                    WarningKind::UnknownEvent,
                    format!(
                        "unknown event {} kept as `Other`",
                        serde_json::Value::from(name.as_str())
                    ),
                ));
                Ok(Decoded::new(value, warnings))
            }
            None => exact(text),
        };
    };
    let (prefix, read) = match T::CONTENT {
        Some(content) => {
            let found = node
                .members()
                .and_then(|mut members| members.find(|(key, _)| *key == content));
            let Some((_, read)) = found else {
                return exact(text);
            };
            (member(content), read)
        }
        None => {
            node.remove_member(T::TAG);
            (Path::root(), &node)
        }
    };
    read_under::<T>(text, index, read, prefix, policy, warnings)
}

/// Reads the message of event number `index` from its tree `read` (whose path is
/// `prefix`) under `policy`: the value with `warnings` and the new ones, or the error.
fn read_under<T: EventSet>(
    text: &str,
    index: usize,
    read: &Node,
    prefix: Path,
    policy: Policy,
    mut warnings: Vec<Warning>,
) -> Result<Decoded<T>, Error> {
    let name = T::EVENTS.get(index).copied().unwrap_or_default();
    let (result, found) = policy::collect(policy, &prefix, || {
        T::deserialize_message(index, NodeDeserializer(read))
    });
    match result {
        Ok(value) => {
            warnings.extend(found);
            for warning in &mut warnings {
                warning.redact(Some(name), text, T::CREDENTIALS);
            }
            Ok(Decoded::new(value, warnings))
        }
        Err(located) => {
            let mut segments = prefix.segments().to_vec();
            segments.extend_from_slice(located.path.segments());
            let end = located.end.unwrap_or(read.end);
            let err = Error::invalid(
                Some(name.to_owned()),
                Path::new(segments),
                located.problem,
                last_char(text, end),
            );
            Err(err.redact(text, T::CREDENTIALS))
        }
    }
}

/// [`parse_message`] (a bare message, the mobile transport) under a receiver policy.
pub(crate) fn parse_message_with<T: EventSet>(
    index: usize,
    text: &str,
    policy: Policy,
) -> Result<Decoded<T>, Error> {
    let exact =
        || parse_message::<T>(index, text, 0, text).map(|value| Decoded::new(value, Vec::new()));
    policy::reset_legacy();
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let fast = T::deserialize_message(index, &mut deserializer)
        .ok()
        .filter(|_| deserializer.end().is_ok());
    match fast {
        Some(value) if !policy::legacy_seen() => return Ok(Decoded::new(value, Vec::new())),
        Some(_) => {}
        None if policy == Policy::Strict => return exact(),
        None => {}
    }
    let Ok(node) = Node::read(text, 0) else {
        return exact();
    };
    let prefix = T::CONTENT.map_or_else(Path::root, member);
    read_under::<T>(text, index, &node, prefix, policy, Vec::new())
}

/// The envelope's parts, as [`canonical_event`] found them.
#[derive(Clone, Copy, Debug)]
pub struct Parts<'a> {
    /// The event name (written without escapes).
    pub name: &'a str,
    message: &'a str,
}

/// [`from_json`] for a document whose parts [`canonical_event`] found and whose event
/// is number `index` of `T`, for a caller that looked the name up already (so the
/// envelope is not scanned twice). The result is the same as `from_json`'s. For a union
/// of another shape than the classic `event`/`message` envelope, it is `from_json`.
pub fn from_parts<T: EventSet>(text: &str, parts: Parts<'_>, index: usize) -> Result<T, Error> {
    let classic = T::TAG == "event" && T::CONTENT == Some("message");
    if !classic {
        return from_json(text);
    }
    if T::EVENTS.get(index) == Some(&parts.name)
        && shallow(parts.message)
        && let Some(value) = read_message::<T>(index, parts.message)
    {
        return Ok(value);
    }
    general(text, "message")
}

/// [`from_parts`] under a receiver policy: [`from_json_with`]'s result, for a caller
/// that looked the name up already. A valid message costs what [`from_parts`] costs
/// (plus a thread-local flag that tells whether a declared legacy value was read, which
/// then takes the careful read so that the warning says where).
pub fn from_parts_with<T: EventSet>(
    text: &str,
    parts: Parts<'_>,
    index: usize,
    policy: Policy,
) -> Result<Decoded<T>, Error> {
    let classic = T::TAG == "event" && T::CONTENT == Some("message");
    if !classic || T::EVENTS.get(index) != Some(&parts.name) || !shallow(parts.message) {
        return from_json_with(text, policy);
    }
    policy::reset_legacy();
    match read_message::<T>(index, parts.message) {
        Some(value) => settle(value, text, policy),
        // As `from_parts`: the general reader decides (and explains).
        None if policy == Policy::Strict => {
            policy::reset_legacy();
            settle(general::<T>(text, "message")?, text, policy)
        }
        None => careful::<T>(text, policy),
    }
}

/// The message text of event number `index`, read on its own; `None` when it is not
/// one complete valid message (the general reader then decides, and explains).
fn read_message<T: EventSet>(index: usize, message: &str) -> Option<T> {
    let mut deserializer = serde_json::Deserializer::from_str(message);
    let value = T::deserialize_message(index, &mut deserializer).ok()?;
    deserializer.end().ok()?;
    Some(value)
}

/// The general reader, and the precise error when it fails.
fn general<T: EventSet>(text: &str, content: &str) -> Result<T, Error> {
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let fast =
        deserialize::<T, _>(&mut deserializer).and_then(|value| deserializer.end().map(|()| value));
    match fast {
        Ok(value) => Ok(value),
        Err(fast) => Err(diagnose::<T>(text, content, &fast).redact(text, T::CREDENTIALS)),
    }
}

/// The envelope as senders write it: `{"event": "<name>", "message": <message>}` or
/// `{"message": <message>, "event": "<name>"}`, with any JSON whitespace between the
/// tokens and a known event name written without escapes: the event's index and the
/// message text. The envelope tokens are checked on the bytes, and [`from_json`] then
/// deserializes the message text on its own, so the event is read in one pass with no
/// buffering in either key order.
///
/// `None` when the document has another shape: the general reader then decides. When
/// the message text is one complete valid message, the general reader accepts the
/// document too, with the same value: every byte outside the message is one of the
/// tokens above, and the message is read by the same generated code.
fn canonical<'t, T: EventSet>(text: &'t str, content: &str) -> Option<(usize, &'t str)> {
    // Keys that JSON writes with an escape go through the general reader.
    let plain = const {
        match T::CONTENT {
            Some(content) => plain_key(T::TAG) && plain_key(content),
            None => false,
        }
    };
    if !plain {
        return None;
    }
    let (name, message) = canonical_parts(text, T::TAG.as_bytes(), content.as_bytes())?;
    let index = event_index::<T>(name)?;
    shallow(message).then_some((index, message))
}

/// Whether `message` reads the same on its own as inside the envelope. `serde_json`
/// stops at 127 nested levels, and read on its own the message has one level more to
/// spare than inside the envelope. Nesting 126 levels takes 252 brackets, so a shorter
/// message, or one with fewer opening brackets (strings included), reads the same
/// either way.
fn shallow(message: &str) -> bool {
    message.len() < 252 || opening_brackets(message.as_bytes()) < 126
}

/// The parts of a classic envelope (`event` and `message`) written as senders write it
/// (the shape [`from_json`] reads without buffering), found on the bytes without reading
/// the message: a cheap probe for a caller that must pick the enum before parsing (then
/// [`from_parts`]). `None` for any other shape.
///
/// The name is the text between its quotes, as written: it equals a generated enum's
/// event name only when it is that name written without escapes (no event name needs
/// one). It may be a name that no schema knows, or not even a valid JSON string; only
/// parsing says whether the document is valid.
pub fn canonical_event(text: &str) -> Option<Parts<'_>> {
    let (name, message) = canonical_parts(text, b"event", b"message")?;
    Some(Parts { name, message })
}

/// The raw tag value (the bytes between its quotes) and the content text of a document
/// of the shape that [`canonical`] describes, for the keys `tag` and `content` (plain
/// keys, written without escapes).
fn canonical_parts<'t>(text: &'t str, tag: &[u8], content: &[u8]) -> Option<(&'t str, &'t str)> {
    let bytes = text.as_bytes();
    let at = skip_ws(bytes, 0);
    let at = skip_ws(bytes, expect(bytes, at, b"{")?);
    if let Some(at) = expect_key(bytes, at, tag) {
        // `"<tag>"` : `"<name>"` , `"<content>"` : <content> } (then only whitespace)
        let at = skip_ws(bytes, expect(bytes, skip_ws(bytes, at), b":")?);
        let at = expect(bytes, at, b"\"")?;
        let close = next_quote(bytes, at)?;
        let name = text.get(at..close)?;
        let at = skip_ws(bytes, expect(bytes, skip_ws(bytes, close + 1), b",")?);
        let at = skip_ws(bytes, expect_key(bytes, at, content)?);
        let start = skip_ws(bytes, expect(bytes, at, b":")?);
        let end = skip_ws_back(bytes, bytes.len()).checked_sub(1)?;
        is(bytes, end, b'}')?;
        Some((name, text.get(start..end)?))
    } else {
        // `"<content>"` : <content> , `"<tag>"` : `"<name>"` } (then only whitespace)
        let at = skip_ws(bytes, expect_key(bytes, at, content)?);
        let start = skip_ws(bytes, expect(bytes, at, b":")?);
        let end = skip_ws_back(bytes, bytes.len()).checked_sub(1)?;
        is(bytes, end, b'}')?;
        let close = skip_ws_back(bytes, end).checked_sub(1)?;
        is(bytes, close, b'"')?;
        let open = last_quote(bytes, close)?;
        let name = text.get(open + 1..close)?;
        let colon = skip_ws_back(bytes, open).checked_sub(1)?;
        is(bytes, colon, b':')?;
        let key_end = skip_ws_back(bytes, colon);
        let key = key_end.checked_sub(tag.len() + 2)?;
        expect_key(bytes, key, tag)?;
        let comma = skip_ws_back(bytes, key).checked_sub(1)?;
        is(bytes, comma, b',')?;
        Some((name, text.get(start..comma)?))
    }
}

/// The position of the first `"` at or after `at`, eight bytes at a time.
fn next_quote(bytes: &[u8], at: usize) -> Option<usize> {
    let rest = bytes.get(at..)?;
    let mut words = rest.chunks_exact(8);
    let mut start = at;
    for word in &mut words {
        let quotes = quote_bytes(word);
        if quotes != 0 {
            return Some(start + quotes.trailing_zeros() as usize / 8);
        }
        start += 8;
    }
    let tail = words.remainder().iter().position(|&b| b == b'"')?;
    Some(start + tail)
}

/// The position of the last `"` before `end`, eight bytes at a time.
fn last_quote(bytes: &[u8], end: usize) -> Option<usize> {
    let before = bytes.get(..end)?;
    let mut words = before.rchunks_exact(8);
    let mut stop = end;
    for word in &mut words {
        let quotes = quote_bytes(word);
        if quotes != 0 {
            return Some(stop - 1 - quotes.leading_zeros() as usize / 8);
        }
        stop -= 8;
    }
    words.remainder().iter().rposition(|&b| b == b'"')
}

/// The high bit of every byte of `word` (eight bytes, read little-endian) that is `"`.
fn quote_bytes(word: &[u8]) -> u64 {
    const LOW: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    let mut eight = [0; 8];
    eight.copy_from_slice(word);
    // Zero where the byte is `"`; then the exact zero-byte test (no false positives).
    let x = u64::from_le_bytes(eight) ^ 0x2222_2222_2222_2222;
    !(((x & LOW) + LOW) | x | LOW)
}

/// How many `{` and `[` bytes `text` holds (in a form the compiler vectorizes).
fn opening_brackets(text: &[u8]) -> usize {
    text.chunks(255)
        .map(|chunk| {
            // `[` and `{` are the only bytes that give `{` with bit 5 set.
            let count = chunk
                .iter()
                .fold(0u8, |count, &b| count + u8::from(b | 0x20 == b'{'));
            usize::from(count)
        })
        .sum()
}

/// The index of the known event named `raw` (the bytes between the quotes); `None` when
/// the name is unknown or is not its own JSON text (an escape or a control character).
fn event_index<T: EventSet>(raw: &str) -> Option<usize> {
    let plain = const { plain_json(T::EVENTS) };
    if !plain && raw.bytes().any(|b| b == b'\\' || b < 0x20) {
        return None;
    }
    T::EVENTS.iter().position(|known| *known == raw)
}

/// Whether every name is written in JSON as it is (no escape needed but `"`, which no
/// raw name can hold).
const fn plain_json(names: &[&str]) -> bool {
    let mut index = 0;
    while index < names.len() {
        let name = names[index].as_bytes();
        let mut at = 0;
        while at < name.len() {
            if name[at] == b'\\' || name[at] < 0x20 {
                return false;
            }
            at += 1;
        }
        index += 1;
    }
    true
}

/// Whether `key` is written in JSON as it is, with no escape (and no `"`).
const fn plain_key(key: &str) -> bool {
    let key = key.as_bytes();
    let mut at = 0;
    while at < key.len() {
        if key[at] == b'\\' || key[at] == b'"' || key[at] < 0x20 {
            return false;
        }
        at += 1;
    }
    true
}

/// Just past the JSON string `"<key>"` when it is at `at` (`key` needs no escape).
fn expect_key(bytes: &[u8], at: usize, key: &[u8]) -> Option<usize> {
    let at = expect(bytes, at, b"\"")?;
    let at = expect(bytes, at, key)?;
    expect(bytes, at, b"\"")
}

/// `Some` when `bytes[at]` is `byte`.
fn is(bytes: &[u8], at: usize, byte: u8) -> Option<()> {
    (bytes.get(at) == Some(&byte)).then_some(())
}

/// Just past `token` when it is at `at`.
fn expect(bytes: &[u8], at: usize, token: &[u8]) -> Option<usize> {
    let end = at.checked_add(token.len())?;
    (bytes.get(at..end)? == token).then_some(end)
}

/// The first index at or after `at` that is not JSON whitespace.
fn skip_ws(bytes: &[u8], mut at: usize) -> usize {
    while let Some(b' ' | b'\t' | b'\n' | b'\r') = bytes.get(at) {
        at += 1;
    }
    at
}

/// The end of `bytes[..end]` without its trailing JSON whitespace.
fn skip_ws_back(bytes: &[u8], mut end: usize) -> usize {
    while end > 0 && matches!(bytes.get(end - 1), Some(b' ' | b'\t' | b'\n' | b'\r')) {
        end -= 1;
    }
    end
}

pub use crate::flat::serialize as serialize_flat;

/// The schema of one variant of a flat union or open envelope: its struct's schema
/// with the tag property (`{"const": name}`) added and required.
pub fn tagged_schema(schema: schemars::Schema, tag: &str, name: &str) -> serde_json::Value {
    let mut value = schema.to_value();
    if let serde_json::Value::Object(object) = &mut value {
        object.insert("type".to_owned(), serde_json::json!("object"));
        let properties = object
            .entry("properties")
            .or_insert_with(|| serde_json::json!({}));
        if let serde_json::Value::Object(properties) = properties {
            properties.insert(tag.to_owned(), serde_json::json!({"const": name}));
        }
        let required = object
            .entry("required")
            .or_insert_with(|| serde_json::json!([]));
        if let serde_json::Value::Array(required) = required {
            required.push(serde_json::json!(tag));
        }
    }
    value
}

/// Serializes an event; infallible for generated types.
pub fn to_json<T: serde::Serialize>(value: &T) -> String {
    // Generated types serialize only strings, numbers, booleans and string-keyed maps,
    // which serde_json cannot fail on; the fallback is unreachable in practice.
    serde_json::to_string(value)
        .unwrap_or_else(|err| format!("{{\"error\":{:?}}}", err.to_string()))
}

/// Strips serde_json's " at line L column C" suffix.
pub(crate) fn bare(err: &serde_json::Error) -> String {
    let message = err.to_string();
    match message.rfind(" at line ") {
        Some(index) if err.line() > 0 => message[..index].to_owned(),
        _ => message,
    }
}

/// The slow path: re-reads `text` step by step to say precisely what is wrong.
fn diagnose<T: EventSet>(text: &str, content: &str, fast: &serde_json::Error) -> Error {
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
                expected: format!(
                    "an event envelope {{\"{}\": ..., \"{content}\": ...}}",
                    T::TAG
                ),
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
        let slot = if key == T::TAG {
            &mut event
        } else if key == content {
            &mut message
        } else {
            return envelope(key, Problem::UnknownField { field: key.clone() }, at(raw));
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
        return missing(T::TAG);
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
            return Error::invalid(None, member(T::TAG), problem, at(event_raw));
        }
    };
    let index = T::EVENTS.iter().position(|known| *known == name);
    if index.is_none() && !T::CATCH_ALL {
        let (line, column) = at(event_raw);
        return Error::UnknownEvent { name, line, column };
    }
    // 4. A valid message?
    let Some(message_raw) = message else {
        let mut err = missing(content);
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
pub(crate) fn last_char(text: &str, end: usize) -> (usize, usize) {
    position(text, end.saturating_sub(1))
}

/// The 1-based line and column of byte `offset`.
pub(crate) fn position(text: &str, offset: usize) -> (usize, usize) {
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
    fn canonical_event_reads_the_name_of_either_key_order() {
        for (text, name) in [
            (
                r#"{"event":"navigateTo","message":{"location":"x"}}"#,
                Some("navigateTo"),
            ),
            (
                r#" { "message" : {"event":"x"} , "event" : "nope" } "#,
                Some("nope"),
            ),
            // Escapes are left as written.
            (
                r#"{"event":"navi\u0067ateTo","message":{}}"#,
                Some(r"navi\u0067ateTo"),
            ),
            (r#"{"message":{},"event":"a\"b"}"#, None),
            (r#"{"event":"a\"b","message":{}}"#, None),
            // The shape is checked, not the message: parsing it rejects this document.
            (
                r#"{"message":{},"extra":1,"event":"navigateTo"}"#,
                Some("navigateTo"),
            ),
            (r#"{"event":"navigateTo"}"#, None),
            ("[]", None),
            ("", None),
        ] {
            assert_eq!(
                canonical_event(text).map(|parts| parts.name),
                name,
                "{text}"
            );
        }
    }

    #[test]
    fn positions() {
        assert_eq!(position("abc", 0), (1, 1));
        assert_eq!(position("a\nbc", 3), (2, 2));
        assert_eq!(shift("xx\n  {\"a\":1}", 5, 1, 3), (2, 5));
    }

    /// `from_json` gives the verdict and the value of the general reader
    /// (`Deserialize`); `true` when the canonical reader took the document.
    fn agree<T: EventSet + fmt::Debug + PartialEq + serde::de::DeserializeOwned>(
        text: &str,
    ) -> bool {
        assert_eq!(
            from_json::<T>(text).ok(),
            serde_json::from_str::<T>(text).ok(),
            "from_json and Deserialize disagree on {text}"
        );
        canonical::<T>(text, "message").is_some()
    }

    #[test]
    fn quotes_are_found_eight_bytes_at_a_time() {
        for length in 0..40 {
            for quotes in [
                vec![],
                vec![0],
                vec![7],
                vec![8],
                vec![3, 20],
                vec![15, 16, 31],
            ] {
                let mut text = vec![b'a'; length];
                for &at in quotes.iter().filter(|&&at| at < length) {
                    text[at] = b'"';
                }
                // Bytes that differ from `"` (0x22) only in the high bit.
                for b in text.iter_mut().step_by(5).filter(|b| **b != b'"') {
                    *b = 0xa2;
                }
                for at in 0..=length {
                    let naive = text[at..].iter().position(|&b| b == b'"').map(|i| at + i);
                    assert_eq!(next_quote(&text, at), naive, "{length} {quotes:?} {at}");
                    let naive = text[..at].iter().rposition(|&b| b == b'"');
                    assert_eq!(last_quote(&text, at), naive, "{length} {quotes:?} {at}");
                }
            }
        }
        // Bytes next to `"` (0x22) in value, and the same bytes with the high bit set.
        let text = [0x21, 0x23, 0xa2, 0x02, 0x20, 0x62, 0x22, 0x21, 0xa2];
        assert_eq!(next_quote(&text, 0), Some(6));
        assert_eq!(last_quote(&text, text.len()), Some(6));
    }

    #[test]
    #[cfg(feature = "bundled")]
    fn canonical_reader_agrees_with_the_general_one() {
        use crate::des::DesEvent;
        use crate::partner::PartnerEvent;
        let message = r#"{"location":"/dreams/1"}"#;
        let mut documents = vec![
            format!(r#"{{"event":"navigateTo","message":{message}}}"#),
            format!(r#"{{"message":{message},"event":"navigateTo"}}"#),
            format!(" \n{{ \"event\" :\t\"navigateTo\" ,\r\n \"message\" : {message} }} \n"),
            format!(" {{ \"message\" : {message} , \"event\" : \"navigateTo\" }} "),
            // Not canonical, but valid: escapes in a key or the name.
            format!(r#"{{"\u0065vent":"navigateTo","message":{message}}}"#),
            format!(r#"{{"event":"navigate\u0054o","message":{message}}}"#),
            format!(r#"{{"message":{message},"event":"navigate\u0054o"}}"#),
            format!(r#"{{"message":{message},"\u0065vent":"navigateTo"}}"#),
            // Invalid: more members, trailing text, raw control characters, wrong tokens.
            format!(r#"{{"event":"navigateTo","message":{message},"message":{message}}}"#),
            format!(r#"{{"event":"navigateTo","event":"navigateTo","message":{message}}}"#),
            format!(r#"{{"message":{message},"event":"navigateTo","event":"navigateTo"}}"#),
            format!(r#"{{"message":{message},"message":{message},"event":"navigateTo"}}"#),
            format!(r#"{{"message":{message},"x":1,"event":"navigateTo"}}"#),
            format!(r#"{{"event":"navigateTo","message":{message}}}}}"#),
            format!(r#"{{"event":"navigateTo","message":{message}}} x"#),
            format!(r#"{{"event":"navigateTo","message":{message}"#),
            format!(r#"{{"event":"navigateTo","message":}}"#),
            format!(r#"{{"event":"navigateTo""message":{message}}}"#),
            format!(r#"{{"event":"navigateTo",,"message":{message}}}"#),
            format!("{{\"event\":\"navigateTo\",\u{c}\"message\":{message}}}"),
            format!("{{\"event\":\"navigateTo\u{1}\",\"message\":{message}}}"),
            format!("{{\"message\":{message},\"event\":\"navigateTo\u{1}\"}}"),
            format!(r#"{{"message":{message},"event":"x\"navigateTo"}}"#),
            format!(r#"{{"message":{message},"event":navigateTo"}}"#),
            format!(r#"{{"message":{message}"event":"navigateTo"}}"#),
            format!(r#"{{"message":{message},"event""navigateTo"}}"#),
            format!(r#"{{"message":{message},event":"navigateTo"}}"#),
            format!(r#"[{{"event":"navigateTo","message":{message}}}]"#),
            r#"{"message":{"location":"x","event":"navigateTo"}}"#.to_owned(),
            r#"{"message":"event","event":"navigateTo"}"#.to_owned(),
            r#"{"message":{"location":"a\",\"event\":\"navigateTo"},"event":"navigateTo"}"#
                .to_owned(),
            r#"{"event":"navigateTo","message":{"location":"x"},"event":"navigateTo"}"#.to_owned(),
            r#"{"event":"onBackRequested","message":{}}"#.to_owned(),
            r#"{"message":{},"event":"onBackRequested"}"#.to_owned(),
            r#"{"event":"onBackRequested","message":{"location":"x"}}"#.to_owned(),
            "{\"event\":\"onBackRequested\",\"message\":{}}\u{feff}".to_owned(),
            "\u{feff}{\"event\":\"onBackRequested\",\"message\":{}}".to_owned(),
            String::new(),
            "{".to_owned(),
            "{}".to_owned(),
        ];
        let taken = documents
            .iter()
            .filter(|document| agree::<PartnerEvent>(document))
            .count();
        assert!(taken >= 4, "the canonical reader took {taken} documents");
        // Around `serde_json`'s nesting limit, in a free-form payload, both key orders.
        documents.clear();
        for depth in [100, 120, 124, 125, 126, 127, 128] {
            let payload = format!("{}1{}", "[".repeat(depth), "]".repeat(depth));
            let message = format!(r#"{{"name":"UserClicked","payload":{{"a":{payload}}}}}"#);
            documents.push(format!(
                r#"{{"event":"onTelemetryEvent","message":{message}}}"#
            ));
            documents.push(format!(
                r#"{{"message":{message},"event":"onTelemetryEvent"}}"#
            ));
        }
        let taken = documents
            .iter()
            .filter(|document| agree::<DesEvent>(document))
            .count();
        assert!(
            taken > 0 && taken < documents.len(),
            "the depth guard is in range"
        );
        let accepted = documents
            .iter()
            .filter(|document| DesEvent::from_json(document).is_ok())
            .count();
        assert!(
            accepted > 0 && accepted < documents.len(),
            "the limit is in range"
        );
    }
}
