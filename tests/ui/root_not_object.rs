// The schema root is a JSON array of event schemas instead of an object with `oneOf`.
des_events::include_schema!("ui/schemas/root_not_object.json");

fn main() {}
