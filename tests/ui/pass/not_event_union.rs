// Accepted since des-events reads every valid JSON Schema: what has no typed Rust shape
// is a JSON value checked by the validator. (It was refused before: The schema root is a
// plain object schema, not a `oneOf` of event envelopes.)
des_events::include_schema!("ui/schemas/not_event_union.json");

fn main() {}
