//! Warnings: checks a schema makes that no value can pass, or that contradict each other,
//! told at compile time. The schema stays valid JSON Schema and is accepted; the warning
//! names the file, line, column and JSON pointer, like every diagnostic.

use serde_json::{Map, Value};

use crate::diag::{Diagnostic, join};
use crate::load::Document;

/// Keywords whose value is one schema.
const ONE_SCHEMA: &[&str] = &[
    "not",
    "if",
    "then",
    "else",
    "contains",
    "additionalProperties",
    "propertyNames",
    "unevaluatedProperties",
    "unevaluatedItems",
    "additionalItems",
    "items",
];

/// Keywords whose value is an array of schemas.
const SCHEMA_ARRAYS: &[&str] = &["allOf", "anyOf", "oneOf", "prefixItems", "items"];

/// Keywords whose value maps names to schemas.
const SCHEMA_MAPS: &[&str] = &[
    "properties",
    "patternProperties",
    "$defs",
    "definitions",
    "dependentSchemas",
];

/// `(lower, upper)` pairs where a lower bound above the upper one admits nothing.
const BOUNDS: &[(&str, &str)] = &[
    ("minLength", "maxLength"),
    ("minItems", "maxItems"),
    ("minProperties", "maxProperties"),
    ("minContains", "maxContains"),
    ("minimum", "maximum"),
];

/// Every warning of `doc`.
pub(crate) fn lint(doc: &Document) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    walk(doc, &doc.value, "", &mut out, 0);
    out
}

fn walk(doc: &Document, schema: &Value, pointer: &str, out: &mut Vec<Diagnostic>, depth: usize) {
    // Deep enough for any real schema; a deeper one is left unlinted, not rejected.
    if depth > 256 {
        return;
    }
    let Value::Object(object) = schema else {
        return;
    };
    check(doc, object, pointer, out);
    for (key, value) in object {
        let at = join(pointer, key);
        if ONE_SCHEMA.contains(&key.as_str()) && !value.is_array() {
            walk(doc, value, &at, out, depth + 1);
        } else if SCHEMA_ARRAYS.contains(&key.as_str()) {
            if let Value::Array(items) = value {
                for (index, item) in items.iter().enumerate() {
                    walk(doc, item, &join(&at, &index.to_string()), out, depth + 1);
                }
            }
        } else if SCHEMA_MAPS.contains(&key.as_str())
            && let Value::Object(members) = value
        {
            for (name, member) in members {
                walk(doc, member, &join(&at, name), out, depth + 1);
            }
        }
    }
}

/// Whether `schema` accepts every value (`true`, `{}`, or annotations only).
fn accepts_everything(schema: &Value) -> bool {
    match schema {
        Value::Bool(flag) => *flag,
        Value::Object(object) => object.keys().all(|key| {
            matches!(
                key.as_str(),
                "title"
                    | "description"
                    | "$comment"
                    | "examples"
                    | "default"
                    | "deprecated"
                    | "readOnly"
                    | "writeOnly"
                    | "$anchor"
            ) || key.starts_with("x-")
        }),
        _ => false,
    }
}

fn check(doc: &Document, object: &Map<String, Value>, pointer: &str, out: &mut Vec<Diagnostic>) {
    let mut warn = |at: &str, message: String, hint: &str| {
        out.push(Diagnostic {
            file: doc.file.clone(),
            pos: doc.key_pos(at),
            pointer: Some(at.to_owned()),
            message,
            hint: Some(hint.to_owned()),
        });
    };
    if let Some(not) = object.get("not")
        && accepts_everything(not)
    {
        warn(
            &join(pointer, "not"),
            "`not` of a schema that accepts everything: no value is valid here".to_owned(),
            "remove the `not`, or give it the values to reject",
        );
    }
    for (low, high) in BOUNDS {
        let (Some(min), Some(max)) = (
            object.get(*low).and_then(Value::as_f64),
            object.get(*high).and_then(Value::as_f64),
        ) else {
            continue;
        };
        if min > max {
            warn(
                &join(pointer, low),
                format!("`{low}` {min} is above `{high}` {max}: no value is valid here"),
                "swap or correct the bounds",
            );
        }
    }
    if let (Some(low), Some(high)) = (
        object.get("exclusiveMinimum").and_then(Value::as_f64),
        object.get("exclusiveMaximum").and_then(Value::as_f64),
    ) && low >= high
    {
        warn(
            &join(pointer, "exclusiveMinimum"),
            format!(
                "`exclusiveMinimum` {low} is not below `exclusiveMaximum` {high}: no number is valid here"
            ),
            "correct the bounds",
        );
    }
    if let (Some(Value::Array(required)), Some(Value::Object(properties))) =
        (object.get("required"), object.get("properties"))
    {
        for (index, name) in required.iter().enumerate() {
            if let Some(name) = name.as_str()
                && properties.get(name) == Some(&Value::Bool(false))
            {
                warn(
                    &join(&join(pointer, "required"), &index.to_string()),
                    format!(
                        "`{name}` is required but its schema is `false`: no object is valid here"
                    ),
                    "drop it from `required`, or give it a schema",
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn warnings(text: &str) -> Vec<String> {
        let doc = Document::parse("t.json", text.to_owned()).expect("valid JSON");
        lint(&doc)
            .into_iter()
            .map(|diag| format!("{} {}", diag.pointer.unwrap_or_default(), diag.message))
            .collect()
    }

    #[test]
    fn impossible_checks_are_warned_with_their_pointer() {
        let found = warnings(
            r#"{"type": "object", "properties": {
                "a": {"not": {}},
                "b": {"type": "string", "minLength": 5, "maxLength": 2},
                "c": {"type": "array", "contains": {}, "minContains": 3, "maxContains": 1},
                "d": {"exclusiveMinimum": 2, "exclusiveMaximum": 2},
                "e": false
            }, "required": ["e"]}"#,
        );
        assert_eq!(found.len(), 5, "{found:#?}");
        assert!(
            found[0].starts_with("/required/0 `e` is required"),
            "{found:#?}"
        );
        assert!(
            found[1].starts_with("/properties/a/not `not`"),
            "{found:#?}"
        );
        assert!(
            found[2].starts_with("/properties/b/minLength"),
            "{found:#?}"
        );
        assert!(
            found[3].starts_with("/properties/c/minContains"),
            "{found:#?}"
        );
        assert!(
            found[4].starts_with("/properties/d/exclusiveMinimum"),
            "{found:#?}"
        );
    }

    #[test]
    fn a_property_named_like_a_keyword_is_not_a_keyword() {
        // `not` here is a property name; its schema `{}` is fine.
        assert!(warnings(r#"{"properties": {"not": {}, "minLength": {}}}"#).is_empty());
        assert!(warnings(r#"{"not": {"type": "null"}, "minimum": 1, "maximum": 1}"#).is_empty());
    }
}
