// `x-des-echo` is the string "yes" instead of a boolean.
des_events::include_schema!("ui/schemas/echo_not_boolean.json");

fn main() {}
