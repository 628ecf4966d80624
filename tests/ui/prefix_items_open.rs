// A tuple (`prefixItems`) without `"items": false` allows more items after its positions.
des_events::include_schema!("ui/schemas/prefix_items_open.json");

fn main() {}
