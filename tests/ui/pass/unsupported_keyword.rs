// Accepted since des-events reads every valid JSON Schema: what has no typed Rust shape
// is a JSON value checked by the validator. (It was refused before: A message object uses
// `patternProperties`, which des-events does not support.)
des_events::include_schema!("ui/schemas/unsupported_keyword.json");

fn main() {}
