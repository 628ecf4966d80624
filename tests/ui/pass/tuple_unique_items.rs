// Accepted since des-events reads every valid JSON Schema: what has no typed Rust shape
// is a JSON value checked by the validator. (It was refused before: `uniqueItems` on a
// tuple (`prefixItems`) is not supported.)
des_events::include_schema!("ui/schemas/tuple_unique_items.json");

fn main() {}
