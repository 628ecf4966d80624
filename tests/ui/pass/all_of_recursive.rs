// Accepted since des-events reads every valid JSON Schema: what has no typed Rust shape
// is a JSON value checked by the validator. (It was refused before: A definition whose
// `allOf` refers to itself, so merging it never ends.)
des_events::include_schema!("ui/schemas/all_of_recursive.json");

fn main() {}
