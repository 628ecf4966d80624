// The schema declares JSON Schema draft-07; des-events implements draft 2020-12.
des_events::include_schema!("ui/schemas/unsupported_draft.json");

fn main() {}
