//! `pattern`: ECMA-262 regular expressions, as JSON Schema requires, compiled by
//! `regress` (an ECMA-262 engine) with the `u` (Unicode) flag, unanchored.
//!
//! The engine compiles each pattern once at expansion time to refuse invalid ones; the
//! runtime compiles it lazily, once per process; `diff` uses the same compilation. A
//! [`Matcher`] refuses most texts by an anchored literal prefix, and matches simple
//! patterns (`^label_[a-z]+$`) without the regex engine: the validator, the generated
//! `pattern` checks and the `patternProperties` key routing all match through it.

use std::sync::OnceLock;

/// The flags every pattern is compiled with.
pub const FLAGS: &str = "u";

/// Compiles `source` as JSON Schema means it; the error says why it is not ECMA-262.
///
/// With the `u` flag first (Unicode semantics: `\p{L}`, astral characters as one). A
/// pattern that only compiles without it because it escapes punctuation that needs no
/// escape (`\-`, `\/`, `\"`: ECMA-262 allows these outside Unicode mode, every regex
/// dialect reads them as the character itself, and real schemas use them) is compiled
/// without it. An escaped letter that Unicode mode refuses (`\A`, `\Z`: anchors in
/// Python, the letter itself in ECMA-262) is not guessed at: the error stands. The
/// `regex` format stays strict (see [`is_regex`]).
pub fn compile(source: &str) -> Result<regress::Regex, regress::Error> {
    regress::Regex::with_flags(source, FLAGS).or_else(|unicode| {
        if escapes_unknown_letter(source) {
            return Err(unicode);
        }
        regress::Regex::with_flags(source, "").map_err(|_| unicode)
    })
}

/// Whether `source` escapes an ASCII letter that is no escape of ECMA-262's Unicode
/// mode (`\A`, `\z`, `\e`...).
fn escapes_unknown_letter(source: &str) -> bool {
    let mut chars = source.chars();
    while let Some(ch) = chars.next() {
        if ch == '\\'
            && let Some(next) = chars.next()
            && next.is_ascii_alphabetic()
            && !"dDwWsSbBnrtfvcxukpP".contains(next)
        {
            return true;
        }
    }
    false
}

/// Whether `text` is an ECMA-262 regular expression in Unicode mode (`format: regex`).
pub fn is_regex(text: &str) -> bool {
    regress::Regex::with_flags(text, FLAGS).is_ok()
}

/// Whether `text` contains a match of `source` (`None` when `source` does not compile).
pub fn is_match(source: &str, text: &str) -> Option<bool> {
    Matcher::new(source)
        .ok()
        .map(|matcher| matcher.is_match(text))
}

/// A compiled pattern, with the literal text every match must start the string with
/// (empty when there is none), to refuse most strings without running the regex, and
/// the whole pattern when it is simple enough to match without the regex engine.
pub struct Matcher {
    regex: regress::Regex,
    source: String,
    prefix: String,
    /// The whole pattern, when it is simple enough to match without the regex engine.
    simple: Option<Simple>,
}

impl Matcher {
    /// Compiles `source` as JSON Schema means it (see [`compile`]).
    pub fn new(source: &str) -> Result<Matcher, regress::Error> {
        let regex = compile(source)?;
        let prefix = anchored_prefix(source);
        let simple = Simple::after(source, &prefix);
        Ok(Matcher {
            regex,
            source: source.to_owned(),
            prefix,
            simple,
        })
    }

    /// The pattern as the schema wrote it.
    pub fn source(&self) -> &str {
        &self.source
    }

    /// Whether `text` contains a match.
    pub fn is_match(&self, text: &str) -> bool {
        let Some(rest) = text.strip_prefix(self.prefix.as_str()) else {
            return false;
        };
        match &self.simple {
            Some(simple) => simple.is_match(rest),
            None => self.regex.find(text).is_some(),
        }
    }
}

