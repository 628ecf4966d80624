// A nested object titled `ShopEventHandler`, the name of the generated handler trait of `ShopEvent`.
des_events::include_schema!("ui/schemas/reserved_type_name.json");

fn main() {}
