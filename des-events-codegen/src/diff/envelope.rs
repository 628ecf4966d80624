//! The discriminator key, read from the raw JSON (the IR has none: the engine only
//! accepts `event`), and the modelling of a side keyed by another property: its
//! alternatives are re-keyed to `event` in memory, keeping every position of the file,
//! so that the rest of the diff can still compare events and fields.

use serde_json::{Map, Value};

use crate::diag::{Diagnostics, join};
use crate::ir::Schema;
use crate::load::{Document, Positions};

/// The only discriminator key `include_schema!` accepts.
pub const DISCRIMINATOR: &str = "event";

/// The discriminator key of a raw event union: in every `oneOf` alternative (or the
/// `$ref` target it names), the one property other than `message` whose schema has a
/// `const`, the same key in all of them. `None` when there is no such single key (the
/// model then reports what is wrong).
pub fn discriminator(root: &Value) -> Option<String> {
    let mut found: Option<String> = None;
    for pointer in alternatives(root) {
        let properties = root
            .pointer(&format!("{pointer}/properties"))?
            .as_object()?;
        let mut keys = properties
            .iter()
            .filter(|(key, schema)| *key != "message" && schema.get("const").is_some())
            .map(|(key, _)| key);
        let (Some(key), None) = (keys.next(), keys.next()) else {
            return None;
        };
        match &found {
            None => found = Some(key.clone()),
            Some(first) if first == key => {}
            Some(_) => return None,
        }
    }
    found
}

/// The JSON pointers of the `oneOf` alternatives, following a `#...` `$ref` once.
fn alternatives(root: &Value) -> Vec<String> {
    let Some(Value::Array(items)) = root.get("oneOf") else {
        return Vec::new();
    };
    let mut pointers: Vec<String> = Vec::new();
    for (index, item) in items.iter().enumerate() {
        let pointer = match item.get("$ref").and_then(Value::as_str) {
            Some(reference) => match reference.strip_prefix('#') {
                Some(target) if root.pointer(target).is_some() => target.to_owned(),
                _ => continue,
            },
            None => format!("/oneOf/{index}"),
        };
        if !pointers.contains(&pointer) {
            pointers.push(pointer);
        }
    }
    pointers
}

/// One side of a diff: its IR and the discriminator key its file uses.
pub(super) struct Side {
    pub schema: Schema,
    pub key: String,
}

/// Models and checks `doc`. A union keyed by another property than `event` is modelled
/// as if keyed by `event`; its diagnostics, if any, still point into the file as written.
pub(super) fn model(doc: &Document) -> Result<Side, Diagnostics> {
    let key = discriminator(&doc.value).unwrap_or_else(|| DISCRIMINATOR.to_owned());
    if key == DISCRIMINATOR {
        let schema = model_and_check(doc)?;
        return Ok(Side { schema, key });
    }
    let Some((rekeyed, renames)) = rekey(doc, &key) else {
        // `event` is taken by another property: let the model say what is wrong.
        let schema = model_and_check(doc)?;
        return Ok(Side {
            schema,
            key: DISCRIMINATOR.to_owned(),
        });
    };
    match model_and_check(&rekeyed) {
        Ok(schema) => Ok(Side { schema, key }),
        Err(mut diagnostics) => {
            // Point at the file as written: `.../properties/name`, not `.../event`.
            let back: Vec<(String, String)> = renames
                .iter()
                .map(|(from, to)| (to.clone(), from.clone()))
                .collect();
            for diagnostic in &mut diagnostics.0 {
                if let Some(pointer) = &diagnostic.pointer {
                    diagnostic.pointer = Some(renamed(pointer, &back));
                }
            }
            Err(diagnostics)
        }
    }
}

fn model_and_check(doc: &Document) -> Result<Schema, Diagnostics> {
    crate::pipeline::check_document(doc, &[])
}

