// A schema with both `enum` and `const`.
des_events::include_schema!("ui/schemas/enum_and_const.json");

fn main() {}
