// Accepted since des-events reads every valid JSON Schema: what has no typed Rust shape
// is a JSON value checked by the validator. (It was refused before: `allOf` branches that
// require different types (`integer` and `string`): no value can match both.)
des_events::include_schema!("ui/schemas/all_of_type_conflict.json");

fn main() {}
