// A nested object's `properties` is an array instead of an object.
des_events::include_schema!("ui/schemas/properties_not_object.json");

fn main() {}
