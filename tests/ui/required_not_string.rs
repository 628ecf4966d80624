// `required` lists `null` besides property names.
des_events::include_schema!("ui/schemas/required_not_string.json");

fn main() {}
