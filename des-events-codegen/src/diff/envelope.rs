//! The discriminator (tag) key of a raw union, and the modelling of one side of a diff.
//! The engine accepts any tag (see docs/schemas.md, "The schema shape"), so each side is
//! modelled as written and its IR says its tag and form.

use std::path::PathBuf;

use serde_json::Value;

use crate::diag::Diagnostics;
use crate::ir::Schema;
use crate::load::Document;

/// The tag of the classic shape, `{"event": ..., "message": ...}`.
pub const DISCRIMINATOR: &str = "event";

/// The tag key of a raw union: the property the model recognises as the tag (see
/// `tagged_union_shape`). `None` when the root is not a tagged union (the model then
/// reports what is wrong).
pub fn discriminator(root: &Value) -> Option<String> {
    crate::model::discriminator(root)
}

/// Models and checks `doc`, with the checks of [`crate::generate`].
pub(super) fn model(doc: &Document, maps: &[(String, PathBuf)]) -> Result<Schema, Diagnostics> {
    crate::pipeline::check_document(doc, maps)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn union(key: &str, extra: &str) -> String {
        format!(
            r#"{{
  "title": "Events",
  "oneOf": [
    {{
      "type": "object",
      "properties": {{
        "{key}": {{"const": "ping"}},
        "message": {{"type": "object", "properties": {{}}, "additionalProperties": false{extra}}}
      }},
      "required": ["{key}", "message"],
      "additionalProperties": false,
      "examples": [{{"{key}": "ping", "message": {{}}}}]
    }}
  ]
}}"#
        )
    }

    fn doc(text: &str) -> Document {
        Document::parse("t.json", text.to_owned()).expect("valid JSON")
    }

    #[test]
    fn finds_the_key_with_a_const() {
        assert_eq!(
            discriminator(&doc(&union("event", "")).value).as_deref(),
            Some("event")
        );
        assert_eq!(
            discriminator(&doc(&union("name", "")).value).as_deref(),
            Some("name")
        );
        assert_eq!(discriminator(&serde_json::json!({"title": "x"})), None);
    }

    #[test]
    fn mixed_keys_have_no_discriminator() {
        let value = serde_json::json!({"oneOf": [
            {"properties": {"event": {"const": "a"}, "message": {}}, "required": ["event", "message"]},
            {"properties": {"name": {"const": "b"}, "message": {}}, "required": ["name", "message"]}
        ]});
        assert_eq!(discriminator(&value), None);
    }

    #[test]
    fn a_name_keyed_union_is_modelled_as_written() {
        let schema = model(&doc(&union("name", "")), &[]).unwrap_or_else(|err| panic!("{err}"));
        assert_eq!(schema.tagging.tag, "name");
        assert_eq!(schema.events[0].wire_name, "ping");
    }

    #[test]
    fn problems_of_a_name_keyed_union_point_into_the_file() {
        let text = union("name", r#", "maxProperties": "many""#);
        let err = match model(&doc(&text), &[]) {
            Ok(_) => panic!("`maxProperties` must be a number"),
            Err(err) => err,
        };
        let problem = &err.0[0];
        assert_eq!(
            problem.pointer.as_deref(),
            Some("/oneOf/0/properties/message/maxProperties")
        );
        let line = problem.pos.expect("a position").line;
        assert_eq!(line, 8, "{problem}");
    }
}
