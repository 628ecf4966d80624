// The root `$id` is a number instead of a string.
des_events::include_schema!("ui/schemas/id_not_string.json");

fn main() {}
