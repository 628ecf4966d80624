// A string `enum` lists the same value twice.
des_events::include_schema!("ui/schemas/enum_duplicate.json");

fn main() {}
