// A string's `format` is an array instead of a format name.
des_events::include_schema!("ui/schemas/format_not_string.json");

fn main() {}
