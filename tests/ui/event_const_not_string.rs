// The event name `const` is a number instead of a string.
des_events::include_schema!("ui/schemas/event_const_not_string.json");

fn main() {}
