// An `allOf` branch is a string (a `$ref` written without its object) instead of a schema.
des_events::include_schema!("ui/schemas/all_of_branch_not_object.json");

fn main() {}
