// Accepted since des-events reads every valid JSON Schema: what has no typed Rust shape
// is a JSON value checked by the validator. (It was refused before: A schema with both
// `oneOf` and `anyOf`: des-events makes one Rust enum from one of them.)
des_events::include_schema!("ui/schemas/one_of_and_any_of.json");

fn main() {}
