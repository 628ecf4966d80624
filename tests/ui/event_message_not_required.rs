// An event envelope whose `required` omits `message`.
des_events::include_schema!("ui/schemas/event_message_not_required.json");

fn main() {}
