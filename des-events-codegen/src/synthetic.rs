//! Synthetic schemas of any size, for the benchmarks, for measuring build times and for
//! regression tests of the engine's scaling:
//!
//! - [`event_union`]: `n` events whose messages mix every kind of field the bundled
//!   schemas use (uuid, credential, enum, bounded integer, number, date, optional
//!   string, nested object through `$ref`, free-form object, array);
//! - [`definitions`]: a document of the shape of large real-world schemas (CI
//!   configurations, cloud resources, API descriptions), grown to a target size.

use std::fmt::Write as _;

/// The text of a schema with `events` events (at least one), deterministic.
pub fn event_union(events: usize) -> String {
    let mut variants = Vec::with_capacity(events.max(1));
    for index in 0..events.max(1) {
        let name = format!("syntheticEvent{index}");
        let mut variant = String::new();
        let _ = write!(
            variant,
            r##"{{
      "title": "SyntheticEvent{index}",
      "description": "Synthetic event number {index}.",
      "type": "object",
      "properties": {{
        "event": {{"const": "{name}"}},
        "message": {{
          "type": "object",
          "description": "The message of event {index}.",
          "properties": {{
            "requestId": {{"type": "string", "format": "uuid", "description": "Correlates a reply."}},
            "token": {{"type": "string", "x-des-credential": true}},
            "status": {{"type": "string", "enum": ["started", "done", "failed{index}"]}},
            "count": {{"type": "integer", "minimum": 0, "maximum": 1000000}},
            "amount": {{"type": "number", "exclusiveMinimum": 0}},
            "due": {{"type": "string", "format": "date"}},
            "note": {{"type": "string", "maxLength": 280}},
            "money": {{"$ref": "#/$defs/Money"}},
            "payload": {{"type": "object"}},
            "tags": {{"type": "array", "items": {{"type": "string", "minLength": 1}}, "maxItems": 10}}
          }},
          "required": ["requestId", "status", "count", "money"],
          "additionalProperties": false
        }}
      }},
      "required": ["event", "message"],
      "additionalProperties": false,
      "examples": [
        {{"event": "{name}", "message": {{"requestId": "a2313192-e2dc-452e-b56c-2f23baf6eee1", "status": "done", "count": 3, "money": {{"quantity": 1.5, "currency": "SEK"}}}}}}
      ]
    }}"##
        );
        variants.push(variant);
    }
    format!(
        r##"{{
  "$schema": "https://json-schema.org/draft/2020-12/schema",
  "title": "SyntheticEvent",
  "description": "A synthetic schema for benchmarks.",
  "oneOf": [
    {}
  ],
  "$defs": {{
    "Money": {{
      "type": "object",
      "properties": {{
        "quantity": {{"type": "number"}},
        "currency": {{"type": "string", "pattern": "^[A-Z]{{3}}$"}}
      }},
      "required": ["quantity", "currency"],
      "additionalProperties": false
    }}
  }}
}}
"##,
        variants.join(",\n    ")
    )
}

/// How many definitions follow each other in one `$ref` chain of [`definitions`]
/// (`Service0.next` -> `Job1` -> ... -> `Queue11` -> `Service12` -> ...).
const CHAIN: usize = 16;

/// Names the definitions of [`definitions`] are made of, so that the document reads like
/// a real one (and the same words come back in many places).
const KINDS: [&str; 12] = [
    "Service", "Job", "Volume", "Network", "Secret", "Trigger", "Pipeline", "Cache", "Artifact",
    "Policy", "Route", "Queue",
];

