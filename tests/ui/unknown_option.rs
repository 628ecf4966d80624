// An option the macro does not know (`catch_al`, a typo of `catch_all`).
des_events::include_schema!("ui/schemas/unknown_option.json", catch_al = true);

fn main() {}
