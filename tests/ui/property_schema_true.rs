// A property schema is `true` (anything) instead of a schema object.
des_events::include_schema!("ui/schemas/property_schema_true.json");

fn main() {}
