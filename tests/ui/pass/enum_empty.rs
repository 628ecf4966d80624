// Accepted since des-events reads every valid JSON Schema: what has no typed Rust shape
// is a JSON value checked by the validator. (It was refused before: An empty `enum`
// accepts no value.)
des_events::include_schema!("ui/schemas/enum_empty.json");

fn main() {}
