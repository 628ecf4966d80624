// `$defs` is an array instead of an object of named schemas.
des_events::include_schema!("ui/schemas/defs_not_object.json");

fn main() {}
