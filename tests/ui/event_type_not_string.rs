// The `event` property of an envelope declares `type: number`.
des_events::include_schema!("ui/schemas/event_type_not_string.json");

fn main() {}
