// An event envelope of `type: array` instead of `object`.
des_events::include_schema!("ui/schemas/event_wrong_type.json");

fn main() {}