/// The text of a schema of about `bytes` bytes (at least one definition: about 5 KB),
/// deterministic, shaped like large real-world schemas:
///
/// - hundreds of `$defs` (and a few draft-07 style `definitions`) whose properties share
///   names (`id`, `name`, `state`, `spec`, `metadata`...), so that nested types want the
///   same names;
/// - objects with nested objects three levels deep, string enums, patterns, bounds,
///   arrays, maps (`additionalProperties` schemas);
/// - `$ref` chains of 16 definitions (`Resource0` -> `Resource1` -> ...), and
///   references from everywhere to a few shared definitions;
/// - `oneOf` and `anyOf` of objects (tagged by a `const`, and untagged), of `$ref`s and
///   of scalars;
/// - titles that collide: every chain has a `Settings` and each definition's nested
///   `spec` is titled `Spec`.
///
/// The schema generates (the tests hold it to that), so that the benchmarks time the
/// whole pipeline.
pub fn definitions(bytes: usize) -> String {
    let mut defs = Vec::new();
    // The root's own text, around the definitions.
    let mut size = 1_700;
    let mut index = 0;
    loop {
        let mut def = definition(index, false);
        if size + def.len() >= bytes {
            // The last definition ends its chain.
            def = definition(index, true);
            defs.push(def);
            index += 1;
            break;
        }
        size += def.len();
        defs.push(def);
        index += 1;
    }
    let heads: Vec<String> = (0..index)
        .step_by(CHAIN)
        .map(|head| {
            format!(
                r##""{}": {{"$ref": "#/$defs/{}"}}"##,
                field_of(head),
                def_name(head)
            )
        })
        .collect();
    format!(
        r##"{{
  "$schema": "https://json-schema.org/draft/2020-12/schema",
  "$id": "https://example.com/schemas/synthetic-large.json",
  "title": "Synthetic large configuration",
  "description": "A synthetic schema of the shape of large real-world ones.",
  "type": "object",
  "properties": {{
    "version": {{"type": "string", "enum": ["1", "2", "2.1"]}},
    "metadata": {{"$ref": "#/definitions/metadata"}},
    {}
  }},
  "required": ["version"],
  "additionalProperties": false,
  "definitions": {{
    "metadata": {{
      "title": "Metadata",
      "type": "object",
      "properties": {{
        "name": {{"type": "string", "minLength": 1, "maxLength": 253}},
        "labels": {{"type": "object", "additionalProperties": {{"type": "string", "maxLength": 63}}}},
        "annotations": {{"type": "object", "additionalProperties": {{"type": "string"}}}}
      }},
      "required": ["name"],
      "additionalProperties": false
    }},
    "duration": {{
      "anyOf": [
        {{"type": "integer", "minimum": 0}},
        {{"type": "string", "pattern": "^[0-9]+(ms|s|m|h)$"}}
      ]
    }}
  }},
  "$defs": {{
    "State": {{
      "description": "The state of a resource.",
      "type": "string",
      "enum": ["pending", "running", "succeeded", "failed", "unknown"]
    }},
{}
  }}
}}
"##,
        heads.join(",\n    "),
        defs.join(",\n")
    )
}

/// The name of the `index`-th definition of [`definitions`].
fn def_name(index: usize) -> String {
    format!("{}{index}", KINDS[index % KINDS.len()])
}

/// The property of the root that holds the chain starting at `head`.
fn field_of(head: usize) -> String {
    let name = def_name(head);
    let mut chars = name.chars();
    match chars.next() {
        Some(first) => format!("{}{}", first.to_ascii_lowercase(), chars.as_str()),
        None => name,
    }
}

