// An `allOf` branch gives `enum` as a string, so the branches' `enum`s cannot be intersected.
des_events::include_schema!("ui/schemas/all_of_enum_not_array.json");

fn main() {}
