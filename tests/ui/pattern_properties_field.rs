// A property that becomes the field holding the keys matching the first pattern.
des_events::include_schema!("ui/schemas/pattern_properties_field.json");

fn main() {}
