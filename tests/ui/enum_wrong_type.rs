// An `enum` of `type: string` that lists `null`, which is not a string.
des_events::include_schema!("ui/schemas/enum_wrong_type.json");

fn main() {}
