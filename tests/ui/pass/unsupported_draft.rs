// Accepted since des-events reads every valid JSON Schema: what has no typed Rust shape
// is a JSON value checked by the validator. (It was refused before: The schema declares
// JSON Schema draft-07; des-events implements draft 2020-12.)
des_events::include_schema!("ui/schemas/unsupported_draft.json");

fn main() {}
