// A nullable type list `["string", "null"]` is not supported yet.
des_events::include_schema!("ui/schemas/nullable_type.json");

fn main() {}
