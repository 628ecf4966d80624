// A list of types other than a nullable property `[T, "null"]` is not supported yet.
des_events::include_schema!("ui/schemas/type_list.json");

fn main() {}
