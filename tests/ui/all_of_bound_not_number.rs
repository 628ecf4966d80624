// Two `allOf` branches give `minLength` different values, one of them not a number.
des_events::include_schema!("ui/schemas/all_of_bound_not_number.json");

fn main() {}
