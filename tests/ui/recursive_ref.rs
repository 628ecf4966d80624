// A definition that contains itself through `$ref` (a tree): recursive types are not supported yet.
des_events::include_schema!("ui/schemas/recursive_ref.json");

fn main() {}
