// `maxLength` is negative, not a count.
des_events::include_schema!("ui/schemas/count_negative.json");

fn main() {}
