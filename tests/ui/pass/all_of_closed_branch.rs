// Accepted since des-events reads every valid JSON Schema: what has no typed Rust shape
// is a JSON value checked by the validator. (It was refused before: An `allOf` extends a
// closed object (`additionalProperties: false`) with a property the closed branch rejects.)
des_events::include_schema!("ui/schemas/all_of_closed_branch.json");

fn main() {}
