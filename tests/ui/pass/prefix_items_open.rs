// Accepted since des-events reads every valid JSON Schema: what has no typed Rust shape
// is a JSON value checked by the validator. (It was refused before: A tuple
// (`prefixItems`) without `"items": false` allows more items after its positions.)
des_events::include_schema!("ui/schemas/prefix_items_open.json");

fn main() {}
