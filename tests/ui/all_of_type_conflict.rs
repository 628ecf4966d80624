// `allOf` branches that require different types (`integer` and `string`): no value can match both.
des_events::include_schema!("ui/schemas/all_of_type_conflict.json");

fn main() {}
