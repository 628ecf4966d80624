// Accepted since des-events reads every valid JSON Schema: what has no typed Rust shape
// is a JSON value checked by the validator. (It was refused before: An `integer` whose
// `maximum` (the largest u64) is outside the 64-bit signed range.)
des_events::include_schema!("ui/schemas/integer_bound_range.json");

fn main() {}
