// Two union variants define the same event name.
des_events::include_schema!("ui/schemas/duplicate_event.json");

fn main() {}
