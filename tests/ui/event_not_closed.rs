// An event envelope without `additionalProperties: false`.
des_events::include_schema!("ui/schemas/event_not_closed.json");

fn main() {}
