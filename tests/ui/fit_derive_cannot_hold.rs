// `derives = [Eq]` on every type, but `Price.amount` is a JSON number (`f64`): the error
// points at that property in the schema, not at rustc's complaint in generated code.
des_events::include_schema!("ui/schemas/fit_price.json", derives = [Eq]);

fn main() {}
