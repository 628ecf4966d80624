// A property whose `type` is JSON `null` instead of a type name.
des_events::include_schema!("ui/schemas/type_not_string.json");

fn main() {}
