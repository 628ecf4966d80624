// A property schema with neither `type` nor `enum`, `const` or `$ref`.
des_events::include_schema!("ui/schemas/untyped_schema.json");

fn main() {}
