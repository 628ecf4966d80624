//! Synthetic event-union schemas of any size, for the expansion benchmark and for
//! measuring build times: `n` events whose messages mix every kind of field the
//! bundled schemas use (uuid, credential, enum, bounded integer, number, date, optional
//! string, nested object through `$ref`, free-form object, array).

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
}
