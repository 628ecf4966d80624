// A `number` whose `minimum` is the string "0" instead of a number.
des_events::include_schema!("ui/schemas/number_bound_not_number.json");

fn main() {}
