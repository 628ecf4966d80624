// `x-des-mobile-function` is not a JavaScript identifier (it contains a `-`).
des_events::include_schema!("ui/schemas/mobile_function_not_identifier.json");

fn main() {}
