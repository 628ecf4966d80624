// A property of `type: float`, which is not a JSON Schema type.
des_events::include_schema!("ui/schemas/unknown_type.json");

fn main() {}