/// A pattern that is `^`, a literal prefix (see [`anchored_prefix`]) and then only one
/// of: nothing, `$`, or a bracket class of ASCII letters, digits and `_` (single
/// characters and ranges, not negated) repeated with `+` or `*`, optionally followed by
/// `$`. Such a pattern matches exactly when what follows the prefix is as described,
/// which is checked here without the regex engine.
#[derive(Debug, PartialEq)]
enum Simple {
    /// `^prefix`: any text after the prefix.
    Prefix,
    /// `^prefix$`: nothing after it.
    Exact,
    /// `^prefix[class]+` / `*`, with or without `$`.
    Class {
        /// Inclusive ranges of ASCII characters.
        ranges: Vec<(u8, u8)>,
        /// `+` (else `*`).
        at_least_one: bool,
        /// Followed by `$`: every character after the prefix is in the class.
        to_end: bool,
    },
}

impl Simple {
    /// Whether the text whose prefix is `rest` preceded by the literal prefix matches.
    fn is_match(&self, rest: &str) -> bool {
        match self {
            Simple::Prefix => true,
            Simple::Exact => rest.is_empty(),
            Simple::Class {
                ranges,
                at_least_one,
                to_end,
            } => {
                let within = |byte: &u8| {
                    ranges
                        .iter()
                        .any(|(low, high)| (low..=high).contains(&byte))
                };
                // A non-ASCII character is in no class: its bytes are all >= 0x80.
                let mut bytes = rest.as_bytes().iter();
                match (to_end, at_least_one) {
                    (true, true) => !rest.is_empty() && bytes.all(within),
                    (true, false) => bytes.all(within),
                    (false, true) => bytes.next().is_some_and(within),
                    (false, false) => true,
                }
            }
        }
    }

    /// The shape of `source` after its [`anchored_prefix`] `prefix`, when `source` is
    /// simple: then the prefix is its whole literal run (no quantifier took its last
    /// character) and it has no alternation.
    fn after(source: &str, prefix: &str) -> Option<Simple> {
        let tail = source.strip_prefix('^')?.strip_prefix(prefix)?;
        if source.contains('|') || tail.starts_with(is_literal) {
            return None;
        }
        Simple::of(source)
    }

    /// The shape of `source`, when it is simple (else `None`).
    fn of(source: &str) -> Option<Simple> {
        let rest = source.strip_prefix('^')?;
        let end = rest.find(|c: char| !is_literal(c)).unwrap_or(rest.len());
        let tail = &rest[end..];
        match tail {
            "" => return Some(Simple::Prefix),
            "$" => return Some(Simple::Exact),
            _ => {}
        }
        let class = tail.strip_prefix('[')?;
        let close = class.find(']')?;
        let (body, after) = (&class[..close], &class[close + 1..]);
        let (at_least_one, to_end) = match after {
            "+" => (true, false),
            "+$" => (true, true),
            "*" => (false, false),
            "*$" => (false, true),
            _ => return None,
        };
        let bytes = body.as_bytes();
        let plain = |byte: u8| byte.is_ascii_alphanumeric() || byte == b'_';
        let mut ranges = Vec::new();
        let mut at = 0;
        while let Some(&low) = bytes.get(at) {
            if !plain(low) {
                return None;
            }
            match (bytes.get(at + 1), bytes.get(at + 2)) {
                (Some(b'-'), Some(&high)) if plain(high) && low <= high => {
                    ranges.push((low, high));
                    at += 3;
                }
                (Some(b'-'), _) => return None,
                _ => {
                    ranges.push((low, low));
                    at += 1;
                }
            }
        }
        if ranges.is_empty() {
            return None;
        }
        Some(Simple::Class {
            ranges,
            at_least_one,
            to_end,
        })
    }
}

/// Whether `c` stands for itself in a pattern, outside a class.
fn is_literal(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '/' | ':' | '@')
}

