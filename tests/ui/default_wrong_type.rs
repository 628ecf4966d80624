// An integer property whose `default` is the string "1": the schema's author slipped, so
// the schema still generates, with a warning at the `default` (denied here to show it)
// and no `quantity_or_default` accessor.
#![deny(deprecated)]

des_events::include_schema!("ui/schemas/default_wrong_type.json");

fn main() {}
