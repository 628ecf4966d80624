// The macro takes the schema path as a string literal, nothing else.
des_events::include_schema!(123);

fn main() {}
