// Accepted since des-events reads every valid JSON Schema: what has no typed Rust shape
// is a JSON value checked by the validator. (It was refused before: A property schema is
// `true` (anything) instead of a schema object.)
des_events::include_schema!("ui/schemas/property_schema_true.json");

fn main() {}
