// A `$ref` to a file next to the schema that does not exist: the error names the file and where the `$ref` is.
des_events::include_schema!("ui/schemas/ref_other_file.json");

fn main() {}
