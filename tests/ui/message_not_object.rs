// An event's `message` is a string schema instead of an object.
des_events::include_schema!("ui/schemas/message_not_object.json");

fn main() {}
