// A union variant's `event` is any string instead of a `const` event name.
des_events::include_schema!("ui/schemas/event_not_const.json");

fn main() {}
