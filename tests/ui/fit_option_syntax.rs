// A map type that is not one of the three.
des_events::include_schema!("ui/schemas/fit_order.json", map_type = "Vec");

fn main() {}
