//! `pattern`: ECMA-262 regular expressions, as JSON Schema requires, compiled by
//! `regress` (an ECMA-262 engine) with the `u` (Unicode) flag, unanchored.
//!
//! The engine compiles each pattern once at expansion time to refuse invalid ones; the
//! runtime compiles it lazily, once per process; `diff` uses the same compilation.

use std::sync::OnceLock;

/// The flags every pattern is compiled with.
pub const FLAGS: &str = "u";

/// Compiles `source` as JSON Schema means it; the error says why it is not ECMA-262.
pub fn compile(source: &str) -> Result<regress::Regex, regress::Error> {
    regress::Regex::with_flags(source, FLAGS)
}

/// Whether `text` contains a match of `source` (`None` when `source` does not compile).
pub fn is_match(source: &str, text: &str) -> Option<bool> {
    compile(source).ok().map(|regex| regex.find(text).is_some())
}

/// A pattern compiled on first use and kept (generated code holds these in statics).
pub struct Pattern {
    source: &'static str,
    compiled: OnceLock<Option<regress::Regex>>,
}

impl Pattern {
    /// A pattern; the engine already checked that it compiles.
    pub const fn new(source: &'static str) -> Pattern {
        Pattern {
            source,
            compiled: OnceLock::new(),
        }
    }

    /// The pattern as written in the schema.
    pub fn source(&self) -> &'static str {
        self.source
    }

    /// Whether `text` contains a match (`None` when the pattern does not compile).
    pub fn is_match(&self, text: &str) -> Option<bool> {
        let regex = self.compiled.get_or_init(|| compile(self.source).ok());
        regex.as_ref().map(|regex| regex.find(text).is_some())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns_are_ecma_unicode_and_unanchored() {
        static DIGITS: Pattern = Pattern::new("^\\d{3}$|x");
        assert_eq!(DIGITS.is_match("123"), Some(true));
        assert_eq!(DIGITS.is_match("abxc"), Some(true));
        assert_eq!(DIGITS.is_match("1234"), Some(false));
        // `\u{...}` and `\p{...}` need the `u` flag.
        assert_eq!(is_match("^\\u{1F600}$", "😀"), Some(true));
        assert_eq!(is_match("^\\p{L}+$", "héllo"), Some(true));
        // `.` matches one code point, not one UTF-16 unit.
        assert_eq!(is_match("^.$", "😀"), Some(true));
        assert_eq!(is_match("(", "x"), None);
    }
}
