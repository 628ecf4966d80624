// A schema with both `oneOf` and `anyOf`: des-events makes one Rust enum from one of them.
des_events::include_schema!("ui/schemas/one_of_and_any_of.json");

fn main() {}
