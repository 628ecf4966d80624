// Accepted since des-events reads every valid JSON Schema: what has no typed Rust shape
// is a JSON value checked by the validator. (It was refused before: A property schema with
// neither `type` nor `enum`, `const` or `$ref`.)
des_events::include_schema!("ui/schemas/untyped_schema.json");

fn main() {}
