// A property of `type: null`, which can only ever be `null`.
des_events::include_schema!("ui/schemas/null_type.json");

fn main() {}
