// The schema file does not exist.
des_events::include_schema!("ui/schemas/missing_file.json");

fn main() {}
