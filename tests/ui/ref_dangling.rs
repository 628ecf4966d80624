// A `$ref` inside the file that points at nothing (`#/$defs/Item` is not defined).
des_events::include_schema!("ui/schemas/ref_dangling.json");

fn main() {}
