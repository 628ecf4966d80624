// `enum` is a single string instead of an array of values.
des_events::include_schema!("ui/schemas/enum_not_array.json");

fn main() {}
