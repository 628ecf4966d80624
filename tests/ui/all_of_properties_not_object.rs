// An `allOf` branch gives `properties` as an array, so the branches' `properties` cannot be merged.
des_events::include_schema!("ui/schemas/all_of_properties_not_object.json");

fn main() {}
