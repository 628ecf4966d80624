// The schema is not valid JSON: a comma is missing between two members.
des_events::include_schema!("ui/schemas/invalid_json.json");

fn main() {}
