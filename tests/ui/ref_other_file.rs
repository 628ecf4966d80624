// A `$ref` into another file: only references inside the schema file are supported.
des_events::include_schema!("ui/schemas/ref_other_file.json");

fn main() {}
