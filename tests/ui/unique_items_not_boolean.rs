// `uniqueItems` is the string "true" instead of a boolean.
des_events::include_schema!("ui/schemas/unique_items_not_boolean.json");

fn main() {}
