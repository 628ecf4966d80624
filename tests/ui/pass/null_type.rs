// Accepted since des-events reads every valid JSON Schema: what has no typed Rust shape
// is a JSON value checked by the validator. (It was refused before: A property of `type:
// null`, which can only ever be `null`.)
des_events::include_schema!("ui/schemas/null_type.json");

fn main() {}
