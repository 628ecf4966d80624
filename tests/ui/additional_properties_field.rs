// An open message object (no `additionalProperties: false`) with a property that becomes the field holding the unknown keys.
des_events::include_schema!("ui/schemas/additional_properties_field.json");

fn main() {}
