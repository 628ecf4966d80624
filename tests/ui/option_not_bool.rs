// `catch_all` takes a boolean literal, not a string.
des_events::include_schema!("ui/schemas/option_not_bool.json", catch_all = "yes");

fn main() {}