/// `doc` with the discriminator `key` renamed to `event` in every alternative's
/// `properties`, `required` and `examples`; positions follow the renamed pointers.
/// Also returns the renames (old pointer, new pointer). `None` when an alternative
/// already has an `event` property.
fn rekey(doc: &Document, key: &str) -> Option<(Document, Vec<(String, String)>)> {
    let mut value = doc.value.clone();
    let mut renames = Vec::new();
    for pointer in alternatives(&doc.value) {
        let alternative = value.pointer_mut(&pointer)?;
        let properties_pointer = join(&pointer, "properties");
        let properties = alternative.get_mut("properties")?.as_object_mut()?;
        if properties.contains_key(DISCRIMINATOR) {
            return None;
        }
        *properties = rename_key(properties, key);
        renames.push((
            join(&properties_pointer, key),
            join(&properties_pointer, DISCRIMINATOR),
        ));
        if let Some(Value::Array(required)) = alternative.get_mut("required") {
            for item in required {
                if item.as_str() == Some(key) {
                    *item = Value::String(DISCRIMINATOR.to_owned());
                }
            }
        }
        if let Some(Value::Array(examples)) = alternative.get_mut("examples") {
            for (index, example) in examples.iter_mut().enumerate() {
                if let Value::Object(object) = example
                    && object.contains_key(key)
                    && !object.contains_key(DISCRIMINATOR)
                {
                    *object = rename_key(object, key);
                    let example_pointer = join(&join(&pointer, "examples"), &index.to_string());
                    renames.push((
                        join(&example_pointer, key),
                        join(&example_pointer, DISCRIMINATOR),
                    ));
                }
            }
        }
    }
    let remap = |positions: &std::collections::HashMap<String, crate::diag::Pos>| {
        positions
            .iter()
            .map(|(pointer, pos)| (renamed(pointer, &renames), *pos))
            .collect()
    };
    let positions = doc.positions();
    let positions = Positions {
        values: remap(&positions.values),
        keys: remap(&positions.keys),
    };
    let rekeyed = doc.rewritten(value, positions);
    Some((rekeyed, renames))
}

/// `object` with `key` renamed to `event`, in the same place.
fn rename_key(object: &Map<String, Value>, key: &str) -> Map<String, Value> {
    object
        .iter()
        .map(|(name, value)| {
            let name = if name == key { DISCRIMINATOR } else { name };
            (name.to_owned(), value.clone())
        })
        .collect()
}

/// `pointer` with the first matching `(from, to)` prefix replaced.
fn renamed(pointer: &str, renames: &[(String, String)]) -> String {
    for (from, to) in renames {
        if pointer == from {
            return to.clone();
        }
        if let Some(rest) = pointer.strip_prefix(from.as_str())
            && rest.starts_with('/')
        {
            return format!("{to}{rest}");
        }
    }
    pointer.to_owned()
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
            {"properties": {"event": {"const": "a"}, "message": {}}},
            {"properties": {"name": {"const": "b"}, "message": {}}}
        ]});
        assert_eq!(discriminator(&value), None);
    }

    #[test]
    fn a_name_keyed_union_is_modelled_as_event_keyed() {
        let side = model(&doc(&union("name", ""))).unwrap_or_else(|err| panic!("{err}"));
        assert_eq!(side.key, "name");
        assert_eq!(side.schema.events[0].wire_name, "ping");
    }

    #[test]
    fn problems_of_a_name_keyed_union_point_into_the_file_as_written() {
        let text = union("name", r#", "maxProperties": "many""#);
        let err = match model(&doc(&text)) {
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
        // The renamed key maps back too.
        assert_eq!(
            renamed(
                "/oneOf/0/properties/event/const",
                &[(
                    "/oneOf/0/properties/event".to_owned(),
                    "/oneOf/0/properties/name".to_owned()
                )]
            ),
            "/oneOf/0/properties/name/const"
        );
    }
}
