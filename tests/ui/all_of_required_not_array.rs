// An `allOf` branch gives `required` as a string, so the branches' `required` cannot be merged.
des_events::include_schema!("ui/schemas/all_of_required_not_array.json");

fn main() {}
