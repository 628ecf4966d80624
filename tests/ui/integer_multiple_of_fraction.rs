// An `integer` with a fractional `multipleOf`.
des_events::include_schema!("ui/schemas/integer_multiple_of_fraction.json");

fn main() {}
