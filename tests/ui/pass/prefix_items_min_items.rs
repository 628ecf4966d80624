// Accepted since des-events reads every valid JSON Schema: what has no typed Rust shape
// is a JSON value checked by the validator. (It was refused before: A tuple
// (`prefixItems`) whose `minItems` is smaller than its positions lets positions be
// missing.)
des_events::include_schema!("ui/schemas/prefix_items_min_items.json");

fn main() {}
