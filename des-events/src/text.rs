//! Reading and showing text: the borrowing string visitor that every reader uses, and
//! how a found string is quoted in an error. The lowest module of the runtime.

use std::borrow::Cow;
use std::fmt;

use serde::de::{self, Visitor};

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

/// Reads a string, borrowing when the input allows.
pub(crate) struct StringVisitor(pub(crate) &'static str);

impl<'de> Visitor<'de> for StringVisitor {
    type Value = Cow<'de, str>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0)
    }

    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Self::Value, E> {
        Ok(Cow::Borrowed(v))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Ok(Cow::Owned(v.to_owned()))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<Self::Value, E> {
        Ok(Cow::Owned(v))
    }
}
