// An `enum` whose `type` is a list of types.
des_events::include_schema!("ui/schemas/enum_type_list.json");

fn main() {}
