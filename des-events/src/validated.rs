//! Values without a typed Rust shape, checked by the JSON Schema validator of
//! `des-events-core`, and the reader of documents whose root is not an event union.
//!
//! A generated newtype around `serde_json::Value` (a schema with no `type`, a `false`
//! schema, a list of types, validation-only keywords...) reads any JSON value with
//! duplicate keys rejected, then asks its [`JsonValidator`]: the schema documents are
//! embedded in the generated code as text and compiled once, on first use.

use std::cell::Cell;
use std::sync::OnceLock;

use des_events_core::assertion::Broken;
use des_events_core::validate::{Options, Validator};
use des_events_core::{Keyword, Path};
use serde::de::{self, DeserializeOwned, Deserializer};

use crate::envelope;
use crate::error::{Error, Problem, hand_off_at};
use crate::located::{Node, NodeDeserializer};
use crate::rules::{self, StrictValue};

/// The validator of one generated type: the schema's URI among the embedded documents.
pub struct JsonValidator {
    entry: &'static str,
    documents: &'static [(&'static str, &'static str)],
    compiled: OnceLock<Result<Validator, String>>,
}

impl JsonValidator {
    /// The validator of the schema at `entry` (an absolute URI with a JSON Pointer
    /// fragment), among `documents` (`(URI, JSON text)`), compiled when first used.
    pub const fn new(
        entry: &'static str,
        documents: &'static [(&'static str, &'static str)],
    ) -> JsonValidator {
        JsonValidator {
            entry,
            documents,
            compiled: OnceLock::new(),
        }
    }

    fn compiled(&self) -> Result<&Validator, &str> {
        self.compiled
            .get_or_init(|| {
                let mut documents = Vec::with_capacity(self.documents.len());
                for (uri, text) in self.documents {
                    let value = serde_json::from_str(text)
                        .map_err(|err| format!("embedded schema {uri}: {err}"))?;
                    documents.push(((*uri).to_owned(), value));
                }
                Validator::new(self.entry, documents, &Options::default())
                    .map_err(|err| err.to_string())
            })
            .as_ref()
            .map_err(String::as_str)
    }

    /// Whether `value` is valid (`false` too if the embedded schema could not be
    /// compiled, which the engine rules out at build time).
    pub fn is_valid(&self, value: &serde_json::Value) -> bool {
        self.compiled()
            .is_ok_and(|validator| validator.is_valid(value))
    }

    /// Checks `value`; a violation becomes a typed [`Problem`] located inside the value
    /// (on the fast path of [`from_json`], whose error is not shown, a bare verdict).
    pub fn check<E: de::Error>(&self, value: &serde_json::Value) -> Result<(), E> {
        let validator = self.compiled().map_err(E::custom)?;
        // The quick verdict first: the detailed one builds messages for every failing
        // branch it meets (an `if` that does not hold, an `anyOf` alternative...).
        if validator.is_valid(value) {
            return Ok(());
        }
        if VERDICT_ONLY.get() {
            return Err(E::custom("the value does not match its schema"));
        }
        match validator.validate(value) {
            Ok(()) => Ok(()),
            Err(violation) => {
                let problem = match Keyword::from_name(&violation.keyword) {
                    Some(keyword) => Problem::Constraint {
                        keyword,
                        // The requirement as the typed path frames it (`Broken::expected`).
                        expected: Broken::new(keyword, &violation.requirement).expected(),
                        found: found(value, &violation.path),
                    },
                    None => Problem::Other {
                        message: violation.message.clone(),
                    },
                };
                Err(hand_off_at(problem, violation.path, |problem| {
                    E::custom(problem)
                }))
            }
        }
    }
}

