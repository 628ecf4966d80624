// A `$ref` that is an array instead of a string.
des_events::include_schema!("ui/schemas/ref_not_string.json");

fn main() {}
