// Accepted since des-events reads every valid JSON Schema: what has no typed Rust shape
// is a JSON value checked by the validator. (It was refused before: A list of types other
// than a nullable property `[T, "null"]` is not supported yet.)
des_events::include_schema!("ui/schemas/type_list.json");

fn main() {}
