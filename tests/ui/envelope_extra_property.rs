// An event envelope with a property `timestamp` next to `event` and `message`.
des_events::include_schema!("ui/schemas/envelope_extra_property.json");

fn main() {}
