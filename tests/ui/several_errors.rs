// Three independent problems in one schema are reported together, as three errors.
des_events::include_schema!("ui/schemas/several_errors.json");

fn main() {}
