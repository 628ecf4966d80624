// Accepted since des-events reads every valid JSON Schema: what has no typed Rust shape
// is a JSON value checked by the validator. (It was refused before: An event envelope
// whose `properties` has a `message` but no `event`.)
des_events::include_schema!("ui/schemas/event_without_event_property.json");

fn main() {}
