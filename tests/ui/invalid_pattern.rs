// A `pattern` that is not a valid ECMA-262 regular expression.
des_events::include_schema!("ui/schemas/invalid_pattern.json");

fn main() {}
