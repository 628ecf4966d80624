//! Stage 1, load: read a schema file and parse it into a `serde_json::Value`, with the
//! position (line, column) of every node, by JSON pointer, for the diagnostics.
//!
//! `serde_json` decides validity (strict JSON, its error gives line and column) and
//! builds the value in one pass that also notices duplicate keys. Positions are needed
//! only when a diagnostic is made, so they are computed then, once per document:
//! `jsonc-parser` (configured strict) supplies the byte ranges we map to positions.
//! Using both, rather than a JSON parser of our own, keeps us on two well-kept crates.

use std::cell::{Cell, OnceCell};
use std::collections::HashMap;
use std::fmt;
use std::path::Path;

use jsonc_parser::ast;
use jsonc_parser::common::Ranged;
use serde_core::de::{DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Number, Value};

use crate::diag::{Diagnostic, Diagnostics, FILE_NOT_FOUND, Pos, join};

/// A parsed schema file.
#[derive(Clone, Debug)]
pub struct Document {
    /// The file name as the user wrote it (used in every diagnostic).
    pub file: String,
    /// The file's text.
    pub text: String,
    /// The parsed JSON.
    pub value: Value,
    /// The position of every node, computed from `text` when first asked for.
    positions: OnceCell<Positions>,
    /// Where the file was read from (`None` for text given directly); relative `$ref`s
    /// to other files resolve against its directory.
    pub path: Option<std::path::PathBuf>,
}

/// Where the nodes of a document are, by JSON pointer.
#[derive(Clone, Debug, Default)]
pub struct Positions {
    /// Position of each node's value.
    pub values: HashMap<String, Pos>,
    /// Position of each object member's key, by the member's pointer.
    pub keys: HashMap<String, Pos>,
}

impl Document {
    /// Reads and parses `path`; `shown` is the name used in diagnostics.
    pub fn read(path: &Path, shown: &str) -> Result<Document, Diagnostics> {
        let text = std::fs::read_to_string(path).map_err(|err| Diagnostic {
            file: shown.to_owned(),
            pos: None,
            pointer: None,
            message: match err.kind() {
                std::io::ErrorKind::NotFound => FILE_NOT_FOUND.to_owned(),
                std::io::ErrorKind::InvalidData => "the schema file is not UTF-8 text".to_owned(),
                _ => format!("cannot read schema file: {err}"),
            },
            hint: None,
        })?;
        let mut doc = Document::parse(shown, text)?;
        doc.path = Some(path.to_owned());
        Ok(doc)
    }

    /// Parses `text`; `file` is the name used in diagnostics.
    pub fn parse(file: &str, text: String) -> Result<Document, Diagnostics> {
        // RFC 8259 lets a parser ignore a byte order mark; editors hide it anyway.
        let text = match text.strip_prefix('\u{feff}') {
            Some(rest) => rest.to_owned(),
            None => text,
        };
        let duplicates = Cell::new(false);
        let mut deserializer = serde_json::Deserializer::from_str(&text);
        let value = ValueSeed {
            duplicates: &duplicates,
        }
        .deserialize(&mut deserializer)
        .and_then(|value| deserializer.end().map(|()| value))
        .map_err(|err| Diagnostic {
            file: file.to_owned(),
            pos: Some(Pos {
                line: err.line().max(1),
                column: err.column().max(1),
            }),
            pointer: None,
            message: format!("invalid JSON: {}", strip_position(&err.to_string())),
            hint: Some("a schema file is strict JSON: no comments, no trailing commas".into()),
        })?;
        let doc = Document {
            file: file.to_owned(),
            text,
            value,
            positions: OnceCell::new(),
            path: None,
        };
        if duplicates.get() {
            // Rare: walk the syntax tree now, for the position of every duplicate.
            let (positions, duplicates) = walk(&doc.file, &doc.text)?;
            let _ = doc.positions.set(positions);
            if !duplicates.is_empty() {
                let duplicates = duplicates.into_iter().map(|(pointer, pos)| Diagnostic {
                    file: file.to_owned(),
                    pos: Some(pos),
                    pointer: Some(pointer),
                    message: "duplicate key in object".into(),
                    hint: Some("JSON Schema leaves duplicate keys undefined; keep one".into()),
                });
                return Err(Diagnostics(duplicates.collect()));
            }
        }
        Ok(doc)
    }

    /// The position of every node (computed on first use).
    pub fn positions(&self) -> &Positions {
        self.positions.get_or_init(|| {
            // `text` parsed as JSON already: the syntax tree cannot fail, but if it did
            // the diagnostics would only lose their positions.
            walk(&self.file, &self.text).map_or_else(|_| Positions::default(), |(found, _)| found)
        })
    }

