// Accepted since des-events reads every valid JSON Schema: what has no typed Rust shape
// is a JSON value checked by the validator. (It was refused before: A string `enum` lists
// the same value twice.)
des_events::include_schema!("ui/schemas/enum_duplicate.json");

fn main() {}
