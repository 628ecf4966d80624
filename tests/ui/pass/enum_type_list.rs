// Accepted since des-events reads every valid JSON Schema: what has no typed Rust shape
// is a JSON value checked by the validator. (It was refused before: An `enum` whose `type`
// is a list of types.)
des_events::include_schema!("ui/schemas/enum_type_list.json");

fn main() {}
