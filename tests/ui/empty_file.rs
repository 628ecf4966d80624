// An empty schema file is invalid JSON.
des_events::include_schema!("ui/schemas/empty_file.json");

fn main() {}
