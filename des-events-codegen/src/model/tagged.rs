//! Recognising a tagged union by its shape: which property is the tag, and whether the
//! alternatives are envelopes (`{tag, content}`) or flat objects (`{tag, ...fields}`).
//!
//! Only validation keywords take part (`properties`, `required`, `const`, `enum`,
//! `type`, `additionalProperties`), so adding an annotation (`title`, `description`,
//! `examples`, `$comment`, `deprecated`, an `x-...` keyword, ...) never changes the
//! verdict. The rule is docs/schemas.md's ("The schema shape"):
//!
//! - The root is a `oneOf` or an `anyOf` (not both) of alternatives; an alternative may
//!   be a `#...` `$ref` (followed once).
//! - The tag is a property that every alternative lists in `required` and whose schema
//!   in every alternative is a string constant: `{"const": "<s>"}` or `{"enum": ["<s>"]}`,
//!   optionally with `"type": "string"` and annotations. When several properties qualify,
//!   the tag is the one whose constants are pairwise distinct; when that is not exactly
//!   one property, the root is not a tagged union.
//! - Envelope form when every alternative has exactly one property besides the tag, the
//!   same one in every alternative, and it is required; otherwise flat form (so an
//!   optional content property makes the union flat).
//!
//! Distinct constants are not part of recognition: two alternatives with the same
//! constant are reported as an error by the model, at the second one.

use serde_json::{Map, Value};

use des_events_core::keyword::ANNOTATIONS;

/// What [`tagged_union_shape`] recognised.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Shape {
    /// The root keyword holding the alternatives: `oneOf` or `anyOf`.
    pub(crate) keyword: &'static str,
    /// The tag property.
    pub(crate) tag: String,
    /// The content property of the envelope form; `None` for the flat form.
    pub(crate) content: Option<String>,
    /// Some alternative allows other keys (it does not say `additionalProperties: false`).
    pub(crate) open: bool,
}

/// The tagged-union shape of a schema root, if it has one. `resolve` returns the schema
/// a `$ref` string names (`None` when it names nothing this function can read).
pub(super) fn tagged_union_shape(
    root: &Map<String, Value>,
    resolve: &dyn Fn(&str) -> Option<Value>,
) -> Option<Shape> {
    let keyword = match (root.get("oneOf"), root.get("anyOf")) {
        (Some(_), None) => "oneOf",
        (None, Some(_)) => "anyOf",
        _ => return None,
    };
    let Some(Value::Array(items)) = root.get(keyword) else {
        return None;
    };
    if items.is_empty() {
        return None;
    }
    let mut alternatives: Vec<Value> = Vec::with_capacity(items.len());
    for item in items {
        match item.get("$ref").and_then(Value::as_str) {
            Some(reference) => alternatives.push(resolve(reference)?),
            None => alternatives.push(item.clone()),
        }
    }
    // Per alternative: its properties, and the required string-constant properties.
    let mut candidates: Option<Vec<String>> = None;
    for alternative in &alternatives {
        let properties = alternative.get("properties")?.as_object()?;
        let required = required(alternative);
        let here: Vec<String> = properties
            .iter()
            .filter(|(key, schema)| {
                required.contains(&key.as_str()) && string_constant(schema).is_some()
            })
            .map(|(key, _)| key.clone())
            .collect();
        candidates = Some(match candidates {
            None => here,
            Some(before) => before
                .into_iter()
                .filter(|key| here.contains(key))
                .collect(),
        });
    }
    let mut candidates = candidates?;
    if candidates.len() > 1 {
        candidates.retain(|key| distinct_constants(&alternatives, key));
    }
    let [tag] = <[String; 1]>::try_from(candidates).ok()?;
    let mut content: Option<String> = None;
    let mut envelope = true;
    let mut open = false;
    for alternative in &alternatives {
        open |= alternative.get("additionalProperties") != Some(&Value::Bool(false));
        let properties = alternative.get("properties").and_then(Value::as_object);
        let others: Vec<&String> = properties
            .into_iter()
            .flat_map(|properties| properties.keys())
            .filter(|key| **key != tag)
            .collect();
        let required = required(alternative);
        match others.as_slice() {
            [only] if required.contains(&only.as_str()) => match &content {
                None => content = Some((*only).clone()),
                Some(first) if first == *only => {}
                Some(_) => envelope = false,
            },
            _ => envelope = false,
        }
    }
    Some(Shape {
        keyword,
        tag,
        content: if envelope { content } else { None },
        open,
    })
}

