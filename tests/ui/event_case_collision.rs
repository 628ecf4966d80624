// The events `onShare` and `on_share` both become the Rust variant `OnShare`.
des_events::include_schema!("ui/schemas/event_case_collision.json");

fn main() {}