    /// The position of the node at `pointer`, or of its closest ancestor.
    pub fn pos(&self, pointer: &str) -> Option<Pos> {
        let positions = &self.positions().values;
        let mut current = pointer;
        loop {
            if let Some(pos) = positions.get(current) {
                return Some(*pos);
            }
            match current.rfind('/') {
                Some(index) => current = &current[..index],
                None => return None,
            }
        }
    }

    /// The position of the key of the member at `pointer` (falls back to [`Self::pos`]).
    pub fn key_pos(&self, pointer: &str) -> Option<Pos> {
        self.positions()
            .keys
            .get(pointer)
            .copied()
            .or_else(|| self.pos(pointer))
    }

    /// The value at `pointer`.
    pub fn get(&self, pointer: &str) -> Option<&Value> {
        self.value.pointer(pointer)
    }
}

/// Removes serde_json's " at line L column C" suffix (we report the position ourselves).
pub fn strip_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(index) => message[..index].to_owned(),
        None => message.to_owned(),
    }
}

/// Reads a JSON value as `serde_json::Value` does, and notes whether an object repeats
/// a key (the value keeps the last one, as `Value` does).
#[derive(Clone, Copy)]
struct ValueSeed<'a> {
    duplicates: &'a Cell<bool>,
}

impl<'de> DeserializeSeed<'de> for ValueSeed<'_> {
    type Value = Value;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for ValueSeed<'_> {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any valid JSON value")
    }

    fn visit_bool<E>(self, value: bool) -> Result<Value, E> {
        Ok(Value::Bool(value))
    }

    fn visit_i64<E>(self, value: i64) -> Result<Value, E> {
        Ok(Value::Number(value.into()))
    }

    fn visit_u64<E>(self, value: u64) -> Result<Value, E> {
        Ok(Value::Number(value.into()))
    }

    fn visit_f64<E>(self, value: f64) -> Result<Value, E> {
        Ok(Number::from_f64(value).map_or(Value::Null, Value::Number))
    }

    fn visit_str<E>(self, value: &str) -> Result<Value, E> {
        Ok(Value::String(value.to_owned()))
    }

    fn visit_string<E>(self, value: String) -> Result<Value, E> {
        Ok(Value::String(value))
    }

    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        self.deserialize(deserializer)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0));
        while let Some(item) = seq.next_element_seed(self)? {
            items.push(item);
        }
        Ok(Value::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut members = Map::new();
        while let Some(key) = map.next_key::<String>()? {
            let value = map.next_value_seed(self)?;
            if members.insert(key, value).is_some() {
                self.duplicates.set(true);
            }
        }
        Ok(Value::Object(members))
    }
}

/// The syntax tree of `text` walked for the position of every node, and the pointers
/// and positions of the duplicate keys.
#[allow(clippy::type_complexity)]
fn walk(file: &str, text: &str) -> Result<(Positions, Vec<(String, Pos)>), Diagnostic> {
    let options = jsonc_parser::ParseOptions {
        allow_comments: false,
        allow_loose_object_property_names: false,
        allow_trailing_commas: false,
        allow_missing_commas: false,
        allow_single_quoted_strings: false,
        allow_hexadecimal_numbers: false,
        allow_unary_plus_numbers: false,
        allow_bare_decimal_point_numbers: false,
        allow_non_finite_numbers: false,
        allow_extended_string_escapes: false,
    };
    let ast = jsonc_parser::parse_to_ast(text, &Default::default(), &options).map_err(|err| {
        Diagnostic {
            file: file.to_owned(),
            pos: Some(Pos::of_offset(text, err.range().start)),
            pointer: None,
            message: format!("invalid JSON: {}", err.kind()),
            hint: None,
        }
    })?;
    let mut walker = Walker {
        text,
        positions: Positions::default(),
        duplicates: Vec::new(),
        offsets: LineIndex::new(text),
    };
    if let Some(root) = &ast.value {
        walker.walk(root, String::new());
    }
    Ok((walker.positions, walker.duplicates))
}

/// Maps byte offsets to positions: the line in O(log n), the column by counting the
/// characters since the previous offset asked for when it is on the same line (the walk
/// asks in increasing order), so a whole document costs O(n) even on one long line.
struct LineIndex {
    starts: Vec<usize>,
    /// The last offset asked for, its line index and its column.
    last: Cell<(usize, usize, usize)>,
}

