// A tuple of two positions, closed by `"items": false`, whose `minItems` asks for three: no array is valid.
des_events::include_schema!("ui/schemas/prefix_items_no_valid_array.json");

fn main() {}