/// A short description of the value at `path` inside `value` (never a long text).
fn found(value: &serde_json::Value, path: &Path) -> String {
    let mut at = Some(value);
    for segment in path.segments() {
        at = match segment {
            des_events_core::Segment::Key(key) => at.and_then(|value| value.get(key)),
            des_events_core::Segment::Index(index) => at.and_then(|value| value.get(index)),
        };
    }
    match at {
        None => "nothing".to_owned(),
        Some(serde_json::Value::Object(members)) => rules::object_shown(members.len() as u64),
        Some(serde_json::Value::Array(items)) => rules::array_shown(items.len()),
        Some(serde_json::Value::String(text)) => crate::text::quote(text, false),
        Some(other) => {
            let text = other.to_string();
            if text.len() > 40 {
                format!("{}…", text.chars().take(40).collect::<String>())
            } else {
                text
            }
        }
    }
}

/// Reads any JSON value (duplicate keys rejected) and checks it with `validator`.
pub fn json_value<'de, D: Deserializer<'de>>(
    deserializer: D,
    validator: &JsonValidator,
) -> Result<serde_json::Value, D::Error> {
    let StrictValue(value) = de::Deserialize::deserialize(deserializer)?;
    validator.check(&value)?;
    Ok(value)
}

/// Reads any JSON value, duplicate keys rejected (the type of a schema that accepts
/// everything, such as `{}` or `true`).
pub fn any_value<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<serde_json::Value, D::Error> {
    let StrictValue(value) = de::Deserialize::deserialize(deserializer)?;
    Ok(value)
}

thread_local! {
    /// Whether [`JsonValidator::check`] may fail with a bare verdict: set during the
    /// fast path of [`from_json`], whose schema errors are found again, located, by the
    /// second reading (so the first one's details would be built for nothing).
    static VERDICT_ONLY: Cell<bool> = const { Cell::new(false) };
}

/// Sets [`VERDICT_ONLY`] while it lives, and restores the previous state when dropped
/// (also on unwinding, and for a `from_json` nested in a deserializer).
struct VerdictOnly {
    previous: bool,
}

impl VerdictOnly {
    fn enter() -> VerdictOnly {
        VerdictOnly {
            previous: VERDICT_ONLY.replace(true),
        }
    }
}

impl Drop for VerdictOnly {
    fn drop(&mut self) {
        VERDICT_ONLY.set(self.previous);
    }
}

/// Parses a document of a generated type that is not an event union, with a precise
/// [`Error`] on failure (path, line and column).
pub fn from_json<T: DeserializeOwned>(text: &str) -> Result<T, Error> {
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let fast = {
        let _verdict_only = VerdictOnly::enter();
        T::deserialize(&mut deserializer).and_then(|value| deserializer.end().map(|()| value))
    };
    let fast = match fast {
        Ok(value) => return Ok(value),
        Err(err) => err,
    };
    let syntax = |err: &serde_json::Error| Error::Syntax {
        line: err.line().max(1),
        column: err.column().max(1),
        message: envelope::bare(err),
    };
    if fast.is_syntax() || fast.is_eof() {
        return Err(syntax(&fast));
    }
    let node = match Node::read(text, 0) {
        Ok(node) => node,
        Err(err) => return Err(syntax(&err)),
    };
    // The careful reading, with every detail (not under `VERDICT_ONLY`).
    let (path, problem, end) = match T::deserialize(NodeDeserializer(&node)) {
        Err(located) => (
            located.path,
            located.problem,
            located.end.unwrap_or(node.end),
        ),
        // Not expected: the fast path failed where the careful one did not.
        Ok(_) => (
            Path::root(),
            Problem::Other {
                message: envelope::bare(&fast),
            },
            node.end,
        ),
    };
    Err(Error::invalid(
        None,
        path,
        problem,
        envelope::last_char(text, end),
    ))
}

/// Writes a document of a generated type.
pub fn to_json<T: serde::Serialize>(value: &T) -> String {
    envelope::to_json(value)
}

/// The seed of a value of any JSON type (duplicate keys rejected).
#[derive(Clone, Copy)]
pub struct AnySeed;

impl<'de> de::DeserializeSeed<'de> for AnySeed {
    type Value = serde_json::Value;
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        any_value(deserializer)
    }
}
