// `x-des-credential` is the string "yes" instead of a boolean.
des_events::include_schema!("ui/schemas/credential_not_boolean.json");

fn main() {}
