// Accepted since des-events reads every valid JSON Schema: what has no typed Rust shape
// is a JSON value checked by the validator. (It was refused before: A schema with both
// `enum` and `const`.)
des_events::include_schema!("ui/schemas/enum_and_const.json");

fn main() {}
