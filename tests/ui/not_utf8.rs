// The schema file is Latin-1, not UTF-8 (the `description` has an `\xe9`).
des_events::include_schema!("ui/schemas/not_utf8.json");

fn main() {}
