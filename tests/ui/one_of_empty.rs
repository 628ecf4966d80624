// An empty `oneOf` below the root accepts no value.
des_events::include_schema!("ui/schemas/one_of_empty.json");

fn main() {}
