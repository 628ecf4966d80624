// A definition whose `allOf` refers to itself, so merging it never ends.
des_events::include_schema!("ui/schemas/all_of_recursive.json");

fn main() {}
