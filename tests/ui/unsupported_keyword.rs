// A message object uses `patternProperties`, which des-events does not support.
des_events::include_schema!("ui/schemas/unsupported_keyword.json");

fn main() {}
