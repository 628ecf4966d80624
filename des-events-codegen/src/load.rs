//! Stage 1, load: read a schema file and parse it into a `serde_json::Value` plus the
//! position (line, column) of every node, keyed by JSON pointer.
//!
//! `serde_json` decides validity (strict JSON, its error gives line and column) and
//! `jsonc-parser` (configured strict) supplies the byte ranges we map to positions. Using
//! both, rather than a JSON parser of our own, keeps us on two well-kept crates.

use std::collections::HashMap;
use std::path::Path;

use jsonc_parser::ast;
use jsonc_parser::common::Ranged;
use serde_json::Value;

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
    /// Position of each node's value, by JSON pointer.
    pub positions: HashMap<String, Pos>,
    /// Position of each object member's key, by the member's JSON pointer.
    pub key_positions: HashMap<String, Pos>,
    /// Where the file was read from (`None` for text given directly); relative `$ref`s
    /// to other files resolve against its directory.
    pub path: Option<std::path::PathBuf>,
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
        let value: Value = serde_json::from_str(&text).map_err(|err| Diagnostic {
            file: file.to_owned(),
            pos: Some(Pos {
                line: err.line().max(1),
                column: err.column().max(1),
            }),
            pointer: None,
            message: format!("invalid JSON: {}", strip_position(&err.to_string())),
            hint: Some("a schema file is strict JSON: no comments, no trailing commas".into()),
        })?;
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
        let ast =
            jsonc_parser::parse_to_ast(&text, &Default::default(), &options).map_err(|err| {
                Diagnostic {
                    file: file.to_owned(),
                    pos: Some(Pos::of_offset(&text, err.range().start)),
                    pointer: None,
                    message: format!("invalid JSON: {}", err.kind()),
                    hint: None,
                }
            })?;
        let mut doc = Document {
            file: file.to_owned(),
            text: String::new(),
            value,
            positions: HashMap::new(),
            key_positions: HashMap::new(),
            path: None,
        };
        if let Some(root) = &ast.value {
            let mut walker = Walker {
                text: &text,
                doc: &mut doc,
                duplicates: Vec::new(),
                offsets: LineIndex::new(&text),
            };
            walker.walk(root, String::new());
            if !walker.duplicates.is_empty() {
                let duplicates = walker
                    .duplicates
                    .into_iter()
                    .map(|(pointer, pos)| Diagnostic {
                        file: file.to_owned(),
                        pos: Some(pos),
                        pointer: Some(pointer),
                        message: "duplicate key in object".into(),
                        hint: Some("JSON Schema leaves duplicate keys undefined; keep one".into()),
                    });
                return Err(Diagnostics(duplicates.collect()));
            }
        }
        doc.text = text;
        Ok(doc)
    }

    /// The position of the node at `pointer`, or of its closest ancestor.
    pub fn pos(&self, pointer: &str) -> Option<Pos> {
        let mut current = pointer;
        loop {
            if let Some(pos) = self.positions.get(current) {
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
        self.key_positions
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

/// Maps byte offsets to positions in O(log n).
struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    fn new(text: &str) -> LineIndex {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(index, _)| index + 1));
        LineIndex { starts }
    }

    fn pos(&self, text: &str, offset: usize) -> Pos {
        let line_index = match self.starts.binary_search(&offset) {
            Ok(index) => index,
            Err(index) => index.saturating_sub(1),
        };
        let start = self.starts.get(line_index).copied().unwrap_or(0);
        let column = text
            .get(start..offset)
            .map_or(1, |slice| slice.chars().count() + 1);
        Pos {
            line: line_index + 1,
            column,
        }
    }
}

struct Walker<'t, 'd> {
    text: &'t str,
    doc: &'d mut Document,
    duplicates: Vec<(String, Pos)>,
    offsets: LineIndex,
}

impl Walker<'_, '_> {
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
                    self.doc.key_positions.insert(child.clone(), key_pos);
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
        self.doc.positions.insert(pointer, pos);
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
