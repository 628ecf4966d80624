// An array schema without `items`: des-events needs the item type.
des_events::include_schema!("ui/schemas/array_without_items.json");

fn main() {}