/// The literal text a match of `source` must start the string with: what follows a
/// leading `^` (the start of the input: patterns have no `m` flag) up to the first
/// character that is not plainly literal, less the last one if a quantifier follows.
/// Empty when the pattern has an alternation anywhere (it could bypass the anchor).
fn anchored_prefix(source: &str) -> String {
    let Some(rest) = source.strip_prefix('^') else {
        return String::new();
    };
    if source.contains('|') {
        return String::new();
    }
    let end = rest.find(|c: char| !is_literal(c)).unwrap_or(rest.len());
    let mut prefix = rest[..end].to_owned();
    if rest[end..].starts_with(['?', '*', '+', '{']) {
        prefix.pop();
    }
    prefix
}

/// A pattern compiled on first use and kept (generated code holds these in statics).
pub struct Pattern {
    source: &'static str,
    compiled: OnceLock<Option<Matcher>>,
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
        let matcher = self.compiled.get_or_init(|| Matcher::new(self.source).ok());
        matcher.as_ref().map(|matcher| matcher.is_match(text))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn punctuation_escapes_compile_outside_unicode_mode() {
        assert!(compile(r"^[a-z\-]+\/\d$").is_ok());
        assert_eq!(is_match(r"^a\-b$", "a-b"), Some(true));
        // Letters whose meaning differs between dialects are not guessed at.
        assert!(compile(r"\A[^\n]*\Z").is_err());
        assert!(compile(r"\\A").is_ok());
        assert!(!is_regex(r"a\-"));
    }

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

#[cfg(test)]
mod prefix_tests {
    use super::{Simple, anchored_prefix, compile};

    /// The fast path agrees with the regex engine on every pattern it takes.
    #[test]
    fn simple_patterns_match_as_the_regex_does() {
        let patterns = [
            "^label_[a-z]+$",
            "^label_[a-z]+",
            "^label_[a-z]*$",
            "^label_[a-z]*",
            "^x-",
            "^x-$",
            "^[A-Z0-9_]+$",
            "^[a]*$",
            "^v[0-9]+",
            "^",
            "^$",
            "^ab+",
            "^ab?c",
            "^a[b-]+$",
            "^a[^b]+$",
            "^a[b]+c$",
            "^a|b",
            "^a[\\d]+$",
        ];
        let texts = [
            "",
            "label_",
            "label_a",
            "label_abc",
            "label_aBc",
            "label_a1",
            "label_é",
            "labelx",
            "label",
            "x-",
            "x-y",
            "x",
            "ABC_9",
            "abc",
            "a",
            "aa",
            "aab",
            "v",
            "v1",
            "v1x",
            "ab",
            "abb",
            "abc",
            "ac",
            "a-b",
            "ab-",
            "bc",
            "a\n",
            "label_a\n",
            "A",
        ];
        let mut simple_ones = 0;
        for source in patterns {
            let regex = compile(source).unwrap();
            let prefix = anchored_prefix(source);
            let Some(simple) = Simple::after(source, &prefix) else {
                continue;
            };
            simple_ones += 1;
            for text in texts {
                let fast = text
                    .strip_prefix(prefix.as_str())
                    .is_some_and(|rest| simple.is_match(rest));
                assert_eq!(fast, regex.find(text).is_some(), "{source} on {text:?}");
            }
        }
        assert_eq!(simple_ones, 11);
    }

    #[test]
    fn prefixes_are_literal_and_anchored() {
        assert_eq!(anchored_prefix("^label_[a-z]+$"), "label_");
        assert_eq!(anchored_prefix("^ab?c"), "a");
        assert_eq!(anchored_prefix("^ab*"), "a");
        assert_eq!(anchored_prefix("^ab{2}"), "a");
        assert_eq!(anchored_prefix("^ab+"), "a");
        assert_eq!(anchored_prefix("^x-y\\d"), "x-y");
        assert_eq!(anchored_prefix("^abc|def"), "");
        assert_eq!(anchored_prefix("^a(b|c)"), "");
        assert_eq!(anchored_prefix("abc"), "");
        assert_eq!(anchored_prefix("^.abc"), "");
        assert_eq!(anchored_prefix("^é"), "");
    }
}
