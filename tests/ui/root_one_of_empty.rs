// The schema root's `oneOf` lists no event.
des_events::include_schema!("ui/schemas/root_one_of_empty.json");

fn main() {}
