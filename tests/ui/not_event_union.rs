// The schema root is a plain object schema, not a `oneOf` of event envelopes.
des_events::include_schema!("ui/schemas/not_event_union.json");

fn main() {}
