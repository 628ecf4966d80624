// `examples` of an event is one envelope instead of an array of envelopes.
des_events::include_schema!("ui/schemas/examples_not_array.json");

fn main() {}
