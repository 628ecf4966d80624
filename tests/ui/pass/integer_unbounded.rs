// Accepted since des-events reads every valid JSON Schema: what has no typed Rust shape
// is a JSON value checked by the validator. (It was refused before: An `integer` with a
// lower bound but no upper bound: it does not fit a Rust i64 exactly.)
des_events::include_schema!("ui/schemas/integer_unbounded.json");

fn main() {}
