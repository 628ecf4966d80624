// Accepted since des-events reads every valid JSON Schema: what has no typed Rust shape
// is a JSON value checked by the validator. (It was refused before: An `enum` of `type:
// string` that lists `null`, which is not a string.)
des_events::include_schema!("ui/schemas/enum_wrong_type.json");

fn main() {}
