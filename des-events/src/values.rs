//! Value types for string formats: [`Uuid`] (a checked RFC 4122 UUID that keeps its exact
//! text) and [`Credential`] (a secret that never shows in `Debug` or in errors).

use std::borrow::Cow;
use std::fmt;

use serde::de::{self, Deserialize, Deserializer, Visitor};
use serde::{Serialize, Serializer};

use des_events_core::Format;

use crate::rules;
use crate::text::StringVisitor;

/// A UUID in the RFC 4122 hyphenated text form (`8-4-4-4-12` hex digits, any case).
///
/// Braces, the `urn:uuid:` prefix and the hyphen-less form are rejected, as
/// `format: uuid` requires. The original text is kept, so a message round-trips byte
/// for byte (an upper-case id stays upper-case).
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Uuid(String);

impl Uuid {
    /// Checks and wraps `text`.
    ///
    /// ```
    /// let id = des_events::Uuid::parse("a2313192-e2dc-452e-b56c-2f23baf6eee1").unwrap();
    /// assert_eq!(id.as_str(), "a2313192-e2dc-452e-b56c-2f23baf6eee1");
    /// assert!(des_events::Uuid::parse("{a2313192-e2dc-452e-b56c-2f23baf6eee1}").is_err());
    /// ```
    pub fn parse(text: &str) -> Result<Uuid, InvalidUuid> {
        if Format::Uuid.is_valid(text) {
            Ok(Uuid(text.to_owned()))
        } else {
            Err(InvalidUuid)
        }
    }

    /// The text, as received.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Two UUIDs denote the same value (case-insensitive comparison).
    pub fn same_value(&self, other: &Uuid) -> bool {
        self.0.eq_ignore_ascii_case(&other.0)
    }
}

impl fmt::Debug for Uuid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Uuid({})", self.0)
    }
}

impl fmt::Display for Uuid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl AsRef<str> for Uuid {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl std::str::FromStr for Uuid {
    type Err = InvalidUuid;
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Uuid::parse(text)
    }
}

/// The error of [`Uuid::parse`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct InvalidUuid;

impl fmt::Display for InvalidUuid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("not a hyphenated UUID (8-4-4-4-12 hexadecimal digits)")
    }
}

impl std::error::Error for InvalidUuid {}

impl Serialize for Uuid {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for Uuid {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_str(UuidVisitor)
    }
}

/// Checks the format where the deserializer has the string (borrowed from the input or
/// in its scratch buffer), before the one copy into the `Uuid`.
struct UuidVisitor;

impl Visitor<'_> for UuidVisitor {
    type Value = Uuid;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string")
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<Uuid, E> {
        if Format::Uuid.is_valid(text) {
            Ok(Uuid(text.to_owned()))
        } else {
            Err(rules::format_violation(Format::Uuid, text, false))
        }
    }

    fn visit_string<E: de::Error>(self, text: String) -> Result<Uuid, E> {
        if Format::Uuid.is_valid(&text) {
            Ok(Uuid(text))
        } else {
            Err(rules::format_violation(Format::Uuid, &text, false))
        }
    }
}

impl schemars::JsonSchema for Uuid {
    fn schema_name() -> Cow<'static, str> {
        "Uuid".into()
    }

    fn inline_schema() -> bool {
        true
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({ "type": "string", "format": "uuid" })
    }
}

/// A secret string, such as an OpenID Connect ID token.
///
/// `Debug` prints `Credential(<redacted>)`, errors about it never quote it, and there is
/// no `Display`: reading the value takes an explicit [`Credential::expose`].
///
/// ```
/// let token = des_events::Credential::new("eyJhbGciOi.secret.sig");
/// assert_eq!(format!("{token:?}"), "Credential(<redacted>)");
/// assert_eq!(token.expose(), "eyJhbGciOi.secret.sig");
/// ```
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Credential(String);

impl Credential {
    /// Wraps a secret.
    pub fn new(secret: impl Into<String>) -> Credential {
        Credential(secret.into())
    }

    /// The secret itself. Do not log it.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Credential {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Credential(<redacted>)")
    }
}

impl AsRef<str> for Credential {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl Serialize for Credential {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for Credential {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = deserializer.deserialize_str(StringVisitor("a string (a credential)"))?;
        Ok(Credential(text.into_owned()))
    }
}

impl schemars::JsonSchema for Credential {
    fn schema_name() -> Cow<'static, str> {
        "Credential".into()
    }

    fn inline_schema() -> bool {
        true
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({ "type": "string", "x-des-credential": true })
    }
}
