// Accepted since des-events reads every valid JSON Schema: what has no typed Rust shape
// is a JSON value checked by the validator. (It was refused before: `1` and `1.0` are the
// same JSON value: the second could never be decoded.)
des_events::include_schema!("ui/schemas/enum_equal_numbers.json");

fn main() {}
