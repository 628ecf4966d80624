// An example of `itemAdded` is an envelope of another event (`cartCleared`).
des_events::include_schema!("ui/schemas/example_other_event.json");

fn main() {}
