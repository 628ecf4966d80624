// An event envelope without `properties`.
des_events::include_schema!("ui/schemas/event_without_properties.json");

fn main() {}
