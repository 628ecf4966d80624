// A `number` with `multipleOf: 0`, which JSON Schema requires to be strictly positive.
des_events::include_schema!("ui/schemas/number_multiple_of_zero.json");

fn main() {}
