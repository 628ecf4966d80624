// A JSON object with the same key twice.
des_events::include_schema!("ui/schemas/duplicate_key.json");

fn main() {}
