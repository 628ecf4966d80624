// An empty `enum` accepts no value.
des_events::include_schema!("ui/schemas/enum_empty.json");

fn main() {}
