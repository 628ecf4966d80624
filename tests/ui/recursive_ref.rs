// A recursive `$ref` whose cycle has no object (an array of itself) cannot become a Rust type.
des_events::include_schema!("ui/schemas/recursive_ref.json");

fn main() {}
