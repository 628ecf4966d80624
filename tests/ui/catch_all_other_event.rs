// With `catch_all = true`, an event named `other` would take the variant `Other` of unknown events.
des_events::include_schema!("ui/schemas/catch_all_other_event.json", catch_all = true);

fn main() {}
