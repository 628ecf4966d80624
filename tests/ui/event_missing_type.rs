// An event envelope without `type: object`.
des_events::include_schema!("ui/schemas/event_missing_type.json");

fn main() {}