/// The strings of an alternative's `required` (others are left out: the model reports
/// them).
fn required(alternative: &Value) -> Vec<&str> {
    alternative
        .get("required")
        .and_then(Value::as_array)
        .map(|items| items.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default()
}

/// Whether a keyword only annotates (never changes which documents are valid). The
/// model may still reject one it does not know (an unknown `x-...`), but recognition
/// never depends on it.
fn is_annotation(keyword: &str) -> bool {
    ANNOTATIONS.contains(&keyword) || keyword == "default" || keyword.starts_with("x-")
}

/// The string a schema allows, when it allows exactly one string: `{"const": "s"}` or
/// `{"enum": ["s"]}`, optionally with `"type": "string"` and annotations.
pub(crate) fn string_constant(schema: &Value) -> Option<&str> {
    let object = schema.as_object()?;
    let mut found = None;
    for (key, value) in object {
        match key.as_str() {
            "const" if found.is_none() => found = Some(value.as_str()?),
            "enum" if found.is_none() => match value.as_array()?.as_slice() {
                [only] => found = Some(only.as_str()?),
                _ => return None,
            },
            "type" if value.as_str() == Some("string") => {}
            other if is_annotation(other) => {}
            _ => return None,
        }
    }
    found
}

/// Whether `key`'s constants differ in every pair of alternatives.
fn distinct_constants(alternatives: &[Value], key: &str) -> bool {
    let mut seen: Vec<&str> = Vec::new();
    for alternative in alternatives {
        let Some(constant) = alternative
            .get("properties")
            .and_then(|properties| properties.get(key))
            .and_then(string_constant)
        else {
            return false;
        };
        if seen.contains(&constant) {
            return false;
        }
        seen.push(constant);
    }
    true
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn shape(root: Value) -> Option<Shape> {
        let defs = root.clone();
        let resolve = move |reference: &str| {
            reference
                .strip_prefix('#')
                .and_then(|pointer| defs.pointer(pointer))
                .cloned()
        };
        tagged_union_shape(root.as_object()?, &resolve)
    }

    fn alt(tag: &str, name: &str, others: Value, required: &[&str], closed: bool) -> Value {
        let mut properties = json!({ tag: {"const": name} });
        if let (Some(properties), Some(others)) = (properties.as_object_mut(), others.as_object()) {
            properties.extend(others.clone());
        }
        let mut alternative =
            json!({"type": "object", "properties": properties, "required": required});
        if closed {
            alternative["additionalProperties"] = json!(false);
        }
        alternative
    }

    #[test]
    fn envelopes_with_any_names() {
        for (tag, content) in [("event", "message"), ("name", "message"), ("type", "data")] {
            let found = shape(json!({"oneOf": [
                alt(tag, "a", json!({content: {"type": "object"}}), &[tag, content], true),
                alt(tag, "b", json!({content: {"type": "object"}}), &[tag, content], true),
            ]}));
            assert_eq!(
                found,
                Some(Shape {
                    keyword: "oneOf",
                    tag: tag.to_owned(),
                    content: Some(content.to_owned()),
                    open: false
                })
            );
        }
    }

    #[test]
    fn flat_form_optional_content_and_open_alternatives() {
        let flat = shape(json!({"anyOf": [
            alt("type", "a", json!({"x": {"type": "integer"}, "y": {"type": "integer"}}), &["type", "x"], false),
            alt("type", "b", json!({}), &["type"], true),
        ]}));
        assert_eq!(
            flat,
            Some(Shape {
                keyword: "anyOf",
                tag: "type".into(),
                content: None,
                open: true
            })
        );
        // An optional content property: flat.
        let optional = shape(json!({"oneOf": [
            alt("kind", "a", json!({"data": {"type": "object"}}), &["kind"], true),
        ]}));
        assert_eq!(optional.and_then(|shape| shape.content), None);
    }

    #[test]
    fn annotations_never_change_the_verdict() {
        let plain = json!({"oneOf": [
            alt("type", "a", json!({"data": {"type": "object"}}), &["type", "data"], true),
            alt("type", "b", json!({"data": {"type": "object"}}), &["type", "data"], true),
        ]});
        let mut annotated = plain.clone();
        annotated["oneOf"][0]["properties"]["type"] = json!({
            "const": "a", "type": "string", "title": "A", "description": "d", "$comment": "c",
            "examples": ["a"], "deprecated": true, "x-anything": 1, "default": "a"
        });
        annotated["oneOf"][1]["title"] = json!("B");
        annotated["oneOf"][1]["x-des-mobile-function"] = json!("f");
        assert_eq!(shape(plain), shape(annotated));
    }

    #[test]
    fn refs_enums_and_ambiguity() {
        let root = json!({
            "oneOf": [{"$ref": "#/$defs/A"}, alt("t", "b", json!({"v": {"const": "1"}}), &["t", "v"], true)],
            "$defs": {"A": alt("t", "a", json!({"v": {"enum": ["1"]}}), &["t", "v"], true)}
        });
        // `v` is constant in both but not distinct: `t` is the tag, and the union is an
        // envelope with content `v`.
        let found = shape(root).map(|shape| (shape.tag, shape.content));
        assert_eq!(found, Some(("t".into(), Some("v".into()))));
        // Two distinct constant properties: ambiguous.
        let two = json!({"oneOf": [
            alt("t", "a", json!({"u": {"const": "x"}}), &["t", "u"], true),
            alt("t", "b", json!({"u": {"const": "y"}}), &["t", "u"], true),
        ]});
        assert_eq!(shape(two), None);
        // Not required everywhere, or not a constant: no tag.
        assert_eq!(
            shape(json!({"oneOf": [alt("t", "a", json!({}), &[], true)]})),
            None
        );
        assert_eq!(
            shape(
                json!({"oneOf": [{"properties": {"t": {"const": "a", "minLength": 1}}, "required": ["t"]}]})
            ),
            None
        );
        assert_eq!(shape(json!({"oneOf": [], "title": "x"})), None);
        assert_eq!(
            shape(json!({"oneOf": [alt("t", "a", json!({}), &["t"], true)], "anyOf": []})),
            None
        );
    }
}
