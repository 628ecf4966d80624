// A `$schema` whose metaschema is nowhere to be read: a warning (denied here to show
// it), and the file is read as draft 2020-12.
#![deny(deprecated)]

des_events::include_schema!("ui/schemas/unknown_schema_dialect.json");

fn main() {}
