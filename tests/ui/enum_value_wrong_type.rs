// An `enum` value of another type than the declared one can never match: a warning
// (denied here to show it), and the value is left out of the Rust enum.
#![deny(deprecated)]

des_events::include_schema!("ui/schemas/enum_value_wrong_type.json");

fn main() {}
