// An event envelope whose `properties` has an `event` but no `message`.
des_events::include_schema!("ui/schemas/event_without_message.json");

fn main() {}
