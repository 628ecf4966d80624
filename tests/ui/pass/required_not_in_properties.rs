// Accepted since des-events reads every valid JSON Schema: what has no typed Rust shape
// is a JSON value checked by the validator. (It was refused before: `required` names
// `SKU`, which is not in `properties` (the property is `sku`).)
des_events::include_schema!("ui/schemas/required_not_in_properties.json");

fn main() {}
