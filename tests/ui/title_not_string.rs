// An event's `title` is a number instead of a string.
des_events::include_schema!("ui/schemas/title_not_string.json");

fn main() {}
