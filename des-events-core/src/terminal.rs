//! Text from outside (an event name from a log, a key from a message, a title from a
//! schema, a file name) made safe to print on a terminal: the one escaping function of
//! every human-readable output.
//!
//! A terminal obeys the control characters it is sent: `ESC [ 31 m` turns the text red,
//! `ESC ] ...` can set the window title or write a hyperlink, a carriage return or a
//! backspace overwrites what was printed before, and a bidi override reorders the rest
//! of the line (the "Trojan Source" attack). So a log line whose event name holds one of
//! them must not reach the terminal as is. [`escape`] writes each such character as
//! [`char::escape_debug`] does (`\u{1b}`, `\r`, `\n`, `\t`, `\u{202e}`) and every other
//! character unchanged, so that names in other scripts stay readable (`café`, `名前`).
//!
//! Escaped are:
//! - the control characters ([`char::is_control`]: C0, DEL and C1, including the line
//!   breaks and the tab, so that a value cannot start a line of its own);
//! - the nine bidi embedding, override and isolate characters, U+202A to U+202E and
//!   U+2066 to U+2069 (the ones rustc's `text_direction_codepoint_in_literal` lint
//!   rejects).
//!
//! A backslash is not escaped, so `a\u{1b}b` can also be the text of a name that spells
//! those characters: the output is safe, not reversible. Machine-readable output (JSON)
//! does not go through here: `serde_json` escapes the control characters itself, and its
//! readers want the text as it is.

use std::fmt::{self, Display, Write};

/// `value`'s `Display`, with the control and bidi characters escaped (see the module
/// documentation). Allocates nothing: the text is escaped as it is written.
///
/// ```
/// use des_events_core::terminal::escape;
///
/// assert_eq!(escape("evil\u{1b}[31m").to_string(), r"evil\u{1b}[31m");
/// assert_eq!(escape("café").to_string(), "café");
/// ```
///
/// Formatting flags (width, fill) are not applied; to align escaped text, escape it into
/// a `String` first.
pub fn escape<T: Display>(value: T) -> Escaped<T> {
    Escaped(value)
}

/// A value whose `Display` is escaped for a terminal; made by [`escape`].
#[derive(Clone, Copy, Debug)]
pub struct Escaped<T>(T);

impl<T: Display> Display for Escaped<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(Escaper(f), "{}", self.0)
    }
}

/// Whether `c` is written escaped.
fn is_unsafe(c: char) -> bool {
    c.is_control() || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// Writes what it is given to the inner writer, escaping the unsafe characters; runs of
/// safe text are written in one piece.
struct Escaper<'a, 'b>(&'a mut fmt::Formatter<'b>);

impl Write for Escaper<'_, '_> {
    fn write_str(&mut self, text: &str) -> fmt::Result {
        let mut start = 0;
        for (at, c) in text.char_indices() {
            if is_unsafe(c) {
                self.0.write_str(&text[start..at])?;
                write!(self.0, "{}", c.escape_debug())?;
                start = at + c.len_utf8();
            }
        }
        self.0.write_str(&text[start..])
    }
}

#[cfg(test)]
mod tests {
    use super::escape;

    fn escaped(text: &str) -> String {
        escape(text).to_string()
    }

    #[test]
    fn plain_text_is_unchanged() {
        assert_eq!(escaped(""), "");
        assert_eq!(escaped("onPageReadyEvent"), "onPageReadyEvent");
        assert_eq!(escaped("message.dream[\"a b\"]"), "message.dream[\"a b\"]");
        assert_eq!(escaped(r"a\b 'c'"), r"a\b 'c'");
    }

    #[test]
    fn letters_of_every_script_stay_readable() {
        for text in [
            "café", "名前", "Ωmega", "naïve", "e\u{301}", "🙂", "\u{200d}",
        ] {
            assert_eq!(escaped(text), text);
        }
    }

    #[test]
    fn control_characters_are_escaped_as_escape_debug_does() {
        assert_eq!(escaped("evil\u{1b}[31mred"), r"evil\u{1b}[31mred");
        assert_eq!(escaped("a\rb\nc\td\0"), r"a\rb\nc\td\0");
        assert_eq!(escaped("back\u{8}space"), r"back\u{8}space");
        assert_eq!(escaped("\u{7f}\u{85}\u{9b}"), r"\u{7f}\u{85}\u{9b}");
        for c in (0..0x20u32).chain(0x7f..0xa0).filter_map(char::from_u32) {
            let shown = escaped(&c.to_string());
            assert_eq!(shown, c.escape_debug().to_string());
            assert!(shown.starts_with('\\'), "{shown}");
        }
    }

    #[test]
    fn bidi_overrides_and_isolates_are_escaped() {
        let bidi = (0x202a..=0x202e).chain(0x2066..=0x2069);
        for c in bidi.filter_map(char::from_u32) {
            let shown = escaped(&format!("a{c}b"));
            assert_eq!(shown, format!("a\\u{{{:x}}}b", u32::from(c)));
        }
        // Neighbours that are not overrides stay as they are.
        for c in ['\u{2029}', '\u{202f}', '\u{2065}', '\u{206a}'] {
            assert_eq!(escaped(&c.to_string()), c.to_string());
        }
    }

    #[test]
    fn any_display_is_escaped_without_allocating_it_first() {
        struct Pieces;
        impl std::fmt::Display for Pieces {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("unknown event \"")?;
                f.write_str("x\u{1b}]0;title\u{7}")?;
                f.write_str("\" at line 3")
            }
        }
        assert_eq!(
            escape(Pieces).to_string(),
            r#"unknown event "x\u{1b}]0;title\u{7}" at line 3"#
        );
        assert_eq!(escape(42).to_string(), "42");
        assert_eq!(escape(escape("\u{1b}")).to_string(), r"\u{1b}");
    }
}
