// A `patternProperties` key that is not an ECMA-262 regular expression.
des_events::include_schema!("ui/schemas/pattern_properties_invalid.json");

fn main() {}
