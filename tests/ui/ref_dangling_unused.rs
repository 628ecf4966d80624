// A `$ref` to nothing in a definition nothing uses can hurt no document: a warning
// (denied here to show it), and the definition is left out. (Used, it is an error:
// see `ref_dangling`.)
#![deny(deprecated)]

des_events::include_schema!("ui/schemas/ref_dangling_unused.json");

fn main() {}
