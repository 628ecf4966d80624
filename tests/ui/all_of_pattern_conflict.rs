// `allOf` branches with two different `pattern`s, which des-events cannot merge into one.
des_events::include_schema!("ui/schemas/all_of_pattern_conflict.json");

fn main() {}
