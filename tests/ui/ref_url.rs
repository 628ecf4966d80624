// A `$ref` to a URL: only references inside the schema file are supported.
des_events::include_schema!("ui/schemas/ref_url.json");

fn main() {}
