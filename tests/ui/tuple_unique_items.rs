// `uniqueItems` on a tuple (`prefixItems`) is not supported.
des_events::include_schema!("ui/schemas/tuple_unique_items.json");

fn main() {}