/// The `index`-th definition of [`definitions`], as `"Name": {...}`; the `last` one
/// refers to no next definition.
fn definition(index: usize, last: bool) -> String {
    let name = def_name(index);
    let kind = KINDS[index % KINDS.len()];
    // Each chain has one `Settings` (titles collide across chains), and the other
    // definitions are titled by their kind (which collides with the other definitions
    // of the same kind).
    let title = if index % CHAIN == 3 {
        "Settings".to_owned()
    } else {
        format!("{kind} definition")
    };
    let next = if !last && !(index + 1).is_multiple_of(CHAIN) {
        format!(
            r##",
        "next": {{"$ref": "#/$defs/{}"}},
        "children": {{"type": "array", "items": {{"$ref": "#/$defs/{}"}}, "maxItems": 50}}"##,
            def_name(index + 1),
            def_name(index + 1)
        )
    } else {
        String::new()
    };
    let previous = if !index.is_multiple_of(CHAIN) {
        format!(
            r##",
        "parent": {{"anyOf": [{{"$ref": "#/$defs/{}"}}, {{"type": "object", "properties": {{"id": {{"type": "string"}}}}, "required": ["id"], "additionalProperties": false}}]}}"##,
            def_name(index - 1)
        )
    } else {
        String::new()
    };
    let mut text = String::new();
    let _ = write!(
        text,
        r##"    "{name}": {{
      "title": "{title}",
      "description": "A synthetic {kind} (definition {index}): the fields that real schemas repeat.",
      "type": "object",
      "properties": {{
        "id": {{"type": "string", "pattern": "^[a-z][a-z0-9-]{{0,62}}$", "description": "Identifier of the {kind}."}},
        "name": {{"type": "string", "minLength": 1, "maxLength": 128}},
        "state": {{"$ref": "#/$defs/State"}},
        "metadata": {{"$ref": "#/definitions/metadata"}},
        "timeout": {{"$ref": "#/definitions/duration"}},
        "priority": {{"type": "integer", "minimum": 0, "maximum": 100, "default": 50}},
        "weight": {{"type": "number", "exclusiveMinimum": 0}},
        "enabled": {{"type": "boolean"}},
        "mode": {{"type": "string", "enum": ["auto", "manual", "mode-{index}"]}},
        "tags": {{"type": "array", "items": {{"type": "string", "pattern": "^[a-z]+$"}}, "uniqueItems": true}},
        "env": {{"type": "object", "additionalProperties": {{"type": "string"}}}},
        "labels": {{"type": "object", "patternProperties": {{"^x-": {{"type": "string"}}, "^[a-z]+$": {{"type": "integer"}}}}}},
        "alias": {{"type": "string", "not": {{"enum": ["default", "none"]}}}},
        "value": {{"description": "Any JSON value: a number, a string or an object."}},
        "limit": {{"type": ["integer", "string", "null"], "minimum": 0}},
        "retry": {{
          "type": "object",
          "properties": {{
            "attempts": {{"type": "integer", "minimum": 1}},
            "backoff": {{"type": "string", "enum": ["linear", "exponential"]}},
            "delay": {{"$ref": "#/definitions/duration"}}
          }},
          "if": {{"properties": {{"backoff": {{"const": "exponential"}}}}, "required": ["backoff"]}},
          "then": {{"required": ["delay"]}},
          "additionalProperties": false
        }},
        "spec": {{
          "title": "Spec",
          "type": "object",
          "properties": {{
            "name": {{"type": "string"}},
            "state": {{"type": "string", "enum": ["enabled", "disabled"]}},
            "replicas": {{"type": "integer", "minimum": 0, "maximum": 1000}},
            "template": {{
              "type": "object",
              "properties": {{
                "id": {{"type": "string", "format": "uuid"}},
                "state": {{"type": "string", "enum": ["draft", "ready", "template-{index}"]}},
                "container": {{
                  "type": "object",
                  "properties": {{
                    "name": {{"type": "string"}},
                    "image": {{"type": "string", "pattern": "^[a-z0-9./-]+(:[a-zA-Z0-9._-]+)?$"}},
                    "ports": {{"type": "array", "items": {{"type": "integer", "minimum": 1, "maximum": 65535}}}}
                  }},
                  "required": ["image"],
                  "additionalProperties": false
                }}
              }},
              "additionalProperties": false
            }}
          }},
          "required": ["name"],
          "additionalProperties": false
        }},
        "source": {{
          "oneOf": [
            {{
              "type": "object",
              "properties": {{
                "type": {{"const": "git"}},
                "url": {{"type": "string", "format": "uri"}},
                "branch": {{"type": "string", "default": "main"}}
              }},
              "required": ["type", "url"],
              "additionalProperties": false
            }},
            {{
              "type": "object",
              "properties": {{
                "type": {{"const": "archive"}},
                "path": {{"type": "string"}},
                "checksum": {{"type": "string", "pattern": "^sha256:[0-9a-f]{{64}}$"}}
              }},
              "required": ["type", "path"],
              "additionalProperties": false
            }}
          ]
        }},
        "target": {{
          "oneOf": [
            {{"type": "string", "enum": ["all", "none"]}},
            {{"type": "array", "items": {{"type": "string"}}, "minItems": 1}}
          ]
        }},
        "status": {{
          "type": "object",
          "properties": {{
            "state": {{"$ref": "#/$defs/State"}},
            "message": {{"type": "string"}},
            "conditions": {{
              "type": "array",
              "items": {{
                "type": "object",
                "properties": {{
                  "name": {{"type": "string"}},
                  "state": {{"type": "string", "enum": ["true", "false", "unknown"]}},
                  "reason": {{"type": "string", "maxLength": 1024}}
                }},
                "required": ["name", "state"],
                "additionalProperties": false
              }}
            }}
          }},
          "additionalProperties": false
        }}{next}{previous}
      }},
      "required": ["id", "name"],
      "dependentRequired": {{"weight": ["priority"]}},
      "additionalProperties": false
    }}"##
    );
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn synthetic_schemas_are_accepted() {
        for events in [1, 3] {
            let request =
                crate::Request::new(crate::Source::text("synthetic.json", event_union(events)));
            let generated = match crate::generate(&request) {
                Ok(generated) => generated,
                Err(err) => panic!("{err}"),
            };
            assert_eq!(generated.schema().events.len(), events);
        }
    }

    /// A schema of the shape of large real-world ones generates (a regression test of
    /// the work that used to grow with the square of the schema's size: a 100 KB schema
    /// took half a second in release, a 1 MB one 40 s).
    #[test]
    fn large_shaped_schema_generates() {
        let text = definitions(100_000);
        assert!((100_000..110_000).contains(&text.len()), "{}", text.len());
        assert_eq!(text, definitions(100_000), "deterministic");
        let request = crate::Request::new(crate::Source::text("large.json", text));
        let generated = match crate::generate(&request) {
            Ok(generated) => generated,
            Err(err) => panic!("{err}"),
        };
        let schema = generated.schema();
        // Every definition is a type (titles that collide are given other names), and
        // some are checked by the validator (`dependentRequired`, `if`/`then`, `not`).
        for index in 0..10 {
            let name = format!("{}{index}", KINDS[index % KINDS.len()]);
            assert!(
                schema
                    .types
                    .iter()
                    .any(|def| def.pointer() == format!("/$defs/{name}")),
                "{name}"
            );
        }
        use crate::ir::TypeDef;
        let checked = |def: &TypeDef| match def {
            TypeDef::Json(_) => true,
            TypeDef::Struct(def) => def.check.is_some(),
            TypeDef::Newtype(def) => def.check.is_some(),
            _ => false,
        };
        assert!(schema.types.iter().filter(|def| checked(def)).count() >= 30);
        assert!(!generated.tokens().is_empty());
    }
}
