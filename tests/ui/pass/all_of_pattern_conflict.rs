// Accepted since des-events reads every valid JSON Schema: what has no typed Rust shape
// is a JSON value checked by the validator. (It was refused before: `allOf` branches with
// two different `pattern`s, which des-events cannot merge into one.)
des_events::include_schema!("ui/schemas/all_of_pattern_conflict.json");

fn main() {}
