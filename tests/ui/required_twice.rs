// `required` lists `sku` twice.
des_events::include_schema!("ui/schemas/required_twice.json");

fn main() {}
