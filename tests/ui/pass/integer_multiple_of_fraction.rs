// Accepted since des-events reads every valid JSON Schema: what has no typed Rust shape
// is a JSON value checked by the validator. (It was refused before: An `integer` with a
// fractional `multipleOf`.)
des_events::include_schema!("ui/schemas/integer_multiple_of_fraction.json");

fn main() {}
