// `required` is a string instead of an array of property names.
des_events::include_schema!("ui/schemas/required_not_array.json");

fn main() {}
