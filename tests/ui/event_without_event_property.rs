// An event envelope whose `properties` has a `message` but no `event`.
des_events::include_schema!("ui/schemas/event_without_event_property.json");

fn main() {}
