// Accepted since des-events reads every valid JSON Schema: what has no typed Rust shape
// is a JSON value checked by the validator. (It was refused before: A recursive `$ref`
// whose cycle has no object (an array of itself) cannot become a Rust type.)
des_events::include_schema!("ui/schemas/recursive_ref.json");

fn main() {}
