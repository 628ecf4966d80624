// `anyOf` is a single schema instead of an array of schemas.
des_events::include_schema!("ui/schemas/any_of_not_array.json");

fn main() {}
