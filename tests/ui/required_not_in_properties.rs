// `required` names `SKU`, which is not in `properties` (the property is `sku`).
des_events::include_schema!("ui/schemas/required_not_in_properties.json");

fn main() {}