impl LineIndex {
    fn new(text: &str) -> LineIndex {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(index, _)| index + 1));
        LineIndex {
            starts,
            last: Cell::new((0, 0, 1)),
        }
    }

    fn pos(&self, text: &str, offset: usize) -> Pos {
        let line_index = match self.starts.binary_search(&offset) {
            Ok(index) => index,
            Err(index) => index.saturating_sub(1),
        };
        let (last_offset, last_line, last_column) = self.last.get();
        let (from, base) = if last_line == line_index && last_offset <= offset {
            (last_offset, last_column)
        } else {
            (self.starts.get(line_index).copied().unwrap_or(0), 1)
        };
        let column = text
            .get(from..offset)
            .map_or(1, |slice| slice.chars().count() + base);
        self.last.set((offset, line_index, column));
        Pos {
            line: line_index + 1,
            column,
        }
    }
}

struct Walker<'t> {
    text: &'t str,
    positions: Positions,
    duplicates: Vec<(String, Pos)>,
    offsets: LineIndex,
}

impl Walker<'_> {
    fn walk(&mut self, node: &ast::Value<'_>, pointer: String) {
        let pos = self.offsets.pos(self.text, node.range().start);
        match node {
            ast::Value::Object(object) => {
                let mut seen = std::collections::HashSet::new();
                for prop in &object.properties {
                    let name = prop.name.as_str();
                    let child = join(&pointer, name);
                    let key_pos = self.offsets.pos(self.text, prop.range.start);
                    if !seen.insert(name.to_owned()) {
                        self.duplicates.push((child.clone(), key_pos));
                    }
                    self.positions.keys.insert(child.clone(), key_pos);
                    self.walk(&prop.value, child);
                }
            }
            ast::Value::Array(array) => {
                for (index, element) in array.elements.iter().enumerate() {
                    self.walk(element, join(&pointer, &index.to_string()));
                }
            }
            _ => {}
        }
        self.positions.values.insert(pointer, pos);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_follow_pointers() {
        let text = "{\n  \"a\": {\"b/c\": [1, true]}\n}".to_owned();
        let doc = Document::parse("t.json", text).unwrap();
        assert_eq!(doc.pos(""), Some(Pos { line: 1, column: 1 }));
        assert_eq!(doc.pos("/a"), Some(Pos { line: 2, column: 8 }));
        assert_eq!(doc.key_pos("/a"), Some(Pos { line: 2, column: 3 }));
        assert_eq!(
            doc.pos("/a/b~1c/1"),
            Some(Pos {
                line: 2,
                column: 20
            })
        );
        // Unknown pointers fall back to the closest ancestor.
        assert_eq!(doc.pos("/a/zzz"), Some(Pos { line: 2, column: 8 }));
    }

    #[test]
    fn invalid_json_reports_line_and_column() {
        let err = Document::parse("t.json", "{\n  \"a\": ,\n}".to_owned())
            .unwrap_err()
            .0
            .remove(0);
        assert_eq!(err.pos, Some(Pos { line: 2, column: 8 }));
        assert!(
            err.message.starts_with("invalid JSON: expected value"),
            "{}",
            err.message
        );
    }

    #[test]
    fn columns_on_one_long_line() {
        let doc = Document::parse(
            "t.json",
            r#"{"é": [1, {"b": 2}], "c": "ü", "d": 3}"#.to_owned(),
        )
        .unwrap();
        assert_eq!(
            doc.pos("/é/1/b"),
            Some(Pos {
                line: 1,
                column: 17
            })
        );
        assert_eq!(
            doc.key_pos("/c"),
            Some(Pos {
                line: 1,
                column: 22
            })
        );
        assert_eq!(
            doc.pos("/d"),
            Some(Pos {
                line: 1,
                column: 37
            })
        );
        // Asked out of order, after the walk.
        assert_eq!(doc.pos("/é"), Some(Pos { line: 1, column: 7 }));
    }

    #[test]
    fn every_duplicate_key_is_reported() {
        let err = Document::parse(
            "t.json",
            "{\"a\": {\"b\": 1, \"b\": 2}, \"a\": 3}".to_owned(),
        )
        .unwrap_err();
        let found: Vec<_> = err
            .0
            .iter()
            .map(|diagnostic| (diagnostic.pointer.clone(), diagnostic.pos))
            .collect();
        assert_eq!(
            found,
            [
                (
                    Some("/a/b".to_owned()),
                    Some(Pos {
                        line: 1,
                        column: 16
                    })
                ),
                (
                    Some("/a".to_owned()),
                    Some(Pos {
                        line: 1,
                        column: 25
                    })
                ),
            ]
        );
    }

    #[test]
    fn duplicate_keys_are_rejected() {
        let err = Document::parse("t.json", "{\"a\": 1, \"a\": 2}".to_owned())
            .unwrap_err()
            .0
            .remove(0);
        assert_eq!(err.pointer.as_deref(), Some("/a"));
        assert_eq!(
            err.pos,
            Some(Pos {
                line: 1,
                column: 10
            })
        );
    }
}
