// An empty `allOf` has no schema to merge.
des_events::include_schema!("ui/schemas/all_of_empty.json");

fn main() {}
