//! Where a value sits in a JSON document: a list of segments, rendered in one place.
//!
//! Two renderings, both unambiguous:
//! - [`Path`]'s `Display`, for people: a JavaScript accessor chain such as
//!   `message.dream.user.id` or `message.items[0]`. A key that is not a plain JavaScript
//!   identifier is written as a quoted JSON string in brackets: the property `7` is
//!   `message["7"]`, the key `a.b` is `message["a.b"]`, so it never reads like an index or
//!   two keys. The empty path (the whole document) renders as the empty string.
//! - [`Path::pointer`], for programs: an RFC 6901 JSON Pointer (`/message/dream/user/id`,
//!   `/message/7`, `/message/a.b`, with `~0` for `~` and `~1` for `/`).

use std::fmt::{self, Write};

use crate::ident::is_js_identifier;

/// One step into a document.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Segment {
    /// An object member.
    Key(String),
    /// An array item.
    Index(usize),
}

/// The location of a value in a JSON document, from the root.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Path(Vec<Segment>);

impl Path {
    /// The root (the whole document).
    pub const fn root() -> Path {
        Path(Vec::new())
    }

    /// A path of the given segments.
    pub fn new(segments: Vec<Segment>) -> Path {
        Path(segments)
    }

    /// The segments, from the root.
    pub fn segments(&self) -> &[Segment] {
        &self.0
    }

    /// Whether this is the root.
    pub fn is_root(&self) -> bool {
        self.0.is_empty()
    }

    /// Appends an object member.
    pub fn push_key(&mut self, key: impl Into<String>) {
        self.0.push(Segment::Key(key.into()));
    }

    /// Appends an array item.
    pub fn push_index(&mut self, index: usize) {
        self.0.push(Segment::Index(index));
    }

    /// This path with an object member appended.
    pub fn key(mut self, key: impl Into<String>) -> Path {
        self.push_key(key);
        self
    }

    /// This path with an array item appended.
    pub fn index(mut self, index: usize) -> Path {
        self.push_index(index);
        self
    }

    /// Puts `outer` in front of this path (errors found deep inside are located on the
    /// way out).
    pub fn prepend(&mut self, outer: Segment) {
        self.0.insert(0, outer);
    }

    /// Whether `prefix` is this path or an ancestor of it.
    pub fn starts_with(&self, prefix: &Path) -> bool {
        self.0.starts_with(&prefix.0)
    }

    /// The last segment's key, when it is an object member.
    pub fn last_key(&self) -> Option<&str> {
        match self.0.last() {
            Some(Segment::Key(key)) => Some(key),
            _ => None,
        }
    }

    /// The RFC 6901 JSON Pointer, e.g. `/message/dream/user/id` (`""` for the root).
    pub fn pointer(&self) -> String {
        let mut out = String::new();
        for segment in &self.0 {
            match segment {
                Segment::Key(key) => push_token(&mut out, key),
                Segment::Index(index) => {
                    let _ = write!(out, "/{index}");
                }
            }
        }
        out
    }
}

/// Appends `/` and one RFC 6901 reference token to a pointer, escaping `~` as `~0` and
/// `/` as `~1`: the one place pointers are escaped (the engine's schema pointers too).
pub fn push_token(pointer: &mut String, token: &str) {
    pointer.push('/');
    for ch in token.chars() {
        match ch {
            '~' => pointer.push_str("~0"),
            '/' => pointer.push_str("~1"),
            other => pointer.push(other),
        }
    }
}

impl fmt::Display for Path {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (position, segment) in self.0.iter().enumerate() {
            match segment {
                Segment::Key(key) if is_js_identifier(key) => {
                    if position > 0 {
                        f.write_char('.')?;
                    }
                    f.write_str(key)?;
                }
                Segment::Key(key) => {
                    f.write_char('[')?;
                    write_json_string(f, key)?;
                    f.write_char(']')?;
                }
                Segment::Index(index) => write!(f, "[{index}]")?,
            }
        }
        Ok(())
    }
}

