// Two different nested objects share the title `Item`, so both would be the Rust type `Item`.
des_events::include_schema!("ui/schemas/type_name_collision.json");

fn main() {}
