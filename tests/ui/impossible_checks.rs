// Checks no value can pass (`minLength` above `maxLength`, `not: {}`) are valid JSON
// Schema: the schema compiles, with a warning per check. Denied here to show them.
#![deny(deprecated)]

des_events::include_schema!("ui/schemas/impossible_checks.json");

fn main() {}