/// Writes `text` as a JSON string literal.
fn write_json_string(f: &mut fmt::Formatter<'_>, text: &str) -> fmt::Result {
    f.write_char('"')?;
    for ch in text.chars() {
        match ch {
            '"' => f.write_str("\\\"")?,
            '\\' => f.write_str("\\\\")?,
            '\n' => f.write_str("\\n")?,
            '\r' => f.write_str("\\r")?,
            '\t' => f.write_str("\\t")?,
            ch if u32::from(ch) < 0x20 => write!(f, "\\u{:04x}", u32::from(ch))?,
            ch => f.write_char(ch)?,
        }
    }
    f.write_char('"')
}

/// Compares the readable form with a text as it is written, without allocating.
struct Prefix<'a> {
    rest: &'a str,
    same: bool,
}

impl Write for Prefix<'_> {
    fn write_str(&mut self, part: &str) -> fmt::Result {
        match self.rest.strip_prefix(part) {
            Some(rest) if self.same => self.rest = rest,
            _ => self.same = false,
        }
        Ok(())
    }
}

/// Compares with the readable form, so `path == "message.requestId"` reads naturally.
impl PartialEq<str> for Path {
    fn eq(&self, other: &str) -> bool {
        let mut prefix = Prefix {
            rest: other,
            same: true,
        };
        write!(prefix, "{self}").is_ok() && prefix.same && prefix.rest.is_empty()
    }
}

impl PartialEq<&str> for Path {
    fn eq(&self, other: &&str) -> bool {
        *self == **other
    }
}

impl From<Vec<Segment>> for Path {
    fn from(segments: Vec<Segment>) -> Path {
        Path(segments)
    }
}

impl FromIterator<Segment> for Path {
    fn from_iter<I: IntoIterator<Item = Segment>>(iter: I) -> Path {
        Path(iter.into_iter().collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A path from segments; `#N` is the array index N, anything else a key.
    fn path(segments: &[&str]) -> Path {
        segments
            .iter()
            .map(|segment| {
                match segment
                    .strip_prefix('#')
                    .and_then(|index| index.parse().ok())
                {
                    Some(index) => Segment::Index(index),
                    None => Segment::Key((*segment).to_owned()),
                }
            })
            .collect()
    }

    #[test]
    fn readable_and_pointer_forms() {
        let plain = path(&["message", "dream", "user", "id"]);
        assert_eq!(plain.to_string(), "message.dream.user.id");
        assert_eq!(plain.pointer(), "/message/dream/user/id");

        let indexed = path(&["message", "items", "#0", "name"]);
        assert_eq!(indexed.to_string(), "message.items[0].name");
        assert_eq!(indexed.pointer(), "/message/items/0/name");

        // A property named `7` is not the index 7.
        let seven = path(&["message", "7"]);
        assert_eq!(seven.to_string(), "message[\"7\"]");
        assert_eq!(seven.pointer(), "/message/7");
        assert_ne!(seven.to_string(), path(&["message", "#7"]).to_string());

        // A key with a dot is not two keys.
        let dotted = path(&["message", "a.b"]);
        assert_eq!(dotted.to_string(), "message[\"a.b\"]");
        assert_ne!(dotted.to_string(), path(&["message", "a", "b"]).to_string());

        let odd = path(&["a/b", "c~d", "say \"hi\"", "`tick`"]);
        assert_eq!(odd.pointer(), "/a~1b/c~0d/say \"hi\"/`tick`");
        assert_eq!(
            odd.to_string(),
            "[\"a/b\"][\"c~d\"][\"say \\\"hi\\\"\"][\"`tick`\"]"
        );
        assert_eq!(Path::root().to_string(), "");
        assert_eq!(Path::root().pointer(), "");
        assert!(plain == "message.dream.user.id");
        assert!(plain != "message.dream.user");
        assert!(plain != "message.dream.user.id.x");
        assert!(seven == "message[\"7\"]");
    }

    #[test]
    fn building() {
        let mut inner = Path::root().key("id");
        inner.prepend(Segment::Key("user".to_owned()));
        assert_eq!(inner.to_string(), "user.id");
        assert!(inner.starts_with(&Path::root().key("user")));
        assert_eq!(inner.last_key(), Some("id"));
        assert_eq!(Path::root().index(2).to_string(), "[2]");
    }
}
