// A string's `pattern` is an array instead of a regular expression.
des_events::include_schema!("ui/schemas/pattern_not_string.json");

fn main() {}
