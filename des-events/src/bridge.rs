//! The mobile WebView bridge. The iOS and Android SDKs send no envelope: DES calls one
//! native handler per event with the bare message, and the app answers by evaluating
//! `<functionName>('<message json>')` in the WebView.
//!
//! The official iOS SDK pastes the JSON between single quotes without escaping, so a `'`
//! breaks the call and hostile text can inject script. [`js_string_literal`] escapes every
//! character that could end the literal, start a new line, or close a `<script>`.

use std::fmt::Write;

use crate::envelope::{self, EventSet, UnknownEvent};
use des_events_core::Path;
use des_events_core::ident::is_js_identifier;

use crate::error::Error;
use crate::policy::{Decoded, Policy, Warning, WarningKind};
use crate::rules::StrictValue;

/// `text` as a single-quoted JavaScript string literal, safe to evaluate in any context:
/// only printable ASCII other than `'`, `"`, `\`, `<`, `>`, `&` and `` ` `` is written as
/// is; everything else becomes a `\uXXXX` escape (surrogate pairs beyond U+FFFF), so the
/// output is pure ASCII with no line terminator (U+2028/U+2029 included) and no `</script>`.
///
/// ```
/// assert_eq!(des_events::bridge::js_string_literal("it's </script>"), r"'it\u0027s \u003c/script\u003e'");
/// ```
pub fn js_string_literal(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('\'');
    for unit in text.encode_utf16() {
        match unit {
            0x20..=0x7e
                if !matches!(unit as u8, b'\'' | b'"' | b'\\' | b'<' | b'>' | b'&' | b'`') =>
            {
                out.push(char::from(unit as u8));
            }
            _ => {
                let _ = write!(out, "\\u{unit:04x}");
            }
        }
    }
    out.push('\'');
    out
}

/// The JavaScript call that delivers `event` to the WebView, e.g.
/// `updateIdToken('{"requestId":"…","idToken":"…"}')`.
pub fn encode<T: EventSet>(event: &T) -> Result<String, Error> {
    let index = event.index();
    let function = index.and_then(|index| T::MOBILE_FUNCTIONS.get(index).copied().flatten());
    let name = index
        .and_then(|index| T::EVENTS.get(index).copied())
        .unwrap_or("(unknown event)");
    match function {
        Some(function) if is_js_identifier(function) => Ok(format!(
            "{function}({})",
            js_string_literal(&event.message_json())
        )),
        _ => Err(Error::NoMobileFunction {
            event: name.to_owned(),
        }),
    }
}

/// Decodes the bare `message` that DES passed to the native handler `handler`.
pub fn decode<T: EventSet>(handler: &str, message: &str) -> Result<T, Error> {
    match T::MOBILE_HANDLERS
        .iter()
        .position(|known| *known == handler)
    {
        Some(index) => envelope::parse_message(index, message, 0, message),
        None => Err(Error::UnknownEvent {
            name: handler.to_owned(),
            line: 1,
            column: 1,
        }),
    }
}

/// [`decode`] under a receiver policy. An unknown handler is an unknown event: kept in
/// the catch-all variant (with a warning) by a tolerant read, when the enum has one.
pub fn decode_with<T: EventSet>(
    handler: &str,
    message: &str,
    policy: Policy,
) -> Result<Decoded<T>, Error> {
    if let Some(index) = T::MOBILE_HANDLERS
        .iter()
        .position(|known| *known == handler)
    {
        return envelope::parse_message_with(index, message, policy);
    }
    if policy == Policy::Tolerant || T::CATCH_ALL {
        let kept =
            serde_json::from_str::<StrictValue>(message)
                .ok()
                .and_then(|StrictValue(message)| {
                    T::unknown(UnknownEvent {
                        event: handler.to_owned(),
                        message,
                    })
                });
        if let Some(value) = kept {
            let warning = Warning::new(
                Path::root(),
                WarningKind::UnknownEvent,
                format!(
                    "unknown handler {} kept as `Other`",
                    serde_json::Value::from(handler)
                ),
            );
            return Ok(Decoded::new(value, vec![warning]));
        }
    }
    decode(handler, message).map(|value| Decoded::new(value, Vec::new()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn literals_escape_everything_dangerous() {
        let hostile = "'); alert(1); ('\"\\\n\r\u{2028}\u{2029}</script><!--`${x}`&é😀\0";
        let literal = js_string_literal(hostile);
        assert!(literal.is_ascii());
        let inner = &literal[1..literal.len() - 1];
        for bad in ['\'', '"', '<', '>', '`', '&', '\n', '\r'] {
            assert!(!inner.contains(bad), "{bad:?} in {literal}");
        }
        assert!(inner.contains("\\u2028") && inner.contains("\\ud83d\\ude00"));
        assert_eq!(js_string_literal("plain text 123"), "'plain text 123'");
    }
}
