// `prefixItems` with no position.
des_events::include_schema!("ui/schemas/prefix_items_empty.json");

fn main() {}
