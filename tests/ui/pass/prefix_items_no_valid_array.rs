// Accepted since des-events reads every valid JSON Schema: what has no typed Rust shape
// is a JSON value checked by the validator. (It was refused before: A tuple of two
// positions, closed by `"items": false`, whose `minItems` asks for three: no array is
// valid.)
des_events::include_schema!("ui/schemas/prefix_items_no_valid_array.json");

fn main() {}
